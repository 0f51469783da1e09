//! The report's data model ([`ReportData`]): everything the PDF shows, gathered from the store in
//! one read transaction. It is also embedded in the PDF as `bereitschaftsbericht.json`, so the
//! Land's coordinator can aggregate hundreds of reports without reading PDFs
//! (docs/report-format.md describes the JSON field by field).
//!
//! The report has its own types instead of reusing the status types: its JSON is a published
//! format (`anbindungscheck.report/2`, reading `/1` too) that must stay stable when the app's
//! views change.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::catalogue::{Actor, Dimension};
use crate::checklist::Checklist;
use crate::evidence::Evidence;
use crate::installed::{Decision, InstalledPackage};
use crate::inventory::Inventory;
use crate::profile::Profile;
use crate::progress::{BlockingParty, Status};
use crate::readiness::StatusReport;
use crate::readiness::{Deadline, Score};
use crate::roles::Person;
use crate::service_readiness::{self, ServiceReadiness, Voice};

use super::ReportError;

/// Identifies the shape of [`ReportData`]. Fields may be added without changing it; a reader
/// ignores fields it does not know. Renaming, removing or changing the meaning of a field
/// needs a new version (`…/2`).
pub const REPORT_SCHEMA: &str = "anbindungscheck.report/2";

/// Every schema version this code reads: `/1` (reports written before Gemeindeverbände had
/// members) reads with no members.
pub const REPORT_SCHEMAS_READ: [&str; 2] = ["anbindungscheck.report/1", REPORT_SCHEMA];

/// The prefix every version of the report schema shares.
pub const REPORT_SCHEMA_PREFIX: &str = "anbindungscheck.report/";

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportData {
    /// [`REPORT_SCHEMA`] when written; a report read keeps its version (one of
    /// [`REPORT_SCHEMAS_READ`]).
    pub schema: String,
    /// `BB-<key>-<YYYYMMDD>-<6 hex digits>`, e.g. `BB-09162000-20261128-3fa9c1`; the key is
    /// the AGS (8 digits) or, for a Gemeindeverband or Kreis, the ARS (12 digits).
    pub report_id: String,
    /// The day the report describes (deadlines are counted from it).
    pub report_date: NaiveDate,
    /// When the report was written (RFC 3339, UTC).
    pub created_at: String,
    pub generator: Generator,
    /// The municipality (the stored profile). Its `ags` is the key, 8 digits (AGS) or 12 (ARS);
    /// `kind` (added within `/1`) is `gemeinde` in reports written before it.
    pub municipality: Profile,
    /// The information packages the report is based on (empty: "ohne Informationspaket").
    pub packages: Vec<ReportPackage>,
    pub readiness: Readiness,
    /// All items per status, both actors (`own_counts` plus `land_counts`).
    pub counts: Counts,
    /// The municipality's own items per status: what the report's headline counts. `null` in
    /// reports written before it was added.
    #[serde(default)]
    pub own_counts: Option<Counts>,
    /// The Land's items per status, which the municipality follows but does not do.
    #[serde(default)]
    pub land_counts: Option<Counts>,
    /// Items of the municipality that are still to do (`offen`, `in_arbeit`,
    /// `extern_blockiert`); equals `readiness.overall.applicable - readiness.overall.done`.
    pub open_items: u32,
    /// Number of externally blocked items (both actors); the length of `blockers`.
    pub blocker_count: u32,
    pub blockers: Vec<Blocker>,
    /// Open items and other dates (expired agreements and certificates, passed phase dates)
    /// past due, oldest first.
    pub overdue: Vec<DueItem>,
    /// Open items and other dates due within the next
    /// [`crate::readiness::DUE_SOON_DAYS`] days, soonest first.
    pub due_soon: Vec<DueItem>,
    /// The whole checklist, by section, in catalogue order.
    pub checklist: Vec<ReportSection>,
    /// The version of the built-in checklist the report was written with; reports of
    /// different versions do not have the same items. `null` in reports written before
    /// version 2 (they used version 1).
    #[serde(default)]
    pub catalogue_version: Option<u32>,
    /// Every service of every installed package, with the municipality's decision and its
    /// work on the connection.
    pub services: Vec<ReportService>,
    /// The people the municipality names per role, in role order. (Fields from here on were
    /// added within `/1`: reports written before them read as empty.)
    #[serde(default)]
    pub roles: Vec<ReportPerson>,
    /// The municipality's Fachverfahren inventory, matched against the Land's lists.
    #[serde(default)]
    pub fachverfahren: Vec<ReportFachverfahren>,
    /// Fachverfahren the Land lists in its packages that the inventory does not contain.
    #[serde(default)]
    pub fachverfahren_land_only: Vec<ReportLandFachverfahren>,
    /// The events of every installed package, with whether the municipality attended.
    #[serde(default)]
    pub events: Vec<ReportEvent>,
    /// The member municipalities of a Gemeindeverband or Kreis, by AGS (new in `/2`; empty in
    /// `/1` reports and for a Gemeinde).
    #[serde(default)]
    pub members: Vec<ReportMember>,
}

/// A member municipality of the Gemeindeverband or Kreis that wrote the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportMember {
    /// 8 digits.
    pub ags: String,
    pub name: String,
}

/// The program that wrote the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Generator {
    pub name: String,
    pub version: String,
}

/// An information package the report is based on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportPackage {
    pub id: String,
    pub title: String,
    pub version: u32,
    pub land_code: String,
    pub land: String,
    pub issued: String,
    pub valid_until: String,
    /// Costs of cost models that cover all services of the package, for this municipality
    /// (empty while the population is not recorded or the package names no costs).
    pub costs: Vec<Cost>,
}

/// A share of done items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportScore {
    /// Whole percent, rounded down; `None` when no item counts (docs/readiness.md).
    pub percent: Option<u8>,
    pub done: u32,
    pub applicable: u32,
}

impl From<Score> for ReportScore {
    fn from(s: Score) -> ReportScore {
        ReportScore { percent: s.percent, done: s.done, applicable: s.applicable }
    }
}

/// Readiness of one EfA dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionReadiness {
    pub dimension: Dimension,
    pub label: String,
    pub score: ReportScore,
}

/// Readiness overall and per dimension (the four dimensions in their fixed order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Readiness {
    pub overall: ReportScore,
    pub dimensions: Vec<DimensionReadiness>,
}

/// Number of items per status (all items, both actors).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub offen: u32,
    pub in_arbeit: u32,
    pub erledigt: u32,
    pub nicht_zutreffend: u32,
    pub extern_blockiert: u32,
}

impl From<&crate::readiness::StatusCounts> for Counts {
    fn from(c: &crate::readiness::StatusCounts) -> Counts {
        Counts {
            offen: c.offen,
            in_arbeit: c.in_arbeit,
            erledigt: c.erledigt,
            nicht_zutreffend: c.nicht_zutreffend,
            extern_blockiert: c.extern_blockiert,
        }
    }
}

impl Counts {
    /// Both counts added up.
    pub fn plus(&self, o: &Counts) -> Counts {
        Counts {
            offen: self.offen + o.offen,
            in_arbeit: self.in_arbeit + o.in_arbeit,
            erledigt: self.erledigt + o.erledigt,
            nicht_zutreffend: self.nicht_zutreffend + o.nicht_zutreffend,
            extern_blockiert: self.extern_blockiert + o.extern_blockiert,
        }
    }

    /// All items counted.
    pub fn total(&self) -> u32 {
        self.offen + self.in_arbeit + self.erledigt + self.nicht_zutreffend + self.extern_blockiert
    }

    /// „27 offen · 1 in Arbeit · …“: the counts in words, with status labels.
    pub fn in_words(&self) -> String {
        format!(
            "{} offen · {} in Arbeit · {} erledigt · {} nicht zutreffend · {} extern blockiert",
            self.offen, self.in_arbeit, self.erledigt, self.nicht_zutreffend, self.extern_blockiert
        )
    }
}

/// An item blocked by someone outside the municipality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Blocker {
    pub item_id: String,
    pub title: String,
    pub party: BlockingParty,
    pub party_label: String,
    pub text: Option<String>,
}

/// A date that needs attention: an open item's due date, a registration deadline, a planned
/// phase date, or the expiry of an agreement or a certificate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DueItem {
    /// `aufgabe`, `anmeldeschluss`, `phase`, `vereinbarung` or `zertifikat`.
    pub kind: String,
    pub kind_label: String,
    /// The checklist item (kind `aufgabe`), else `null`.
    pub item_id: Option<String>,
    /// For other kinds: the package or the phase the date belongs to.
    pub context: Option<String>,
    /// The item's, the event's or the service's title.
    pub title: String,
    pub due: NaiveDate,
    /// Days from the report date to the due date; negative when overdue.
    pub days: i64,
    /// The item's status (kind `aufgabe`), else `null`.
    pub status: Option<Status>,
    pub status_label: Option<String>,
    pub owner: Option<String>,
}

impl From<Deadline> for DueItem {
    fn from(d: Deadline) -> DueItem {
        DueItem {
            kind: d.kind.key().to_owned(),
            kind_label: d.kind_label,
            item_id: d.item_id,
            context: d.context,
            title: d.title,
            due: d.due,
            days: d.days,
            status: d.status,
            status_label: d.status.map(|s| s.label().to_owned()),
            owner: d.owner,
        }
    }
}

/// A section of the checklist with its items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportSection {
    pub id: String,
    pub title: String,
    pub items: Vec<ReportItem>,
}

/// One checklist item with its progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportItem {
    pub id: String,
    /// The item's number in the report's checklist (1, 2, …, unique): what the Land cites.
    /// `null` in reports written before numbers were given.
    #[serde(default)]
    pub number: Option<u32>,
    /// The source point's key, e.g. `2.F` (a key for data, not shown).
    pub point: String,
    /// Where the source says it, in words: „Abschnitt 2, Finanzielle Dimension,
    /// 1. Spiegelstrich“, „ergänzt zu …“ or „ergänzt“.
    #[serde(default)]
    pub reference: Option<String>,
    /// Why the item is there although the source does not mention it.
    #[serde(default)]
    pub added: Option<String>,
    pub dimension: Dimension,
    /// `land`: the Land acts, the municipality records the state (does not count).
    pub actor: Actor,
    pub title: String,
    /// The package that added the item; `None` for the built-in checklist.
    pub package: Option<String>,
    pub status: Status,
    pub status_label: String,
    pub blocked_by: Option<BlockingParty>,
    pub blocked_text: Option<String>,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    /// A deadline the Land set for the item (`YYYY-MM-DD`).
    pub land_deadline: Option<String>,
    pub note: Option<String>,
    /// "Bitte prüfen": why the clerk should look at the item again after a package update.
    pub review: Option<String>,
    /// Evidence files attached to the item, oldest first.
    #[serde(default)]
    pub evidence: Vec<ReportEvidence>,
}

impl ReportItem {
    /// The number people cite („12“); the point's key in reports written before numbers.
    pub fn label(&self) -> String {
        self.number.map_or_else(|| self.point.clone(), |n| n.to_string())
    }
}

/// An evidence file attached to a checklist item. The file itself stays with the
/// municipality; its SHA-256 lets the Land check a copy it receives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportEvidence {
    pub title: String,
    /// The original file name.
    pub file_name: String,
    pub media_type: String,
    /// Bytes.
    pub size: u64,
    /// 64 lowercase hex digits.
    pub sha256: String,
    /// When it was attached (RFC 3339, UTC).
    pub added_at: String,
}

/// A service of an installed package, with the municipality's decision and costs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportService {
    pub package_id: String,
    pub package_version: u32,
    pub service_id: String,
    pub name: String,
    /// LeiKa keys (strings of digits).
    pub leika: Vec<String>,
    pub ozg_id: Option<String>,
    /// Is the municipality Bedarfsträger of the service? `ja`, `nein` or `offen`.
    pub decision: Decision,
    pub decision_label: String,
    pub decision_reason: Option<String>,
    /// The connection phase reached (`interesse`, `voraussetzungen`, `fragebogen`,
    /// `freischaltung`, `produktionstest`, `produktiv`); `null` before the connection started.
    pub phase: Option<String>,
    /// Costs of cost models for this service only (models for all services are in the
    /// package's `costs`).
    pub costs: Vec<Cost>,
    #[serde(default)]
    pub phase_label: Option<String>,
    /// Dates of phases, in phase order: reached (up to `phase`) or planned (later phases).
    #[serde(default)]
    pub phase_dates: Vec<ReportPhaseDate>,
    #[serde(default)]
    pub connection: ReportConnection,
    /// End of the Nachnutzung agreement.
    #[serde(default)]
    pub agreement_expires: Option<NaiveDate>,
    /// Expiry of the certificate used for the transport route.
    #[serde(default)]
    pub certificate_expires: Option<NaiveDate>,
    /// The municipality would take part as a pilot.
    #[serde(default)]
    pub pilot_interest: bool,
    /// Staff need training for this service.
    #[serde(default)]
    pub training_needed: bool,
    /// Requirements and feature requests to the Land on this service, oldest first.
    #[serde(default)]
    pub requirements: Vec<ReportRequirement>,
    /// Is the service ready (docs/readiness.md, „Prüfung je Onlinedienst“)? `null` in
    /// reports written before it was added.
    #[serde(default)]
    pub readiness: Option<ReportServiceReadiness>,
    /// (`/2`) Members of a Gemeindeverband or Kreis whose decision differs from `decision`,
    /// which applies to every other member; by AGS.
    #[serde(default)]
    pub member_decisions: Vec<ReportMemberDecision>,
}

/// The decision of one member municipality on a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportMemberDecision {
    /// The member's AGS (one of the report's `members`).
    pub ags: String,
    pub decision: Decision,
    pub decision_label: String,
}

/// The readiness of one service on the report date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportServiceReadiness {
    /// `bereit`, `nicht_bereit` or `nicht_benoetigt` (the municipality is not Bedarfsträger;
    /// the service does not count).
    pub verdict: String,
    pub verdict_label: String,
    /// One sentence: „Bereit.“, „Noch nicht bereit, weil …“ or „Nicht benötigt: …“.
    pub summary: String,
    /// Every check in order; empty for a service not needed.
    pub checks: Vec<ReportServiceCheck>,
}

/// One check of a service's readiness.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportServiceCheck {
    /// `entscheidung`, `phase`, `anschlussdaten`, `vereinbarung`, `zertifikat`,
    /// `fachverfahren`, `hersteller`.
    pub check: String,
    pub label: String,
    /// `ok`, `fehlt` or `nicht_noetig`.
    pub state: String,
    pub state_label: String,
    pub detail: String,
    /// Fulfilled, but an agreement or certificate expires within 30 days.
    pub attention: bool,
}

impl ReportServiceReadiness {
    /// The checks that are not fulfilled.
    pub fn failing(&self) -> impl Iterator<Item = &ReportServiceCheck> {
        self.checks.iter().filter(|c| c.state == "fehlt")
    }
}

impl From<ServiceReadiness> for ReportServiceReadiness {
    fn from(r: ServiceReadiness) -> ReportServiceReadiness {
        ReportServiceReadiness {
            verdict: r.verdict.key().to_owned(),
            verdict_label: r.verdict_label,
            summary: r.summary,
            checks: r
                .checks
                .into_iter()
                .map(|c| ReportServiceCheck {
                    check: c.check.key().to_owned(),
                    label: c.label,
                    state: c.state.key().to_owned(),
                    state_label: c.state_label,
                    detail: c.detail,
                    attention: c.attention,
                })
                .collect(),
        }
    }
}

/// The date of a connection phase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportPhaseDate {
    pub phase: String,
    pub phase_label: String,
    pub date: NaiveDate,
}

/// The connection data of a service (each `null` while not entered).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportConnection {
    /// ID of the organisational unit (PVOG / Zuständigkeitsfinder).
    pub ou_id: Option<String>,
    /// Link to the service's entry in the PVOG.
    pub pvog_url: Option<String>,
    /// DVDV Behördenkennung, e.g. `ags:09162000`.
    pub dvdv_key: Option<String>,
    /// FIT-Connect destination ID (a UUID, lowercase).
    pub fit_connect_destination: Option<String>,
    /// `fit_connect`, `osci_xta` or `uebergang`.
    pub transport_route: Option<String>,
    pub transport_route_label: Option<String>,
}

impl ReportConnection {
    /// Whether nothing has been entered.
    pub fn is_empty(&self) -> bool {
        *self == ReportConnection::default()
    }
}

/// A requirement or feature request to the Land.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportRequirement {
    /// `anforderung` or `funktionswunsch`.
    pub kind: String,
    pub kind_label: String,
    /// `fachlich` or `technisch`.
    pub area: String,
    pub area_label: String,
    /// `hoch`, `mittel` or `niedrig`.
    pub priority: String,
    pub priority_label: String,
    pub description: String,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// A person named for a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportPerson {
    /// `ozg_koordination`, `projektleitung`, `technik`, `fachlichkeit`, `datenschutz`,
    /// `betrieb`, `postfach`.
    pub role: String,
    pub role_label: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// A Fachverfahren of the municipality's inventory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportFachverfahren {
    pub product: String,
    pub vendor: String,
    pub version: Option<String>,
    /// IDs of the services it serves.
    pub services: Vec<String>,
    /// `fit_connect`, `osci_xta` or `keine`.
    pub interface: String,
    pub interface_label: String,
    pub vendor_commissioned: bool,
    pub commissioned_on: Option<NaiveDate>,
    /// `offen`, `in_pruefung` or `abgeschlossen`.
    pub analysis: String,
    pub analysis_label: String,
    /// The same product of the same vendor in a Land's list, or `null`.
    pub land_match: Option<LandMatch>,
}

/// Where a Fachverfahren appears in the Land's lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LandMatch {
    pub package_id: String,
    pub id: String,
}

/// A Fachverfahren of a Land's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportLandFachverfahren {
    pub package_id: String,
    pub id: String,
    pub product: String,
    pub vendor: String,
    /// As the Land writes it, e.g. "FIT-Connect".
    pub interface: String,
    pub services: Vec<String>,
}

/// An event of an installed package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportEvent {
    pub package_id: String,
    pub id: String,
    pub title: String,
    /// Local time (Europe/Berlin), `YYYY-MM-DDTHH:MM`.
    pub start: String,
    pub registration_deadline: Option<NaiveDate>,
    /// Marked as attended by the municipality.
    pub attended: bool,
}

/// What one cost model means for this municipality, in euro cents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cost {
    /// The population bracket that applies, e.g. "bis 50.000 Einwohner".
    pub bracket: String,
    pub one_off_cents: u64,
    pub annual_cents: u64,
    pub note: Option<String>,
}

/// The German label of a decision.
pub fn decision_label(decision: Decision) -> &'static str {
    match decision {
        Decision::Ja => "Ja, Bedarfsträger",
        Decision::Nein => "Nein",
        Decision::Offen => "Offen",
    }
}

/// A new report ID: `BB-<AGS>-<YYYYMMDD>-<6 random hex digits>`.
pub fn new_report_id(ags: &str, date: NaiveDate) -> String {
    let mut random = [0u8; 3];
    // Without a random source the ID is still unique enough per day and municipality.
    if getrandom::fill(&mut random).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        random.copy_from_slice(&nanos.to_be_bytes()[1..]);
    }
    format!(
        "BB-{ags}-{}-{:02x}{:02x}{:02x}",
        date.format("%Y%m%d"),
        random[0],
        random[1],
        random[2]
    )
}

/// What a report is made from: the store's answers, read in one transaction.
pub struct ReportInputs {
    /// `None` is refused: a report needs the municipality's profile.
    pub profile: Option<Profile>,
    pub status: StatusReport,
    pub checklist: Checklist,
    pub packages: Vec<InstalledPackage>,
    pub evidence: Vec<Evidence>,
    pub people: Vec<Person>,
    pub inventory: Inventory,
    /// The members of a Gemeindeverband or Kreis.
    pub members: Vec<crate::profile::Member>,
    /// Their decisions on services where they differ from the whole.
    pub member_decisions: Vec<crate::installed::MemberDecision>,
}

impl ReportData {
    /// Assembles the report for `date` from what the command layer read from the store in one
    /// transaction. Without `report_id` a new one is made.
    pub fn assemble(
        inputs: ReportInputs,
        date: NaiveDate,
        report_id: Option<String>,
    ) -> Result<Self, ReportError> {
        let ReportInputs {
            profile,
            status,
            checklist,
            packages,
            evidence: files,
            people,
            inventory,
            members,
            member_decisions,
        } = inputs;
        let profile = profile.ok_or(ReportError::NoProfile)?;
        let mut evidence: HashMap<String, Vec<ReportEvidence>> = HashMap::new();
        for e in files {
            evidence.entry(e.item_id).or_default().push(ReportEvidence {
                title: e.title,
                file_name: e.file_name,
                media_type: e.media_type,
                size: e.size,
                sha256: e.sha256,
                added_at: e.added_at,
            });
        }

        let catalogue_version = checklist.version;
        let mut sections: Vec<ReportSection> = checklist
            .sections
            .iter()
            .map(|s| ReportSection { id: s.id.clone(), title: s.title.clone(), items: vec![] })
            .collect();
        for entry in checklist.entries {
            let section = checklist
                .points
                .iter()
                .find(|p| p.id == entry.item.point)
                .map(|p| p.section.clone())
                .unwrap_or_default();
            let index = match sections.iter().position(|s| s.id == section) {
                Some(i) => i,
                None => {
                    sections.push(ReportSection {
                        id: section.clone(),
                        title: "Weitere Aufgaben".to_owned(),
                        items: vec![],
                    });
                    sections.len() - 1
                }
            };
            let reference = crate::catalogue::reference(&checklist.points, &entry.item);
            let (item, p) = (entry.item, entry.progress);
            let item_evidence = evidence.remove(&item.id).unwrap_or_default();
            sections[index].items.push(ReportItem {
                id: item.id,
                number: Some(item.number),
                point: item.point,
                reference: Some(reference),
                added: item.added,
                dimension: item.dimension,
                actor: item.actor,
                title: item.title,
                package: item.package,
                status: p.status,
                status_label: p.status.label().to_owned(),
                blocked_by: p.blocked_by,
                blocked_text: p.blocked_text,
                owner: p.owner,
                due: p.due,
                land_deadline: item.deadline,
                note: p.note,
                review: entry.review,
                evidence: item_evidence,
            });
        }
        sections.retain(|s| !s.items.is_empty());

        let fachverfahren_in_use: Vec<_> =
            inventory.entries.iter().map(|e| &e.fachverfahren).collect();
        let mut readiness: HashMap<(String, String), ServiceReadiness> =
            service_readiness::assess_all(&packages, &fachverfahren_in_use, date, Voice::Kommune)
                .into_iter()
                .map(|r| ((r.package_id.clone(), r.service_id.clone()), r))
                .collect();
        let mut services = Vec::new();
        let mut report_packages = Vec::new();
        let mut events = Vec::new();
        for installed in packages {
            let m = &installed.manifest;
            let cost = |c: &crate::package::manifest::CostShare| Cost {
                bracket: c.bracket.clone(),
                one_off_cents: c.one_off_cents,
                annual_cents: c.annual_cents,
                note: c.note.clone(),
            };
            report_packages.push(ReportPackage {
                id: m.id.clone(),
                title: m.title.clone(),
                version: m.version,
                land_code: m.land.code.clone(),
                land: m.land.name.clone(),
                issued: m.issued.clone(),
                valid_until: m.valid_until.clone(),
                costs: installed
                    .costs_for_municipality
                    .iter()
                    .filter(|c| c.service.is_none())
                    .map(cost)
                    .collect(),
            });
            for e in &m.events {
                events.push(ReportEvent {
                    package_id: m.id.clone(),
                    id: e.id.clone(),
                    title: e.title.clone(),
                    start: e.start.clone(),
                    registration_deadline: e
                        .registration_deadline
                        .as_deref()
                        .and_then(|d| d.parse().ok()),
                    attended: installed.attended.contains(&e.id),
                });
            }
            for s in &m.services {
                let decision = installed.decisions.get(&s.id).cloned().unwrap_or_default();
                let state = installed.service_states.get(&s.id).cloned().unwrap_or_default();
                let requirements = installed
                    .requirements
                    .iter()
                    .filter(|r| r.input.service_id == s.id)
                    .map(|r| ReportRequirement {
                        kind: r.input.kind.key().to_owned(),
                        kind_label: r.input.kind.label().to_owned(),
                        area: r.input.area.key().to_owned(),
                        area_label: r.input.area.label().to_owned(),
                        priority: r.input.priority.key().to_owned(),
                        priority_label: r.input.priority.label().to_owned(),
                        description: r.input.description.clone(),
                        created_at: r.created_at.clone(),
                    })
                    .collect();
                let c = state.connection;
                services.push(ReportService {
                    package_id: m.id.clone(),
                    package_version: m.version,
                    service_id: s.id.clone(),
                    name: s.name.clone(),
                    leika: s.leika.clone(),
                    ozg_id: s.ozg_id.clone(),
                    decision: decision.decision,
                    decision_label: decision_label(decision.decision).to_owned(),
                    decision_reason: decision.reason,
                    phase: state.phase.map(|p| p.key().to_owned()),
                    costs: installed
                        .costs_for_municipality
                        .iter()
                        .filter(|c| c.service.as_deref() == Some(s.name.as_str()))
                        .map(cost)
                        .collect(),
                    phase_label: state.phase.map(|p| p.label().to_owned()),
                    phase_dates: state
                        .phase_dates
                        .iter()
                        .filter_map(|pd| {
                            Some(ReportPhaseDate {
                                phase: pd.phase.key().to_owned(),
                                phase_label: pd.phase.label().to_owned(),
                                date: pd.date.parse().ok()?,
                            })
                        })
                        .collect(),
                    connection: ReportConnection {
                        ou_id: c.ou_id,
                        pvog_url: c.pvog_url,
                        dvdv_key: c.dvdv_key,
                        fit_connect_destination: c.fit_connect_destination,
                        transport_route: c.transport_route.map(|t| t.key().to_owned()),
                        transport_route_label: c.transport_route.map(|t| t.label().to_owned()),
                    },
                    agreement_expires: state.agreement_expires.and_then(|d| d.parse().ok()),
                    certificate_expires: state.certificate_expires.and_then(|d| d.parse().ok()),
                    pilot_interest: state.pilot_interest,
                    training_needed: state.training_needed,
                    requirements,
                    readiness: readiness
                        .remove(&(m.id.clone(), s.id.clone()))
                        .map(ReportServiceReadiness::from),
                    member_decisions: member_decisions
                        .iter()
                        .filter(|d| d.package_id == m.id && d.service_id == s.id)
                        .filter(|d| members.iter().any(|x| x.ags == d.ags))
                        .map(|d| ReportMemberDecision {
                            ags: d.ags.clone(),
                            decision: d.decision,
                            decision_label: decision_label(d.decision).to_owned(),
                        })
                        .collect(),
                });
            }
        }

        let roles = people
            .into_iter()
            .map(|p| ReportPerson {
                role: p.role.key().to_owned(),
                role_label: p.role_label,
                name: p.name,
                email: p.email,
                phone: p.phone,
            })
            .collect();
        let fachverfahren = inventory
            .entries
            .into_iter()
            .map(|e| {
                let f = e.fachverfahren;
                ReportFachverfahren {
                    product: f.product,
                    vendor: f.vendor,
                    version: f.version,
                    services: f.services,
                    interface: f.interface.key().to_owned(),
                    interface_label: f.interface.label().to_owned(),
                    vendor_commissioned: f.vendor_commissioned,
                    commissioned_on: f.commissioned_on.and_then(|d| d.parse().ok()),
                    analysis: f.analysis.key().to_owned(),
                    analysis_label: f.analysis.label().to_owned(),
                    land_match: e
                        .land_match
                        .map(|l| LandMatch { package_id: l.package_id, id: l.id }),
                }
            })
            .collect();
        let fachverfahren_land_only = inventory
            .land_only
            .into_iter()
            .map(|l| ReportLandFachverfahren {
                package_id: l.package_id,
                id: l.id,
                product: l.product,
                vendor: l.vendor,
                interface: l.interface,
                services: l.services,
            })
            .collect();

        let blockers: Vec<Blocker> = status
            .blockers
            .into_iter()
            .map(|b| Blocker {
                item_id: b.item_id,
                title: b.title,
                party: b.party,
                party_label: b.party_label,
                text: b.text,
            })
            .collect();
        let overall = ReportScore::from(status.overall);
        let (own, land) = (Counts::from(&status.counts), Counts::from(&status.others));
        Ok(ReportData {
            schema: REPORT_SCHEMA.to_owned(),
            report_id: report_id.unwrap_or_else(|| new_report_id(&profile.ags, date)),
            report_date: date,
            created_at: crate::clock::timestamp(),
            generator: Generator {
                name: "Anbindungscheck".to_owned(),
                version: env!("CARGO_PKG_VERSION").to_owned(),
            },
            municipality: profile,
            packages: report_packages,
            readiness: Readiness {
                overall,
                dimensions: status
                    .dimensions
                    .into_iter()
                    .map(|d| DimensionReadiness {
                        dimension: d.dimension,
                        label: d.label,
                        score: d.score.into(),
                    })
                    .collect(),
            },
            counts: own.plus(&land),
            own_counts: Some(own),
            land_counts: Some(land),
            open_items: overall.applicable - overall.done,
            blocker_count: blockers.len() as u32,
            blockers,
            overdue: status.overdue.into_iter().map(DueItem::from).collect(),
            due_soon: status.due_soon.into_iter().map(DueItem::from).collect(),
            checklist: sections,
            catalogue_version: Some(catalogue_version),
            services,
            roles,
            fachverfahren,
            fachverfahren_land_only,
            events,
            members: members
                .into_iter()
                .map(|m| ReportMember { ags: m.ags, name: m.name })
                .collect(),
        })
    }

    /// Number of checklist items.
    pub fn item_count(&self) -> usize {
        self.checklist.iter().map(|s| s.items.len()).sum()
    }

    /// The overall verdict: ready or not, and why (docs/readiness.md, „Gesamturteil“). Services
    /// without a readiness (reports written before it) do not count.
    pub fn overall_verdict(&self) -> crate::readiness::Verdict {
        let mut blocker_parties: Vec<&str> = Vec::new();
        for b in &self.blockers {
            if !blocker_parties.contains(&b.party_label.as_str()) {
                blocker_parties.push(&b.party_label);
            }
        }
        let assessed = || self.services.iter().filter_map(|s| s.readiness.as_ref());
        let overdue_tasks = self.overdue.iter().filter(|d| d.kind == "aufgabe").count();
        crate::readiness::verdict(&crate::readiness::VerdictFacts {
            owner: Actor::Kommune,
            applicable: self.readiness.overall.applicable,
            open: self.open_items,
            blocker_count: self.blocker_count as usize,
            blocker_parties,
            overdue_tasks,
            overdue_other: self.overdue.len() - overdue_tasks,
            services_needed: assessed().filter(|r| r.verdict != "nicht_benoetigt").count() as u32,
            services_not_ready: assessed().filter(|r| r.verdict == "nicht_bereit").count() as u32,
        })
    }

    /// The plain sentence of the summary: ready or not, and why.
    pub fn verdict(&self) -> String {
        self.overall_verdict().text
    }
}
