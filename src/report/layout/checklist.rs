//! The checklist: every item with its status (mark and word), owner, due date and note, one
//! table per section; first the municipality's own items, then the Land's in a section of their
//! own („Aufgaben des Landes (zur Information)“).

use super::engine::{Layout, Result, H3_BLOCK, LEFT, NOTE, TABLE_KEEP, WIDTH};
use super::marks::MARK_W;
use super::table::{
    cell, col, para, status_para, Cell, Column, CELL, CELL_BOLD, CELL_SMALL, PAD_X,
};
use crate::catalogue::Actor;
use crate::progress::Status;
use crate::report::data::{ReportData, ReportItem};
use crate::report::format;

/// The heading of the Land's items.
pub(super) const LAND_HEADING: &str = "Aufgaben des Landes (zur Information)";

/// The pages the checklist's two parts start on (1 for the first page).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Pages {
    /// „Checkliste“, the municipality's own items.
    pub(super) own: Option<usize>,
    /// The Land's items.
    pub(super) land: Option<usize>,
}

/// An item's status: its mark and word, and who blocks it.
pub(super) fn status_cell(item: &ReportItem) -> Cell {
    let style = if item.status == Status::ExternBlockiert { CELL_BOLD } else { CELL };
    let mut status = vec![status_para(item.status, &item.status_label, style)];
    if let Some(party) = item.blocked_by {
        status.push(para(format!("durch {}", party.label()), CELL_SMALL));
    }
    status
}

/// An item's due date ("–" without), marked „überfällig“ while open and past.
pub(super) fn due_cell(d: &ReportData, item: &ReportItem) -> Cell {
    let mut due = Vec::new();
    if let Some(date) = item.due {
        due.push(para(format::date(date), CELL));
        if item.status.is_open() && date < d.report_date {
            due.push(para("überfällig", CELL_BOLD));
        }
    } else {
        due.push(para("–", CELL));
    }
    due
}

/// The width of a column of statuses, in which no status breaks.
pub(super) fn status_width(l: &Layout) -> Result<f32> {
    let widest = l.fit_width(&[("Extern blockiert", CELL_BOLD), ("Nicht zutreffend", CELL)])?;
    Ok(widest + MARK_W)
}

/// The width of a column of due dates, in which no date breaks.
pub(super) fn due_width(l: &Layout) -> Result<f32> {
    let w = l.width("00.00.0000", CELL_BOLD)?.max(l.width("überfällig", CELL_BOLD)?);
    Ok((w + 2.0 * PAD_X + 1.0).ceil())
}

/// One item's table row: point, task with its hints, status, owner, due date, note.
fn item_row(d: &ReportData, item: &ReportItem) -> Vec<Cell> {
    let mut task = vec![para(&item.title, CELL)];
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
    vec![
        cell(item.label()),
        task,
        status_cell(item),
        cell(item.owner.as_deref().unwrap_or("–")),
        due_cell(d, item),
        cell(item.note.as_deref().unwrap_or("")),
    ]
}

/// The items of `actor`, one table per section of the checklist; `prefix` starts the tables'
/// captions on the pages they run onto.
fn tables(
    l: &mut Layout,
    d: &ReportData,
    columns: &[Column],
    actor: Actor,
    prefix: &str,
) -> Result<()> {
    for section in &d.checklist {
        let items: Vec<&ReportItem> = section.items.iter().filter(|i| i.actor == actor).collect();
        if items.is_empty() {
            continue;
        }
        let caption = &section.title;
        l.h3(caption, TABLE_KEEP)?;
        let rows: Vec<Vec<Cell>> = items.iter().map(|i| item_row(d, i)).collect();
        l.table(columns, &rows, &format!("{prefix}, {caption}"))?;
    }
    Ok(())
}

/// How many items of `actor` the checklist holds.
pub(super) fn count(d: &ReportData, actor: Actor) -> usize {
    d.checklist.iter().flat_map(|s| &s.items).filter(|i| i.actor == actor).count()
}

/// „Checkliste“: the municipality's items, one table per section of the checklist; then the
/// Land's under a heading of their own. Returns the pages both parts start on.
pub(super) fn checklist(l: &mut Layout, d: &ReportData) -> Result<Pages> {
    let (own, land) = (count(d, Actor::Kommune), count(d, Actor::Land));
    let mut pages = Pages::default();
    l.h2("Checkliste", 2.0 * NOTE.leading + H3_BLOCK + TABLE_KEEP)?;
    pages.own = Some(l.page_number());
    let mut intro = match own {
        0 => "Die Checkliste enthält keine Aufgaben der Kommune.".to_owned(),
        1 => "Die Aufgabe der Kommune mit ihrem Stand.".to_owned(),
        n => format!(
            "Die {n} Aufgaben der Kommune mit ihrem Stand, nach Abschnitten der Checkliste."
        ),
    };
    match land {
        0 => {}
        1 => intro.push_str(" Die Aufgabe des Landes steht danach in einem eigenen Abschnitt."),
        n => intro.push_str(&format!(
            " Die {n} Aufgaben des Landes stehen danach in einem eigenen Abschnitt."
        )),
    }
    l.paragraph(LEFT, WIDTH, &intro, NOTE)?;
    // Dates never break: the column is as wide as the widest date.
    let columns = [
        col("Nr.", 30.0),
        col("Aufgabe", 146.0),
        // Narrower than the statuses: the notes need the room, „Extern blockiert“ may wrap.
        col("Status", 70.0),
        col("Verantwortlich", 72.0),
        col("Fällig", due_width(l)?),
        col("Notiz", 0.0),
    ];
    tables(l, d, &columns, Actor::Kommune, "Checkliste")?;
    if land > 0 {
        l.h2(LAND_HEADING, 2.0 * NOTE.leading + H3_BLOCK + TABLE_KEEP)?;
        pages.land = Some(l.page_number());
        l.paragraph(
            LEFT,
            WIDTH,
            "Diese Aufgaben erledigt das Land; die Kommune hält nur ihren Stand fest. Sie zählen \
             nicht zum Sachstand.",
            NOTE,
        )?;
        tables(l, d, &columns, Actor::Land, "Aufgaben des Landes")?;
    }
    Ok(pages)
}
