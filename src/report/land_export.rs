//! The Land's overview for spreadsheets: a workbook (XLSX) with one sheet per list of the
//! overview and the follow-up list, and the overview's municipalities as CSV.
//!
//! Both are rendered from the data they are given and return the file's content; they never
//! touch a file or the database. Every text is written as text (never a formula), with the
//! characters XML cannot hold left out; an AGS stays text so that its leading zero is kept,
//! percentages, counts and dates are numbers with a format.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

use super::aggregate::csv_field;
use super::followup::FollowUpList;
use super::overview::{LandOverview, MunicipalityRow, Named};
use super::ReportError;
use crate::service_state::Phase;

/// The sheets of the workbook, in their order.
pub const SHEETS: [&str; 6] =
    ["Übersicht", "Onlinedienste", "Anforderungen", "Blockaden", "Fachverfahren", "Nachverfolgung"];

/// The columns of the sheet "Übersicht" and of the overview's CSV.
pub const OVERVIEW_COLUMNS: [&str; 14] = [
    "AGS",
    "Kommune",
    "Kreis",
    "Einwohner",
    "Sachstand gesamt",
    "Finanziell",
    "Rechtlich",
    "Organisatorisch",
    "Technisch",
    "Letzter Bericht",
    "Offene Aufgaben",
    "Blockaden",
    "Ohne Bericht",
    "Veraltet",
];

/// Excel's limit for the text of one cell, in characters.
const MAX_CELL_CHARS: usize = 32_767;

/// Column widths (in characters) between these bounds.
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 60;

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    Count(u32),
    /// 0–100, written as a fraction with a percent format.
    Percent(u8),
    Date(NaiveDate),
    Empty,
}

impl Cell {
    fn text(value: impl Into<String>) -> Cell {
        let value = value.into();
        if value.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(value)
        }
    }

    fn opt_text(value: Option<&str>) -> Cell {
        value.map_or(Cell::Empty, Cell::text)
    }

    fn count(value: Option<u32>) -> Cell {
        value.map_or(Cell::Empty, Cell::Count)
    }

    fn percent(value: Option<u8>) -> Cell {
        value.map_or(Cell::Empty, Cell::Percent)
    }

    fn date(value: Option<NaiveDate>) -> Cell {
        value.map_or(Cell::Empty, Cell::Date)
    }

    fn yes_no(value: bool) -> Cell {
        Cell::text(if value { "ja" } else { "nein" })
    }

    fn names(list: &[Named]) -> Cell {
        Cell::text(list.iter().map(|n| n.name.as_str()).collect::<Vec<_>>().join("; "))
    }

    /// Roughly the characters the cell shows, for the column's width.
    fn shown_len(&self) -> usize {
        match self {
            Cell::Text(t) => t.lines().map(|l| l.chars().count()).max().unwrap_or(0),
            Cell::Count(n) => n.to_string().len() + n.to_string().len() / 3,
            Cell::Percent(_) => 5,
            Cell::Date(_) => 10,
            Cell::Empty => 0,
        }
    }

    /// The cell in the overview's CSV.
    fn csv(&self) -> String {
        match self {
            Cell::Text(t) => csv_field(&cell_text(t)),
            Cell::Count(n) => n.to_string(),
            Cell::Percent(p) => format!("{p} %"),
            Cell::Date(d) => d.format("%d.%m.%Y").to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// `text` as a cell can hold it: without the control characters XML 1.0 forbids (tabs and line
/// breaks stay, CRLF becomes LF) and the non-characters U+FFFE/U+FFFF, and cut to Excel's limit.
pub(super) fn cell_text(text: &str) -> String {
    let mut out: String = text
        .replace("\r\n", "\n")
        .chars()
        .filter(|&c| {
            !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\r')
                && !matches!(c, '\u{fffe}' | '\u{ffff}')
        })
        .collect();
    if out.chars().count() > MAX_CELL_CHARS {
        out = out.chars().take(MAX_CELL_CHARS - 1).collect();
        out.push('…');
    }
    out
}

/// One sheet: its name, column headers and rows.
struct Sheet {
    name: &'static str,
    headers: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

/// The rows of the sheet "Übersicht" (and of the overview's CSV): one per municipality.
fn overview_rows(overview: &LandOverview) -> Vec<Vec<Cell>> {
    overview.rows.iter().map(overview_row).collect()
}

fn overview_row(r: &MunicipalityRow) -> Vec<Cell> {
    vec![
        Cell::text(r.ags.as_str()),
        Cell::text(r.name.as_str()),
        Cell::text(r.kreis.clone().unwrap_or_else(|| r.kreis_ags.clone())),
        Cell::count(r.population),
        Cell::percent(r.readiness),
        Cell::percent(r.finanziell),
        Cell::percent(r.rechtlich),
        Cell::percent(r.organisatorisch),
        Cell::percent(r.technisch),
        Cell::date(r.report_date),
        Cell::count(r.open_items),
        Cell::count(r.blockers),
        Cell::yes_no(r.missing),
        Cell::yes_no(r.stale),
    ]
}

fn sheets(overview: &LandOverview, follow_up: &FollowUpList) -> Vec<Sheet> {
    let strings = |headers: &[&str]| headers.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>();

    let mut service_headers = strings(&["Onlinedienst", "Ja", "Nein", "Offen"]);
    service_headers.extend(Phase::ALL.iter().map(|p| format!("Phase {}", p.label())));
    service_headers.extend(strings(&[
        "Bedarfsträger",
        "Pilotinteresse",
        "Kommunen mit Pilotinteresse",
        "Schulungsbedarf",
        "Kommunen mit Schulungsbedarf",
    ]));
    let services = overview
        .services
        .iter()
        .map(|s| {
            let mut row = vec![
                Cell::text(s.name.as_str()),
                Cell::Count(s.ja),
                Cell::Count(s.nein),
                Cell::Count(s.offen),
            ];
            row.extend(Phase::ALL.iter().map(|p| {
                Cell::Count(s.phases.iter().find(|(k, _)| k == p.key()).map_or(0, |(_, n)| *n))
            }));
            row.extend([
                Cell::Count(s.bedarfstraeger.len() as u32),
                Cell::Count(s.pilots.len() as u32),
                Cell::names(&s.pilots),
                Cell::Count(s.training.len() as u32),
                Cell::names(&s.training),
            ]);
            row
        })
        .collect();

    let requirements = overview
        .requirements
        .iter()
        .map(|r| {
            vec![
                Cell::text(r.service.as_str()),
                Cell::text(r.kind_label.as_str()),
                Cell::text(r.area_label.as_str()),
                Cell::text(r.priority_label.as_str()),
                Cell::text(r.description.as_str()),
                Cell::text(r.municipality.ags.as_str()),
                Cell::text(r.municipality.name.as_str()),
            ]
        })
        .collect();

    let blockers = overview
        .blockers
        .iter()
        .map(|b| {
            vec![
                Cell::text(b.party_label.as_str()),
                Cell::opt_text(b.text.as_deref()),
                Cell::Count(b.municipalities.len() as u32),
                Cell::names(&b.municipalities),
            ]
        })
        .collect();

    let fachverfahren = overview
        .fachverfahren
        .iter()
        .map(|f| {
            vec![
                Cell::text(f.product.as_str()),
                Cell::text(f.vendor.as_str()),
                Cell::yes_no(f.listed_by_land),
                Cell::Count(f.municipalities.len() as u32),
                Cell::names(&f.municipalities),
            ]
        })
        .collect();

    let follow = follow_up
        .entries
        .iter()
        .map(|e| {
            vec![
                Cell::text(e.ags.as_str()),
                Cell::text(e.name.as_str()),
                Cell::text(e.reasons.join("\n")),
                Cell::date(e.report_date),
                Cell::opt_text(e.contact_name.as_deref()),
                Cell::opt_text(e.email.as_deref()),
                Cell::opt_text(e.phone.as_deref()),
            ]
        })
        .collect();

    vec![
        Sheet {
            name: SHEETS[0],
            headers: strings(&OVERVIEW_COLUMNS),
            rows: overview_rows(overview),
        },
        Sheet { name: SHEETS[1], headers: service_headers, rows: services },
        Sheet {
            name: SHEETS[2],
            headers: strings(&[
                "Onlinedienst",
                "Art",
                "Bereich",
                "Priorität",
                "Beschreibung",
                "AGS",
                "Kommune",
            ]),
            rows: requirements,
        },
        Sheet {
            name: SHEETS[3],
            headers: strings(&["Beteiligte Stelle", "Beschreibung", "Anzahl Kommunen", "Kommunen"]),
            rows: blockers,
        },
        Sheet {
            name: SHEETS[4],
            headers: strings(&[
                "Produkt",
                "Hersteller",
                "Vom Land gelistet",
                "Anzahl Kommunen",
                "Kommunen",
            ]),
            rows: fachverfahren,
        },
        Sheet {
            name: SHEETS[5],
            headers: strings(&[
                "AGS",
                "Kommune",
                "Gründe",
                "Letzter Bericht",
                "Ansprechperson",
                "E-Mail",
                "Telefon",
            ]),
            rows: follow,
        },
    ]
}

/// The overview and the follow-up list as an XLSX workbook, one sheet per list ([`SHEETS`]):
/// bold, frozen header rows with an autofilter; an AGS as text, percentages as fractions with a
/// percent format, dates as dates (DD.MM.YYYY), counts as numbers, empty values as empty cells.
pub fn to_xlsx(overview: &LandOverview, follow_up: &FollowUpList) -> Result<Vec<u8>, ReportError> {
    write_workbook(overview, follow_up).map_err(|e| ReportError::Workbook(e.to_string()))
}

fn write_workbook(overview: &LandOverview, follow_up: &FollowUpList) -> Result<Vec<u8>, XlsxError> {
    let header = Format::new().set_bold();
    let count = Format::new().set_num_format("#,##0");
    let percent = Format::new().set_num_format("0%");
    let date = Format::new().set_num_format("DD.MM.YYYY").set_align(FormatAlign::Left);
    let text = Format::new().set_align(FormatAlign::Top);
    let wrapped = Format::new().set_text_wrap().set_align(FormatAlign::Top);

    let mut workbook = Workbook::new();
    let day = excel_date(overview.date)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title("Anbindung der Kommunen an die EfA-Onlinedienste")
            .set_creation_datetime(&day),
    );
    for sheet in sheets(overview, follow_up) {
        let ws = workbook.add_worksheet();
        ws.set_name(sheet.name)?;
        let mut widths: Vec<usize> = sheet.headers.iter().map(|h| h.chars().count() + 3).collect();
        for (col, h) in sheet.headers.iter().enumerate() {
            ws.write_string_with_format(0, col as u16, h, &header)?;
        }
        for (i, cells) in sheet.rows.iter().enumerate() {
            let row = i as u32 + 1;
            for (c, cell) in cells.iter().enumerate() {
                let col = c as u16;
                widths[c] = widths[c].max(cell.shown_len());
                match cell {
                    Cell::Text(t) => {
                        let t = cell_text(t);
                        let format = if t.contains('\n') || t.chars().count() > MAX_WIDTH {
                            &wrapped
                        } else {
                            &text
                        };
                        ws.write_string_with_format(row, col, t, format)?;
                    }
                    Cell::Count(n) => {
                        ws.write_number_with_format(row, col, f64::from(*n), &count)?;
                    }
                    Cell::Percent(p) => {
                        ws.write_number_with_format(row, col, f64::from(*p) / 100.0, &percent)?;
                    }
                    Cell::Date(d) => {
                        ws.write_datetime_with_format(row, col, excel_date(*d)?, &date)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, (*w).clamp(MIN_WIDTH, MAX_WIDTH) as f64)?;
        }
        let last_col = sheet.headers.len().saturating_sub(1) as u16;
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(0, 0, sheet.rows.len() as u32, last_col)?;
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(0, 0)?;
    }
    workbook.save_to_buffer()
}

/// `date` as Excel's date (the day only).
pub(super) fn excel_date(date: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(date.year()).unwrap_or(0);
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8)
}

/// The sheet "Übersicht" as CSV for German spreadsheets: UTF-8 with BOM, `;` between fields,
/// CRLF lines, percentages as "42 %", dates as DD.MM.YYYY, every text field safe against
/// formulas.
pub fn overview_csv(overview: &LandOverview) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&OVERVIEW_COLUMNS.join(";"));
    out.push_str("\r\n");
    for row in overview_rows(overview) {
        let fields: Vec<String> = row.iter().map(Cell::csv).collect();
        out.push_str(&fields.join(";"));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inbox::Listed;
    use crate::report::followup::follow_up;
    use crate::report::overview::{
        BlockerRow, FachverfahrenRow, OverviewBuilder, RequirementRow, ServiceRow,
    };
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    use std::collections::HashMap;
    use std::io::Cursor;

    const EVIL: &str = "=HYPERLINK(\"http://evil\",\"x\")";

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Two municipalities of Schleswig-Holstein, one with a report (and a hostile name), one
    /// without, and one entry in each list.
    fn sample() -> (LandOverview, FollowUpList) {
        let listed = |ags: &str, name: &str| Listed {
            ags: ags.into(),
            name: name.into(),
            kreis_ags: ags[..5].into(),
            kreis: Some("Flensburg\u{1}, Stadt".into()),
            population: Some(91_113),
        };
        let mut o = OverviewBuilder::new(
            day(2026, 12, 6),
            90,
            vec![listed("01001000", EVIL), listed("01002000", "Kiel")],
        )
        .finish();
        let r = &mut o.rows[0];
        r.missing = false;
        r.readiness = Some(42);
        r.finanziell = Some(100);
        r.rechtlich = Some(0);
        r.organisatorisch = Some(50);
        r.report_date = Some(day(2026, 11, 1));
        r.open_items = Some(7);
        r.blockers = Some(1);
        let named = |ags: &str, name: &str| Named { ags: ags.into(), name: name.into() };
        let flensburg = named("01001000", "Flensburg");
        o.services.push(ServiceRow {
            service_id: "wohngeld".into(),
            name: "Wohngeld".into(),
            ja: 1,
            nein: 0,
            offen: 2,
            phases: vec![("fragebogen".into(), 1)],
            bedarfstraeger: vec![flensburg.clone()],
            pilots: vec![flensburg.clone(), named("01002000", "Kiel")],
            training: vec![],
        });
        o.requirements.push(RequirementRow {
            service: "Wohngeld".into(),
            kind_label: "Schnittstelle".into(),
            area_label: "Technik".into(),
            priority: "hoch".into(),
            priority_label: "Hoch".into(),
            description: "XWohngeld\r\nbitte bis März".into(),
            municipality: flensburg.clone(),
        });
        o.blockers.push(BlockerRow {
            party: "land".into(),
            party_label: "Land".into(),
            text: Some("+Zugang fehlt".into()),
            municipalities: vec![flensburg.clone()],
        });
        o.fachverfahren.push(FachverfahrenRow {
            product: "OK.WOHNGELD".into(),
            vendor: "AKDB".into(),
            listed_by_land: true,
            municipalities: vec![flensburg],
        });
        let list = follow_up(&o, 30, &HashMap::new());
        (o, list)
    }

    fn read(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
        open_workbook_from_rs(Cursor::new(bytes)).unwrap()
    }

    #[test]
    fn xlsx_has_the_sheets_headers_and_rows_of_the_overview() {
        let (overview, list) = sample();
        let mut book = read(to_xlsx(&overview, &list).unwrap());
        assert_eq!(book.sheet_names(), SHEETS);
        let expected_rows = [
            overview.rows.len(),
            overview.services.len(),
            overview.requirements.len(),
            overview.blockers.len(),
            overview.fachverfahren.len(),
            list.entries.len(),
        ];
        for (name, rows) in SHEETS.iter().zip(expected_rows) {
            let range = book.worksheet_range(name).unwrap();
            assert_eq!(range.height(), rows + 1, "{name}");
        }
        let range = book.worksheet_range("Übersicht").unwrap();
        let headers: Vec<String> =
            range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
        assert_eq!(headers, OVERVIEW_COLUMNS);
        let row: Vec<&Data> = range.rows().nth(1).unwrap().iter().collect();
        assert_eq!(row[0], &Data::String("01001000".into()), "AGS stays text");
        assert_eq!(row[1], &Data::String(EVIL.into()), "a formula arrives as text");
        assert_eq!(row[2], &Data::String("Flensburg, Stadt".into()), "control character left out");
        assert_eq!(row[3], &Data::Float(91_113.0));
        assert_eq!(row[4], &Data::Float(0.42));
        assert_eq!(row[8], &Data::Empty, "no value, no cell");
        match row[9] {
            Data::DateTime(d) => {
                assert!(d.is_datetime());
                assert_eq!(d.to_ymd_hms_milli(), (2026, 11, 1, 0, 0, 0, 0));
            }
            other => panic!("Letzter Bericht is no date: {other:?}"),
        }
        assert_eq!(row[12], &Data::String("nein".into()));
        let kiel: Vec<&Data> = range.rows().nth(2).unwrap().iter().collect();
        assert_eq!(
            (kiel[4], kiel[9], kiel[12]),
            (&Data::Empty, &Data::Empty, &Data::String("ja".into()))
        );

        let styles = book.worksheet_style("Übersicht").unwrap();
        let format =
            |pos| styles.get(pos).and_then(|s| s.number_format.clone()).map(|f| f.format_code);
        assert_eq!(format((1, 4)).as_deref(), Some("0%"));
        assert_eq!(format((1, 9)).as_deref(), Some("DD.MM.YYYY"));
        assert!(styles.get((0, 0)).and_then(|s| s.font.as_ref()).is_some_and(|f| f.is_bold()));

        let services = book.worksheet_range("Onlinedienste").unwrap();
        let cells: Vec<String> =
            services.rows().nth(1).unwrap().iter().map(|c| c.to_string()).collect();
        assert_eq!(cells[..7], ["Wohngeld", "1", "0", "2", "0", "0", "1"]);
        assert!(cells.contains(&"Flensburg; Kiel".to_owned()), "{cells:?}");
        let requirement = book.worksheet_range("Anforderungen").unwrap();
        assert_eq!(
            requirement.get((1, 4)),
            Some(&Data::String("XWohngeld\nbitte bis März".into()))
        );
        let blockers = book.worksheet_range("Blockaden").unwrap();
        assert_eq!(blockers.get((1, 1)), Some(&Data::String("+Zugang fehlt".into())));
        let follow = book.worksheet_range("Nachverfolgung").unwrap();
        assert_eq!(follow.get((1, 0)), Some(&Data::String("01002000".into())));
    }

    #[test]
    fn text_is_cleaned_for_xml() {
        assert_eq!(cell_text("a\u{0}b\u{1b}c\td\r\ne\u{fffe}"), "abc\td\ne");
        let long = "x".repeat(40_000);
        let cut = cell_text(&long);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with('…'));
        // Even a name that long is written.
        let (mut overview, list) = sample();
        overview.rows[1].name = long;
        assert!(to_xlsx(&overview, &list).is_ok());
    }

    #[test]
    fn csv_has_the_overview_rows_with_german_formats() {
        let (overview, _) = sample();
        let csv = overview_csv(&overview);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines.len(), overview.rows.len() + 2, "{csv}");
        assert_eq!(lines[0], format!("\u{feff}{}", OVERVIEW_COLUMNS.join(";")));
        assert_eq!(
            lines[1],
            "01001000;\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\";Flensburg, Stadt;91113;\
             42 %;100 %;0 %;50 %;;01.11.2026;7;1;nein;nein"
        );
        assert_eq!(lines[2], "01002000;Kiel;Flensburg, Stadt;91113;;;;;;;;;ja;nein");
        assert_eq!(lines[3], "");
    }
}
