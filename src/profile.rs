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
            "Der Name der Ansprechperson für die OZG-Umsetzung",
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

impl From<&Profile> for ProfileInput {
    fn from(p: &Profile) -> ProfileInput {
        ProfileInput {
            name: p.name.clone(),
            ags: p.ags.clone(),
            population: p.population,
            coordinator_name: p.coordinator_name.clone(),
            coordinator_email: p.coordinator_email.clone(),
            coordinator_phone: p.coordinator_phone.clone(),
        }
    }
}

/// A partial change of the profile, as the command line gives it: only the fields named change,
/// and an empty value clears an optional field. The population is text as entered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProfilePatch {
    pub name: Option<String>,
    pub ags: Option<String>,
    /// Digits only; empty clears the population.
    pub population: Option<String>,
    pub coordinator_name: Option<String>,
    pub coordinator_email: Option<String>,
    pub coordinator_phone: Option<String>,
}

impl ProfilePatch {
    /// The profile `current` (an empty one if there is none yet) with the named fields replaced,
    /// ready to be validated and stored. Refuses a population that is no whole number.
    pub fn apply(&self, current: Option<&Profile>) -> Result<ProfileInput> {
        let mut input = current.map(ProfileInput::from).unwrap_or_default();
        if let Some(name) = &self.name {
            input.name = name.clone();
        }
        if let Some(ags) = &self.ags {
            input.ags = ags.clone();
        }
        if let Some(population) = &self.population {
            input.population = parse_population(population)?;
        }
        for (field, value) in [
            (&mut input.coordinator_name, &self.coordinator_name),
            (&mut input.coordinator_email, &self.coordinator_email),
            (&mut input.coordinator_phone, &self.coordinator_phone),
        ] {
            if value.is_some() {
                *field = value.clone();
            }
        }
        Ok(input)
    }
}

/// A population as typed: empty (none), or a whole number without separators.
fn parse_population(value: &str) -> Result<Option<u32>> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let why = match value.parse::<u64>() {
        Ok(n) => match u32::try_from(n) {
            Ok(n) => return Ok(Some(n)),
            Err(_) => format!("ist zu groß (höchstens {})", u32::MAX),
        },
        Err(_) if value.starts_with('-') => "ist negativ".to_owned(),
        Err(_) => "ist keine ganze Zahl ohne Trennzeichen".to_owned(),
    };
    Err(Error::validation("population", format!("Einwohnerzahl „{value}“ {why}.")))
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

    #[test]
    fn a_patch_replaces_only_the_named_fields() {
        let stored = input().validate().unwrap();
        let patch = ProfilePatch {
            name: Some("Stadt Musterstadt".into()),
            coordinator_email: Some(String::new()),
            ..Default::default()
        };
        let changed = patch.apply(Some(&stored)).unwrap();
        assert_eq!(changed.name, "Stadt Musterstadt");
        assert_eq!(changed.ags, stored.ags);
        assert_eq!(changed.population, stored.population);
        assert_eq!(changed.coordinator_name, stored.coordinator_name);
        // An empty value clears the field when the input is validated.
        assert_eq!(changed.validate().unwrap().coordinator_email, None);
        // Without a stored profile the patch starts from an empty one.
        let fresh = ProfilePatch { ags: Some("09162000".into()), ..Default::default() };
        let input = fresh.apply(None).unwrap();
        assert_eq!((input.name.as_str(), input.ags.as_str()), ("", "09162000"));
    }

    #[test]
    fn a_patch_names_what_is_wrong_with_a_population() {
        let population = |text: &str| {
            ProfilePatch { population: Some(text.into()), ..Default::default() }.apply(None)
        };
        assert_eq!(population(" 1200 ").unwrap().population, Some(1200));
        assert_eq!(population("").unwrap().population, None);
        for (text, expected) in
            [("-5", "ist negativ"), ("12.000", "keine ganze Zahl"), ("99999999999", "zu groß")]
        {
            let err = population(text).unwrap_err();
            assert_eq!(err.field(), Some("population"));
            assert!(err.to_string().contains(expected), "{text}: {err}");
        }
    }
}
