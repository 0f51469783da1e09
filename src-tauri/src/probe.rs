//! Start-up probe for `bench/app.sh`: with `ANBINDUNGSCHECK_STARTUP_PROBE` set, the UI calls
//! `startup_probe` once the dashboard has painted its readiness figure; the app prints the time
//! since `main` started and the page's figures, and exits (with the value `stay` it stays open, so
//! that the bench can measure its idle memory). Without the variable nothing is injected, the UI
//! never calls the command, and the command refuses. `bench/baseline/` prints the same line.

use std::sync::OnceLock;
use std::time::{Instant, SystemTime};

use anbindungscheck::api::{ApiError, StartupFigures};

/// Environment variable that turns the probe on.
pub const ENV: &str = "ANBINDUNGSCHECK_STARTUP_PROBE";

/// Injected into the page only when the probe is on, before any of its scripts; `ui/src/main.ts`
/// reads it. It notes when the isolation frame reports ready, which may be before the app's
/// script runs.
pub const SCRIPT: &str = "window.__ANBINDUNGSCHECK_STARTUP_PROBE__ = { isolationMs: -1 };
window.addEventListener('message', (event) => {
  const probe = window.__ANBINDUNGSCHECK_STARTUP_PROBE__;
  if (event.data === '__TAURI_ISOLATION_READY__' && probe.isolationMs < 0) {
    probe.isolationMs = performance.now();
  }
});";

static STARTED: OnceLock<(Instant, SystemTime)> = OnceLock::new();
static SETUP_MS: OnceLock<f64> = OnceLock::new();

/// Records the start of the process (called first thing in `main`).
pub fn mark_start() {
    STARTED.get_or_init(|| (Instant::now(), SystemTime::now()));
}

/// Records how long the setup hook (opening the database) took.
pub fn setup_took(since: Instant) {
    let _ = SETUP_MS.set(since.elapsed().as_secs_f64() * 1000.0);
}

/// Whether the probe is on.
pub fn enabled() -> bool {
    std::env::var_os(ENV).is_some_and(|v| !v.is_empty())
}

/// The dashboard shows its data: print the time since start, when the page's navigation started
/// (its clock's origin, on the same wall clock) and the page's figures, then exit unless the
/// probe's value is `stay`.
pub fn report(app: &tauri::AppHandle, f: StartupFigures) -> Result<(), ApiError> {
    if !enabled() {
        return Err(ApiError::Desktop(format!("{ENV} ist nicht gesetzt.")));
    }
    let (started, wall) = *STARTED.get_or_init(|| (Instant::now(), SystemTime::now()));
    let main_epoch_ms =
        wall.duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default().as_secs_f64() * 1000.0;
    println!(
        "startup_probe_ms={:.1} setup_ms={:.1} nav_ms={:.1} page_ms={:.1} loaded_ms={:.1} \
         isolation_ms={:.1} paint_ms={:.1}",
        started.elapsed().as_secs_f64() * 1000.0,
        SETUP_MS.get().copied().unwrap_or(-1.0),
        f.origin_ms - main_epoch_ms,
        f.page_ms,
        f.loaded_ms,
        f.isolation_ms,
        f.paint_ms,
    );
    if std::env::var_os(ENV).is_none_or(|v| v != "stay") {
        app.exit(0);
    }
    Ok(())
}
