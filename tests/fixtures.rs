//! What the integration tests of the core and of the command line tool share (the tool's tests
//! include this file): a municipality with a realistic state, the example package built and
//! imported, reports written from it, PDF text as a reader gets it, and reproducible randomness
//! without a dependency. `crate::EXAMPLE` is the example package's folder, as each test binary
//! sees it.

use anbindungscheck::installed::{Decision, ServiceDecision};
use anbindungscheck::package::{build, signing};
use anbindungscheck::progress::{BlockingParty, ItemState, Status};
use anbindungscheck::report::{self, ReportData};
use anbindungscheck::{profile::ProfileInput, store::Store};
use chrono::NaiveDate;
use ed25519_dalek::SigningKey;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

use crate::EXAMPLE;

pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Runs a PDF tool of poppler-utils or qpdf; fails clearly when it is not installed.
pub fn tool(name: &str, args: &[&str]) -> std::process::Output {
    Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed for this test (apt-get install poppler-utils qpdf): {e}")
    })
}

pub fn pdftotext(path: &Path) -> String {
    let out = tool("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A municipality with a realistic state, in a database in `dir`.
pub fn municipality(dir: &Path, name: &str, ags: &str, with_package: bool) -> Store {
    let mut store = Store::open(&dir.join(format!("{ags}.sqlite"))).unwrap();
    store
        .set_profile(&ProfileInput {
            name: name.into(),
            ags: ags.into(),
            // A 12-digit key in Niedersachsen's example is a Samtgemeinde's ARS.
            kind: (ags.len() == 12).then_some(anbindungscheck::profile::KommuneKind::Samtgemeinde),
            population: Some(12_500),
            coordinator_name: Some("Petra Öztürk".into()),
            coordinator_email: Some("ozg@musterstadt.example".into()),
            coordinator_phone: Some("+49 5121 123-456".into()),
        })
        .unwrap();
    if with_package {
        import_example(&mut store, dir);
    }
    let owners =
        ["Kämmerei", "IT-Abteilung", "Hauptamt", "Vergabestelle (Frau Lindqvist)", "Rechtsamt"];
    let items: Vec<_> = store.catalogue().unwrap().items.iter().map(|i| i.id.clone()).collect();
    for (n, id) in items.iter().enumerate() {
        let status = match n % 6 {
            0 | 3 => Status::Erledigt,
            1 => Status::InArbeit,
            2 => Status::Offen,
            4 if n % 12 == 4 => Status::ExternBlockiert,
            4 => Status::NichtZutreffend,
            _ => Status::Offen,
        };
        let note = match n % 4 {
            0 => Some(format!(
                "Abstimmung mit der Kämmerei läuft; Kosten laut Staffel einmalig 3.000 € und \
                 jährlich 1.200 €. Rückmeldung „bis Ende des Monats“ zugesagt (Aufgabe {n})."
            )),
            1 => Some("Kurz: Übergabe an die Fachabteilung größtenteils erledigt.".to_owned()),
            2 => Some(
                "Sehr lange Notiz: Die Zuständigkeit für den späteren Betrieb wird zwischen \
                 Hauptamt, IT-Abteilung und Vergabestelle abgestimmt; dabei geht es um den \
                 1st- und 2nd-Level-Support, das Funktionspostfach vergabe@musterstadt.example, \
                 Vertretungsregeln, Schulungen und die Frage, wer Zertifikate vor ihrem Ablauf \
                 erneuert. Ergebnis wird im Verwaltungsvorstand am 15.01. vorgestellt."
                    .to_owned(),
            ),
            _ => None,
        };
        let state = ItemState {
            status,
            blocked_by: (status == Status::ExternBlockiert).then_some(if n % 24 == 4 {
                BlockingParty::Hersteller
            } else {
                BlockingParty::Fitko
            }),
            blocked_text: (status == Status::ExternBlockiert)
                .then(|| "Schnittstelle für FIT-Connect erst ab Version 8.2".to_owned()),
            owner: Some(owners[n % owners.len()].to_owned()),
            due: match n % 5 {
                0 => Some("2026-11-10".into()),
                1 => Some("2026-12-05".into()),
                2 => Some("2027-02-28".into()),
                _ => None,
            },
            note,
        };
        store.set_item(id, &state).unwrap();
    }
    if with_package {
        let decisions = [
            (
                "praequalifizierung",
                Decision::Ja,
                Some("Die Vergabestelle nutzt den Dienst ab 2027."),
            ),
            (
                "bekanntmachung",
                Decision::Nein,
                Some("Bekanntmachungen laufen über das Landesportal."),
            ),
            ("eigenerklaerung", Decision::Offen, None),
        ];
        for (service, decision, reason) in decisions {
            store
                .set_service_decision(
                    "ni-vergabe-kommunen",
                    service,
                    &ServiceDecision { decision, reason: reason.map(str::to_owned) },
                )
                .unwrap();
        }
    }
    store
}

/// Builds the example package (version 1, then a version 2 with changed guidance, which flags
/// an item "bitte prüfen") and imports both.
pub fn import_example(store: &mut Store, dir: &Path) {
    let key = SigningKey::from_bytes(&[7; 32]);
    let catalogue = anbindungscheck::catalogue::Catalogue::builtin();
    let v1 = dir.join("paket-v1.zip");
    build::build(Path::new(EXAMPLE), &key, &v1, catalogue).unwrap();
    let fingerprint = signing::fingerprint(&key.verifying_key());
    anbindungscheck::api::packages::import_file(store, &v1, Some(&fingerprint), &mut |_| {})
        .unwrap();

    let mut manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{EXAMPLE}/manifest.json")).unwrap())
            .unwrap();
    manifest["version"] = 2.into();
    manifest["checklist"]["guidance"][0]["text"] =
        "Neue Kostenstaffel ab 2027: maßgeblich ist die Einwohnerzahl zum 30.06.".into();
    let v2 = dir.join("paket-v2.zip");
    build::build_from(Path::new(EXAMPLE), &manifest.to_string(), &key, &v2, catalogue).unwrap();
    anbindungscheck::api::packages::import_file(store, &v2, None, &mut |_| {}).unwrap();
}

pub fn write_report(store: &Store, date: &str, path: &Path) -> (ReportData, usize) {
    let data = anbindungscheck::api::reports::gather(store, day(date), None).unwrap();
    let rendered = report::render(&data).unwrap();
    std::fs::write(path, &rendered.bytes).unwrap();
    (data, rendered.pages)
}

/// A folder `eingang` in `dir` with three reports of one municipality: `echt.pdf` (genuine,
/// returned first), `gefaelscht.pdf` (dated 9999-12-31 to win "newest per AGS", its number made to
/// match) and `vorab.pdf` (genuine, for a day 30 days ahead, returned second).
pub fn inbox_with_a_forgery(dir: &Path) -> (std::path::PathBuf, ReportData, ReportData) {
    let reports = dir.join("eingang");
    std::fs::create_dir_all(&reports).unwrap();
    let store = municipality(dir, "Samtgemeinde Musterstadt-Süd", "03241001", true);
    let (genuine, _) = write_report(&store, "2026-11-28", &reports.join("echt.pdf"));
    let mut forged = genuine.clone();
    forged.report_date = day("9999-12-31");
    forged.report_id = forged.report_id.replace("20261128", "99991231");
    std::fs::write(reports.join("gefaelscht.pdf"), report::render(&forged).unwrap().bytes).unwrap();
    let ahead = local_plus_days(30);
    let (future, _) = write_report(&store, &ahead.to_string(), &reports.join("vorab.pdf"));
    (reports, genuine, future)
}

/// The local date `days` from today.
pub fn local_plus_days(days: u64) -> NaiveDate {
    anbindungscheck::clock::today() + chrono::Days::new(days)
}

/// xorshift64*: fast, reproducible from its seed (tests print the seed so a failure can be
/// repeated).
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed` (any value; zero is made odd).
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    /// A seed from the environment variable `var`, else from the clock.
    pub fn seed_from_env(var: &str) -> u64 {
        std::env::var(var).ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
            let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
            t.as_nanos() as u64 ^ 0x9E37_79B9_7F4A_7C15
        })
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`0` if `n` is zero).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
