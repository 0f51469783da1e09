//! Commands of the report page, and the report's orchestration: the inputs are read from the
//! store in one read transaction, `report` assembles and renders them (it never sees the store),
//! the file is written atomically and the export recorded.

use chrono::NaiveDate;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

use super::{Ctx, FileDialog, Result};
use crate::exports::ReportExport;
use crate::report::data::ReportInputs;
use crate::report::preview::{self, ReportPreview};
use crate::report::{Rendered, ReportData};
use crate::{store::Store, Error};

/// Everything the readiness report shows, as of `date`, read in one transaction (one consistent
/// snapshot). Without `report_id` a new one is made.
pub fn gather(
    store: &Store,
    date: NaiveDate,
    report_id: Option<String>,
) -> crate::Result<ReportData> {
    let inputs = store.read(|s| {
        Ok(ReportInputs {
            profile: s.profile()?,
            status: s.status(date)?,
            checklist: s.checklist()?,
            packages: s.packages()?,
            evidence: s.evidence(None)?,
            people: s.people()?,
            inventory: s.inventory()?,
            members: s.members()?,
            member_decisions: s.member_decisions()?,
        })
    })?;
    Ok(ReportData::assemble(inputs, date, report_id)?)
}

/// The summary and warnings of the report for `date` (needs a profile).
pub fn preview_for(store: &Store, date: NaiveDate) -> crate::Result<ReportPreview> {
    Ok(preview::preview(&gather(store, date, None)?))
}

/// Renders the report and writes it atomically to `path`; needs no store, records nothing.
fn render_to(data: &ReportData, path: &Path) -> crate::Result<Rendered> {
    let rendered = crate::report::render(data)?;
    crate::files::write_atomic(path, &rendered.bytes)?;
    Ok(rendered)
}

/// The record of an export of `data`, rendered as `rendered` to `path` (id and time are the
/// store's).
fn export_of(
    data: ReportData,
    rendered: &Rendered,
    path: &Path,
    recipient: Option<String>,
) -> ReportExport {
    ReportExport {
        id: 0,
        at: String::new(),
        report_id: data.report_id,
        report_date: data.report_date.to_string(),
        path: path.display().to_string(),
        sha256: crate::package::signing::hex(&Sha256::digest(&rendered.bytes)),
        bytes: rendered.bytes.len() as u64,
        pages: rendered.pages as u32,
        recipient,
    }
}

/// Renders the report for `date`, writes it atomically to `path` and records the export.
pub fn export_to(
    store: &mut Store,
    date: NaiveDate,
    path: &Path,
    recipient: Option<&str>,
) -> crate::Result<ReportExport> {
    let recipient = crate::text::line("recipient", "Der Empfänger", recipient, 200)?;
    let data = gather(store, date, None)?;
    let rendered = render_to(&data, path)?;
    store.record_report_export(export_of(data, &rendered, path, recipient))
}

/// The file of an export, if it still exists unchanged (the only files the app opens for
/// printing besides its own documents).
pub fn export_file(store: &Store, id: i64) -> crate::Result<PathBuf> {
    let export = store.report_export(id)?;
    let path = PathBuf::from(&export.path);
    let (file, _) = crate::files::open_regular(&path).map_err(|e| e.into_error("report", &path))?;
    let bytes = crate::files::read_capped(file, crate::report::read::MAX_PDF_BYTES)
        .map_err(|e| Error::io(&path, e))?
        .unwrap_or_default();
    if crate::package::signing::hex(&Sha256::digest(&bytes)) != export.sha256 {
        return Err(Error::validation(
            "report",
            format!("Die Datei {} wurde seit dem Export verändert.", path.display()),
        ));
    }
    Ok(path)
}

/// What the report would say today; refused while there is no profile.
pub fn report_preview(cx: &Ctx) -> Result<ReportPreview> {
    cx.workspace.with(|s| preview_for(s, cx.desktop.today()))
}

/// Asks where to save the report, writes it and records the export. `None` if cancelled. The
/// store is held only to read the inputs and to record the export, not while the PDF is drawn.
pub fn export_report(cx: &Ctx, recipient: Option<String>) -> Result<Option<ReportExport>> {
    let recipient = crate::text::line("recipient", "Der Empfänger", recipient.as_deref(), 200)?;
    let today = cx.desktop.today();
    let ags = cx.workspace.with(|s| s.profile())?.map(|p| p.ags).unwrap_or_default();
    let dialog = FileDialog {
        title: "Sachstandsbericht speichern",
        filter: "PDF-Dokument",
        extensions: vec!["pdf"],
        file_name: Some(format!("Sachstandsbericht-{ags}-{today}.pdf")),
    };
    let Some(path) = cx.desktop.save_file(&dialog)? else { return Ok(None) };
    let data = cx.workspace.with(|s| gather(s, today, None))?;
    let rendered = render_to(&data, &path)?;
    let export = export_of(data, &rendered, &path, recipient);
    cx.workspace.with(|s| s.record_report_export(export)).map(Some)
}

/// A report written with [`write_report`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WrittenReport {
    /// Where it was written.
    pub path: String,
    /// The report's number.
    pub report_id: String,
    /// The day it describes.
    pub report_date: String,
    pub pages: u32,
    /// The size of the file in bytes.
    pub bytes: u64,
}

/// Writes the report for the desktop's today to `path` (the command line's `report --out`,
/// whose `--date` is that today). Unlike [`export_report`] it records no export.
pub fn write_report(cx: &Ctx, path: &Path) -> Result<WrittenReport> {
    let data = cx.workspace.with(|s| gather(s, cx.desktop.today(), None))?;
    let rendered = render_to(&data, path)?;
    Ok(WrittenReport {
        path: path.display().to_string(),
        report_id: data.report_id,
        report_date: data.report_date.to_string(),
        pages: rendered.pages as u32,
        bytes: rendered.bytes.len() as u64,
    })
}

/// Recorded exports, newest first.
pub fn list_report_exports(cx: &Ctx) -> Result<Vec<ReportExport>> {
    cx.workspace.with(|s| s.report_exports())
}

/// Opens an exported report in the system viewer (to print it); refused if it was changed.
pub fn open_report(cx: &Ctx, export_id: i64) -> Result<()> {
    let file = cx.workspace.with(|s| export_file(s, export_id))?;
    cx.desktop.open_path(&file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_desktop::Fixed;
    use crate::api::Workspace;
    use crate::profile::ProfileInput;

    #[test]
    fn write_report_writes_the_day_given_and_records_no_export() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(Some(dir.path().join("kommune.sqlite")));
        let desktop = Fixed::default();
        let cx = Ctx { workspace: &ws, desktop: &desktop };
        let target = dir.path().join("bericht.pdf");
        // No profile, no report, no file.
        assert!(write_report(&cx, &target).is_err());
        assert!(!target.exists());

        let input = ProfileInput {
            name: "Gemeinde Musterstadt".into(),
            ags: "09162000".into(),
            ..Default::default()
        };
        ws.with(|s| s.set_profile(&input)).unwrap();
        let written = write_report(&cx, &target).unwrap();
        assert_eq!(written.report_date, "2026-03-02");
        assert_eq!(written.bytes, std::fs::metadata(&target).unwrap().len());
        assert!(written.pages >= 1 && !written.report_id.is_empty());
        assert_eq!(list_report_exports(&cx).unwrap(), Vec::new());
    }
}
