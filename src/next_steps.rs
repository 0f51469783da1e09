//! The next steps on the municipality's dashboard: a short list of what to do now, worked out
//! from what the store holds (a package imported, tasks without a responsible person, overdue
//! dates, services without the Bedarfsträger decision, the last Sachstandsbericht). Pure: the
//! caller passes in the facts; the order and the wording live here and nowhere else.

use chrono::NaiveDate;
use serde::Serialize;

use crate::catalogue::Actor;
use crate::checklist::Checklist;
use crate::exports::ReportExport;
use crate::progress::Status;
use crate::readiness::StatusReport;
use crate::service_readiness::{CheckState, ServiceCheckKind};

/// At most this many steps are shown; the rest wait until these are done.
pub const MAX_STEPS: usize = 4;

/// What a step asks for; the UI opens the matching view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum NextStepKind {
    /// No package of the Land imported yet: "Informationen des Landes".
    Paket,
    /// Dates past due: the list „Überfällig“ on the dashboard.
    Ueberfaellig,
    /// Own open tasks without a responsible person: the checklist, only those tasks.
    Verantwortliche,
    /// Services without the decision whether the municipality is Bedarfsträger.
    Entscheidung,
    /// No Sachstandsbericht exported yet, or the tasks changed since the last one.
    Bericht,
}

/// One step: what it is and the sentence the clerk reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct NextStep {
    pub kind: NextStepKind,
    pub text: String,
}

/// The last exported Sachstandsbericht, as far as the next steps care.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastReport {
    pub date: NaiveDate,
    /// A task changed after the export.
    pub outdated: bool,
}

/// What the next steps are made from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub packages: usize,
    pub overdue: usize,
    /// Own tasks still to do (not done, not „Nicht zutreffend“) without a responsible person.
    pub without_owner: usize,
    pub undecided_services: usize,
    pub last_report: Option<LastReport>,
}

impl Facts {
    /// The facts from the store's answers: the status today, the checklist, the number of
    /// packages and the report exports (newest first).
    pub fn gather(
        status: &StatusReport,
        checklist: &Checklist,
        packages: usize,
        exports: &[ReportExport],
    ) -> Facts {
        let own = |actor: Actor| actor == checklist.owner;
        let without_owner = checklist
            .entries
            .iter()
            .filter(|e| own(e.item.actor))
            .filter(|e| !matches!(e.progress.status, Status::Erledigt | Status::NichtZutreffend))
            .filter(|e| e.progress.owner.as_deref().is_none_or(|o| o.trim().is_empty()))
            .count();
        let undecided_services = status
            .services
            .iter()
            .filter(|s| {
                s.checks.iter().any(|c| {
                    c.check == ServiceCheckKind::Entscheidung && c.state == CheckState::Fehlt
                })
            })
            .count();
        let last_report = exports.first().map(|export| {
            // Both are RFC 3339 in UTC, written the same way: the text order is the time order.
            let changed =
                checklist.entries.iter().filter_map(|e| e.progress.updated_at.as_deref()).max();
            LastReport {
                date: export.report_date.parse().unwrap_or(status.date),
                outdated: changed.is_some_and(|c| c > export.at.as_str()),
            }
        });
        Facts {
            packages,
            overdue: status.overdue.len(),
            without_owner,
            undecided_services,
            last_report,
        }
    }
}

/// The next steps, most pressing first, at most [`MAX_STEPS`]; empty when nothing is left.
pub fn next_steps(f: &Facts) -> Vec<NextStep> {
    let mut steps = Vec::new();
    let mut step = |kind, text: String| steps.push(NextStep { kind, text });
    if f.packages == 0 {
        step(NextStepKind::Paket, "Informationspaket des Landes einlesen".to_owned());
    }
    if f.overdue > 0 {
        step(
            NextStepKind::Ueberfaellig,
            if f.overdue == 1 {
                "1 Termin ist überfällig".to_owned()
            } else {
                format!("{} Termine sind überfällig", f.overdue)
            },
        );
    }
    if f.without_owner > 0 {
        step(
            NextStepKind::Verantwortliche,
            if f.without_owner == 1 {
                "1 Aufgabe ohne Verantwortliche".to_owned()
            } else {
                format!("{} Aufgaben ohne Verantwortliche", f.without_owner)
            },
        );
    }
    if f.undecided_services > 0 {
        step(
            NextStepKind::Entscheidung,
            if f.undecided_services == 1 {
                "Bedarfsträger-Entscheidung für 1 Onlinedienst offen".to_owned()
            } else {
                format!(
                    "Bedarfsträger-Entscheidung für {} Onlinedienste offen",
                    f.undecided_services
                )
            },
        );
    }
    match &f.last_report {
        None => step(NextStepKind::Bericht, "Sachstandsbericht erstellen".to_owned()),
        Some(r) if r.outdated => step(
            NextStepKind::Bericht,
            format!(
                "Sachstandsbericht erneuern: Der letzte vom {} ist nicht mehr aktuell",
                r.date.format("%d.%m.%Y")
            ),
        ),
        Some(_) => {}
    }
    steps.truncate(MAX_STEPS);
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(f: &Facts) -> Vec<NextStepKind> {
        next_steps(f).into_iter().map(|s| s.kind).collect()
    }

    fn current_report() -> Option<LastReport> {
        Some(LastReport { date: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(), outdated: false })
    }

    #[test]
    fn a_fresh_profile_is_asked_for_the_package_the_owners_and_the_report() {
        let f = Facts { without_owner: 20, ..Facts::default() };
        let steps = next_steps(&f);
        assert_eq!(
            steps.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(),
            [
                "Informationspaket des Landes einlesen",
                "20 Aufgaben ohne Verantwortliche",
                "Sachstandsbericht erstellen",
            ]
        );
    }

    #[test]
    fn nothing_left_is_an_empty_list() {
        let f = Facts { packages: 1, last_report: current_report(), ..Facts::default() };
        assert!(next_steps(&f).is_empty());
    }

    #[test]
    fn the_most_pressing_come_first_and_four_at_most() {
        let f = Facts {
            packages: 0,
            overdue: 2,
            without_owner: 3,
            undecided_services: 5,
            last_report: None,
        };
        assert_eq!(
            kinds(&f),
            [
                NextStepKind::Paket,
                NextStepKind::Ueberfaellig,
                NextStepKind::Verantwortliche,
                NextStepKind::Entscheidung,
            ]
        );
        let f = Facts { packages: 1, ..f };
        assert_eq!(kinds(&f).last(), Some(&NextStepKind::Bericht));
    }

    #[test]
    fn counts_are_spelled_in_singular_and_plural() {
        let one = Facts {
            packages: 1,
            overdue: 1,
            without_owner: 1,
            undecided_services: 1,
            last_report: current_report(),
        };
        let texts: Vec<_> = next_steps(&one).into_iter().map(|s| s.text).collect();
        assert_eq!(
            texts,
            [
                "1 Termin ist überfällig",
                "1 Aufgabe ohne Verantwortliche",
                "Bedarfsträger-Entscheidung für 1 Onlinedienst offen",
            ]
        );
        let two = Facts { overdue: 2, undecided_services: 2, ..one };
        let texts: Vec<_> = next_steps(&two).into_iter().map(|s| s.text).collect();
        assert_eq!(texts[0], "2 Termine sind überfällig");
        assert_eq!(texts[2], "Bedarfsträger-Entscheidung für 2 Onlinedienste offen");
    }

    #[test]
    fn a_report_older_than_the_last_change_asks_for_a_new_one() {
        let f = Facts {
            packages: 1,
            last_report: Some(LastReport {
                date: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
                outdated: true,
            }),
            ..Facts::default()
        };
        let steps = next_steps(&f);
        assert_eq!(steps.len(), 1);
        assert_eq!(steps[0].kind, NextStepKind::Bericht);
        assert_eq!(
            steps[0].text,
            "Sachstandsbericht erneuern: Der letzte vom 01.10.2026 ist nicht mehr aktuell"
        );
    }
}
