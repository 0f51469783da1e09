//! The clerk's workflow in the store: people per role, service state with its deadlines, the
//! Fachverfahren inventory against the Land's list, requirements and evidence files. Every
//! refused input writes nothing.

use crate::EXAMPLE;
use anbindungscheck::audit::HistoryFilter;
use anbindungscheck::installed::{Decision, ServiceDecision};
use anbindungscheck::inventory::{Analysis, FachverfahrenInput, Interface};
use anbindungscheck::package::{build, signing};
use anbindungscheck::profile::ProfileInput;
use anbindungscheck::readiness::DeadlineKind;
use anbindungscheck::requirements::{Area, Priority, RequirementInput, RequirementKind};
use anbindungscheck::roles::{PersonInput, Role};
use anbindungscheck::service_state::{
    ConnectionData, Phase, PhaseDate, ServiceState, TransportRoute,
};
use anbindungscheck::store::Store;
use chrono::NaiveDate;
use ed25519_dalek::SigningKey;
use std::path::Path;

const PACKAGE: &str = "ni-vergabe-kommunen";

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A file-backed store with a profile and the example package imported.
fn store(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("db.sqlite")).unwrap();
    store
        .set_profile(&ProfileInput {
            name: "Stadt Musterhausen".into(),
            ags: "03241001".into(),
            population: Some(20_000),
            ..Default::default()
        })
        .unwrap();
    let key = SigningKey::from_bytes(&[7; 32]);
    let zip = dir.join("paket.zip");
    build::build(Path::new(EXAMPLE), &key, &zip, anbindungscheck::catalogue::Catalogue::builtin())
        .unwrap();
    let fingerprint = signing::fingerprint(&key.verifying_key());
    anbindungscheck::api::packages::import_file(&mut store, &zip, Some(&fingerprint), &mut |_| {})
        .unwrap();
    store
}

fn audit_rows(store: &Store) -> usize {
    store.history(&HistoryFilter { limit: Some(10_000), ..Default::default() }).unwrap().len()
}

fn person(role: Role, name: &str, email: Option<&str>) -> PersonInput {
    PersonInput { role, name: name.into(), email: email.map(Into::into), phone: None }
}

#[test]
fn people_are_listed_by_role_changed_and_removed_with_their_history() {
    let mut store = Store::open_in_memory().unwrap();
    let tech = store.save_person(None, &person(Role::Technik, "Herr Kaya", None)).unwrap();
    store.save_person(None, &person(Role::OzgKoordination, "Frau Öztürk", None)).unwrap();
    let before = audit_rows(&store);
    let refused = store.save_person(None, &person(Role::Postfach, "Vergabestelle", None));
    assert_eq!(refused.unwrap_err().field(), Some("email"));
    assert_eq!(audit_rows(&store), before, "a refused person writes nothing");
    store
        .save_person(
            None,
            &person(Role::Postfach, "Vergabestelle", Some("vergabe@musterhausen.de")),
        )
        .unwrap();

    let names: Vec<_> = store.people().unwrap().into_iter().map(|p| p.name).collect();
    assert_eq!(names, ["Frau Öztürk", "Herr Kaya", "Vergabestelle"], "in role order");

    let moved =
        store.save_person(Some(tech.id), &person(Role::Datenschutz, "Herr Kaya", None)).unwrap();
    assert_eq!(moved.role_label, "Datenschutz");
    store.remove_person(tech.id).unwrap();
    assert!(store.people().unwrap().iter().all(|p| p.id != tech.id));
    assert_eq!(store.remove_person(tech.id).unwrap_err().code(), "validation");
    let all = store.history(&HistoryFilter::default()).unwrap();
    let kaya: Vec<_> = all
        .iter()
        .filter(|e| e.item_id.as_deref() == Some(&format!("person/{}", tech.id)))
        .map(|e| (e.field.as_str(), e.old_value.as_deref(), e.new_value.as_deref()))
        .collect();
    assert_eq!(
        kaya,
        [
            ("name", Some("Herr Kaya"), None),
            ("role", Some("technik"), Some("datenschutz")),
            ("name", None, Some("Herr Kaya")),
            ("role", None, Some("technik")),
        ]
    );
}

fn connected() -> ServiceState {
    ServiceState {
        phase: Some(Phase::Fragebogen),
        phase_dates: vec![
            PhaseDate { phase: Phase::Interesse, date: "2026-10-01".into() },
            PhaseDate { phase: Phase::Freischaltung, date: "2026-12-15".into() },
        ],
        connection: ConnectionData {
            ou_id: Some("OE-4711".into()),
            pvog_url: Some("https://www.pvog.de/leistung/4711".into()),
            dvdv_key: Some("ags:03241001".into()),
            fit_connect_destination: Some("3f2a9c1e-7b4d-4e2a-9f10-2c6d8e4b1a57".into()),
            transport_route: Some(TransportRoute::FitConnect),
        },
        agreement_expires: Some("2028-12-31".into()),
        certificate_expires: Some("2026-11-20".into()),
        pilot_interest: true,
        training_needed: true,
    }
}

#[test]
fn service_state_is_stored_checked_and_feeds_the_deadlines() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let today = day("2026-11-28");

    let unknown = store.set_service_state(PACKAGE, "gibt-es-nicht", &connected());
    assert_eq!(unknown.unwrap_err().field(), Some("service"));
    let before = audit_rows(&store);
    let mut bad = connected();
    bad.connection.fit_connect_destination = Some("nicht-uuid".into());
    let err = store.set_service_state(PACKAGE, "praequalifizierung", &bad).unwrap_err();
    assert_eq!(err.field(), Some("fit_connect_destination"));
    assert!(store.service_states().unwrap().is_empty(), "a refused state writes nothing");
    assert_eq!(audit_rows(&store), before);

    store.set_service_state(PACKAGE, "praequalifizierung", &connected()).unwrap();
    let after_first = audit_rows(&store);
    store.set_service_state(PACKAGE, "praequalifizierung", &connected()).unwrap();
    assert_eq!(audit_rows(&store), after_first, "saving the same state records nothing");
    assert_eq!(after_first - before, 11, "every field recorded once");

    let packages = store.packages().unwrap();
    let state = &packages[0].service_states["praequalifizierung"];
    assert_eq!(state.phase, Some(Phase::Fragebogen));
    assert_eq!(state.phase_dates.len(), 2);
    assert!(state.pilot_interest);

    // The certificate expired 8 days ago; activation is planned in 17 days; the information
    // event's registration closes on 2027-01-13 (46 days: not yet due soon).
    let status = store.status(today).unwrap();
    let kinds = |list: &[anbindungscheck::readiness::Deadline]| {
        list.iter()
            .filter(|d| d.kind != DeadlineKind::Aufgabe)
            .map(|d| (d.kind, d.days))
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(&status.overdue), [(DeadlineKind::Zertifikat, -8)]);
    assert_eq!(kinds(&status.due_soon), [(DeadlineKind::Phase, 17)]);
    let later = store.status(day("2027-01-01")).unwrap();
    assert!(later.due_soon.iter().any(|d| d.kind == DeadlineKind::Anmeldeschluss
        && d.title.contains("Informationsveranstaltung")
        && d.days == 12));
    store.set_event_attended(PACKAGE, "info-2027-01", true).unwrap();
    let attended = store.status(day("2027-01-01")).unwrap();
    assert!(!attended
        .due_soon
        .iter()
        .any(|d| d.kind == DeadlineKind::Anmeldeschluss && d.days == 12));

    // A declined service's dates no longer need attention.
    let nein = ServiceDecision { decision: Decision::Nein, reason: Some("Kein Bedarf".into()) };
    store.set_service_decision(PACKAGE, "praequalifizierung", &nein).unwrap();
    let declined = store.status(today).unwrap();
    assert!(kinds(&declined.overdue).is_empty());
    assert!(kinds(&declined.due_soon).is_empty());
}

#[test]
fn a_service_is_saved_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let ja = ServiceDecision { decision: Decision::Ja, reason: Some("  Viele Vergaben  ".into()) };

    // A bad connection detail refuses the decision as well: nothing of the card is written.
    let before = audit_rows(&store);
    let mut bad = connected();
    bad.connection.fit_connect_destination = Some("nicht-uuid".into());
    let err = store.save_service(PACKAGE, "praequalifizierung", &ja, &bad).unwrap_err();
    assert_eq!(err.field(), Some("fit_connect_destination"));
    let too_long = ServiceDecision { decision: Decision::Ja, reason: Some("x".repeat(2_001)) };
    let err = store.save_service(PACKAGE, "praequalifizierung", &too_long, &connected());
    assert_eq!(err.unwrap_err().field(), Some("reason"));
    let unknown = store.save_service(PACKAGE, "gibt-es-nicht", &ja, &connected());
    assert_eq!(unknown.unwrap_err().field(), Some("service"));
    let packages = store.packages().unwrap();
    assert!(packages[0].service_states.is_empty() && packages[0].decisions.is_empty());
    assert_eq!(audit_rows(&store), before);

    // Saved together: both parts stored, normalised, and one entry in the history.
    let (decision, state) =
        store.save_service(PACKAGE, "praequalifizierung", &ja, &connected()).unwrap();
    assert_eq!(decision.reason.as_deref(), Some("Viele Vergaben"));
    assert_eq!(state.phase, Some(Phase::Fragebogen));
    let packages = store.packages().unwrap();
    assert_eq!(packages[0].decisions["praequalifizierung"], decision);
    assert_eq!(packages[0].service_states["praequalifizierung"], state);
    assert_eq!(audit_rows(&store) - before, 13, "two decision fields and eleven of the state");
    let history = store.history(&HistoryFilter::default()).unwrap();
    let at: std::collections::HashSet<_> = history.iter().take(13).map(|h| &h.at).collect();
    assert_eq!(at.len(), 1, "one save, one time in the history");

    // Saving it again unchanged records nothing.
    store.save_service(PACKAGE, "praequalifizierung", &decision, &state).unwrap();
    assert_eq!(audit_rows(&store) - before, 13);
}

fn fachverfahren(product: &str, vendor: &str) -> FachverfahrenInput {
    FachverfahrenInput {
        product: product.into(),
        vendor: vendor.into(),
        version: Some("7.1".into()),
        services: vec!["praequalifizierung".into()],
        interface: Interface::FitConnect,
        vendor_commissioned: true,
        commissioned_on: Some("2026-10-15".into()),
        analysis: Analysis::InPruefung,
        note: None,
    }
}

#[test]
fn the_inventory_is_matched_against_the_lands_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let land = store.inventory().unwrap();
    assert!(land.entries.is_empty());
    let land_ids: Vec<_> = land.land_only.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(land_ids, ["vergabemanager", "ausschreibung-plus"]);

    let matched = store
        .save_fachverfahren(
            None,
            &fachverfahren("Vergabemanager (beispiel)", "Muster  Software GmbH"),
        )
        .unwrap();
    assert_eq!(matched.land_match.as_ref().map(|m| m.id.as_str()), Some("vergabemanager"));
    let own =
        store.save_fachverfahren(None, &fachverfahren("Eigenentwicklung", "Stadt-IT")).unwrap();
    assert_eq!(own.land_match, None);
    let inv = store.inventory().unwrap();
    assert_eq!(inv.entries.len(), 2);
    assert_eq!(
        inv.land_only.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(),
        ["ausschreibung-plus"]
    );

    let mut bad = fachverfahren("X", "Y");
    bad.services = vec!["gibt-es-nicht".into()];
    assert_eq!(store.save_fachverfahren(None, &bad).unwrap_err().field(), Some("services"));
    assert_eq!(store.inventory().unwrap().entries.len(), 2, "nothing written");

    let mut changed = fachverfahren("Eigenentwicklung", "Stadt-IT");
    changed.analysis = Analysis::Abgeschlossen;
    let saved = store.save_fachverfahren(Some(own.id), &changed).unwrap();
    assert_eq!(saved.fachverfahren.analysis, Analysis::Abgeschlossen);
    assert_eq!(saved.fachverfahren.version.as_deref(), Some("7.1"));
    store.remove_fachverfahren(own.id).unwrap();
    assert_eq!(store.inventory().unwrap().entries.len(), 1);
    assert!(store.save_fachverfahren(Some(own.id), &changed).is_err(), "removed is gone");
}

#[test]
fn requirements_are_kept_per_service_and_removal_keeps_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let input = RequirementInput {
        package_id: PACKAGE.into(),
        service_id: "bekanntmachung".into(),
        kind: RequirementKind::Funktionswunsch,
        area: Area::Technisch,
        description: "Rückkanal über FIT-Connect für Nachforderungen".into(),
        priority: Priority::Hoch,
    };
    let first = store.save_requirement(None, &input).unwrap();
    let unknown = RequirementInput { service_id: "x".into(), ..input.clone() };
    assert_eq!(store.save_requirement(None, &unknown).unwrap_err().field(), Some("service"));
    let empty = RequirementInput { description: "  ".into(), ..input.clone() };
    assert_eq!(store.save_requirement(None, &empty).unwrap_err().field(), Some("description"));

    let edited = RequirementInput { priority: Priority::Mittel, ..input.clone() };
    let saved = store.save_requirement(Some(first.id), &edited).unwrap();
    assert_eq!(saved.created_at, first.created_at);
    assert_eq!(store.packages().unwrap()[0].requirements[0].input.priority, Priority::Mittel);

    store.remove_requirement(first.id).unwrap();
    assert!(store.requirements().unwrap().is_empty());
    assert!(store.remove_requirement(first.id).is_err());
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("db.sqlite")).unwrap();
    let kept: i64 = conn
        .query_row("SELECT count(*) FROM requirement WHERE removed_at IS NOT NULL", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(kept, 1);
}

#[test]
fn evidence_is_checked_stored_by_hash_verified_before_opening_and_kept_on_removal() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("db.sqlite")).unwrap();
    let pdf = dir.path().join("Ratsbeschluss 2026.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n").unwrap();
    let evidence = store.add_evidence("datenschutz-avv", &pdf, None).unwrap();
    assert_eq!(evidence.title, "Ratsbeschluss 2026");
    assert_eq!(evidence.media_type, "application/pdf");
    let stored = store.evidence_file(evidence.id).unwrap();
    assert_eq!(stored, dir.path().join("db-evidence").join(format!("{}.pdf", evidence.sha256)));
    assert!(std::fs::read(&stored).unwrap() == std::fs::read(&pdf).unwrap());
    assert_eq!(store.evidence(Some("datenschutz-avv")).unwrap(), std::slice::from_ref(&evidence));

    let exe = dir.path().join("beschluss.pdf.exe");
    std::fs::write(&exe, b"MZ\x90\x00").unwrap();
    let disguised = dir.path().join("vertrag.pdf");
    std::fs::write(&disguised, b"MZ\x90\x00 this is a program").unwrap();
    for (file, item) in [(&exe, "datenschutz-avv"), (&disguised, "datenschutz-avv")] {
        let err = store.add_evidence(item, file, None).unwrap_err();
        assert_eq!(err.field(), Some("file"), "{err}");
    }
    assert!(store.add_evidence("gibt-es-nicht", &pdf, None).is_err());
    let big = dir.path().join("gross.txt");
    std::fs::write(&big, vec![b'a'; anbindungscheck::evidence::MAX_BYTES as usize + 10]).unwrap();
    assert!(store
        .add_evidence("datenschutz-avv", &big, None)
        .unwrap_err()
        .to_string()
        .contains("zu groß"));
    // A file far over the limit is named with its own size, not the size read up to the limit.
    let huge = dir.path().join("riesig.pdf");
    std::fs::File::create(&huge).unwrap().set_len(31 * 1024 * 1024).unwrap();
    let err = store.add_evidence("datenschutz-avv", &huge, None).unwrap_err().to_string();
    assert!(err.contains("zu groß (31 MB)"), "{err}");
    assert_eq!(store.evidence(None).unwrap().len(), 1, "refused files write no row");
    assert_eq!(std::fs::read_dir(dir.path().join("db-evidence")).unwrap().count(), 1, "nor a file");

    std::fs::write(&stored, b"%PDF-1.7 changed behind our back").unwrap();
    let err = store.evidence_file(evidence.id).unwrap_err();
    assert!(err.to_string().contains("verändert"), "{err}");

    store.remove_evidence(evidence.id).unwrap();
    assert!(store.evidence(None).unwrap().is_empty());
    let history = store
        .history(&HistoryFilter { item_id: Some("datenschutz-avv".into()), ..Default::default() })
        .unwrap();
    assert_eq!(history.len(), 2);
    assert!(history[0].old_value.as_deref().unwrap().contains(&evidence.sha256));
    assert!(history[1].new_value.as_deref().unwrap().contains("Ratsbeschluss 2026"));
}

/// A ZIP file with the given entries; the first one stored (uncompressed), as ODF wants.
fn zip_file(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for (i, (name, content)) in entries.iter().enumerate() {
        let method =
            if i == 0 { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
        zip.start_file(*name, zip::write::SimpleFileOptions::default().compression_method(method))
            .unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

fn xlsx_file() -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook.add_worksheet().write_string(0, 0, "Kosten EfA-Anbindung").unwrap();
    workbook.save_to_buffer().unwrap()
}

fn ods_file() -> Vec<u8> {
    zip_file(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", b"<office:document-content/>"),
        ("META-INF/manifest.xml", b"<manifest:manifest/>"),
    ])
}

const EML: &str = "From: Kaemmerei <kaemmerei@musterhausen.de>\r\n\
    To: ozg@musterhausen.de\r\n\
    Subject: Freigabe der Mittel\r\n\
    Date: Tue, 3 Mar 2026 09:15:00 +0100\r\n\
    \r\n\
    Die Mittel sind freigegeben.\r\n";

#[test]
fn spreadsheets_and_emails_are_taken_as_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("db.sqlite")).unwrap();
    let files: [(&str, Vec<u8>, &str); 3] = [
        (
            "Kosten.xlsx",
            xlsx_file(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("Kosten.ODS", ods_file(), "application/vnd.oasis.opendocument.spreadsheet"),
        ("Freigabe der Mittel.eml", EML.as_bytes().to_vec(), "message/rfc822"),
    ];
    for (name, bytes, media_type) in files {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let evidence = store.add_evidence("finanzierung-kosten", &path, None).unwrap();
        assert_eq!(evidence.media_type, media_type, "{name}");
        let ext = name.rsplit_once('.').unwrap().1.to_ascii_lowercase();
        let stored = store.evidence_file(evidence.id).unwrap();
        assert_eq!(stored.file_name().unwrap(), format!("{}.{ext}", evidence.sha256).as_str());
        assert_eq!(std::fs::read(stored).unwrap(), bytes);
    }
    assert_eq!(store.evidence(Some("finanzierung-kosten")).unwrap().len(), 3);
}

#[test]
fn spreadsheets_and_emails_of_other_content_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("db.sqlite")).unwrap();
    let docx =
        zip_file(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")]);
    let no_markers = zip_file(&[("daten.xml", b"<x/>"), ("xl.txt", b"x")]);
    let no_content_types = zip_file(&[("xl/workbook.xml", b"<workbook/>")]);
    let odt = zip_file(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<office:document-content/>"),
    ]);
    let mimetype_not_first = zip_file(&[
        ("content.xml", b"<x/>"),
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
    ]);
    let mut cut = xlsx_file();
    cut.truncate(cut.len() / 2);
    let cases: [(&str, Vec<u8>); 10] = [
        ("Kosten.xlsx", b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n".to_vec()),
        ("Kosten.xlsx", docx),
        ("Kosten.xlsx", no_markers.clone()),
        ("Kosten.xlsx", no_content_types),
        ("Kosten.xlsx", cut),
        ("Kosten.ods", odt),
        ("Kosten.ods", mimetype_not_first),
        ("Kosten.ods", xlsx_file()),
        ("Kosten.ods", no_markers),
        ("Freigabe.eml", b"Liebe Kolleginnen und Kollegen,\n\ndie Mittel sind da.\n".to_vec()),
    ];
    for (i, (name, bytes)) in cases.into_iter().enumerate() {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let err = store.add_evidence("finanzierung-kosten", &path, None).unwrap_err();
        assert_eq!(err.field(), Some("file"), "case {i}: {err}");
        assert!(err.to_string().contains("passt nicht zur Endung"), "case {i}: {err}");
    }
    assert!(store.evidence(None).unwrap().is_empty(), "refused files write no row");
}

#[test]
fn a_backup_carries_documents_and_evidence_to_another_computer() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let pdf = dir.path().join("AVV.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\nunterschriebene AVV\n%%EOF\n").unwrap();
    let evidence = store.add_evidence("datenschutz-avv", &pdf, Some("AVV")).unwrap();
    let backup = dir.path().join("sicherung.sqlite");
    store.backup_to(&backup).unwrap();
    let refused = store.backup_to(&dir.path().join("db.sqlite")).unwrap_err();
    assert!(refused.to_string().contains("nicht die Datenbank selbst"), "{refused}");
    drop(store);

    // A freshly set-up computer: nothing but the backup file.
    let other = tempfile::tempdir().unwrap();
    let db = other.path().join("neu.sqlite");
    assert_eq!(
        anbindungscheck::store::backup::restore(
            &db,
            anbindungscheck::workspace_kind::WorkspaceKind::Kommune,
            &backup
        )
        .unwrap(),
        None
    );
    let store = Store::open(&db).unwrap();
    let file = store.evidence_file(evidence.id).unwrap();
    assert!(file.starts_with(other.path().join("neu-evidence")));
    assert!(std::fs::read(&file).unwrap() == std::fs::read(&pdf).unwrap());
    let documents = &store.packages().unwrap()[0].documents;
    assert_eq!(documents.len(), 3);
    for d in documents {
        store.document_file(PACKAGE, &d.path).unwrap();
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    let leftover: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'backup_file'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(leftover, 0, "the file table is only in the backup");
}

#[test]
fn a_backup_whose_files_do_not_match_their_names_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("db.sqlite")).unwrap();
    let txt = dir.path().join("notiz.txt");
    std::fs::write(&txt, "Beschluss vom 1. Oktober").unwrap();
    store.add_evidence("datenschutz-avv", &txt, None).unwrap();
    let backup = dir.path().join("sicherung.sqlite");
    store.backup_to(&backup).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&backup).unwrap();
    conn.execute("UPDATE backup_file SET content = X'00'", []).unwrap();
    drop(conn);
    let other = tempfile::tempdir().unwrap();
    let db = other.path().join("neu.sqlite");
    let err = anbindungscheck::store::backup::restore(
        &db,
        anbindungscheck::workspace_kind::WorkspaceKind::Kommune,
        &backup,
    )
    .unwrap_err();
    assert!(err.to_string().contains("beschädigt"), "{err}");
    assert!(!db.exists(), "nothing restored");
}
