//! Readiness of the municipality: overall and per EfA dimension, plus what blocks and what is due.
//!
//! The formula (docs/readiness.md): of the items the checklist's owner acts on itself (actor
//! `kommune` in a municipality's checklist, `land` in the Land's own), those marked
//! `nicht_zutreffend` are left out; readiness is the share of the rest that is `erledigt`,
//! rounded down to a whole percent. With nothing left to count it is `None`. The other side's
//! items are shown and can block, but do not count towards readiness.

use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

use crate::catalogue::{Actor, Catalogue, Dimension, Item};
use crate::profile::Profile;
use crate::progress::{BlockingParty, ItemProgress, Status};
use crate::service_readiness::ServiceReadiness;

/// Identifies the shape of [`StatusReport`] as JSON; bumped only on incompatible changes.
pub const STATUS_SCHEMA: &str = "anbindungscheck.status/2";

pub use crate::progress::DUE_SOON_DAYS;

crate::keyed::keyed_enum! {
    /// What a date belongs to.
    pub enum DeadlineKind (field = "kind", unknown = "Unbekannte Terminart") {
        /// The due date of a checklist item (the municipality's, or else the Land's deadline).
        Aufgabe = ("aufgabe", "Aufgabe"),
        /// Registration deadline of an event not yet marked attended.
        Anmeldeschluss = ("anmeldeschluss", "Anmeldeschluss"),
        /// A planned date or cut-off of a phase not reached yet.
        Phase = ("phase", "Phasentermin"),
        Vereinbarung = ("vereinbarung", "Vereinbarung läuft ab"),
        Zertifikat = ("zertifikat", "Zertifikat läuft ab"),
    }
}

/// A share of done items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Score {
    /// Whole percent, rounded down; `None` when no item counts.
    pub percent: Option<u8>,
    pub done: u32,
    pub applicable: u32,
}

impl Score {
    fn of<'a>(owner: Actor, items: impl Iterator<Item = (&'a Item, Status)>) -> Score {
        let (mut done, mut applicable) = (0u32, 0u32);
        for (item, status) in items {
            if item.actor != owner || status == Status::NichtZutreffend {
                continue;
            }
            applicable += 1;
            done += u32::from(status == Status::Erledigt);
        }
        let percent = (applicable > 0).then(|| {
            u8::try_from(u64::from(done) * 100 / u64::from(applicable)).expect("at most 100")
        });
        Score { percent, done, applicable }
    }
}

/// The score of one EfA dimension.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DimensionScore {
    pub dimension: Dimension,
    pub label: String,
    pub score: Score,
}

/// Number of items per status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct StatusCounts {
    pub offen: u32,
    pub in_arbeit: u32,
    pub erledigt: u32,
    pub nicht_zutreffend: u32,
    pub extern_blockiert: u32,
}

/// An item blocked by someone outside the municipality.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Blocker {
    pub item_id: String,
    pub title: String,
    pub party: BlockingParty,
    pub party_label: String,
    pub text: Option<String>,
}

/// A date that needs attention: an open item's due date, a registration deadline, a planned
/// phase, or the expiry of an agreement or a certificate.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub kind_label: String,
    /// The checklist item (kind `aufgabe`).
    pub item_id: Option<String>,
    /// What the date belongs to, for other kinds: the service or the package.
    pub context: Option<String>,
    pub title: String,
    #[cfg_attr(test, ts(type = "string"))]
    pub due: NaiveDate,
    /// Days from the report date to the due date; negative when overdue.
    pub days: i64,
    /// The item's status (kind `aufgabe`).
    pub status: Option<Status>,
    pub owner: Option<String>,
}

impl Deadline {
    /// A date that is not a checklist item's.
    pub fn other(
        kind: DeadlineKind,
        context: Option<String>,
        title: String,
        due: NaiveDate,
        today: NaiveDate,
    ) -> Deadline {
        Deadline {
            kind,
            kind_label: kind.label().to_owned(),
            item_id: None,
            context,
            title,
            due,
            days: (due - today).num_days(),
            status: None,
            owner: None,
        }
    }
}

/// Everything the dashboard and `anbindungscheck status` show.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct StatusReport {
    pub schema: String,
    #[cfg_attr(test, ts(type = "string"))]
    pub date: NaiveDate,
    pub profile: Option<Profile>,
    /// Whose checklist it is: `counts` and `overall` count this actor's items.
    pub owner: Actor,
    pub overall: Score,
    pub dimensions: Vec<DimensionScore>,
    /// The checklist owner's own items per status: the headline (docs/readiness.md,
    /// „Zählung“).
    pub counts: StatusCounts,
    /// The other side's items per status, counted apart: the Land's tasks in a municipality's
    /// checklist, which it follows but does not do.
    pub others: StatusCounts,
    pub blockers: Vec<Blocker>,
    /// Open items past their due date, oldest first.
    pub overdue: Vec<Deadline>,
    /// Open items due from today up to [`DUE_SOON_DAYS`] days ahead, soonest first.
    pub due_soon: Vec<Deadline>,
    /// The readiness of every service of the imported packages (docs/readiness.md).
    pub services: Vec<ServiceReadiness>,
    /// Ready or not, and why: the checklist and the services together.
    pub verdict: Verdict,
}

/// The overall verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Verdict {
    /// Every counted item done and every needed service ready.
    pub ready: bool,
    /// One or two sentences, e.g. „Noch nicht bereit: 3 von 20 Aufgaben der Kommune nicht erledigt, 2 von 3
    /// Onlinediensten noch nicht bereit.“
    pub text: String,
}

/// What the overall verdict is made from.
pub struct VerdictFacts<'a> {
    /// Whose checklist: its items count, the other side's only block.
    pub owner: Actor,
    pub applicable: u32,
    /// Counted items not done.
    pub open: u32,
    /// Externally blocked items (both sides) and their parties, in order of first mention.
    pub blocker_count: usize,
    pub blocker_parties: Vec<&'a str>,
    /// Overdue dates: of items, and of other kinds (agreements, certificates, phases …).
    pub overdue_tasks: usize,
    pub overdue_other: usize,
    /// Services the municipality has not declined, and those of them not ready.
    pub services_needed: u32,
    pub services_not_ready: u32,
}

/// The overall verdict (docs/readiness.md, „Gesamturteil“): ready only when every counted item
/// is done and every needed service is ready.
pub fn verdict(f: &VerdictFacts) -> Verdict {
    let (whose, other) = match f.owner {
        Actor::Kommune => ("der Kommune", "des Landes"),
        Actor::Land => ("des Landes", "der Kommunen"),
    };
    let services = match (f.services_needed, f.services_not_ready) {
        (0, _) => None,
        (1, 1) => Some("1 von 1 Onlinedienst noch nicht bereit".to_owned()),
        (n, k) => Some(format!("{k} von {n} Onlinediensten noch nicht bereit")),
    };
    let services_missing = f.services_not_ready > 0;
    if f.applicable == 0 {
        let mut text = format!(
            "Keine Aufgaben {whose} zu bewerten: Alle Aufgaben sind als nicht zutreffend markiert."
        );
        if let (true, Some(s)) = (services_missing, &services) {
            text.push_str(&format!(" {s}."));
        }
        return Verdict { ready: false, text };
    }
    let aufgaben = |n: u32| if n == 1 { "Aufgabe" } else { "Aufgaben" };
    let parties = f.blocker_parties.join(", ");
    if f.open == 0 && !services_missing {
        let mut text = format!("Bereit: Alle {} Aufgaben {whose} sind erledigt", f.applicable);
        match f.services_needed {
            0 => text.push('.'),
            1 => text.push_str(" und der benötigte Onlinedienst ist bereit."),
            n => text.push_str(&format!(" und alle {n} benötigten Onlinedienste sind bereit.")),
        }
        if f.blocker_count > 0 {
            text.push_str(&format!(" Aufgaben {other} sind noch extern blockiert ({parties})."));
        }
        return Verdict { ready: true, text };
    }
    let mut parts = Vec::new();
    if f.open > 0 {
        let n = f.applicable;
        parts.push(format!("{} von {n} {} {whose} nicht erledigt", f.open, aufgaben(n)));
        if f.blocker_count > 0 {
            parts.push(format!("{} extern blockiert ({parties})", f.blocker_count));
        }
        if f.overdue_tasks > 0 {
            parts.push(format!("{} überfällig", f.overdue_tasks));
        }
    }
    match f.overdue_other {
        0 => {}
        1 => parts.push("1 weiterer Termin verstrichen".to_owned()),
        n => parts.push(format!("{n} weitere Termine verstrichen")),
    }
    if let (true, Some(s)) = (services_missing, services) {
        parts.push(s);
    }
    let mut text = format!("Noch nicht bereit: {}.", parts.join(", "));
    if f.open == 0 {
        text.push_str(&format!(" Alle {} Aufgaben {whose} sind erledigt.", f.applicable));
    }
    Verdict { ready: false, text }
}

/// Computes the status report for `today`; `other` are dates beyond the checklist items
/// (see [`Deadline::other`]), sorted in with the items' due dates; `services` the readiness of
/// the services (see [`crate::service_readiness`]).
pub fn status_report(
    catalogue: &Catalogue,
    progress: &HashMap<String, ItemProgress>,
    profile: Option<Profile>,
    today: NaiveDate,
    other: Vec<Deadline>,
    services: Vec<ServiceReadiness>,
) -> StatusReport {
    let none = ItemProgress::default();
    let entries: Vec<(&Item, &ItemProgress)> = catalogue
        .items
        .iter()
        .map(|item| (item, progress.get(&item.id).unwrap_or(&none)))
        .collect();

    let owner = catalogue.owner;
    let overall = Score::of(owner, entries.iter().map(|(i, p)| (*i, p.status)));
    let dimensions = Dimension::ALL
        .into_iter()
        .map(|dimension| DimensionScore {
            dimension,
            label: dimension.label().to_owned(),
            score: Score::of(
                owner,
                entries
                    .iter()
                    .filter(|(i, _)| i.dimension == dimension)
                    .map(|(i, p)| (*i, p.status)),
            ),
        })
        .collect();

    let (mut counts, mut others) = (StatusCounts::default(), StatusCounts::default());
    let mut blockers = Vec::new();
    let (mut overdue, mut due_soon) = (Vec::new(), Vec::new());
    for (item, p) in &entries {
        let counts = if item.actor == catalogue.owner { &mut counts } else { &mut others };
        *match p.status {
            Status::Offen => &mut counts.offen,
            Status::InArbeit => &mut counts.in_arbeit,
            Status::Erledigt => &mut counts.erledigt,
            Status::NichtZutreffend => &mut counts.nicht_zutreffend,
            Status::ExternBlockiert => &mut counts.extern_blockiert,
        } += 1;
        if let (Status::ExternBlockiert, Some(party)) = (p.status, p.blocked_by) {
            blockers.push(Blocker {
                item_id: item.id.clone(),
                title: item.title.clone(),
                party,
                party_label: party.label().to_owned(),
                text: p.blocked_text.clone(),
            });
        }
        let land_deadline = || item.deadline.as_deref().and_then(|d| d.parse().ok());
        if let (true, Some(due)) = (p.status.is_open(), p.due.or_else(land_deadline)) {
            let days = (due - today).num_days();
            let deadline = Deadline {
                kind: DeadlineKind::Aufgabe,
                kind_label: DeadlineKind::Aufgabe.label().to_owned(),
                item_id: Some(item.id.clone()),
                context: None,
                title: item.title.clone(),
                due,
                days,
                status: Some(p.status),
                owner: p.owner.clone(),
            };
            if days < 0 {
                overdue.push(deadline);
            } else if days <= DUE_SOON_DAYS {
                due_soon.push(deadline);
            }
        }
    }
    for deadline in other {
        if deadline.days < 0 {
            overdue.push(deadline);
        } else if deadline.days <= DUE_SOON_DAYS {
            due_soon.push(deadline);
        }
    }
    let order = |d: &Deadline| (d.due, d.kind, d.item_id.clone(), d.title.clone());
    overdue.sort_by_key(order);
    due_soon.sort_by_key(order);

    let mut blocker_parties: Vec<&str> = Vec::new();
    for b in &blockers {
        if !blocker_parties.contains(&b.party_label.as_str()) {
            blocker_parties.push(&b.party_label);
        }
    }
    let overdue_tasks = overdue.iter().filter(|d| d.kind == DeadlineKind::Aufgabe).count();
    let (services_needed, services_not_ready) = crate::service_readiness::counts(&services);
    let verdict = verdict(&VerdictFacts {
        owner,
        applicable: overall.applicable,
        open: overall.applicable - overall.done,
        blocker_count: blockers.len(),
        blocker_parties,
        overdue_tasks,
        overdue_other: overdue.len() - overdue_tasks,
        services_needed,
        services_not_ready,
    });

    StatusReport {
        schema: STATUS_SCHEMA.to_owned(),
        date: today,
        profile,
        overall,
        dimensions,
        owner: catalogue.owner,
        counts,
        others,
        blockers,
        overdue,
        due_soon,
        services,
        verdict,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::BlockingParty;

    fn item(id: &str, dimension: Dimension, actor: Actor) -> Item {
        Item {
            id: id.into(),
            number: 0,
            point: "1.1".into(),
            dimension,
            actor,
            title: id.into(),
            explanation: String::new(),
            added: None,
            package: None,
            deadline: None,
        }
    }

    fn catalogue() -> Catalogue {
        use Actor::*;
        use Dimension::*;
        Catalogue {
            source: String::new(),
            version: 1,
            owner: Kommune,
            sections: vec![],
            points: vec![],
            items: vec![
                item("f1", Finanziell, Kommune),
                item("f2", Finanziell, Kommune),
                item("f3", Finanziell, Kommune),
                item("r1", Rechtlich, Kommune),
                item("r-land", Rechtlich, Land),
                item("t1", Technisch, Kommune),
                item("t2", Technisch, Kommune),
            ],
        }
    }

    #[test]
    fn the_lands_checklist_counts_the_lands_items() {
        let mut land = catalogue();
        land.owner = Actor::Land;
        let progress = HashMap::from([("r-land".to_owned(), with(Status::Erledigt))]);
        let report = status_report(&land, &progress, None, day("2027-01-01"), vec![], vec![]);
        assert_eq!((report.overall.done, report.overall.applicable), (1, 1));
        let municipal =
            status_report(&catalogue(), &progress, None, day("2027-01-01"), vec![], vec![]);
        assert_eq!((municipal.overall.done, municipal.overall.applicable), (0, 6));
    }

    fn with(status: Status) -> ItemProgress {
        ItemProgress { status, ..Default::default() }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn nothing_done_is_zero_percent() {
        let report =
            status_report(&catalogue(), &HashMap::new(), None, day("2027-01-01"), vec![], vec![]);
        assert_eq!(report.overall, Score { percent: Some(0), done: 0, applicable: 6 });
        // The municipality's own items are the headline; the Land's one is counted apart.
        assert_eq!((report.counts.offen, report.others.offen), (6, 1));
        let org = &report.dimensions[2];
        assert_eq!(org.dimension, Dimension::Organisatorisch);
        assert_eq!(org.score.percent, None, "no items in this dimension");
    }

    #[test]
    fn formula_counts_done_municipal_items_and_skips_not_applicable() {
        let progress = HashMap::from([
            ("f1".to_owned(), with(Status::Erledigt)),
            ("f2".to_owned(), with(Status::NichtZutreffend)),
            ("f3".to_owned(), with(Status::InArbeit)),
            ("r-land".to_owned(), with(Status::Erledigt)),
            ("t1".to_owned(), with(Status::Erledigt)),
            ("t2".to_owned(), with(Status::Erledigt)),
        ]);
        let report =
            status_report(&catalogue(), &progress, None, day("2027-01-01"), vec![], vec![]);
        // Applicable: f1 f3 r1 t1 t2 (f2 not applicable, r-land is the Land's); done: f1 t1 t2.
        assert_eq!(report.overall, Score { percent: Some(60), done: 3, applicable: 5 });
        assert_eq!(report.dimensions[0].score, Score { percent: Some(50), done: 1, applicable: 2 });
        assert_eq!(report.dimensions[1].score, Score { percent: Some(0), done: 0, applicable: 1 });
        assert_eq!(report.dimensions[3].score.percent, Some(100));
    }

    #[test]
    fn percent_rounds_down() {
        let progress = HashMap::from([
            ("f1".to_owned(), with(Status::Erledigt)),
            ("f2".to_owned(), with(Status::Erledigt)),
        ]);
        let report =
            status_report(&catalogue(), &progress, None, day("2027-01-01"), vec![], vec![]);
        assert_eq!(report.dimensions[0].score.percent, Some(66));
    }

    #[test]
    fn blockers_overdue_and_due_soon() {
        let due = |status, date: &str| ItemProgress {
            status,
            due: Some(day(date)),
            ..Default::default()
        };
        let progress = HashMap::from([
            ("f1".to_owned(), due(Status::Offen, "2026-12-31")),
            ("f2".to_owned(), due(Status::Erledigt, "2026-12-01")),
            ("f3".to_owned(), due(Status::InArbeit, "2027-01-01")),
            ("r1".to_owned(), due(Status::Offen, "2027-01-15")),
            ("t1".to_owned(), due(Status::Offen, "2027-01-16")),
            (
                "t2".to_owned(),
                ItemProgress {
                    status: Status::ExternBlockiert,
                    blocked_by: Some(BlockingParty::Hersteller),
                    due: Some(day("2026-11-01")),
                    ..Default::default()
                },
            ),
        ]);
        let today = day("2027-01-01");
        let mut cat = catalogue();
        cat.items[4].deadline = Some("2027-01-20".into()); // the Land's deadline for r-land
        let other = vec![
            Deadline::other(
                DeadlineKind::Zertifikat,
                None,
                "Zertifikat".into(),
                day("2026-12-24"),
                today,
            ),
            Deadline::other(
                DeadlineKind::Phase,
                None,
                "Fragebogen".into(),
                day("2027-01-31"),
                today,
            ),
            Deadline::other(
                DeadlineKind::Anmeldeschluss,
                None,
                "Info".into(),
                day("2027-02-01"),
                today,
            ),
        ];
        let report = status_report(&cat, &progress, None, today, other, vec![]);
        let ids = |v: &[Deadline]| {
            v.iter().map(|d| d.item_id.clone().unwrap_or(d.title.clone())).collect::<Vec<_>>()
        };
        assert_eq!(ids(&report.overdue), ["t2", "Zertifikat", "f1"]);
        assert_eq!(report.overdue[2].days, -1);
        assert_eq!(report.overdue[1].kind_label, "Zertifikat läuft ab");
        // Within 30 days, the Land's deadline included; 31 days ahead is not yet due soon.
        assert_eq!(ids(&report.due_soon), ["f3", "r1", "t1", "r-land", "Fragebogen"]);
        assert_eq!(report.blockers.len(), 1);
        assert_eq!(report.blockers[0].party_label, "Hersteller");
    }

    fn service(id: &str, verdict: crate::service_readiness::ServiceVerdict) -> ServiceReadiness {
        ServiceReadiness {
            package_id: "p".into(),
            service_id: id.into(),
            name: id.into(),
            verdict,
            verdict_label: verdict.label().into(),
            summary: String::new(),
            checks: vec![],
        }
    }

    #[test]
    fn the_status_is_ready_only_with_every_needed_service_ready() {
        use crate::service_readiness::ServiceVerdict::*;
        let done: HashMap<String, ItemProgress> =
            catalogue().items.iter().map(|i| (i.id.clone(), with(Status::Erledigt))).collect();
        let status = |progress: &HashMap<String, ItemProgress>, services| {
            status_report(&catalogue(), progress, None, day("2027-01-01"), vec![], services)
        };
        let r = status(
            &done,
            vec![service("a", Bereit), service("b", NichtBereit), service("c", NichtBereit)],
        );
        assert_eq!(r.overall.percent, Some(100), "the checklist's figure is unchanged");
        assert!(!r.verdict.ready);
        assert_eq!(
            r.verdict.text,
            "Noch nicht bereit: 2 von 3 Onlinediensten noch nicht bereit. Alle 6 Aufgaben der \
             Kommune sind erledigt."
        );
        // A service the municipality declined does not count.
        let r = status(&done, vec![service("a", Bereit), service("b", NichtBenoetigt)]);
        assert!(r.verdict.ready);
        assert_eq!(
            r.verdict.text,
            "Bereit: Alle 6 Aufgaben der Kommune sind erledigt und der benötigte Onlinedienst ist \
             bereit."
        );
        // Open items and a service not ready are both named.
        let mut open = done.clone();
        open.insert("f1".into(), with(Status::Offen));
        let r = status(&open, vec![service("a", NichtBereit), service("b", Bereit)]);
        assert!(!r.verdict.ready);
        assert_eq!(
            r.verdict.text,
            "Noch nicht bereit: 1 von 6 Aufgaben der Kommune nicht erledigt, 1 von 2 Onlinediensten noch nicht bereit."
        );
        // Without packages only the checklist counts.
        let r = status(&done, vec![]);
        assert_eq!(r.verdict.text, "Bereit: Alle 6 Aufgaben der Kommune sind erledigt.");
    }
}
