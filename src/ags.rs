//! The Amtlicher Gemeindeschlüssel (AGS) and the Land it belongs to.
//!
//! An AGS has 8 digits: Land (2), Regierungsbezirk (1), Kreis (2), Gemeinde (3). A Gemeindeverband
//! or a Kreis has no AGS but a 12-digit Amtlicher Regionalschlüssel (ARS): Land (2),
//! Regierungsbezirk (1), Kreis (2), Gemeindeverband (4), Gemeinde (3). Either is only valid
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
        parse_digits(input, &AGS_RULE).map(Ags)
    }

    /// The 8 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The Land the municipality belongs to.
    pub fn land(&self) -> Land {
        land_of(&self.0)
    }

    /// The Kreis part with Land and Regierungsbezirk (the first 5 digits).
    pub fn kreis(&self) -> &str {
        &self.0[..5]
    }

    /// The Gemeinde part (the last 3 digits).
    pub fn gemeinde(&self) -> &str {
        &self.0[5..]
    }
}

impl fmt::Display for Ags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A valid Amtlicher Regionalschlüssel: Land (2), Regierungsbezirk (1), Kreis (2),
/// Gemeindeverband (4), Gemeinde (3).
///
/// The Gemeindeverzeichnis (GV100AD, see `directory::gv100ad`) keys a Gemeindeverband with the
/// first 9 digits; as a 12-digit ARS its Gemeinde part is 000. A Kreis has Verband and Gemeinde
/// part zero.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ars(String);

impl Ars {
    /// Parses and validates an ARS; the error message names the bad input.
    pub fn parse(input: &str) -> Result<Ars> {
        parse_digits(input, &ARS_RULE).map(Ars)
    }

    /// The 12 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The Land the body belongs to.
    pub fn land(&self) -> Land {
        land_of(&self.0)
    }

    /// The Kreis part with Land and Regierungsbezirk (the first 5 digits).
    pub fn kreis(&self) -> &str {
        &self.0[..5]
    }

    /// The Gemeindeverband part (digits 6 to 9).
    pub fn verband(&self) -> &str {
        &self.0[5..9]
    }

    /// The Gemeinde part (digits 10 to 12).
    pub fn gemeinde(&self) -> &str {
        &self.0[9..]
    }
}

impl fmt::Display for Ars {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The key of a Kommune: an AGS (8 digits) or an ARS (12 digits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    Ags(Ags),
    Ars(Ars),
}

impl Key {
    /// Parses either kind of key, telling them apart by the number of digits.
    pub fn parse(input: &str) -> Result<Key> {
        let digits = parse_digits(input, &KEY_RULE)?;
        Ok(if digits.len() == 8 { Key::Ags(Ags(digits)) } else { Key::Ars(Ars(digits)) })
    }

    /// The 8 or 12 digits.
    pub fn as_str(&self) -> &str {
        match self {
            Key::Ags(a) => a.as_str(),
            Key::Ars(a) => a.as_str(),
        }
    }

    /// The Land the Kommune belongs to.
    pub fn land(&self) -> Land {
        land_of(self.as_str())
    }

    /// The Kreis part with Land and Regierungsbezirk (the first 5 digits).
    pub fn kreis(&self) -> &str {
        &self.as_str()[..5]
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a kind of key is named in messages and how many digits it has.
struct Rule {
    /// Short name before the input, e.g. "AGS".
    short: &'static str,
    /// The message when nothing was entered.
    missing: &'static str,
    /// What the key consists of, after a bad character.
    consists: &'static str,
    lengths: &'static [usize],
    /// What is required, after a wrong length.
    required: &'static str,
}

const AGS_RULE: Rule = Rule {
    short: "AGS",
    missing: "Der Amtliche Gemeindeschlüssel (AGS) fehlt.",
    consists: "der AGS besteht aus genau 8 Ziffern",
    lengths: &[8],
    required: "erforderlich sind genau 8",
};

const ARS_RULE: Rule = Rule {
    short: "ARS",
    missing: "Der Amtliche Regionalschlüssel (ARS) fehlt.",
    consists: "der ARS besteht aus genau 12 Ziffern",
    lengths: &[12],
    required: "erforderlich sind genau 12",
};

const KEY_RULE: Rule = Rule {
    short: "Schlüssel",
    missing: "Der Schlüssel der Kommune (AGS oder ARS) fehlt.",
    consists: "ein AGS hat 8 Ziffern, ein ARS 12",
    lengths: &[8, 12],
    required: "erforderlich sind 8 (AGS) oder 12 (ARS)",
};

/// The digits of a key, spaces removed, checked for digits only, length and Land code.
fn parse_digits(input: &str, rule: &Rule) -> Result<String> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(invalid(rule.missing));
    }
    let shown = crate::text::quote_for_message(trimmed);
    let short = rule.short;
    let digits: String = trimmed.chars().filter(|c| *c != ' ').collect();
    if let Some(bad) = digits.chars().find(|c| !c.is_ascii_digit()) {
        return Err(invalid(format!(
            "{short} {shown}: „{bad}“ ist keine Ziffer; {}.",
            rule.consists
        )));
    }
    if !rule.lengths.contains(&digits.len()) {
        return Err(invalid(format!(
            "{short} {shown} hat {} Ziffern; {}.",
            digits.len(),
            rule.required
        )));
    }
    let code: u8 = digits[..2].parse().expect("two ASCII digits");
    if Land::from_code(code).is_none() {
        return Err(invalid(format!(
            "{short} {shown}: Die ersten beiden Ziffern „{}“ sind kein Länderschlüssel; \
             gültig sind 01 bis 16.",
            &digits[..2]
        )));
    }
    Ok(digits)
}

/// The Land of validated digits.
fn land_of(digits: &str) -> Land {
    Land::from_code(digits[..2].parse().expect("validated")).expect("validated")
}

fn invalid(message: impl Into<String>) -> Error {
    Error::validation("ags", message)
}

/// The answer to a live AGS check in the profile form.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct AgsCheck {
    pub valid: bool,
    /// The key as it will be stored (8 digits for an AGS, 12 for an ARS), if valid.
    pub normalized: Option<String>,
    /// The Land's name, if valid.
    pub land: Option<String>,
    /// What is wrong, if invalid.
    pub message: Option<String>,
}

/// Checks the key of the profile form, an AGS or an ARS, without storing anything.
pub fn check(input: &str) -> AgsCheck {
    match Key::parse(input) {
        Ok(key) => AgsCheck {
            valid: true,
            land: Some(key.land().name().to_owned()),
            normalized: Some(key.to_string()),
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
    fn regional_keys_are_checked_like_the_ags() {
        // (input, Ok((Land, Kreis, Verband, Gemeinde)) or Err(part of the message))
        type Expected = std::result::Result<
            (&'static str, &'static str, &'static str, &'static str),
            &'static str,
        >;
        let cases: [(&str, Expected); 12] = [
            ("010595988000", Ok(("Schleswig-Holstein", "01059", "5988", "000"))),
            ("07 1 35 5001 000", Ok(("Rheinland-Pfalz", "07135", "5001", "000"))),
            ("034545418000", Ok(("Niedersachsen", "03454", "5418", "000"))),
            ("091620000000", Ok(("Bayern", "09162", "0000", "000"))),
            ("120630000000", Ok(("Brandenburg", "12063", "0000", "000"))),
            ("", Err("Der Amtliche Regionalschlüssel (ARS) fehlt.")),
            ("01059598800", Err("hat 11 Ziffern; erforderlich sind genau 12")),
            ("09162000", Err("hat 8 Ziffern; erforderlich sind genau 12")),
            ("0105959880001", Err("hat 13 Ziffern")),
            ("01059598800O", Err("„O“ ist keine Ziffer; der ARS besteht aus genau 12 Ziffern")),
            ("000595988000", Err("„00“ sind kein Länderschlüssel")),
            ("170595988000", Err("„17“ sind kein Länderschlüssel")),
        ];
        for (input, expected) in cases {
            match (Ars::parse(input), expected) {
                (Ok(ars), Ok((land, kreis, verband, gemeinde))) => {
                    assert_eq!(ars.land().name(), land, "{input}");
                    assert_eq!(
                        (ars.kreis(), ars.verband(), ars.gemeinde()),
                        (kreis, verband, gemeinde)
                    );
                }
                (Err(err), Err(message)) => {
                    assert_eq!(err.field(), Some("ags"), "{input}");
                    assert!(err.to_string().contains(message), "{input:?}: {err}");
                }
                (got, _) => panic!("{input:?}: {got:?}"),
            }
        }
    }

    #[test]
    fn a_key_is_an_ags_or_an_ars() {
        assert!(matches!(Key::parse("09162000").unwrap(), Key::Ags(_)));
        assert!(matches!(Key::parse(" 0105 9598 8000 ").unwrap(), Key::Ars(_)));
        assert_eq!(Key::parse("010595988000").unwrap().kreis(), "01059");
        for (input, message) in [
            ("", "Der Schlüssel der Kommune (AGS oder ARS) fehlt."),
            ("0105959880", "hat 10 Ziffern; erforderlich sind 8 (AGS) oder 12 (ARS)"),
            ("01X59598", "„X“ ist keine Ziffer; ein AGS hat 8 Ziffern, ein ARS 12"),
            ("180595988000", "„18“ sind kein Länderschlüssel"),
        ] {
            let err = Key::parse(input).unwrap_err();
            assert_eq!(err.field(), Some("ags"));
            assert!(err.to_string().contains(message), "{input:?}: {err}");
        }
        let ok = check("010595988000");
        assert_eq!(ok.normalized.as_deref(), Some("010595988000"));
        assert_eq!(ok.land.as_deref(), Some("Schleswig-Holstein"));
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
