//! The audit trail: every change to the profile or to an item's progress, field by field, with
//! the old and the new value. Changes of a Land's keys are recorded under `package` with the
//! item `land:<code>`.

use serde::{Deserialize, Serialize};

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct HistoryEntry {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    /// `profile`, `item`, `package`, `service`, `event`, `person`, `fachverfahren`, `evidence`
    /// or `requirement`.
    pub entity: String,
    pub item_id: Option<String>,
    /// The item's title, if the item is known.
    pub item_title: Option<String>,
    /// What was changed, in German: "Profil", the item's title, "Onlinedienst „…“", …
    pub subject: String,
    pub field: String,
    /// German name of the field.
    pub field_label: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    /// The values as the clerk reads them (German labels instead of keys).
    pub old_display: Option<String>,
    pub new_display: Option<String>,
}

/// Which entries to list; all fields optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct HistoryFilter {
    /// Only changes of this item.
    #[cfg_attr(test, ts(optional = nullable))]
    pub item_id: Option<String>,
    /// Only changes on or after this day (`YYYY-MM-DD`, UTC).
    #[cfg_attr(test, ts(optional = nullable))]
    pub since: Option<String>,
    /// Only changes on or before this day (`YYYY-MM-DD`, UTC).
    #[cfg_attr(test, ts(optional = nullable))]
    pub until: Option<String>,
    /// At most this many, newest first (default 500).
    #[cfg_attr(test, ts(optional = nullable))]
    pub limit: Option<u32>,
}

/// Fields whose label depends on what they belong to: `(entity, field, label)`.
pub const ENTITY_FIELD_LABELS: &[(&str, &str, &str)] = &[
    ("profile", "name", "Name der Kommune"),
    ("fachverfahren", "version", "Version"),
    ("land", "name", "Name der OZG-Koordination"),
    ("land", "land_code", "Land"),
];

/// Labels of fields that mean the same wherever they are recorded: `(field, label)`.
pub const FIELD_LABELS: &[(&str, &str)] = &[
    ("name", "Name"),
    ("ags", "AGS / ARS"),
    ("kommune_kind", "Art der Kommune"),
    ("member", "Mitglied"),
    ("member_decision", "Entscheidung (Bedarfsträger) eines Mitglieds"),
    ("population", "Einwohnerzahl"),
    ("coordinator_name", "Ansprechperson für die OZG-Umsetzung"),
    ("coordinator_email", "E-Mail der Ansprechperson für die OZG-Umsetzung"),
    ("coordinator_phone", "Telefon der Ansprechperson für die OZG-Umsetzung"),
    ("status", "Status"),
    ("blocked_by", "Blockiert durch"),
    ("blocked_text", "Beschreibung der Blockade"),
    ("owner", "Verantwortlich"),
    ("due", "Fällig am"),
    ("note", "Notiz"),
    ("version", "Paketversion"),
    ("decision", "Entscheidung (Bedarfsträger)"),
    ("decision_reason", "Begründung"),
    ("attended", "Teilgenommen"),
    ("review", "Bitte prüfen"),
    ("role", "Rolle"),
    ("email", "E-Mail"),
    ("phone", "Telefon"),
    ("phase", "Phase"),
    ("phase_dates", "Termine der Phasen"),
    ("ou_id", "Organisationseinheit-ID"),
    ("pvog_url", "PVOG-Link"),
    ("dvdv_key", "DVDV-Kennung"),
    ("fit_connect_destination", "FIT-Connect-Zustellpunkt"),
    ("transport_route", "Transportweg"),
    ("agreement_expires", "Vereinbarung gültig bis"),
    ("certificate_expires", "Zertifikat gültig bis"),
    ("pilot_interest", "Interesse als Pilotkommune"),
    ("training_needed", "Schulungsbedarf"),
    ("product", "Produkt"),
    ("vendor", "Hersteller"),
    ("services", "Onlinedienste"),
    ("interface", "Schnittstelle"),
    ("vendor_commissioned", "Hersteller beauftragt"),
    ("commissioned_on", "Beauftragt am"),
    ("analysis", "Analysestand"),
    ("evidence", "Nachweis"),
    ("kind", "Art"),
    ("area", "Bereich"),
    ("description", "Beschreibung"),
    ("priority", "Priorität"),
    ("publication", "Veröffentlicht"),
    ("key", "Signaturschlüssel"),
    ("key_rotated", "Neuer Schlüssel, vom bisherigen bestätigt"),
    ("key_trusted", "Neuer Schlüssel, Fingerabdruck bestätigt"),
    ("key_revoked", "Schlüssel widerrufen"),
];

/// The German label of a recorded field of `entity`.
pub fn field_label(entity: &str, field: &str) -> &'static str {
    ENTITY_FIELD_LABELS
        .iter()
        .find(|(e, f, _)| *e == entity && *f == field)
        .map(|(_, _, label)| *label)
        .or_else(|| FIELD_LABELS.iter().find(|(f, _)| *f == field).map(|(_, label)| *label))
        .unwrap_or("Sonstiges")
}

/// A stored value with keys replaced by their German labels.
pub(crate) fn label_of(field: &str, value: &str) -> String {
    let label = match field {
        "status" => value.parse::<crate::progress::Status>().ok().map(|s| s.label()),
        "blocked_by" => value.parse::<crate::progress::BlockingParty>().ok().map(|p| p.label()),
        "role" => value.parse::<crate::roles::Role>().ok().map(|r| r.label()),
        "decision" => value.parse::<crate::installed::Decision>().ok().map(|d| d.label()),
        "phase" => value.parse::<crate::service_state::Phase>().ok().map(|p| p.label()),
        "transport_route" => {
            value.parse::<crate::service_state::TransportRoute>().ok().map(|t| t.label())
        }
        "interface" => value.parse::<crate::inventory::Interface>().ok().map(|i| i.label()),
        "analysis" => value.parse::<crate::inventory::Analysis>().ok().map(|a| a.label()),
        "kind" => value.parse::<crate::requirements::RequirementKind>().ok().map(|k| k.label()),
        "area" => value.parse::<crate::requirements::Area>().ok().map(|a| a.label()),
        "priority" => value.parse::<crate::requirements::Priority>().ok().map(|p| p.label()),
        "land_code" => crate::land_profile::parse_land(value).ok().map(|l| l.name()),
        "kommune_kind" => value.parse::<crate::profile::KommuneKind>().ok().map(|k| k.label()),
        _ => None,
    };
    label.map_or_else(|| value.to_owned(), str::to_owned)
}

/// A stored value as the history shows it: keys by their German labels ([`label_of`]), the
/// services of a Fachverfahren by their names (`names` as for [`subject`]), and dates
/// (`YYYY-MM-DD`, also within a text such as the phase dates) as `TT.MM.JJJJ`.
pub(crate) fn shown(
    field: &str,
    value: &str,
    names: &std::collections::HashMap<String, String>,
) -> String {
    let value = if field == "services" {
        let name = |id: &str| {
            let key = format!("/{id}");
            names.iter().find(|(k, _)| k.ends_with(&key)).map_or(id.to_owned(), |(_, n)| n.clone())
        };
        value.split(", ").map(name).collect::<Vec<_>>().join(", ")
    } else {
        label_of(field, value)
    };
    german_dates(&value)
}

/// The text with every ISO date (`2027-03-01`) written the German way (`01.03.2027`).
fn german_dates(text: &str) -> String {
    let b = text.as_bytes();
    let is_date = |i: usize| {
        i + 10 <= b.len()
            && b[i..i + 10].iter().enumerate().all(|(j, c)| match j {
                4 | 7 => *c == b'-',
                _ => c.is_ascii_digit(),
            })
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && (i + 10 == b.len() || !b[i + 10].is_ascii_digit())
    };
    let (mut out, mut i, mut from) = (String::new(), 0, 0);
    while i < b.len() {
        if is_date(i) {
            out.push_str(&text[from..i]);
            out.push_str(&format!(
                "{}.{}.{}",
                &text[i + 8..i + 10],
                &text[i + 5..i + 7],
                &text[i..i + 4]
            ));
            i += 10;
            from = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&text[from..]);
    out
}

/// What an audit entry is about, in German. `names` holds the names of packages, services and
/// events by the IDs the audit trail records for them.
pub(crate) fn subject(
    entity: &str,
    id: Option<&str>,
    item_title: &Option<String>,
    names: &std::collections::HashMap<String, String>,
) -> String {
    let named = |what: &str| match id.and_then(|id| names.get(id)) {
        Some(name) => format!("{what} „{name}“"),
        None => format!("{what} {}", id.unwrap_or_default()).trim_end().to_owned(),
    };
    match entity {
        "profile" | "land" => "Profil".to_owned(),
        "item" | "evidence" => {
            item_title.clone().or_else(|| id.map(str::to_owned)).unwrap_or_default()
        }
        "package" => match id.and_then(|id| id.strip_prefix("land:")) {
            Some(code) => match crate::ags::Land::try_from(code.to_owned()) {
                Ok(land) => format!("Schlüssel des Landes {}", land.name()),
                Err(_) => "Schlüssel eines Landes".to_owned(),
            },
            None => named("Informationspaket"),
        },
        "service" | "requirement" => named("Onlinedienst"),
        "event" => named("Veranstaltung"),
        "person" => "Ansprechpersonen".to_owned(),
        "fachverfahren" => "Fachverfahren".to_owned(),
        other => other.to_owned(),
    }
}

/// A changed field: name, old and new value as text.
pub(crate) type Change = (&'static str, Option<String>, Option<String>);

/// Compares named field values and keeps those that differ.
pub(crate) fn diff(fields: Vec<(&'static str, Option<String>, Option<String>)>) -> Vec<Change> {
    fields.into_iter().filter(|(_, old, new)| old != new).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_shown_with_german_labels() {
        assert_eq!(label_of("status", "in_arbeit"), "In Arbeit");
        assert_eq!(label_of("blocked_by", "fitko"), "FITKO");
        assert_eq!(label_of("owner", "in_arbeit"), "in_arbeit");
        assert_eq!(label_of("phase", "produktionstest"), "Produktionstest");
        let names = std::collections::HashMap::from([(
            "ni-vergabe/praequalifizierung".to_owned(),
            "Präqualifizierung von Unternehmen".to_owned(),
        )]);
        assert_eq!(shown("due", "2027-03-01", &names), "01.03.2027");
        assert_eq!(
            shown("phase_dates", "Interesse: 2026-10-01, Fragebogen: 2026-12-15", &names),
            "Interesse: 01.10.2026, Fragebogen: 15.12.2026"
        );
        assert_eq!(
            shown("services", "praequalifizierung, unbekannt", &names),
            "Präqualifizierung von Unternehmen, unbekannt"
        );
        assert_eq!(
            shown("note", "Termin 12027-03-01x und 2027-3-1", &names),
            "Termin 12027-03-01x und 2027-3-1"
        );
        assert_eq!(shown("status", "in_arbeit", &names), "In Arbeit");
        assert_eq!(field_label("service", "fit_connect_destination"), "FIT-Connect-Zustellpunkt");
        assert_eq!(field_label("profile", "name"), "Name der Kommune");
        assert_eq!(field_label("person", "name"), "Name");
        assert_eq!(field_label("fachverfahren", "version"), "Version");
        assert_eq!(field_label("package", "version"), "Paketversion");
        assert_eq!(field_label("item", "gibt_es_nicht"), "Sonstiges");
    }

    #[test]
    fn subjects_name_what_changed() {
        let names =
            std::collections::HashMap::from([("p/s".to_owned(), "Präqualifizierung".to_owned())]);
        assert_eq!(
            subject("service", Some("p/s"), &None, &names),
            "Onlinedienst „Präqualifizierung“"
        );
        assert_eq!(subject("event", Some("p/e"), &None, &names), "Veranstaltung p/e");
        assert_eq!(subject("item", Some("a"), &Some("Titel".into()), &names), "Titel");
        assert_eq!(subject("profile", None, &None, &names), "Profil");
        assert_eq!(
            subject("package", Some("land:03"), &None, &names),
            "Schlüssel des Landes Niedersachsen"
        );
    }
}
