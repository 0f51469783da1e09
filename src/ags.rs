//! The Amtlicher Gemeindeschlüssel (AGS) and the Land it belongs to.
//!
//! An AGS has 8 digits: Land (2), Regierungsbezirk (1), Kreis (2), Gemeinde (3). It is only valid
//! with a Land code from 01 to 16. Spaces between digit groups ("09 1 62 000") are accepted and
//! removed; anything else is refused with a message that says what is wrong.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::{Error, Result};

/// The 16 Länder, in the order of their official codes.
const LAENDER: [&str; 16] = [
    "Schleswig-Holstein",
    "Hamburg",
    "Niedersachsen",
    "Bremen",
    "Nordrhein-Westfalen",
    "Hessen",
    "Rheinland-Pfalz",
    "Baden-Württemberg",
    "Bayern",
    "Saarland",
    "Berlin",
    "Brandenburg",
    "Mecklenburg-Vorpommern",
    "Sachsen",
    "Sachsen-Anhalt",
    "Thüringen",
];

/// A Land, by its official two-digit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Land(u8);

impl Land {
    /// The Land for a code from 1 to 16.
    pub fn from_code(code: u8) -> Option<Land> {
        (1..=16).contains(&code).then_some(Land(code))
    }

    /// The two-digit code, e.g. "09".
    pub fn code(self) -> String {
        format!("{:02}", self.0)
    }

    /// The Land's name, e.g. "Bayern".
    pub fn name(self) -> &'static str {
        LAENDER[usize::from(self.0) - 1]
    }

    /// The Land as a person names it: its two-digit code ("03"), its abbreviation as in
    /// ISO 3166-2:DE ("NI") or its name ("Niedersachsen"); case does not matter.
    pub fn from_input(input: &str) -> Result<Land> {
        let text = input.trim();
        let code = if text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()) {
            text.parse::<u8>().ok()
        } else {
            let upper = text.to_uppercase();
            ABBREVIATIONS
                .iter()
                .position(|a| *a == upper)
                .or_else(|| LAENDER.iter().position(|n| n.to_uppercase() == upper))
                .map(|i| i as u8 + 1)
        };
        code.and_then(Land::from_code).ok_or_else(|| {
            Error::validation(
                "land",
                format!(
                    "{} ist kein Land; erlaubt sind der Länderschlüssel (01 bis 16), das Kürzel \
                     (z. B. NI) oder der Name (z. B. Niedersachsen).",
                    crate::text::quote_for_message(input)
                ),
            )
        })
    }
}

/// The Länder's abbreviations (ISO 3166-2:DE), in the order of their codes.
const ABBREVIATIONS: [&str; 16] = [
    "SH", "HH", "NI", "HB", "NW", "HE", "RP", "BW", "BY", "SL", "BE", "BB", "MV", "SN", "ST", "TH",
];

impl TryFrom<String> for Land {
    type Error = String;
    fn try_from(code: String) -> Result<Self, Self::Error> {
        code.parse::<u8>()
            .ok()
            .filter(|_| code.len() == 2)
            .and_then(Land::from_code)
            .ok_or_else(|| format!("„{code}“ ist kein Länderschlüssel (01 bis 16)"))
    }
}

impl From<Land> for String {
    fn from(land: Land) -> String {
        land.code()
    }
}

/// A valid Amtlicher Gemeindeschlüssel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ags(String);

impl Ags {
    /// Parses and validates an AGS; the error message names the bad input.
    pub fn parse(input: &str) -> Result<Ags> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(invalid("Der Amtliche Gemeindeschlüssel (AGS) fehlt."));
        }
        let shown = crate::text::quote_for_message(trimmed);
        let digits: String = trimmed.chars().filter(|c| *c != ' ').collect();
        if let Some(bad) = digits.chars().find(|c| !c.is_ascii_digit()) {
            return Err(invalid(format!(
                "AGS {shown}: „{bad}“ ist keine Ziffer; der AGS besteht aus genau 8 Ziffern."
            )));
        }
        if digits.len() != 8 {
            return Err(invalid(format!(
                "AGS {shown} hat {} Ziffern; erforderlich sind genau 8.",
                digits.len()
            )));
        }
        let code: u8 = digits[..2].parse().expect("two ASCII digits");
        if Land::from_code(code).is_none() {
            return Err(invalid(format!(
                "AGS {shown}: Die ersten beiden Ziffern „{}“ sind kein Länderschlüssel; \
                 gültig sind 01 bis 16.",
                &digits[..2]
            )));
        }
        Ok(Ags(digits))
    }

    /// The 8 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The Land the municipality belongs to.
    pub fn land(&self) -> Land {
        Land::from_code(self.0[..2].parse().expect("validated")).expect("validated")
    }
}

impl fmt::Display for Ags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn invalid(message: impl Into<String>) -> Error {
    Error::validation("ags", message)
}

/// The answer to a live AGS check in the profile form.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AgsCheck {
    pub valid: bool,
    /// The AGS as it will be stored (8 digits), if valid.
    pub normalized: Option<String>,
    /// The Land's name, if valid.
    pub land: Option<String>,
    /// What is wrong, if invalid.
    pub message: Option<String>,
}

/// Checks an AGS for the profile form without storing anything.
pub fn check(input: &str) -> AgsCheck {
    match Ags::parse(input) {
        Ok(ags) => AgsCheck {
            valid: true,
            land: Some(ags.land().name().to_owned()),
            normalized: Some(ags.0),
            message: None,
        },
        Err(e) => {
            AgsCheck { valid: false, normalized: None, land: None, message: Some(e.to_string()) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_land_is_named_by_code_abbreviation_or_name() {
        for input in ["03", "NI", "ni", " Niedersachsen ", "NIEDERSACHSEN"] {
            assert_eq!(Land::from_input(input).unwrap().code(), "03", "{input}");
        }
        assert_eq!(Land::from_input("TH").unwrap().name(), "Thüringen");
        assert_eq!(Land::from_input("thüringen").unwrap().code(), "16");
        for bad in ["3", "00", "17", "XX", ""] {
            let err = Land::from_input(bad).unwrap_err();
            assert_eq!(err.field(), Some("land"), "{bad}");
            assert!(err.to_string().contains("ist kein Land"), "{err}");
        }
    }

    #[test]
    fn valid_keys_name_their_land() {
        let cases = [
            ("01001000", "Schleswig-Holstein"),
            ("02000000", "Hamburg"),
            ("05315000", "Nordrhein-Westfalen"),
            ("09162000", "Bayern"),
            ("11000000", "Berlin"),
            ("16051000", "Thüringen"),
            (" 09 1 62 000 ", "Bayern"),
        ];
        for (input, land) in cases {
            let ags = Ags::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(ags.land().name(), land, "{input}");
            assert_eq!(ags.as_str().len(), 8);
        }
    }

    #[test]
    fn bad_keys_say_what_is_wrong() {
        let cases = [
            ("", "fehlt"),
            ("   ", "fehlt"),
            ("0916200", "hat 7 Ziffern"),
            ("091620001", "hat 9 Ziffern"),
            ("0916200A", "„A“ ist keine Ziffer"),
            ("09-162-000", "„-“ ist keine Ziffer"),
            ("00162000", "„00“ sind kein Länderschlüssel"),
            ("17000000", "„17“ sind kein Länderschlüssel"),
            ("99999999", "„99“ sind kein Länderschlüssel"),
            ("０9162000", "keine Ziffer"),
            ("-9162000", "keine Ziffer"),
        ];
        for (input, expected) in cases {
            let err = Ags::parse(input).expect_err(input);
            assert_eq!(err.code(), "validation");
            assert_eq!(err.field(), Some("ags"));
            let message = err.to_string();
            assert!(message.contains(expected), "{input:?}: {message}");
        }
    }

    #[test]
    fn live_check_reports_land_or_message() {
        let ok = check("12054000");
        assert!(ok.valid);
        assert_eq!(ok.land.as_deref(), Some("Brandenburg"));
        let bad = check("1205400");
        assert!(!bad.valid);
        assert!(bad.message.unwrap().contains("7 Ziffern"));
    }

    #[test]
    fn land_codes_round_trip() {
        for code in 1..=16 {
            let land = Land::from_code(code).unwrap();
            assert_eq!(Land::try_from(land.code()).unwrap(), land);
        }
        assert!(Land::from_code(0).is_none());
        assert!(Land::from_code(17).is_none());
        assert!(Land::try_from("9".to_owned()).is_err());
    }
}
