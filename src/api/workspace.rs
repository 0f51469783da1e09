//! The open workspace: the store (or the reason it could not be opened) behind a mutex, so that a
//! restore can close it, replace the file and open it again, and a switch can open the other
//! workspace; and the package file the user chose and is about to confirm.
//!
//! One installation serves both workspaces, each in its own database file: the file the app was
//! started with (`ANBINDUNGSCHECK_DB`, or the default in the app-data folder) and, next to it, the
//! other kind's default file. A new file's kind is chosen at first start (or preset with
//! `ANBINDUNGSCHECK_WORKSPACE`), and the workspace last opened is remembered next to the files.

use serde::Serialize;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use super::{ApiError, IpcError, Result};
use crate::error_code::ErrorCode;
use crate::paths;
use crate::store::{migrations, Store};
use crate::workspace_kind::WorkspaceKind;

/// The database a caller works on.
pub struct Workspace {
    slot: Mutex<Slot>,
    /// The file the workspace was started with, and its kind if it has one.
    origin: Option<(PathBuf, Option<WorkspaceKind>)>,
    /// The package file the user chose and is about to confirm.
    pending_package: Mutex<Option<PathBuf>>,
    /// The backup the user chose and is about to confirm.
    pending_backup: Mutex<Option<PathBuf>>,
}

/// The open database: the store or why there is none, its file and its kind (`None` while the
/// user has not chosen one).
struct Slot {
    store: std::result::Result<Store, IpcError>,
    path: Option<PathBuf>,
    kind: Option<WorkspaceKind>,
}

/// Which workspace is open, and where the files of both lie.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct WorkspaceInfo {
    /// The open workspace; `None` until the user has chosen one.
    pub kind: Option<WorkspaceKind>,
    /// Its database file.
    pub path: Option<String>,
    /// Both workspaces, with their files and whether these exist yet.
    pub workspaces: Vec<WorkspaceFile>,
}

/// One workspace's database file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct WorkspaceFile {
    pub kind: WorkspaceKind,
    pub label: String,
    pub path: String,
    pub exists: bool,
}

impl Workspace {
    /// Opens the municipality's database at `path`; a failure is kept and reported by every
    /// command.
    pub fn open(path: Option<PathBuf>) -> Workspace {
        Workspace::open_as(path, WorkspaceKind::Kommune)
    }

    /// Opens the database of workspace `kind` at `path` (created if missing); a database of the
    /// other kind is refused unchanged, and every command reports why.
    pub fn open_as(path: Option<PathBuf>, kind: WorkspaceKind) -> Workspace {
        let origin = path.clone().map(|p| (p, Some(kind)));
        Workspace::with_slot(Slot::open(path, kind), origin)
    }

    /// Opens the database at `path` as the workspace its file says it is (a new file as one of
    /// `new_kind`): for what both workspaces do alike (history, backups).
    pub fn open_either(path: PathBuf, new_kind: WorkspaceKind) -> Workspace {
        match migrations::kind_of(&path) {
            Ok(kind) => Workspace::open_as(Some(path), kind.map_or(new_kind, |(kind, _)| kind)),
            Err(e) => {
                let slot = Slot::closed(Some(path.clone()), None, e.into());
                Workspace::with_slot(slot, Some((path, None)))
            }
        }
    }

    /// Opens the workspace the app starts with, given the file it was started with: the
    /// workspace last opened if its file exists, else the file's own kind, else the kind
    /// `preselected` (`ANBINDUNGSCHECK_WORKSPACE`), else an existing file of either kind next to
    /// it. With none of these, no workspace is open until the user chooses one.
    pub fn start(path: Option<PathBuf>, preselected: Option<WorkspaceKind>) -> Workspace {
        let Some(given) = path else {
            return Workspace::with_slot(Slot::closed(None, None, no_folder()), None);
        };
        let given_kind = match migrations::kind_of(&given) {
            Ok(kind) => kind.map(|(kind, _)| kind),
            Err(e) => {
                let slot = Slot::closed(Some(given.clone()), None, e.into());
                return Workspace::with_slot(slot, Some((given, None)));
            }
        };
        let file = |kind| file_for(&given, given_kind, kind);
        let remembered = read_choice(&given).filter(|k| file(*k).exists());
        let existing = || WorkspaceKind::ALL.iter().copied().find(|k| file(*k).exists());
        let slot = match remembered.or(given_kind).or(preselected).or_else(existing) {
            Some(kind) => Slot::open(Some(file(kind)), kind),
            None => Slot::closed(Some(given.clone()), None, unchosen()),
        };
        Workspace::with_slot(slot, Some((given, given_kind)))
    }

    fn with_slot(slot: Slot, origin: Option<(PathBuf, Option<WorkspaceKind>)>) -> Workspace {
        Workspace {
            slot: Mutex::new(slot),
            origin,
            pending_package: Mutex::new(None),
            pending_backup: Mutex::new(None),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Slot> {
        // A panic while holding the lock cannot leave a half-written row (SQLite rolls back),
        // so the store stays usable.
        self.slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether the database is open: `Err` with the reason it could not be opened, as every
    /// command would report it (a caller checks this before it checks its own input).
    pub fn check(&self) -> Result<()> {
        self.with_any(|_| Ok(()))
    }

    /// Runs `f` with the store of a municipality's workspace; refused in the Land's.
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> crate::Result<T>) -> Result<T> {
        self.with_kind(Some(WorkspaceKind::Kommune), f)
    }

    /// Runs `f` with the store of the Land's workspace; refused in a municipality's.
    pub fn with_land<T>(&self, f: impl FnOnce(&mut Store) -> crate::Result<T>) -> Result<T> {
        self.with_kind(Some(WorkspaceKind::Land), f)
    }

    /// Runs `f` with the store of either workspace (the checklist, evidence, history, backups).
    pub fn with_any<T>(&self, f: impl FnOnce(&mut Store) -> crate::Result<T>) -> Result<T> {
        self.with_kind(None, f)
    }

    fn with_kind<T>(
        &self,
        wanted: Option<WorkspaceKind>,
        f: impl FnOnce(&mut Store) -> crate::Result<T>,
    ) -> Result<T> {
        let mut guard = self.lock();
        let store = guard.store.as_mut().map_err(|e| ApiError::Unavailable(e.clone()))?;
        if let Some(wanted) = wanted.filter(|k| *k != store.kind()) {
            return Err(ApiError::Unavailable(wrong_kind(store.kind(), wanted)));
        }
        Ok(f(store)?)
    }

    /// Which workspace is open and where both workspaces' files lie.
    pub fn info(&self) -> WorkspaceInfo {
        let guard = self.lock();
        let workspaces = match &self.origin {
            Some((given, given_kind)) => WorkspaceKind::ALL
                .iter()
                .map(|&kind| {
                    let path = file_for(given, *given_kind, kind);
                    WorkspaceFile {
                        kind,
                        label: kind.label().to_owned(),
                        exists: path.exists(),
                        path: path.display().to_string(),
                    }
                })
                .collect(),
            None => Vec::new(),
        };
        WorkspaceInfo {
            kind: guard.kind,
            path: guard.path.as_ref().map(|p| p.display().to_string()),
            workspaces,
        }
    }

    /// Opens the workspace `kind` (creating its database if missing) in place of the open one,
    /// and remembers it for the next start. If its database cannot be opened, the workspace that
    /// was open stays open and the error is returned.
    pub fn switch(&self, kind: WorkspaceKind) -> Result<WorkspaceInfo> {
        let (given, given_kind) = self.origin.as_ref().ok_or_else(|| unavailable(no_folder()))?;
        let path = file_for(given, *given_kind, kind);
        {
            let mut guard = self.lock();
            if guard.kind != Some(kind) || guard.store.is_err() {
                let opened = Slot::open(Some(path.clone()), kind);
                if let Err(e) = &opened.store {
                    return Err(ApiError::Unavailable(e.clone()));
                }
                // The old store is closed when it is replaced.
                *guard = opened;
                self.set_pending_package(None);
            }
        }
        write_choice(given, kind);
        Ok(self.info())
    }

    /// Replaces the database with the backup `from` (the store checks it, also that it is of
    /// this workspace's kind, and keeps the current database under `backups/`), then opens the
    /// store again. Returns where the previous database was kept. No command reaches the store
    /// meanwhile; if the restore is refused, the old database is opened again untouched.
    pub fn restore(&self, from: &Path) -> Result<Option<PathBuf>> {
        let mut guard = self.lock();
        let (Some(db), Some(kind)) = (guard.path.clone(), guard.kind) else {
            return Err(guard
                .store
                .as_ref()
                .err()
                .cloned()
                .map_or_else(|| unavailable(no_folder()), ApiError::Unavailable));
        };
        // Close the connection: no connection to the file may be open while it is replaced.
        guard.store = Err(IpcError {
            code: ErrorCode::Database,
            message: "Die Datenbank wird gerade wiederhergestellt.".into(),
            field: None,
        });
        let restored = crate::store::backup::restore(&db, kind, from);
        // Open whatever is there now: the restored database, or the old one if it was refused.
        guard.store = Store::open_as(&db, kind).map_err(IpcError::from);
        let kept = restored?;
        if let Err(e) = &guard.store {
            return Err(ApiError::Unavailable(e.clone()));
        }
        Ok(kept)
    }

    /// Remembers (or forgets) the package file chosen in the file dialog.
    pub(crate) fn set_pending_package(&self, path: Option<PathBuf>) {
        *self.pending_package.lock().unwrap_or_else(|p| p.into_inner()) = path;
    }

    /// Remembers (or forgets) the backup chosen in the file dialog.
    pub(crate) fn set_pending_backup(&self, path: Option<PathBuf>) {
        *self.pending_backup.lock().unwrap_or_else(|p| p.into_inner()) = path;
    }

    /// The backup chosen in the file dialog, forgotten once taken.
    pub(crate) fn take_pending_backup(&self) -> Option<PathBuf> {
        self.pending_backup.lock().unwrap_or_else(|p| p.into_inner()).take()
    }

    /// The package file chosen in the file dialog, if any.
    pub(crate) fn pending_package(&self) -> Option<PathBuf> {
        self.pending_package.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The open database's file, if a place for it was found.
    pub fn db_file(&self) -> Option<PathBuf> {
        self.lock().path.clone()
    }

    /// The open workspace's kind; `None` until one is chosen.
    pub fn kind(&self) -> Option<WorkspaceKind> {
        self.lock().kind
    }

    /// The database file, or the error that there is none.
    pub(crate) fn require_db_file(&self) -> Result<PathBuf> {
        self.db_file().ok_or_else(|| unavailable(no_folder()))
    }
}

impl Slot {
    fn open(path: Option<PathBuf>, kind: WorkspaceKind) -> Slot {
        let store = match &path {
            Some(path) => Store::open_as(path, kind).map_err(IpcError::from),
            None => Err(no_folder()),
        };
        let kind = store.as_ref().ok().map(|s| s.kind());
        Slot { store, path, kind }
    }

    fn closed(path: Option<PathBuf>, kind: Option<WorkspaceKind>, why: IpcError) -> Slot {
        Slot { store: Err(why), path, kind }
    }
}

/// The database file of workspace `kind`, given the file the app was started with (`given`, of
/// kind `given_kind` if it exists): `given` itself for its own kind, and the other kind's default
/// file next to it. A new `given` serves whichever kind is chosen, unless it carries the other
/// kind's default name (the app-data folder's default file is the municipality's).
fn file_for(given: &Path, given_kind: Option<WorkspaceKind>, kind: WorkspaceKind) -> PathBuf {
    let default = given.with_file_name(paths::file_name(kind));
    match given_kind {
        Some(k) if k == kind => given.to_owned(),
        Some(_) => default,
        None if given.file_name() == Some(paths::file_name(kind.other()).as_ref()) => default,
        None => given.to_owned(),
    }
}

/// The workspace last opened in `given`'s folder, if remembered.
fn read_choice(given: &Path) -> Option<WorkspaceKind> {
    let file = std::fs::File::open(given.with_file_name(paths::CHOICE_FILE)).ok()?;
    let mut text = String::new();
    file.take(64).read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

/// Remembers the workspace opened; a failure only means the next start asks again.
fn write_choice(given: &Path, kind: WorkspaceKind) {
    let _ = std::fs::write(given.with_file_name(paths::CHOICE_FILE), format!("{}\n", kind.key()));
}

fn unavailable(e: IpcError) -> ApiError {
    ApiError::Unavailable(e)
}

/// A command of one workspace called in the other.
fn wrong_kind(open: WorkspaceKind, wanted: WorkspaceKind) -> IpcError {
    IpcError {
        code: ErrorCode::WorkspaceWrongKind,
        message: format!(
            "Das gehört zum Arbeitsbereich „{}“; geöffnet ist der Arbeitsbereich „{}“. \
             Es wurde nichts verändert.",
            wanted.label(),
            open.label()
        ),
        field: None,
    }
}

/// No workspace chosen yet.
fn unchosen() -> IpcError {
    IpcError {
        code: ErrorCode::WorkspaceUnchosen,
        message: "Bitte wählen Sie zuerst, wer mit Anbindungscheck arbeitet: eine Kommune oder \
                  das Land (OZG-Koordination)."
            .into(),
        field: None,
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
            kind: None,
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
        assert_eq!(ws.kind(), Some(WorkspaceKind::Kommune));
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

    fn land() -> crate::land_profile::LandProfileInput {
        crate::land_profile::LandProfileInput {
            land_code: "03".into(),
            name: "Koordination".into(),
        }
    }

    #[test]
    fn a_first_start_asks_and_the_choice_creates_a_database_of_that_kind() {
        let dir = tempfile::tempdir().unwrap();
        let given = dir.path().join(paths::DB_FILE);
        let ws = Workspace::start(Some(given.clone()), None);
        assert_eq!(ws.kind(), None);
        assert_eq!(ws.check().unwrap_err().code(), ErrorCode::WorkspaceUnchosen);
        assert!(!given.exists(), "nothing is created before the choice");
        let info = ws.info();
        assert_eq!(info.kind, None);
        let files: Vec<_> = info.workspaces.iter().map(|w| (w.kind, w.exists)).collect();
        assert_eq!(files, [(WorkspaceKind::Kommune, false), (WorkspaceKind::Land, false)]);

        // The Land's file sits next to the municipality's default file.
        let info = ws.switch(WorkspaceKind::Land).unwrap();
        let land_db = dir.path().join(paths::LAND_DB_FILE);
        assert_eq!(info.path.as_deref(), Some(land_db.to_str().unwrap()));
        ws.with_land(|s| s.set_land_profile(&land())).unwrap();
        assert!(!given.exists());
        drop(ws);

        // The next start opens the Land's workspace again; switching back opens the other file.
        let ws = Workspace::start(Some(given.clone()), None);
        assert_eq!(ws.kind(), Some(WorkspaceKind::Land));
        assert_eq!(ws.with_land(|s| s.land_profile()).unwrap().unwrap().land_code, "03");
        ws.switch(WorkspaceKind::Kommune).unwrap();
        assert_eq!(ws.db_file().as_deref(), Some(given.as_path()));
        ws.with(|s| s.set_profile(&profile("Gemeinde Beide"))).unwrap();
        drop(ws);
        let ws = Workspace::start(Some(given.clone()), Some(WorkspaceKind::Land));
        assert_eq!(ws.kind(), Some(WorkspaceKind::Kommune), "the remembered choice counts");
    }

    #[test]
    fn a_preset_kind_or_an_existing_file_decides_without_asking() {
        let dir = tempfile::tempdir().unwrap();
        // A new file named by ANBINDUNGSCHECK_DB takes the preset kind under its own name.
        let given = dir.path().join("koordination.db");
        let ws = Workspace::start(Some(given.clone()), Some(WorkspaceKind::Land));
        assert_eq!(ws.kind(), Some(WorkspaceKind::Land));
        assert_eq!(ws.db_file().as_deref(), Some(given.as_path()));
        ws.with_land(|s| s.set_land_profile(&land())).unwrap();
        drop(ws);
        // An existing file opens as its own kind; the other kind's file lies next to it.
        std::fs::remove_file(dir.path().join(paths::CHOICE_FILE)).ok();
        let ws = Workspace::start(Some(given.clone()), Some(WorkspaceKind::Kommune));
        assert_eq!(ws.kind(), Some(WorkspaceKind::Land));
        let other = &ws.info().workspaces[0];
        assert_eq!(other.path, dir.path().join(paths::DB_FILE).display().to_string());
    }

    #[test]
    fn commands_of_the_other_workspace_are_refused_naming_both_kinds() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("land.sqlite");
        let ws = Workspace::open_as(Some(db.clone()), WorkspaceKind::Land);
        ws.with_land(|s| s.set_land_profile(&land())).unwrap();
        let before = ws.with_any(|s| s.history(&Default::default())).unwrap().len();
        let err = ws.with(|s| s.set_profile(&profile("Gemeinde Falsch"))).unwrap_err();
        assert_eq!(err.code(), ErrorCode::WorkspaceWrongKind);
        let message = err.to_string();
        assert!(message.contains("„Kommune“") && message.contains("„Land (OZG-Koordination)“"));
        assert_eq!(ws.with_any(|s| s.history(&Default::default())).unwrap().len(), before);
        assert_eq!(ws.with_any(|s| s.profile()).unwrap(), None);
        // Opened as a municipality's, the Land's file is refused and stays as it was.
        drop(ws);
        let bytes = std::fs::read(&db).unwrap();
        let ws = Workspace::open(Some(db.clone()));
        assert_eq!(ws.check().unwrap_err().code(), ErrorCode::WorkspaceWrongKind);
        assert!(std::fs::read(&db).unwrap() == bytes, "the Land's file changed");
        // And a municipality's workspace refuses the Land's commands.
        let ws = Workspace::open(Some(dir.path().join("kommune.sqlite")));
        let err = ws.with_land(|s| s.land_profile()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::WorkspaceWrongKind);
    }

    #[test]
    fn a_switch_that_fails_keeps_the_open_workspace() {
        let dir = tempfile::tempdir().unwrap();
        let given = dir.path().join(paths::DB_FILE);
        let ws = Workspace::start(Some(given.clone()), Some(WorkspaceKind::Kommune));
        ws.with(|s| s.set_profile(&profile("Gemeinde Bleibt"))).unwrap();
        std::fs::write(dir.path().join(paths::LAND_DB_FILE), b"not a database at all").unwrap();
        let err = ws.switch(WorkspaceKind::Land).unwrap_err();
        assert_eq!(err.code(), ErrorCode::DatabaseForeign);
        assert_eq!(ws.kind(), Some(WorkspaceKind::Kommune));
        assert_eq!(name(&ws), "Gemeinde Bleibt");
    }

    #[test]
    fn restore_without_a_database_folder_is_refused() {
        let ws = Workspace::open(None);
        let err = serde_json::to_value(ws.restore(Path::new("x.sqlite")).unwrap_err()).unwrap();
        assert_eq!(err["code"], "io");
    }
}
