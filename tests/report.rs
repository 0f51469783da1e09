//! The readiness report: a realistic municipality (profile, 32 items with owners and notes, the
//! example package imported and updated, service decisions) rendered to PDF and checked as a
//! reader sees it (`pdftotext`), as a PDF tool sees it (`qpdf --check`), and as the Land's
//! coordinator uses it (attachment round trip, aggregation with broken files). What the command
//! line makes of it (`report`, `aggregate`, exit codes) is tested in `cli/tests/report.rs`.

use anbindungscheck::catalogue::Catalogue;
use anbindungscheck::installed::{Decision, ServiceDecision};
use anbindungscheck::progress::ItemState;
use anbindungscheck::report::{self, aggregate, read, ReportData};
use anbindungscheck::store::Store;
use serde_json::Value;
use std::path::Path;

use crate::fixtures::{day, inbox_with_a_forgery, municipality, pdftotext, tool, write_report};

const FOREIGN_PDF: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/paket-vergabe/documents/verwaltungsvereinbarung.pdf"
);

/// The PDF's text in the order it is written (what a screen reader follows), not by position.
pub fn pdftotext_raw(path: &Path) -> String {
    let out = tool("pdftotext", &["-raw", "-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Text for comparing: no whitespace (line breaks in cells) and no hyphens (breaks in words).
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '-').collect()
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF with poppler-utils, which the Windows run lacks")]
fn report_pdf_reads_right_passes_qpdf_and_carries_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let store = municipality(dir.path(), "Samtgemeinde Musterstadt-Süd", "03241001", true);
    let path = dir.path().join("bericht.pdf");
    let (data, pages) = write_report(&store, "2026-11-28", &path);

    // The data itself.
    assert_eq!(data.schema, "anbindungscheck.report/2");
    assert!(data.report_id.starts_with("BB-03241001-20261128-"), "{}", data.report_id);
    assert_eq!(data.report_id.len(), "BB-03241001-20261128-".len() + 6);
    // The built-in checklist and the package's six additions.
    assert_eq!(data.item_count(), Catalogue::builtin().items.len() + 6);
    assert_eq!(data.catalogue_version, Some(Catalogue::builtin().version));
    let numbers: Vec<u32> =
        data.checklist.iter().flat_map(|s| &s.items).filter_map(|i| i.number).collect();
    assert_eq!(numbers, (1..=data.item_count() as u32).collect::<Vec<_>>(), "unique, in order");
    // One counting model: the municipality's own items are the headline, the Land's apart, and
    // the open ones are what the readiness leaves to do.
    let (own, land) = (data.own_counts.clone().unwrap(), data.land_counts.clone().unwrap());
    assert_eq!(own.total() + land.total(), data.item_count() as u32);
    assert_eq!(own.offen + own.in_arbeit + own.extern_blockiert, data.open_items);
    assert_eq!(own.total() - own.nicht_zutreffend, data.readiness.overall.applicable);
    assert_eq!(own.plus(&land), data.counts);
    assert_eq!(data.packages.len(), 1);
    assert_eq!(data.packages[0].version, 2);
    assert_eq!(data.services.len(), 3);
    assert_eq!(data.services[0].decision, Decision::Ja);
    assert!(data.services.iter().all(|s| s.phase.is_none()));
    assert_eq!(data.packages[0].costs[0].one_off_cents, 300_000, "bracket up to 50,000");
    let items: Vec<_> = data.checklist.iter().flat_map(|s| &s.items).collect();
    assert!(items.iter().any(|i| i.review.is_some()), "the update flagged an item");
    assert_eq!(data.open_items, data.readiness.overall.applicable - data.readiness.overall.done);
    assert_eq!(data.blocker_count as usize, data.blockers.len());
    assert!(data.blocker_count >= 2);
    assert!(!data.overdue.is_empty() && !data.due_soon.is_empty());
    assert!(data.verdict().starts_with("Noch nicht bereit: "), "{}", data.verdict());

    // What a reader sees.
    let text = pdftotext(&path);
    for needle in ["ä", "ö", "ü", "ß", "€", "„", "“", "Sachstandsbericht", "03241001"] {
        assert!(text.contains(needle), "{needle:?} missing from the PDF text");
    }
    assert!(pages >= 3, "{pages} pages");
    for n in 1..=pages {
        assert!(text.contains(&format!("Seite {n} von {pages}")), "footer of page {n} missing");
    }
    assert!(!text.contains(&format!("Seite {} von", pages + 1)));
    let flat = squash(&pdftotext_raw(&path));
    for item in &items {
        assert!(flat.contains(&squash(&item.title)), "item title {:?} missing", item.title);
    }
    for needle in
        [&data.verdict(), "Präqualifizierung von Unternehmen", "Ja, Bedarfsträger", "Unterschrift"]
    {
        assert!(flat.contains(&squash(needle)), "{needle:?} missing");
    }
    assert!(flat.contains(&squash("Bitte prüfen")), "review flag missing");

    // What PDF tools say.
    let qpdf = tool("qpdf", &["--check", path.to_str().unwrap()]);
    assert!(
        qpdf.status.success(),
        "qpdf --check: {}{}",
        String::from_utf8_lossy(&qpdf.stdout),
        String::from_utf8_lossy(&qpdf.stderr)
    );
    let info = tool("pdfinfo", &[path.to_str().unwrap()]);
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.contains("Title:           Sachstandsbericht Samtgemeinde Musterstadt-Süd"),
        "{info}"
    );
    assert!(info.contains("Author:          Samtgemeinde Musterstadt-Süd"), "{info}");
    assert!(info.contains("PDF version:     1.7"), "{info}");
    let bytes = std::fs::read(&path).unwrap();
    assert!(!bytes.windows(15).any(|w| w == b"GTS_PDFXVersion"), "stray /GTS_PDFXVersion");
    let detach = tool("pdfdetach", &["-list", path.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&detach.stdout).contains("bereitschaftsbericht.json"));

    // The attachment round trip.
    assert_eq!(read::read_file(&path).unwrap(), data);
}

/// The text of page `n` in the order it is written.
fn page_raw(path: &Path, n: usize) -> String {
    let n = n.to_string();
    let out = tool(
        "pdftotext",
        &["-f", &n, "-l", &n, "-raw", "-enc", "UTF-8", path.to_str().unwrap(), "-"],
    );
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The number of the first page with a line that reads `line`.
fn page_with_line(path: &Path, pages: usize, line: &str) -> usize {
    (1..=pages)
        .find(|&n| page_raw(path, n).lines().any(|l| l.trim() == line))
        .unwrap_or_else(|| panic!("no page has the line {line:?}"))
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF with poppler-utils, which the Windows run lacks")]
fn page_one_shows_what_is_missing_and_the_lands_tasks_stand_apart() {
    use anbindungscheck::catalogue::Actor;
    use anbindungscheck::progress::Status;
    let dir = tempfile::tempdir().unwrap();
    let mut store = municipality(dir.path(), "Samtgemeinde Musterstadt-Süd", "03241001", true);
    // A task of the municipality without a responsible person, due first.
    let catalogue = store.catalogue().unwrap();
    let first = catalogue.items.iter().find(|i| i.actor == Actor::Kommune).unwrap();
    let state = ItemState {
        status: Status::InArbeit,
        due: Some("2026-10-01".into()),
        ..Default::default()
    };
    store.set_item(&first.id, &state).unwrap();
    let path = dir.path().join("bericht.pdf");
    let (data, pages) = write_report(&store, "2026-11-28", &path);
    let items: Vec<_> = data.checklist.iter().flat_map(|s| &s.items).collect();
    let numbers: std::collections::BTreeSet<_> = items.iter().map(|i| i.label()).collect();
    assert_eq!(numbers.len(), items.len(), "item numbers are unique");

    // Page 1: the open tasks with number, task, status, responsible (or not) and due date.
    let one = page_raw(&path, 1);
    let flat_one = squash(&one);
    for needle in ["Noch nicht erledigte Aufgaben der Kommune", "Nr.", "Verantwortlich", "Fällig"]
    {
        assert!(one.contains(needle), "{needle:?} missing on page 1:\n{one}");
    }
    let item = items.iter().find(|i| i.id == first.id).unwrap();
    let row =
        format!("{}{}In Arbeitnicht festgelegt01.10.2026überfällig", item.label(), item.title);
    assert!(flat_one.contains(&squash(&row)), "{row:?} missing on page 1:\n{one}");
    let shown: Vec<_> = items
        .iter()
        .filter(|i| i.actor == Actor::Kommune && i.status.is_open())
        .filter(|i| flat_one.contains(&squash(&format!("{}{}", i.label(), i.title))))
        .collect();
    assert!(shown.len() >= 3, "{} tasks on page 1:\n{one}", shown.len());
    let open_own = data.open_items as usize;
    let checklist_page = page_with_line(&path, pages, "Checkliste");
    let rest = format!(
        "… und {} weitere noch nicht erledigte Aufgaben der Kommune: siehe „Checkliste“ ab Seite \
         {checklist_page}.",
        open_own - shown.len()
    );
    assert!(flat_one.contains(&squash(&rest)), "{rest:?} missing on page 1:\n{one}");
    // The Land's tasks: not in the list, counted in one line.
    let land_heading = "Aufgaben des Landes (zur Information)";
    let land_page = page_with_line(&path, pages, land_heading);
    let land: Vec<_> = items.iter().filter(|i| i.actor == Actor::Land).collect();
    assert!(!land.is_empty());
    for i in &land {
        let row = squash(&format!("{}{}", i.label(), i.title));
        assert!(!flat_one.contains(&row), "{:?} of the Land on page 1", i.title);
    }
    let land_open = land.iter().filter(|i| i.status.is_open()).count();
    let line = format!(
        "Aufgaben des Landes: {land_open} noch nicht erledigt, zur Information ab Seite {land_page}."
    );
    assert!(one.contains(&line), "{line:?} missing on page 1:\n{one}");

    // The warnings the app shows before the export, from the same function.
    let preview = anbindungscheck::api::reports::preview_for(&store, day("2026-11-28")).unwrap();
    assert!(preview.warnings.len() >= 3, "{:?}", preview.warnings);
    assert!(preview.warnings.iter().any(|w| w.contains("ohne Verantwortliche")));
    let hints_page = page_with_line(&path, pages, "Hinweise vor dem Versand");
    assert!(hints_page <= 2, "the warnings on page {hints_page}");
    let flat_hints = squash(&(page_raw(&path, 1) + &page_raw(&path, 2)));
    for w in &preview.warnings {
        assert!(flat_hints.contains(&squash(w)), "{w:?} missing");
    }

    // The checklist: the municipality's tasks, then the Land's under their own heading.
    let flat = squash(&pdftotext_raw(&path));
    let start = flat.find(&squash("Checkliste Die")).expect("the checklist's heading");
    let apart = flat[start..].find(&squash(land_heading)).unwrap() + start;
    for i in &items {
        let row = squash(&format!("{}{}", i.label(), i.title));
        let (own_part, land_part) = (&flat[start..apart], &flat[apart..]);
        if i.actor == Actor::Land {
            assert!(!own_part.contains(&row) && land_part.contains(&row), "{:?}", i.title);
        } else {
            assert!(own_part.contains(&row), "{:?} not in the municipality's part", i.title);
        }
    }

    // The closing note in plain words; the schema's name stays in the data.
    assert!(!flat.contains("anbindungscheck.report"), "the schema's name in the text");
    assert!(flat
        .contains(&squash("in der PDF-Datei enthalten (Dateianhang „bereitschaftsbericht.json“)")));
    assert_eq!(read::read_file(&path).unwrap().schema, "anbindungscheck.report/2");
}

/// Adds everything of the clerk's workflow to a municipality made with the example package:
/// people per role, the state of two services (every connection field, an expired agreement,
/// a certificate expiring soon), requirements, Fachverfahren (one the Land lists, one it does
/// not), evidence files and an attended event. Returns the evidence files' SHA-256.
fn add_workflow(store: &mut Store, dir: &Path) -> Vec<String> {
    use anbindungscheck::inventory::{Analysis, FachverfahrenInput, Interface};
    use anbindungscheck::requirements::{Area, Priority, RequirementInput, RequirementKind};
    use anbindungscheck::roles::{PersonInput, Role};
    use anbindungscheck::service_state::{
        ConnectionData, Phase, PhaseDate, ServiceState, TransportRoute,
    };
    const PACKAGE: &str = "ni-vergabe-kommunen";

    let people = [
        (Role::Projektleitung, "Petra Öztürk", Some("ozg@musterstadt.example"), None),
        (
            Role::Technik,
            "Jonas Weißenfels",
            Some("it-anbindung.vergabestelle@samtgemeinde-musterstadt-sued.example"),
            Some("+49 5121 123-789"),
        ),
        (Role::Postfach, "Vergabestelle", Some("vergabe@musterstadt.example"), None),
    ];
    for (role, name, email, phone) in people {
        let input = PersonInput {
            role,
            name: name.into(),
            email: email.map(str::to_owned),
            phone: phone.map(str::to_owned),
        };
        store.save_person(None, &input).unwrap();
    }

    let date = |phase, date: &str| PhaseDate { phase, date: date.into() };
    let state = ServiceState {
        phase: Some(Phase::Fragebogen),
        phase_dates: vec![
            date(Phase::Interesse, "2026-09-15"),
            date(Phase::Voraussetzungen, "2026-10-20"),
            date(Phase::Fragebogen, "2026-11-10"),
            date(Phase::Freischaltung, "2027-03-01"),
            date(Phase::InBetrieb, "2027-06-01"),
        ],
        connection: ConnectionData {
            ou_id: Some("03241001-OE-17-Vergabestelle".into()),
            pvog_url: Some(
                "https://www.pvog.example/leistungen/vergabe/praequalifizierung-von-\
                 unternehmen/zustaendigkeit?ars=032410010000&ou=03241001-OE-17"
                    .into(),
            ),
            dvdv_key: Some("ags:03241001".into()),
            fit_connect_destination: Some("3F2A9C1E-7B4D-4E2A-9F10-2C6D8E4B1A57".into()),
            transport_route: Some(TransportRoute::FitConnect),
        },
        agreement_expires: Some("2026-11-01".into()),
        certificate_expires: Some("2026-12-10".into()),
        pilot_interest: true,
        training_needed: true,
    };
    store.set_service_state(PACKAGE, "praequalifizierung", &state).unwrap();
    let interest = ServiceState {
        phase: Some(Phase::Interesse),
        phase_dates: vec![date(Phase::Interesse, "2026-11-20")],
        training_needed: true,
        ..Default::default()
    };
    store.set_service_state(PACKAGE, "eigenerklaerung", &interest).unwrap();

    let requirements = [
        (
            "praequalifizierung",
            RequirementKind::Anforderung,
            Area::Technisch,
            Priority::Hoch,
            "Rückkanal über FIT-Connect, damit die Vergabestelle fehlende Nachweise beim \
             Unternehmen nachfordern kann, ohne das Verfahren zu verlassen. Ohne Rückkanal \
             müssten Nachforderungen weiter per Post oder E-Mail laufen, was die Fristen des \
             Vergabeverfahrens gefährdet.",
        ),
        (
            "praequalifizierung",
            RequirementKind::Funktionswunsch,
            Area::Fachlich,
            Priority::Niedrig,
            "Export der Eignungsnachweise als PDF/A für die E-Akte.",
        ),
        (
            "eigenerklaerung",
            RequirementKind::Funktionswunsch,
            Area::Fachlich,
            Priority::Mittel,
            "Vorlagen für Eigenerklärungen nach § 123 und § 124 GWB.",
        ),
    ];
    for (service, kind, area, priority, description) in requirements {
        let input = RequirementInput {
            package_id: PACKAGE.into(),
            service_id: service.into(),
            kind,
            area,
            description: description.into(),
            priority,
        };
        store.save_requirement(None, &input).unwrap();
    }

    let listed = FachverfahrenInput {
        product: "Vergabemanager (Beispiel)".into(),
        vendor: "Muster Software GmbH".into(),
        version: Some("8.1".into()),
        services: vec!["praequalifizierung".into(), "bekanntmachung".into()],
        interface: Interface::FitConnect,
        vendor_commissioned: true,
        commissioned_on: Some("2026-09-01".into()),
        analysis: Analysis::InPruefung,
        note: None,
    };
    store.save_fachverfahren(None, &listed).unwrap();
    let own = FachverfahrenInput {
        product: "Vergabetabelle (Eigenentwicklung)".into(),
        vendor: "Kommunales Rechenzentrum Südniedersachsen".into(),
        version: None,
        services: vec!["eigenerklaerung".into()],
        interface: Interface::Keine,
        vendor_commissioned: false,
        commissioned_on: None,
        analysis: Analysis::Offen,
        note: None,
    };
    store.save_fachverfahren(None, &own).unwrap();

    let files = [
        ("2026-10-14_Ratsbeschluss_Nachnutzung_EfA-Vergabe.pdf", &b"%PDF-1.7\nRatsbeschluss"[..]),
        ("AVV Vergabedienste.pdf", b"%PDF-1.7\nAVV"),
        ("Schulungsplan.csv", "Name;Termin\nFrau Lindqvist;2027-01-20\n".as_bytes()),
    ];
    let mut hashes = Vec::new();
    for (n, (name, bytes)) in files.into_iter().enumerate() {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let (item, title) = match n {
            0 => ("vollzug-zustaendigkeit", Some("Ratsbeschluss zur Nachnutzung")),
            1 => ("datenschutz-avv", Some("Unterzeichnete AVV")),
            _ => ("datenschutz-avv", None),
        };
        hashes.push(store.add_evidence(item, &path, title).unwrap().sha256);
    }
    store.set_event_attended(PACKAGE, "info-2027-01", true).unwrap();
    hashes
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF with poppler-utils, which the Windows run lacks")]
fn report_shows_the_clerks_whole_workflow() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = municipality(dir.path(), "Samtgemeinde Musterstadt-Süd", "03241001", true);
    let hashes = add_workflow(&mut store, dir.path());
    let path = dir.path().join("bericht.pdf");
    let (data, _) = write_report(&store, "2026-11-28", &path);
    // `ANBINDUNGSCHECK_KEEP_REPORT=DIR` keeps the PDF for a look (scripts/render-report.sh).
    if let Some(keep) = std::env::var_os("ANBINDUNGSCHECK_KEEP_REPORT") {
        std::fs::create_dir_all(&keep).unwrap();
        std::fs::copy(&path, Path::new(&keep).join("bericht-workflow.pdf")).unwrap();
    }

    // The embedded JSON, read back from the PDF.
    let read = read::read_file(&path).unwrap();
    assert_eq!(read, data);
    let roles: Vec<_> = read.roles.iter().map(|p| (p.role.as_str(), p.name.as_str())).collect();
    assert_eq!(
        roles,
        [
            ("projektleitung", "Petra Öztürk"),
            ("technik", "Jonas Weißenfels"),
            ("postfach", "Vergabestelle")
        ]
    );
    assert_eq!(read.roles[1].phone.as_deref(), Some("+49 5121 123-789"));
    let service = |id: &str| read.services.iter().find(|s| s.service_id == id).unwrap();
    let pq = service("praequalifizierung");
    assert_eq!(
        (pq.phase.as_deref(), pq.phase_label.as_deref()),
        (Some("fragebogen"), Some("Fragebogen"))
    );
    assert_eq!(pq.phase_dates.len(), 5);
    assert_eq!(
        (pq.phase_dates[0].phase.as_str(), pq.phase_dates[0].date),
        ("interesse", day("2026-09-15"))
    );
    assert_eq!(
        pq.connection.fit_connect_destination.as_deref(),
        Some("3f2a9c1e-7b4d-4e2a-9f10-2c6d8e4b1a57")
    );
    assert_eq!(pq.connection.dvdv_key.as_deref(), Some("ags:03241001"));
    assert_eq!(pq.connection.transport_route.as_deref(), Some("fit_connect"));
    assert_eq!(pq.connection.transport_route_label.as_deref(), Some("FIT-Connect"));
    assert_eq!(pq.agreement_expires, Some(day("2026-11-01")));
    assert_eq!(pq.certificate_expires, Some(day("2026-12-10")));
    assert!(pq.pilot_interest && pq.training_needed);
    let kinds: Vec<_> = pq
        .requirements
        .iter()
        .map(|r| (r.kind.as_str(), r.area.as_str(), r.priority.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [("anforderung", "technisch", "hoch"), ("funktionswunsch", "fachlich", "niedrig")]
    );
    assert_eq!(pq.requirements[0].priority_label, "Hoch");
    let declined = service("bekanntmachung");
    assert_eq!((declined.phase.as_deref(), declined.pilot_interest), (None, false));
    assert!(declined.connection.is_empty() && declined.requirements.is_empty());

    // The readiness per service: the report speaks of the Kommune.
    let r = pq.readiness.as_ref().unwrap();
    assert_eq!(
        (r.verdict.as_str(), r.verdict_label.as_str()),
        ("nicht_bereit", "noch nicht bereit")
    );
    let failing: Vec<_> = r.failing().map(|c| c.check.as_str()).collect();
    assert_eq!(failing, ["phase", "vereinbarung"], "{}", r.summary);
    assert_eq!(
        r.summary,
        "Noch nicht bereit, weil die Anbindung erst in der Phase „Fragebogen“ ist und die \
         Nachnutzungsvereinbarung am 01.11.2026 abgelaufen ist."
    );
    let certificate = r.checks.iter().find(|c| c.check == "zertifikat").unwrap();
    assert_eq!((certificate.state.as_str(), certificate.attention), ("ok", true));
    assert_eq!(certificate.detail, "Gültig bis 10.12.2026, läuft in 12 Tagen ab.");
    let fv = r.checks.iter().find(|c| c.check == "fachverfahren").unwrap();
    assert_eq!(fv.detail, "„Vergabemanager (Beispiel)“ (FIT-Connect) ist zugeordnet.");
    let d = declined.readiness.as_ref().unwrap();
    assert_eq!(d.verdict, "nicht_benoetigt");
    assert!(d.checks.is_empty());
    let own = service("eigenerklaerung").readiness.as_ref().unwrap();
    let fv = own.checks.iter().find(|c| c.check == "fachverfahren").unwrap();
    assert_eq!(fv.state, "fehlt");
    assert!(fv.detail.contains("(Keine)"), "{}", fv.detail);
    let needed = read
        .services
        .iter()
        .filter(|s| s.readiness.as_ref().unwrap().verdict != "nicht_benoetigt")
        .count();
    assert_eq!(needed, 2);
    assert!(
        read.verdict().ends_with(", 2 von 2 Onlinediensten noch nicht bereit."),
        "{}",
        read.verdict()
    );
    assert_eq!(service("eigenerklaerung").requirements.len(), 1);

    assert_eq!(read.fachverfahren.len(), 2);
    let matched = read.fachverfahren[0].land_match.as_ref().unwrap();
    assert_eq!(
        (matched.package_id.as_str(), matched.id.as_str()),
        ("ni-vergabe-kommunen", "vergabemanager")
    );
    assert_eq!(read.fachverfahren[0].commissioned_on, Some(day("2026-09-01")));
    assert_eq!(read.fachverfahren[0].interface_label, "FIT-Connect");
    assert_eq!(read.fachverfahren[1].land_match, None);
    assert_eq!(read.fachverfahren[1].analysis, "offen");
    let land_only: Vec<_> = read.fachverfahren_land_only.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(land_only, ["ausschreibung-plus"]);

    let events: Vec<_> = read.events.iter().map(|e| (e.id.as_str(), e.attended)).collect();
    assert_eq!(events, [("info-2027-01", true), ("workshop-technik-2027-02", false)]);
    assert_eq!(read.events[0].registration_deadline, Some(day("2027-01-13")));
    assert_eq!(read.events[0].start, "2027-01-20T10:00");

    let item =
        |id: &str| read.checklist.iter().flat_map(|s| &s.items).find(|i| i.id == id).unwrap();
    let avv = &item("datenschutz-avv").evidence;
    assert_eq!(avv.len(), 2);
    assert_eq!(
        (avv[0].title.as_str(), avv[0].file_name.as_str()),
        ("Unterzeichnete AVV", "AVV Vergabedienste.pdf")
    );
    assert_eq!((avv[0].media_type.as_str(), avv[0].size), ("application/pdf", 12));
    assert_eq!(avv[0].sha256, hashes[1]);
    assert_eq!((avv[1].title.as_str(), avv[1].media_type.as_str()), ("Schulungsplan", "text/csv"));
    assert_eq!(item("vollzug-zustaendigkeit").evidence[0].sha256, hashes[0]);
    assert!(item("koordination-land").evidence.is_empty());

    // Deadlines of every kind: the expired agreement is overdue, the certificate due soon.
    assert!(read.overdue.iter().any(|d| d.kind == "vereinbarung"), "{:?}", read.overdue);
    assert!(read.due_soon.iter().any(|d| d.kind == "zertifikat"), "{:?}", read.due_soon);

    // The JSON as a reader sees it: new fields present, keys as documented.
    let json: Value = serde_json::to_value(&read).unwrap();
    assert_eq!(json["services"][0]["readiness"]["verdict"], "nicht_bereit");
    assert_eq!(json["services"][0]["readiness"]["checks"][1]["check"], "phase");
    assert_eq!(json["services"][0]["readiness"]["checks"][1]["state"], "fehlt");
    assert_eq!(json["services"][0]["connection"]["ou_id"], "03241001-OE-17-Vergabestelle");
    assert_eq!(json["fachverfahren"][1]["land_match"], Value::Null);
    assert_eq!(json["events"][1]["attended"], false);

    // The PDF as a reader sees it.
    let text = pdftotext(&path);
    let flat = squash(&text);
    for heading in [
        "Anforderungen an das Land",
        "Fachverfahren",
        "Vom Land gelistet, aber nicht im Bestand der Kommune",
        "Veranstaltungen",
        "Nachweise",
        "Ansprechpersonen",
        "Anbindung: Präqualifizierung von Unternehmen",
        "Beim Land gelistet",
        "FIT-Connect-Zustellpunkt-ID",
        "3f2a9c1e-7b4d-4e2a-9f10-2c6d8e4b1a57",
        "Termine der Phasen",
        "Jonas Weißenfels",
        "Kommunales Rechenzentrum Südniedersachsen",
        "In den nächsten 30 Tagen fällig",
        "Vereinbarung läuft ab",
        "Prüfung je Onlinedienst",
        "Phase der Anbindung fehlt: Die Anbindung ist erst in der Phase „Fragebogen“",
        "Bitte beachten – Zertifikat gültig: Gültig bis 10.12.2026",
        "nicht benötigt",
        "2 von 2 Onlinediensten noch nicht bereit",
    ] {
        assert!(flat.contains(&squash(heading)), "{heading:?} missing from the PDF text");
    }
    for hash in &hashes {
        assert!(flat.contains(hash), "evidence hash {hash} missing from the PDF text");
    }
    let qpdf = tool("qpdf", &["--check", path.to_str().unwrap()]);
    assert!(qpdf.status.success(), "qpdf --check: {}", String::from_utf8_lossy(&qpdf.stdout));

    // The Land's aggregation: per-report counts and the state per service.
    let result = aggregate::aggregate(std::slice::from_ref(&path), false);
    assert_eq!(result.rows.len(), 3);
    let row = |id: &str| result.rows.iter().find(|r| r.service_id.as_deref() == Some(id)).unwrap();
    let pq_row = row("praequalifizierung");
    assert_eq!(pq_row.phase.as_deref(), Some("fragebogen"));
    assert_eq!((pq_row.requirement_count, pq_row.pilot_interest_count), (3, 1));
    assert_eq!((pq_row.fachverfahren_count, pq_row.fachverfahren_unlisted), (2, 1));
    assert_eq!(pq_row.service_requirement_count, Some(2));
    assert_eq!(pq_row.agreement_expires, Some(day("2026-11-01")));
    assert_eq!(row("eigenerklaerung").phase.as_deref(), Some("interesse"));
    let csv = aggregate::to_csv(&result.rows);
    assert!(
        csv.lines().skip(1).any(|l| l.contains(";Fragebogen;")
            && l.ends_with(";3;1;2;1;ja;ja;2;FIT-Connect;2026-11-01;2026-12-10")),
        "{csv}"
    );

    // The preview before export names what the Land would notice.
    let preview = anbindungscheck::api::reports::preview_for(&store, day("2026-11-28")).unwrap();
    let warned = |needle: &str| preview.warnings.iter().any(|w| w.contains(needle));
    assert!(warned("Die Nachnutzungsvereinbarung für „Präqualifizierung von Unternehmen“ ist am 01.11.2026 abgelaufen."), "{:?}", preview.warnings);
    assert!(!warned("keine Phase"), "{:?}", preview.warnings);
    store
        .set_service_decision(
            "ni-vergabe-kommunen",
            "bekanntmachung",
            &ServiceDecision { decision: Decision::Ja, reason: None },
        )
        .unwrap();
    let preview = anbindungscheck::api::reports::preview_for(&store, day("2026-11-28")).unwrap();
    assert!(
        preview.warnings.iter().any(|w| w.contains(
            "„Bekanntmachung von Vergabeverfahren“ (Bedarfsträger: ja) ist noch keine Phase"
        )),
        "{:?}",
        preview.warnings
    );
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF with poppler-utils, which the Windows run lacks")]
fn report_names_it_service_providers_councils_information_security_and_new_evidence_types() {
    use anbindungscheck::progress::{BlockingParty, Status};
    use anbindungscheck::roles::{PersonInput, Role};
    let dir = tempfile::tempdir().unwrap();
    let mut store = municipality(dir.path(), "Gemeinde Musterstadt", "03241001", false);
    let isms = PersonInput {
        role: Role::Informationssicherheit,
        name: "Mira Castellanos".into(),
        email: Some("isb@musterstadt.example".into()),
        phone: None,
    };
    store.save_person(None, &isms).unwrap();
    let blocked = |party, text: Option<&str>| ItemState {
        status: Status::ExternBlockiert,
        blocked_by: Some(party),
        blocked_text: text.map(Into::into),
        ..Default::default()
    };
    let rz = "Rechenzentrum stellt erst im Mai um";
    store
        .set_item("hersteller-beauftragen", &blocked(BlockingParty::ItDienstleister, Some(rz)))
        .unwrap();
    store.set_item("datenschutz-avv", &blocked(BlockingParty::Gremium, None)).unwrap();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook.add_worksheet().write_string(0, 0, "Kosten").unwrap();
    let files: [(&str, Vec<u8>); 2] = [
        ("Kostenaufstellung.xlsx", workbook.save_to_buffer().unwrap()),
        (
            "Zusage Rechenzentrum.eml",
            b"From: rz@example.org\r\nSubject: Zusage\r\n\r\nZugesagt.\r\n".to_vec(),
        ),
    ];
    for (name, bytes) in &files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        store.add_evidence("datenschutz-avv", &path, None).unwrap();
    }
    let path = dir.path().join("bericht.pdf");
    let (data, _) = write_report(&store, "2026-11-28", &path);

    let read = read::read_file(&path).unwrap();
    assert_eq!(read, data);
    let isb = read.roles.iter().find(|p| p.role == "informationssicherheit").unwrap();
    assert_eq!(
        (isb.role_label.as_str(), isb.name.as_str()),
        ("Informationssicherheit", "Mira Castellanos")
    );
    let blocker = |id: &str| read.blockers.iter().find(|b| b.item_id == id).unwrap();
    let it = blocker("hersteller-beauftragen");
    assert_eq!(
        (it.party, it.party_label.as_str(), it.text.as_deref()),
        (BlockingParty::ItDienstleister, "IT-Dienstleister", Some(rz))
    );
    let council = blocker("datenschutz-avv");
    assert_eq!(
        (council.party, council.party_label.as_str()),
        (BlockingParty::Gremium, "Rat / Gremium")
    );
    let json: Value = serde_json::to_value(&read).unwrap();
    let parties: Vec<&str> =
        json["blockers"].as_array().unwrap().iter().filter_map(|b| b["party"].as_str()).collect();
    assert!(parties.contains(&"it_dienstleister") && parties.contains(&"gremium"), "{parties:?}");
    let evidence = &read
        .checklist
        .iter()
        .flat_map(|s| &s.items)
        .find(|i| i.id == "datenschutz-avv")
        .unwrap()
        .evidence;
    let types: Vec<&str> = evidence.iter().map(|e| e.media_type.as_str()).collect();
    assert_eq!(
        types,
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "message/rfc822"]
    );

    let flat = squash(&pdftotext(&path));
    for shown in [
        "Informationssicherheit",
        "Mira Castellanos",
        "IT-Dienstleister",
        "Rat / Gremium",
        rz,
        "Kostenaufstellung.xlsx",
        "XLSX,",
        "Zusage Rechenzentrum.eml",
        "E-Mail,",
    ] {
        assert!(flat.contains(&squash(shown)), "{shown:?} missing from the PDF text");
    }
}

#[test]
fn reports_written_before_the_workflow_fields_still_read() {
    // A `/1` report of an earlier version has none of the workflow fields.
    let dir = tempfile::tempdir().unwrap();
    let store = municipality(dir.path(), "Gemeinde Altbericht", "03241001", true);
    let data = anbindungscheck::api::reports::gather(&store, day("2026-11-28"), None).unwrap();
    let mut json: Value = serde_json::to_value(&data).unwrap();
    let object = json.as_object_mut().unwrap();
    for field in ["roles", "fachverfahren", "fachverfahren_land_only", "events"] {
        assert!(object.remove(field).is_some(), "{field}");
    }
    for service in object["services"].as_array_mut().unwrap() {
        let service = service.as_object_mut().unwrap();
        for field in [
            "phase_label",
            "phase_dates",
            "connection",
            "agreement_expires",
            "certificate_expires",
            "pilot_interest",
            "training_needed",
            "requirements",
            "readiness",
        ] {
            assert!(service.remove(field).is_some(), "{field}");
        }
    }
    for section in object["checklist"].as_array_mut().unwrap() {
        for item in section["items"].as_array_mut().unwrap() {
            item.as_object_mut().unwrap().remove("evidence");
        }
    }
    let old = read::parse_json(&serde_json::to_vec(&json).unwrap()).unwrap();
    assert!(old.roles.is_empty() && old.events.is_empty() && old.fachverfahren.is_empty());
    assert!(old.services.iter().all(|s| s.connection.is_empty() && s.requirements.is_empty()));
    assert_eq!(old.checklist, data.checklist);
    // Without the services' readiness the verdict counts the checklist only.
    assert!(data.services.iter().all(|s| s.readiness.is_some()));
    assert!(old.services.iter().all(|s| s.readiness.is_none()));
    assert!(data.verdict().contains("Onlinediensten noch nicht bereit"), "{}", data.verdict());
    assert!(!old.verdict().contains("Onlinedienst"), "{}", old.verdict());
    assert!(old.verdict().starts_with("Noch nicht bereit: "), "{}", old.verdict());
    // The Land's aggregation reads it too.
    let pdf = dir.path().join("alt.pdf");
    let (mut written, _) = write_report(&store, "2026-11-28", &pdf);
    for s in &mut written.services {
        s.readiness = None;
    }
    let rendered = report::render(&written).unwrap();
    std::fs::write(&pdf, rendered.bytes).unwrap();
    let result = aggregate::aggregate(std::slice::from_ref(&pdf), false);
    assert!(result.skipped.is_empty(), "{:?}", result.skipped);
    assert_eq!(result.rows.len(), old.services.len());
}

#[test]
fn a_character_the_font_lacks_fails_the_export_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = municipality(dir.path(), "Gemeinde Zeichenhausen", "09162000", false);
    store
        .set_item(
            "datenschutz-avv",
            &ItemState {
                note: Some("Rückruf erbeten ☎ bis Freitag".into()), ..Default::default()
            },
        )
        .unwrap();
    let data = anbindungscheck::api::reports::gather(&store, day("2026-11-28"), None).unwrap();
    let err = report::render(&data).unwrap_err();
    assert_eq!(err.code(), "report_glyph");
    let message = err.to_string();
    assert!(message.contains("„☎“") && message.contains("U+260E"), "{message}");
    assert!(message.contains("Rückruf erbeten"), "{message}");
    assert!(message.contains("in der Notiz der Aufgabe"), "{message}");
    // The preview warns before the export is tried.
    let preview = anbindungscheck::api::reports::preview_for(&store, day("2026-11-28")).unwrap();
    assert!(preview.warnings.iter().any(|w| w.contains("„☎“ (U+260E)")), "{:?}", preview.warnings);
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF with poppler-utils, which the Windows run lacks")]
fn characters_the_clerk_cannot_change_do_not_fail_the_export() {
    // An evidence file's name comes from the clerk's computer and cannot be edited.
    let dir = tempfile::tempdir().unwrap();
    let mut store = municipality(dir.path(), "Gemeinde Zeichenhausen", "09162000", false);
    let file = dir.path().join("Beschluss ☎.pdf");
    std::fs::write(&file, b"%PDF-1.7\n").unwrap();
    store.add_evidence("datenschutz-avv", &file, Some("Beschluss")).unwrap();
    let path = dir.path().join("bericht.pdf");
    let (data, _) = write_report(&store, "2026-11-28", &path);
    assert!(pdftotext(&path).contains("Beschluss [U+260E].pdf"));
    // The data keeps the name as it is.
    assert_eq!(read::read_file(&path).unwrap(), data);
    let evidence = data.checklist.iter().flat_map(|s| &s.items).flat_map(|i| &i.evidence);
    assert!(evidence.into_iter().any(|e| e.file_name == "Beschluss ☎.pdf"));
}

#[test]
fn aggregation_reads_reports_and_lists_what_it_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("eingang");
    let nested = reports.join("kreis-hildesheim");
    std::fs::create_dir_all(&nested).unwrap();
    let dbs = dir.path().join("db");
    std::fs::create_dir_all(&dbs).unwrap();

    let a = municipality(&dbs, "Samtgemeinde Musterstadt-Süd", "03241001", true);
    let (a_old, _) = write_report(&a, "2026-10-01", &reports.join("musterstadt-oktober.pdf"));
    let (a_new, _) = write_report(&a, "2026-11-28", &nested.join("musterstadt-november.pdf"));
    std::fs::copy(nested.join("musterstadt-november.pdf"), reports.join("kopie.PDF")).unwrap();
    let b = municipality(&dbs, "=Gemeinde Formelhausen", "03351006", true);
    let (b_data, _) = write_report(&b, "2026-11-20", &nested.join("formelhausen.pdf"));
    let c = municipality(&dbs, "Gemeinde Ohnepaket", "09162000", false);
    let (c_data, _) = write_report(&c, "2026-11-25", &reports.join("ohnepaket.pdf"));

    // Broken and foreign files.
    let good = std::fs::read(nested.join("formelhausen.pdf")).unwrap();
    std::fs::write(reports.join("abgeschnitten.pdf"), &good[..good.len() / 2]).unwrap();
    std::fs::copy(FOREIGN_PDF, reports.join("vereinbarung.pdf")).unwrap();
    std::fs::write(reports.join("notiz.pdf"), "Bitte bis Freitag zurückmelden.").unwrap();
    std::fs::write(reports.join("liesmich.txt"), "keine PDF-Datei, wird nicht gelesen").unwrap();

    // The library.
    let result = aggregate::aggregate(std::slice::from_ref(&reports), false);
    assert_eq!(result.files, 8, "{:?}", result.skipped);
    assert_eq!(result.reports, 3);
    assert_eq!(result.municipalities, 3);
    assert_eq!(result.rows.len(), 3 + 3 + 1, "two municipalities with 3 services, one without");
    let ids: Vec<&str> = result.rows.iter().map(|r| r.report_id.as_str()).collect();
    assert!(ids.contains(&a_new.report_id.as_str()) && !ids.contains(&a_old.report_id.as_str()));
    assert!(ids.contains(&b_data.report_id.as_str()) && ids.contains(&c_data.report_id.as_str()));
    let without = result.rows.iter().find(|r| r.ags == "09162000").unwrap();
    assert_eq!((without.service.as_deref(), without.package_id.as_deref()), (None, None));
    let with =
        result.rows.iter().find(|r| r.service_id.as_deref() == Some("praequalifizierung")).unwrap();
    assert_eq!(with.decision.as_deref(), Some("ja"));
    assert_eq!(with.package_version, Some(2));
    assert_eq!(with.readiness, a_new.readiness.overall.percent);
    assert_eq!(result.ignored.len(), 2, "{:?}", result.ignored);
    assert!(result.ignored.iter().any(|i| i.reason.contains("derselbe Bericht")));
    assert!(result.ignored.iter().any(|i| i.reason.contains("älterer Bericht")));
    let reason = |name: &str| {
        result
            .skipped
            .iter()
            .find(|s| s.path.ends_with(name))
            .map(|s| s.reason.clone())
            .unwrap_or_else(|| panic!("{name} not skipped: {:?}", result.skipped))
    };
    assert!(reason("abgeschnitten.pdf").contains("beschädigt"));
    assert!(reason("vereinbarung.pdf").contains("kein Sachstandsbericht"));
    assert!(reason("notiz.pdf").contains("kein PDF"));
    assert_eq!(result.skipped.len(), 3);
    assert_eq!(aggregate::aggregate(std::slice::from_ref(&reports), true).reports, 4);
}

#[test]
fn damaged_reports_give_errors_not_panics() {
    // aggregate reads files from many municipalities in one process: a damaged file must come
    // back as an error (the release build aborts on a panic).
    let dir = tempfile::tempdir().unwrap();
    let store = municipality(dir.path(), "Gemeinde Bruchstadt", "09162000", false);
    let data = anbindungscheck::api::reports::gather(&store, day("2026-11-28"), None).unwrap();
    let bytes = report::render(&data).unwrap().bytes;
    let step = (bytes.len() / 200).max(1);
    for cut in (0..bytes.len()).step_by(step) {
        if let Ok(read) = read::read_bytes(&bytes[..cut]) {
            assert_eq!(read, data, "a cut file that still reads must read right");
        }
    }
    let mut flipped = 0;
    for at in (0..bytes.len()).step_by(step / 2 + 1) {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x5A;
        if read::read_bytes(&damaged).is_err() {
            flipped += 1;
        }
    }
    assert!(flipped > 0);
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF with poppler-utils, which the Windows run lacks")]
fn preview_warns_about_gaps_and_exports_are_recorded_with_their_hash() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = municipality(dir.path(), "Gemeinde Vorschau", "03241001", false);
    let date = day("2026-11-28");
    let open = anbindungscheck::progress::ItemState {
        status: anbindungscheck::progress::Status::InArbeit,
        ..Default::default()
    };
    store.set_item("schulung-bedarf", &open).unwrap();
    let preview = anbindungscheck::api::reports::preview_for(&store, date).unwrap();
    assert_eq!(preview.ags, "03241001");
    assert!(
        preview.warnings.iter().any(|w| w.contains("ohne Verantwortliche")),
        "{:?}",
        preview.warnings
    );
    assert!(
        preview.warnings.iter().any(|w| w.contains("kein Informationspaket")),
        "{:?}",
        preview.warnings
    );
    assert!(preview.warnings.iter().any(|w| w.contains("überfällig")), "{:?}", preview.warnings);

    let target = dir.path().join("bericht.pdf");
    let export = anbindungscheck::api::reports::export_to(
        &mut store,
        date,
        &target,
        Some("OZG-Koordination des Landes"),
    )
    .unwrap();
    assert!(target.exists());
    assert_eq!(export.pages as usize, {
        let text = pdftotext(&target);
        text.matches(&format!(" von {} · Bericht", export.pages)).count()
    });
    let history = store.report_exports().unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].recipient.as_deref(), Some("OZG-Koordination des Landes"));
    assert_eq!(history[0].sha256.len(), 64);
    assert_eq!(anbindungscheck::api::reports::export_file(&store, export.id).unwrap(), target);

    // A changed file is not opened as the exported report.
    let mut bytes = std::fs::read(&target).unwrap();
    bytes.push(b'\n');
    std::fs::write(&target, bytes).unwrap();
    let err = anbindungscheck::api::reports::export_file(&store, export.id).unwrap_err();
    assert!(err.to_string().contains("verändert"), "{err}");
    assert!(anbindungscheck::api::reports::export_file(&store, 999).is_err());
    assert!(
        anbindungscheck::api::reports::export_to(&mut store, date, &target, Some("a\u{7}b"))
            .is_err(),
        "control characters refused"
    );
}

#[test]
fn a_report_of_a_samtgemeinde_carries_its_ars() {
    let dir = tempfile::tempdir().unwrap();
    let store = municipality(dir.path(), "Samtgemeinde Musterland", "032415418000", true);
    let data = anbindungscheck::api::reports::gather(&store, day("2026-11-28"), None).unwrap();
    assert!(data.report_id.starts_with("BB-032415418000-20261128-"), "{}", data.report_id);
    assert_eq!(data.municipality.kind, anbindungscheck::profile::KommuneKind::Samtgemeinde);
    let json = serde_json::to_vec(&data).unwrap();
    assert_eq!(read::parse_json(&json).unwrap(), data);
    read::plausible(&data).unwrap();
    // Without `kind` (as in reports written before it) the report is read as a Gemeinde's,
    // and a Gemeinde has no ARS with Gemeinde part 000.
    let mut old = serde_json::to_value(&data).unwrap();
    old["municipality"].as_object_mut().unwrap().remove("kind");
    let err = read::parse_json(&serde_json::to_vec(&old).unwrap()).unwrap_err();
    assert!(err.to_string().contains("passt nicht zur Art der Kommune (Gemeinde)"), "{err}");
}

/// The JSON of `data` with `edit` applied, read back: the error's code and message.
fn tampered(data: &ReportData, edit: impl FnOnce(&mut Value)) -> (String, String) {
    let mut json = serde_json::to_value(data).unwrap();
    edit(&mut json);
    match read::parse_json(&serde_json::to_vec(&json).unwrap()) {
        Ok(_) => panic!("accepted: {json}"),
        Err(e) => (e.code().as_str().to_owned(), e.to_string()),
    }
}

#[test]
fn implausible_report_data_is_refused_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = municipality(dir.path(), "Samtgemeinde Musterstadt-Süd", "03241001", true);
    add_workflow(&mut store, dir.path());
    let data = anbindungscheck::api::reports::gather(&store, day("2026-11-28"), None).unwrap();
    // A genuine report with everything in it passes, as JSON and as PDF.
    let json = serde_json::to_vec(&data).unwrap();
    assert_eq!(read::parse_json(&json).unwrap(), data);
    let rendered = report::render(&data).unwrap();
    assert_eq!(read::read_bytes(&rendered.bytes).unwrap(), data);
    read::plausible(&data).unwrap();

    let id = data.report_id.clone();
    let huge = "A".repeat(5_000_000);
    type Edit = Box<dyn FnOnce(&mut Value)>;
    let cases: Vec<(&str, Edit, &str)> = vec![
        ("municipality.ags", Box::new(|j| j["municipality"]["ags"] = "ABC".into()), "„ABC“"),
        (
            "municipality.ags",
            Box::new(|j| j["municipality"]["ags"] = "17241001".into()),
            "17241001",
        ),
        (
            "municipality.ags",
            Box::new(|j| j["municipality"]["ags"] = "03 241 001".into()),
            "03 241",
        ),
        (
            "municipality.ags",
            Box::new(|j| j["municipality"]["ags"] = "032415418000".into()),
            "passt nicht zur Art der Kommune (Gemeinde)",
        ),
        (
            "readiness.overall.percent",
            Box::new(|j| j["readiness"]["overall"]["percent"] = 150.into()),
            "„150“",
        ),
        (
            "readiness.dimensions[1].score.percent",
            Box::new(|j| j["readiness"]["dimensions"][1]["score"]["percent"] = 99.into()),
            "„99“",
        ),
        (
            "readiness.overall.done",
            Box::new(|j| j["readiness"]["overall"]["done"] = 999.into()),
            "„999“",
        ),
        ("open_items", Box::new(|j| j["open_items"] = 0.into()), "„0“"),
        ("blocker_count", Box::new(|j| j["blocker_count"] = 0.into()), "„0“"),
        (
            "municipality.land_code",
            Box::new(|j| {
                j["municipality"]["land_code"] = "09".into();
                j["municipality"]["land"] = "Bayern".into();
            }),
            "„09“",
        ),
        (
            "municipality.land",
            Box::new(|j| j["municipality"]["land"] = "Bayern".into()),
            "„Bayern“",
        ),
        (
            "packages[0].land",
            Box::new(|j| j["packages"][0]["land"] = "Atlantis".into()),
            "„Atlantis“",
        ),
        ("report_date", Box::new(|j| j["report_date"] = "9999-12-31".into()), "9999-12-31"),
        ("report_date", Box::new(|j| j["report_date"] = "2019-12-31".into()), "2019-12-31"),
        ("created_at", Box::new(|j| j["created_at"] = "9999-12-31T00:00:00Z".into()), "9999-12-31"),
        ("created_at", Box::new(|j| j["created_at"] = "gestern".into()), "„gestern“"),
        ("report_id", Box::new(|j| j["report_id"] = "../../etc;=1+1".into()), "„../../etc;=1+1“"),
        (
            "report_id",
            Box::new(move |j| j["report_id"] = id.replace("20261128", "20261127").into()),
            "20261127",
        ),
        (
            "report_id",
            Box::new(|j| j["report_id"] = "BB-03241001-20261128-ABCDEF".into()),
            "ABCDEF",
        ),
        (
            "municipality.name",
            Box::new(move |j| j["municipality"]["name"] = huge.into()),
            "5000000 Zeichen",
        ),
        (
            "municipality.name",
            Box::new(|j| j["municipality"]["name"] = "Muster\rstadt\n".into()),
            "Steuer",
        ),
        (
            "municipality.name",
            Box::new(|j| j["municipality"]["name"] = "Gemeinde \u{202E}dtatsretsuM".into()),
            "Richtungszeichen",
        ),
        ("municipality.name", Box::new(|j| j["municipality"]["name"] = " ".into()), "leer"),
        (
            "checklist[0].items[0].title",
            Box::new(|j| j["checklist"][0]["items"][0]["title"] = "a\u{1b}[2Jb".into()),
            "Steuer",
        ),
        (
            "checklist[0].items[0].note",
            Box::new(|j| j["checklist"][0]["items"][0]["note"] = "x".repeat(10_001).into()),
            "10001 Zeichen",
        ),
        (
            "packages[0].valid_until",
            Box::new(|j| j["packages"][0]["valid_until"] = "2026-02-30".into()),
            "2026-02-30",
        ),
        ("events[0].start", Box::new(|j| j["events"][0]["start"] = "morgen".into()), "„morgen“"),
    ];
    for (field, edit, value) in cases {
        let (code, message) = tampered(&data, edit);
        assert_eq!(code, "report_implausible", "{field}: {message}");
        assert!(message.contains(&format!("„{field}“")), "{field}: {message}");
        assert!(message.contains(value), "{field} {value}: {message}");
        assert!(message.chars().count() < 400, "{field}: message too long");
        assert!(!message.contains(['\r', '\n', '\u{202E}', '\u{1b}']), "{field}: {message:?}");
    }
    // Notes may hold line breaks.
    let mut with_lines = serde_json::to_value(&data).unwrap();
    with_lines["checklist"][0]["items"][0]["note"] = "Zeile 1\nZeile 2\tmit Tab".into();
    read::parse_json(&serde_json::to_vec(&with_lines).unwrap()).unwrap();
}

#[test]
fn aggregate_skips_a_tampered_report_and_keeps_the_genuine_one() {
    let dir = tempfile::tempdir().unwrap();
    let (reports, genuine, future) = inbox_with_a_forgery(dir.path());
    assert_eq!(read::read_file(&reports.join("vorab.pdf")).unwrap(), future);

    let result = aggregate::aggregate(std::slice::from_ref(&reports), false);
    assert_eq!(result.reports, 1, "{:?}", result.skipped);
    assert!(result.rows.iter().all(|r| r.report_id == genuine.report_id));
    assert_eq!(result.skipped.len(), 2, "{:?}", result.skipped);
    let reason = |name: &str| {
        let s = result.skipped.iter().find(|s| s.path.ends_with(name)).unwrap();
        s.reason.clone()
    };
    assert!(reason("gefaelscht.pdf").contains("„report_date“"), "{}", reason("gefaelscht.pdf"));
    assert!(reason("gefaelscht.pdf").contains("9999-12-31"));
    assert!(reason("vorab.pdf").contains("in der Zukunft"), "{}", reason("vorab.pdf"));
}
