//! What the bridge answers: the core's commands, the test hooks that stand in for the desktop
//! (file dialogs, the system viewer) and the static UI test build, all on one origin.
//!
//! - `POST /invoke/<command>` with the JSON arguments (camelCase, as the UI sends them) →
//!   `{"ok": value, "progress": [...]}` or `{"error": {code, message, field}}`, always status 200;
//! - `POST /test/pick` with `{"pick": [path | null, …], "save": [path | null, …]}` queues what the
//!   next open and save dialogs answer (`null`: cancelled). An open dialog with nothing queued
//!   fails; a save dialog with nothing queued answers `<dir>/ausgabe/<suggested name>`;
//! - `POST /test/drop` with `{"paths": [path, …]}`: files and folders dropped on the window, which
//!   the next `add_dropped_reports` takes (the test then tells the page, as the shell does, with
//!   the `anbindungscheck:dropped` event on `window`);
//! - `GET /test/calls`: every command called so far, `[{cmd, args}]`, oldest first;
//! - `GET /test/opened`: the files the system viewer was asked to open;
//! - `GET /test/dialogs`: the file dialogs shown, `[{kind, title, file_name, folder}]`;
//! - `GET /test/info`: `{dir, db, out}`, the bridge's folder, database and default save folder;
//! - `POST /test/shutdown`: answers, then the bridge exits;
//! - `GET` of anything else: a file of the static directory, with the app's strict CSP.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use anbindungscheck::api::{self, ApiError, Ctx, Desktop, FileDialog, Workspace};
use anbindungscheck::package::archive::Progress;
use anbindungscheck::workspace_kind::WorkspaceKind;
use serde_json::{json, Value};

use crate::http::{Request, Response};

/// As strict as a Tauri CSP can be: the app needs no inline code and nothing remote.
pub const CSP: &str =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'";

/// Everything the bridge keeps between requests.
pub struct State {
    pub workspace: Workspace,
    /// The bridge's folder (database, default save folder).
    pub dir: PathBuf,
    /// The UI test build, if served.
    pub static_dir: Option<PathBuf>,
    pick: Mutex<VecDeque<Option<PathBuf>>>,
    save: Mutex<VecDeque<Option<PathBuf>>>,
    dropped: Mutex<Vec<PathBuf>>,
    calls: Mutex<Vec<Value>>,
    opened: Mutex<Vec<String>>,
    dialogs: Mutex<Vec<Value>>,
}

impl State {
    /// Opens (or creates) the database `db`; `dir` holds the default save folder.
    /// A bridge on the database `db` of the workspace `kind` (`None`: asked at the first start,
    /// unless the environment or the IT settings name it), with its files in `dir`.
    pub fn new(
        db: PathBuf,
        kind: Option<WorkspaceKind>,
        dir: PathBuf,
        static_dir: Option<PathBuf>,
    ) -> State {
        // The default save folder exists from the start, so that tests can name files in it.
        let _ = std::fs::create_dir_all(dir.join("ausgabe"));
        State {
            workspace: Workspace::start(Some(db), kind),
            dir,
            static_dir,
            pick: Mutex::default(),
            save: Mutex::default(),
            dropped: Mutex::default(),
            calls: Mutex::default(),
            opened: Mutex::default(),
            dialogs: Mutex::default(),
        }
    }

    fn out_dir(&self) -> PathBuf {
        self.dir.join("ausgabe")
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// What a request asks the server to do after answering.
#[derive(Debug, PartialEq, Eq)]
pub enum After {
    Continue,
    Shutdown,
}

/// Answers one request.
pub fn handle(state: &State, req: &Request) -> (Response, After) {
    let method = req.method.as_str();
    let path = req.path.as_str();
    if let Some(name) = path.strip_prefix("/invoke/") {
        if method != "POST" {
            return (Response::error(405, "POST erwartet"), After::Continue);
        }
        return (invoke(state, name, &req.body), After::Continue);
    }
    if let Some(hook) = path.strip_prefix("/test/") {
        return match (method, hook) {
            ("POST", "pick") => (queue(state, &req.body), After::Continue),
            ("POST", "drop") => (drop_paths(state, &req.body), After::Continue),
            ("GET", "calls") => {
                (Response::json(&Value::from(lock(&state.calls).clone())), After::Continue)
            }
            ("GET", "opened") => (Response::json(&json!(*lock(&state.opened))), After::Continue),
            ("GET", "dialogs") => {
                (Response::json(&Value::from(lock(&state.dialogs).clone())), After::Continue)
            }
            ("GET", "info") => (
                Response::json(&json!({
                    "dir": state.dir,
                    "db": state.workspace.db_file(),
                    "out": state.out_dir(),
                })),
                After::Continue,
            ),
            ("POST", "shutdown") => (Response::json(&json!({"ok": null})), After::Shutdown),
            _ => (Response::error(404, "unbekannter Testpunkt"), After::Continue),
        };
    }
    if method != "GET" && method != "HEAD" {
        return (Response::error(405, "GET erwartet"), After::Continue);
    }
    (static_file(state, path), After::Continue)
}

fn invoke(state: &State, name: &str, body: &[u8]) -> Response {
    let args: Value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => return Response::error(400, &format!("Ungültiges JSON: {e}")),
        }
    };
    lock(&state.calls).push(json!({"cmd": name, "args": args}));
    let desktop = TestDesktop { state, progress: RefCell::default() };
    let cx = Ctx { workspace: &state.workspace, desktop: &desktop };
    let outcome = api::commands::dispatch(&cx, name, args);
    let progress = desktop.progress.take();
    Response::json(&match outcome {
        Ok(value) => json!({"ok": value, "progress": progress}),
        Err(error) => json!({
            "error": {"code": error.code, "message": error.message, "field": error.field},
            "progress": progress,
        }),
    })
}

fn queue(state: &State, body: &[u8]) -> Response {
    let parsed: Result<Value, _> = serde_json::from_slice(body);
    let Ok(Value::Object(map)) = parsed else {
        return Response::error(400, "erwartet: {\"pick\": [...], \"save\": [...]}");
    };
    for (key, target) in [("pick", &state.pick), ("save", &state.save)] {
        let Some(entries) = map.get(key) else { continue };
        let Some(entries) = entries.as_array() else {
            return Response::error(400, "eine Liste von Pfaden oder null erwartet");
        };
        let mut paths = Vec::new();
        for entry in entries {
            match entry {
                Value::Null => paths.push(None),
                Value::String(p) => paths.push(Some(PathBuf::from(p))),
                _ => return Response::error(400, "ein Pfad oder null erwartet"),
            }
        }
        lock(target).extend(paths);
    }
    Response::json(&json!({"ok": null}))
}

/// Files and folders "dropped on the window": they replace what was dropped before.
fn drop_paths(state: &State, body: &[u8]) -> Response {
    let parsed: Result<Value, _> = serde_json::from_slice(body);
    let paths = match parsed.as_ref().ok().and_then(|v| v.get("paths")).and_then(Value::as_array) {
        Some(paths) => paths,
        None => return Response::error(400, "erwartet: {\"paths\": [...]}"),
    };
    let mut dropped = Vec::new();
    for p in paths {
        let Some(p) = p.as_str() else { return Response::error(400, "ein Pfad erwartet") };
        dropped.push(PathBuf::from(p));
    }
    *lock(&state.dropped) = dropped;
    Response::json(&json!({"ok": null}))
}

/// The desktop of the tests: dialogs answer from the queues, the system viewer records, progress
/// goes into the response.
struct TestDesktop<'a> {
    state: &'a State,
    progress: RefCell<Vec<Value>>,
}

impl TestDesktop<'_> {
    fn record(&self, kind: &str, dialog: &FileDialog) {
        lock(&self.state.dialogs).push(json!({
            "kind": kind,
            "title": dialog.title,
            "file_name": dialog.file_name,
            "folder": dialog.start_folder(),
        }));
    }
}

impl Desktop for TestDesktop<'_> {
    fn pick_file(&self, dialog: &FileDialog) -> api::Result<Option<PathBuf>> {
        self.record("pick", dialog);
        lock(&self.state.pick).pop_front().ok_or_else(|| {
            ApiError::Desktop(format!(
                "Testbrücke: Für den Dateidialog „{}“ ist keine Datei vorbereitet.",
                dialog.title
            ))
        })
    }

    fn save_file(&self, dialog: &FileDialog) -> api::Result<Option<PathBuf>> {
        self.record("save", dialog);
        if let Some(answer) = lock(&self.state.save).pop_front() {
            return Ok(answer);
        }
        Ok(Some(self.state.out_dir().join(dialog.file_name.as_deref().unwrap_or("datei"))))
    }

    fn open_path(&self, path: &Path) -> api::Result<()> {
        lock(&self.state.opened).push(path.display().to_string());
        Ok(())
    }

    fn take_dropped(&self) -> Vec<PathBuf> {
        std::mem::take(&mut *lock(&self.state.dropped))
    }

    fn progress(&self, progress: Progress) {
        self.progress.borrow_mut().push(serde_json::to_value(progress).unwrap_or(Value::Null));
    }
}

fn static_file(state: &State, path: &str) -> Response {
    let Some(root) = &state.static_dir else {
        return Response::error(404, "kein statisches Verzeichnis");
    };
    let relative = if path == "/" { "index.html" } else { path.trim_start_matches('/') };
    let relative = Path::new(relative);
    // Plain names only: no `..`, no root, no percent-encoded tricks.
    if path.contains('%') || !relative.components().all(|c| matches!(c, Component::Normal(_))) {
        return Response::error(404, "nicht gefunden");
    }
    let file = root.join(relative);
    let Ok(body) = std::fs::read(&file) else {
        return Response::error(404, "nicht gefunden");
    };
    let content_type = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("json") => "application/json",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    };
    Response {
        status: 200,
        content_type,
        headers: vec![("Content-Security-Policy", CSP.to_owned())],
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: &str, path: &str, body: &str) -> Request {
        Request { method: method.into(), path: path.into(), body: body.as_bytes().to_vec() }
    }

    fn json_of(r: &Response) -> Value {
        serde_json::from_slice(&r.body).unwrap()
    }

    fn state(dir: &Path) -> State {
        std::fs::create_dir_all(dir.join("www")).unwrap();
        std::fs::write(dir.join("www/index.html"), "<h1>Test</h1>").unwrap();
        let kind = Some(WorkspaceKind::Kommune);
        State::new(dir.join("kommune.sqlite"), kind, dir.to_owned(), Some(dir.join("www")))
    }

    #[test]
    fn invokes_commands_and_records_the_calls() {
        let dir = tempfile::tempdir().unwrap();
        let st = state(dir.path());
        let input = r#"{"input": {"name": "Gemeinde Musterstadt", "ags": "09162000",
            "population": null, "coordinator_name": null, "coordinator_email": null,
            "coordinator_phone": null}}"#;
        let (r, after) = handle(&st, &request("POST", "/invoke/set_profile", input));
        assert_eq!((r.status, after), (200, After::Continue));
        assert_eq!(json_of(&r)["ok"]["name"], "Gemeinde Musterstadt");
        let (r, _) = handle(&st, &request("POST", "/invoke/get_profile", ""));
        assert_eq!(json_of(&r)["ok"]["ags"], "09162000");
        // A refusal comes back as the core's error.
        let (r, _) = handle(&st, &request("POST", "/invoke/check_ags", r#"{"ags": 1}"#));
        assert_eq!(json_of(&r)["error"]["code"], "internal");
        let (r, _) = handle(&st, &request("POST", "/invoke/open_report", r#"{"exportId": 9}"#));
        let error = &json_of(&r)["error"];
        assert_eq!((&error["code"], &error["field"]), (&json!("validation"), &json!("report")));
        let (r, _) = handle(&st, &request("GET", "/test/calls", ""));
        let calls = json_of(&r);
        assert_eq!(calls[0]["cmd"], "set_profile");
        assert_eq!(calls[1], json!({"cmd": "get_profile", "args": null}));
        assert_eq!(calls.as_array().unwrap().len(), 4);
        let (r, _) = handle(&st, &request("GET", "/invoke/get_profile", ""));
        assert_eq!(r.status, 405);
    }

    #[test]
    fn dialogs_answer_from_the_queue() {
        let dir = tempfile::tempdir().unwrap();
        let st = state(dir.path());
        let (r, _) = handle(&st, &request("POST", "/test/pick", r#"{"pick": [null]}"#));
        assert_eq!(r.status, 200);
        // Cancelled, then nothing queued: an error that says so.
        let (r, _) = handle(&st, &request("POST", "/invoke/choose_package", ""));
        assert_eq!(json_of(&r)["ok"], Value::Null);
        let (r, _) = handle(&st, &request("POST", "/invoke/choose_package", ""));
        assert_eq!(json_of(&r)["error"]["code"], "desktop");
        // A save dialog with nothing queued writes into the default folder.
        let (r, _) = handle(&st, &request("POST", "/invoke/create_backup", ""));
        let path = json_of(&r)["ok"]["path"].as_str().unwrap().to_owned();
        assert!(path.starts_with(dir.path().join("ausgabe").to_str().unwrap()), "{path}");
        assert!(Path::new(&path).is_file());
        let (r, _) = handle(&st, &request("GET", "/test/dialogs", ""));
        assert_eq!(json_of(&r).as_array().unwrap().len(), 3);
        let (r, _) = handle(&st, &request("POST", "/test/pick", r#"{"pick": [1]}"#));
        assert_eq!(r.status, 400);
    }

    #[test]
    fn serves_static_files_with_the_csp_and_nothing_outside() {
        let dir = tempfile::tempdir().unwrap();
        let st = state(dir.path());
        let (r, _) = handle(&st, &request("GET", "/", ""));
        assert_eq!((r.status, r.content_type), (200, "text/html; charset=utf-8"));
        assert_eq!(r.headers, vec![("Content-Security-Policy", CSP.to_owned())]);
        for bad in ["/../kommune.sqlite", "/%2e%2e/kommune.sqlite", "/nope.js"] {
            assert_eq!(handle(&st, &request("GET", bad, "")).0.status, 404, "{bad}");
        }
        assert_eq!(handle(&st, &request("POST", "/", "")).0.status, 405);
        assert_eq!(handle(&st, &request("POST", "/test/shutdown", "")).1, After::Shutdown);
    }
}
