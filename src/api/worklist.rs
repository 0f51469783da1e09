//! The checklist handed to the clerk's desk: as a spreadsheet (XLSX) and as a printable work list
//! (PDF, "Arbeitsliste"), for the municipality's checklist and the Land's own alike. Each file is
//! written whole or not at all.

use std::path::Path;

use super::{Ctx, FileDialog, Result};
use crate::checklist::Checklist;
use crate::report::work_list::{self, WorkList};
use crate::report::{checklist_xlsx, Rendered};
use crate::workspace_kind::WorkspaceKind;
use crate::Error;

/// The checklist of the open workspace and whose it is: the municipality's name from its
/// profile, or the Land's OZG coordination with the Land (`None` without a profile).
fn checklist_and_holder(cx: &Ctx) -> Result<(Checklist, Option<String>)> {
    cx.workspace.with_any(|s| {
        let holder = match s.kind() {
            WorkspaceKind::Kommune => s.profile()?.map(|p| p.name),
            WorkspaceKind::Land => {
                s.land_profile()?.map(|p| format!("{} · Land {}", p.name, p.land))
            }
        };
        Ok((s.checklist()?, holder))
    })
}

/// The checklist as an XLSX workbook (see [`checklist_xlsx::to_xlsx`]) and its number of items.
pub fn checklist_xlsx(cx: &Ctx) -> Result<(Vec<u8>, usize)> {
    let (checklist, holder) = checklist_and_holder(cx)?;
    let title = match &holder {
        Some(h) => format!("Checkliste – {h}"),
        None => "Checkliste".to_owned(),
    };
    let bytes =
        checklist_xlsx::to_xlsx(&checklist, &title, cx.desktop.today()).map_err(Error::from)?;
    Ok((bytes, checklist.entries.len()))
}

/// The work list as PDF, for today.
pub fn work_list(cx: &Ctx) -> Result<Rendered> {
    let (checklist, holder) = checklist_and_holder(cx)?;
    let list =
        WorkList { holder: holder.as_deref(), date: cx.desktop.today(), checklist: &checklist };
    Ok(work_list::render(&list).map_err(Error::from)?)
}

/// Writes the checklist as an XLSX workbook to `path` (atomically); returns the number of items.
pub fn write_checklist_xlsx(cx: &Ctx, path: &Path) -> Result<usize> {
    let (bytes, items) = checklist_xlsx(cx)?;
    crate::files::write_atomic(path, &bytes)?;
    Ok(items)
}

/// Writes the work list as PDF to `path` (atomically); returns the number of pages.
pub fn write_work_list(cx: &Ctx, path: &Path) -> Result<usize> {
    let rendered = work_list(cx)?;
    crate::files::write_atomic(path, &rendered.bytes)?;
    Ok(rendered.pages)
}

/// Saves the checklist as an Excel workbook where the user chooses (save dialog,
/// `Checkliste-<Datum>.xlsx`); `None` if cancelled.
pub fn export_checklist_xlsx(cx: &Ctx) -> Result<Option<String>> {
    let dialog = FileDialog {
        title: "Checkliste als Tabelle speichern",
        filter: "Excel-Arbeitsmappe",
        extensions: vec!["xlsx"],
        file_name: Some(format!("Checkliste-{}.xlsx", cx.desktop.today())),
    };
    let Some(path) = cx.desktop.save_file(&dialog)? else { return Ok(None) };
    write_checklist_xlsx(cx, &path)?;
    Ok(Some(path.display().to_string()))
}

/// Saves the work list as PDF to print where the user chooses (save dialog,
/// `Arbeitsliste-<Datum>.pdf`); `None` if cancelled.
pub fn export_work_list(cx: &Ctx) -> Result<Option<String>> {
    let dialog = FileDialog {
        title: "Arbeitsliste speichern",
        filter: "PDF-Dokument",
        extensions: vec!["pdf"],
        file_name: Some(format!("Arbeitsliste-{}.pdf", cx.desktop.today())),
    };
    let Some(path) = cx.desktop.save_file(&dialog)? else { return Ok(None) };
    write_work_list(cx, &path)?;
    Ok(Some(path.display().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_desktop::Fixed;
    use crate::api::{set_profile, Workspace};
    use crate::profile::ProfileInput;
    use calamine::{open_workbook, Data, Reader, Xlsx};

    #[test]
    fn both_files_are_saved_where_the_dialog_says_and_cancel_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(Some(dir.path().join("kommune.sqlite")));
        let cancelled = Fixed::default();
        let cx = Ctx { workspace: &ws, desktop: &cancelled };
        assert_eq!(export_checklist_xlsx(&cx).unwrap(), None);
        assert_eq!(export_work_list(&cx).unwrap(), None);
        let input = ProfileInput {
            name: "Gemeinde Süderbrarup".into(),
            ags: "01059178".into(),
            ..Default::default()
        };
        set_profile(&cx, input).unwrap();

        let xlsx = dir.path().join("Checkliste.xlsx");
        let desktop = Fixed { file: Some(xlsx.clone()), ..Fixed::default() };
        let cx = Ctx { workspace: &ws, desktop: &desktop };
        assert_eq!(export_checklist_xlsx(&cx).unwrap(), Some(xlsx.display().to_string()));
        let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
        let range = book.worksheet_range(checklist_xlsx::SHEET).unwrap();
        let items = crate::api::get_checklist(&cx).unwrap().entries.len();
        assert_eq!(range.height(), items + 1);
        assert_eq!(range.get((1, 5)), Some(&Data::String("Offen".into())));

        let pdf = dir.path().join("Arbeitsliste.pdf");
        let desktop = Fixed { file: Some(pdf.clone()), ..Fixed::default() };
        let cx = Ctx { workspace: &ws, desktop: &desktop };
        assert_eq!(export_work_list(&cx).unwrap(), Some(pdf.display().to_string()));
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));

        // A folder that does not exist: an error, and nothing written.
        let missing = dir.path().join("fehlt/Arbeitsliste.pdf");
        assert!(write_work_list(&cx, &missing).is_err());
        assert!(write_checklist_xlsx(&cx, &missing.with_extension("xlsx")).is_err());
        assert!(!dir.path().join("fehlt").exists());
    }
}
