//! Commands about the app itself: its version and data folder, which workspace is open, the live
//! AGS check, and the start-up probe of the benchmark.

use serde::{Deserialize, Serialize};

use super::{Ctx, Result, WorkspaceInfo};
use crate::admin_settings::{self, AdminSettings, Feature};
use crate::ags::{self, AgsCheck};
use crate::land_profile::LandProfile;
use crate::next_steps::NextStep;
use crate::profile::Profile;
use crate::readiness::StatusReport;
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

/// What the app's first screen shows, read in one call: the open workspace, the app, whether
/// the IT department lets the clerk switch workspaces, the header's profile and the dashboard.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct StartInfo {
    pub workspace: WorkspaceInfo,
    pub app: AppInfo,
    /// Whether opening the other workspace is allowed (not turned off by the IT department, and
    /// its settings file readable).
    pub switch_allowed: bool,
    /// The municipality's profile (its workspace only).
    pub profile: Option<Profile>,
    /// The Land's profile (its workspace only).
    pub land_profile: Option<LandProfile>,
    /// The dashboard's data ([`get_dashboard`]); `None` before the first-start choice, or when
    /// it cannot be read (the dashboard then asks again and shows why).
    pub dashboard: Option<Dashboard>,
}

/// What the dashboard shows.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Dashboard {
    pub status: StatusReport,
    /// The municipality's next steps (none in the Land's workspace).
    pub next_steps: Vec<NextStep>,
    /// Checklist entries flagged „Bitte prüfen“ after a package update.
    pub review_count: u32,
    /// Whether the workspace's profile (the municipality's or the Land's) is saved.
    pub has_profile: bool,
}

/// What the dashboard shows: the readiness, the municipality's next steps, the entries to
/// review and whether the profile is saved.
pub fn get_dashboard(cx: &Ctx) -> Result<Dashboard> {
    let status = super::get_status(cx)?;
    let land = cx.workspace.kind() == Some(WorkspaceKind::Land);
    let review = super::get_checklist(cx)?.entries.iter().filter(|e| e.review.is_some()).count();
    Ok(Dashboard {
        next_steps: if land { Vec::new() } else { super::get_next_steps(cx)? },
        review_count: u32::try_from(review).unwrap_or(u32::MAX),
        has_profile: if land {
            super::get_land_profile(cx)?.is_some()
        } else {
            status.profile.is_some()
        },
        status,
    })
}

/// Everything the first screen needs (see [`StartInfo`]).
pub fn get_start(cx: &Ctx) -> Result<StartInfo> {
    let kind = cx.workspace.kind();
    Ok(StartInfo {
        workspace: cx.workspace.info(),
        app: app_info(cx)?,
        switch_allowed: admin_settings::allow(Feature::ArbeitsbereichWechseln).is_ok(),
        profile: match kind {
            Some(WorkspaceKind::Kommune) => super::get_profile(cx).ok().flatten(),
            _ => None,
        },
        land_profile: match kind {
            Some(WorkspaceKind::Land) => super::get_land_profile(cx).ok().flatten(),
            _ => None,
        },
        dashboard: kind.and_then(|_| get_dashboard(cx).ok()),
    })
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

/// The page's figures at the start-up probe: its clock's origin (`performance.timeOrigin`, the
/// start of its navigation in milliseconds since 1970), and on that clock when the dashboard was
/// painted, the page's script ran, the isolation frame was ready for IPC, and the first
/// contentful paint (-1 where the page does not know).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct StartupFigures {
    pub origin_ms: f64,
    pub page_ms: f64,
    pub loaded_ms: f64,
    pub isolation_ms: f64,
    pub paint_ms: f64,
}

/// The dashboard has painted: the desktop app prints its start-up figures (and exits unless the
/// benchmark measures its memory next).
pub fn startup_probe(cx: &Ctx, figures: StartupFigures) -> Result<()> {
    cx.desktop.startup_probe(figures)
}

/// The page holds unsaved input, or no longer does: while it does, closing the window is held
/// back and the page is asked (see [`Desktop::guard_close`]).
pub fn set_unsaved_input(cx: &Ctx, unsaved: bool) -> Result<()> {
    cx.desktop.guard_close(unsaved);
    Ok(())
}

/// Closes the app's window; the page calls it when the user agreed to lose unsaved input.
pub fn close_window(cx: &Ctx) -> Result<()> {
    cx.desktop.close_window()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_desktop::Fixed;
    use crate::api::Workspace;
    use crate::profile::ProfilePatch;

    fn json<T: Serialize>(value: &T) -> serde_json::Value {
        serde_json::to_value(value).unwrap()
    }

    #[test]
    fn the_first_screen_is_read_in_one_call_with_the_dashboard_s_own_answers() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(Some(dir.path().join("kommune.sqlite")));
        let cx = Ctx { workspace: &ws, desktop: &Fixed::default() };
        let start = get_start(&cx).unwrap();
        assert_eq!(start.workspace, workspace_info(&cx).unwrap());
        assert_eq!(start.app, app_info(&cx).unwrap());
        assert!(start.profile.is_none() && start.land_profile.is_none());
        let dashboard = start.dashboard.expect("the municipality's dashboard");
        assert_eq!(json(&dashboard.status), json(&super::super::get_status(&cx).unwrap()));
        assert_eq!(json(&dashboard.next_steps), json(&super::super::get_next_steps(&cx).unwrap()));
        assert!(!dashboard.next_steps.is_empty());
        assert_eq!(dashboard.review_count, 0);
        assert!(!dashboard.has_profile);

        let patch = ProfilePatch {
            name: Some("Gemeinde Musterstadt".into()),
            ags: Some("09162000".into()),
            ..Default::default()
        };
        let profile = super::super::patch_profile(&cx, patch).unwrap();
        let start = get_start(&cx).unwrap();
        assert_eq!(start.profile, Some(profile));
        assert!(start.dashboard.unwrap().has_profile);
    }

    #[test]
    fn the_land_s_first_screen_has_its_dashboard_without_next_steps() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open_as(Some(dir.path().join("land.sqlite")), WorkspaceKind::Land);
        let cx = Ctx { workspace: &ws, desktop: &Fixed::default() };
        let start = get_start(&cx).unwrap();
        assert_eq!(start.workspace.kind, Some(WorkspaceKind::Land));
        assert!(start.profile.is_none() && start.land_profile.is_none());
        let dashboard = start.dashboard.expect("the Land's dashboard");
        assert_eq!(json(&dashboard.status), json(&super::super::get_status(&cx).unwrap()));
        assert!(dashboard.next_steps.is_empty());
    }

    #[test]
    fn before_the_first_start_choice_there_is_no_dashboard() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::start(Some(dir.path().join("anbindungscheck.sqlite")), None);
        let cx = Ctx { workspace: &ws, desktop: &Fixed::default() };
        let start = get_start(&cx).unwrap();
        assert_eq!(start.workspace.kind, None);
        assert!(start.dashboard.is_none() && start.profile.is_none());
        assert!(start.switch_allowed);
    }
}
