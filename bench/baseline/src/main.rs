//! The floor under the app's start-up (`bench/app.sh`): an empty Tauri 2 app with the app's tauri
//! version and features, window size, CSP and isolation pattern. Its page paints one line and
//! calls `probe` once it can (the isolation frame is ready), the way the app's start-up probe
//! does; this prints the same figures and exits (stays open with
//! `ANBINDUNGSCHECK_STARTUP_PROBE=stay`, as the app does). Not shipped.

use std::sync::OnceLock;
use std::time::{Instant, SystemTime};

static STARTED: OnceLock<(Instant, SystemTime)> = OnceLock::new();

/// The page has painted its line: the figures of `src-tauri/src/probe.rs`.
#[tauri::command]
fn probe(
    app: tauri::AppHandle,
    origin_ms: f64,
    page_ms: f64,
    loaded_ms: f64,
    isolation_ms: f64,
    paint_ms: f64,
) {
    let (started, wall) = *STARTED.get_or_init(|| (Instant::now(), SystemTime::now()));
    let main_epoch_ms =
        wall.duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default().as_secs_f64() * 1000.0;
    println!(
        "startup_probe_ms={:.1} setup_ms=0.0 nav_ms={:.1} page_ms={page_ms:.1} \
         loaded_ms={loaded_ms:.1} isolation_ms={isolation_ms:.1} paint_ms={paint_ms:.1}",
        started.elapsed().as_secs_f64() * 1000.0,
        origin_ms - main_epoch_ms,
    );
    if std::env::var_os("ANBINDUNGSCHECK_STARTUP_PROBE").is_none_or(|v| v != "stay") {
        app.exit(0);
    }
}

fn main() {
    STARTED.get_or_init(|| (Instant::now(), SystemTime::now()));
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![probe])
        .run(tauri::generate_context!())
        .expect("error while running the baseline app");
}
