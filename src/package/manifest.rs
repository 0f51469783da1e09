//! The manifest of an information package: what the Land tells its municipalities (services,
//! contacts, re-use model, costs, events, peer municipalities, Fachverfahren, checklist additions
//! and guidance, documents). Parsing is strict (`deny_unknown_fields`) and [`Manifest::validate`]
//! checks every value, so nothing unchecked reaches the database or the screen.
//!
//! All text is plain text; it is always shown as text, never interpreted as markup.
//!
//! Validation is one implementation for the import and the Land's editor: [`Manifest::issues`]
//! lists every problem as a [`FieldIssue`]; [`Manifest::validate`], which the build and the
//! import use, refuses with the first of them, word for word.
//!
//! Field paths of the issues name the field as it is spelled in `manifest.json`, from the top,
//! joined by `.`, with the position in a list (from 0) as a segment of its own:
//! `title`, `land.code`, `valid_until`, `reuse_model.document`, `services.0.name`,
//! `services.0.leika.1`, `costs.2.brackets.1.max_population`, `contacts.2.email`,
//! `documents.0.sha256`, `checklist.additions.3.deadline`, `checklist.guidance.0.item`.
//! A problem of a whole list (too many entries, a cost model without brackets) names the list
//! (`events`, `costs.0.brackets`); a repeated ID names the later entry's key
//! (`services.3.id`, `municipalities.1.ags`); an event with neither place nor link names its
//! `place`.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

use crate::ags::{Ags, Land};
use crate::catalogue::{Actor, Catalogue, Dimension};
use crate::keyed::keyed_enum;
use crate::package::PackageError;

/// The format this code reads and writes.
pub const FORMAT: &str = "anbindungscheck.package/1";

/// The manifest, as stored in `manifest.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// Stable package ID, e.g. `by-vergabe-kommunen` (lower-case letters, digits, `-`).
    pub id: String,
    /// Grows with every edition of the package.
    pub version: u32,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub land: LandRef,
    /// `YYYY-MM-DD`.
    pub issued: String,
    /// `YYYY-MM-DD`.
    pub valid_until: String,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub services: Vec<Service>,
    pub reuse_model: ReuseModel,
    #[serde(default)]
    pub costs: Vec<CostModel>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub municipalities: Vec<Municipality>,
    #[serde(default)]
    pub fachverfahren: Vec<Fachverfahren>,
    #[serde(default)]
    pub checklist: ChecklistChanges,
    #[serde(default)]
    pub documents: Vec<Document>,
}

/// The issuing Land.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct LandRef {
    /// Two digits, 01–16.
    pub code: String,
    pub name: String,
}

/// A contact person of the Land: coordination, taskforce, support.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: String,
    pub name: String,
    /// e.g. "Kommunale OZG-Koordination", "OZG-Taskforce".
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Member of the OZG taskforce (Vollzugsteam).
    #[serde(default)]
    pub taskforce: bool,
}

keyed_enum! {
    /// State of a Land-side step.
    pub enum LandStep (field = "land_step", unknown = "Unbekannter Stand") {
        Offen = ("offen", "offen"),
        InVorbereitung = ("in_vorbereitung", "in Vorbereitung"),
        Abgeschlossen = ("abgeschlossen", "abgeschlossen"),
    }
}

/// An EfA online service on offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// LeiKa keys (strings of digits, never numbers).
    #[serde(default)]
    pub leika: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ozg_id: Option<String>,
    /// Who executes the service (Vollzugsebene), e.g. "Kommune".
    pub vollzug: String,
    /// The Land's SaaS re-use contract with FITKO via the FIT-Store.
    pub fit_store_contract: LandStep,
    /// The Land's Nachnutzungsmodell for passing the service on.
    pub reuse_model_status: LandStep,
}

keyed_enum! {
    /// The four ways a Land passes re-use on to its municipalities.
    pub enum ReuseKind (field = "kind", unknown = "Unbekanntes Nachnutzungsmodell") {
        /// FIT-Store, in-house exemption (§ 108 GWB).
        FitStore = ("fit_store", "FIT-Store (Inhouse-Ausnahme, § 108 GWB)"),
        Govdigital = ("govdigital", "govdigital"),
        /// Kommunalvertreter model ("NRW model").
        Kommunalvertreter = ("kommunalvertreter", "Kommunalvertretermodell („NRW-Modell“)"),
        Verwaltungsvereinbarung = ("verwaltungsvereinbarung", "Verwaltungsvereinbarung"),
    }
}

/// The legal model of re-use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ReuseModel {
    pub kind: ReuseKind,
    pub description: String,
    /// Path of the agreement document, e.g. `documents/vereinbarung.pdf`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
}

/// Costs of a service (or of all services, if `service` is empty) by population bracket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CostModel {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Ascending by `max_population`; the last one may have no upper bound.
    pub brackets: Vec<CostBracket>,
}

/// Amounts in euro cents for municipalities up to `max_population` inhabitants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CostBracket {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_population: Option<u32>,
    pub one_off_cents: u64,
    pub annual_cents: u64,
}

/// An information event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Local time (Europe/Berlin), `YYYY-MM-DDTHH:MM`.
    pub start: String,
    pub end: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// `https://…`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online_url: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_deadline: Option<String>,
}

keyed_enum! {
    /// Role of another municipality in the package.
    pub enum MunicipalityRole (field = "role", unknown = "Unbekannte Rolle der Kommune") {
        Pilot = ("pilot", "Pilotkommune"),
        Peer = ("peer", "Partnerkommune"),
    }
}

/// A pilot or peer municipality to exchange with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Municipality {
    pub name: String,
    pub ags: String,
    pub role: MunicipalityRole,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default)]
    pub services: Vec<String>,
}

/// A Fachverfahren the Land knows of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Fachverfahren {
    pub id: String,
    pub product: String,
    pub vendor: String,
    /// e.g. "FIT-Connect", "OSCI/XTA".
    pub interface: String,
    #[serde(default)]
    pub services: Vec<String>,
}

/// What the package adds to the checklist.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ChecklistChanges {
    #[serde(default)]
    pub additions: Vec<ItemAddition>,
    #[serde(default)]
    pub guidance: Vec<Guidance>,
}

/// An extra checklist item of the Land.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ItemAddition {
    pub id: String,
    /// The source point it belongs to (1.1 … 3.3).
    pub point: String,
    pub dimension: Dimension,
    pub actor: Actor,
    pub title: String,
    pub explanation: String,
    /// A deadline the Land sets, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
}

/// Regional guidance of the Land for one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    pub item: String,
    pub text: String,
}

/// A document in the package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// `documents/<name>`; the name uses letters, digits, `.`, `_` and `-`.
    pub path: String,
    pub title: String,
    pub media_type: String,
    /// Bytes; filled in by `package build`.
    #[serde(default)]
    pub size: u64,
    /// Hex SHA-256; filled in by `package build`.
    #[serde(default)]
    pub sha256: String,
}

/// Media types a document may have (what a clerk's office can open safely).
pub const MEDIA_TYPES: [(&str, &[&str]); 7] = [
    ("application/pdf", &["pdf"]),
    ("text/plain", &["txt"]),
    ("text/csv", &["csv"]),
    ("application/vnd.oasis.opendocument.text", &["odt"]),
    ("application/vnd.oasis.opendocument.spreadsheet", &["ods"]),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", &["docx"]),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", &["xlsx"]),
];

/// Limits on the manifest's content.
pub mod limits {
    pub const ID: usize = 64;
    pub const SHORT_TEXT: usize = 300;
    pub const LONG_TEXT: usize = 10_000;
    pub const LIST: usize = 500;
    pub const DOCUMENTS: usize = 200;
}

/// One problem with a manifest, under the field it belongs to. The field is a path as described
/// in the module documentation; the message is German and the same text the import refuses the
/// package with (after "Das Manifest ist ungültig: ", see [`PackageError`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct FieldIssue {
    /// e.g. `title`, `contacts.2.email`, `costs.0.brackets.1.max_population`.
    pub field: String,
    pub message: String,
    /// How the import reports it.
    #[serde(skip)]
    kind: IssueKind,
}

/// How the import reports an issue: the variant of [`PackageError`].
#[derive(Debug, Clone, PartialEq, Eq)]
enum IssueKind {
    /// The format named (not [`FORMAT`]).
    Format(String),
    Invalid,
    /// A reference to a document, service, point or item that does not exist.
    Dangling,
    /// A document path that could leave the package folder.
    UnsafePath,
}

impl From<FieldIssue> for PackageError {
    fn from(issue: FieldIssue) -> PackageError {
        match issue.kind {
            IssueKind::Format(format) => PackageError::UnsupportedFormat(format),
            IssueKind::Invalid => PackageError::Invalid(issue.message),
            IssueKind::Dangling => PackageError::DanglingReference(issue.message),
            IssueKind::UnsafePath => PackageError::UnsafePath(issue.message),
        }
    }
}

/// The issues found so far, in the order of the checks.
#[derive(Default)]
struct Issues(Vec<FieldIssue>);

impl Issues {
    fn add(&mut self, kind: IssueKind, field: String, message: String) {
        self.0.push(FieldIssue { field, message, kind });
    }

    fn invalid(&mut self, field: String, message: impl Into<String>) {
        self.add(IssueKind::Invalid, field, message.into());
    }

    fn dangling(&mut self, field: String, message: String) {
        self.add(IssueKind::Dangling, field, message);
    }

    /// Records the problem of `result` under `field`; gives the checked value, if any.
    fn check<T>(&mut self, field: String, result: Result<T, String>) -> Option<T> {
        result.map_err(|message| self.invalid(field, message)).ok()
    }

    /// A list longer than `max`.
    fn too_many(&mut self, field: &str, what: &str, len: usize, max: usize) {
        if len > max {
            self.invalid(field.to_owned(), format!("Zu viele {what} ({len}, höchstens {max})."));
        }
    }

    /// Every repeated key of the list `list` (its field `key`); gives the keys.
    fn unique<'a>(
        &mut self,
        list: &str,
        key: &str,
        what: &str,
        ids: impl Iterator<Item = &'a str>,
    ) -> HashSet<&'a str> {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            if !seen.insert(id) {
                self.invalid(
                    format!("{list}.{i}.{key}"),
                    format!("{what} „{id}“ kommt mehrfach vor."),
                );
            }
        }
        seen
    }
}

/// Checks an identifier: lower-case ASCII letters, digits and `-`, 1–64 characters.
fn check_id(what: &str, id: &str) -> Result<(), String> {
    let ok = !id.is_empty()
        && id.len() <= limits::ID
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{what} {}: erlaubt sind Kleinbuchstaben, Ziffern und „-“ (höchstens {} Zeichen).",
            crate::text::quote_for_message(id),
            limits::ID
        ))
    }
}

/// Checks plain text: not empty (if required), length, no control characters but line breaks.
fn check_text(what: &str, text: &str, max: usize, multiline: bool) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err(format!("{what} ist leer."));
    }
    let count = text.chars().count();
    if count > max {
        return Err(format!("{what} ist zu lang ({count} Zeichen, höchstens {max})."));
    }
    if crate::text::has_forbidden_character(text, multiline) {
        return Err(format!("{what} enthält unzulässige Steuerzeichen."));
    }
    Ok(())
}

fn check_opt(what: &str, text: &Option<String>, max: usize, ml: bool) -> Result<(), String> {
    text.as_deref().map_or(Ok(()), |t| check_text(what, t, max, ml))
}

fn check_date(what: &str, value: &str) -> Result<NaiveDate, String> {
    crate::progress::parse_date("date", what, value).map_err(|e| e.to_string())
}

fn local_time(what: &str, value: &str) -> Result<NaiveDateTime, String> {
    let parsed = (value.len() == 16)
        .then(|| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M").ok())
        .flatten();
    parsed.ok_or_else(|| {
        format!(
            "{what} {}: erwartet wird Datum und Uhrzeit im Format JJJJ-MM-TTTHH:MM.",
            crate::text::quote_for_message(value)
        )
    })
}

/// Parses `YYYY-MM-DDTHH:MM` (local time).
pub fn parse_local_time(what: &str, value: &str) -> Result<NaiveDateTime, PackageError> {
    local_time(what, value).map_err(PackageError::Invalid)
}

fn check_email(what: &str, email: &Option<String>) -> Result<(), String> {
    if let Some(email) = email {
        let input = crate::profile::ProfileInput {
            name: "x".into(),
            ags: "01001000".into(),
            coordinator_email: Some(email.clone()),
            ..Default::default()
        };
        input.validate().map_err(|e| format!("{what}: {e}"))?;
    }
    Ok(())
}

fn document_path(path: &str) -> Result<(), String> {
    let bad =
        |why: &str| Err(format!("Dokumentpfad {}: {why}", crate::text::quote_for_message(path)));
    let Some(name) = path.strip_prefix("documents/") else {
        return bad("Dokumente müssen im Ordner „documents/“ liegen.");
    };
    if name.is_empty() || name.len() > 120 {
        return bad("der Dateiname fehlt oder ist zu lang.");
    }
    if name.starts_with('.')
        || !name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        return bad("erlaubt sind Buchstaben, Ziffern, „.“, „_“ und „-“, keine Unterordner.");
    }
    Ok(())
}

/// Checks a document path: `documents/<name>` with a safe name and a known extension.
pub fn check_document_path(path: &str) -> Result<(), PackageError> {
    document_path(path).map_err(PackageError::UnsafePath)
}

/// One billion euros is no municipal cost.
const MAX_CENTS: u64 = 100_000_000_000;

impl Manifest {
    /// Checks the whole manifest against the format and against `catalogue` (the built-in one):
    /// the first of its [`issues`](Manifest::issues), as the import refuses the package.
    pub fn validate(&self, catalogue: &Catalogue) -> Result<(), PackageError> {
        match self.issues(catalogue).into_iter().next() {
            Some(issue) => Err(issue.into()),
            None => Ok(()),
        }
    }

    /// Every problem of the manifest, in the order the import meets them, each under its field.
    /// A check that builds on another one that failed is skipped (an end time is not compared
    /// with a start time that could not be read). Empty: the import accepts the manifest.
    pub fn issues(&self, catalogue: &Catalogue) -> Vec<FieldIssue> {
        let mut out = Issues::default();
        if self.format != FORMAT {
            let message = PackageError::UnsupportedFormat(self.format.clone()).to_string();
            out.add(IssueKind::Format(self.format.clone()), "format".into(), message);
            // In another format the other fields mean something else.
            return out.0;
        }
        out.check("id".into(), check_id("Paket-ID", &self.id));
        if self.version == 0 {
            out.invalid("version".into(), "Die Paketversion muss mindestens 1 sein.");
        }
        out.check(
            "title".into(),
            check_text("Der Titel des Pakets", &self.title, limits::SHORT_TEXT, false),
        );
        out.check(
            "description".into(),
            check_opt("Die Beschreibung des Pakets", &self.description, limits::LONG_TEXT, true),
        );
        match Land::try_from(self.land.code.clone()) {
            Err(e) => out.invalid("land.code".into(), format!("Herausgebendes Land: {e}.")),
            Ok(land) if land.name() != self.land.name => out.invalid(
                "land.name".into(),
                format!(
                    "Herausgebendes Land: Der Schlüssel {} gehört zu {}, nicht zu „{}“.",
                    self.land.code,
                    land.name(),
                    self.land.name
                ),
            ),
            Ok(_) => {}
        }
        let issued = out.check("issued".into(), check_date("Ausgabedatum", &self.issued));
        let valid_until =
            out.check("valid_until".into(), check_date("Gültig bis", &self.valid_until));
        if let (Some(issued), Some(valid_until)) = (issued, valid_until) {
            if valid_until < issued {
                out.invalid("valid_until".into(), "„Gültig bis“ liegt vor dem Ausgabedatum.");
            }
        }

        self.check_contacts(&mut out);
        let documents = self.check_documents(&mut out);
        let services = self.check_services(&mut out);
        let known_document = |out: &mut Issues, field: String, what: &str, path: &str| {
            if !documents.contains(path) {
                out.dangling(
                    field,
                    format!(
                        "{what} verweist auf das Dokument „{path}“, das im Paket nicht aufgeführt ist."
                    ),
                );
            }
        };
        let known_service = |out: &mut Issues, field: String, what: &str, id: &str| {
            if !services.contains(id) {
                out.dangling(
                    field,
                    format!(
                        "{what} verweist auf den Onlinedienst „{id}“, den das Paket nicht enthält."
                    ),
                );
            }
        };

        out.check(
            "reuse_model.description".into(),
            check_text(
                "Beschreibung des Nachnutzungsmodells",
                &self.reuse_model.description,
                limits::LONG_TEXT,
                true,
            ),
        );
        if let Some(doc) = &self.reuse_model.document {
            known_document(&mut out, "reuse_model.document".into(), "Das Nachnutzungsmodell", doc);
        }

        out.too_many("costs", "Kostenmodelle", self.costs.len(), limits::LIST);
        out.unique(
            "costs",
            "service",
            "Kostenmodell für",
            self.costs.iter().map(|c| c.service.as_deref().unwrap_or("(alle Dienste)")),
        );
        for (i, c) in self.costs.iter().enumerate() {
            if let Some(service) = &c.service {
                known_service(&mut out, format!("costs.{i}.service"), "Ein Kostenmodell", service);
            }
            out.check(
                format!("costs.{i}.note"),
                check_opt("Hinweis zu den Kosten", &c.note, limits::LONG_TEXT, true),
            );
            let brackets = format!("costs.{i}.brackets");
            out.too_many(&brackets, "Staffeln", c.brackets.len(), 50);
            if c.brackets.is_empty() {
                out.invalid(brackets.clone(), "Ein Kostenmodell hat keine Staffel.");
            }
            let mut last = 0u32;
            for (j, b) in c.brackets.iter().enumerate() {
                let at = |f: &str| format!("{brackets}.{j}.{f}");
                match b.max_population {
                    None if j + 1 != c.brackets.len() => out.invalid(
                        at("max_population"),
                        "Nur die letzte Kostenstaffel darf ohne Obergrenze sein.",
                    ),
                    None => {}
                    Some(max) => {
                        if max <= last {
                            out.invalid(
                                at("max_population"),
                                "Die Kostenstaffeln müssen nach Einwohnerzahl aufsteigen.",
                            );
                        }
                        last = last.max(max);
                    }
                }
                for (field, cents) in
                    [("one_off_cents", b.one_off_cents), ("annual_cents", b.annual_cents)]
                {
                    if cents > MAX_CENTS {
                        out.invalid(at(field), "Ein Kostenbetrag ist unplausibel hoch.");
                    }
                }
            }
        }

        self.check_events(&mut out);

        out.too_many("municipalities", "Kommunen", self.municipalities.len(), limits::LIST);
        out.unique(
            "municipalities",
            "ags",
            "Kommune mit AGS",
            self.municipalities.iter().map(|m| m.ags.as_str()),
        );
        for (i, m) in self.municipalities.iter().enumerate() {
            let at = |f: &str| format!("municipalities.{i}.{f}");
            out.check(
                at("name"),
                check_text("Name einer Kommune", &m.name, limits::SHORT_TEXT, false),
            );
            match Ags::parse(&m.ags) {
                Err(e) => out.invalid(at("ags"), format!("Kommune „{}“: {e}", m.name)),
                Ok(ags) if ags.as_str() != m.ags => out.invalid(
                    at("ags"),
                    format!("Kommune „{}“: AGS bitte ohne Leerzeichen angeben.", m.name),
                ),
                Ok(_) => {}
            }
            out.check(
                at("contact"),
                check_opt("Kontakt einer Kommune", &m.contact, limits::SHORT_TEXT, false),
            );
            out.check(at("email"), check_email(&format!("Kommune „{}“", m.name), &m.email));
            for (j, s) in m.services.iter().enumerate() {
                known_service(
                    &mut out,
                    at(&format!("services.{j}")),
                    &format!("Kommune „{}“", m.name),
                    s,
                );
            }
        }

        out.too_many("fachverfahren", "Fachverfahren", self.fachverfahren.len(), limits::LIST);
        out.unique(
            "fachverfahren",
            "id",
            "Fachverfahren",
            self.fachverfahren.iter().map(|f| f.id.as_str()),
        );
        for (i, f) in self.fachverfahren.iter().enumerate() {
            let at = |field: &str| format!("fachverfahren.{i}.{field}");
            out.check(at("id"), check_id("Fachverfahren-ID", &f.id));
            let texts = [
                ("product", "Produkt eines Fachverfahrens", &f.product),
                ("vendor", "Hersteller eines Fachverfahrens", &f.vendor),
                ("interface", "Schnittstelle eines Fachverfahrens", &f.interface),
            ];
            for (field, what, text) in texts {
                out.check(at(field), check_text(what, text, limits::SHORT_TEXT, false));
            }
            for (j, s) in f.services.iter().enumerate() {
                known_service(
                    &mut out,
                    at(&format!("services.{j}")),
                    &format!("Fachverfahren „{}“", f.id),
                    s,
                );
            }
        }

        self.check_checklist(&mut out, catalogue);
        out.0
    }

    fn check_contacts(&self, out: &mut Issues) {
        out.too_many("contacts", "Kontakte", self.contacts.len(), limits::LIST);
        out.unique("contacts", "id", "Kontakt-ID", self.contacts.iter().map(|c| c.id.as_str()));
        for (i, c) in self.contacts.iter().enumerate() {
            let at = |f: &str| format!("contacts.{i}.{f}");
            out.check(at("id"), check_id("Kontakt-ID", &c.id));
            out.check(
                at("name"),
                check_text("Name eines Kontakts", &c.name, limits::SHORT_TEXT, false),
            );
            out.check(
                at("role"),
                check_text("Rolle eines Kontakts", &c.role, limits::SHORT_TEXT, false),
            );
            out.check(
                at("organisation"),
                check_opt(
                    "Organisation eines Kontakts",
                    &c.organisation,
                    limits::SHORT_TEXT,
                    false,
                ),
            );
            out.check(at("phone"), check_opt("Telefon eines Kontakts", &c.phone, 40, false));
            out.check(at("email"), check_email(&format!("Kontakt „{}“", c.id), &c.email));
        }
    }

    /// Gives the listed paths.
    fn check_documents(&self, out: &mut Issues) -> HashSet<&str> {
        out.too_many("documents", "Dokumente", self.documents.len(), limits::DOCUMENTS);
        let paths = out.unique(
            "documents",
            "path",
            "Dokument",
            self.documents.iter().map(|d| d.path.as_str()),
        );
        for (i, d) in self.documents.iter().enumerate() {
            let at = |f: &str| format!("documents.{i}.{f}");
            let path_ok = match document_path(&d.path) {
                Ok(()) => true,
                Err(message) => {
                    out.add(IssueKind::UnsafePath, at("path"), message);
                    false
                }
            };
            out.check(
                at("title"),
                check_text("Titel eines Dokuments", &d.title, limits::SHORT_TEXT, false),
            );
            let ext = d.path.rsplit('.').next().unwrap_or_default().to_ascii_lowercase();
            match MEDIA_TYPES.iter().find(|(t, _)| *t == d.media_type) {
                None => out.invalid(
                    at("media_type"),
                    format!("Dokument {}: Dateityp „{}“ ist nicht erlaubt.", d.path, d.media_type),
                ),
                // The extension of an unusable path says nothing.
                Some((_, exts)) if path_ok && !exts.contains(&ext.as_str()) => out.invalid(
                    at("media_type"),
                    format!(
                        "Dokument {}: Die Endung passt nicht zum Dateityp „{}“.",
                        d.path, d.media_type
                    ),
                ),
                Some(_) => {}
            }
            if d.sha256.len() != 64 || !d.sha256.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f'))
            {
                out.invalid(
                    at("sha256"),
                    format!("Dokument {}: Die SHA-256-Prüfsumme fehlt oder ist ungültig.", d.path),
                );
            }
        }
        paths
    }

    /// Gives the service IDs.
    fn check_services(&self, out: &mut Issues) -> HashSet<&str> {
        out.too_many("services", "Onlinedienste", self.services.len(), limits::LIST);
        let ids = out.unique(
            "services",
            "id",
            "Onlinedienst",
            self.services.iter().map(|s| s.id.as_str()),
        );
        for (i, s) in self.services.iter().enumerate() {
            let at = |f: &str| format!("services.{i}.{f}");
            out.check(at("id"), check_id("Dienst-ID", &s.id));
            out.check(
                at("name"),
                check_text("Name eines Onlinedienstes", &s.name, limits::SHORT_TEXT, false),
            );
            out.check(
                at("description"),
                check_opt(
                    "Beschreibung eines Onlinedienstes",
                    &s.description,
                    limits::LONG_TEXT,
                    true,
                ),
            );
            out.check(
                at("vollzug"),
                check_text("Vollzugsebene", &s.vollzug, limits::SHORT_TEXT, false),
            );
            for (j, key) in s.leika.iter().enumerate() {
                if key.len() != 14 || !key.chars().all(|c| c.is_ascii_digit()) {
                    out.invalid(
                        at(&format!("leika.{j}")),
                        format!(
                            "Dienst „{}“: LeiKa-Schlüssel {} muss aus 14 Ziffern bestehen.",
                            s.id,
                            crate::text::quote_for_message(key)
                        ),
                    );
                }
            }
            if let Some(ozg) = &s.ozg_id {
                if ozg.is_empty() || ozg.len() > 20 || !ozg.chars().all(|c| c.is_ascii_digit()) {
                    out.invalid(
                        at("ozg_id"),
                        format!(
                            "Dienst „{}“: OZG-ID {} muss aus Ziffern bestehen.",
                            s.id,
                            crate::text::quote_for_message(ozg)
                        ),
                    );
                }
            }
        }
        ids
    }

    fn check_events(&self, out: &mut Issues) {
        out.too_many("events", "Veranstaltungen", self.events.len(), limits::LIST);
        out.unique("events", "id", "Veranstaltung", self.events.iter().map(|e| e.id.as_str()));
        for (i, e) in self.events.iter().enumerate() {
            let at = |f: &str| format!("events.{i}.{f}");
            out.check(at("id"), check_id("Veranstaltungs-ID", &e.id));
            out.check(
                at("title"),
                check_text("Titel einer Veranstaltung", &e.title, limits::SHORT_TEXT, false),
            );
            out.check(
                at("description"),
                check_opt(
                    "Beschreibung einer Veranstaltung",
                    &e.description,
                    limits::LONG_TEXT,
                    true,
                ),
            );
            out.check(
                at("place"),
                check_opt("Ort einer Veranstaltung", &e.place, limits::SHORT_TEXT, false),
            );
            let start = out.check(at("start"), local_time("Beginn der Veranstaltung", &e.start));
            let end = out.check(at("end"), local_time("Ende der Veranstaltung", &e.end));
            if let (Some(start), Some(end)) = (start, end) {
                if end <= start {
                    out.invalid(
                        at("end"),
                        format!("Veranstaltung „{}“ endet nicht nach ihrem Beginn.", e.id),
                    );
                }
            }
            if let Some(url) = &e.online_url {
                let text_ok = out.check(
                    at("online_url"),
                    check_text("Link einer Veranstaltung", url, 500, false),
                );
                if text_ok.is_some()
                    && (!url.starts_with("https://")
                        || url.contains(char::is_whitespace)
                        || url.len() < 12)
                {
                    out.invalid(
                        at("online_url"),
                        format!("Veranstaltung „{}“: Der Link muss mit https:// beginnen.", e.id),
                    );
                }
            }
            if e.place.is_none() && e.online_url.is_none() {
                out.invalid(
                    at("place"),
                    format!("Veranstaltung „{}“ hat weder Ort noch Link.", e.id),
                );
            }
            if let Some(deadline) = &e.registration_deadline {
                out.check(at("registration_deadline"), check_date("Anmeldeschluss", deadline));
            }
        }
    }

    fn check_checklist(&self, out: &mut Issues, catalogue: &Catalogue) {
        let additions = &self.checklist.additions;
        out.too_many("checklist.additions", "Zusatzaufgaben", additions.len(), limits::LIST);
        let added = out.unique(
            "checklist.additions",
            "id",
            "Zusatzaufgabe",
            additions.iter().map(|a| a.id.as_str()),
        );
        for (i, a) in additions.iter().enumerate() {
            let at = |f: &str| format!("checklist.additions.{i}.{f}");
            out.check(at("id"), check_id("Aufgaben-ID", &a.id));
            if catalogue.item(&a.id).is_some() {
                out.invalid(
                    at("id"),
                    format!(
                        "Zusatzaufgabe „{}“: Diese ID hat schon eine Aufgabe der Grundcheckliste.",
                        a.id
                    ),
                );
            }
            if catalogue.point(&a.point).is_none() {
                out.dangling(
                    at("point"),
                    format!(
                        "Zusatzaufgabe „{}“ verweist auf den Punkt „{}“, den die Checkliste nicht kennt.",
                        a.id, a.point
                    ),
                );
            }
            out.check(
                at("title"),
                check_text("Titel einer Zusatzaufgabe", &a.title, limits::SHORT_TEXT, false),
            );
            out.check(
                at("explanation"),
                check_text(
                    "Erläuterung einer Zusatzaufgabe",
                    &a.explanation,
                    limits::LONG_TEXT,
                    true,
                ),
            );
            if let Some(deadline) = &a.deadline {
                out.check(at("deadline"), check_date("Frist einer Zusatzaufgabe", deadline));
            }
        }
        let guidance = &self.checklist.guidance;
        out.too_many("checklist.guidance", "Hinweise", guidance.len(), limits::LIST);
        out.unique(
            "checklist.guidance",
            "item",
            "Hinweis zur Aufgabe",
            guidance.iter().map(|g| g.item.as_str()),
        );
        for (i, g) in guidance.iter().enumerate() {
            let at = |f: &str| format!("checklist.guidance.{i}.{f}");
            if catalogue.item(&g.item).is_none() && !added.contains(g.item.as_str()) {
                out.dangling(
                    at("item"),
                    format!(
                        "Ein Hinweis verweist auf die Aufgabe „{}“, die es nicht gibt.",
                        g.item
                    ),
                );
            }
            out.check(
                at("text"),
                check_text("Hinweis zu einer Aufgabe", &g.text, limits::LONG_TEXT, true),
            );
        }
    }

    /// The issuing Land (valid after [`Manifest::validate`]).
    pub fn land(&self) -> Option<Land> {
        Land::try_from(self.land.code.clone()).ok()
    }
}

/// The cost for a municipality of this population under a cost model.
pub fn bracket_for(model: &CostModel, population: u32) -> Option<&CostBracket> {
    model.brackets.iter().find(|b| b.max_population.is_none_or(|max| population <= max))
}

/// What a cost model means for one municipality.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CostShare {
    /// The service's name, or `None` for a model that covers all services.
    pub service: Option<String>,
    /// The bracket that applies, e.g. "bis 50.000 Einwohner".
    pub bracket: String,
    pub one_off_cents: u64,
    pub annual_cents: u64,
    pub note: Option<String>,
}

/// The costs of every cost model for a municipality of `population` inhabitants.
pub fn costs_for(manifest: &Manifest, population: u32) -> Vec<CostShare> {
    manifest
        .costs
        .iter()
        .filter_map(|model| {
            let b = bracket_for(model, population)?;
            let bracket = match b.max_population {
                Some(max) => format!("bis {} Einwohner", group_thousands(max)),
                None => {
                    let below = model.brackets.iter().filter_map(|b| b.max_population).max();
                    match below {
                        Some(max) => format!("über {} Einwohner", group_thousands(max)),
                        None => "alle Kommunen".to_owned(),
                    }
                }
            };
            Some(CostShare {
                service: model.service.as_ref().and_then(|id| {
                    manifest.services.iter().find(|s| &s.id == id).map(|s| s.name.clone())
                }),
                bracket,
                one_off_cents: b.one_off_cents,
                annual_cents: b.annual_cents,
                note: model.note.clone(),
            })
        })
        .collect()
}

/// 50000 → "50.000".
pub fn group_thousands(n: impl Into<u64>) -> String {
    let digits = n.into().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Parses manifest text (after the signature check).
pub fn parse_manifest(text: &str) -> Result<Manifest, PackageError> {
    // Windows editors may save UTF-8 with a byte order mark; it carries no content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| PackageError::Malformed(crate::json_error::german(&e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Manifest {
        serde_json::from_str(include_str!("../../examples/paket-vergabe/manifest.json")).unwrap()
    }

    #[test]
    fn the_example_is_valid_apart_from_hashes_filled_by_the_build() {
        let mut m = example();
        for d in &mut m.documents {
            d.sha256 = "0".repeat(64);
        }
        m.validate(Catalogue::builtin()).unwrap();
    }

    /// The example with its hashes filled: no issues.
    fn valid() -> Manifest {
        let mut m = example();
        for d in &mut m.documents {
            d.sha256 = "0".repeat(64);
        }
        m
    }

    fn issues_of(change: impl FnOnce(&mut Manifest)) -> Vec<(String, String)> {
        let mut m = valid();
        change(&mut m);
        m.issues(Catalogue::builtin()).into_iter().map(|i| (i.field, i.message)).collect()
    }

    #[test]
    fn each_problem_is_reported_under_its_field() {
        type Change = fn(&mut Manifest);
        let cases: [(Change, &str, &str); 12] = [
            (|m| m.title = " ".into(), "title", "Der Titel des Pakets ist leer."),
            (
                |m| m.valid_until = "2026-01-01".into(),
                "valid_until",
                "„Gültig bis“ liegt vor dem Ausgabedatum.",
            ),
            (|m| m.land.name = "Bayern".into(), "land.name", "gehört zu Niedersachsen"),
            (|m| m.services[0].name = String::new(), "services.0.name", "Onlinedienstes ist leer"),
            (|m| m.services[0].leika.push("12".into()), "services.0.leika.1", "14 Ziffern"),
            (
                |m| m.costs[0].brackets[1].max_population = Some(1),
                "costs.0.brackets.1.max_population",
                "aufsteigen",
            ),
            (
                |m| m.costs[0].brackets[0].annual_cents = MAX_CENTS + 1,
                "costs.0.brackets.0.annual_cents",
                "unplausibel hoch",
            ),
            (
                |m| m.contacts[2].email = Some("kein-at".into()),
                "contacts.2.email",
                "Kontakt „technik“",
            ),
            (|m| m.documents[0].title = String::new(), "documents.0.title", "Dokuments ist leer"),
            (|m| m.events[0].end = m.events[0].start.clone(), "events.0.end", "endet nicht"),
            (
                |m| m.contacts[1].id = m.contacts[0].id.clone(),
                "contacts.1.id",
                "Kontakt-ID „koordination“ kommt mehrfach vor.",
            ),
            (
                |m| m.checklist.guidance[0].item = "gibt-es-nicht".into(),
                "checklist.guidance.0.item",
                "„gibt-es-nicht“",
            ),
        ];
        for (change, field, message) in cases {
            let issues = issues_of(change);
            assert_eq!(issues.len(), 1, "{field}: {issues:?}");
            assert_eq!(issues[0].0, field);
            assert!(issues[0].1.contains(message), "{field}: {}", issues[0].1);
        }
    }

    #[test]
    fn checks_that_build_on_a_failed_one_are_skipped() {
        let issues = issues_of(|m| m.land.code = "17".into());
        assert_eq!(issues.len(), 1, "no complaint about the name: {issues:?}");
        assert_eq!(issues[0].0, "land.code");
        let issues = issues_of(|m| m.events[0].start = "morgen".into());
        assert_eq!(issues.len(), 1, "no comparison with the end: {issues:?}");
        assert_eq!(issues[0].0, "events.0.start");
        let issues = issues_of(|m| m.issued = "2026-13-01".into());
        assert_eq!(issues.iter().map(|i| i.0.as_str()).collect::<Vec<_>>(), ["issued"]);
        let issues = issues_of(|m| m.format = "anbindungscheck.package/9".into());
        assert_eq!(issues.len(), 1, "another format is not checked further: {issues:?}");
    }

    #[test]
    fn validate_refuses_with_the_first_issue_word_for_word() {
        let mut m = valid();
        m.title = String::new();
        m.contacts[1].phone = Some("x".repeat(41));
        m.documents[1].path = "documents/sub/x.csv".into();
        m.reuse_model.document = Some("documents/fehlt.pdf".into());
        let issues = m.issues(Catalogue::builtin());
        let fields: Vec<_> = issues.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(
            fields,
            ["title", "contacts.1.phone", "documents.1.path", "reuse_model.document"]
        );
        let err = m.validate(Catalogue::builtin()).unwrap_err();
        assert_eq!(err.to_string(), "Das Manifest ist ungültig: Der Titel des Pakets ist leer.");
        // Each issue becomes the error the import would give for it alone.
        let errors: Vec<_> =
            issues.into_iter().map(|i| (PackageError::from(i.clone()), i.message)).collect();
        assert!(matches!(errors[2].0, PackageError::UnsafePath(_)));
        assert!(matches!(errors[3].0, PackageError::DanglingReference(_)));
        for (e, message) in errors {
            assert!(e.to_string().ends_with(&message), "{e}");
        }
    }

    #[test]
    fn an_issue_serializes_as_field_and_message() {
        let issue = issues_of(|m| m.valid_until = "2026-01-01".into()).remove(0);
        let issue = FieldIssue { field: issue.0, message: issue.1, kind: IssueKind::Invalid };
        assert_eq!(
            serde_json::to_value(&issue).unwrap(),
            serde_json::json!({
                "field": "valid_until",
                "message": "„Gültig bis“ liegt vor dem Ausgabedatum."
            })
        );
    }

    #[test]
    fn a_byte_order_mark_is_accepted_and_errors_are_german() {
        let text = include_str!("../../examples/paket-vergabe/manifest.json");
        let parsed = parse_manifest(&format!("\u{feff}{text}"));
        assert_eq!(parsed.unwrap().id, example().id);
        let err = parse_manifest(&text.replacen("\"id\"", "\"ids\"", 1)).unwrap_err().to_string();
        assert!(err.contains("Zeile 3, Spalte 7: unbekanntes Feld „ids“"), "{err}");
    }

    #[test]
    fn cost_brackets_pick_the_first_that_fits() {
        let m = example();
        let cases = [
            (1, 60_000, "bis 10.000"),
            (10_000, 60_000, "bis 10.000"),
            (10_001, 120_000, "bis 50.000"),
            (200_000, 240_000, "bis 200.000"),
            (3_500_000, 480_000, "über 200.000"),
        ];
        for (population, annual, bracket) in cases {
            let share = &costs_for(&m, population)[0];
            assert_eq!(share.annual_cents, annual, "{population}");
            assert!(share.bracket.starts_with(bracket), "{population}: {}", share.bracket);
        }
    }

    #[test]
    fn ids_and_paths_are_strict() {
        assert!(check_id("x", "ok-1").is_ok());
        for bad in ["", "Gross", "mit leer", "-start", "ä", &"x".repeat(65)] {
            assert!(check_id("x", bad).is_err(), "{bad:?}");
        }
        assert!(check_document_path("documents/a_b-1.pdf").is_ok());
        for bad in [
            "a.pdf",
            "documents/",
            "documents/.hidden",
            "documents/a/b.pdf",
            "documents/a b.pdf",
            "documents/../x",
        ] {
            assert!(check_document_path(bad).is_err(), "{bad:?}");
        }
    }
}
