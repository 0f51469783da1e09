//! The municipality's Fachverfahren inventory: which product of which vendor serves which
//! services, over which interface, whether the vendor is commissioned and how far the analysis
//! is; matched against the Fachverfahren the Land lists in its packages.

use serde::{Deserialize, Serialize};

use crate::keyed::keyed_enum;
use crate::package::manifest::Manifest;
use crate::progress::parse_date;
use crate::{text, Error, Result};

keyed_enum! {
    /// The interface a Fachverfahren receives applications through.
    pub enum Interface (field = "interface", unknown = "Unbekannte Schnittstelle") {
        FitConnect = ("fit_connect", "FIT-Connect"),
        OsciXta = ("osci_xta", "OSCI/XTA"),
        Keine = ("keine", "Keine"),
    }
}

keyed_enum! {
    /// How far the analysis of a Fachverfahren (connection, upgrade) has come.
    pub enum Analysis (field = "analysis", unknown = "Unbekannter Analysestand") {
        Offen = ("offen", "Offen"),
        InPruefung = ("in_pruefung", "In Prüfung"),
        Abgeschlossen = ("abgeschlossen", "Abgeschlossen"),
    }
}

/// A Fachverfahren as the clerk enters it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct FachverfahrenInput {
    pub product: String,
    pub vendor: String,
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub version: Option<String>,
    /// IDs of the services (from the packages) it serves.
    #[serde(default)]
    pub services: Vec<String>,
    pub interface: Interface,
    pub vendor_commissioned: bool,
    /// `YYYY-MM-DD`, only with `vendor_commissioned`.
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub commissioned_on: Option<String>,
    pub analysis: Analysis,
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub note: Option<String>,
}

impl FachverfahrenInput {
    /// Checks the input against the services the packages offer.
    pub fn validate(&self, known_services: &[String]) -> Result<FachverfahrenInput> {
        let required = |field, label: &str, value: &str| {
            text::line(field, label, Some(value), 200)?
                .ok_or_else(|| Error::validation(field, format!("{label} fehlt.")))
        };
        let product = required("product", "Das Produkt", &self.product)?;
        let vendor = required("vendor", "Der Hersteller", &self.vendor)?;
        let version = text::line("version", "Die Version", self.version.as_deref(), 50)?;
        let mut services: Vec<String> = Vec::new();
        for id in &self.services {
            if !known_services.contains(id) {
                return Err(Error::validation(
                    "services",
                    format!("Unbekannter Onlinedienst {}.", text::quote_for_message(id)),
                ));
            }
            if !services.contains(id) {
                services.push(id.clone());
            }
        }
        let commissioned_on =
            match self.commissioned_on.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                None => None,
                Some(_) if !self.vendor_commissioned => {
                    return Err(Error::validation(
                        "commissioned_on",
                        "Ein Beauftragungsdatum gibt es nur, wenn der Hersteller beauftragt ist.",
                    ))
                }
                Some(d) => Some(parse_date("commissioned_on", "Beauftragt am", d)?.to_string()),
            };
        let note = text::multiline("note", "Die Notiz", self.note.as_deref(), 2_000)?;
        Ok(FachverfahrenInput {
            product,
            vendor,
            version,
            services,
            interface: self.interface,
            vendor_commissioned: self.vendor_commissioned,
            commissioned_on,
            analysis: self.analysis,
            note,
        })
    }
}

/// A Fachverfahren of the Land's list, with the package it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LandFachverfahren {
    pub package_id: String,
    pub id: String,
    pub product: String,
    pub vendor: String,
    pub interface: String,
    pub services: Vec<String>,
}

/// A stored Fachverfahren with its match in the Land's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct InventoryEntry {
    pub id: i64,
    #[serde(flatten)]
    pub fachverfahren: FachverfahrenInput,
    /// The same product of the same vendor in the Land's list, if any.
    pub land_match: Option<LandFachverfahren>,
    pub updated_at: String,
}

/// The inventory and what the Land lists that the municipality has not entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Inventory {
    pub entries: Vec<InventoryEntry>,
    /// Fachverfahren of the Land's list without an entry in the inventory.
    pub land_only: Vec<LandFachverfahren>,
}

/// Product and vendor compared without case, spacing and punctuation differences.
fn match_key(product: &str, vendor: &str) -> String {
    let norm = |s: &str| {
        s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>()
    };
    format!("{}\u{1f}{}", norm(product), norm(vendor))
}

/// The Fachverfahren the Land lists in the given packages.
pub fn land_list<'a>(manifests: impl IntoIterator<Item = &'a Manifest>) -> Vec<LandFachverfahren> {
    manifests
        .into_iter()
        .flat_map(|m| {
            m.fachverfahren.iter().map(|f| LandFachverfahren {
                package_id: m.id.clone(),
                id: f.id.clone(),
                product: f.product.clone(),
                vendor: f.vendor.clone(),
                interface: f.interface.clone(),
                services: f.services.clone(),
            })
        })
        .collect()
}

/// Matches stored entries `(id, input, updated_at)` against the Land's list.
pub fn matched(
    stored: Vec<(i64, FachverfahrenInput, String)>,
    land: Vec<LandFachverfahren>,
) -> Inventory {
    let entries: Vec<InventoryEntry> = stored
        .into_iter()
        .map(|(id, fachverfahren, updated_at)| {
            let key = match_key(&fachverfahren.product, &fachverfahren.vendor);
            let land_match = land.iter().find(|l| match_key(&l.product, &l.vendor) == key).cloned();
            InventoryEntry { id, fachverfahren, land_match, updated_at }
        })
        .collect();
    let land_only = land
        .into_iter()
        .filter(|l| !entries.iter().any(|e| e.land_match.as_ref().is_some_and(|m| m == l)))
        .collect();
    Inventory { entries, land_only }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> FachverfahrenInput {
        FachverfahrenInput {
            product: "  e-Vergabe Kommunal ".into(),
            vendor: "Vergabe GmbH".into(),
            version: Some("4.2".into()),
            services: vec!["praequalifizierung".into(), "praequalifizierung".into()],
            interface: Interface::FitConnect,
            vendor_commissioned: true,
            commissioned_on: Some("2026-09-01".into()),
            analysis: Analysis::InPruefung,
            note: None,
        }
    }

    fn known() -> Vec<String> {
        vec!["praequalifizierung".into(), "bekanntmachung".into()]
    }

    #[test]
    fn valid_input_is_normalised() {
        let f = input().validate(&known()).unwrap();
        assert_eq!(f.product, "e-Vergabe Kommunal");
        assert_eq!(f.services, vec!["praequalifizierung".to_owned()]);
    }

    #[test]
    fn bad_fields_are_named() {
        type Change = fn(&mut FachverfahrenInput);
        let cases: [(Change, &str); 5] = [
            (|f| f.product = "".into(), "product"),
            (|f| f.vendor = " ".into(), "vendor"),
            (|f| f.services = vec!["unbekannt".into()], "services"),
            (|f| f.vendor_commissioned = false, "commissioned_on"),
            (|f| f.commissioned_on = Some("1.9.26".into()), "commissioned_on"),
        ];
        for (change, field) in cases {
            let mut f = input();
            change(&mut f);
            assert_eq!(f.validate(&known()).unwrap_err().field(), Some(field));
        }
    }

    #[test]
    fn entries_match_the_land_list_regardless_of_spelling() {
        let land = |id: &str, product: &str| LandFachverfahren {
            package_id: "p".into(),
            id: id.into(),
            product: product.into(),
            vendor: "Vergabe GmbH".into(),
            interface: "FIT-Connect".into(),
            services: vec![],
        };
        let inv = matched(
            vec![
                (1, input().validate(&known()).unwrap(), "t".into()),
                (2, FachverfahrenInput { product: "Eigenbau".into(), ..input() }, "t".into()),
            ],
            vec![land("a", "E-Vergabe  kommunal"), land("b", "Bieterportal")],
        );
        assert_eq!(inv.entries[0].land_match.as_ref().map(|m| m.id.as_str()), Some("a"));
        assert_eq!(inv.entries[1].land_match, None);
        assert_eq!(inv.land_only.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(), ["b"]);
    }
}
