//! What is missing, on the first page: the municipality's own tasks not yet done (the ones due
//! first, as many as fit on the page, the rest referred to the checklist), the Land's in one
//! line, and the warnings the app shows before the export (`preview::warnings`) under „Hinweise
//! vor dem Versand“.

use super::checklist::{due_cell, due_width, status_cell, status_width, Pages};
use super::engine::{Layout, Result, BODY, BOTTOM, H2, LEFT, NOTE, TABLE_KEEP, WIDTH};
use super::table::{cell, col, para, Cell, Column, CELL, CELL_BOLD, CELL_SMALL};
use crate::catalogue::Actor;
use crate::progress::Status;
use crate::report::data::{ReportData, ReportItem};
use crate::report::fonts::clean;
use crate::report::format;
use crate::report::preview;

/// The heading of the list.
pub(super) const HEADING: &str = "Noch nicht erledigte Aufgaben der Kommune";

/// The heading of the warnings.
pub(super) const HINTS_HEADING: &str = "Hinweise vor dem Versand";

/// Rows shown at least before the rest is referred to the checklist.
const MIN_ROWS: usize = 5;

/// Where a warning's text starts, after its bullet.
const BULLET_INDENT: f32 = 12.0;

/// The space a heading takes with the gap above it.
const H2_BLOCK: f32 = 20.0 + H2.leading + 10.0;

/// The municipality's tasks not yet done: those with a due date first (the earliest first),
/// then the others, each by number.
fn open_own(d: &ReportData) -> Vec<&ReportItem> {
    let mut items: Vec<&ReportItem> = d
        .checklist
        .iter()
        .flat_map(|s| &s.items)
        .filter(|i| i.actor == Actor::Kommune && i.status.is_open())
        .collect();
    // Stable: items of one day keep the checklist's order.
    items.sort_by_key(|i| (i.due.is_none(), i.due));
    items
}

/// One task's row: number, task, status, who is responsible, due date.
fn row(d: &ReportData, item: &ReportItem) -> Vec<Cell> {
    let mut task = vec![para(&item.title, CELL)];
    if let Some(deadline) = &item.land_deadline {
        task.push(para(format!("Frist des Landes: {}", format::date_text(deadline)), CELL_SMALL));
    }
    let owner = match &item.owner {
        Some(owner) => cell(owner),
        None => vec![para("nicht festgelegt", CELL_BOLD)],
    };
    vec![cell(item.label()), task, status_cell(item), owner, due_cell(d, item)]
}

/// „… und 3 weitere …“ with the right number.
fn tasks(n: usize) -> String {
    if n == 1 {
        "1 weitere noch nicht erledigte Aufgabe".to_owned()
    } else {
        format!("{n} weitere noch nicht erledigte Aufgaben")
    }
}

/// The page named in a reference; before the first layout the one after this page.
fn page_of(l: &Layout, known: Option<usize>) -> usize {
    known.unwrap_or(l.page_number() + 1)
}

/// The list of the municipality's tasks not yet done, the line on the Land's, and the
/// warnings. `pages` are where the checklist's parts start (from an earlier layout).
pub(super) fn open_tasks(l: &mut Layout, d: &ReportData, pages: Pages) -> Result<()> {
    let open = open_own(d);
    let own: Vec<&ReportItem> =
        d.checklist.iter().flat_map(|s| &s.items).filter(|i| i.actor == Actor::Kommune).collect();
    let land_open = d
        .checklist
        .iter()
        .flat_map(|s| &s.items)
        .filter(|i| i.actor == Actor::Land && i.status.is_open())
        .count();
    // A character the font lacks in the Land's texts (a service's name) as its code point.
    let warnings: Vec<String> = preview::warnings(d).iter().map(|w| clean(w)).collect();
    let hints_h = hints_height(l, &warnings)?;

    if open.is_empty() {
        l.h2(HEADING, BODY.leading)?;
        let not_applicable = own.iter().filter(|i| i.status == Status::NichtZutreffend).count();
        let done = own.len() - not_applicable;
        let text = match (done, not_applicable) {
            (0, 0) => "Die Checkliste enthält keine Aufgaben der Kommune.".to_owned(),
            (0, _) => "Alle Aufgaben der Kommune sind als nicht zutreffend markiert.".to_owned(),
            (1, 0) => "Die Aufgabe der Kommune ist erledigt.".to_owned(),
            (n, 0) => format!("Alle {n} Aufgaben der Kommune sind erledigt."),
            (n, 1) => format!(
                "Alle {n} Aufgaben der Kommune sind erledigt; eine weitere ist als nicht \
                 zutreffend markiert."
            ),
            (n, m) => format!(
                "Alle {n} Aufgaben der Kommune sind erledigt; {m} weitere sind als nicht \
                 zutreffend markiert."
            ),
        };
        l.paragraph(LEFT, WIDTH, &text, BODY)?;
    } else {
        l.h2(HEADING, NOTE.leading + TABLE_KEEP)?;
        let applicable = own.iter().filter(|i| i.status != Status::NichtZutreffend).count();
        l.paragraph(
            LEFT,
            WIDTH,
            &format!(
                "{} von {applicable} Aufgaben der Kommune sind noch nicht erledigt; die mit der \
                 frühesten Fälligkeit stehen oben.",
                open.len()
            ),
            NOTE,
        )?;
        l.y += 3.0;
        let columns: [Column; 5] = [
            col("Nr.", 30.0),
            col("Aufgabe", 0.0),
            col("Status", status_width(l)?),
            col("Verantwortlich", 90.0),
            col("Fällig", due_width(l)?),
        ];
        let rows: Vec<Vec<Cell>> = open.iter().map(|i| row(d, i)).collect();
        // As many rows as fit on this page with the lines below the table and the warnings; if
        // that leaves too few, the warnings follow on the next page. No row is pushed over.
        let below = 2.0 * BODY.leading + if land_open > 0 { BODY.leading } else { 0.0 };
        let room = BOTTOM - l.y - below;
        let mut shown = l.rows_fitting(&columns, &rows, room - hints_h)?;
        if shown < MIN_ROWS.min(rows.len()) {
            shown = l.rows_fitting(&columns, &rows, room)?.max(1);
        }
        l.table(&columns, &rows[..shown], HEADING)?;
        if shown < rows.len() {
            l.y += 4.0;
            l.paragraph(
                LEFT,
                WIDTH,
                &format!(
                    "… und {} der Kommune: siehe „Checkliste“ ab Seite {}.",
                    tasks(rows.len() - shown),
                    page_of(l, pages.own)
                ),
                BODY,
            )?;
        }
    }
    if land_open > 0 {
        // The summary counts them; here only where they are.
        l.y += 2.0;
        l.paragraph(
            LEFT,
            WIDTH,
            &format!(
                "Aufgaben des Landes: {land_open} noch nicht erledigt, zur Information ab Seite {}.",
                page_of(l, pages.land)
            ),
            BODY,
        )?;
    }
    hints(l, &warnings)
}

/// The line of the warnings before the first: what they are.
const HINTS_INTRO: &str = "Diese Hinweise hat Anbindungscheck beim Erstellen des Berichts \
                           gegeben (in der App unter „Vor dem Export prüfen“).";

/// The line when there is no warning, as the app says it.
const NO_HINTS: &str = "Keine Hinweise – der Bericht ist vollständig.";

/// The height of the warnings with their heading.
fn hints_height(l: &Layout, warnings: &[String]) -> Result<f32> {
    if warnings.is_empty() {
        return Ok(H2_BLOCK + BODY.leading);
    }
    let mut h = H2_BLOCK + l.wrap(HINTS_INTRO, NOTE, WIDTH)?.len() as f32 * NOTE.leading + 3.0;
    for w in warnings {
        h += l.wrap(w, BODY, WIDTH - BULLET_INDENT)?.len() as f32 * BODY.leading + 2.0;
    }
    Ok(h)
}

/// „Hinweise vor dem Versand“: the warnings the app shows before the export, one bullet each.
fn hints(l: &mut Layout, warnings: &[String]) -> Result<()> {
    if warnings.is_empty() {
        l.h2(HINTS_HEADING, BODY.leading)?;
        return l.paragraph(LEFT, WIDTH, NO_HINTS, BODY);
    }
    let first = l.wrap(&warnings[0], BODY, WIDTH - BULLET_INDENT)?.len() as f32;
    l.h2(HINTS_HEADING, 2.0 * NOTE.leading + first * BODY.leading)?;
    l.paragraph(LEFT, WIDTH, HINTS_INTRO, NOTE)?;
    l.y += 3.0;
    for w in warnings {
        let lines = l.wrap(w, BODY, WIDTH - BULLET_INDENT)?;
        l.ensure(BODY.leading * lines.len().min(2) as f32);
        l.text_at(LEFT + 2.0, l.y, BODY, "•")?;
        for line in lines {
            l.ensure(BODY.leading);
            l.text_at(LEFT + BULLET_INDENT, l.y, BODY, &line)?;
            l.y += BODY.leading;
        }
        l.y += 2.0;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::checklist::LAND_HEADING;
    use super::super::engine::tests::all_within_margins;
    use super::super::engine::{Element, Page};
    use super::super::layout;
    use super::super::tests::{mixed_sample, recount, workflow_sample};
    use super::{HEADING, HINTS_HEADING};
    use crate::catalogue::Actor;
    use crate::progress::Status;
    use crate::report::data::ReportData;

    /// A page's lines joined with spaces: a cell wrapped at spaces reads as it was written.
    fn text(page: &Page) -> String {
        page.texts().collect::<Vec<_>>().join(" ")
    }

    /// The number of the page on which `heading` stands.
    fn page_of(pages: &[Page], heading: &str) -> usize {
        pages.iter().position(|p| p.texts().any(|t| t == heading)).unwrap() + 1
    }

    fn items(d: &ReportData, actor: Actor) -> Vec<&crate::report::data::ReportItem> {
        d.checklist.iter().flat_map(|s| &s.items).filter(|i| i.actor == actor).collect()
    }

    #[test]
    fn page_one_lists_the_tasks_not_yet_done_and_refers_the_rest_to_the_checklist() {
        let d = mixed_sample(60);
        let pages = layout(&d).unwrap();
        all_within_margins(&pages);
        let first = text(&pages[0]);
        for needle in [HEADING, "Nr.", "Aufgabe", "Status", "Verantwortlich", "Fällig"] {
            assert!(first.contains(needle), "{needle:?} missing on page 1");
        }
        // The earliest due first (overdue), then by date; the status with its mark.
        assert!(first.contains("1 Aufgabe Nummer 0 mit einem längeren Titel"), "{first}");
        assert!(first.contains("20.11.2026 überfällig"), "{first}");
        assert!(first.contains("nicht festgelegt"), "{first}");
        let marks = pages[0].elements.iter().filter(|e| matches!(e, Element::Path { .. })).count();
        assert!(marks >= 3, "{marks} status marks on page 1");
        // The Land's tasks are not in the list, but counted in one line.
        assert!(!first.contains("Nachnutzungsmodell des Landes"), "{first}");
        let land_open = items(&d, Actor::Land).iter().filter(|i| i.status.is_open()).count();
        let land_page = page_of(&pages, LAND_HEADING);
        let line = format!(
            "Aufgaben des Landes: {land_open} noch nicht erledigt, zur Information ab Seite \
             {land_page}."
        );
        assert!(first.contains(&line), "{line:?} missing: {first}");
        // The rest: how many, and the page the checklist starts on.
        let open = items(&d, Actor::Kommune).iter().filter(|i| i.status.is_open()).count();
        let shown = pages[0].texts().filter(|t| t.starts_with("Aufgabe ")).count();
        assert!(shown >= 3 && shown < open, "{shown} of {open} shown");
        let rest = format!(
            "… und {} weitere noch nicht erledigte Aufgaben der Kommune: siehe „Checkliste“ ab \
             Seite {}.",
            open - shown,
            page_of(&pages, "Checkliste")
        );
        assert!(first.contains(&rest), "{rest:?} missing: {first}");
        // No row of the list is pushed onto the next page.
        let continued = format!("{HEADING} (Fortsetzung)");
        assert!(!pages.iter().any(|p| p.texts().any(|t| t == continued)));
    }

    #[test]
    fn a_few_tasks_stand_on_page_one_with_the_warnings_of_the_preview() {
        let d = workflow_sample();
        let pages = layout(&d).unwrap();
        let first = text(&pages[0]);
        for item in items(&d, Actor::Kommune) {
            let row = format!("{} {}", item.label(), item.title);
            assert!(first.contains(&row), "{row:?} missing: {first}");
        }
        assert!(!first.contains("weitere noch nicht erledigte"), "{first}");
        assert!(first.contains(HINTS_HEADING), "{first}");
        let warnings = crate::report::preview::warnings(&d);
        assert!(warnings.len() >= 2, "{warnings:?}");
        let all = pages.iter().map(text).collect::<Vec<_>>().join(" ");
        for w in &warnings {
            assert!(all.contains(w.as_str()), "{w:?} missing");
        }
    }

    #[test]
    fn when_every_task_is_done_page_one_says_so() {
        let mut d = mixed_sample(12);
        for item in d.checklist.iter_mut().flat_map(|s| &mut s.items) {
            if item.status.is_open() && item.actor == Actor::Kommune {
                item.status = Status::Erledigt;
                item.status_label = "Erledigt".into();
            }
        }
        recount(&mut d);
        let pages = layout(&d).unwrap();
        let first = text(&pages[0]);
        assert!(
            first.contains(
                "Alle 9 Aufgaben der Kommune sind erledigt; eine weitere ist als nicht \
                 zutreffend markiert."
            ),
            "{first}"
        );
        assert!(!first.contains("Verantwortlich"), "{first}");
        assert!(first.contains(HINTS_HEADING), "{first}");
    }

    #[test]
    fn without_warnings_the_report_says_it_is_complete() {
        let mut d = mixed_sample(4);
        for item in d.checklist.iter_mut().flat_map(|s| &mut s.items) {
            item.owner = Some("Hauptamt".into());
            item.due = None;
        }
        d.municipality.population = Some(12_500);
        assert!(crate::report::preview::warnings(&d)
            .iter()
            .all(|w| w.contains("Informationspaket")));
        d.packages = workflow_sample().packages;
        assert!(crate::report::preview::warnings(&d).is_empty());
        let first = text(&layout(&d).unwrap()[0]);
        assert!(first.contains("Keine Hinweise – der Bericht ist vollständig."), "{first}");
    }

    #[test]
    fn the_list_never_runs_over_the_margins_or_onto_the_next_page() {
        for n in (0..72).step_by(3) {
            let pages = layout(&mixed_sample(n)).unwrap();
            all_within_margins(&pages);
            let continued = format!("{HEADING} (Fortsetzung)");
            assert!(!pages.iter().any(|p| p.texts().any(|t| t == continued)), "{n} items");
            assert!(pages[0].texts().any(|t| t == HEADING), "{n} items: heading not on page 1");
        }
    }

    #[test]
    fn the_lands_tasks_have_a_section_of_their_own_after_the_municipalitys() {
        let d = mixed_sample(30);
        let pages = layout(&d).unwrap();
        let texts: Vec<String> = pages.iter().map(text).collect();
        let all = texts.join(" ");
        let checklist = all.find("Checkliste Die ").unwrap();
        let land = all.find(LAND_HEADING).unwrap();
        assert!(checklist < land);
        for item in items(&d, Actor::Land) {
            let row = format!("{} {}", item.label(), item.title);
            let at = all.rfind(&row).unwrap_or_else(|| panic!("{row:?} missing"));
            assert!(at > land, "{row:?} before the Land's heading");
        }
        for item in items(&d, Actor::Kommune) {
            let row = format!("{} {}", item.label(), item.title);
            let at = all[checklist..].find(&row).map(|at| at + checklist);
            assert!(at.is_some_and(|at| at < land), "{row:?} not in the municipality's part");
        }
        assert!(!all.contains("Aufgabe des Landes "), "marked in small type");
        assert!(all.contains("Die 26 Aufgaben der Kommune mit ihrem Stand"), "{all}");
    }
}
