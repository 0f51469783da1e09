//! The IPC commands. Each takes its input, calls the core and maps the error.

use anbindungscheck::ags::{self, AgsCheck};
use anbindungscheck::audit::{HistoryEntry, HistoryFilter};
use anbindungscheck::checklist::{Checklist, ChecklistEntry};
use anbindungscheck::ipc::AppInfo;
use anbindungscheck::profile::{Profile, ProfileInput};
use anbindungscheck::progress::ItemState;
use anbindungscheck::readiness::StatusReport;
use tauri::State;

use crate::{AppError, AppState};

type Result<T> = std::result::Result<T, AppError>;

#[tauri::command]
pub fn app_info(app: State<'_, AppState>) -> AppInfo {
    AppInfo { version: env!("CARGO_PKG_VERSION").to_owned(), db_path: app.db_path() }
}

#[tauri::command]
pub fn check_ags(ags: String) -> AgsCheck {
    ags::check(&ags)
}

#[tauri::command]
pub fn get_status(app: State<'_, AppState>) -> Result<StatusReport> {
    app.with(|s| s.status(anbindungscheck::local_today()))
}

#[tauri::command]
pub fn get_checklist(app: State<'_, AppState>) -> Result<Checklist> {
    app.with(|s| s.checklist())
}

#[tauri::command]
pub fn set_item(
    app: State<'_, AppState>,
    item_id: String,
    state: ItemState,
) -> Result<ChecklistEntry> {
    app.with(|s| s.set_item(&item_id, &state))
}

#[tauri::command]
pub fn get_profile(app: State<'_, AppState>) -> Result<Option<Profile>> {
    app.with(|s| s.profile())
}

#[tauri::command]
pub fn set_profile(app: State<'_, AppState>, input: ProfileInput) -> Result<Profile> {
    app.with(|s| s.set_profile(&input))
}

#[tauri::command]
pub fn list_history(app: State<'_, AppState>, filter: HistoryFilter) -> Result<Vec<HistoryEntry>> {
    app.with(|s| s.history(&filter))
}
