//! The manifest of an information package: what the Land tells its municipalities (services,
//! contacts, re-use model, costs, events, peer municipalities, Fachverfahren, checklist additions
//! and guidance, documents). Parsing is strict (`deny_unknown_fields`) and [`Manifest::validate`]
//! checks every value, so nothing unchecked reaches the database or the screen.
//!
//! All text is plain text; it is always shown as text, never interpreted as markup.

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

fn err(message: String) -> PackageError {
    PackageError::Invalid(message)
}

/// Checks an identifier: lower-case ASCII letters, digits and `-`, 1–64 characters.
fn check_id(what: &str, id: &str) -> Result<(), PackageError> {
    let ok = !id.is_empty()
        && id.len() <= limits::ID
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(err(format!(
            "{what} {}: erlaubt sind Kleinbuchstaben, Ziffern und „-“ (höchstens {} Zeichen).",
            crate::text::quote_for_message(id),
            limits::ID
        )))
    }
}

/// Checks plain text: not empty (if required), length, no control characters but line breaks.
fn check_text(what: &str, text: &str, max: usize, multiline: bool) -> Result<(), PackageError> {
    if text.trim().is_empty() {
        return Err(err(format!("{what} ist leer.")));
    }
    let count = text.chars().count();
    if count > max {
        return Err(err(format!("{what} ist zu lang ({count} Zeichen, höchstens {max}).")));
    }
    if crate::text::has_forbidden_character(text, multiline) {
        return Err(err(format!("{what} enthält unzulässige Steuerzeichen.")));
    }
    Ok(())
}

fn check_opt(what: &str, text: &Option<String>, max: usize, ml: bool) -> Result<(), PackageError> {
    text.as_deref().map_or(Ok(()), |t| check_text(what, t, max, ml))
}

fn check_date(what: &str, value: &str) -> Result<NaiveDate, PackageError> {
    crate::progress::parse_date("date", what, value).map_err(|e| err(e.to_string()))
}

/// Parses `YYYY-MM-DDTHH:MM` (local time).
pub fn parse_local_time(what: &str, value: &str) -> Result<NaiveDateTime, PackageError> {
    let parsed = (value.len() == 16)
        .then(|| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M").ok())
        .flatten();
    parsed.ok_or_else(|| {
        err(format!(
            "{what} {}: erwartet wird Datum und Uhrzeit im Format JJJJ-MM-TTTHH:MM.",
            crate::text::quote_for_message(value)
        ))
    })
}

fn check_email(what: &str, email: &Option<String>) -> Result<(), PackageError> {
    if let Some(email) = email {
        let input = crate::profile::ProfileInput {
            name: "x".into(),
            ags: "01001000".into(),
            coordinator_email: Some(email.clone()),
            ..Default::default()
        };
        input.validate().map_err(|e| err(format!("{what}: {e}")))?;
    }
    Ok(())
}

fn unique<'a>(
    what: &str,
    ids: impl Iterator<Item = &'a str>,
) -> Result<HashSet<&'a str>, PackageError> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(err(format!("{what} „{id}“ kommt mehrfach vor.")));
        }
    }
    Ok(seen)
}

fn check_len<T>(what: &str, list: &[T], max: usize) -> Result<(), PackageError> {
    if list.len() > max {
        return Err(err(format!("Zu viele {what} ({}, höchstens {max}).", list.len())));
    }
    Ok(())
}

/// Checks a document path: `documents/<name>` with a safe name and a known extension.
pub fn check_document_path(path: &str) -> Result<(), PackageError> {
    let bad = |why: &str| {
        Err(PackageError::UnsafePath(format!(
            "Dokumentpfad {}: {why}",
            crate::text::quote_for_message(path)
        )))
    };
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

impl Manifest {
    /// Checks the whole manifest against the format and against the built-in catalogue.
    pub fn validate(&self, catalogue: &Catalogue) -> Result<(), PackageError> {
        if self.format != FORMAT {
            return Err(PackageError::UnsupportedFormat(self.format.clone()));
        }
        check_id("Paket-ID", &self.id)?;
        if self.version == 0 {
            return Err(err("Die Paketversion muss mindestens 1 sein.".into()));
        }
        check_text("Der Titel des Pakets", &self.title, limits::SHORT_TEXT, false)?;
        check_opt("Die Beschreibung des Pakets", &self.description, limits::LONG_TEXT, true)?;
        let land = Land::try_from(self.land.code.clone())
            .map_err(|e| err(format!("Herausgebendes Land: {e}.")))?;
        if land.name() != self.land.name {
            return Err(err(format!(
                "Herausgebendes Land: Der Schlüssel {} gehört zu {}, nicht zu „{}“.",
                self.land.code,
                land.name(),
                self.land.name
            )));
        }
        let issued = check_date("Ausgabedatum", &self.issued)?;
        let valid_until = check_date("Gültig bis", &self.valid_until)?;
        if valid_until < issued {
            return Err(err("„Gültig bis“ liegt vor dem Ausgabedatum.".into()));
        }

        check_len("Kontakte", &self.contacts, limits::LIST)?;
        unique("Kontakt-ID", self.contacts.iter().map(|c| c.id.as_str()))?;
        for c in &self.contacts {
            check_id("Kontakt-ID", &c.id)?;
            check_text("Name eines Kontakts", &c.name, limits::SHORT_TEXT, false)?;
            check_text("Rolle eines Kontakts", &c.role, limits::SHORT_TEXT, false)?;
            check_opt("Organisation eines Kontakts", &c.organisation, limits::SHORT_TEXT, false)?;
            check_opt("Telefon eines Kontakts", &c.phone, 40, false)?;
            check_email(&format!("Kontakt „{}“", c.id), &c.email)?;
        }

        check_len("Dokumente", &self.documents, limits::DOCUMENTS)?;
        let documents = unique("Dokument", self.documents.iter().map(|d| d.path.as_str()))?;
        for d in &self.documents {
            check_document_path(&d.path)?;
            check_text("Titel eines Dokuments", &d.title, limits::SHORT_TEXT, false)?;
            let ext = d.path.rsplit('.').next().unwrap_or_default().to_ascii_lowercase();
            match MEDIA_TYPES.iter().find(|(t, _)| *t == d.media_type) {
                None => {
                    return Err(err(format!(
                        "Dokument {}: Dateityp „{}“ ist nicht erlaubt.",
                        d.path, d.media_type
                    )))
                }
                Some((_, exts)) if !exts.contains(&ext.as_str()) => {
                    return Err(err(format!(
                        "Dokument {}: Die Endung passt nicht zum Dateityp „{}“.",
                        d.path, d.media_type
                    )))
                }
                Some(_) => {}
            }
            if d.sha256.len() != 64 || !d.sha256.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f'))
            {
                return Err(err(format!(
                    "Dokument {}: Die SHA-256-Prüfsumme fehlt oder ist ungültig.",
                    d.path
                )));
            }
        }
        let known_document = |what: &str, path: &str| {
            if documents.contains(path) {
                Ok(())
            } else {
                Err(PackageError::DanglingReference(format!(
                    "{what} verweist auf das Dokument „{path}“, das im Paket nicht aufgeführt ist."
                )))
            }
        };

        check_len("Onlinedienste", &self.services, limits::LIST)?;
        let services = unique("Onlinedienst", self.services.iter().map(|s| s.id.as_str()))?;
        for s in &self.services {
            check_id("Dienst-ID", &s.id)?;
            check_text("Name eines Onlinedienstes", &s.name, limits::SHORT_TEXT, false)?;
            check_opt(
                "Beschreibung eines Onlinedienstes",
                &s.description,
                limits::LONG_TEXT,
                true,
            )?;
            check_text("Vollzugsebene", &s.vollzug, limits::SHORT_TEXT, false)?;
            for key in &s.leika {
                if key.len() != 14 || !key.chars().all(|c| c.is_ascii_digit()) {
                    return Err(err(format!(
                        "Dienst „{}“: LeiKa-Schlüssel {} muss aus 14 Ziffern bestehen.",
                        s.id,
                        crate::text::quote_for_message(key)
                    )));
                }
            }
            if let Some(ozg) = &s.ozg_id {
                if ozg.is_empty() || ozg.len() > 20 || !ozg.chars().all(|c| c.is_ascii_digit()) {
                    return Err(err(format!(
                        "Dienst „{}“: OZG-ID {} muss aus Ziffern bestehen.",
                        s.id,
                        crate::text::quote_for_message(ozg)
                    )));
                }
            }
        }
        let known_service = |what: &str, id: &str| {
            if services.contains(id) {
                Ok(())
            } else {
                Err(PackageError::DanglingReference(format!(
                    "{what} verweist auf den Onlinedienst „{id}“, den das Paket nicht enthält."
                )))
            }
        };

        check_text(
            "Beschreibung des Nachnutzungsmodells",
            &self.reuse_model.description,
            limits::LONG_TEXT,
            true,
        )?;
        if let Some(doc) = &self.reuse_model.document {
            known_document("Das Nachnutzungsmodell", doc)?;
        }

        check_len("Kostenmodelle", &self.costs, limits::LIST)?;
        unique(
            "Kostenmodell für",
            self.costs.iter().map(|c| c.service.as_deref().unwrap_or("(alle Dienste)")),
        )?;
        for c in &self.costs {
            if let Some(service) = &c.service {
                known_service("Ein Kostenmodell", service)?;
            }
            check_opt("Hinweis zu den Kosten", &c.note, limits::LONG_TEXT, true)?;
            check_len("Staffeln", &c.brackets, 50)?;
            if c.brackets.is_empty() {
                return Err(err("Ein Kostenmodell hat keine Staffel.".into()));
            }
            let mut last = 0u32;
            for (i, b) in c.brackets.iter().enumerate() {
                let open_end = b.max_population.is_none();
                if open_end && i + 1 != c.brackets.len() {
                    return Err(err(
                        "Nur die letzte Kostenstaffel darf ohne Obergrenze sein.".into()
                    ));
                }
                if let Some(max) = b.max_population {
                    if max <= last {
                        return Err(err(
                            "Die Kostenstaffeln müssen nach Einwohnerzahl aufsteigen.".into(),
                        ));
                    }
                    last = max;
                }
                // One billion euros is no municipal cost.
                const MAX_CENTS: u64 = 100_000_000_000;
                if b.one_off_cents > MAX_CENTS || b.annual_cents > MAX_CENTS {
                    return Err(err("Ein Kostenbetrag ist unplausibel hoch.".into()));
                }
            }
        }

        check_len("Veranstaltungen", &self.events, limits::LIST)?;
        unique("Veranstaltung", self.events.iter().map(|e| e.id.as_str()))?;
        for e in &self.events {
            check_id("Veranstaltungs-ID", &e.id)?;
            check_text("Titel einer Veranstaltung", &e.title, limits::SHORT_TEXT, false)?;
            check_opt("Beschreibung einer Veranstaltung", &e.description, limits::LONG_TEXT, true)?;
            check_opt("Ort einer Veranstaltung", &e.place, limits::SHORT_TEXT, false)?;
            let start = parse_local_time("Beginn der Veranstaltung", &e.start)?;
            let end = parse_local_time("Ende der Veranstaltung", &e.end)?;
            if end <= start {
                return Err(err(format!(
                    "Veranstaltung „{}“ endet nicht nach ihrem Beginn.",
                    e.id
                )));
            }
            if let Some(url) = &e.online_url {
                check_text("Link einer Veranstaltung", url, 500, false)?;
                if !url.starts_with("https://")
                    || url.contains(char::is_whitespace)
                    || url.len() < 12
                {
                    return Err(err(format!(
                        "Veranstaltung „{}“: Der Link muss mit https:// beginnen.",
                        e.id
                    )));
                }
            }
            if e.place.is_none() && e.online_url.is_none() {
                return Err(err(format!("Veranstaltung „{}“ hat weder Ort noch Link.", e.id)));
            }
            if let Some(deadline) = &e.registration_deadline {
                check_date("Anmeldeschluss", deadline)?;
            }
        }

        check_len("Kommunen", &self.municipalities, limits::LIST)?;
        unique("Kommune mit AGS", self.municipalities.iter().map(|m| m.ags.as_str()))?;
        for m in &self.municipalities {
            check_text("Name einer Kommune", &m.name, limits::SHORT_TEXT, false)?;
            let ags = Ags::parse(&m.ags).map_err(|e| err(format!("Kommune „{}“: {e}", m.name)))?;
            if ags.as_str() != m.ags {
                return Err(err(format!(
                    "Kommune „{}“: AGS bitte ohne Leerzeichen angeben.",
                    m.name
                )));
            }
            check_opt("Kontakt einer Kommune", &m.contact, limits::SHORT_TEXT, false)?;
            check_email(&format!("Kommune „{}“", m.name), &m.email)?;
            for s in &m.services {
                known_service(&format!("Kommune „{}“", m.name), s)?;
            }
        }

        check_len("Fachverfahren", &self.fachverfahren, limits::LIST)?;
        unique("Fachverfahren", self.fachverfahren.iter().map(|f| f.id.as_str()))?;
        for f in &self.fachverfahren {
            check_id("Fachverfahren-ID", &f.id)?;
            check_text("Produkt eines Fachverfahrens", &f.product, limits::SHORT_TEXT, false)?;
            check_text("Hersteller eines Fachverfahrens", &f.vendor, limits::SHORT_TEXT, false)?;
            check_text(
                "Schnittstelle eines Fachverfahrens",
                &f.interface,
                limits::SHORT_TEXT,
                false,
            )?;
            for s in &f.services {
                known_service(&format!("Fachverfahren „{}“", f.id), s)?;
            }
        }

        let additions = &self.checklist.additions;
        check_len("Zusatzaufgaben", additions, limits::LIST)?;
        let added = unique("Zusatzaufgabe", additions.iter().map(|a| a.id.as_str()))?;
        for a in additions {
            check_id("Aufgaben-ID", &a.id)?;
            if catalogue.item(&a.id).is_some() {
                return Err(err(format!(
                    "Zusatzaufgabe „{}“: Diese ID hat schon eine Aufgabe der Grundcheckliste.",
                    a.id
                )));
            }
            if catalogue.point(&a.point).is_none() {
                return Err(PackageError::DanglingReference(format!(
                    "Zusatzaufgabe „{}“ verweist auf den Punkt „{}“, den die Checkliste nicht kennt.",
                    a.id, a.point
                )));
            }
            check_text("Titel einer Zusatzaufgabe", &a.title, limits::SHORT_TEXT, false)?;
            check_text("Erläuterung einer Zusatzaufgabe", &a.explanation, limits::LONG_TEXT, true)?;
            if let Some(deadline) = &a.deadline {
                check_date("Frist einer Zusatzaufgabe", deadline)?;
            }
        }
        check_len("Hinweise", &self.checklist.guidance, limits::LIST)?;
        unique("Hinweis zur Aufgabe", self.checklist.guidance.iter().map(|g| g.item.as_str()))?;
        for g in &self.checklist.guidance {
            if catalogue.item(&g.item).is_none() && !added.contains(g.item.as_str()) {
                return Err(PackageError::DanglingReference(format!(
                    "Ein Hinweis verweist auf die Aufgabe „{}“, die es nicht gibt.",
                    g.item
                )));
            }
            check_text("Hinweis zu einer Aufgabe", &g.text, limits::LONG_TEXT, true)?;
        }
        Ok(())
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
