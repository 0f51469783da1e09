//! The readiness report through the command line: `report` writes the PDF and refuses without a
//! profile; `aggregate` lists what it skipped on standard error, writes CSV and JSON, and exits
//! with 3 when files were skipped. The library's side of these is tested in the core's
//! `tests/report.rs`; both use the realistic municipality of `tests/fixtures.rs`.

use anbindungscheck::report::read;
use serde_json::Value;
use std::process::Command;

use crate::fixtures::{day, inbox_with_a_forgery, municipality, pdftotext, write_report};

const FOREIGN_PDF: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/paket-vergabe/documents/verwaltungsvereinbarung.pdf"
);

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn cli(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_anbindungscheck"))
        .args(args)
        .env_remove("ANBINDUNGSCHECK_DB")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
fn cli_report_writes_the_pdf_and_refuses_without_profile() {
    let dir = tempfile::tempdir().unwrap();
    let store = municipality(dir.path(), "Gemeinde Musterstadt", "09162000", false);
    let db = store.path().unwrap().to_str().unwrap().to_owned();
    drop(store);
    let pdf = dir.path().join("bericht.pdf");
    let r = cli(&["--db", &db, "report", "-o", pdf.to_str().unwrap(), "--date", "2026-11-28"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Bericht geschrieben:"), "{}", r.stdout);
    assert!(r.stdout.contains("Seiten"), "{}", r.stdout);
    assert!(r.stdout.contains("Bericht-Nr.: BB-09162000-20261128-"), "{}", r.stdout);
    let data = read::read_file(&pdf).unwrap();
    assert_eq!(data.report_date, day("2026-11-28"));
    assert!(data.packages.is_empty());
    assert!(pdftotext(&pdf).contains("ohne Informationspaket"));

    let fresh = dir.path().join("leer.sqlite");
    let r = cli(&["--db", fresh.to_str().unwrap(), "report", "-o", "x.pdf"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("fehlt das Profil der Kommune"), "{}", r.stderr);
    assert!(
        r.stderr.contains("Profil anlegen: anbindungscheck profile set --name <NAME> --ags <AGS>"),
        "{}",
        r.stderr
    );
    assert!(!fresh.exists(), "a failed command leaves no database behind");

    let r = cli(&["--db", &db, "report", "-o", pdf.to_str().unwrap(), "--date", "31.11.2026"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("„31.11.2026“"), "{}", r.stderr);
}

#[test]
fn aggregation_reads_reports_and_lists_what_it_skipped() {
    // The reports of the core's test of the same name, which checks the library's result.
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("eingang");
    let nested = reports.join("kreis-hildesheim");
    std::fs::create_dir_all(&nested).unwrap();
    let dbs = dir.path().join("db");
    std::fs::create_dir_all(&dbs).unwrap();

    let a = municipality(&dbs, "Samtgemeinde Musterstadt-Süd", "03241001", true);
    write_report(&a, "2026-10-01", &reports.join("musterstadt-oktober.pdf"));
    write_report(&a, "2026-11-28", &nested.join("musterstadt-november.pdf"));
    std::fs::copy(nested.join("musterstadt-november.pdf"), reports.join("kopie.PDF")).unwrap();
    let b = municipality(&dbs, "=Gemeinde Formelhausen", "03351006", true);
    write_report(&b, "2026-11-20", &nested.join("formelhausen.pdf"));
    let c = municipality(&dbs, "Gemeinde Ohnepaket", "09162000", false);
    write_report(&c, "2026-11-25", &reports.join("ohnepaket.pdf"));

    // Broken and foreign files.
    let good = std::fs::read(nested.join("formelhausen.pdf")).unwrap();
    std::fs::write(reports.join("abgeschnitten.pdf"), &good[..good.len() / 2]).unwrap();
    std::fs::copy(FOREIGN_PDF, reports.join("vereinbarung.pdf")).unwrap();
    std::fs::write(reports.join("notiz.pdf"), "Bitte bis Freitag zurückmelden.").unwrap();
    std::fs::write(reports.join("liesmich.txt"), "keine PDF-Datei, wird nicht gelesen").unwrap();

    // The command line: exit code 3, reasons on standard error, CSV and JSON written.
    let csv = dir.path().join("uebersicht.csv");
    let json = dir.path().join("uebersicht.json");
    let r = cli(&[
        "aggregate",
        reports.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    for name in ["abgeschnitten.pdf", "vereinbarung.pdf", "notiz.pdf"] {
        assert!(r.stderr.contains(name), "{name} not listed: {}", r.stderr);
    }
    assert!(r.stderr.contains("3 Berichte von 3 Kommunen gelesen, 7 Zeilen"), "{}", r.stderr);
    let table = std::fs::read_to_string(&csv).unwrap();
    assert!(table.starts_with("\u{FEFF}AGS;Kommune;"));
    assert_eq!(table.lines().count(), 1 + 7);
    assert!(table.contains("03241001;Samtgemeinde Musterstadt-Süd;Niedersachsen;2026-11-28;"));
    assert!(table.contains(";'=Gemeinde Formelhausen;"), "formula not defused");
    let value: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(value["schema"], "anbindungscheck.aggregate/1");
    assert_eq!(value["rows"].as_array().unwrap().len(), 7);
    assert_eq!(value["skipped"].as_array().unwrap().len(), 3);

    // Only good files: exit 0, CSV on standard output.
    let r = cli(&["aggregate", nested.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("\u{FEFF}AGS;"), "{}", r.stdout);
    assert_eq!(r.stdout.lines().count(), 1 + 6);

    // Nothing to read at all.
    let empty = dir.path().join("leer");
    std::fs::create_dir_all(&empty).unwrap();
    let r = cli(&["aggregate", empty.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = cli(&["aggregate", dir.path().join("gibt-es-nicht").to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("gibt-es-nicht“ gibt es nicht."), "{}", r.stderr);
    assert!(r.stdout.is_empty(), "no table for a typo: {}", r.stdout);
}

#[test]
fn aggregate_skips_a_tampered_report_and_keeps_the_genuine_one() {
    // The reports of the core's test of the same name, which checks the library's result.
    let dir = tempfile::tempdir().unwrap();
    let (reports, _, _) = inbox_with_a_forgery(dir.path());

    let r = cli(&["aggregate", reports.to_str().unwrap()]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr.contains("gefaelscht.pdf") && r.stderr.contains("nicht plausibel"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_lands_inbox_reads_a_folder_once_and_names_what_it_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (reports, genuine, _) = inbox_with_a_forgery(dir.path());
    let land = dir.path().join("land.sqlite");
    let db = land.to_str().unwrap();
    let setup = cli(&["--db", db, "land", "setup", "--land", "03", "--name", "MI"]);
    assert_eq!(setup.code, 0, "{}", setup.stderr);

    let r = cli(&["--db", db, "inbox", "add", reports.to_str().unwrap()]);
    assert_eq!(r.code, 3, "refused files give exit code 3: {}", r.stderr);
    assert!(r.stdout.starts_with("3 Dateien gelesen: 1 neu, 0 schon vorhanden"), "{}", r.stdout);
    assert!(r.stdout.contains("gefaelscht.pdf – Der Bericht ist nicht plausibel"), "{}", r.stdout);
    let again = cli(&["--db", db, "inbox", "add", reports.join("echt.pdf").to_str().unwrap()]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.contains("0 neu, 1 schon vorhanden"), "{}", again.stdout);

    let list = cli(&["--db", db, "inbox", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["report_id"], genuine.report_id.as_str());
    let overview = cli(&["--db", db, "inbox", "overview", "--json", "--today", "2026-12-06"]);
    let overview: serde_json::Value = serde_json::from_str(&overview.stdout).unwrap();
    assert_eq!(overview["schema"], "anbindungscheck.overview/1");
    assert_eq!(overview["reported"], 1);
    assert_eq!(overview["rows"][0]["ags"], "03241001");
    let text = cli(&["--db", db, "inbox", "overview", "--today", "2026-12-06"]);
    assert!(
        text.stdout.starts_with("Stand 06.12.2026: 1 von 1 Kommunen haben berichtet"),
        "{}",
        text.stdout
    );
    // A municipality's database has no inbox.
    let kommune = dir.path().join("kommune.sqlite");
    let k = cli(&[
        "--db",
        kommune.to_str().unwrap(),
        "profile",
        "set",
        "--name",
        "X",
        "--ags",
        "03241001",
    ]);
    assert_eq!(k.code, 0, "{}", k.stderr);
    let r = cli(&["--db", kommune.to_str().unwrap(), "inbox", "list"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("„Kommune“"), "{}", r.stderr);
}

#[test]
fn the_lands_overview_is_exported_as_workbook_and_csv() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    const EVIL: &str = "=HYPERLINK(\"http://evil\",\"x\")";
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("eingang");
    std::fs::create_dir(&reports).unwrap();
    let store = municipality(dir.path(), EVIL, "01001000", false);
    write_report(&store, "2026-11-28", &reports.join("bericht.pdf"));
    let land = dir.path().join("land.sqlite");
    let db = land.to_str().unwrap();
    assert_eq!(cli(&["--db", db, "land", "setup", "--land", "01", "--name", "MI"]).code, 0);
    let added = cli(&["--db", db, "inbox", "add", reports.to_str().unwrap()]);
    assert_eq!(added.code, 0, "{}", added.stderr);

    // Neither file: a precise error, nothing written.
    let none = cli(&["--db", db, "inbox", "export", "--today", "2026-12-06"]);
    assert_eq!(none.code, 2, "{}", none.stdout);
    assert!(none.stderr.contains("wohin exportiert werden soll"), "{}", none.stderr);

    let xlsx = dir.path().join("Kommunen.xlsx");
    let csv = dir.path().join("Kommunen.csv");
    let (x, c) = (xlsx.to_str().unwrap(), csv.to_str().unwrap());
    let r = cli(&["--db", db, "inbox", "export", "--xlsx", x, "--csv", c, "--today", "2026-12-06"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains(&format!("Arbeitsmappe: {x} (6 Tabellenblätter; 1 Kommunen, 1 mit Bericht")),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains(&format!("CSV: {c} (1 Kommunen, 1 mit Bericht)")), "{}", r.stdout);

    let overview = cli(&["--db", db, "inbox", "overview", "--json", "--today", "2026-12-06"]);
    let overview: Value = serde_json::from_str(&overview.stdout).unwrap();
    let row = &overview["rows"][0];
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Übersicht",
            "Onlinedienste",
            "Anforderungen",
            "Blockaden",
            "Fachverfahren",
            "Nachverfolgung"
        ]
    );
    let sheet = book.worksheet_range("Übersicht").unwrap();
    assert_eq!(sheet.height(), 2);
    assert_eq!(sheet.get((0, 4)), Some(&Data::String("Sachstand gesamt".into())));
    assert_eq!(sheet.get((1, 0)), Some(&Data::String("01001000".into())));
    assert_eq!(sheet.get((1, 1)), Some(&Data::String(EVIL.into())));
    let readiness = row["readiness"].as_f64().unwrap() / 100.0;
    assert_eq!(sheet.get((1, 4)), Some(&Data::Float(readiness)));
    match sheet.get((1, 9)) {
        Some(Data::DateTime(d)) => assert_eq!(d.to_ymd_hms_milli().0, 2026),
        other => panic!("no date: {other:?}"),
    }
    let services = book.worksheet_range("Onlinedienste").unwrap();
    assert_eq!(services.height(), overview["services"].as_array().unwrap().len() + 1);
    let requirements = book.worksheet_range("Anforderungen").unwrap();
    assert_eq!(requirements.height(), overview["requirements"].as_array().unwrap().len() + 1);

    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(lines[0].starts_with("\u{feff}AGS;Kommune;Kreis;Einwohner;Sachstand gesamt;"));
    let expected = format!(
        "01001000;\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\";01001;12500;{} %;",
        row["readiness"]
    );
    assert!(lines[1].starts_with(&expected), "{}", lines[1]);
    assert!(lines[1].contains(";28.11.2026;"), "{}", lines[1]);

    // A folder that does not exist, or a folder as the file: a clear error, no file left over.
    let missing = dir.path().join("fehlt/Kommunen.xlsx");
    let bad = cli(&["--db", db, "inbox", "export", "--xlsx", missing.to_str().unwrap()]);
    assert_eq!(bad.code, 1, "{}", bad.stdout);
    assert!(bad.stderr.starts_with("Fehler: "), "{}", bad.stderr);
    assert!(!missing.exists());
    let before: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    let onto_dir = cli(&["--db", db, "inbox", "export", "--csv", reports.to_str().unwrap()]);
    assert_eq!(onto_dir.code, 1, "{}", onto_dir.stdout);
    assert!(reports.is_dir());
    let after: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(before, after, "no temporary file left");
}

/// One GV100AD record of 220 characters (see `src/directory/tests.rs`).
fn gv100_record(
    satzart: &str,
    key: &str,
    name: &str,
    kind: &str,
    population: Option<u32>,
) -> String {
    let numbers = population.map_or(String::new(), |p| format!("{:011}{p:011}{:011}", 1234, p / 2));
    let verband = if satzart == "60" { "0000" } else { "" };
    let line =
        format!("{satzart}20250630{key:<8}{verband:<4}{name:<50}{:<50}{kind:<2}    {numbers}", "");
    format!("{line:<220}\n")
}

#[test]
fn the_lands_status_report_is_a_pdf_with_the_land_its_kreise_and_municipalities() {
    let dir = tempfile::tempdir().unwrap();
    let store = municipality(dir.path(), "Samtgemeinde Musterstadt-Süd", "03241001", true);
    let reports = dir.path().join("eingang");
    std::fs::create_dir_all(&reports).unwrap();
    write_report(&store, "2026-11-28", &reports.join("bericht.pdf"));
    let directory = dir.path().join("gv100ad.txt");
    let records = [
        gv100_record("10", "03", "Niedersachsen", "", None),
        gv100_record("40", "03241", "Region Hannover", "45", None),
        gv100_record("60", "03241001", "Musterstadt-Süd", "64", Some(12_500)),
        gv100_record("60", "03241002", "Barsinghausen, Stadt", "63", Some(33_000)),
        gv100_record("40", "03159", "Göttingen", "44", None),
        gv100_record("60", "03159006", "Ebergötzen", "64", Some(1965)),
        gv100_record("60", "03159030", "Seeburg", "64", Some(1391)),
    ];
    std::fs::write(&directory, records.concat()).unwrap();
    let land = dir.path().join("land.sqlite");
    let db = land.to_str().unwrap();
    let setup = cli(&["--db", db, "land", "setup", "--land", "03", "--name", "MI"]);
    assert_eq!(setup.code, 0, "{}", setup.stderr);
    let r = cli(&["--db", db, "inbox", "directory", directory.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = cli(&["--db", db, "inbox", "add", reports.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    let pdf = dir.path().join("Lagebericht.pdf");
    let r =
        cli(&["--db", db, "inbox", "report", "-o", pdf.to_str().unwrap(), "--today", "2026-12-06"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("Lagebericht geschrieben: "), "{}", r.stdout);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    // Title pages, lists, and a page for each of the two Kreise.
    let pages: usize =
        r.stdout.rsplit('(').next().unwrap().split(' ').next().unwrap().parse().unwrap();
    assert!((4..=10).contains(&pages), "{pages} pages");
    if std::process::Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("pdftotext is not installed; the PDF's text is not checked");
        return;
    }
    let text = pdftotext(&pdf);
    for needle in [
        "Lagebericht des Landes",
        "Niedersachsen",
        "Gebietsstand 30.06.2025",
        "Region Hannover",
        "Göttingen",
        "Musterstadt-Süd",
        "Ebergötzen",
        "kein Bericht",
        "Seite 1 von",
    ] {
        assert!(text.contains(needle), "{needle:?} missing in:\n{text}");
    }
}
