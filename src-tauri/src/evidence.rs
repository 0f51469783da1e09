//! Commands around evidence files of checklist items. The file dialog and the system viewer are
//! driven from Rust, so the web view never names a path: it can only attach the file the clerk
//! picked and open files the app stored. Size, type and hash checks are the core's.

use anbindungscheck::evidence::{self, Evidence};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::{AppError, AppState};

type Result<T> = std::result::Result<T, AppError>;

fn desktop(e: impl std::fmt::Display) -> AppError {
    AppError::Desktop(e.to_string())
}

/// The evidence of one item, or of all items with `item_id` null, oldest first.
#[tauri::command]
pub fn list_evidence(state: State<'_, AppState>, item_id: Option<String>) -> Result<Vec<Evidence>> {
    state.with(|s| s.evidence(item_id.as_deref()))
}

/// Lets the clerk pick a file and attaches it to the item, with `title` or else the file name as
/// its title. `None` if the clerk cancelled.
#[tauri::command]
pub async fn add_evidence(
    app: AppHandle,
    state: State<'_, AppState>,
    item_id: String,
    title: Option<String>,
) -> Result<Option<Evidence>> {
    // A bad title is refused before the clerk is sent to pick a file.
    evidence::title(title.as_deref(), "")?;
    let picked = app
        .dialog()
        .file()
        .set_title("Nachweis hinzufügen")
        .add_filter("Nachweise", &evidence::extensions())
        .blocking_pick_file();
    let Some(picked) = picked else { return Ok(None) };
    let path = picked.into_path().map_err(desktop)?;
    state.with(|s| s.add_evidence(&item_id, &path, title.as_deref())).map(Some)
}

/// Detaches evidence from its item (the history keeps it).
#[tauri::command]
pub fn remove_evidence(state: State<'_, AppState>, id: i64) -> Result<()> {
    state.with(|s| s.remove_evidence(id))
}

/// Opens a stored evidence file in the system viewer; refused if the file was changed.
#[tauri::command]
pub fn open_evidence(app: AppHandle, state: State<'_, AppState>, id: i64) -> Result<()> {
    let file = state.with(|s| s.evidence_file(id))?;
    app.opener().open_path(file.to_string_lossy(), None::<&str>).map_err(desktop)
}
