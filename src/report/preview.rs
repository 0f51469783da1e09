//! What the report page shows before export: the key figures of the report and warnings about
//! gaps a coordinator would notice ("3 Aufgaben ohne Verantwortliche"). The report prints the
//! same warnings ([`warnings`]) under „Hinweise vor dem Versand“.

use serde::Serialize;

use crate::catalogue::Actor;
use crate::installed::Decision;
use crate::report::{format, glyphs, ReportData, ReportError};

/// A short summary of the report that is about to be exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReportPreview {
    pub report_id: String,
    /// `YYYY-MM-DD`.
    pub report_date: String,
    pub municipality: String,
    pub ags: String,
    pub land: String,
    /// Overall readiness in percent (`None` when nothing counts).
    pub percent: Option<u8>,
    pub done: u32,
    pub applicable: u32,
    /// Per dimension: label and percent.
    pub dimensions: Vec<(String, Option<u8>)>,
    pub open_items: u32,
    pub blockers: u32,
    pub overdue: u32,
    /// "Title, Version N" of each package the report is based on.
    pub packages: Vec<String>,
    pub services: u32,
    /// Gaps worth fixing before the report goes out.
    pub warnings: Vec<String>,
}

/// „A“, „B“ und „C“.
fn quoted_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("„{n}“")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} und {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The gaps worth fixing before the report goes out, in German: what the app shows under „Vor
/// dem Export prüfen“ and the report under „Hinweise vor dem Versand“.
pub fn warnings(data: &ReportData) -> Vec<String> {
    let items: Vec<_> = data.checklist.iter().flat_map(|s| &s.items).collect();
    let mut warnings = Vec::new();
    let ownerless = items
        .iter()
        .filter(|i| i.actor == Actor::Kommune && i.status.is_open() && i.owner.is_none())
        .count();
    if ownerless > 0 {
        warnings.push(format!(
            "{} ohne Verantwortliche.",
            count(ownerless, "offene Aufgabe der Kommune", "offene Aufgaben der Kommune")
        ));
    }
    let overdue_tasks = data.overdue.iter().filter(|d| d.kind == "aufgabe").count();
    if overdue_tasks > 0 {
        warnings.push(format!(
            "{}.",
            count(overdue_tasks, "Aufgabe ist überfällig", "Aufgaben sind überfällig")
        ));
    }
    let passed_phases = data.overdue.iter().filter(|d| d.kind == "phase").count();
    if passed_phases > 0 {
        warnings.push(format!(
            "{} – bitte Phase oder Termin aktualisieren.",
            count(
                passed_phases,
                "geplanter Termin einer Phase ist verstrichen",
                "geplante Termine von Phasen sind verstrichen"
            )
        ));
    }
    let review = items.iter().filter(|i| i.review.is_some()).count();
    if review > 0 {
        warnings.push(format!(
            "{} nach einer Paketaktualisierung als „Bitte prüfen“ markiert.",
            count(review, "Aufgabe ist", "Aufgaben sind")
        ));
    }
    if data.packages.is_empty() {
        warnings.push(
            "Es ist kein Informationspaket des Landes eingelesen: Der Bericht enthält keine \
             Onlinedienste und Kosten."
                .to_owned(),
        );
    }
    let undecided = data.services.iter().filter(|s| s.decision == Decision::Offen).count();
    if undecided > 0 {
        warnings.push(format!(
            "Für {} ist noch nicht entschieden, ob Ihre Kommune Bedarfsträger ist.",
            count(undecided, "Onlinedienst", "Onlinedienste")
        ));
    }
    let without_phase: Vec<&str> = data
        .services
        .iter()
        .filter(|s| s.decision == Decision::Ja && s.phase.is_none())
        .map(|s| s.name.as_str())
        .collect();
    match without_phase.len() {
        0 => {}
        1..=3 => warnings.push(format!(
            "Für {} (Bedarfsträger: ja) ist noch keine Phase der Anbindung erfasst.",
            quoted_list(&without_phase)
        )),
        n => warnings.push(format!(
            "Für {n} Onlinedienste, für die Ihre Kommune Bedarfsträger ist, ist noch keine \
             Phase der Anbindung erfasst."
        )),
    }
    for s in data.services.iter().filter(|s| s.decision != Decision::Nein) {
        let expired = [
            ("Die Nachnutzungsvereinbarung", s.agreement_expires),
            ("Das Zertifikat", s.certificate_expires),
        ];
        for (what, date) in expired {
            if let Some(date) = date.filter(|d| *d < data.report_date) {
                warnings.push(format!(
                    "{what} für „{}“ ist am {} abgelaufen.",
                    s.name,
                    format::date(date)
                ));
            }
        }
    }
    if data.municipality.population.is_none() && !data.packages.is_empty() {
        warnings.push(
            "Die Einwohnerzahl fehlt im Profil: Die Kosten können nicht berechnet werden."
                .to_owned(),
        );
    }
    if data.municipality.coordinator_name.is_none() {
        warnings.push(
            "Im Profil ist keine Ansprechperson für die OZG-Umsetzung eingetragen.".to_owned(),
        );
    }
    // Characters the report's font lacks in text the clerk can change: the export would fail.
    for problem in glyphs::problems(data) {
        if let ReportError::MissingGlyph { ch, codepoint, context } = problem {
            warnings.push(format!(
                "Das Zeichen „{ch}“ ({codepoint}) kann im Bericht nicht dargestellt werden; es \
                 steht {context}. Bitte ersetzen Sie es, sonst lässt sich der Bericht nicht \
                 erstellen."
            ));
        }
    }
    warnings
}

/// The preview of a report.
pub fn preview(data: &ReportData) -> ReportPreview {
    ReportPreview {
        report_id: data.report_id.clone(),
        report_date: data.report_date.to_string(),
        municipality: data.municipality.name.clone(),
        ags: data.municipality.ags.clone(),
        land: data.municipality.land.clone(),
        percent: data.readiness.overall.percent,
        done: data.readiness.overall.done,
        applicable: data.readiness.overall.applicable,
        dimensions: data
            .readiness
            .dimensions
            .iter()
            .map(|d| (d.label.clone(), d.score.percent))
            .collect(),
        open_items: data.open_items,
        blockers: data.blocker_count,
        overdue: data.overdue.len() as u32,
        packages: data
            .packages
            .iter()
            .map(|p| format!("{}, Version {}", p.title, p.version))
            .collect(),
        services: data.services.len() as u32,
        warnings: warnings(data),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_gaps_are_warned_about() {
        let mut d = crate::report::layout::tests::workflow_sample();
        d.services[1].decision = Decision::Ja;
        d.roles[0].name = "Frau ☺".into();
        let warnings = preview(&d).warnings;
        let has = |needle: &str| warnings.iter().any(|w| w.contains(needle));
        assert!(
            has("Für „Bekanntmachung von Vergabeverfahren“ (Bedarfsträger: ja) ist noch keine \
                 Phase"),
            "{warnings:#?}"
        );
        assert!(
            has("Die Nachnutzungsvereinbarung für „Präqualifizierung von Unternehmen“ ist am \
                 01.11.2026 abgelaufen."),
            "{warnings:#?}"
        );
        assert!(!has("Das Zertifikat"), "not expired yet: {warnings:#?}");
        assert!(has("Das Zeichen „☺“ (U+263A)"), "{warnings:#?}");
        assert!(has("bei der Ansprechperson für „Technik“"), "{warnings:#?}");

        // A planned phase date that passed.
        let mut passed = d.clone();
        passed.overdue = vec![crate::report::data::DueItem {
            kind: "phase".into(),
            kind_label: "Phasentermin".into(),
            item_id: None,
            context: Some("Phase „Freischaltung“".into()),
            title: "Präqualifizierung von Unternehmen".into(),
            due: "2026-11-01".parse().unwrap(),
            days: -27,
            status: None,
            status_label: None,
            owner: None,
        }];
        let warnings = preview(&passed).warnings;
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with("1 geplanter Termin einer Phase ist verstrichen")),
            "{warnings:#?}"
        );
        assert!(!warnings.iter().any(|w| w.contains("Aufgabe ist überfällig")), "{warnings:#?}");

        // A declined service's expired agreement does not matter.
        d.services[0].decision = Decision::Nein;
        assert!(!preview(&d).warnings.iter().any(|w| w.contains("abgelaufen")));
    }

    #[test]
    fn names_are_listed_in_german() {
        assert_eq!(quoted_list(&["A"]), "„A“");
        assert_eq!(quoted_list(&["A", "B", "C"]), "„A“, „B“ und „C“");
    }
}
