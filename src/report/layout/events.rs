//! The events the packages announce, with registration deadline and attendance.

use super::engine::{keep, Layout, Result, BODY, LEFT, WIDTH};
use super::table::{cell, col, para, Cell, CELL, CELL_HEAD, CELL_SMALL};
use crate::report::data::ReportData;
use crate::report::format;

/// „Veranstaltungen“: the packages' events, or why there are none.
pub(super) fn events(l: &mut Layout, d: &ReportData) -> Result<()> {
    l.h2("Veranstaltungen", keep(d.events.is_empty()))?;
    if d.events.is_empty() {
        let text = if d.packages.is_empty() {
            "Keine Veranstaltungen: Es ist kein Informationspaket eingelesen."
        } else {
            "Die Informationspakete nennen keine Veranstaltungen."
        };
        return l.paragraph(LEFT, WIDTH, text, BODY);
    }
    let today = d.report_date.format("%Y-%m-%d").to_string();
    let rows: Vec<Vec<Cell>> = d
        .events
        .iter()
        .map(|e| {
            let mut title = vec![para(&e.title, CELL)];
            if d.packages.len() > 1 {
                if let Some(p) = d.packages.iter().find(|p| p.id == e.package_id) {
                    title.push(para(&p.title, CELL_SMALL));
                }
            }
            let mut attended = vec![para(format::yes_no(e.attended), CELL)];
            if !e.attended && e.start.get(..10).is_some_and(|day| day >= today.as_str()) {
                attended.push(para("steht bevor", CELL_SMALL));
            }
            vec![
                title,
                cell(format::datetime_text(&e.start)),
                cell(e.registration_deadline.map_or("–".to_owned(), format::date)),
                attended,
            ]
        })
        .collect();
    let deadline_w = l.fit_width(&[("Anmeldeschluss", CELL_HEAD), ("00.00.0000", CELL)])?;
    let attended_w = l.fit_width(&[("Teilgenommen", CELL_HEAD), ("steht bevor", CELL)])?;
    let start_w = l.fit_width(&[("00.00.0000, 00:00\u{a0}Uhr", CELL)])?;
    l.table(
        &[
            col("Veranstaltung", 0.0),
            col("Termin", start_w),
            col("Anmeldeschluss", deadline_w),
            col("Teilgenommen", attended_w),
        ],
        &rows,
        "Veranstaltungen",
    )
}
