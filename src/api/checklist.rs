//! Commands of the dashboard, the checklist, the profile and the history.

use super::{Ctx, Result};
use crate::audit::{HistoryEntry, HistoryFilter};
use crate::checklist::{Checklist, ChecklistEntry};
use crate::profile::{Profile, ProfileInput};
use crate::progress::ItemState;
use crate::readiness::StatusReport;

/// The readiness today: scores, counts, blockers and deadlines.
pub fn get_status(cx: &Ctx) -> Result<StatusReport> {
    cx.workspace.with(|s| s.status(cx.desktop.today()))
}

/// Every checklist item with its progress.
pub fn get_checklist(cx: &Ctx) -> Result<Checklist> {
    cx.workspace.with(|s| s.checklist())
}

/// Validates and stores the state of one item; returns the entry as stored.
pub fn set_item(cx: &Ctx, item_id: String, state: ItemState) -> Result<ChecklistEntry> {
    cx.workspace.with(|s| s.set_item(&item_id, &state))
}

/// The municipality's profile, if one was saved.
pub fn get_profile(cx: &Ctx) -> Result<Option<Profile>> {
    cx.workspace.with(|s| s.profile())
}

/// Validates and stores the profile.
pub fn set_profile(cx: &Ctx, input: ProfileInput) -> Result<Profile> {
    cx.workspace.with(|s| s.set_profile(&input))
}

/// The history of changes, newest first, filtered.
pub fn list_history(cx: &Ctx, filter: HistoryFilter) -> Result<Vec<HistoryEntry>> {
    cx.workspace.with(|s| s.history(&filter))
}
