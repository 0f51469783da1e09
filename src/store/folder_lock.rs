//! A shared lock on the database's folder, held while a store is open. A command that created a
//! database and left it empty removes it only under the exclusive lock, which it gets only when no
//! other process has a database of that folder open; a process that opens one meanwhile waits for
//! the removal and then creates its own file. Unix only: on Windows no lock is needed, because
//! SQLite opens a database without sharing it for deletion, so the system itself refuses to remove
//! a database another process has open (tested under Wine in `tests/store.rs`).

use std::fs::File;
use std::path::Path;

/// A held lock (or none, where locks are not used or the folder could not be opened).
pub(crate) struct Held(#[allow(dead_code)] Option<File>);

/// Waits for and takes the shared lock on the folder of `db`.
pub(crate) fn shared(db: &Path) -> Held {
    #[cfg(unix)]
    if let Some(folder) = open_folder(db) {
        if folder.lock_shared().is_ok() {
            return Held(Some(folder));
        }
    }
    #[cfg(not(unix))]
    let _ = db;
    Held(None)
}

/// The exclusive lock on the folder of `db`, if no other process holds it (`None` otherwise).
pub(crate) fn exclusive(db: &Path) -> Option<Held> {
    #[cfg(unix)]
    {
        let folder = open_folder(db)?;
        folder.try_lock().ok()?;
        Some(Held(Some(folder)))
    }
    #[cfg(not(unix))]
    {
        let _ = db;
        Some(Held(None))
    }
}

#[cfg(unix)]
fn open_folder(db: &Path) -> Option<File> {
    let folder = db.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    File::open(folder).ok()
}

#[cfg(all(test, unix))]
mod tests {
    #[test]
    fn the_exclusive_lock_waits_for_every_shared_one() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("kommune.sqlite");
        let held = super::shared(&db);
        assert!(super::exclusive(&db).is_none(), "another holder of the folder");
        drop(held);
        let only = super::exclusive(&db).expect("nobody else holds the folder");
        drop(only);
        assert!(super::exclusive(&db).is_some());
    }
}
