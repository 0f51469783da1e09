//! Start-up probe for `bench/app.sh`: with `ANBINDUNGSCHECK_STARTUP_PROBE` set, the UI calls
//! `startup_probe` once the dashboard has painted its readiness figure; the app prints the time
//! since `main` started and exits. Without the variable nothing is injected, the UI never calls
//! the command, and the command refuses.

use std::sync::OnceLock;
use std::time::Instant;

use anbindungscheck::api::ApiError;

/// Environment variable that turns the probe on.
pub const ENV: &str = "ANBINDUNGSCHECK_STARTUP_PROBE";

/// Injected into the page only when the probe is on; `ui/src/main.ts` reads it.
pub const SCRIPT: &str = "window.__ANBINDUNGSCHECK_STARTUP_PROBE__ = true;";

static STARTED: OnceLock<Instant> = OnceLock::new();
static SETUP_MS: OnceLock<f64> = OnceLock::new();

/// Records the start of the process (called first thing in `main`).
pub fn mark_start() {
    STARTED.get_or_init(Instant::now);
}

/// Records how long the setup hook (opening the database) took.
pub fn setup_took(since: Instant) {
    let _ = SETUP_MS.set(since.elapsed().as_secs_f64() * 1000.0);
}

/// Whether the probe is on.
pub fn enabled() -> bool {
    std::env::var_os(ENV).is_some_and(|v| !v.is_empty())
}

/// The dashboard shows its data: print the time since start and exit. The other figures are the
/// page's own clock (since its navigation started): when the dashboard was painted, when the
/// document had loaded (DOMContentLoaded handled) and when the isolation frame was ready for IPC.
pub fn report(
    app: &tauri::AppHandle,
    page_ms: f64,
    loaded_ms: f64,
    isolation_ms: f64,
) -> Result<(), ApiError> {
    if !enabled() {
        return Err(ApiError::Desktop(format!("{ENV} ist nicht gesetzt.")));
    }
    let started = STARTED.get().copied().unwrap_or_else(Instant::now);
    println!(
        "startup_probe_ms={:.1} setup_ms={:.1} page_ms={page_ms:.1} loaded_ms={loaded_ms:.1} \
         isolation_ms={isolation_ms:.1}",
        started.elapsed().as_secs_f64() * 1000.0,
        SETUP_MS.get().copied().unwrap_or(-1.0),
    );
    app.exit(0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_probe_is_off_without_the_variable() {
        // The test process does not set the variable.
        assert!(std::env::var_os(ENV).is_none());
        assert!(!enabled());
    }
}
