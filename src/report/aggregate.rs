//! Aggregation for the Land's coordinator: reads many report PDFs (files, or folders searched
//! recursively for `*.pdf`) and makes one row per municipality and service (one row for a
//! municipality without services), written as CSV or JSON.
//!
//! A file that cannot be read as a report is listed with its reason and never stops the run.
//! Of several reports of one municipality only the newest counts (unless all are asked for);
//! the older ones and duplicate copies are listed as ignored.

use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::data::ReportData;
use super::{format, read};
use crate::catalogue::Dimension;

/// Identifies the shape of the JSON output.
pub const AGGREGATE_SCHEMA: &str = "anbindungscheck.aggregate/1";

/// How deep folders are searched.
const MAX_DEPTH: usize = 32;

/// A file that could not be read as a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// A readable report that does not go into the rows (older report, duplicate copy).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ignored {
    pub path: PathBuf,
    pub report_id: String,
    pub reason: String,
}

/// One row: a municipality and one service (or none).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub ags: String,
    pub municipality: String,
    pub land: String,
    pub report_date: NaiveDate,
    pub report_id: String,
    pub package_id: Option<String>,
    pub package_version: Option<u32>,
    pub readiness: Option<u8>,
    pub finanziell: Option<u8>,
    pub rechtlich: Option<u8>,
    pub organisatorisch: Option<u8>,
    pub technisch: Option<u8>,
    pub open_items: u32,
    pub blocker_count: u32,
    pub overdue_count: u32,
    pub service_id: Option<String>,
    pub service: Option<String>,
    pub leika: Option<String>,
    pub ozg_id: Option<String>,
    pub decision: Option<String>,
    pub phase: Option<String>,
    pub file: PathBuf,
    // Added later; in the CSV after `Datei`, so existing column positions stay.
    /// Requirements to the Land in the whole report.
    pub requirement_count: u32,
    /// Services of the report with pilot interest.
    pub pilot_interest_count: u32,
    /// Fachverfahren in the municipality's inventory.
    pub fachverfahren_count: u32,
    /// Of those, how many the Land does not list.
    pub fachverfahren_unlisted: u32,
    /// This service: pilot interest (`None` in a row without service).
    pub pilot_interest: Option<bool>,
    /// This service: staff need training.
    pub training_needed: Option<bool>,
    /// This service: number of requirements.
    pub service_requirement_count: Option<u32>,
    /// This service: transport route key.
    pub transport_route: Option<String>,
    pub agreement_expires: Option<NaiveDate>,
    pub certificate_expires: Option<NaiveDate>,
}

/// The result of a run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Aggregate {
    pub schema: String,
    /// Paths given or found (files read plus paths that could not be searched).
    pub inputs: usize,
    /// PDF files looked at.
    pub files: usize,
    /// Reports that went into the rows.
    pub reports: usize,
    pub municipalities: usize,
    pub rows: Vec<Row>,
    pub skipped: Vec<Skipped>,
    pub ignored: Vec<Ignored>,
}

/// Collects the files to read: files as given, folders searched for `*.pdf`.
pub fn find_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => walk(path, 0, &mut files, &mut skipped),
            Ok(m) if m.is_file() => files.push(path.clone()),
            // A device or a pipe is never opened (`/dev/zero` has no end, a pipe blocks).
            Ok(_) => skipped.push(Skipped {
                path: path.clone(),
                reason: crate::files::InputError::Special.message(path),
            }),
            Err(e) => skipped.push(Skipped {
                path: path.clone(),
                reason: format!("Datei oder Ordner nicht lesbar: {}", crate::error::io_reason(&e)),
            }),
        }
    }
    (files, skipped)
}

fn walk(dir: &Path, depth: usize, files: &mut Vec<PathBuf>, skipped: &mut Vec<Skipped>) {
    if depth > MAX_DEPTH {
        skipped.push(Skipped {
            path: dir.to_owned(),
            reason: format!("Ordner liegt tiefer als {MAX_DEPTH} Ebenen; nicht durchsucht."),
        });
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            skipped.push(Skipped {
                path: dir.to_owned(),
                reason: format!("Ordner nicht lesbar: {}", crate::error::io_reason(&e)),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        // Links to folders are not followed (no loops); links to files are read.
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        if meta.is_dir() {
            walk(&path, depth + 1, files, skipped);
        } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
            && std::fs::metadata(&path).is_ok_and(|m| m.is_file())
        {
            files.push(path);
        }
    }
}

/// Reads every report under `paths` and makes the rows. With `all`, older reports of a
/// municipality are kept too.
pub fn aggregate(paths: &[PathBuf], all: bool) -> Aggregate {
    let (files, mut skipped) = find_files(paths);
    let inputs = files.len() + skipped.len();
    let mut reports: Vec<(PathBuf, ReportData)> = Vec::new();
    let today = crate::clock::today();
    for path in &files {
        let read = read::read_file(path)
            .and_then(|d| read::not_ahead(&d, today).map(|()| d).map_err(Into::into));
        match read {
            Ok(data) => reports.push((path.clone(), data)),
            Err(e) => skipped.push(Skipped { path: path.clone(), reason: e.to_string() }),
        }
    }
    let mut ignored = Vec::new();
    // Duplicate copies of one report: the first path counts.
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    reports.retain(|(path, data)| match seen.get(&data.report_id) {
        Some(first) => {
            ignored.push(Ignored {
                path: path.clone(),
                report_id: data.report_id.clone(),
                reason: format!("derselbe Bericht wie {}", first.display()),
            });
            false
        }
        None => {
            seen.insert(data.report_id.clone(), path.clone());
            true
        }
    });
    // Newest first per municipality.
    reports.sort_by(|(_, a), (_, b)| {
        (&a.municipality.ags, b.report_date, &b.created_at).cmp(&(
            &b.municipality.ags,
            a.report_date,
            &a.created_at,
        ))
    });
    if !all {
        let mut newest: HashMap<String, String> = HashMap::new();
        reports.retain(|(path, data)| match newest.get(&data.municipality.ags) {
            Some(id) => {
                ignored.push(Ignored {
                    path: path.clone(),
                    report_id: data.report_id.clone(),
                    reason: format!(
                        "älterer Bericht ({}) derselben Kommune; maßgeblich ist {id}",
                        format::date(data.report_date)
                    ),
                });
                false
            }
            None => {
                newest.insert(data.municipality.ags.clone(), data.report_id.clone());
                true
            }
        });
    }
    let municipalities = {
        let mut ags: Vec<&str> = reports.iter().map(|(_, d)| d.municipality.ags.as_str()).collect();
        ags.dedup();
        ags.len()
    };
    let rows = reports.iter().flat_map(|(path, data)| rows_of(path, data)).collect();
    Aggregate {
        schema: AGGREGATE_SCHEMA.to_owned(),
        inputs,
        files: files.len(),
        reports: reports.len(),
        municipalities,
        rows,
        skipped,
        ignored,
    }
}

fn rows_of(path: &Path, d: &ReportData) -> Vec<Row> {
    let dim = |dimension: Dimension| {
        d.readiness
            .dimensions
            .iter()
            .find(|x| x.dimension == dimension)
            .and_then(|x| x.score.percent)
    };
    let base = Row {
        ags: d.municipality.ags.clone(),
        municipality: d.municipality.name.clone(),
        land: d.municipality.land.clone(),
        report_date: d.report_date,
        report_id: d.report_id.clone(),
        package_id: None,
        package_version: None,
        readiness: d.readiness.overall.percent,
        finanziell: dim(Dimension::Finanziell),
        rechtlich: dim(Dimension::Rechtlich),
        organisatorisch: dim(Dimension::Organisatorisch),
        technisch: dim(Dimension::Technisch),
        open_items: d.open_items,
        blocker_count: d.blocker_count,
        overdue_count: d.overdue.len() as u32,
        service_id: None,
        service: None,
        leika: None,
        ozg_id: None,
        decision: None,
        phase: None,
        file: path.to_owned(),
        requirement_count: d.services.iter().map(|s| s.requirements.len() as u32).sum(),
        pilot_interest_count: d.services.iter().filter(|s| s.pilot_interest).count() as u32,
        fachverfahren_count: d.fachverfahren.len() as u32,
        fachverfahren_unlisted: d.fachverfahren.iter().filter(|f| f.land_match.is_none()).count()
            as u32,
        pilot_interest: None,
        training_needed: None,
        service_requirement_count: None,
        transport_route: None,
        agreement_expires: None,
        certificate_expires: None,
    };
    if d.services.is_empty() {
        let mut row = base;
        if !d.packages.is_empty() {
            row.package_id =
                Some(d.packages.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", "));
            row.package_version = (d.packages.len() == 1).then(|| d.packages[0].version);
        }
        return vec![row];
    }
    d.services
        .iter()
        .map(|s| Row {
            package_id: Some(s.package_id.clone()),
            package_version: Some(s.package_version),
            service_id: Some(s.service_id.clone()),
            service: Some(s.name.clone()),
            leika: (!s.leika.is_empty()).then(|| s.leika.join(", ")),
            ozg_id: s.ozg_id.clone(),
            decision: Some(s.decision.key().to_owned()),
            phase: s.phase.clone(),
            pilot_interest: Some(s.pilot_interest),
            training_needed: Some(s.training_needed),
            service_requirement_count: Some(s.requirements.len() as u32),
            transport_route: s.connection.transport_route.clone(),
            agreement_expires: s.agreement_expires,
            certificate_expires: s.certificate_expires,
            ..base.clone()
        })
        .collect()
}

/// The CSV columns, in order (docs/report-format.md).
pub const CSV_COLUMNS: [&str; 32] = [
    "AGS",
    "Kommune",
    "Land",
    "Berichtsdatum",
    "Bericht-ID",
    "Paket",
    "Paketversion",
    "Sachstand gesamt %",
    "Finanziell %",
    "Rechtlich %",
    "Organisatorisch %",
    "Technisch %",
    "Offene Aufgaben",
    "Extern blockiert",
    "Überfällig",
    "Onlinedienst-ID",
    "Onlinedienst",
    "LeiKa",
    "OZG-ID",
    "Bedarfsträger",
    "Phase",
    "Datei",
    "Anforderungen gesamt",
    "Dienste mit Pilotinteresse",
    "Fachverfahren",
    "Fachverfahren nicht beim Land gelistet",
    "Pilotinteresse",
    "Schulungsbedarf",
    "Anforderungen zum Dienst",
    "Transportweg",
    "Vereinbarung bis",
    "Zertifikat bis",
];

/// One CSV field: quoted when needed, and defused when a spreadsheet would take it for a
/// formula (a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'` in front).
pub fn csv_field(value: &str) -> String {
    let value = crate::text::printable(value, true);
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value
    };
    if value.contains([';', '"', '\n', '\r']) || value.starts_with(' ') || value.ends_with(' ') {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The rows as CSV for German spreadsheets: UTF-8 with BOM, `;` between fields, CRLF lines.
pub fn to_csv(rows: &[Row]) -> String {
    let mut out = String::from("\u{FEFF}");
    let line =
        |fields: Vec<String>| fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(";");
    out.push_str(&line(CSV_COLUMNS.iter().map(|s| s.to_string()).collect()));
    out.push_str("\r\n");
    let num = |n: Option<u8>| n.map(|n| n.to_string()).unwrap_or_default();
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    // Keys are for the JSON; a spreadsheet shows the German words (an unknown key as it is).
    fn label_of<T: Copy>(
        all: &[T],
        key: fn(T) -> &'static str,
        label: fn(T) -> &'static str,
    ) -> impl Fn(&Option<String>) -> String + '_ {
        move |k| {
            let k = k.as_deref().unwrap_or_default();
            all.iter()
                .find(|v| key(**v) == k)
                .map_or_else(|| k.to_owned(), |v| label(*v).to_owned())
        }
    }
    use crate::installed::Decision;
    use crate::service_state::{Phase, TransportRoute};
    let decision = label_of(Decision::ALL, Decision::key, Decision::label);
    let phase = label_of(Phase::ALL, Phase::key, Phase::label);
    let route = label_of(TransportRoute::ALL, TransportRoute::key, TransportRoute::label);
    for r in rows {
        out.push_str(&line(vec![
            r.ags.clone(),
            r.municipality.clone(),
            r.land.clone(),
            r.report_date.to_string(),
            r.report_id.clone(),
            opt(&r.package_id),
            r.package_version.map(|v| v.to_string()).unwrap_or_default(),
            num(r.readiness),
            num(r.finanziell),
            num(r.rechtlich),
            num(r.organisatorisch),
            num(r.technisch),
            r.open_items.to_string(),
            r.blocker_count.to_string(),
            r.overdue_count.to_string(),
            opt(&r.service_id),
            opt(&r.service),
            opt(&r.leika),
            opt(&r.ozg_id),
            decision(&r.decision),
            phase(&r.phase),
            r.file.display().to_string(),
            r.requirement_count.to_string(),
            r.pilot_interest_count.to_string(),
            r.fachverfahren_count.to_string(),
            r.fachverfahren_unlisted.to_string(),
            r.pilot_interest.map(|b| format::yes_no(b).to_owned()).unwrap_or_default(),
            r.training_needed.map(|b| format::yes_no(b).to_owned()).unwrap_or_default(),
            r.service_requirement_count.map(|n| n.to_string()).unwrap_or_default(),
            route(&r.transport_route),
            r.agreement_expires.map(|d| d.to_string()).unwrap_or_default(),
            r.certificate_expires.map(|d| d.to_string()).unwrap_or_default(),
        ]));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("Musterstadt"), "Musterstadt");
        assert_eq!(csv_field("a;b"), "\"a;b\"");
        assert_eq!(csv_field("Sie sagte \"ja\""), "\"Sie sagte \"\"ja\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+49 511"), "'+49 511");
        assert_eq!(csv_field("-1"), "'-1");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("Zeile\nzwei"), "\"Zeile\nzwei\"");
        assert_eq!(csv_field(""), "");
        assert_eq!(csv_field("a\u{1b}]0;TITEL\u{7}.pdf"), "\"a\u{FFFD}]0;TITEL\u{FFFD}.pdf\"");
    }

    #[test]
    fn csv_starts_with_bom_and_header() {
        let csv = to_csv(&[]);
        assert!(csv.starts_with("\u{FEFF}AGS;Kommune;Land;"));
        // The first 22 columns keep their places; later ones follow `Datei`.
        assert!(csv.contains(";Bedarfsträger;Phase;Datei;Anforderungen gesamt;"), "{csv}");
        assert!(csv.ends_with(";Vereinbarung bis;Zertifikat bis\r\n"), "{csv}");
    }

    #[test]
    fn rows_carry_the_workflow_per_report_and_per_service() {
        let d = crate::report::layout::tests::workflow_sample();
        let rows = rows_of(Path::new("bericht.pdf"), &d);
        assert_eq!(rows.len(), 2);
        let (a, b) = (&rows[0], &rows[1]);
        for r in &rows {
            assert_eq!(
                (r.requirement_count, r.pilot_interest_count, r.fachverfahren_count),
                (2, 1, 1)
            );
            assert_eq!(r.fachverfahren_unlisted, 0);
        }
        assert_eq!(a.phase.as_deref(), Some("fragebogen"));
        assert_eq!((a.pilot_interest, a.training_needed), (Some(true), Some(true)));
        assert_eq!(a.service_requirement_count, Some(2));
        assert_eq!(a.transport_route.as_deref(), Some("fit_connect"));
        assert_eq!(a.certificate_expires, Some("2026-12-10".parse().unwrap()));
        assert_eq!((b.phase.as_deref(), b.pilot_interest), (None, Some(false)));

        let csv = to_csv(&rows);
        let lines: Vec<&str> = csv.lines().collect();
        let fields: Vec<&str> = lines[1].split(';').collect();
        assert_eq!(fields.len(), CSV_COLUMNS.len());
        let at = |name: &str| fields[CSV_COLUMNS.iter().position(|c| *c == name).unwrap()];
        assert_eq!(at("Phase"), "Fragebogen");
        assert_eq!(at("Anforderungen gesamt"), "2");
        assert_eq!(at("Dienste mit Pilotinteresse"), "1");
        assert_eq!(at("Pilotinteresse"), "ja");
        assert_eq!(at("Transportweg"), "FIT-Connect");
        assert_eq!(at("Bedarfsträger"), "Ja", "words in the spreadsheet, keys only in the JSON");
        assert_eq!(at("Zertifikat bis"), "2026-12-10");
        assert_eq!(at("Datei"), "bericht.pdf");

        // A report without services: one row, the per-report counts, empty service columns.
        let mut none = d.clone();
        none.services.clear();
        let rows = rows_of(Path::new("x.pdf"), &none);
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].fachverfahren_count, rows[0].pilot_interest), (1, None));
    }
}
