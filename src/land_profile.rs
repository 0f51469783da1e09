//! The Land's profile in its own workspace: which Land, and the name of its OZG coordination as
//! it signs packages and letters.

use serde::{Deserialize, Serialize};

use crate::ags::Land;
use crate::text;
use crate::{Error, Result};

/// The profile as the coordinator enters it (validated by [`LandProfileInput::validate`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct LandProfileInput {
    /// The Land's two-digit code ("03") or its name ("Niedersachsen").
    pub land_code: String,
    /// The coordination's name, e.g. "Ministerium für Inneres, OZG-Koordination".
    pub name: String,
}

/// A validated, stored Land profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LandProfile {
    /// Two digits, "01" to "16".
    pub land_code: String,
    /// The Land's name, derived from the code.
    pub land: String,
    pub name: String,
}

impl LandProfileInput {
    /// Checks both fields; the first bad one is reported with its field name.
    pub fn validate(&self) -> Result<LandProfile> {
        let land = parse_land(&self.land_code)?;
        let name = text::line("name", "Der Name der OZG-Koordination", Some(&self.name), 200)?
            .ok_or_else(|| Error::validation("name", "Der Name der OZG-Koordination fehlt."))?;
        Ok(LandProfile { land_code: land.code(), land: land.name().to_owned(), name })
    }
}

/// A Land by its code ("3", "03") or its name ("Niedersachsen", in any case).
pub fn parse_land(text: &str) -> Result<Land> {
    let text = text.trim();
    let by_code =
        text.parse::<u8>().ok().filter(|_| (1..=2).contains(&text.len())).and_then(Land::from_code);
    let by_name = || {
        (1..=16)
            .filter_map(Land::from_code)
            .find(|l| l.name().to_lowercase() == text.to_lowercase())
    };
    by_code.or_else(by_name).ok_or_else(|| {
        let message = if text.is_empty() {
            "Bitte wählen Sie das Land.".to_owned()
        } else {
            format!("„{text}“ ist kein Land: erwartet wird ein Länderschlüssel (01 bis 16) oder der Name eines Landes.")
        };
        Error::validation("land_code", message)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(code: &str, name: &str) -> LandProfileInput {
        LandProfileInput { land_code: code.into(), name: name.into() }
    }

    #[test]
    fn the_land_is_found_by_code_or_name() {
        for code in ["03", "3", " 03 ", "Niedersachsen", "niedersachsen"] {
            let p = input(code, "OZG-Koordination").validate().unwrap();
            assert_eq!((p.land_code.as_str(), p.land.as_str()), ("03", "Niedersachsen"), "{code}");
        }
        let p = input("Baden-Württemberg", " Innenministerium ").validate().unwrap();
        assert_eq!((p.land_code.as_str(), p.name.as_str()), ("08", "Innenministerium"));
    }

    #[test]
    fn bad_input_names_its_field() {
        for (code, name, field) in [
            ("17", "x", "land_code"),
            ("", "x", "land_code"),
            ("003", "x", "land_code"),
            ("Bayernland", "x", "land_code"),
            ("09", "  ", "name"),
            ("09", "a\u{202e}b", "name"),
        ] {
            let err = input(code, name).validate().unwrap_err();
            assert_eq!(err.field(), Some(field), "{code} {name}: {err}");
        }
        let err = input("17", "x").validate().unwrap_err().to_string();
        assert!(err.contains("„17“ ist kein Land"), "{err}");
    }
}
