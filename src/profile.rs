//! The municipality's profile: name, kind of Kommune, key (AGS or ARS, and the Land derived from
//! it), population and the municipal OZG coordinator.
//!
//! The key is stored in the field `ags`, with 8 digits (an Amtlicher Gemeindeschlüssel) or 12
//! (an Amtlicher Regionalschlüssel for a Gemeindeverband or a Kreis). Data from before the kind
//! existed has no `kind` and is read as a Gemeinde.

use serde::{Deserialize, Serialize};

use crate::ags::{Ags, Key};
use crate::text;
use crate::{Error, Result};

/// The largest population accepted (Berlin has about 3.9 million).
pub const MAX_POPULATION: u32 = 5_000_000;

crate::keyed::keyed_enum! {
    /// What kind of Kommune the profile is: a Gemeinde, a kreisfreie Stadt, a Gemeindeverband
    /// under its name in the Land, or a Kreis. Gemeinde if not named.
    #[derive(Default)]
    pub enum KommuneKind (field = "kind", unknown = "Unbekannte Art der Kommune") {
        #[default]
        Gemeinde = ("gemeinde", "Gemeinde"),
        KreisfreieStadt = ("kreisfreie_stadt", "Kreisfreie Stadt"),
        /// Schleswig-Holstein, Brandenburg, Mecklenburg-Vorpommern.
        Amt = ("amt", "Amt"),
        /// Rheinland-Pfalz, Sachsen-Anhalt.
        Verbandsgemeinde = ("verbandsgemeinde", "Verbandsgemeinde"),
        /// Niedersachsen.
        Samtgemeinde = ("samtgemeinde", "Samtgemeinde"),
        /// Bayern, Sachsen, Thüringen.
        Verwaltungsgemeinschaft = ("verwaltungsgemeinschaft", "Verwaltungsgemeinschaft"),
        Kreis = ("kreis", "Kreis"),
    }
}

impl KommuneKind {
    /// Whether this is a Gemeindeverband (Amt, Verbandsgemeinde, Samtgemeinde,
    /// Verwaltungsgemeinschaft).
    pub fn is_verband(self) -> bool {
        matches!(
            self,
            KommuneKind::Amt
                | KommuneKind::Verbandsgemeinde
                | KommuneKind::Samtgemeinde
                | KommuneKind::Verwaltungsgemeinschaft
        )
    }

    /// Whether the Kommune acts for member municipalities: a Gemeindeverband or a Kreis.
    pub fn has_members(self) -> bool {
        self.is_verband() || self == KommuneKind::Kreis
    }

    /// Checks that `key` fits this kind: a Gemeinde or kreisfreie Stadt has an AGS (or an ARS
    /// of a Gemeinde), a Gemeindeverband an ARS with a Verband part and Gemeinde part 000 (the
    /// GV100AD keys a Verband by its first 9 digits), a Kreis zeros after its Kreis part.
    pub fn check_key(self, key: &Key) -> Result<()> {
        let label = self.label();
        let bad = |why: String| Err(Error::validation("ags", why));
        match (self, key) {
            (KommuneKind::Gemeinde, Key::Ars(ars)) if ars.gemeinde() == "000" => bad(format!(
                "ARS {ars}: Der Gemeindeteil (Stellen 10 bis 12) ist 000; das ist der Schlüssel \
                 eines Gemeindeverbands oder Kreises. Eine Gemeinde hat einen AGS (8 Ziffern) oder \
                 einen ARS mit Gemeindeteil."
            )),
            (KommuneKind::KreisfreieStadt, Key::Ars(ars)) if ars.verband() != "0000" => {
                bad(format!(
                    "ARS {ars}: Der Verbandsteil (Stellen 6 bis 9) ist „{}“; eine kreisfreie \
                     Stadt gehört keinem Gemeindeverband an. Geben Sie den AGS (8 Ziffern) ein.",
                    ars.verband()
                ))
            }
            (KommuneKind::Gemeinde | KommuneKind::KreisfreieStadt, _) => Ok(()),
            (KommuneKind::Kreis, Key::Ags(ags)) if ags.gemeinde() != "000" => bad(format!(
                "AGS {ags}: Der Gemeindeteil (Stellen 6 bis 8) ist „{}“; ein Kreis hat dort 000. \
                 Geben Sie den Kreisschlüssel als AGS (z. B. 01059000) oder als ARS \
                 (z. B. 010590000000) ein.",
                ags.gemeinde()
            )),
            (KommuneKind::Kreis, Key::Ars(ars))
                if ars.verband() != "0000" || ars.gemeinde() != "000" =>
            {
                bad(format!(
                    "ARS {ars}: Nach dem Kreisteil (Stellen 1 bis 5) folgen beim Kreis nur \
                     Nullen; hier steht „{}“.",
                    &ars.as_str()[5..]
                ))
            }
            (KommuneKind::Kreis, _) => Ok(()),
            (_, Key::Ags(ags)) => bad(format!(
                "AGS {ags}: Ein Gemeindeverband ({label}) hat keinen AGS, sondern einen \
                 Amtlichen Regionalschlüssel (ARS) mit 12 Ziffern."
            )),
            (_, Key::Ars(ars)) if ars.verband() == "0000" => bad(format!(
                "ARS {ars}: Der Verbandsteil (Stellen 6 bis 9) ist 0000; der ARS eines \
                 Gemeindeverbands ({label}) hat dort die Nummer des Verbands."
            )),
            (_, Key::Ars(ars)) if ars.gemeinde() != "000" => bad(format!(
                "ARS {ars}: Der Gemeindeteil (Stellen 10 bis 12) ist „{}“; beim ARS eines \
                 Gemeindeverbands ({label}) ist er 000.",
                ars.gemeinde()
            )),
            (_, Key::Ars(_)) => Ok(()),
        }
    }
}

/// The profile as the clerk enters it (all text, validated by [`ProfileInput::validate`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct ProfileInput {
    pub name: String,
    /// The key: an AGS (8 digits) or an ARS (12 digits).
    pub ags: String,
    /// Gemeinde if not given.
    #[cfg_attr(test, ts(optional = nullable))]
    pub kind: Option<KommuneKind>,
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
    /// The key: 8 digits (AGS) or 12 (ARS).
    pub ags: String,
    /// Gemeinde in data from before the kind existed.
    #[serde(default)]
    pub kind: KommuneKind,
    /// Two-digit Land code, derived from the key.
    pub land_code: String,
    /// The Land's name, derived from the key.
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
        let ags = Key::parse(&self.ags)?;
        let kind = self.kind.unwrap_or_default();
        kind.check_key(&ags)?;
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
            kind,
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
            kind: Some(p.kind),
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
    /// The key, AGS or ARS.
    pub ags: Option<String>,
    pub kind: Option<KommuneKind>,
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
        if let Some(kind) = self.kind {
            input.kind = Some(kind);
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

/// The most members a Gemeindeverband or Kreis can list (the largest Kreise have about 240
/// Gemeinden).
pub const MAX_MEMBERS: usize = 500;

/// A member municipality of a Gemeindeverband or Kreis, as entered and as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct Member {
    /// The member's AGS, 8 digits.
    pub ags: String,
    pub name: String,
}

impl Member {
    /// Checks a new member of the Kommune `profile` against the members it already has: only a
    /// Gemeindeverband or a Kreis has members, each a Gemeinde with an 8-digit AGS in the same
    /// Land and Kreis, none twice. Returns the member as it will be stored.
    pub fn validate(&self, profile: Option<&Profile>, members: &[Member]) -> Result<Member> {
        let Some(profile) = profile else {
            return Err(Error::validation(
                "kind",
                "Mitglieder lassen sich erst eintragen, wenn das Profil gespeichert ist.",
            ));
        };
        if !profile.kind.has_members() {
            return Err(Error::validation(
                "kind",
                format!(
                    "Mitglieder hat nur ein Gemeindeverband oder ein Kreis; Ihre Kommune ist als \
                     „{}“ erfasst.",
                    profile.kind.label()
                ),
            ));
        }
        let ags = Ags::parse(&self.ags)?;
        let label = profile.kind.label();
        let own = &profile.ags[..5];
        if ags.land().code() != profile.land_code {
            return Err(Error::validation(
                "ags",
                format!(
                    "AGS {ags}: Die Gemeinde liegt in {}, Ihre Kommune ({label}) in {}; \
                     Mitglieder gehören zum selben Land.",
                    ags.land().name(),
                    profile.land
                ),
            ));
        }
        if ags.kreis() != own {
            return Err(Error::validation(
                "ags",
                format!(
                    "AGS {ags}: Die Stellen 1 bis 5 („{}“) nennen einen anderen Kreis als der \
                     Schlüssel Ihrer Kommune („{own}“); Mitglieder liegen im selben Kreis.",
                    ags.kreis()
                ),
            ));
        }
        if ags.gemeinde() == "000" {
            return Err(Error::validation(
                "ags",
                format!(
                    "AGS {ags}: Der Gemeindeteil (Stellen 6 bis 8) ist 000; das ist der \
                     Schlüssel eines Kreises oder einer kreisfreien Stadt, nicht einer \
                     Mitgliedsgemeinde."
                ),
            ));
        }
        if let Some(known) = members.iter().find(|m| m.ags == ags.as_str()) {
            return Err(Error::validation(
                "ags",
                format!("AGS {ags} ist schon Mitglied ({}).", text::quote_for_message(&known.name)),
            ));
        }
        if members.len() >= MAX_MEMBERS {
            return Err(Error::validation(
                "ags",
                format!("Es sind schon {MAX_MEMBERS} Mitglieder eingetragen, mehr gehen nicht."),
            ));
        }
        let name = text::line("name", "Der Name der Mitgliedsgemeinde", Some(&self.name), 200)?
            .ok_or_else(|| Error::validation("name", "Der Name der Mitgliedsgemeinde fehlt."))?;
        Ok(Member { ags: ags.to_string(), name })
    }
}

/// Whether the stored `members` still fit the profile `profile` would become: a Kommune that has
/// members stays a Gemeindeverband or a Kreis, in the same Kreis.
pub fn check_members_fit(profile: &Profile, members: &[Member]) -> Result<()> {
    if members.is_empty() {
        return Ok(());
    }
    let n = members.len();
    let listed = if n == 1 { "ein Mitglied".to_owned() } else { format!("{n} Mitglieder") };
    if !profile.kind.has_members() {
        return Err(Error::validation(
            "kind",
            format!(
                "Ihre Kommune hat {listed}; als „{}“ hätte sie keine. Entfernen Sie zuerst die \
                 Mitglieder.",
                profile.kind.label()
            ),
        ));
    }
    if let Some(other) = members.iter().find(|m| m.ags[..5] != profile.ags[..5]) {
        return Err(Error::validation(
            "ags",
            format!(
                "Der Schlüssel {} nennt einen anderen Kreis als das Mitglied {} ({}); \
                 Mitglieder liegen im selben Kreis. Entfernen Sie zuerst die Mitglieder.",
                profile.ags,
                text::quote_for_message(&other.name),
                other.ags
            ),
        ));
    }
    Ok(())
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
            kind: None,
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
    fn the_key_must_fit_the_kind() {
        use KommuneKind::*;
        // (kind, key, Ok(Land code) or Err(part of the message))
        let cases: [(KommuneKind, &str, std::result::Result<&str, &str>); 16] = [
            (Gemeinde, "09162000", Ok("09")),
            (Gemeinde, "010595988003", Ok("01")),
            (Gemeinde, "010595988000", Err("Gemeindeteil (Stellen 10 bis 12) ist 000")),
            (KreisfreieStadt, "09162000", Ok("09")),
            (KreisfreieStadt, "091620000000", Ok("09")),
            (KreisfreieStadt, "091625001000", Err("gehört keinem Gemeindeverband an")),
            (Amt, "010595988000", Ok("01")),
            (Verbandsgemeinde, "071355001000", Ok("07")),
            (Samtgemeinde, "034545418000", Ok("03")),
            (Verwaltungsgemeinschaft, "14 6 25 5201 000", Ok("14")),
            (Amt, "01059000", Err("hat keinen AGS, sondern einen Amtlichen Regionalschlüssel")),
            (Amt, "010590000000", Err("Verbandsteil (Stellen 6 bis 9) ist 0000")),
            (Samtgemeinde, "034545418007", Err("Gemeindeteil (Stellen 10 bis 12) ist „007“")),
            (Kreis, "010590000000", Ok("01")),
            (Kreis, "01059000", Ok("01")),
            (Kreis, "010595988000", Err("beim Kreis nur Nullen; hier steht „5988000“")),
        ];
        for (kind, key, expected) in cases {
            let mut p = input();
            p.kind = Some(kind);
            p.ags = key.into();
            match (p.validate(), expected) {
                (Ok(profile), Ok(land)) => {
                    assert_eq!(profile.land_code, land, "{kind} {key}");
                    assert_eq!(profile.kind, kind);
                    assert_eq!(profile.ags, key.replace(' ', ""));
                }
                (Err(err), Err(message)) => {
                    assert_eq!(err.field(), Some("ags"), "{kind} {key}");
                    assert!(err.to_string().contains(message), "{kind} {key}: {err}");
                }
                (got, _) => panic!("{kind} {key}: {got:?}"),
            }
        }
        let mut p = input();
        p.ags = "01059000".into();
        p.kind = Some(Kreis);
        assert!(p.validate().unwrap().kind.has_members());
        assert!(Amt.is_verband() && !Kreis.is_verband() && !Gemeinde.has_members());
        assert_eq!("landkreis".parse::<KommuneKind>().unwrap_err().field(), Some("kind"));
    }

    #[test]
    fn a_profile_without_a_kind_is_a_gemeinde() {
        let json = r#"{"name":"Gemeinde Musterstadt","ags":"09162000","land_code":"09",
            "land":"Bayern","population":null,"coordinator_name":null,"coordinator_email":null,
            "coordinator_phone":null}"#;
        let profile: Profile = serde_json::from_str(json).unwrap();
        assert_eq!(profile.kind, KommuneKind::Gemeinde);
        assert_eq!(input().validate().unwrap().kind, KommuneKind::Gemeinde);
    }

    #[test]
    fn members_are_checked_against_the_verband() {
        let amt = ProfileInput {
            name: "Amt Musterland".into(),
            ags: "010595988000".into(),
            kind: Some(KommuneKind::Amt),
            ..input()
        }
        .validate()
        .unwrap();
        let member = |ags: &str, name: &str| Member { ags: ags.into(), name: name.into() };
        let known = [member("01059001", "Alt Duvenstedt")];
        let ok = member(" 01059 002 ", " Borgstedt ").validate(Some(&amt), &known).unwrap();
        assert_eq!(ok, member("01059002", "Borgstedt"));
        let cases = [
            (member("0105900", "X"), "ags", "hat 7 Ziffern"),
            (member("010595988001", "X"), "ags", "hat 12 Ziffern"),
            (member("03059001", "X"), "ags", "liegt in Niedersachsen"),
            (member("01060001", "X"), "ags", "anderen Kreis"),
            (member("01059000", "X"), "ags", "Gemeindeteil (Stellen 6 bis 8) ist 000"),
            (member("01059001", "Alt Duvenstedt"), "ags", "ist schon Mitglied („Alt Duvenstedt“)"),
            (member("01059003", "  "), "name", "fehlt"),
        ];
        for (m, field, message) in cases {
            let err = m.validate(Some(&amt), &known).unwrap_err();
            assert_eq!(err.field(), Some(field), "{m:?}: {err}");
            assert!(err.to_string().contains(message), "{m:?}: {err}");
        }
        let gemeinde = input().validate().unwrap();
        let err = member("09162001", "X").validate(Some(&gemeinde), &[]).unwrap_err();
        assert!(err.to_string().contains("nur ein Gemeindeverband oder ein Kreis"), "{err}");
        assert!(member("01059001", "X").validate(None, &[]).is_err());

        // The profile cannot leave its members behind.
        check_members_fit(&amt, &known).unwrap();
        let err = check_members_fit(&gemeinde, &known).unwrap_err();
        assert!(err.to_string().contains("hat ein Mitglied"), "{err}");
        let elsewhere =
            ProfileInput { ags: "010605988000".into(), ..ProfileInput::from(&amt) }.validate();
        let err = check_members_fit(&elsewhere.unwrap(), &known).unwrap_err();
        assert!(err.to_string().contains("anderen Kreis"), "{err}");
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
