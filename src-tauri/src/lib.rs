//! The desktop shell: opens the workspace, registers the commands, starts the window. Every
//! command is generated from the core's one command list (`anbindungscheck::for_each_command!`)
//! and is one line: it runs the command layer's function of the same name off the UI thread,
//! with this window as its [`Desktop`](anbindungscheck::api::Desktop).

mod desktop;
mod probe;

use anbindungscheck::api::{self, ApiError, Ctx, IpcError, Workspace};
use anbindungscheck::package::archive::Progress;
use tauri::ipc::{Channel, Response};
use tauri::{AppHandle, DragDropEvent, Manager, Window, WindowEvent};

use desktop::{CloseGuard, Dropped, TauriDesktop, CLOSE_EVENT, DROPPED_EVENT};
use std::sync::atomic::Ordering;

/// A command's work: runs on a blocking thread with the workspace, and answers with its result
/// as JSON.
type Job = Box<dyn FnOnce(&Ctx) -> Result<Response, IpcError> + Send>;

/// Runs `job` with the workspace on a blocking thread; errors cross as `{code, message, field}`.
/// One function for every command (the job is boxed), so that the async machinery is compiled
/// once and not once per command.
async fn call(
    app: AppHandle,
    progress: Option<Channel<Progress>>,
    job: Job,
) -> Result<Response, IpcError> {
    tauri::async_runtime::spawn_blocking(move || {
        let desktop = TauriDesktop { app: app.clone(), progress };
        let workspace = app.state::<Workspace>();
        job(&Ctx { workspace: &workspace, desktop: &desktop })
    })
    .await
    .map_err(|e| IpcError::from(ApiError::desktop(e)))?
}

/// A command's result as the JSON the page receives.
fn json<T: serde::Serialize>(result: api::Result<T>) -> Result<Response, IpcError> {
    let value = result.map_err(IpcError::from)?;
    serde_json::to_string(&value)
        .map(Response::new)
        .map_err(|e| IpcError::from(ApiError::desktop(e)))
}

/// One Tauri command per entry of the command list, and the handler that registers them all.
macro_rules! tauri_commands {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident ( $($arg:ident : $ty:ty),* ) $(with $progress:ident)? -> $out:ty;
    )*) => {
        $(
            $(#[doc = $doc])*
            #[tauri::command]
            async fn $name(
                app: AppHandle,
                $($arg: $ty,)*
                $($progress: Channel<Progress>,)?
            ) -> Result<Response, IpcError> {
                let job: Job = Box::new(move |cx| json::<$out>(api::$name(cx, $($arg),*)));
                call(app, None $(.or(Some($progress)))?, job).await
            }
        )*

        fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}

anbindungscheck::for_each_command!(tauri_commands);

/// Files or folders dropped on the window: the shell keeps the paths (the latest drop replaces
/// an earlier one not yet taken) and tells the page with an event on its `window`, which names
/// no path; the page then calls `add_dropped_reports`, which takes them from here. A request to
/// close the window while the page holds unsaved input is held back once and passed to the page,
/// which asks the clerk and then closes the window (`close_window`) or holds the next request
/// back again (`set_unsaved_input`); so a page that no longer answers cannot keep the window
/// open. No IPC permission is needed for either event.
fn on_window_event(window: &Window, event: &WindowEvent) {
    let page_event = match event {
        WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) if !paths.is_empty() => {
            *window.state::<Dropped>().0.lock().unwrap_or_else(|p| p.into_inner()) = paths.clone();
            DROPPED_EVENT
        }
        WindowEvent::CloseRequested { api, .. }
            if window.state::<CloseGuard>().0.swap(false, Ordering::SeqCst) =>
        {
            api.prevent_close();
            CLOSE_EVENT
        }
        _ => return,
    };
    if let Some(webview) = window.get_webview_window(window.label()) {
        let _ = webview.eval(format!("window.dispatchEvent(new Event('{page_event}'))"));
    }
}

/// Starts the app.
pub fn run() {
    probe::mark_start();
    let mut builder = tauri::Builder::default();
    if probe::enabled() {
        builder = builder.append_invoke_initialization_script(probe::SCRIPT);
    }
    builder
        .plugin(tauri_plugin_dialog::init())
        .manage(Dropped::default())
        .manage(CloseGuard::default())
        .on_window_event(on_window_event)
        .setup(|app| {
            let started = std::time::Instant::now();
            let fallback = app
                .path()
                .app_local_data_dir()
                .ok()
                .map(|d| d.join(anbindungscheck::paths::DB_FILE));
            let db = anbindungscheck::paths::db_path().or(fallback);
            app.manage(Workspace::start(db, anbindungscheck::paths::preselected_kind()));
            probe::setup_took(started);
            Ok(())
        })
        .invoke_handler(handler())
        .run(tauri::generate_context!())
        .expect("error while running the Anbindungscheck app");
}
