//! The app's state: the store behind a mutex, or the reason it could not be opened.

use anbindungscheck::ipc::IpcError;
use anbindungscheck::Store;
use std::path::PathBuf;
use std::sync::Mutex;

use crate::AppError;

/// Managed state of the app.
pub struct AppState {
    store: Result<Mutex<Store>, IpcError>,
    db_path: Option<PathBuf>,
    /// The package file the clerk chose and is about to confirm.
    pending_package: Mutex<Option<PathBuf>>,
}

impl AppState {
    /// Opens the database at `path`; a failure is kept and reported by every command.
    pub fn open(path: Option<PathBuf>) -> AppState {
        let store = match &path {
            Some(path) => Store::open(path).map(Mutex::new).map_err(IpcError::from),
            None => Err(IpcError {
                code: "io".into(),
                message: "Es wurde kein Ordner für die Daten gefunden. Bitte setzen Sie \
                          ANBINDUNGSCHECK_DB auf den Pfad der Datenbank."
                    .into(),
                field: None,
            }),
        };
        AppState { store, db_path: path, pending_package: Mutex::new(None) }
    }

    /// Runs `f` with the store.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Store) -> anbindungscheck::Result<T>,
    ) -> Result<T, AppError> {
        let store = self.store.as_ref().map_err(|e| AppError::Unavailable(e.clone()))?;
        // A panic while holding the lock cannot leave a half-written row (SQLite rolls back),
        // so the store stays usable.
        let mut guard = store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        Ok(f(&mut guard)?)
    }

    /// Remembers (or forgets) the package file chosen in the file dialog.
    pub fn set_pending_package(&self, path: Option<PathBuf>) {
        *self.pending_package.lock().unwrap_or_else(|p| p.into_inner()) = path;
    }

    /// The package file chosen in the file dialog, if any.
    pub fn pending_package(&self) -> Option<PathBuf> {
        self.pending_package.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Where the database is (or would be).
    pub fn db_path(&self) -> String {
        self.db_path.as_ref().map(|p| p.display().to_string()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_failure_is_reported_by_every_call() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("not-ours.sqlite");
        std::fs::write(&path, b"just some text, not a database at all").unwrap();
        let state = AppState::open(Some(path.clone()));
        let err = state.with(|s| s.profile()).unwrap_err();
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["code"], "database_foreign");
        assert!(json["message"].as_str().unwrap().contains("keine Datenbank von Anbindungscheck"));
        assert_eq!(std::fs::read(&path).unwrap(), b"just some text, not a database at all");
    }

    #[test]
    fn commands_reach_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(Some(dir.path().join("a.sqlite")));
        let checklist = state.with(|s| s.checklist()).unwrap();
        assert!(checklist.entries.len() >= 16);
    }
}
