//! Commands around the Land's information packages: choose a file and see what importing it
//! would do, import it with progress, the decisions per service, events, documents and the review
//! of changed entries.

use super::{ApiError, Ctx, FileDialog, Result};
use crate::package::archive::Progress;
use crate::store::{ImportPreview, InstalledPackage, ServiceDecision};

/// Lets the user pick a package file and shows what importing it would do. Writes nothing.
pub fn choose_package(cx: &Ctx) -> Result<Option<ImportPreview>> {
    let dialog = FileDialog {
        title: "Informationspaket des Landes einlesen",
        filter: "Informationspaket",
        extensions: vec!["zip"],
        file_name: None,
    };
    let Some(path) = cx.desktop.pick_file(&dialog)? else {
        cx.workspace.set_pending_package(None);
        return Ok(None);
    };
    cx.workspace.set_pending_package(Some(path.clone()));
    cx.workspace.with(|s| s.preview_import(&path)).map(Some)
}

/// Imports the package the user picked; `trust` confirms the fingerprint of a Land's first key.
/// Progress goes to the desktop, at most one message per percent.
pub fn import_package(cx: &Ctx, trust: Option<String>) -> Result<ImportPreview> {
    let path = cx
        .workspace
        .pending_package()
        .ok_or_else(|| ApiError::Desktop("Bitte wählen Sie zuerst eine Paketdatei aus.".into()))?;
    let mut last = u64::MAX;
    let outcome = cx.workspace.with(|s| {
        s.import_package(&path, trust.as_deref(), &mut |p: Progress| {
            let percent = p.done * 100 / p.total.max(1);
            if percent != last {
                last = percent;
                cx.desktop.progress(p);
            }
        })
    })?;
    cx.workspace.set_pending_package(None);
    Ok(outcome)
}

/// The installed packages with everything they carry.
pub fn list_packages(cx: &Ctx) -> Result<Vec<InstalledPackage>> {
    cx.workspace.with(|s| s.packages())
}

/// Records whether the municipality takes part in a service.
pub fn set_service_decision(
    cx: &Ctx,
    package_id: String,
    service_id: String,
    decision: ServiceDecision,
) -> Result<ServiceDecision> {
    cx.workspace.with(|s| s.set_service_decision(&package_id, &service_id, &decision))
}

/// Marks an event of a package as attended (or not).
pub fn set_event_attended(
    cx: &Ctx,
    package_id: String,
    event_id: String,
    attended: bool,
) -> Result<()> {
    cx.workspace.with(|s| s.set_event_attended(&package_id, &event_id, attended))
}

/// Clears the "bitte prüfen" flag of a checklist entry.
pub fn confirm_review(cx: &Ctx, item_id: String) -> Result<()> {
    cx.workspace.with(|s| s.confirm_review(&item_id))
}

/// Opens a document of an imported package in the system viewer.
pub fn open_document(cx: &Ctx, package_id: String, path: String) -> Result<()> {
    let file = cx.workspace.with(|s| s.document_file(&package_id, &path))?;
    cx.desktop.open_path(&file)
}

/// Saves one event (or all events of a package) as an .ics file where the user chooses.
/// Returns the saved path, or `None` if the user cancelled.
pub fn export_ics(
    cx: &Ctx,
    package_id: String,
    event_id: Option<String>,
) -> Result<Option<String>> {
    let calendar = cx.workspace.with(|s| s.calendar(&package_id, event_id.as_deref()))?;
    let dialog = FileDialog {
        title: "Termin als Kalenderdatei speichern",
        filter: "Kalender (iCalendar)",
        extensions: vec!["ics"],
        file_name: Some(format!("{}.ics", event_id.as_deref().unwrap_or("veranstaltungen"))),
    };
    let Some(path) = cx.desktop.save_file(&dialog)? else { return Ok(None) };
    crate::files::write_atomic(&path, calendar.as_bytes())?;
    Ok(Some(path.display().to_string()))
}
