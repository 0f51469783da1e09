//! Commands of the "Datensicherung" page: write a copy of the database where the clerk chooses,
//! and put a copy back. The native file dialogs are driven from Rust, so the web view never names
//! a path; the checks of a backup (intact, ours, not from a newer version) are the core's.

use serde::Serialize;
use std::path::Path;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::{AppError, AppState};

type Result<T> = std::result::Result<T, AppError>;

/// A backup the clerk saved (`BackupInfo` in ui/src/lib/api.ts).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BackupInfo {
    /// Where it was saved.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// When it was written (RFC 3339, UTC).
    pub at: String,
}

/// A restored backup (`RestoreInfo` in ui/src/lib/api.ts).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RestoreInfo {
    /// The backup that is now the database.
    pub from: String,
    /// Where the previous database was kept; `None` if there was none.
    pub kept: Option<String>,
}

fn desktop(e: impl std::fmt::Display) -> AppError {
    AppError::Desktop(e.to_string())
}

/// The folder a restore keeps the current database in (`backups/` next to it).
#[tauri::command]
pub fn backup_folder(state: State<'_, AppState>) -> Result<String> {
    let db = state.db_file().ok_or_else(|| AppError::Unavailable(crate::state::no_folder()))?;
    Ok(anbindungscheck::store::backup::dir_for(db).display().to_string())
}

/// Asks where to save the backup and writes it. `None` if cancelled.
#[tauri::command]
pub async fn create_backup(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<BackupInfo>> {
    let today = anbindungscheck::local_today();
    let ags = state.with(|s| s.profile())?.map(|p| p.ags).unwrap_or_else(|| "ohne-Profil".into());
    let target = app
        .dialog()
        .file()
        .set_title("Sicherung speichern")
        .add_filter("SQLite-Datenbank", &["sqlite"])
        .set_file_name(format!("Anbindungscheck-Sicherung-{ags}-{today}.sqlite"))
        .blocking_save_file();
    let Some(target) = target else { return Ok(None) };
    let path = target.into_path().map_err(desktop)?;
    write_backup(&state, &path).map(Some)
}

/// Lets the clerk pick a backup and puts it in place of the database. `None` if cancelled.
#[tauri::command]
pub async fn restore_backup(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<RestoreInfo>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Sicherung wiederherstellen")
        .add_filter("SQLite-Datenbank", &["sqlite"])
        .blocking_pick_file();
    let Some(picked) = picked else { return Ok(None) };
    let path = picked.into_path().map_err(desktop)?;
    let kept = state.restore(&path)?;
    Ok(Some(RestoreInfo {
        from: path.display().to_string(),
        kept: kept.map(|k| k.display().to_string()),
    }))
}

/// Writes the backup to `path` (the core refuses the database itself as target).
fn write_backup(state: &AppState, path: &Path) -> Result<BackupInfo> {
    state.with(|s| s.backup_to(path))?;
    let bytes = std::fs::metadata(path)
        .map_err(|e| anbindungscheck::Error::Io { path: path.to_owned(), source: e })?
        .len();
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    Ok(BackupInfo { path: path.display().to_string(), bytes, at })
}

#[cfg(test)]
mod tests {
    use super::*;
    use anbindungscheck::profile::ProfileInput;

    #[test]
    fn a_backup_is_written_and_described() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(Some(dir.path().join("kommune.sqlite")));
        let input = ProfileInput {
            name: "Gemeinde Musterstadt".into(),
            ags: "09162000".into(),
            population: None,
            coordinator_name: None,
            coordinator_email: None,
            coordinator_phone: None,
        };
        state.with(|s| s.set_profile(&input)).unwrap();
        let out = dir.path().join("sicherung.sqlite");
        let info = write_backup(&state, &out).unwrap();
        assert_eq!(info.path, out.display().to_string());
        assert_eq!(info.bytes, std::fs::metadata(&out).unwrap().len());
        assert!(info.bytes > 0);
        assert!(info.at.ends_with('Z') && info.at.contains('T'), "{}", info.at);
        let copy = AppState::open(Some(out));
        assert_eq!(copy.with(|s| s.profile()).unwrap().unwrap().name, "Gemeinde Musterstadt");
        assert_eq!(
            serde_json::to_value(&info).unwrap().as_object().unwrap().keys().collect::<Vec<_>>(),
            ["at", "bytes", "path"]
        );
    }

    #[test]
    fn the_database_itself_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("kommune.sqlite");
        let state = AppState::open(Some(db.clone()));
        let before = std::fs::metadata(&db).unwrap().modified().unwrap();
        // The same file, also through a detour in the path.
        let detour = dir.path().join(".").join("kommune.sqlite");
        for target in [&db, &detour] {
            let err = serde_json::to_value(write_backup(&state, target).unwrap_err()).unwrap();
            assert_eq!(err["code"], "validation");
            assert!(err["message"].as_str().unwrap().contains("nicht die Datenbank selbst"));
        }
        assert_eq!(std::fs::metadata(&db).unwrap().modified().unwrap(), before);
        assert!(state.with(|s| s.checklist()).is_ok());
    }

    #[test]
    fn restore_info_serializes_as_the_ui_expects() {
        let info = RestoreInfo { from: "/a/b.sqlite".into(), kept: None };
        assert_eq!(
            serde_json::to_value(info).unwrap(),
            serde_json::json!({ "from": "/a/b.sqlite", "kept": null })
        );
    }
}
