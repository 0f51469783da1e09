//! Commands of the "Datensicherung" page: write a copy of the database where the user chooses,
//! and put a copy back. The checks of a backup (intact, ours, not from a newer version) are the
//! store's.

use serde::Serialize;
use std::path::Path;

use super::{Ctx, FileDialog, Result, Workspace};
use crate::admin_settings::{self, Feature};
use crate::profile::Profile;
use crate::workspace_kind::WorkspaceKind;

/// A backup the user saved.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct BackupInfo {
    /// Where it was saved.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// When it was written (RFC 3339, UTC).
    pub at: String,
}

/// A restored backup.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RestoreInfo {
    /// The backup that is now the database.
    pub from: String,
    /// Where the previous database was kept; `None` if there was none.
    pub kept: Option<String>,
}

/// A backup put in place of a database file with [`restore_file`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RestoredFile {
    /// The backup that is now the database.
    pub from: String,
    /// Where the previous database was kept; `None` if there was none.
    pub kept: Option<String>,
    /// The municipality of the restored database, if it has a profile.
    pub profile: Option<Profile>,
}

fn sqlite_dialog(title: &'static str, file_name: Option<String>) -> FileDialog {
    FileDialog { title, filter: "SQLite-Datenbank", extensions: vec!["sqlite"], file_name }
}

/// The folder a restore keeps the current database in (`backups/` next to it).
pub fn backup_folder(cx: &Ctx) -> Result<String> {
    let db = cx.workspace.require_db_file()?;
    Ok(crate::store::backup::dir_for(&db).display().to_string())
}

/// Asks where to save the backup and writes it. `None` if cancelled.
pub fn create_backup(cx: &Ctx) -> Result<Option<BackupInfo>> {
    let today = cx.desktop.today();
    let whose = cx.workspace.with_any(|s| {
        Ok(match s.kind() {
            WorkspaceKind::Kommune => s.profile()?.map(|p| p.ags),
            WorkspaceKind::Land => s.land_profile()?.map(|p| format!("Land-{}", p.land_code)),
        })
    })?;
    let whose = whose.unwrap_or_else(|| "ohne-Profil".into());
    let name = format!("Anbindungscheck-Sicherung-{whose}-{today}.sqlite");
    let dialog = sqlite_dialog("Sicherung speichern", Some(name));
    let Some(path) = cx.desktop.save_file(&dialog)? else { return Ok(None) };
    write_backup(cx.workspace, &path).map(Some)
}

/// A backup chosen to be restored, with what it holds, to be confirmed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct BackupPreview {
    /// The file chosen.
    pub path: String,
    pub contents: crate::store::backup::BackupContents,
}

/// Lets the user pick a backup, checks it and shows what it holds; [`restore_backup`] then puts
/// it in place. `None` if cancelled. A backup that is damaged, foreign or of the other
/// workspace is refused here, before anything is asked.
pub fn choose_backup(cx: &Ctx) -> Result<Option<BackupPreview>> {
    cx.workspace.set_pending_backup(None);
    admin_settings::allow(Feature::Wiederherstellen)?;
    let dialog = sqlite_dialog("Sicherung wiederherstellen", None);
    let Some(path) = cx.desktop.pick_file(&dialog)? else { return Ok(None) };
    let kind = cx.workspace.kind().unwrap_or(WorkspaceKind::Kommune);
    let contents = crate::store::backup::describe(kind, &path)?;
    cx.workspace.set_pending_backup(Some(path.clone()));
    Ok(Some(BackupPreview { path: path.display().to_string(), contents }))
}

/// Puts the backup chosen with [`choose_backup`] in place of the database. `None` if none was
/// chosen (or it was already restored).
pub fn restore_backup(cx: &Ctx) -> Result<Option<RestoreInfo>> {
    let Some(path) = cx.workspace.take_pending_backup() else { return Ok(None) };
    admin_settings::allow(Feature::Wiederherstellen)?;
    let kept = cx.workspace.restore(&path)?;
    Ok(Some(RestoreInfo {
        from: path.display().to_string(),
        kept: kept.map(|k| k.display().to_string()),
    }))
}

/// Puts the backup `from` in place of the database file `db` (the command line's `restore`),
/// keeping the current database under `backups/`, and reads the restored profile. The backup
/// must be of the kind of `db` (of its own kind if `db` does not exist yet). No workspace may
/// have `db` open. Unlike opening a [`Workspace`], this creates no empty database first: if the
/// backup is refused, a database that did not exist still does not.
pub fn restore_file(db: &Path, from: &Path) -> Result<RestoredFile> {
    admin_settings::allow(Feature::Wiederherstellen)?;
    let kind_of = |path| crate::store::migrations::kind_of(path).ok().flatten().map(|(k, _)| k);
    let kind = kind_of(db).or_else(|| kind_of(from)).unwrap_or(WorkspaceKind::Kommune);
    let kept = crate::store::backup::restore(db, kind, from)?;
    let profile = crate::store::Store::open_as(db, kind)?.profile()?;
    Ok(RestoredFile {
        from: from.display().to_string(),
        kept: kept.map(|k| k.display().to_string()),
        profile,
    })
}

/// Writes the backup to `path` (the store refuses the database itself as target).
fn write_backup(workspace: &Workspace, path: &Path) -> Result<BackupInfo> {
    workspace.with_any(|s| s.backup_to(path))?;
    let bytes = std::fs::metadata(path).map_err(|e| crate::Error::io(path, e))?.len();
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    Ok(BackupInfo { path: path.display().to_string(), bytes, at })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::ProfileInput;

    #[test]
    fn a_backup_is_written_and_described() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(Some(dir.path().join("kommune.sqlite")));
        let input = ProfileInput {
            name: "Gemeinde Musterstadt".into(),
            ags: "09162000".into(),
            kind: None,
            population: None,
            coordinator_name: None,
            coordinator_email: None,
            coordinator_phone: None,
        };
        ws.with(|s| s.set_profile(&input)).unwrap();
        let out = dir.path().join("sicherung.sqlite");
        let info = write_backup(&ws, &out).unwrap();
        assert_eq!(info.path, out.display().to_string());
        assert_eq!(info.bytes, std::fs::metadata(&out).unwrap().len());
        assert!(info.bytes > 0);
        assert!(info.at.ends_with('Z') && info.at.contains('T'), "{}", info.at);
        let copy = Workspace::open(Some(out));
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
        let ws = Workspace::open(Some(db.clone()));
        let before = std::fs::metadata(&db).unwrap().modified().unwrap();
        // The same file, also through a detour in the path.
        let detour = dir.path().join(".").join("kommune.sqlite");
        for target in [&db, &detour] {
            let err = serde_json::to_value(write_backup(&ws, target).unwrap_err()).unwrap();
            assert_eq!(err["code"], "validation");
            assert!(err["message"].as_str().unwrap().contains("nicht die Datenbank selbst"));
        }
        assert_eq!(std::fs::metadata(&db).unwrap().modified().unwrap(), before);
        assert!(ws.with(|s| s.checklist()).is_ok());
    }

    #[test]
    fn restore_file_replaces_a_closed_database_and_creates_none_when_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("kommune.sqlite");
        let ws = Workspace::open(Some(db.clone()));
        let mut input = ProfileInput {
            name: "Gemeinde Alt".into(),
            ags: "09162000".into(),
            ..Default::default()
        };
        ws.with(|s| s.set_profile(&input)).unwrap();
        let backup = dir.path().join("sicherung.sqlite");
        write_backup(&ws, &backup).unwrap();
        input.name = "Gemeinde Neu".into();
        ws.with(|s| s.set_profile(&input)).unwrap();
        drop(ws);

        let restored = restore_file(&db, &backup).unwrap();
        assert_eq!(restored.profile.unwrap().name, "Gemeinde Alt");
        assert_eq!(restored.from, backup.display().to_string());
        assert!(restored.kept.is_some_and(|k| k.contains("backups")));

        // Into a path with no database yet: nothing is kept.
        let other = dir.path().join("neu").join("kommune.sqlite");
        assert_eq!(restore_file(&other, &backup).unwrap().kept, None);
        // A missing backup is refused, and no database appears.
        let none = dir.path().join("leer").join("kommune.sqlite");
        let err = restore_file(&none, &dir.path().join("fehlt.sqlite")).unwrap_err();
        assert_eq!(err.code(), crate::error_code::ErrorCode::Validation);
        assert!(!none.exists());
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
