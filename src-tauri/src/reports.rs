//! Commands of the report page: preview with warnings, export through the native save dialog
//! (the web view never names a path), the export history, and opening an export to print it.

use anbindungscheck::report::preview::ReportPreview;
use anbindungscheck::store::ReportExport;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::{AppError, AppState};

type Result<T> = std::result::Result<T, AppError>;

#[tauri::command]
pub fn report_preview(state: State<'_, AppState>) -> Result<ReportPreview> {
    state.with(|s| s.report_preview(anbindungscheck::local_today()))
}

/// Asks where to save the report, writes it and records the export. `None` if cancelled.
#[tauri::command]
pub async fn export_report(
    app: AppHandle,
    state: State<'_, AppState>,
    recipient: Option<String>,
) -> Result<Option<ReportExport>> {
    let today = anbindungscheck::local_today();
    let ags = state.with(|s| s.profile())?.map(|p| p.ags).unwrap_or_default();
    let target = app
        .dialog()
        .file()
        .set_title("Bereitschaftsbericht speichern")
        .add_filter("PDF-Dokument", &["pdf"])
        .set_file_name(format!("Bereitschaftsbericht-{ags}-{today}.pdf"))
        .blocking_save_file();
    let Some(target) = target else { return Ok(None) };
    let path = target.into_path().map_err(|e| AppError::Desktop(e.to_string()))?;
    state.with(|s| s.export_report(today, &path, recipient.as_deref())).map(Some)
}

#[tauri::command]
pub fn list_report_exports(state: State<'_, AppState>) -> Result<Vec<ReportExport>> {
    state.with(|s| s.report_exports())
}

/// Opens an exported report in the system viewer (to print it).
#[tauri::command]
pub fn open_report(app: AppHandle, state: State<'_, AppState>, export_id: i64) -> Result<()> {
    let file = state.with(|s| s.report_export_file(export_id))?;
    app.opener()
        .open_path(file.to_string_lossy(), None::<&str>)
        .map_err(|e| AppError::Desktop(e.to_string()))
}
