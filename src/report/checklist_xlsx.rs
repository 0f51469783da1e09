//! The checklist for spreadsheets: one sheet "Checkliste" with a row per item, for the clerk and
//! the Kämmerei to sort, filter and add to.
//!
//! Rendered from the [`Checklist`] it is given; returns the file's content and never touches a
//! file or the database. Like the Land's workbook (`land_export`), every text is written as text
//! (never a formula) without the characters XML cannot hold, and dates are date cells
//! (DD.MM.YYYY); the header row is bold and frozen, with an autofilter.

use chrono::NaiveDate;
use rust_xlsxwriter::{DocProperties, Format, FormatAlign, Workbook, XlsxError};

use super::land_export::{cell_text, excel_date};
use super::work_items::{sections, WorkItem};
use super::ReportError;
use crate::checklist::Checklist;

/// The name of the one sheet.
pub const SHEET: &str = "Checkliste";

/// The columns, in their order.
pub const COLUMNS: [&str; 11] = [
    "Nr.",
    "Abschnitt",
    "Quelle",
    "Aufgabe",
    "Zuständig",
    "Status",
    "Verantwortlich",
    "Fällig am",
    "Frist des Landes",
    "Blockiert durch",
    "Notiz",
];

/// Widths of the columns, in characters.
const WIDTHS: [f64; 11] = [6.0, 22.0, 34.0, 60.0, 11.0, 17.0, 22.0, 12.0, 16.0, 34.0, 50.0];

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    Number(u32),
    Date(NaiveDate),
    Empty,
}

impl Cell {
    fn text(value: impl Into<String>) -> Cell {
        let value = value.into();
        if value.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(value)
        }
    }

    fn opt_text(value: Option<&str>) -> Cell {
        value.map_or(Cell::Empty, Cell::text)
    }
}

/// The Land's deadline of an item: a date cell, or the text as given if it is no date.
fn deadline(value: Option<&str>) -> Cell {
    match value {
        None => Cell::Empty,
        Some(text) => NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map_or_else(|_| Cell::text(text), Cell::Date),
    }
}

/// What blocks an item: "Hersteller: Schnittstelle kommt im Januar".
fn blocked(item: &WorkItem<'_>) -> Cell {
    let p = &item.entry.progress;
    match (p.blocked_by, p.blocked_text.as_deref().map(str::trim).filter(|t| !t.is_empty())) {
        (Some(party), Some(text)) => Cell::text(format!("{}: {text}", party.label())),
        (Some(party), None) => Cell::text(party.label()),
        (None, text) => Cell::opt_text(text),
    }
}

/// The row of one item, in the order of [`COLUMNS`].
fn row(section: &str, item: &WorkItem<'_>) -> Vec<Cell> {
    let e = item.entry;
    let number = item.number.parse().map_or_else(|_| Cell::text(&item.number), Cell::Number);
    vec![
        number,
        Cell::text(section),
        Cell::text(&item.source),
        Cell::text(&e.item.title),
        Cell::text(e.item.actor.label()),
        Cell::text(e.progress.status.label()),
        Cell::opt_text(e.progress.owner.as_deref()),
        e.progress.due.map_or(Cell::Empty, Cell::Date),
        deadline(e.item.deadline.as_deref()),
        blocked(item),
        Cell::opt_text(e.progress.note.as_deref()),
    ]
}

/// The checklist as an XLSX workbook with the one sheet [`SHEET`] and the columns [`COLUMNS`]:
/// a row per item, numbered and grouped by section as [`sections`] orders them. `title` names
/// the workbook (its document properties), `date` is the day it was made.
pub fn to_xlsx(
    checklist: &Checklist,
    title: &str,
    date: NaiveDate,
) -> Result<Vec<u8>, ReportError> {
    write_workbook(checklist, title, date).map_err(|e| ReportError::Workbook(e.to_string()))
}

fn write_workbook(
    checklist: &Checklist,
    title: &str,
    date: NaiveDate,
) -> Result<Vec<u8>, XlsxError> {
    let header = Format::new().set_bold().set_align(FormatAlign::Top);
    let text = Format::new().set_align(FormatAlign::Top);
    let wrapped = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let number = Format::new().set_align(FormatAlign::Top).set_align(FormatAlign::Left);
    let day = Format::new()
        .set_num_format("DD.MM.YYYY")
        .set_align(FormatAlign::Top)
        .set_align(FormatAlign::Left);

    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(cell_text(title))
            .set_subject(cell_text(&checklist.source))
            .set_creation_datetime(&excel_date(date)?),
    );
    let ws = workbook.add_worksheet();
    ws.set_name(SHEET)?;
    for (col, h) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *h, &header)?;
    }
    let mut r = 0;
    for section in sections(checklist) {
        let caption = section.caption();
        for item in &section.items {
            r += 1;
            for (c, cell) in row(&caption, item).into_iter().enumerate() {
                let col = c as u16;
                match cell {
                    Cell::Text(t) => {
                        let t = cell_text(&t);
                        let long = t.contains('\n') || t.chars().count() as f64 > WIDTHS[c];
                        ws.write_string_with_format(
                            r,
                            col,
                            t,
                            if long { &wrapped } else { &text },
                        )?;
                    }
                    Cell::Number(n) => {
                        ws.write_number_with_format(r, col, f64::from(n), &number)?;
                    }
                    Cell::Date(d) => {
                        ws.write_datetime_with_format(r, col, excel_date(d)?, &day)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
    }
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, r, COLUMNS.len() as u16 - 1)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::work_items::tests::sample;
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    use std::io::Cursor;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn date_of(cell: &Data) -> (u16, u8, u8) {
        match cell {
            Data::DateTime(d) => {
                assert!(d.is_datetime());
                let (y, m, d, ..) = d.to_ymd_hms_milli();
                (y, m, d)
            }
            other => panic!("no date: {other:?}"),
        }
    }

    #[test]
    fn every_item_is_a_row_with_german_headers_text_and_dates() {
        let checklist = sample();
        let bytes =
            to_xlsx(&checklist, "Checkliste – Stadt Musterstadt", day(2026, 12, 1)).unwrap();
        let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), [SHEET]);
        let range = book.worksheet_range(SHEET).unwrap();
        assert_eq!(range.height(), checklist.entries.len() + 1);
        let headers: Vec<String> =
            range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
        assert_eq!(headers, COLUMNS);
        let s = |t: &str| Data::String(t.into());

        // The first item: done, with owner, due date and note, umlauts intact.
        let first: Vec<&Data> = range.rows().nth(1).unwrap().iter().collect();
        assert_eq!(first[0], &Data::Float(1.0));
        assert_eq!(first[1], &s("Voraussetzung"));
        assert_eq!(first[2], &s("Einleitung, 2. Absatz"));
        assert_eq!(first[3], &s(&checklist.entries[0].item.title));
        assert_eq!(first[4], &s("Land"));
        assert_eq!(first[5], &s("Erledigt"));
        assert_eq!(first[6], &s("Frau Öztürk"));
        assert_eq!(date_of(first[7]), (2026, 11, 30));
        assert_eq!(first[8], &Data::Empty);
        assert_eq!(first[9], &Data::Empty);
        assert_eq!(first[10], &s("Beschluss liegt vor; Größe geprüft"));

        // Blocked from outside: the party and what it says.
        let second: Vec<&Data> = range.rows().nth(2).unwrap().iter().collect();
        assert_eq!(second[5], &s("Extern blockiert"));
        assert_eq!(second[9], &s("Hersteller: Schnittstelle kommt im Januar"));
        assert_eq!(range.get((3, 5)), Some(&s("Nicht zutreffend")));

        // A formula arrives as text, a control character is left out; the Land's deadline is
        // a date.
        let fourth: Vec<&Data> = range.rows().nth(4).unwrap().iter().collect();
        assert_eq!(fourth[3], &s("=HYPERLINK(\"http://evil\",\"x\") Straße"));
        assert_eq!(fourth[5], &s("In Arbeit"));
        assert_eq!(fourth[7], &Data::Empty);
        assert_eq!(date_of(fourth[8]), (2027, 1, 31));

        // The package's item without a known section comes last, numbered on.
        let last: Vec<&Data> = range.rows().next_back().unwrap().iter().collect();
        let n = checklist.entries.len() as f64;
        assert_eq!(
            (last[0], last[1], last[2], last[4]),
            (&Data::Float(n), &s("Weitere Aufgaben"), &s("ergänzt"), &s("Land"))
        );

        // Numbers run 1..n without a gap.
        let numbers: Vec<f64> = range
            .rows()
            .skip(1)
            .map(|r| match r[0] {
                Data::Float(f) => f,
                ref other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(numbers, (1..=checklist.entries.len()).map(|n| n as f64).collect::<Vec<_>>());

        let styles = book.worksheet_style(SHEET).unwrap();
        let format =
            |pos| styles.get(pos).and_then(|s| s.number_format.clone()).map(|f| f.format_code);
        assert_eq!(format((1, 7)).as_deref(), Some("DD.MM.YYYY"));
        assert_eq!(format((4, 8)).as_deref(), Some("DD.MM.YYYY"));
        assert!(styles.get((0, 0)).and_then(|s| s.font.as_ref()).is_some_and(|f| f.is_bold()));
    }

    #[test]
    fn a_deadline_that_is_no_date_stays_text_and_an_empty_list_has_its_header() {
        assert_eq!(deadline(Some("bis Ende Q1")), Cell::Text("bis Ende Q1".into()));
        assert_eq!(deadline(Some("2027-02-28")), Cell::Date(day(2027, 2, 28)));
        assert_eq!(deadline(None), Cell::Empty);
        let mut checklist = sample();
        checklist.entries.clear();
        let bytes = to_xlsx(&checklist, "Leer", day(2026, 12, 1)).unwrap();
        let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range(SHEET).unwrap();
        assert_eq!(range.height(), 1);
    }
}
