//! Commands about the app itself: its version and data folder, which workspace is open, the live
//! AGS check, and the start-up probe of the benchmark.

use serde::Serialize;

use super::{Ctx, Result, WorkspaceInfo};
use crate::admin_settings::{self, AdminSettings, Feature};
use crate::ags::{self, AgsCheck};
use crate::workspace_kind::WorkspaceKind;

/// What the app shows about itself (version, where the data lives).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
}

/// The version and the database file.
pub fn app_info(cx: &Ctx) -> Result<AppInfo> {
    let db_path = cx.workspace.db_file().map(|p| p.display().to_string()).unwrap_or_default();
    Ok(AppInfo { version: env!("CARGO_PKG_VERSION").to_owned(), db_path })
}

/// Which workspace is open, and where the files of both lie.
pub fn workspace_info(cx: &Ctx) -> Result<WorkspaceInfo> {
    Ok(cx.workspace.info())
}

/// Opens the workspace `kind` in place of the open one (the first-start choice and the menu's
/// switch), and remembers it for the next start.
pub fn open_workspace(cx: &Ctx, kind: WorkspaceKind) -> Result<WorkspaceInfo> {
    if cx.workspace.kind().is_some_and(|open| open != kind) {
        admin_settings::allow(Feature::ArbeitsbereichWechseln)?;
    }
    cx.workspace.switch(kind)
}

/// The settings of the IT department for this PC (`None` without a settings file); a file that
/// cannot be read is an error naming it.
pub fn get_admin_settings(_cx: &Ctx) -> Result<Option<AdminSettings>> {
    Ok(admin_settings::load()?)
}

/// Live check of an AGS while it is typed.
pub fn check_ags(_cx: &Ctx, ags: String) -> Result<AgsCheck> {
    Ok(ags::check(&ags))
}

/// The dashboard has painted: the desktop app prints its start-up figures and exits.
pub fn startup_probe(cx: &Ctx, page_ms: f64, loaded_ms: f64, isolation_ms: f64) -> Result<()> {
    cx.desktop.startup_probe(page_ms, loaded_ms, isolation_ms)
}
