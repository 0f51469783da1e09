//! What the report page shows before export: the key figures of the report and warnings about
//! gaps a coordinator would notice ("3 Aufgaben ohne Verantwortliche").

use serde::Serialize;

use crate::catalogue::Actor;
use crate::report::ReportData;

/// A short summary of the report that is about to be exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The preview of a report.
pub fn preview(data: &ReportData) -> ReportPreview {
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
    if !data.overdue.is_empty() {
        warnings.push(format!(
            "{}.",
            count(data.overdue.len(), "Aufgabe ist überfällig", "Aufgaben sind überfällig")
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
    let undecided =
        data.services.iter().filter(|s| s.decision == crate::store::Decision::Offen).count();
    if undecided > 0 {
        warnings.push(format!(
            "Für {} ist noch nicht entschieden, ob Ihre Kommune Bedarfsträger ist.",
            count(undecided, "Onlinedienst", "Onlinedienste")
        ));
    }
    if data.municipality.population.is_none() && !data.packages.is_empty() {
        warnings.push(
            "Die Einwohnerzahl fehlt im Profil: Die Kosten können nicht berechnet werden."
                .to_owned(),
        );
    }
    if data.municipality.coordinator_name.is_none() {
        warnings.push("Im Profil ist keine OZG-Koordination der Kommune eingetragen.".to_owned());
    }
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
        warnings,
    }
}
