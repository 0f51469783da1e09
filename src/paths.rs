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

/// The workspace of a new database chosen in advance, so that the app does not ask at first
/// start: `ANBINDUNGSCHECK_WORKSPACE`, else the IT department's settings
/// ([`crate::admin_settings`]; a settings file that cannot be read chooses nothing here).
pub fn preselected_kind() -> Option<WorkspaceKind> {
    let settings = crate::admin_settings::load().ok().flatten();
    preselected(std::env::var(WORKSPACE_ENV).ok().as_deref(), settings.as_ref())
}

/// [`preselected_kind`] from the variable's value and the settings: a known kind in the variable
/// wins.
fn preselected(
    variable: Option<&str>,
    settings: Option<&crate::admin_settings::AdminSettings>,
) -> Option<WorkspaceKind> {
    variable
        .and_then(|v| v.trim().to_lowercase().parse().ok())
        .or_else(|| settings.and_then(|s| s.workspace))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_variable_chooses_first_then_the_it_departments_settings() {
        let land = crate::admin_settings::parse(
            br#"{ "arbeitsbereich": "land" }"#,
            std::path::Path::new("einstellungen.json"),
        )
        .unwrap();
        assert_eq!(preselected(None, Some(&land)), Some(WorkspaceKind::Land));
        assert_eq!(preselected(Some(" Kommune "), Some(&land)), Some(WorkspaceKind::Kommune));
        assert_eq!(preselected(Some("rathaus"), Some(&land)), Some(WorkspaceKind::Land));
        assert_eq!(preselected(None, None), None);
    }
}
