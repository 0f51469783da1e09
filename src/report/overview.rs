//! The overview of a whole Land from the newest report of each municipality: one row per
//! municipality (with those of the official directory that have not reported), per Kreis the
//! reports received and the readiness, per service the decisions and phases, and the lists the
//! source document asks the Land to act on: Bedarfsträger per service (1.1), pilot interest
//! (1.5), training needs (1.6), Fachverfahren in use and those the Land does not list (1.4,
//! 2.T1/2.T2), external blockers by party and text, requirements to the Land (2.O2), and who
//! attended the packages' events (3.2).
//!
//! Built from reports one at a time ([`OverviewBuilder::add`]): what it keeps per municipality
//! is a summary, so memory does not grow with the size of the reports.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::data::{
    Blocker, Readiness, ReportData, ReportEvent, ReportFachverfahren, ReportMember, ReportPerson,
    ReportService,
};
use crate::catalogue::Dimension;
use crate::inbox::Listed;
use crate::installed::Decision;
use crate::profile::Profile;

/// Identifies the shape of the JSON (`inbox overview --json`); bumped only on incompatible changes.
pub const OVERVIEW_SCHEMA: &str = "anbindungscheck.overview/1";

/// A municipality named in a list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Named {
    pub ags: String,
    pub name: String,
}

/// One municipality's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MunicipalityRow {
    pub ags: String,
    pub name: String,
    /// The Kreis's five-digit key (the AGS's first five digits).
    pub kreis_ags: String,
    pub kreis: Option<String>,
    pub population: Option<u32>,
    /// From the newest report; all `None` without a report.
    pub readiness: Option<u8>,
    pub finanziell: Option<u8>,
    pub rechtlich: Option<u8>,
    pub organisatorisch: Option<u8>,
    pub technisch: Option<u8>,
    #[cfg_attr(test, ts(type = "string | null"))]
    pub report_date: Option<NaiveDate>,
    pub report_id: Option<String>,
    pub open_items: Option<u32>,
    pub blockers: Option<u32>,
    /// No report at all.
    pub missing: bool,
    /// The newest report is older than the days asked for.
    pub stale: bool,
    /// Decisions on the services, `service_id` → decision key.
    pub decisions: BTreeMap<String, String>,
    /// Phases of the services, `service_id` → phase key.
    pub phases: BTreeMap<String, String>,
    /// Whom to ask: the OZG coordination the newest report names.
    pub contact: Option<MunicipalContact>,
    /// Agreements and certificates of the services with their end dates.
    pub expiries: Vec<Expiry>,
    /// Items the newest report marks as blocked from outside.
    pub blocked_items: Vec<String>,
    /// The Gemeindeverband or Kreis whose report covers this member municipality (its figures
    /// are that report's); `None` when the row's report is its own or there is none.
    pub covered_by: Option<Named>,
}

/// A municipality's contact person.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MunicipalContact {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// An agreement or a certificate of a service that ends on a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Expiry {
    pub service: String,
    /// "Vereinbarung" or "Zertifikat".
    pub what: String,
    #[cfg_attr(test, ts(type = "string"))]
    pub date: NaiveDate,
}

/// One Kreis.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct KreisRow {
    pub kreis_ags: String,
    pub kreis: Option<String>,
    pub municipalities: u32,
    pub reported: u32,
    /// Mean and median readiness of the reports with a readiness.
    pub mean: Option<f32>,
    pub median: Option<f32>,
}

/// One service across the municipalities that reported it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ServiceRow {
    pub service_id: String,
    pub name: String,
    pub ja: u32,
    pub nein: u32,
    pub offen: u32,
    /// Municipalities per phase key, in the phases' order.
    pub phases: Vec<(String, u32)>,
    /// The municipalities that take part (Bedarfsträger, 1.1).
    pub bedarfstraeger: Vec<Named>,
    /// Pilot interest for this service (1.5).
    pub pilots: Vec<Named>,
    /// Staff need training for this service (1.6).
    pub training: Vec<Named>,
}

/// A Fachverfahren and who uses it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FachverfahrenRow {
    pub product: String,
    pub vendor: String,
    /// Whether the Land's package lists it (for at least one municipality that uses it).
    pub listed_by_land: bool,
    pub municipalities: Vec<Named>,
}

/// An external blocker and the municipalities it blocks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct BlockerRow {
    pub party: String,
    pub party_label: String,
    /// The blocker's description (as the municipalities wrote it), if any.
    pub text: Option<String>,
    pub municipalities: Vec<Named>,
}

/// A requirement a municipality passes on to the Land.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RequirementRow {
    pub service: String,
    pub kind_label: String,
    pub area_label: String,
    pub priority: String,
    pub priority_label: String,
    pub description: String,
    pub municipality: Named,
}

/// An event of the Land's packages and who attended it (3.2).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct EventRow {
    pub package_id: String,
    pub id: String,
    pub title: String,
    /// Local time (Europe/Berlin), `YYYY-MM-DDTHH:MM`.
    pub start: String,
    /// The municipalities that marked the event as attended.
    pub attended: Vec<Named>,
    /// The municipalities whose report lists the event without marking it attended.
    pub not_attended: Vec<Named>,
}

/// The whole Land.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LandOverview {
    pub schema: String,
    #[cfg_attr(test, ts(type = "string"))]
    pub date: NaiveDate,
    /// Days after which a report counts as stale.
    pub stale_days: u32,
    /// Municipalities counted: the directory's, else those that reported.
    pub municipalities: u32,
    pub reported: u32,
    pub rows: Vec<MunicipalityRow>,
    pub kreise: Vec<KreisRow>,
    pub services: Vec<ServiceRow>,
    pub fachverfahren: Vec<FachverfahrenRow>,
    pub blockers: Vec<BlockerRow>,
    pub requirements: Vec<RequirementRow>,
    /// The packages' events, by start.
    pub events: Vec<EventRow>,
}

/// What the overview reads of a report: [`ReportData`] without its checklist, packages, counts
/// and dates, which parsing a stored report skips unbuilt (most of a report's size).
#[derive(Debug, Clone, Deserialize)]
pub struct OverviewInput {
    pub report_id: String,
    pub report_date: NaiveDate,
    pub municipality: Profile,
    pub readiness: Readiness,
    pub open_items: u32,
    pub blocker_count: u32,
    pub blockers: Vec<Blocker>,
    pub services: Vec<ReportService>,
    #[serde(default)]
    pub roles: Vec<ReportPerson>,
    #[serde(default)]
    pub fachverfahren: Vec<ReportFachverfahren>,
    #[serde(default)]
    pub events: Vec<ReportEvent>,
    /// The members of a Gemeindeverband or Kreis (reports `/2`).
    #[serde(default)]
    pub members: Vec<ReportMember>,
}

impl From<&ReportData> for OverviewInput {
    fn from(r: &ReportData) -> OverviewInput {
        OverviewInput {
            report_id: r.report_id.clone(),
            report_date: r.report_date,
            municipality: r.municipality.clone(),
            readiness: r.readiness.clone(),
            open_items: r.open_items,
            blocker_count: r.blocker_count,
            blockers: r.blockers.clone(),
            services: r.services.clone(),
            roles: r.roles.clone(),
            fachverfahren: r.fachverfahren.clone(),
            events: r.events.clone(),
            members: r.members.clone(),
        }
    }
}

/// Builds a [`LandOverview`] from the directory and the newest report of each municipality.
pub struct OverviewBuilder {
    date: NaiveDate,
    stale_days: u32,
    rows: BTreeMap<String, MunicipalityRow>,
    /// Kreis names from the directory.
    kreis_names: BTreeMap<String, String>,
    services: BTreeMap<String, ServiceRow>,
    fachverfahren: BTreeMap<(String, String), FachverfahrenRow>,
    blockers: BTreeMap<(String, Option<String>), BlockerRow>,
    requirements: Vec<RequirementRow>,
    events: BTreeMap<(String, String), EventRow>,
}

impl OverviewBuilder {
    /// An overview for `date`, with reports older than `stale_days` marked; `directory` are the
    /// Land's municipalities (empty: the list consists of those that report).
    pub fn new(date: NaiveDate, stale_days: u32, directory: Vec<Listed>) -> OverviewBuilder {
        let mut kreis_names = BTreeMap::new();
        let rows = directory
            .into_iter()
            .map(|l| {
                if let Some(k) = &l.kreis {
                    kreis_names.insert(l.kreis_ags.clone(), k.clone());
                }
                let mut row = empty_row(l.ags.clone(), l.name, l.kreis_ags, l.kreis);
                row.population = l.population;
                (l.ags, row)
            })
            .collect();
        OverviewBuilder {
            date,
            stale_days,
            rows,
            kreis_names,
            services: BTreeMap::new(),
            fachverfahren: BTreeMap::new(),
            blockers: BTreeMap::new(),
            requirements: Vec::new(),
            events: BTreeMap::new(),
        }
    }

    /// Adds the newest report of one municipality.
    pub fn add(&mut self, report: impl Into<OverviewInput>) {
        let report = &report.into();
        let m = &report.municipality;
        let named = Named { ags: m.ags.clone(), name: m.name.clone() };
        let dimension = |d: Dimension| {
            report
                .readiness
                .dimensions
                .iter()
                .find(|x| x.dimension == d)
                .and_then(|x| x.score.percent)
        };
        // A Gemeindeverband or Kreis that lists its members reports for each of them: their rows
        // carry its figures (unless a member has a report of its own); without members the
        // report has a row of its own.
        let targets: Vec<(String, String)> = if report.members.is_empty() {
            vec![(m.ags.clone(), m.name.clone())]
        } else {
            report.members.iter().map(|x| (x.ags.clone(), x.name.clone())).collect()
        };
        let covered_by = (!report.members.is_empty()).then(|| named.clone());
        for (ags, name) in targets {
            let kreis_ags = ags.get(..5).unwrap_or_default().to_owned();
            let kreis = self.kreis_names.get(&kreis_ags).cloned();
            let row = self
                .rows
                .entry(ags.clone())
                .or_insert_with(|| empty_row(ags, name, kreis_ags, kreis));
            if covered_by.is_some() && !row.missing && row.covered_by.is_none() {
                continue; // the member's own report wins
            }
            row.readiness = report.readiness.overall.percent;
            row.finanziell = dimension(Dimension::Finanziell);
            row.rechtlich = dimension(Dimension::Rechtlich);
            row.organisatorisch = dimension(Dimension::Organisatorisch);
            row.technisch = dimension(Dimension::Technisch);
            row.report_date = Some(report.report_date);
            row.report_id = Some(report.report_id.clone());
            row.open_items = Some(report.open_items);
            row.blockers = Some(report.blocker_count);
            row.missing = false;
            row.stale = (self.date - report.report_date).num_days() > i64::from(self.stale_days);
            if covered_by.is_none() {
                row.population = row.population.or(m.population);
            }
            row.covered_by = covered_by.clone();
            let coordinator = report.roles.iter().find(|p| p.role == "ozg_koordination");
            row.contact = match (&m.coordinator_name, coordinator) {
                (Some(name), _) => Some(MunicipalContact {
                    name: name.clone(),
                    email: m.coordinator_email.clone(),
                    phone: m.coordinator_phone.clone(),
                }),
                (None, Some(p)) => Some(MunicipalContact {
                    name: p.name.clone(),
                    email: p.email.clone(),
                    phone: p.phone.clone(),
                }),
                (None, None) => None,
            };
            row.expiries = report
                .services
                .iter()
                .flat_map(|s| {
                    [("Vereinbarung", s.agreement_expires), ("Zertifikat", s.certificate_expires)]
                        .into_iter()
                        .filter_map(|(what, date)| {
                            Some(Expiry {
                                service: s.name.clone(),
                                what: what.to_owned(),
                                date: date?,
                            })
                        })
                })
                .collect();
            row.blocked_items = report.blockers.iter().map(|b| b.item_id.clone()).collect();
            row.decisions.clear();
            row.phases.clear();
            for s in &report.services {
                // A member's own decision, where the report names one, else the whole's.
                let decision = s
                    .member_decisions
                    .iter()
                    .find(|d| covered_by.is_some() && d.ags == row.ags)
                    .map_or(s.decision, |d| d.decision);
                row.decisions.insert(s.service_id.clone(), decision.key().to_owned());
                if let Some(phase) = &s.phase {
                    row.phases.insert(s.service_id.clone(), phase.clone());
                }
            }
        }

        for s in &report.services {
            let service = self.services.entry(s.service_id.clone()).or_insert_with(|| ServiceRow {
                service_id: s.service_id.clone(),
                name: s.name.clone(),
                ja: 0,
                nein: 0,
                offen: 0,
                phases: Vec::new(),
                bedarfstraeger: Vec::new(),
                pilots: Vec::new(),
                training: Vec::new(),
            });
            match s.decision {
                Decision::Ja => {
                    service.ja += 1;
                    service.bedarfstraeger.push(named.clone());
                }
                Decision::Nein => service.nein += 1,
                Decision::Offen => service.offen += 1,
            }
            if let Some(phase) = &s.phase {
                match service.phases.iter_mut().find(|(p, _)| p == phase) {
                    Some((_, n)) => *n += 1,
                    None => service.phases.push((phase.clone(), 1)),
                }
            }
            if s.pilot_interest {
                service.pilots.push(named.clone());
            }
            if s.training_needed {
                service.training.push(named.clone());
            }
            for r in &s.requirements {
                self.requirements.push(RequirementRow {
                    service: s.name.clone(),
                    kind_label: r.kind_label.clone(),
                    area_label: r.area_label.clone(),
                    priority: r.priority.clone(),
                    priority_label: r.priority_label.clone(),
                    description: r.description.clone(),
                    municipality: named.clone(),
                });
            }
        }
        for f in &report.fachverfahren {
            let key = (f.product.trim().to_owned(), f.vendor.trim().to_owned());
            let entry = self.fachverfahren.entry(key.clone()).or_insert_with(|| FachverfahrenRow {
                product: key.0,
                vendor: key.1,
                listed_by_land: false,
                municipalities: Vec::new(),
            });
            entry.listed_by_land |= f.land_match.is_some();
            entry.municipalities.push(named.clone());
        }
        for e in &report.events {
            let key = (e.package_id.clone(), e.id.clone());
            let entry = self.events.entry(key).or_insert_with(|| EventRow {
                package_id: e.package_id.clone(),
                id: e.id.clone(),
                title: e.title.clone(),
                start: e.start.clone(),
                attended: Vec::new(),
                not_attended: Vec::new(),
            });
            let list = if e.attended { &mut entry.attended } else { &mut entry.not_attended };
            if !list.contains(&named) {
                list.push(named.clone());
            }
        }
        for b in &report.blockers {
            let text =
                b.text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
            let key = (b.party.key().to_owned(), text.clone());
            let entry = self.blockers.entry(key).or_insert_with(|| BlockerRow {
                party: b.party.key().to_owned(),
                party_label: b.party_label.clone(),
                text,
                municipalities: Vec::new(),
            });
            if !entry.municipalities.contains(&named) {
                entry.municipalities.push(named.clone());
            }
        }
    }

    /// The finished overview.
    pub fn finish(self) -> LandOverview {
        let rows: Vec<MunicipalityRow> = self.rows.into_values().collect();
        let mut kreise: BTreeMap<String, (Option<String>, u32, u32, Vec<u8>)> = BTreeMap::new();
        for r in &rows {
            let k =
                kreise.entry(r.kreis_ags.clone()).or_insert((r.kreis.clone(), 0, 0, Vec::new()));
            k.1 += 1;
            if !r.missing {
                k.2 += 1;
            }
            k.3.extend(r.readiness);
        }
        let kreise = kreise
            .into_iter()
            .map(|(kreis_ags, (kreis, municipalities, reported, mut values))| {
                values.sort_unstable();
                KreisRow {
                    kreis_ags,
                    kreis,
                    municipalities,
                    reported,
                    mean: mean(&values),
                    median: median(&values),
                }
            })
            .collect();
        let mut services: Vec<ServiceRow> = self.services.into_values().collect();
        for s in &mut services {
            s.phases.sort_by_key(|(p, _)| phase_order(p));
        }
        let mut fachverfahren: Vec<FachverfahrenRow> = self.fachverfahren.into_values().collect();
        fachverfahren.sort_by(|a, b| {
            b.municipalities.len().cmp(&a.municipalities.len()).then(a.product.cmp(&b.product))
        });
        let mut blockers: Vec<BlockerRow> = self.blockers.into_values().collect();
        blockers.sort_by(|a, b| {
            b.municipalities.len().cmp(&a.municipalities.len()).then(a.party.cmp(&b.party))
        });
        let mut requirements = self.requirements;
        requirements.sort_by(|a, b| {
            priority_order(&a.priority)
                .cmp(&priority_order(&b.priority))
                .then(a.service.cmp(&b.service))
                .then(a.municipality.cmp(&b.municipality))
        });
        let mut events: Vec<EventRow> = self.events.into_values().collect();
        events.sort_by(|a, b| a.start.cmp(&b.start).then(a.title.cmp(&b.title)));
        LandOverview {
            schema: OVERVIEW_SCHEMA.to_owned(),
            date: self.date,
            stale_days: self.stale_days,
            municipalities: rows.len() as u32,
            reported: rows.iter().filter(|r| !r.missing).count() as u32,
            rows,
            kreise,
            services,
            fachverfahren,
            blockers,
            requirements,
            events,
        }
    }
}

/// A municipality's row before any report.
fn empty_row(
    ags: String,
    name: String,
    kreis_ags: String,
    kreis: Option<String>,
) -> MunicipalityRow {
    MunicipalityRow {
        ags,
        name,
        kreis_ags,
        kreis,
        population: None,
        readiness: None,
        finanziell: None,
        rechtlich: None,
        organisatorisch: None,
        technisch: None,
        report_date: None,
        report_id: None,
        open_items: None,
        blockers: None,
        missing: true,
        stale: false,
        decisions: BTreeMap::new(),
        phases: BTreeMap::new(),
        contact: None,
        expiries: Vec::new(),
        blocked_items: Vec::new(),
        covered_by: None,
    }
}

fn mean(sorted: &[u8]) -> Option<f32> {
    (!sorted.is_empty())
        .then(|| sorted.iter().map(|&v| f32::from(v)).sum::<f32>() / sorted.len() as f32)
}

fn median(sorted: &[u8]) -> Option<f32> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(f32::from(sorted[n / 2])),
        _ => Some((f32::from(sorted[n / 2 - 1]) + f32::from(sorted[n / 2])) / 2.0),
    }
}

fn phase_order(phase: &str) -> usize {
    crate::service_state::Phase::ALL.iter().position(|p| p.key() == phase).unwrap_or(usize::MAX)
}

fn priority_order(priority: &str) -> usize {
    crate::requirements::Priority::ALL
        .iter()
        .position(|p| p.key() == priority)
        .unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_and_median_of_readiness() {
        assert_eq!(mean(&[]), None);
        assert_eq!(median(&[]), None);
        assert_eq!(mean(&[10, 20, 60]), Some(30.0));
        assert_eq!(median(&[10, 20, 60]), Some(20.0));
        assert_eq!(median(&[10, 20, 40, 60]), Some(30.0));
    }

    #[test]
    fn the_directory_lists_who_has_not_reported() {
        let listed = |ags: &str, name: &str| Listed {
            ags: ags.into(),
            name: name.into(),
            kreis_ags: ags[..5].into(),
            kreis: Some("Landkreis Hildesheim".into()),
            population: Some(1000),
        };
        let day = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let builder =
            OverviewBuilder::new(day, 90, vec![listed("03254001", "A"), listed("03254002", "B")]);
        let overview = builder.finish();
        assert_eq!((overview.municipalities, overview.reported), (2, 0));
        assert!(overview.rows.iter().all(|r| r.missing && r.readiness.is_none()));
        assert_eq!(overview.kreise.len(), 1);
        assert_eq!(overview.kreise[0].municipalities, 2);
        assert_eq!(overview.kreise[0].mean, None);
    }

    #[test]
    fn every_member_of_a_samtgemeinde_report_counts_as_covered() {
        use crate::profile::KommuneKind;
        use crate::report::data::ReportMember;
        use crate::report::layout::tests::workflow_sample;
        let listed = |ags: &str, name: &str| Listed {
            ags: ags.into(),
            name: name.into(),
            kreis_ags: ags[..5].into(),
            kreis: Some("Landkreis Hildesheim".into()),
            population: Some(1000),
        };
        let member = |ags: &str, name: &str| ReportMember { ags: ags.into(), name: name.into() };
        let day = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let directory = vec![
            listed("03254001", "Alfeld"),
            listed("03254021", "Lamspringe"),
            listed("03254022", "Harbarnsen"),
            listed("03254023", "Woltershausen"),
        ];
        let mut samtgemeinde = workflow_sample();
        samtgemeinde.municipality.ags = "032545409000".into();
        samtgemeinde.municipality.kind = KommuneKind::Samtgemeinde;
        samtgemeinde.municipality.name = "Samtgemeinde Lamspringe".into();
        samtgemeinde.report_id = "BB-032545409000-20261128-abcdef".into();
        samtgemeinde.members = vec![
            member("03254021", "Lamspringe"),
            member("03254022", "Harbarnsen"),
            member("03254023", "Woltershausen"),
        ];
        samtgemeinde.services[0].decision = Decision::Ja;
        samtgemeinde.services[0].member_decisions =
            vec![crate::report::data::ReportMemberDecision {
                ags: "03254022".into(),
                decision: Decision::Nein,
                decision_label: "Nein".into(),
            }];
        // A member's own report wins over the Samtgemeinde's, in either order.
        let mut own = workflow_sample();
        own.municipality.ags = "03254023".into();
        own.report_id = "BB-03254023-20261128-123456".into();
        for reports in [[&samtgemeinde, &own], [&own, &samtgemeinde]] {
            let mut builder = OverviewBuilder::new(day, 90, directory.clone());
            for r in reports {
                builder.add(r);
            }
            let o = builder.finish();
            assert_eq!((o.municipalities, o.reported), (4, 3));
            let row = |ags: &str| o.rows.iter().find(|r| r.ags == ags).unwrap();
            assert!(row("03254001").missing);
            for ags in ["03254021", "03254022"] {
                assert!(!row(ags).missing, "{ags}");
                assert_eq!(row(ags).covered_by.as_ref().unwrap().ags, "032545409000");
                assert_eq!(row(ags).report_id.as_deref(), Some(samtgemeinde.report_id.as_str()));
            }
            assert_eq!(row("03254023").covered_by, None);
            assert_eq!(row("03254023").report_id.as_deref(), Some(own.report_id.as_str()));
            assert!(o.rows.iter().all(|r| r.ags.len() == 8), "no row of its own");
            assert_eq!((o.kreise[0].municipalities, o.kreise[0].reported), (4, 3));
            // Harbarnsen decided otherwise on the first service; Lamspringe follows the whole.
            let service = &samtgemeinde.services[0];
            let other = row("03254022").decisions.get(&service.service_id).unwrap();
            assert_eq!(other, "nein");
            let whole = row("03254021").decisions.get(&service.service_id).unwrap();
            assert_eq!(whole, service.decision.key());
        }
        // Without members (a `/1` report, say) the report has its own row.
        samtgemeinde.members.clear();
        let mut builder = OverviewBuilder::new(day, 90, directory);
        builder.add(&samtgemeinde);
        let o = builder.finish();
        assert_eq!((o.municipalities, o.reported), (5, 1));
    }

    #[test]
    fn events_list_who_attended_and_who_did_not_by_start() {
        use crate::report::data::ReportEvent;
        use crate::report::layout::tests::workflow_sample;
        let event = |id: &str, start: &str, attended: bool| ReportEvent {
            package_id: "ni-vergabe".into(),
            id: id.into(),
            title: format!("Termin {id}"),
            start: start.into(),
            registration_deadline: None,
            attended,
        };
        let report = |ags: &str, name: &str, events: Vec<ReportEvent>| {
            let mut d = workflow_sample();
            d.municipality.ags = ags.into();
            d.municipality.name = name.into();
            d.events = events;
            d
        };
        let day = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let mut builder = OverviewBuilder::new(day, 90, Vec::new());
        builder.add(&report(
            "03241001",
            "A",
            vec![
                event("spaet", "2027-03-01T10:00", true),
                event("frueh", "2027-01-20T10:00", true),
            ],
        ));
        builder.add(&report("03241002", "B", vec![event("frueh", "2027-01-20T10:00", false)]));
        builder.add(&report("03241003", "C", Vec::new()));
        let o = builder.finish();
        let ids: Vec<&str> = o.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["frueh", "spaet"]);
        let names = |v: &[Named]| v.iter().map(|n| n.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&o.events[0].attended), ["A"]);
        assert_eq!(names(&o.events[0].not_attended), ["B"]);
        assert_eq!(names(&o.events[1].attended), ["A"]);
        assert!(o.events[1].not_attended.is_empty());
        assert_eq!(o.events[0].title, "Termin frueh");
    }

    #[test]
    fn blockers_of_it_service_providers_and_councils_are_grouped_by_party_and_text() {
        use crate::progress::BlockingParty;
        use crate::report::data::Blocker;
        use crate::report::layout::tests::workflow_sample;
        let blocker = |party: BlockingParty, text: Option<&str>| Blocker {
            item_id: "hersteller-beauftragen".into(),
            title: "Hersteller einbinden".into(),
            party,
            party_label: party.label().into(),
            text: text.map(Into::into),
        };
        let report = |ags: &str, name: &str, blockers: Vec<Blocker>| {
            let mut d = workflow_sample();
            d.municipality.ags = ags.into();
            d.municipality.name = name.into();
            d.blocker_count = blockers.len() as u32;
            d.blockers = blockers;
            d
        };
        let day = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let mut builder = OverviewBuilder::new(day, 90, Vec::new());
        let rz = Some("Rechenzentrum stellt erst im Mai um");
        builder.add(&report(
            "03241001",
            "A",
            vec![
                blocker(BlockingParty::ItDienstleister, rz),
                blocker(BlockingParty::Gremium, None),
            ],
        ));
        builder.add(&report(
            "03241002",
            "B",
            vec![blocker(
                BlockingParty::ItDienstleister,
                Some(" Rechenzentrum stellt erst im Mai um "),
            )],
        ));
        builder.add(&report("03241003", "C", vec![blocker(BlockingParty::Gremium, None)]));
        let o = builder.finish();
        let rows: Vec<(&str, &str, Option<&str>, usize)> = o
            .blockers
            .iter()
            .map(|b| {
                (
                    b.party.as_str(),
                    b.party_label.as_str(),
                    b.text.as_deref(),
                    b.municipalities.len(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("gremium", "Rat / Gremium", None, 2),
                ("it_dienstleister", "IT-Dienstleister", rz, 2),
            ]
        );
    }
}
