//! Sample reports for the report's tests: a plain one with a number of checklist items, and one
//! with the whole workflow (services, requirements, Fachverfahren, events, evidence, roles).

use crate::catalogue::Actor;
use crate::progress::Status;
use crate::report::data::*;

pub(crate) fn sample(items: usize, note: &str) -> ReportData {
    let profile = crate::profile::ProfileInput {
        name: "Gemeinde Musterstadt".into(),
        ags: "09162000".into(),
        population: Some(12_500),
        coordinator_name: Some("Petra Öztürk".into()),
        ..Default::default()
    }
    .validate()
    .unwrap();
    let item = |i: usize| ReportItem {
        id: format!("aufgabe-{i}"),
        number: Some(i as u32 + 1),
        point: "1.1".into(),
        reference: Some("Abschnitt 1, 1. Spiegelstrich".into()),
        added: None,
        dimension: crate::catalogue::Dimension::Organisatorisch,
        actor: Actor::Kommune,
        title: format!("Aufgabe Nummer {i} mit einem längeren Titel über zwei Zeilen"),
        package: None,
        status: Status::Offen,
        status_label: "Offen".into(),
        blocked_by: None,
        blocked_text: None,
        owner: Some("Hauptamt".into()),
        due: None,
        land_deadline: None,
        note: Some(note.to_owned()),
        review: None,
        evidence: vec![],
    };
    let score = ReportScore { percent: Some(0), done: 0, applicable: items as u32 };
    ReportData {
        schema: REPORT_SCHEMA.into(),
        report_id: "BB-09162000-20261128-abcdef".into(),
        report_date: "2026-11-28".parse().unwrap(),
        created_at: "2026-11-28T10:00:00.000Z".into(),
        generator: Generator { name: "Anbindungscheck".into(), version: "0.1.0".into() },
        municipality: profile,
        packages: vec![],
        readiness: Readiness {
            overall: score,
            dimensions: crate::catalogue::Dimension::ALL
                .into_iter()
                .map(|dimension| DimensionReadiness {
                    dimension,
                    label: dimension.label().into(),
                    score,
                })
                .collect(),
        },
        counts: Counts { offen: items as u32, ..Default::default() },
        own_counts: None,
        land_counts: None,
        open_items: items as u32,
        blocker_count: 0,
        blockers: vec![],
        overdue: vec![],
        due_soon: vec![],
        checklist: vec![ReportSection {
            id: "1".into(),
            title: "Organisation".into(),
            items: (0..items).map(item).collect(),
        }],
        catalogue_version: Some(2),
        members: vec![],
        services: vec![],
        roles: vec![],
        fachverfahren: vec![],
        fachverfahren_land_only: vec![],
        events: vec![],
    }
}

pub(super) const HASH_HEX: &str =
    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
pub(super) const UUID: &str = "3f2a9c1e-7b4d-4e2a-9f10-2c6d8e4b1a57";
pub(super) const PVOG: &str =
    "https://www.pvog.de/leistungen/vergabe/praequalifizierung-von-unternehmen/\
                    zustaendigkeit?ars=032410010000&ou=9162000-OE-17-Vergabestelle";

/// The sample with the whole workflow: a package with two services (one with every
/// connection field, long texts), requirements, Fachverfahren, events, evidence, roles.
pub(crate) fn workflow_sample() -> ReportData {
    let mut d = sample(3, "Notiz");
    d.packages.push(ReportPackage {
        id: "ni-vergabe".into(),
        title: "Informationspaket EfA-Vergabedienste".into(),
        version: 2,
        land_code: "03".into(),
        land: "Niedersachsen".into(),
        issued: "2026-11-02".into(),
        valid_until: "2027-12-31".into(),
        costs: vec![],
    });
    let requirement = |priority: &str, description: &str| ReportRequirement {
        kind: "funktionswunsch".into(),
        kind_label: "Funktionswunsch".into(),
        area: "technisch".into(),
        area_label: "Technisch".into(),
        priority: priority.into(),
        priority_label: if priority == "hoch" { "Hoch" } else { "Niedrig" }.into(),
        description: description.into(),
        created_at: "2026-11-20T09:00:00.000Z".into(),
    };
    let service = |id: &str, name: &str| ReportService {
        member_decisions: vec![],
        package_id: "ni-vergabe".into(),
        package_version: 2,
        service_id: id.into(),
        name: name.into(),
        leika: vec!["99001001000000".into()],
        ozg_id: Some("10247".into()),
        decision: crate::installed::Decision::Ja,
        decision_label: "Ja, Bedarfsträger".into(),
        decision_reason: None,
        phase: None,
        costs: vec![],
        phase_label: None,
        phase_dates: vec![],
        connection: ReportConnection::default(),
        agreement_expires: None,
        certificate_expires: None,
        pilot_interest: false,
        training_needed: false,
        requirements: vec![],
        readiness: None,
    };
    let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    let phase_date = |phase: &str, label: &str, date: &str| ReportPhaseDate {
        phase: phase.into(),
        phase_label: label.into(),
        date: day(date),
    };
    d.services = vec![
        ReportService {
            member_decisions: vec![],
            phase: Some("fragebogen".into()),
            phase_label: Some("Fragebogen".into()),
            phase_dates: vec![
                phase_date("interesse", "Interesse", "2026-10-01"),
                phase_date("fragebogen", "Fragebogen", "2026-11-15"),
                phase_date("freischaltung", "Freischaltung", "2027-03-01"),
            ],
            connection: ReportConnection {
                ou_id: Some("9162000-OE-17".into()),
                pvog_url: Some(PVOG.into()),
                dvdv_key: Some("ags:03241001".into()),
                fit_connect_destination: Some(UUID.into()),
                transport_route: Some("fit_connect".into()),
                transport_route_label: Some("FIT-Connect".into()),
            },
            agreement_expires: Some(day("2026-11-01")),
            certificate_expires: Some(day("2026-12-10")),
            pilot_interest: true,
            training_needed: true,
            requirements: vec![
                requirement("hoch", &"Rückkanal über FIT-Connect für Nachforderungen. ".repeat(8)),
                requirement("niedrig", "Export der Eignungsnachweise als PDF/A"),
            ],
            ..service("praequalifizierung", "Präqualifizierung von Unternehmen")
        },
        service("bekanntmachung", "Bekanntmachung von Vergabeverfahren"),
    ];
    d.services[0].readiness = Some(assessed(
        "praequalifizierung",
        crate::installed::Decision::Ja,
        crate::service_state::ServiceState {
            phase: Some(crate::service_state::Phase::Fragebogen),
            connection: crate::service_state::ConnectionData {
                ou_id: Some("9162000-OE-17".into()),
                pvog_url: Some(PVOG.into()),
                dvdv_key: Some("ags:03241001".into()),
                fit_connect_destination: Some(UUID.into()),
                transport_route: Some(crate::service_state::TransportRoute::FitConnect),
            },
            agreement_expires: Some("2026-11-01".into()),
            certificate_expires: Some("2026-12-10".into()),
            ..Default::default()
        },
        true,
    ));
    d.services[1].readiness =
        Some(assessed("bekanntmachung", crate::installed::Decision::Ja, Default::default(), false));
    d.fachverfahren = vec![ReportFachverfahren {
        product: "VergabeManager (Beispiel)".into(),
        vendor: "Muster Software GmbH".into(),
        version: Some("8.1".into()),
        services: vec!["praequalifizierung".into(), "bekanntmachung".into()],
        interface: "fit_connect".into(),
        interface_label: "FIT-Connect".into(),
        vendor_commissioned: true,
        commissioned_on: Some(day("2026-09-01")),
        analysis: "in_pruefung".into(),
        analysis_label: "In Prüfung".into(),
        land_match: Some(LandMatch { package_id: "ni-vergabe".into(), id: "vm".into() }),
    }];
    d.fachverfahren_land_only = vec![ReportLandFachverfahren {
        package_id: "ni-vergabe".into(),
        id: "ap".into(),
        product: "Ausschreibung Plus (Beispiel)".into(),
        vendor: "Beispiel IT AG".into(),
        interface: "OSCI/XTA".into(),
        services: vec!["bekanntmachung".into()],
    }];
    d.events = vec![ReportEvent {
        package_id: "ni-vergabe".into(),
        id: "info".into(),
        title: "Informationsveranstaltung: EfA-Vergabedienste für Kommunen".into(),
        start: "2027-01-20T10:00".into(),
        registration_deadline: Some(day("2027-01-13")),
        attended: false,
    }];
    d.roles = vec![ReportPerson {
        role: "technik".into(),
        role_label: "Technik".into(),
        name: "Jonas Weißenfels-Ağaoğlu".into(),
        email: Some("it-anbindung.vergabestelle@samtgemeinde-musterstadt.example".into()),
        phone: Some("+49 5121 123-789".into()),
    }];
    d.checklist[0].items[0].evidence = vec![ReportEvidence {
        title: "Ratsbeschluss zur Nachnutzung".into(),
        file_name: "2026-10-14_Ratsbeschluss_Nachnutzung_EfA-Vergabe_unterschrieben.pdf".into(),
        media_type: "application/pdf".into(),
        size: 250_000,
        sha256: HASH_HEX.into(),
        added_at: "2026-11-02T08:00:00.000Z".into(),
    }];
    d
}

/// A service's readiness as the report would carry it (the sample's Fachverfahren assigned,
/// its vendor commissioned or not).
fn assessed(
    id: &str,
    decision: crate::installed::Decision,
    state: crate::service_state::ServiceState,
    commissioned: bool,
) -> ReportServiceReadiness {
    use crate::service_readiness::{assess, ServiceFacts, Voice};
    let service = crate::package::manifest::Service {
        id: id.into(),
        name: id.into(),
        description: None,
        leika: vec![],
        ozg_id: None,
        vollzug: "Kommune".into(),
        fit_store_contract: crate::package::manifest::LandStep::Abgeschlossen,
        reuse_model_status: crate::package::manifest::LandStep::Abgeschlossen,
    };
    let fachverfahren = crate::inventory::FachverfahrenInput {
        product: "VergabeManager (Beispiel)".into(),
        vendor: "Muster Software GmbH".into(),
        version: None,
        services: vec![id.into()],
        interface: crate::inventory::Interface::FitConnect,
        vendor_commissioned: commissioned,
        commissioned_on: commissioned.then(|| "2026-09-01".into()),
        analysis: crate::inventory::Analysis::InPruefung,
        note: None,
    };
    let facts = ServiceFacts {
        package_id: "ni-vergabe",
        service: &service,
        decision,
        state: &state,
        package_interfaces: vec!["FIT-Connect"],
        fachverfahren: vec![&fachverfahren],
    };
    assess(&facts, "2026-11-28".parse().unwrap(), Voice::Kommune).into()
}

/// The plain sample with `items` items of every kind: statuses in turn, some without owner,
/// some with a due date (two overdue), every seventh item the Land's, some with long titles.
pub(crate) fn mixed_sample(items: usize) -> ReportData {
    use crate::progress::BlockingParty;
    let mut d = sample(items, "Notiz");
    let statuses = [
        Status::Offen,
        Status::Erledigt,
        Status::InArbeit,
        Status::ExternBlockiert,
        Status::NichtZutreffend,
        Status::Erledigt,
    ];
    for (i, item) in d.checklist[0].items.iter_mut().enumerate() {
        item.status = statuses[i % statuses.len()];
        item.status_label = item.status.label().into();
        if item.status == Status::ExternBlockiert {
            item.blocked_by = Some(BlockingParty::Hersteller);
        }
        if i % 4 == 1 {
            item.owner = None;
        }
        if i % 3 == 0 {
            let day = chrono::Days::new(i as u64 * 3);
            item.due = Some("2026-11-20".parse::<chrono::NaiveDate>().unwrap() + day);
        }
        if i % 7 == 3 {
            item.actor = Actor::Land;
            item.title = format!("Nachnutzungsmodell des Landes festlegen ({i})");
        }
        if i % 5 == 2 {
            item.title = format!(
                "Aufgabe {i}: Zuständigkeiten für den Onlinedienst in der Verwaltung klären, \
                 die zuständige Stelle benennen und dem Land melden, damit die Anbindung \
                 vorbereitet werden kann"
            );
        }
    }
    recount(&mut d);
    d
}

/// Sets the counts and the readiness of `d` from its items' statuses.
pub(crate) fn recount(d: &mut ReportData) {
    let own = |actor: Actor| {
        let mut c = Counts::default();
        for i in d.checklist[0].items.iter().filter(|i| i.actor == actor) {
            match i.status {
                Status::Offen => c.offen += 1,
                Status::InArbeit => c.in_arbeit += 1,
                Status::Erledigt => c.erledigt += 1,
                Status::NichtZutreffend => c.nicht_zutreffend += 1,
                Status::ExternBlockiert => c.extern_blockiert += 1,
            }
        }
        c
    };
    let (mine, land) = (own(Actor::Kommune), own(Actor::Land));
    let applicable = mine.total() - mine.nicht_zutreffend;
    d.readiness.overall = ReportScore {
        percent: (applicable > 0).then(|| (mine.erledigt * 100 / applicable) as u8),
        done: mine.erledigt,
        applicable,
    };
    let overall = d.readiness.overall;
    for dimension in &mut d.readiness.dimensions {
        dimension.score = overall;
    }
    d.open_items = applicable - mine.erledigt;
    d.counts = mine.plus(&land);
    d.own_counts = Some(mine);
    d.land_counts = Some(land);
}
