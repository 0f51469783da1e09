//! Requirements and feature requests of the municipality to the Land, per online service.

use super::engine::{keep, Layout, Result, BODY, LEFT, NOTE, WIDTH};
use super::table::{cell, col, para, Cell, CELL, CELL_BOLD, CELL_SMALL};
use crate::report::data::ReportData;
use crate::report::format;

/// „Anforderungen an das Land“: all requirements of all services in one table.
pub(super) fn requirements(l: &mut Layout, d: &ReportData) -> Result<()> {
    l.h2("Anforderungen an das Land", keep(d.services.iter().all(|s| s.requirements.is_empty())))?;
    let rows: Vec<Vec<Cell>> = d
        .services
        .iter()
        .flat_map(|s| s.requirements.iter().map(move |r| (s, r)))
        .map(|(s, r)| {
            let priority_style = if r.priority == "hoch" { CELL_BOLD } else { CELL };
            let created = r.created_at.get(..10).map(format::date_text).unwrap_or_default();
            vec![
                cell(&s.name),
                vec![
                    para(&r.kind_label, CELL),
                    para(&r.area_label, CELL_SMALL),
                    para(format!("erfasst am {created}"), CELL_SMALL),
                ],
                vec![para(&r.priority_label, priority_style)],
                cell(&r.description),
            ]
        })
        .collect();
    if rows.is_empty() {
        return l.paragraph(LEFT, WIDTH, "Keine Anforderungen erfasst.", BODY);
    }
    l.paragraph(
        LEFT,
        WIDTH,
        "Anforderungen (für die Nutzung nötig) und Funktionswünsche der Kommune zu den \
         Onlinediensten.",
        NOTE,
    )?;
    l.y += 4.0;
    l.table(
        &[
            col("Onlinedienst", 106.0),
            col("Art / Bereich", 94.0),
            col("Priorität", 52.0),
            col("Beschreibung", 0.0),
        ],
        &rows,
        "Anforderungen an das Land",
    )
}
