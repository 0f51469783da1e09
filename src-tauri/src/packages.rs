//! Commands around information packages. File dialogs and the system viewer are driven from
//! Rust, so the web view never names a file path: it can only import the file the clerk picked,
//! open documents the app stored, and save calendars where the clerk chose.

use anbindungscheck::package::archive::Progress;
use anbindungscheck::store::{ImportPreview, InstalledPackage, ServiceDecision};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::{AppError, AppState};

type Result<T> = std::result::Result<T, AppError>;

fn desktop(e: impl std::fmt::Display) -> AppError {
    AppError::Desktop(e.to_string())
}

/// Lets the clerk pick a package file and shows what importing it would do.
#[tauri::command]
pub async fn choose_package(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<ImportPreview>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Informationspaket des Landes einlesen")
        .add_filter("Informationspaket", &["zip"])
        .blocking_pick_file();
    let Some(picked) = picked else {
        state.set_pending_package(None);
        return Ok(None);
    };
    let path = picked.into_path().map_err(desktop)?;
    state.set_pending_package(Some(path.clone()));
    state.with(|s| s.preview_import(&path)).map(Some)
}

/// Imports the package the clerk picked; `trust` confirms the fingerprint of a Land's first key.
/// Runs off the UI thread and reports progress through `on_progress`.
#[tauri::command]
pub async fn import_package(
    app: AppHandle,
    trust: Option<String>,
    on_progress: Channel<Progress>,
) -> Result<ImportPreview> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let path = state.pending_package().ok_or_else(|| {
            AppError::Desktop("Bitte wählen Sie zuerst eine Paketdatei aus.".into())
        })?;
        let mut last = u64::MAX;
        let outcome = state.with(|s| {
            s.import_package(&path, trust.as_deref(), &mut |p: Progress| {
                // At most one message per percent.
                let percent = p.done * 100 / p.total.max(1);
                if percent != last {
                    last = percent;
                    let _ = on_progress.send(p);
                }
            })
        })?;
        state.set_pending_package(None);
        Ok(outcome)
    })
    .await
    .map_err(desktop)?
}

#[tauri::command]
pub fn list_packages(state: State<'_, AppState>) -> Result<Vec<InstalledPackage>> {
    state.with(|s| s.packages())
}

#[tauri::command]
pub fn set_service_decision(
    state: State<'_, AppState>,
    package_id: String,
    service_id: String,
    decision: ServiceDecision,
) -> Result<ServiceDecision> {
    state.with(|s| s.set_service_decision(&package_id, &service_id, &decision))
}

#[tauri::command]
pub fn set_event_attended(
    state: State<'_, AppState>,
    package_id: String,
    event_id: String,
    attended: bool,
) -> Result<()> {
    state.with(|s| s.set_event_attended(&package_id, &event_id, attended))
}

#[tauri::command]
pub fn confirm_review(state: State<'_, AppState>, item_id: String) -> Result<()> {
    state.with(|s| s.confirm_review(&item_id))
}

/// Opens a document of an imported package in the system viewer.
#[tauri::command]
pub fn open_document(
    app: AppHandle,
    state: State<'_, AppState>,
    package_id: String,
    path: String,
) -> Result<()> {
    let file = state.with(|s| s.document_file(&package_id, &path))?;
    app.opener().open_path(file.to_string_lossy(), None::<&str>).map_err(desktop)
}

/// Saves one event (or all events of a package) as an .ics file where the clerk chooses.
/// Returns the saved path, or `None` if the clerk cancelled.
#[tauri::command]
pub async fn export_ics(
    app: AppHandle,
    state: State<'_, AppState>,
    package_id: String,
    event_id: Option<String>,
) -> Result<Option<String>> {
    let calendar = state.with(|s| s.calendar(&package_id, event_id.as_deref()))?;
    let name = format!("{}.ics", event_id.as_deref().unwrap_or("veranstaltungen"));
    let target = app
        .dialog()
        .file()
        .set_title("Termin als Kalenderdatei speichern")
        .add_filter("Kalender (iCalendar)", &["ics"])
        .set_file_name(name)
        .blocking_save_file();
    let Some(target) = target else { return Ok(None) };
    let path = target.into_path().map_err(desktop)?;
    anbindungscheck::files::write_atomic(&path, calendar.as_bytes())?;
    Ok(Some(path.display().to_string()))
}
