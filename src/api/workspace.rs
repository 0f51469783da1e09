//! The open workspace: the store (or the reason it could not be opened) behind a mutex, so that a
//! restore can close it, replace the file and open it again, and the package file the user chose
//! and is about to confirm.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use super::{ApiError, IpcError, Result};
use crate::error_code::ErrorCode;
use crate::store::Store;

/// The database a caller works on.
pub struct Workspace {
    store: Mutex<std::result::Result<Store, IpcError>>,
    db_path: Option<PathBuf>,
    /// The package file the user chose and is about to confirm.
    pending_package: Mutex<Option<PathBuf>>,
}

impl Workspace {
    /// Opens the database at `path`; a failure is kept and reported by every command.
    pub fn open(path: Option<PathBuf>) -> Workspace {
        let store = match &path {
            Some(path) => Store::open(path).map_err(IpcError::from),
            None => Err(no_folder()),
        };
        Workspace { store: Mutex::new(store), db_path: path, pending_package: Mutex::new(None) }
    }

    fn lock(&self) -> MutexGuard<'_, std::result::Result<Store, IpcError>> {
        // A panic while holding the lock cannot leave a half-written row (SQLite rolls back),
        // so the store stays usable.
        self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether the database is open: `Err` with the reason it could not be opened, as every
    /// command would report it (a caller checks this before it checks its own input).
    pub fn check(&self) -> Result<()> {
        self.with(|_| Ok(()))
    }

    /// Runs `f` with the store.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> crate::Result<T>) -> Result<T> {
        let mut guard = self.lock();
        let store = guard.as_mut().map_err(|e| ApiError::Unavailable(e.clone()))?;
        Ok(f(store)?)
    }

    /// Replaces the database with the backup `from` (the store checks it and keeps the current
    /// database under `backups/`), then opens the store again. Returns where the previous
    /// database was kept. No command reaches the store meanwhile; if the restore is refused, the
    /// old database is opened again untouched.
    pub fn restore(&self, from: &Path) -> Result<Option<PathBuf>> {
        let db = self.db_file().ok_or_else(|| ApiError::Unavailable(no_folder()))?;
        let mut guard = self.lock();
        // Close the connection: no connection to the file may be open while it is replaced.
        *guard = Err(IpcError {
            code: ErrorCode::Database,
            message: "Die Datenbank wird gerade wiederhergestellt.".into(),
            field: None,
        });
        let restored = crate::store::backup::restore(db, from);
        // Open whatever is there now: the restored database, or the old one if it was refused.
        *guard = Store::open(db).map_err(IpcError::from);
        let kept = restored?;
        if let Err(e) = &*guard {
            return Err(ApiError::Unavailable(e.clone()));
        }
        Ok(kept)
    }

    /// Remembers (or forgets) the package file chosen in the file dialog.
    pub(crate) fn set_pending_package(&self, path: Option<PathBuf>) {
        *self.pending_package.lock().unwrap_or_else(|p| p.into_inner()) = path;
    }

    /// The package file chosen in the file dialog, if any.
    pub(crate) fn pending_package(&self) -> Option<PathBuf> {
        self.pending_package.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The database file, if a place for it was found.
    pub fn db_file(&self) -> Option<&Path> {
        self.db_path.as_deref()
    }

    /// The database file, or the error that there is none.
    pub(crate) fn require_db_file(&self) -> Result<&Path> {
        self.db_file().ok_or_else(|| ApiError::Unavailable(no_folder()))
    }
}

/// A database file that does not exist yet, and the folders that opening it will create. If the
/// commands run on it store nothing (they failed, or only read, as after a mistyped path),
/// [`NewDatabase::remove_if_unused`] takes it away again, so that nothing is left behind.
#[derive(Debug)]
pub struct NewDatabase {
    db: PathBuf,
    /// The folders that do not exist yet, innermost first.
    folders: Vec<PathBuf>,
}

impl NewDatabase {
    /// Notes, before the database at `db` is opened, what opening it will create; `None` if the
    /// file exists already.
    pub fn before_open(db: &Path) -> Option<NewDatabase> {
        if db.exists() {
            return None;
        }
        let folders = db
            .ancestors()
            .skip(1)
            .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
            .map(Path::to_path_buf)
            .collect();
        Some(NewDatabase { db: db.to_path_buf(), folders })
    }

    /// Removes the database if it holds no data (see [`crate::store::remove_if_unused`]), and
    /// then the folders made for it while they are empty. Call it after the workspace on the
    /// database was dropped.
    pub fn remove_if_unused(self) {
        crate::store::remove_if_unused(&self.db);
        if self.db.exists() {
            return;
        }
        for folder in &self.folders {
            if std::fs::remove_dir(folder).is_err() {
                break;
            }
        }
    }
}

/// Why there is no database: no folder was found for it.
fn no_folder() -> IpcError {
    IpcError {
        code: ErrorCode::Io,
        message: "Es wurde kein Ordner für die Daten gefunden. Bitte setzen Sie \
                  ANBINDUNGSCHECK_DB auf den Pfad der Datenbank."
            .into(),
        field: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::ProfileInput;

    fn profile(name: &str) -> ProfileInput {
        ProfileInput {
            name: name.into(),
            ags: "09162000".into(),
            population: None,
            coordinator_name: None,
            coordinator_email: None,
            coordinator_phone: None,
        }
    }

    fn name(ws: &Workspace) -> String {
        ws.with(|s| s.profile()).unwrap().expect("a profile").name
    }

    #[test]
    fn open_failure_is_reported_by_every_call() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("not-ours.sqlite");
        std::fs::write(&path, b"just some text, not a database at all").unwrap();
        let ws = Workspace::open(Some(path.clone()));
        let err = ws.with(|s| s.profile()).unwrap_err();
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["code"], "database_foreign");
        assert!(json["message"].as_str().unwrap().contains("keine Datenbank von Anbindungscheck"));
        assert_eq!(std::fs::read(&path).unwrap(), b"just some text, not a database at all");
    }

    #[test]
    fn restore_replaces_the_data_and_the_store_works_afterwards() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("daten").join("kommune.sqlite");
        let ws = Workspace::open(Some(db.clone()));
        ws.with(|s| s.set_profile(&profile("Gemeinde Alt"))).unwrap();
        let backup = dir.path().join("sicherung.sqlite");
        ws.with(|s| s.backup_to(&backup)).unwrap();
        ws.with(|s| s.set_profile(&profile("Gemeinde Neu"))).unwrap();

        let kept = ws.restore(&backup).unwrap().expect("the previous database was kept");
        assert_eq!(name(&ws), "Gemeinde Alt");
        // The store is open and writable again.
        ws.with(|s| s.set_profile(&profile("Gemeinde Weiter"))).unwrap();
        assert_eq!(name(&ws), "Gemeinde Weiter");
        let history = ws.with(|s| s.history(&Default::default())).unwrap();
        assert!(!history.is_empty());

        // The kept copy holds the data from before the restore.
        assert_eq!(kept.parent(), Some(db.parent().unwrap().join("backups").as_path()));
        let copy = dir.path().join("kopie.sqlite");
        std::fs::copy(&kept, &copy).unwrap();
        let kept_ws = Workspace::open(Some(copy));
        assert_eq!(name(&kept_ws), "Gemeinde Neu");
    }

    #[test]
    fn a_refused_restore_leaves_the_old_store_open_and_its_data_intact() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("kommune.sqlite");
        let ws = Workspace::open(Some(db.clone()));
        ws.with(|s| s.set_profile(&profile("Gemeinde Bleibt"))).unwrap();

        // A file of some other kind.
        let foreign = dir.path().join("fremd.sqlite");
        std::fs::write(&foreign, b"SQLite format 3? no, just text").unwrap();
        let err = serde_json::to_value(ws.restore(&foreign).unwrap_err()).unwrap();
        assert_eq!(err["code"], "database_foreign", "{err}");
        assert_eq!(name(&ws), "Gemeinde Bleibt");

        // A backup of ours, damaged in the middle.
        let backup = dir.path().join("sicherung.sqlite");
        ws.with(|s| s.backup_to(&backup)).unwrap();
        let mut bytes = std::fs::read(&backup).unwrap();
        let end = bytes.len() - 1024;
        assert!(end > 4096);
        for b in &mut bytes[4096..end] {
            *b = 0xA5;
        }
        let damaged = dir.path().join("beschaedigt.sqlite");
        std::fs::write(&damaged, &bytes).unwrap();
        let err = serde_json::to_value(ws.restore(&damaged).unwrap_err()).unwrap();
        assert!(["database", "validation"].contains(&err["code"].as_str().unwrap()), "{err}");

        // A file that is not there.
        let err = serde_json::to_value(ws.restore(&dir.path().join("fehlt.sqlite")).unwrap_err())
            .unwrap();
        assert_eq!(err["code"], "validation");

        // Still the same data, and still writable.
        assert_eq!(name(&ws), "Gemeinde Bleibt");
        ws.with(|s| s.set_profile(&profile("Gemeinde Bleibt auch"))).unwrap();
        assert_eq!(name(&ws), "Gemeinde Bleibt auch");
        // Nothing was replaced, so nothing was kept.
        assert!(!db.parent().unwrap().join("backups").exists());
    }

    #[test]
    fn a_new_database_that_stays_empty_is_removed_with_its_folders() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("a").join("b").join("kommune.sqlite");
        let new = NewDatabase::before_open(&db).expect("not there yet");
        let ws = Workspace::open(Some(db.clone()));
        ws.check().unwrap();
        ws.with(|s| s.checklist()).unwrap();
        drop(ws);
        assert!(db.exists());
        new.remove_if_unused();
        assert!(!dir.path().join("a").exists());
        assert!(dir.path().exists());
    }

    #[test]
    fn a_new_database_with_data_stays_and_an_old_one_is_never_new() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("daten").join("kommune.sqlite");
        let new = NewDatabase::before_open(&db).unwrap();
        let ws = Workspace::open(Some(db.clone()));
        ws.with(|s| s.set_profile(&profile("Gemeinde Bleibt"))).unwrap();
        drop(ws);
        new.remove_if_unused();
        assert!(db.exists());
        assert!(NewDatabase::before_open(&db).is_none());
    }

    #[test]
    fn check_reports_why_the_database_is_not_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fremd.sqlite");
        std::fs::write(&path, b"just some text, not a database at all").unwrap();
        let err = Workspace::open(Some(path)).check().unwrap_err();
        assert_eq!(err.code(), ErrorCode::DatabaseForeign);
        assert_eq!(Workspace::open(None).check().unwrap_err().code(), ErrorCode::Io);
    }

    #[test]
    fn restore_without_a_database_folder_is_refused() {
        let ws = Workspace::open(None);
        let err = serde_json::to_value(ws.restore(Path::new("x.sqlite")).unwrap_err()).unwrap();
        assert_eq!(err["code"], "io");
    }
}
