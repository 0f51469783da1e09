//! Where the database lives: `ANBINDUNGSCHECK_DB` if set, else the platform's local app-data
//! directory (never the roaming profile: on Windows that may be a network share, where SQLite's
//! WAL does not work).

use std::path::PathBuf;

/// The environment variable that overrides the database path.
pub const DB_ENV: &str = "ANBINDUNGSCHECK_DB";

/// The app's identifier; also the name of its data folder.
pub const APP_ID: &str = "de.anbindungscheck.desktop";

/// The database file name.
pub const DB_FILE: &str = "anbindungscheck.sqlite";

/// The database path: `ANBINDUNGSCHECK_DB` if set and not empty, else the default location.
pub fn db_path() -> Option<PathBuf> {
    match std::env::var_os(DB_ENV) {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => default_db_path(),
    }
}

/// `<local app data>/de.anbindungscheck.desktop/anbindungscheck.sqlite`.
pub fn default_db_path() -> Option<PathBuf> {
    dirs::data_local_dir().map(|d| d.join(APP_ID).join(DB_FILE))
}
