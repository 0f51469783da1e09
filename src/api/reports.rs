//! Commands of the report page: the preview with its warnings, the export to a file the user
//! chooses, the export history, and opening an export to print it.

use super::{Ctx, FileDialog, Result};
use crate::report::preview::ReportPreview;
use crate::store::ReportExport;

/// What the report would say today; refused while there is no profile.
pub fn report_preview(cx: &Ctx) -> Result<ReportPreview> {
    cx.workspace.with(|s| s.report_preview(crate::local_today()))
}

/// Asks where to save the report, writes it and records the export. `None` if cancelled.
pub fn export_report(cx: &Ctx, recipient: Option<String>) -> Result<Option<ReportExport>> {
    let today = crate::local_today();
    let ags = cx.workspace.with(|s| s.profile())?.map(|p| p.ags).unwrap_or_default();
    let dialog = FileDialog {
        title: "Bereitschaftsbericht speichern",
        filter: "PDF-Dokument",
        extensions: vec!["pdf"],
        file_name: Some(format!("Bereitschaftsbericht-{ags}-{today}.pdf")),
    };
    let Some(path) = cx.desktop.save_file(&dialog)? else { return Ok(None) };
    cx.workspace.with(|s| s.export_report(today, &path, recipient.as_deref())).map(Some)
}

/// Recorded exports, newest first.
pub fn list_report_exports(cx: &Ctx) -> Result<Vec<ReportExport>> {
    cx.workspace.with(|s| s.report_exports())
}

/// Opens an exported report in the system viewer (to print it); refused if it was changed.
pub fn open_report(cx: &Ctx, export_id: i64) -> Result<()> {
    let file = cx.workspace.with(|s| s.report_export_file(export_id))?;
    cx.desktop.open_path(&file)
}
