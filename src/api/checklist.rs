//! Commands of the dashboard, the checklist, the profile and the history. The checklist, its
//! readiness and the history serve both workspaces, each with its own catalogue.

use super::{Ctx, Result};
use crate::audit::{HistoryEntry, HistoryFilter};
use crate::checklist::{Checklist, ChecklistEntry};
use crate::installed::{Decision, MemberDecision};
use crate::next_steps::{next_steps, Facts, NextStep};
use crate::profile::{Member, Profile, ProfileInput, ProfilePatch};
use crate::progress::{ItemPatch, ItemState};
use crate::readiness::StatusReport;
use crate::Error;

/// The readiness today: scores, counts, blockers and deadlines.
pub fn get_status(cx: &Ctx) -> Result<StatusReport> {
    cx.workspace.with_any(|s| s.status(cx.desktop.today()))
}

/// The next steps of the municipality's dashboard (at most four, most pressing first).
pub fn get_next_steps(cx: &Ctx) -> Result<Vec<NextStep>> {
    let today = cx.desktop.today();
    cx.workspace.with(|s| {
        s.read(|s| {
            let facts = Facts::gather(
                &s.status(today)?,
                &s.checklist()?,
                s.packages()?.len(),
                &s.report_exports()?,
            );
            Ok(next_steps(&facts))
        })
    })
}

/// Every checklist item with its progress.
pub fn get_checklist(cx: &Ctx) -> Result<Checklist> {
    cx.workspace.with_any(|s| s.checklist())
}

/// Validates and stores the state of one item; returns the entry as stored.
pub fn set_item(cx: &Ctx, item_id: String, state: ItemState) -> Result<ChecklistEntry> {
    cx.workspace.with_any(|s| s.set_item(&item_id, &state))
}

/// Changes the named fields of one item (the command line's `item set`): reads its progress,
/// applies the patch and stores the result under one lock. Refuses a patch that changes nothing.
pub fn patch_item(cx: &Ctx, item_id: String, patch: ItemPatch) -> Result<ChecklistEntry> {
    if patch.is_empty() {
        return Err(Error::validation(
            "item",
            "Nichts zu ändern: bitte mindestens eine Angabe machen \
             (--status, --owner, --due, --note oder --blocked-by).",
        )
        .into());
    }
    cx.workspace.with_any(|s| {
        let current = s.item_progress(&item_id)?;
        s.set_item(&item_id, &patch.apply(&current)?)
    })
}

/// The municipality's profile, if one was saved.
pub fn get_profile(cx: &Ctx) -> Result<Option<Profile>> {
    cx.workspace.with(|s| s.profile())
}

/// Validates and stores the profile.
pub fn set_profile(cx: &Ctx, input: ProfileInput) -> Result<Profile> {
    cx.workspace.with(|s| s.set_profile(&input))
}

/// Changes the named fields of the profile (the command line's `profile set`): the stored
/// profile (or an empty one) with the patch applied is validated and stored under one lock.
pub fn patch_profile(cx: &Ctx, patch: ProfilePatch) -> Result<Profile> {
    cx.workspace.with(|s| {
        let input = patch.apply(s.profile()?.as_ref())?;
        s.set_profile(&input)
    })
}

/// The member municipalities of the Gemeindeverband or Kreis, by AGS.
pub fn list_members(cx: &Ctx) -> Result<Vec<Member>> {
    cx.workspace.with(|s| s.members())
}

/// Adds a member municipality (one transaction, recorded in the history).
pub fn add_member(cx: &Ctx, input: Member) -> Result<Member> {
    cx.workspace.with(|s| s.add_member(&input))
}

/// Removes a member municipality by its AGS (one transaction, recorded in the history).
pub fn remove_member(cx: &Ctx, ags: String) -> Result<Member> {
    cx.workspace.with(|s| s.remove_member(&ags))
}

/// The decisions on services of members that differ from the whole.
pub fn list_member_decisions(cx: &Ctx) -> Result<Vec<MemberDecision>> {
    cx.workspace.with(|s| s.member_decisions())
}

/// Sets a member's own decision on a service (`None`: the whole's applies again).
pub fn set_member_decision(
    cx: &Ctx,
    package_id: String,
    service_id: String,
    ags: String,
    decision: Option<Decision>,
) -> Result<Option<MemberDecision>> {
    cx.workspace.with(|s| s.set_member_decision(&package_id, &service_id, &ags, decision))
}

/// The history of changes, newest first, filtered.
pub fn list_history(cx: &Ctx, filter: HistoryFilter) -> Result<Vec<HistoryEntry>> {
    cx.workspace.with_any(|s| s.history(&filter))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_desktop::Fixed;
    use crate::api::Workspace;
    use crate::error_code::ErrorCode;
    use crate::progress::Status;

    fn first_item(cx: &Ctx) -> String {
        get_checklist(cx).unwrap().entries[0].item.id.clone()
    }

    #[test]
    fn patch_item_changes_only_the_named_fields() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(Some(dir.path().join("kommune.sqlite")));
        let cx = Ctx { workspace: &ws, desktop: &Fixed::default() };
        let id = first_item(&cx);
        let patch = ItemPatch { owner: Some("Frau Roth".into()), ..Default::default() };
        patch_item(&cx, id.clone(), patch).unwrap();
        let patch = ItemPatch { status: Some(Status::InArbeit), ..Default::default() };
        let entry = patch_item(&cx, id.clone(), patch).unwrap();
        assert_eq!(entry.progress.status, Status::InArbeit);
        assert_eq!(entry.progress.owner.as_deref(), Some("Frau Roth"));

        let err = patch_item(&cx, id, ItemPatch::default()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Validation);
        assert!(err.to_string().contains("Nichts zu ändern"), "{err}");
        let patch = ItemPatch { note: Some("x".into()), ..Default::default() };
        let err = patch_item(&cx, "x-1".into(), patch).unwrap_err();
        assert_eq!(err.code(), ErrorCode::NotFound);
    }

    #[test]
    fn patch_profile_keeps_what_is_not_named_and_refuses_bad_values() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(Some(dir.path().join("kommune.sqlite")));
        let cx = Ctx { workspace: &ws, desktop: &Fixed::default() };
        let patch = ProfilePatch {
            name: Some("Gemeinde Musterstadt".into()),
            ags: Some("09162000".into()),
            population: Some("1200".into()),
            ..Default::default()
        };
        patch_profile(&cx, patch).unwrap();
        let patch = ProfilePatch { name: Some("Stadt Musterstadt".into()), ..Default::default() };
        let profile = patch_profile(&cx, patch).unwrap();
        assert_eq!(profile.name, "Stadt Musterstadt");
        assert_eq!((profile.ags.as_str(), profile.population), ("09162000", Some(1200)));

        let patch = ProfilePatch { ags: Some("123".into()), ..Default::default() };
        assert_eq!(patch_profile(&cx, patch).unwrap_err().code(), ErrorCode::Validation);
        let patch = ProfilePatch { population: Some("-3".into()), ..Default::default() };
        assert_eq!(patch_profile(&cx, patch).unwrap_err().code(), ErrorCode::Validation);
        assert_eq!(get_profile(&cx).unwrap(), Some(profile));
    }
}
