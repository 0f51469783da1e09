//! What the command layer asks of the desktop: native file dialogs, the system viewer, progress
//! messages to the page through a Tauri channel, files dropped on the window, closing the window
//! only once unsaved input may go, and the start-up probe.

use anbindungscheck::api::{ApiError, Desktop, FileDialog, Result, StartupFigures};
use anbindungscheck::package::archive::Progress;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

/// The files and folders last dropped on the window, until a command takes them.
#[derive(Default)]
pub struct Dropped(pub Mutex<Vec<PathBuf>>);

/// The event on the page's `window` that tells it something was dropped (the paths stay here).
pub const DROPPED_EVENT: &str = "anbindungscheck:dropped";

/// Set while the page holds unsaved input: the next request to close the window is then held back
/// and passed to the page as [`CLOSE_EVENT`].
#[derive(Default)]
pub struct CloseGuard(pub AtomicBool);

/// The event on the page's `window` that tells it the window is to be closed: the page asks about
/// its unsaved input and then calls `close_window`.
pub const CLOSE_EVENT: &str = "anbindungscheck:close-requested";

/// The desktop of one command call.
pub struct TauriDesktop {
    pub app: AppHandle,
    pub progress: Option<Channel<Progress>>,
}

impl TauriDesktop {
    fn dialog(&self, d: &FileDialog) -> FileDialogBuilder<tauri::Wry> {
        let mut builder =
            self.app.dialog().file().set_title(d.title).add_filter(d.filter, &d.extensions);
        if let Some(folder) = d.start_folder() {
            builder = builder.set_directory(folder);
        }
        match &d.file_name {
            Some(name) => builder.set_file_name(name),
            None => builder,
        }
    }
}

fn into_path(picked: Option<tauri_plugin_dialog::FilePath>) -> Result<Option<PathBuf>> {
    picked.map(|p| p.into_path().map_err(ApiError::desktop)).transpose()
}

impl Desktop for TauriDesktop {
    fn pick_file(&self, d: &FileDialog) -> Result<Option<PathBuf>> {
        into_path(self.dialog(d).blocking_pick_file())
    }

    fn pick_files(&self, d: &FileDialog) -> Result<Vec<PathBuf>> {
        let picked = self.dialog(d).blocking_pick_files().unwrap_or_default();
        picked.into_iter().map(|p| p.into_path().map_err(ApiError::desktop)).collect()
    }

    fn pick_folder(&self, d: &FileDialog) -> Result<Option<PathBuf>> {
        into_path(self.app.dialog().file().set_title(d.title).blocking_pick_folder())
    }

    fn save_file(&self, d: &FileDialog) -> Result<Option<PathBuf>> {
        into_path(self.dialog(d).blocking_save_file())
    }

    /// Opens the file with the program the system has for it (xdg-open, ShellExecute), without
    /// waiting for it; a file that is not there is an error here, not in that program.
    fn open_path(&self, path: &Path) -> Result<()> {
        path.metadata().and_then(|_| open::that_detached(path)).map_err(ApiError::desktop)
    }

    fn guard_close(&self, unsaved: bool) {
        self.app.state::<CloseGuard>().0.store(unsaved, Ordering::SeqCst);
    }

    fn close_window(&self) -> Result<()> {
        self.guard_close(false);
        for window in self.app.webview_windows().values() {
            window.close().map_err(ApiError::desktop)?;
        }
        Ok(())
    }

    fn take_dropped(&self) -> Vec<PathBuf> {
        let dropped = self.app.state::<Dropped>();
        let mut paths = dropped.0.lock().unwrap_or_else(|p| p.into_inner());
        std::mem::take(&mut *paths)
    }

    fn progress(&self, progress: Progress) {
        if let Some(channel) = &self.progress {
            let _ = channel.send(progress);
        }
    }

    fn startup_probe(&self, figures: StartupFigures) -> Result<()> {
        crate::probe::report(&self.app, figures)
    }
}
