//! The checklist: every item with its status, owner, due date and note, one table per section.

use super::engine::{Layout, Result, H3_BLOCK, LEFT, NOTE, TABLE_KEEP, WIDTH};
use super::table::{cell, col, para, Cell, CELL, CELL_BOLD, CELL_SMALL, PAD_X};
use crate::catalogue::Actor;
use crate::progress::Status;
use crate::report::data::{ReportData, ReportItem};
use crate::report::format;

/// One item's table row: point, task with its hints, status, owner, due date, note.
fn item_row(d: &ReportData, item: &ReportItem) -> Vec<Cell> {
    let mut task = vec![para(&item.title, CELL)];
    if item.actor == Actor::Land {
        task.push(para("Aufgabe des Landes", CELL_SMALL));
    }
    if item.package.is_some() {
        task.push(para("Zusatzaufgabe aus dem Informationspaket", CELL_SMALL));
    } else if item.added.is_some() {
        task.push(para("Ergänzt, steht nicht in der Quelle", CELL_SMALL));
    }
    if let Some(deadline) = &item.land_deadline {
        task.push(para(format!("Frist des Landes: {}", format::date_text(deadline)), CELL_SMALL));
    }
    if let Some(reason) = &item.review {
        task.push(para(format!("Bitte prüfen: {reason}"), CELL_BOLD));
    }
    match item.evidence.len() {
        0 => {}
        1 => task.push(para("1 Nachweis (siehe „Nachweise“)", CELL_SMALL)),
        n => task.push(para(format!("{n} Nachweise (siehe „Nachweise“)"), CELL_SMALL)),
    }
    let status_style = if item.status == Status::ExternBlockiert { CELL_BOLD } else { CELL };
    let mut status = vec![para(&item.status_label, status_style)];
    if let Some(party) = item.blocked_by {
        status.push(para(format!("durch {}", party.label()), CELL_SMALL));
    }
    let mut due = Vec::new();
    if let Some(date) = item.due {
        due.push(para(format::date(date), CELL));
        if item.status.is_open() && date < d.report_date {
            due.push(para("überfällig", CELL_BOLD));
        }
    } else {
        due.push(para("–", CELL));
    }
    vec![
        cell(item.label()),
        task,
        status,
        cell(item.owner.as_deref().unwrap_or("–")),
        due,
        cell(item.note.as_deref().unwrap_or("")),
    ]
}

/// „Checkliste“: one table per section of the checklist.
pub(super) fn checklist(l: &mut Layout, d: &ReportData) -> Result<()> {
    l.h2("Checkliste", NOTE.leading + H3_BLOCK + TABLE_KEEP)?;
    l.paragraph(
        LEFT,
        WIDTH,
        &format!(
            "Alle {} Aufgaben mit ihrem Stand, nach Abschnitten der Checkliste.",
            d.item_count()
        ),
        NOTE,
    )?;
    // Dates never break: the column is as wide as the widest date.
    let date_w = l.width("00.00.0000", CELL_BOLD)?.max(l.width("überfällig", CELL_BOLD)?);
    let columns = [
        col("Nr.", 30.0),
        col("Aufgabe", 158.0),
        col("Status", 60.0),
        col("Verantwortlich", 76.0),
        col("Fällig", (date_w + 2.0 * PAD_X + 1.0).ceil()),
        col("Notiz", 0.0),
    ];
    for section in &d.checklist {
        let caption = &section.title;
        l.h3(caption, TABLE_KEEP)?;
        let rows: Vec<Vec<Cell>> = section.items.iter().map(|i| item_row(d, i)).collect();
        l.table(&columns, &rows, &format!("Checkliste, {caption}"))?;
    }
    Ok(())
}
