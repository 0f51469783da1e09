//! The municipality's profile: name, AGS (and the Land derived from it), population and the
//! municipal OZG coordinator.

use serde::{Deserialize, Serialize};

use crate::ags::Ags;
use crate::text;
use crate::{Error, Result};

/// The largest population accepted (Berlin has about 3.9 million).
pub const MAX_POPULATION: u32 = 5_000_000;

/// The profile as the clerk enters it (all text, validated by [`ProfileInput::validate`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct ProfileInput {
    pub name: String,
    pub ags: String,
    #[cfg_attr(test, ts(optional = nullable))]
    pub population: Option<u32>,
    #[cfg_attr(test, ts(optional = nullable))]
    pub coordinator_name: Option<String>,
    #[cfg_attr(test, ts(optional = nullable))]
    pub coordinator_email: Option<String>,
    #[cfg_attr(test, ts(optional = nullable))]
    pub coordinator_phone: Option<String>,
}

/// A validated, stored profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Profile {
    pub name: String,
    /// 8 digits.
    pub ags: String,
    /// Two-digit Land code, derived from the AGS.
    pub land_code: String,
    /// The Land's name, derived from the AGS.
    pub land: String,
    pub population: Option<u32>,
    pub coordinator_name: Option<String>,
    pub coordinator_email: Option<String>,
    pub coordinator_phone: Option<String>,
}

impl ProfileInput {
    /// Checks every field; the first bad one is reported with its field name.
    pub fn validate(&self) -> Result<Profile> {
        let name = text::line("name", "Der Name der Kommune", Some(&self.name), 200)?
            .ok_or_else(|| Error::validation("name", "Der Name der Kommune fehlt."))?;
        let ags = Ags::parse(&self.ags)?;
        if let Some(population) = self.population {
            if population == 0 || population > MAX_POPULATION {
                return Err(Error::validation(
                    "population",
                    format!(
                        "Einwohnerzahl {population} ist nicht plausibel; erlaubt sind 1 bis {}.",
                        MAX_POPULATION
                    ),
                ));
            }
        }
        let coordinator_name = text::line(
            "coordinator_name",
            "Der Name der OZG-Koordination",
            self.coordinator_name.as_deref(),
            200,
        )?;
        let coordinator_email = text::line(
            "coordinator_email",
            "Die E-Mail-Adresse",
            self.coordinator_email.as_deref(),
            254,
        )?;
        if let Some(email) = &coordinator_email {
            check_email("coordinator_email", email)?;
        }
        let coordinator_phone = text::line(
            "coordinator_phone",
            "Die Telefonnummer",
            self.coordinator_phone.as_deref(),
            40,
        )?;
        if let Some(phone) = &coordinator_phone {
            check_phone("coordinator_phone", phone)?;
        }
        let land = ags.land();
        Ok(Profile {
            name,
            ags: ags.to_string(),
            land_code: land.code(),
            land: land.name().to_owned(),
            population: self.population,
            coordinator_name,
            coordinator_email,
            coordinator_phone,
        })
    }
}

/// A deliberately plain e-mail check: one `@`, a local part, a domain with a dot, no spaces.
pub(crate) fn check_email(field: &'static str, email: &str) -> Result<()> {
    let bad = |why: &str| {
        Err(Error::validation(
            field,
            format!("E-Mail-Adresse {}: {why}", text::quote_for_message(email)),
        ))
    };
    let Some((local, domain)) = email.split_once('@') else {
        return bad("das Zeichen „@“ fehlt.");
    };
    if email.chars().any(char::is_whitespace) {
        return bad("sie darf keine Leerzeichen enthalten.");
    }
    if local.is_empty() {
        return bad("vor dem „@“ fehlt der Name.");
    }
    if domain.contains('@') {
        return bad("sie enthält mehr als ein „@“.");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) {
        return bad("nach dem „@“ fehlt eine gültige Domain wie „kommune.de“.");
    }
    if labels.iter().any(|l| l.starts_with('-') || l.ends_with('-'))
        || !domain.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.')
    {
        return bad("die Domain nach dem „@“ enthält unzulässige Zeichen.");
    }
    Ok(())
}

/// Phone numbers: digits with the usual separators, at least 3 digits.
pub(crate) fn check_phone(field: &'static str, phone: &str) -> Result<()> {
    let allowed = |c: char| c.is_ascii_digit() || " +-/()".contains(c);
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if !phone.chars().all(allowed) || digits < 3 {
        return Err(Error::validation(
            field,
            format!(
                "Telefonnummer {}: erlaubt sind Ziffern, Leerzeichen und + - / ( ).",
                text::quote_for_message(phone)
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ProfileInput {
        ProfileInput {
            name: "Gemeinde Musterstadt".into(),
            ags: "09162000".into(),
            population: Some(12_500),
            coordinator_name: Some("Frau Öztürk".into()),
            coordinator_email: Some("ozg@musterstadt.de".into()),
            coordinator_phone: Some("+49 89 1234-56".into()),
        }
    }

    #[test]
    fn valid_profile_derives_the_land() {
        let profile = input().validate().unwrap();
        assert_eq!(profile.land, "Bayern");
        assert_eq!(profile.land_code, "09");
    }

    #[test]
    fn bad_fields_are_named() {
        type Change = fn(&mut ProfileInput);
        let cases: [(Change, &str, &str); 9] = [
            (|p| p.name = "  ".into(), "name", "fehlt"),
            (|p| p.ags = "1234".into(), "ags", "4 Ziffern"),
            (|p| p.population = Some(0), "population", "nicht plausibel"),
            (|p| p.population = Some(9_000_000), "population", "9000000"),
            (|p| p.coordinator_email = Some("ozg.musterstadt.de".into()), "coordinator_email", "@"),
            (|p| p.coordinator_email = Some("@musterstadt.de".into()), "coordinator_email", "Name"),
            (|p| p.coordinator_email = Some("ozg@localhost".into()), "coordinator_email", "Domain"),
            (|p| p.coordinator_email = Some("a b@x.de".into()), "coordinator_email", "Leerzeichen"),
            (|p| p.coordinator_phone = Some("0800-CALL".into()), "coordinator_phone", "Ziffern"),
        ];
        for (change, field, expected) in cases {
            let mut p = input();
            change(&mut p);
            let err = p.validate().unwrap_err();
            assert_eq!(err.field(), Some(field), "{err}");
            assert!(err.to_string().contains(expected), "{field}: {err}");
        }
    }

    #[test]
    fn empty_optional_fields_are_none() {
        let mut p = input();
        p.coordinator_email = Some("   ".into());
        p.coordinator_phone = None;
        let profile = p.validate().unwrap();
        assert_eq!(profile.coordinator_email, None);
        assert_eq!(profile.coordinator_phone, None);
    }
}
