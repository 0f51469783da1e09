//! The people the municipality names per role (Projektleitung, Technik, …). They are offered as
//! owners of checklist items and listed in the report. The Ansprechperson für die OZG-Umsetzung
//! herself is in the profile ([`crate::profile`]); here only her deputy.

use serde::{Deserialize, Serialize};

use crate::keyed::keyed_enum;
use crate::profile::{check_email, check_phone};
use crate::{text, Error, Result};

keyed_enum! {
    /// A role in the connection project.
    pub enum Role (field = "role", unknown = "Unbekannte Rolle") {
        /// The deputy of the profile's Ansprechperson für die OZG-Umsetzung. The key is the
        /// role's earlier meaning, kept so that stored people and reports read unchanged.
        OzgKoordination = ("ozg_koordination", "Stellvertretung OZG-Umsetzung"),
        Projektleitung = ("projektleitung", "Projektleitung"),
        Technik = ("technik", "Technik"),
        Fachbereich = ("fachlichkeit", "Fachbereich"),
        Datenschutz = ("datenschutz", "Datenschutz"),
        Informationssicherheit = ("informationssicherheit", "Informationssicherheit"),
        Betrieb = ("betrieb", "Betrieb / erste Anlaufstelle"),
        Postfach = ("postfach", "Funktionspostfach"),
    }
}

/// A named person (or, for [`Role::Postfach`], a functional mailbox).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Person {
    pub id: i64,
    pub role: Role,
    pub role_label: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// A person as the clerk enters them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct PersonInput {
    pub role: Role,
    pub name: String,
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub email: Option<String>,
    #[serde(default)]
    #[cfg_attr(test, ts(optional = nullable))]
    pub phone: Option<String>,
}

impl PersonInput {
    /// Checks the input; a functional mailbox needs its e-mail address.
    pub fn validate(&self) -> Result<PersonInput> {
        let name = text::line("name", "Der Name", Some(&self.name), 200)?
            .ok_or_else(|| Error::validation("name", "Der Name fehlt."))?;
        let email = text::line("email", "Die E-Mail-Adresse", self.email.as_deref(), 254)?;
        if let Some(email) = &email {
            check_email("email", email)?;
        }
        if self.role == Role::Postfach && email.is_none() {
            return Err(Error::validation(
                "email",
                "Für das Funktionspostfach fehlt die E-Mail-Adresse.",
            ));
        }
        let phone = text::line("phone", "Die Telefonnummer", self.phone.as_deref(), 40)?;
        if let Some(phone) = &phone {
            check_phone("phone", phone)?;
        }
        Ok(PersonInput { role: self.role, name, email, phone })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(role: Role) -> PersonInput {
        PersonInput {
            role,
            name: " Frau Ünal ".into(),
            email: Some("ozg@musterstadt.de".into()),
            phone: None,
        }
    }

    #[test]
    fn valid_input_is_trimmed() {
        assert_eq!(input(Role::Technik).validate().unwrap().name, "Frau Ünal");
    }

    #[test]
    fn role_keys_and_labels_round_trip() {
        for role in Role::ALL {
            assert_eq!(role.key().parse::<Role>().unwrap(), *role);
            assert_eq!(serde_json::to_string(role).unwrap(), format!("\"{}\"", role.key()));
        }
        let isms: Role = "informationssicherheit".parse().unwrap();
        assert_eq!(isms, Role::Informationssicherheit);
        assert_eq!(isms.label(), "Informationssicherheit");
        // In role order after data protection, before operations.
        assert!(Role::Datenschutz < isms && isms < Role::Betrieb);
        assert_eq!(input(isms).validate().unwrap().role, isms);
    }

    #[test]
    fn bad_fields_are_named() {
        type Change = fn(&mut PersonInput);
        let cases: [(Change, &str); 4] = [
            (|p| p.name = " ".into(), "name"),
            (|p| p.email = Some("kein-at.de".into()), "email"),
            (|p| p.phone = Some("ruf mich an".into()), "phone"),
            (|p| (p.role, p.email) = (Role::Postfach, None), "email"),
        ];
        for (change, field) in cases {
            let mut p = input(Role::Technik);
            change(&mut p);
            assert_eq!(p.validate().unwrap_err().field(), Some(field));
        }
    }
}
