//! Readiness per online service: for each service of the imported packages a short list of
//! checks (decision, phase, connection data, agreement, certificate, Fachverfahren, vendor),
//! each `ok`, `fehlt` or `nicht_noetig`, and a verdict „bereit“, „noch nicht bereit, weil …“ or
//! „nicht benötigt“. The rules are written down in docs/readiness.md („Prüfung je
//! Onlinedienst“). Pure: the caller passes in what the store holds.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::installed::{Decision, InstalledPackage};
use crate::inventory::{FachverfahrenInput, Interface};
use crate::keyed::keyed_enum;
use crate::package::manifest::{Manifest, Service};
use crate::progress::DUE_SOON_DAYS;
use crate::service_state::{Phase, ServiceState, TransportRoute};

/// The phase from which a service counts as ready: the municipality's preparation
/// (prerequisites, questionnaire) is done and the connection is being switched on.
pub const READY_PHASE: Phase = Phase::Freischaltung;

keyed_enum! {
    /// The checks of one service, in the order they are shown.
    pub enum ServiceCheckKind (field = "check", unknown = "Unbekannte Prüfung") {
        Entscheidung = ("entscheidung", "Entscheidung Bedarfsträger"),
        Phase = ("phase", "Phase der Anbindung"),
        Anschlussdaten = ("anschlussdaten", "Anschlussdaten vollständig"),
        Vereinbarung = ("vereinbarung", "Nachnutzungsvereinbarung gültig"),
        Zertifikat = ("zertifikat", "Zertifikat gültig"),
        Fachverfahren = ("fachverfahren", "Fachverfahren mit passender Schnittstelle"),
        Hersteller = ("hersteller", "Hersteller beauftragt"),
    }
}

keyed_enum! {
    /// The outcome of one check.
    pub enum CheckState (field = "state", unknown = "Unbekanntes Prüfergebnis") {
        Ok = ("ok", "erfüllt"),
        Fehlt = ("fehlt", "fehlt"),
        NichtNoetig = ("nicht_noetig", "nicht nötig"),
    }
}

keyed_enum! {
    /// Whether a service is ready.
    pub enum ServiceVerdict (field = "verdict", unknown = "Unbekanntes Ergebnis") {
        Bereit = ("bereit", "bereit"),
        NichtBereit = ("nicht_bereit", "noch nicht bereit"),
        /// The municipality decided it is not Bedarfsträger: the service does not count.
        NichtBenoetigt = ("nicht_benoetigt", "nicht benötigt"),
    }
}

/// Who the texts address: the clerk in the app („Sie …“) or the reader of the report („die
/// Kommune …“).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    Sie,
    Kommune,
}

/// One check of a service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ServiceCheck {
    pub check: ServiceCheckKind,
    pub label: String,
    pub state: CheckState,
    pub state_label: String,
    /// What was found, as a sentence.
    pub detail: String,
    /// Fulfilled, but needs attention soon (an agreement or certificate expiring within
    /// [`DUE_SOON_DAYS`] days).
    pub attention: bool,
}

/// The readiness of one service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ServiceReadiness {
    pub package_id: String,
    pub service_id: String,
    pub name: String,
    pub verdict: ServiceVerdict,
    pub verdict_label: String,
    /// One sentence: „Bereit.“, „Noch nicht bereit, weil …“ or „Nicht benötigt: …“.
    pub summary: String,
    /// Every check, in [`ServiceCheckKind`] order; empty for a service not needed.
    pub checks: Vec<ServiceCheck>,
}

impl ServiceReadiness {
    /// Whether the service counts (the municipality has not declined it).
    pub fn is_needed(&self) -> bool {
        self.verdict != ServiceVerdict::NichtBenoetigt
    }

    /// The checks that are not fulfilled.
    pub fn failing(&self) -> impl Iterator<Item = &ServiceCheck> {
        self.checks.iter().filter(|c| c.state == CheckState::Fehlt)
    }
}

/// What is known about one service.
pub struct ServiceFacts<'a> {
    pub package_id: &'a str,
    pub service: &'a Service,
    pub decision: Decision,
    pub state: &'a ServiceState,
    /// What the package's list of Fachverfahren says about the service's interface, as the
    /// Land writes it (e.g. "FIT-Connect", "OSCI/XTA").
    pub package_interfaces: Vec<&'a str>,
    /// The municipality's Fachverfahren that serve this service.
    pub fachverfahren: Vec<&'a FachverfahrenInput>,
}

/// The readiness of every service of `packages`, in package and service order.
pub fn assess_all(
    packages: &[InstalledPackage],
    inventory: &[&FachverfahrenInput],
    today: NaiveDate,
    voice: Voice,
) -> Vec<ServiceReadiness> {
    let none = ServiceState::default();
    let mut out = Vec::new();
    for p in packages {
        let m = &p.manifest;
        for service in &m.services {
            let facts = ServiceFacts {
                package_id: &m.id,
                service,
                decision: p.decisions.get(&service.id).map(|d| d.decision).unwrap_or_default(),
                state: p.service_states.get(&service.id).unwrap_or(&none),
                package_interfaces: package_interfaces(m, &service.id),
                fachverfahren: inventory
                    .iter()
                    .copied()
                    .filter(|f| f.services.contains(&service.id))
                    .collect(),
            };
            out.push(assess(&facts, today, voice));
        }
    }
    out
}

/// The interfaces the package's Fachverfahren list names for a service.
fn package_interfaces<'a>(m: &'a Manifest, service_id: &str) -> Vec<&'a str> {
    m.fachverfahren
        .iter()
        .filter(|f| f.services.iter().any(|s| s == service_id))
        .map(|f| f.interface.as_str())
        .collect()
}

/// An interface as the Land writes it, e.g. "FIT-Connect", "OSCI-XTA", "XTA 2".
fn parse_interface(text: &str) -> Option<Interface> {
    let norm: String =
        text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    if norm.contains("fitconnect") {
        Some(Interface::FitConnect)
    } else if norm.contains("osci") || norm.contains("xta") {
        Some(Interface::OsciXta)
    } else {
        None
    }
}

fn german_date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn in_days(days: i64) -> String {
    match days {
        0 => "heute".to_owned(),
        1 => "morgen".to_owned(),
        d => format!("in {d} Tagen"),
    }
}

/// Joins clauses as German lists do: „a, b und c“.
fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} und {last}", init.join(", ")),
    }
}

/// A check with its sentence and, when it fails, the clause for „weil …“.
struct Outcome {
    check: ServiceCheck,
    because: Option<String>,
}

fn outcome(kind: ServiceCheckKind, state: CheckState, detail: String) -> Outcome {
    Outcome {
        check: ServiceCheck {
            check: kind,
            label: kind.label().to_owned(),
            state,
            state_label: state.label().to_owned(),
            detail,
            attention: false,
        },
        because: None,
    }
}

fn ok(kind: ServiceCheckKind, detail: impl Into<String>) -> Outcome {
    outcome(kind, CheckState::Ok, detail.into())
}

fn not_needed(kind: ServiceCheckKind, detail: impl Into<String>) -> Outcome {
    outcome(kind, CheckState::NichtNoetig, detail.into())
}

fn missing(kind: ServiceCheckKind, detail: impl Into<String>, because: String) -> Outcome {
    Outcome { because: Some(because), ..outcome(kind, CheckState::Fehlt, detail.into()) }
}

/// The readiness of one service on `today`.
pub fn assess(f: &ServiceFacts, today: NaiveDate, voice: Voice) -> ServiceReadiness {
    use ServiceCheckKind as K;
    let sie = voice == Voice::Sie;
    let base =
        |verdict: ServiceVerdict, summary: String, checks: Vec<ServiceCheck>| ServiceReadiness {
            package_id: f.package_id.to_owned(),
            service_id: f.service.id.clone(),
            name: f.service.name.clone(),
            verdict,
            verdict_label: verdict.label().to_owned(),
            summary,
            checks,
        };
    if f.decision == Decision::Nein {
        let why = if sie {
            "Nicht benötigt: Sie haben entschieden, dass Ihre Kommune nicht Bedarfsträger ist."
        } else {
            "Nicht benötigt: Die Kommune hat entschieden, dass sie nicht Bedarfsträger ist."
        };
        return base(ServiceVerdict::NichtBenoetigt, why.to_owned(), vec![]);
    }
    let s = f.state;
    let c = &s.connection;
    let route = c.transport_route;
    let transitional = route == Some(TransportRoute::Uebergang);
    let transitional_text = "Beim Transportweg „Übergangslösung“ nicht nötig.";

    let decision = match f.decision {
        Decision::Ja if sie => ok(K::Entscheidung, "Ihre Kommune ist Bedarfsträger."),
        Decision::Ja => ok(K::Entscheidung, "Die Kommune ist Bedarfsträger."),
        _ if sie => missing(
            K::Entscheidung,
            "Sie haben noch nicht entschieden, ob Ihre Kommune Bedarfsträger ist.",
            "Sie noch nicht entschieden haben, ob Ihre Kommune Bedarfsträger ist".to_owned(),
        ),
        _ => missing(
            K::Entscheidung,
            "Die Kommune hat noch nicht entschieden, ob sie Bedarfsträger ist.",
            "die Kommune noch nicht entschieden hat, ob sie Bedarfsträger ist".to_owned(),
        ),
    };

    let phase = match s.phase {
        Some(p) if p >= READY_PHASE => ok(K::Phase, format!("Phase „{}“ erreicht.", p.label())),
        Some(p) => missing(
            K::Phase,
            format!(
                "Die Anbindung ist erst in der Phase „{}“; bereit ab „{}“.",
                p.label(),
                READY_PHASE.label()
            ),
            format!("die Anbindung erst in der Phase „{}“ ist", p.label()),
        ),
        None => missing(
            K::Phase,
            "Die Anbindung hat noch nicht begonnen (keine Phase erfasst).",
            "die Anbindung noch nicht begonnen hat".to_owned(),
        ),
    };

    let mut absent: Vec<&str> = Vec::new();
    if route.is_none() {
        absent.push("Transportweg");
    }
    if c.ou_id.is_none() {
        absent.push("Organisationseinheit-ID");
    }
    if c.pvog_url.is_none() {
        absent.push("PVOG-Link");
    }
    match route {
        Some(TransportRoute::FitConnect) if c.fit_connect_destination.is_none() => {
            absent.push("FIT-Connect-Zustellpunkt-ID")
        }
        Some(TransportRoute::OsciXta) if c.dvdv_key.is_none() => absent.push("DVDV-Kennung"),
        _ => {}
    }
    let connection = if absent.is_empty() {
        ok(K::Anschlussdaten, "Alle nötigen Anschlussdaten sind erfasst.")
    } else {
        let names = absent.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        missing(
            K::Anschlussdaten,
            format!(
                "Es {}: {}.",
                if names.len() == 1 { "fehlt" } else { "fehlen" },
                and_list(&names)
            ),
            format!("Anschlussdaten fehlen ({})", absent.join(", ")),
        )
    };

    // An expiry date: recorded and not passed; within DUE_SOON_DAYS it is noted.
    let expiry = |kind: K, what: &str, date: Option<&str>, none: (&str, &str)| match date
        .and_then(|d| d.parse::<NaiveDate>().ok())
    {
        None => missing(kind, none.0, none.1.to_owned()),
        Some(d) if d < today => missing(
            kind,
            format!("{what} ist am {} abgelaufen.", german_date(d)),
            format!("{} am {} abgelaufen ist", what.to_lowercase_first(), german_date(d)),
        ),
        Some(d) => {
            let days = (d - today).num_days();
            if days <= DUE_SOON_DAYS {
                let mut o =
                    ok(kind, format!("Gültig bis {}, läuft {} ab.", german_date(d), in_days(days)));
                o.check.attention = true;
                o
            } else {
                ok(kind, format!("Gültig bis {}.", german_date(d)))
            }
        }
    };
    let agreement = expiry(
        K::Vereinbarung,
        "Die Nachnutzungsvereinbarung",
        s.agreement_expires.as_deref(),
        if sie {
            (
                "Sie haben keine Laufzeit der Vereinbarung erfasst; sie gilt als nicht \
                 unterzeichnet.",
                "Sie keine unterzeichnete Nachnutzungsvereinbarung erfasst haben",
            )
        } else {
            (
                "Die Kommune hat keine Laufzeit der Vereinbarung erfasst; sie gilt als nicht \
                 unterzeichnet.",
                "die Kommune keine unterzeichnete Nachnutzungsvereinbarung erfasst hat",
            )
        },
    );
    let certificate = if transitional {
        not_needed(K::Zertifikat, transitional_text)
    } else {
        expiry(
            K::Zertifikat,
            "Das Zertifikat",
            s.certificate_expires.as_deref(),
            if sie {
                (
                    "Sie haben kein Zertifikat (Ablaufdatum) erfasst.",
                    "Sie kein gültiges Zertifikat erfasst haben",
                )
            } else {
                (
                    "Die Kommune hat kein Zertifikat (Ablaufdatum) erfasst.",
                    "die Kommune kein gültiges Zertifikat erfasst hat",
                )
            },
        )
    };

    // The interface the service needs: the chosen transport route; without one, what the
    // package names for the service; failing that, FIT-Connect or OSCI/XTA.
    let needed: Vec<Interface> = match route {
        Some(TransportRoute::FitConnect) => vec![Interface::FitConnect],
        Some(TransportRoute::OsciXta) => vec![Interface::OsciXta],
        _ => {
            let mut from_package: Vec<Interface> =
                f.package_interfaces.iter().filter_map(|t| parse_interface(t)).collect();
            from_package.sort();
            from_package.dedup();
            if from_package.is_empty() {
                vec![Interface::FitConnect, Interface::OsciXta]
            } else {
                from_package
            }
        }
    };
    let needed_text = needed.iter().map(|i| i.label()).collect::<Vec<_>>().join(" oder ");
    let fitting: Vec<&FachverfahrenInput> =
        f.fachverfahren.iter().copied().filter(|fv| needed.contains(&fv.interface)).collect();
    let product = |fv: &FachverfahrenInput| format!("„{}“ ({})", fv.product, fv.interface.label());
    let fachverfahren = if transitional {
        not_needed(K::Fachverfahren, transitional_text)
    } else if let Some(first) = fitting.first() {
        ok(K::Fachverfahren, format!("{} ist zugeordnet.", product(first)))
    } else if f.fachverfahren.is_empty() {
        missing(
            K::Fachverfahren,
            format!(
                "Dem Onlinedienst ist kein Fachverfahren zugeordnet (nötig: Schnittstelle \
                 {needed_text})."
            ),
            "dem Onlinedienst kein Fachverfahren zugeordnet ist".to_owned(),
        )
    } else {
        let list = f.fachverfahren.iter().map(|fv| product(fv)).collect::<Vec<_>>();
        missing(
            K::Fachverfahren,
            format!("Zugeordnet: {}; nötig ist die Schnittstelle {needed_text}.", and_list(&list)),
            format!("kein zugeordnetes Fachverfahren die Schnittstelle {needed_text} hat"),
        )
    };

    // The vendor of the Fachverfahren that fit (else of any assigned one) is commissioned.
    let candidates = if fitting.is_empty() { f.fachverfahren.clone() } else { fitting };
    let vendor = if transitional {
        not_needed(K::Hersteller, transitional_text)
    } else if let Some(fv) = candidates.iter().find(|fv| fv.vendor_commissioned) {
        let since = fv
            .commissioned_on
            .as_deref()
            .and_then(|d| d.parse().ok())
            .map(|d| format!(" (seit {})", german_date(d)))
            .unwrap_or_default();
        ok(K::Hersteller, format!("{} ist beauftragt{since}.", fv.vendor))
    } else if let Some(fv) = candidates.first() {
        let (detail, because) = if sie {
            (
                format!("Sie haben den Hersteller {} noch nicht beauftragt.", fv.vendor),
                "Sie den Hersteller noch nicht beauftragt haben".to_owned(),
            )
        } else {
            (
                format!("Die Kommune hat den Hersteller {} noch nicht beauftragt.", fv.vendor),
                "die Kommune den Hersteller noch nicht beauftragt hat".to_owned(),
            )
        };
        missing(K::Hersteller, detail, because)
    } else {
        missing(
            K::Hersteller,
            "Ohne zugeordnetes Fachverfahren ist kein Hersteller beauftragt.",
            "kein Hersteller beauftragt ist".to_owned(),
        )
    };

    let outcomes = [decision, phase, connection, agreement, certificate, fachverfahren, vendor];
    let because: Vec<String> = outcomes.iter().filter_map(|o| o.because.clone()).collect();
    let notes: Vec<String> = outcomes
        .iter()
        .filter(|o| o.check.attention)
        .map(|o| format!("{}: {}", o.check.label, o.check.detail))
        .collect();
    let checks: Vec<ServiceCheck> = outcomes.into_iter().map(|o| o.check).collect();
    if because.is_empty() {
        let mut summary = "Bereit.".to_owned();
        if !notes.is_empty() {
            summary.push_str(&format!(" Bitte beachten – {}", notes.join(" ")));
        }
        base(ServiceVerdict::Bereit, summary, checks)
    } else {
        let summary = format!("Noch nicht bereit, weil {}.", and_list(&because));
        base(ServiceVerdict::NichtBereit, summary, checks)
    }
}

/// `"Die Vereinbarung"` → `"die Vereinbarung"`.
trait LowerFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowerFirst for str {
    fn to_lowercase_first(&self) -> String {
        let mut chars = self.chars();
        match chars.next() {
            Some(c) => c.to_lowercase().chain(chars).collect(),
            None => String::new(),
        }
    }
}

/// Counts for the overall verdict: needed services and those of them not ready.
pub fn counts(services: &[ServiceReadiness]) -> (u32, u32) {
    let needed = services.iter().filter(|s| s.is_needed()).count() as u32;
    let not_ready =
        services.iter().filter(|s| s.verdict == ServiceVerdict::NichtBereit).count() as u32;
    (needed, not_ready)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::Analysis;
    use crate::package::manifest::LandStep;
    use crate::service_state::ConnectionData;

    fn service() -> Service {
        Service {
            id: "praequalifizierung".into(),
            name: "Präqualifizierung von Unternehmen".into(),
            description: None,
            leika: vec![],
            ozg_id: None,
            vollzug: "Kommune".into(),
            fit_store_contract: LandStep::Abgeschlossen,
            reuse_model_status: LandStep::Abgeschlossen,
        }
    }

    /// A state with every check fulfilled on [`today`].
    fn ready_state() -> ServiceState {
        ServiceState {
            phase: Some(Phase::Freischaltung),
            connection: ConnectionData {
                ou_id: Some("9162000-OE-17".into()),
                pvog_url: Some("https://www.pvog.de/leistung/99123".into()),
                dvdv_key: None,
                fit_connect_destination: Some("3f2a9c1e-7b4d-4e2a-9f10-2c6d8e4b1a57".into()),
                transport_route: Some(TransportRoute::FitConnect),
            },
            agreement_expires: Some("2028-12-31".into()),
            certificate_expires: Some("2027-12-31".into()),
            ..Default::default()
        }
    }

    fn fachverfahren() -> FachverfahrenInput {
        FachverfahrenInput {
            product: "VergabeManager".into(),
            vendor: "Muster Software GmbH".into(),
            version: None,
            services: vec!["praequalifizierung".into()],
            interface: Interface::FitConnect,
            vendor_commissioned: true,
            commissioned_on: Some("2026-09-01".into()),
            analysis: Analysis::Abgeschlossen,
            note: None,
        }
    }

    fn today() -> NaiveDate {
        "2027-01-01".parse().unwrap()
    }

    /// One case: what differs from the ready service.
    struct Case {
        decision: Decision,
        state: ServiceState,
        fachverfahren: Vec<FachverfahrenInput>,
        package_interfaces: Vec<&'static str>,
    }

    fn ready() -> Case {
        Case {
            decision: Decision::Ja,
            state: ready_state(),
            fachverfahren: vec![fachverfahren()],
            package_interfaces: vec!["FIT-Connect"],
        }
    }

    fn run(case: &Case, voice: Voice) -> ServiceReadiness {
        let service = service();
        let facts = ServiceFacts {
            package_id: "ni-vergabe",
            service: &service,
            decision: case.decision,
            state: &case.state,
            package_interfaces: case.package_interfaces.clone(),
            fachverfahren: case.fachverfahren.iter().collect(),
        };
        assess(&facts, today(), voice)
    }

    fn states(r: &ServiceReadiness) -> Vec<(ServiceCheckKind, CheckState)> {
        r.checks.iter().map(|c| (c.check, c.state)).collect()
    }

    #[test]
    fn everything_fulfilled_is_ready() {
        let r = run(&ready(), Voice::Sie);
        assert_eq!(r.verdict, ServiceVerdict::Bereit);
        assert_eq!(r.summary, "Bereit.");
        assert_eq!(r.checks.len(), ServiceCheckKind::ALL.len());
        assert!(r.checks.iter().all(|c| c.state == CheckState::Ok), "{:?}", states(&r));
        assert_eq!(
            r.checks.iter().map(|c| c.check).collect::<Vec<_>>(),
            ServiceCheckKind::ALL,
            "checks in their fixed order"
        );
    }

    #[test]
    fn each_check_failing_alone_makes_the_service_not_ready() {
        use ServiceCheckKind as K;
        type Change = fn(&mut Case);
        let cases: Vec<(Change, K, &str, &str)> = vec![
            (
                |c| c.decision = Decision::Offen,
                K::Entscheidung,
                "Sie noch nicht entschieden haben, ob Ihre Kommune Bedarfsträger ist",
                "noch nicht entschieden",
            ),
            (
                |c| c.state.phase = None,
                K::Phase,
                "die Anbindung noch nicht begonnen hat",
                "keine Phase erfasst",
            ),
            (
                |c| c.state.phase = Some(Phase::Fragebogen),
                K::Phase,
                "die Anbindung erst in der Phase „Fragebogen“ ist",
                "bereit ab „Freischaltung“",
            ),
            (
                |c| c.state.connection.ou_id = None,
                K::Anschlussdaten,
                "Anschlussdaten fehlen (Organisationseinheit-ID)",
                "Es fehlt: Organisationseinheit-ID.",
            ),
            (
                |c| c.state.connection.fit_connect_destination = None,
                K::Anschlussdaten,
                "Anschlussdaten fehlen (FIT-Connect-Zustellpunkt-ID)",
                "FIT-Connect-Zustellpunkt-ID",
            ),
            (
                |c| c.state.agreement_expires = None,
                K::Vereinbarung,
                "Sie keine unterzeichnete Nachnutzungsvereinbarung erfasst haben",
                "gilt als nicht unterzeichnet",
            ),
            (
                |c| c.state.agreement_expires = Some("2026-12-31".into()),
                K::Vereinbarung,
                "die Nachnutzungsvereinbarung am 31.12.2026 abgelaufen ist",
                "am 31.12.2026 abgelaufen",
            ),
            (
                |c| c.state.certificate_expires = None,
                K::Zertifikat,
                "Sie kein gültiges Zertifikat erfasst haben",
                "kein Zertifikat",
            ),
            (
                |c| c.state.certificate_expires = Some("2026-12-01".into()),
                K::Zertifikat,
                "das Zertifikat am 01.12.2026 abgelaufen ist",
                "abgelaufen",
            ),
            (
                |c| c.fachverfahren[0].services = vec!["andere".into()],
                K::Fachverfahren,
                "dem Onlinedienst kein Fachverfahren zugeordnet ist",
                "Schnittstelle FIT-Connect",
            ),
            (
                |c| c.fachverfahren[0].interface = Interface::Keine,
                K::Fachverfahren,
                "kein zugeordnetes Fachverfahren die Schnittstelle FIT-Connect hat",
                "„VergabeManager“ (Keine)",
            ),
            (
                |c| {
                    c.fachverfahren[0].vendor_commissioned = false;
                    c.fachverfahren[0].commissioned_on = None;
                },
                K::Hersteller,
                "Sie den Hersteller noch nicht beauftragt haben",
                "Muster Software GmbH",
            ),
        ];
        for (change, kind, because, detail) in cases {
            let mut case = ready();
            change(&mut case);
            // The store only hands in the Fachverfahren that serve the service.
            case.fachverfahren.retain(|f| f.services.contains(&"praequalifizierung".to_owned()));
            let r = run(&case, Voice::Sie);
            assert_eq!(r.verdict, ServiceVerdict::NichtBereit, "{kind:?}");
            let failing: Vec<_> = r.failing().map(|c| c.check).collect();
            // Without a Fachverfahren there is no vendor to commission either.
            let expected =
                if case.fachverfahren.is_empty() { vec![kind, K::Hersteller] } else { vec![kind] };
            assert_eq!(failing, expected, "{kind:?}: {}", r.summary);
            assert!(
                r.summary.starts_with(&format!("Noch nicht bereit, weil {because}")),
                "{kind:?}: {}",
                r.summary
            );
            let check = r.checks.iter().find(|c| c.check == kind).unwrap();
            assert_eq!(check.state_label, "fehlt");
            assert!(check.detail.contains(detail), "{kind:?}: {}", check.detail);
        }
    }

    #[test]
    fn a_declined_service_is_not_needed_and_has_no_checks() {
        let mut case = ready();
        case.decision = Decision::Nein;
        case.state = ServiceState::default();
        let r = run(&case, Voice::Kommune);
        assert_eq!(r.verdict, ServiceVerdict::NichtBenoetigt);
        assert_eq!(r.verdict_label, "nicht benötigt");
        assert!(r.checks.is_empty());
        assert!(!r.is_needed());
        assert!(r.summary.contains("Die Kommune hat entschieden"), "{}", r.summary);
        assert_eq!(counts(&[r, run(&ready(), Voice::Sie)]), (1, 0));
    }

    #[test]
    fn several_reasons_are_listed_and_the_report_speaks_of_the_kommune() {
        let mut case = ready();
        case.decision = Decision::Offen;
        case.state.certificate_expires = Some("2026-06-30".into());
        case.state.connection = ConnectionData::default();
        let r = run(&case, Voice::Kommune);
        assert_eq!(
            r.summary,
            "Noch nicht bereit, weil die Kommune noch nicht entschieden hat, ob sie \
             Bedarfsträger ist, Anschlussdaten fehlen (Transportweg, Organisationseinheit-ID, \
             PVOG-Link) und das Zertifikat am 30.06.2026 abgelaufen ist."
        );
        assert!(!r.summary.contains("Sie "), "{}", r.summary);
        assert_eq!(counts(&[r]), (1, 1));
    }

    #[test]
    fn expiry_within_thirty_days_is_noted_but_ready() {
        let mut case = ready();
        case.state.certificate_expires = Some("2027-01-15".into());
        let r = run(&case, Voice::Sie);
        assert_eq!(r.verdict, ServiceVerdict::Bereit);
        let cert = &r.checks[4];
        assert_eq!(
            (cert.check, cert.state, cert.attention),
            (ServiceCheckKind::Zertifikat, CheckState::Ok, true)
        );
        assert_eq!(cert.detail, "Gültig bis 15.01.2027, läuft in 14 Tagen ab.");
        assert!(
            r.summary
                .starts_with("Bereit. Bitte beachten – Zertifikat gültig: Gültig bis 15.01.2027"),
            "{}",
            r.summary
        );
        // On the expiry day itself it is still valid; the day after it is not.
        case.state.certificate_expires = Some("2027-01-01".into());
        assert_eq!(run(&case, Voice::Sie).verdict, ServiceVerdict::Bereit);
        case.state.certificate_expires = Some("2026-12-31".into());
        assert_eq!(run(&case, Voice::Sie).verdict, ServiceVerdict::NichtBereit);
    }

    #[test]
    fn the_route_decides_which_address_and_interface_are_needed() {
        use ServiceCheckKind as K;
        // OSCI/XTA needs the DVDV key and an OSCI/XTA Fachverfahren; the vendor of the
        // FIT-Connect one is commissioned (e.g. to add the interface), so that check holds.
        let mut case = ready();
        case.state.connection.transport_route = Some(TransportRoute::OsciXta);
        let r = run(&case, Voice::Sie);
        let failing: Vec<_> = r.failing().map(|c| c.check).collect();
        assert_eq!(failing, [K::Anschlussdaten, K::Fachverfahren]);
        assert!(r.checks[2].detail.contains("DVDV-Kennung"));
        case.state.connection.dvdv_key = Some("ags:09162000".into());
        case.fachverfahren[0].interface = Interface::OsciXta;
        assert_eq!(run(&case, Voice::Sie).verdict, ServiceVerdict::Bereit);

        // The transitional solution needs no certificate, interface or vendor.
        let mut case = ready();
        case.state.connection.transport_route = Some(TransportRoute::Uebergang);
        case.state.certificate_expires = None;
        case.fachverfahren.clear();
        let r = run(&case, Voice::Sie);
        assert_eq!(r.verdict, ServiceVerdict::Bereit, "{}", r.summary);
        let not_needed: Vec<_> = r
            .checks
            .iter()
            .filter(|c| c.state == CheckState::NichtNoetig)
            .map(|c| c.check)
            .collect();
        assert_eq!(not_needed, [K::Zertifikat, K::Fachverfahren, K::Hersteller]);
        assert_eq!(r.checks[4].state_label, "nicht nötig");

        // Without a route, the package's interface for the service counts.
        let mut case = ready();
        case.state.connection.transport_route = None;
        case.package_interfaces = vec!["OSCI/XTA"];
        let r = run(&case, Voice::Sie);
        let fv = &r.checks[5];
        assert_eq!(fv.state, CheckState::Fehlt);
        assert!(fv.detail.contains("nötig ist die Schnittstelle OSCI/XTA"), "{}", fv.detail);
        case.package_interfaces = vec![];
        assert_eq!(run(&case, Voice::Sie).checks[5].state, CheckState::Ok, "any real interface");
    }

    #[test]
    fn interfaces_are_read_as_the_land_writes_them() {
        assert_eq!(parse_interface("FIT-Connect"), Some(Interface::FitConnect));
        assert_eq!(parse_interface("fit connect"), Some(Interface::FitConnect));
        assert_eq!(parse_interface("OSCI/XTA"), Some(Interface::OsciXta));
        assert_eq!(parse_interface("XTA 2"), Some(Interface::OsciXta));
        assert_eq!(parse_interface("E-Mail"), None);
    }
}
