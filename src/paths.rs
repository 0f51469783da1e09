//! Where the database lives: `ANBINDUNGSCHECK_DB` if set, else the platform's local app-data
//! directory (never the roaming profile: on Windows that may be a network share, where SQLite's
//! WAL does not work).

use std::path::PathBuf;

use crate::workspace_kind::WorkspaceKind;

/// The environment variable that overrides the database path.
pub const DB_ENV: &str = "ANBINDUNGSCHECK_DB";

/// The app's identifier; also the name of its data folder.
pub const APP_ID: &str = "de.anbindungscheck.desktop";

/// The database file name (the municipality's workspace).
pub const DB_FILE: &str = "anbindungscheck.sqlite";

/// The Land's database file name, next to the municipality's.
pub const LAND_DB_FILE: &str = "anbindungscheck-land.sqlite";

/// The file next to the databases that remembers the workspace last opened.
pub const CHOICE_FILE: &str = "anbindungscheck-arbeitsbereich.txt";

/// The environment variable that chooses the workspace of a new database (`kommune` or `land`),
/// so that an IT department can set the app up without the question at first start.
pub const WORKSPACE_ENV: &str = "ANBINDUNGSCHECK_WORKSPACE";

/// The default file name of a workspace's database.
pub fn file_name(kind: WorkspaceKind) -> &'static str {
    match kind {
        WorkspaceKind::Kommune => DB_FILE,
        WorkspaceKind::Land => LAND_DB_FILE,
    }
}

/// The workspace `ANBINDUNGSCHECK_WORKSPACE` chooses for a new database, if set to a known kind.
pub fn preselected_kind() -> Option<WorkspaceKind> {
    std::env::var(WORKSPACE_ENV).ok()?.trim().to_lowercase().parse().ok()
}

/// The database path: `ANBINDUNGSCHECK_DB` if set and not empty, else the default location.
pub fn db_path() -> Option<PathBuf> {
    match std::env::var_os(DB_ENV) {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => default_db_path(),
    }
}

/// The database path of workspace `kind`: `ANBINDUNGSCHECK_DB` if set and not empty, else the
/// kind's default file in the app-data folder.
pub fn db_path_of(kind: WorkspaceKind) -> Option<PathBuf> {
    match std::env::var_os(DB_ENV) {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => default_db_path().map(|p| p.with_file_name(file_name(kind))),
    }
}

/// `<local app data>/de.anbindungscheck.desktop/anbindungscheck.sqlite`.
pub fn default_db_path() -> Option<PathBuf> {
    dirs::data_local_dir().map(|d| d.join(APP_ID).join(DB_FILE))
}
