//! The evidence files attached to checklist items, with type, size and SHA-256.

use super::engine::{keep, Layout, Result, BODY, LEFT, NOTE, WIDTH};
use super::table::{cell, col, para, Cell, CELL, CELL_BOLD, CELL_HEAD, CELL_SMALL, HASH};
use crate::report::data::{ReportData, ReportItem};
use crate::report::format;

/// „Nachweise“: every evidence file of the checklist with its item and checksum.
pub(super) fn evidence(l: &mut Layout, d: &ReportData) -> Result<()> {
    l.h2(
        "Nachweise",
        keep(d.checklist.iter().flat_map(|s| &s.items).all(|i| i.evidence.is_empty())),
    )?;
    let items: Vec<&ReportItem> =
        d.checklist.iter().flat_map(|s| &s.items).filter(|i| !i.evidence.is_empty()).collect();
    if items.is_empty() {
        return l.paragraph(LEFT, WIDTH, "Keine Nachweise hinterlegt.", BODY);
    }
    l.paragraph(
        LEFT,
        WIDTH,
        "Die Dateien liegen bei der Kommune. Mit der Prüfsumme (SHA-256) lässt sich \
         nachprüfen, ob eine übermittelte Kopie unverändert ist.",
        NOTE,
    )?;
    l.y += 4.0;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for item in items {
        for e in &item.evidence {
            let (head, tail) = e.sha256.split_at(e.sha256.len().min(32));
            let kind = match e.media_type.as_str() {
                "application/pdf" => "PDF",
                "image/png" => "PNG",
                "image/jpeg" => "JPEG",
                "application/vnd.oasis.opendocument.text" => "ODT",
                "application/vnd.oasis.opendocument.spreadsheet" => "ODS",
                "text/plain" => "Text",
                "text/csv" => "CSV",
                "message/rfc822" => "E-Mail",
                t if t.contains("wordprocessingml") => "DOCX",
                t if t.contains("spreadsheetml") => "XLSX",
                _ => "Datei",
            };
            rows.push(vec![
                vec![para(format!("Nr. {}", item.label()), CELL_SMALL), para(&item.title, CELL)],
                vec![
                    para(&e.title, CELL_BOLD),
                    para(&e.file_name, CELL),
                    para(format!("{kind}, {}", format::size(e.size)), CELL_SMALL),
                ],
                vec![para(head, HASH), para(tail, HASH)],
                cell(e.added_at.get(..10).map(format::date_text).unwrap_or_default()),
            ]);
        }
    }
    let hash_w = l.fit_width(&[(&"0".repeat(32), HASH)])?;
    let date_w = l.fit_width(&[("Hinzugefügt", CELL_HEAD), ("00.00.0000", CELL)])?;
    l.table(
        &[
            col("Aufgabe", 120.0),
            col("Nachweis", 0.0),
            col("SHA-256", hash_w + 4.0),
            col("Hinzugefügt", date_w),
        ],
        &rows,
        "Nachweise",
    )
}
