//! The municipality's work on one service of a package, beyond the Bedarfsträger decision: the
//! phase of the connection with its dates, the connection data the Land asks for (each checked
//! for its format), expiry dates of the agreement and the certificate, pilot interest and
//! training needs.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::keyed::keyed_enum;
use crate::progress::parse_date;
use crate::{text, Error, Result};

keyed_enum! {
    /// The phases of connecting a service, in order.
    pub enum Phase (field = "phase", unknown = "Unbekannte Phase") {
        Interesse = ("interesse", "Interesse"),
        Voraussetzungen = ("voraussetzungen", "Voraussetzungen"),
        Fragebogen = ("fragebogen", "Fragebogen"),
        Freischaltung = ("freischaltung", "Freischaltung"),
        Produktionstest = ("produktionstest", "Produktionstest"),
        InBetrieb = ("produktiv", "In Betrieb"),
    }
}

keyed_enum! {
    /// How applications reach the municipality's Fachverfahren.
    pub enum TransportRoute (field = "transport_route", unknown = "Unbekannter Transportweg") {
        FitConnect = ("fit_connect", "FIT-Connect"),
        OsciXta = ("osci_xta", "OSCI/XTA"),
        Uebergang = ("uebergang", "Übergangslösung"),
    }
}

/// The date of a phase: when it was reached (phases up to the current one) or when it is
/// planned or due (later phases, e.g. the questionnaire's cut-off date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct PhaseDate {
    pub phase: Phase,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// The connection data a Land typically asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct ConnectionData {
    /// ID of the organisational unit (PVOG / Zuständigkeitsfinder).
    #[cfg_attr(test, ts(optional = nullable))]
    pub ou_id: Option<String>,
    /// Link to the service's entry in the PVOG (`https://…`).
    #[cfg_attr(test, ts(optional = nullable))]
    pub pvog_url: Option<String>,
    /// DVDV Behördenkennung, `präfix:kennung`, e.g. `ags:09162000`.
    #[cfg_attr(test, ts(optional = nullable))]
    pub dvdv_key: Option<String>,
    /// FIT-Connect destination ID (a UUID).
    #[cfg_attr(test, ts(optional = nullable))]
    pub fit_connect_destination: Option<String>,
    #[cfg_attr(test, ts(optional = nullable))]
    pub transport_route: Option<TransportRoute>,
}

/// The municipality's state of one service, as entered and as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct ServiceState {
    /// The phase reached; `None` before the connection has started.
    #[cfg_attr(test, ts(optional = nullable))]
    pub phase: Option<Phase>,
    /// At most one date per phase, in phase order.
    pub phase_dates: Vec<PhaseDate>,
    pub connection: ConnectionData,
    /// End of the Nachnutzung agreement, `YYYY-MM-DD`.
    #[cfg_attr(test, ts(optional = nullable))]
    pub agreement_expires: Option<String>,
    /// Expiry of the certificate used for the transport route, `YYYY-MM-DD`.
    #[cfg_attr(test, ts(optional = nullable))]
    pub certificate_expires: Option<String>,
    /// The municipality would take part as a pilot.
    pub pilot_interest: bool,
    /// Staff need training for this service.
    pub training_needed: bool,
}

impl ServiceState {
    /// Checks every field (dates, formats of the connection data) and returns the normalised
    /// state: trimmed, empty fields as `None`, phase dates sorted by phase.
    pub fn validate(&self) -> Result<ServiceState> {
        let mut phase_dates = Vec::with_capacity(self.phase_dates.len());
        for pd in &self.phase_dates {
            if phase_dates.iter().any(|p: &PhaseDate| p.phase == pd.phase) {
                return Err(Error::validation(
                    "phase_dates",
                    format!(
                        "Für die Phase „{}“ ist mehr als ein Datum angegeben.",
                        pd.phase.label()
                    ),
                ));
            }
            let label = format!("Datum der Phase „{}“", pd.phase.label());
            if let Some(date) = date("phase_dates", &label, Some(&pd.date))? {
                phase_dates.push(PhaseDate { phase: pd.phase, date: date.to_string() });
            }
        }
        phase_dates.sort_by_key(|p| p.phase);
        let c = &self.connection;
        let connection = ConnectionData {
            ou_id: checked(c.ou_id.as_deref(), "ou_id", "Die Organisationseinheit-ID", 64, ou_id)?,
            pvog_url: checked(c.pvog_url.as_deref(), "pvog_url", "Der PVOG-Link", 500, url)?,
            dvdv_key: checked(c.dvdv_key.as_deref(), "dvdv_key", "Die DVDV-Kennung", 80, dvdv)?,
            fit_connect_destination: checked(
                c.fit_connect_destination.as_deref(),
                "fit_connect_destination",
                "Die FIT-Connect-Zustellpunkt-ID",
                36,
                uuid,
            )?
            .map(|id| id.to_ascii_lowercase()),
            transport_route: c.transport_route,
        };
        Ok(ServiceState {
            phase: self.phase,
            phase_dates,
            connection,
            agreement_expires: date(
                "agreement_expires",
                "Ablaufdatum der Vereinbarung",
                self.agreement_expires.as_deref(),
            )?
            .map(|d| d.to_string()),
            certificate_expires: date(
                "certificate_expires",
                "Ablaufdatum des Zertifikats",
                self.certificate_expires.as_deref(),
            )?
            .map(|d| d.to_string()),
            pilot_interest: self.pilot_interest,
            training_needed: self.training_needed,
        })
    }

    /// Whether nothing has been entered.
    pub fn is_empty(&self) -> bool {
        *self == ServiceState::default()
    }

    /// Dates of phases not reached yet (planned dates and cut-offs).
    pub fn planned(&self) -> impl Iterator<Item = (Phase, NaiveDate)> + '_ {
        self.phase_dates
            .iter()
            .filter(|p| self.phase.is_none_or(|current| p.phase > current))
            .filter_map(|p| p.date.parse().ok().map(|d| (p.phase, d)))
    }
}

fn date(field: &'static str, label: &str, value: Option<&str>) -> Result<Option<NaiveDate>> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => parse_date(field, label, v).map(Some),
    }
}

/// Trims and length-checks a field, then checks its format; the error says what is expected.
fn checked(
    value: Option<&str>,
    field: &'static str,
    label: &str,
    max: usize,
    format: fn(&str) -> std::result::Result<(), &'static str>,
) -> Result<Option<String>> {
    let Some(value) = text::line(field, label, value, max)? else { return Ok(None) };
    format(&value).map_err(|expected| {
        Error::validation(
            field,
            format!(
                "{label} {} hat nicht das erwartete Format: {expected}",
                text::quote_for_message(&value)
            ),
        )
    })?;
    Ok(Some(value))
}

/// Organisational-unit IDs differ between the Länder's portals: letters, digits and `-_.:`.
fn ou_id(v: &str) -> std::result::Result<(), &'static str> {
    if v.chars().all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c)) {
        Ok(())
    } else {
        Err("erlaubt sind Buchstaben, Ziffern und - _ . : (ohne Leerzeichen).")
    }
}

fn url(v: &str) -> std::result::Result<(), &'static str> {
    const EXPECTED: &str = "ein Link, der mit „https://“ beginnt, z. B. https://www.pvog.de/…";
    let Some(rest) = v.strip_prefix("https://") else { return Err(EXPECTED) };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host.chars().all(|c| c.is_ascii_alphanumeric() || "-.:".contains(c));
    if host_ok && !v.chars().any(|c| c.is_whitespace() || "<>\"\\`".contains(c)) {
        Ok(())
    } else {
        Err(EXPECTED)
    }
}

/// DVDV Behördenkennung: a prefix and the identifier, e.g. `ags:09162000`; with the prefix
/// `ags` the identifier is an AGS.
fn dvdv(v: &str) -> std::result::Result<(), &'static str> {
    const EXPECTED: &str = "Präfix und Kennung mit Doppelpunkt, z. B. ags:09162000.";
    let Some((prefix, id)) = v.split_once(':') else { return Err(EXPECTED) };
    let prefix_ok = (2..=10).contains(&prefix.len())
        && prefix.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    let id_ok = (1..=64).contains(&id.len())
        && id.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    if !prefix_ok || !id_ok {
        return Err(EXPECTED);
    }
    if prefix == "ags" && crate::ags::Ags::parse(id).is_err() {
        return Err("nach „ags:“ folgt ein gültiger Amtlicher Gemeindeschlüssel (8 Ziffern).");
    }
    Ok(())
}

/// A UUID in its usual 8-4-4-4-12 form.
fn uuid(v: &str) -> std::result::Result<(), &'static str> {
    let groups: Vec<&str> = v.split('-').collect();
    let lengths_ok = groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12]);
    if lengths_ok && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_hexdigit())) {
        Ok(())
    } else {
        Err("36 Zeichen in fünf Gruppen aus Ziffern und den Buchstaben a–f, getrennt durch \
             Bindestriche, so wie das Land sie mitteilt, z. B. \
             3f2a9c1e-7b4d-4e2a-9f10-2c6d8e4b1a57.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> ServiceState {
        ServiceState {
            phase: Some(Phase::Fragebogen),
            phase_dates: vec![
                PhaseDate { phase: Phase::Freischaltung, date: "2027-03-01".into() },
                PhaseDate { phase: Phase::Interesse, date: "2026-10-01".into() },
            ],
            connection: ConnectionData {
                ou_id: Some(" 9162000-OE-17 ".into()),
                pvog_url: Some("https://www.pvog.de/leistung/99123".into()),
                dvdv_key: Some("ags:09162000".into()),
                fit_connect_destination: Some("3F2A9C1E-7B4D-4E2A-9F10-2C6D8E4B1A57".into()),
                transport_route: Some(TransportRoute::FitConnect),
            },
            agreement_expires: Some("2028-12-31".into()),
            certificate_expires: Some(" 2027-06-30".into()),
            pilot_interest: true,
            training_needed: false,
        }
    }

    #[test]
    fn a_full_state_is_normalised() {
        let s = full().validate().unwrap();
        assert_eq!(s.connection.ou_id.as_deref(), Some("9162000-OE-17"));
        assert_eq!(
            s.connection.fit_connect_destination.as_deref(),
            Some("3f2a9c1e-7b4d-4e2a-9f10-2c6d8e4b1a57")
        );
        assert_eq!(s.phase_dates[0].phase, Phase::Interesse);
        assert_eq!(s.certificate_expires.as_deref(), Some("2027-06-30"));
        let planned: Vec<_> = s.planned().collect();
        assert_eq!(planned, vec![(Phase::Freischaltung, "2027-03-01".parse().unwrap())]);
    }

    #[test]
    fn bad_formats_name_their_field_and_the_format() {
        type Change = fn(&mut ServiceState);
        let cases: [(Change, &str, &str); 9] = [
            (|s| s.connection.ou_id = Some("OE 17".into()), "ou_id", "ohne Leerzeichen"),
            (|s| s.connection.pvog_url = Some("http://pvog.de".into()), "pvog_url", "https://"),
            (|s| s.connection.pvog_url = Some("https://x".into()), "pvog_url", "https://"),
            (|s| s.connection.dvdv_key = Some("09162000".into()), "dvdv_key", "Präfix"),
            (|s| s.connection.dvdv_key = Some("ags:1234".into()), "dvdv_key", "Gemeindeschlüssel"),
            (
                |s| s.connection.fit_connect_destination = Some("3f2a9c1e7b4d".into()),
                "fit_connect_destination",
                "36 Zeichen in fünf Gruppen",
            ),
            (
                |s| s.agreement_expires = Some("31.02.2028".into()),
                "agreement_expires",
                "diesen Tag gibt es nicht",
            ),
            (|s| s.phase_dates[0].date = "2027-02-30".into(), "phase_dates", "Freischaltung"),
            (|s| s.phase_dates[1].phase = Phase::Freischaltung, "phase_dates", "mehr als ein"),
        ];
        for (change, field, expected) in cases {
            let mut s = full();
            change(&mut s);
            let err = s.validate().unwrap_err();
            assert_eq!(err.field(), Some(field), "{err}");
            assert!(err.to_string().contains(expected), "{field}: {err}");
        }
    }

    #[test]
    fn empty_state_is_empty() {
        assert!(ServiceState::default().validate().unwrap().is_empty());
        assert!(!full().validate().unwrap().is_empty());
    }
}
