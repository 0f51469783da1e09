//! What needs attention: items blocked by someone outside the municipality, and dates that are
//! overdue or due soon.

use super::engine::{keep, Layout, Result, BODY, H3_BLOCK, LEFT, WIDTH};
use super::table::{cell, col, para, Cell, CELL, CELL_BOLD, CELL_SMALL};
use crate::report::data::{DueItem, ReportData};
use crate::report::format;

/// „Extern blockiert“: the items someone outside the municipality holds up, or a line saying
/// there are none.
pub(super) fn blockers(l: &mut Layout, d: &ReportData) -> Result<()> {
    l.h2("Extern blockiert", keep(d.blockers.is_empty()))?;
    if d.blockers.is_empty() {
        return l.paragraph(LEFT, WIDTH, "Keine Aufgabe ist extern blockiert.", BODY);
    }
    let rows: Vec<Vec<Cell>> = d
        .blockers
        .iter()
        .map(|b| {
            vec![
                cell(&b.title),
                vec![para(&b.party_label, CELL_BOLD)],
                cell(b.text.as_deref().unwrap_or("–")),
            ]
        })
        .collect();
    l.table(
        &[col("Aufgabe", 190.0), col("Blockiert durch", 90.0), col("Beschreibung", 0.0)],
        &rows,
        "Extern blockiert",
    )
}

/// „Fristen“: what is overdue and what is due in the next days, each as a table or a line
/// saying there is nothing.
pub(super) fn deadlines(l: &mut Layout, d: &ReportData) -> Result<()> {
    l.h2("Fristen", H3_BLOCK + keep(d.overdue.is_empty()))?;
    let columns = [
        col("Fällig", 84.0),
        col("Was", 0.0),
        col("Status / Art", 108.0),
        col("Verantwortlich", 104.0),
    ];
    let rows = |list: &[DueItem]| -> Vec<Vec<Cell>> {
        list.iter()
            .map(|i| {
                let mut what = vec![para(i.title.clone(), CELL)];
                if let Some(context) = &i.context {
                    what.push(para(context.clone(), CELL_SMALL));
                }
                vec![
                    vec![
                        para(format::date(i.due), CELL_BOLD),
                        para(format::days(i.days), CELL_SMALL),
                    ],
                    what,
                    cell(i.status_label.as_deref().unwrap_or(&i.kind_label)),
                    cell(i.owner.as_deref().unwrap_or("–")),
                ]
            })
            .collect()
    };
    l.h3("Überfällig", keep(d.overdue.is_empty()))?;
    if d.overdue.is_empty() {
        l.paragraph(LEFT, WIDTH, "Nichts ist überfällig.", BODY)?;
    } else {
        l.table(&columns, &rows(&d.overdue), "Überfällig")?;
    }
    let soon = format!("In den nächsten {} Tagen fällig", crate::readiness::DUE_SOON_DAYS);
    l.h3(&soon, keep(d.due_soon.is_empty()))?;
    if d.due_soon.is_empty() {
        let none =
            format!("In den nächsten {} Tagen ist nichts fällig.", crate::readiness::DUE_SOON_DAYS);
        l.paragraph(LEFT, WIDTH, &none, BODY)
    } else {
        l.table(&columns, &rows(&d.due_soon), &soon)
    }
}
