//! Requirements and feature requests the municipality sends to the Land, per service.

use serde::{Deserialize, Serialize};

use crate::keyed::keyed_enum;
use crate::{text, Error, Result};

keyed_enum! {
    /// A requirement (needed to use the service) or a wish for a feature.
    pub enum RequirementKind (field = "kind", unknown = "Unbekannte Art") {
        Anforderung = ("anforderung", "Anforderung"),
        Funktionswunsch = ("funktionswunsch", "Funktionswunsch"),
    }
}

keyed_enum! {
    /// Whether it concerns the subject matter or the technology.
    pub enum Area (field = "area", unknown = "Unbekannter Bereich") {
        Fachlich = ("fachlich", "Fachlich"),
        Technisch = ("technisch", "Technisch"),
    }
}

keyed_enum! {
    pub enum Priority (field = "priority", unknown = "Unbekannte Priorität") {
        Hoch = ("hoch", "Hoch"),
        Mittel = ("mittel", "Mittel"),
        Niedrig = ("niedrig", "Niedrig"),
    }
}

/// Longest description accepted.
pub const MAX_DESCRIPTION: usize = 4_000;

/// A requirement as the clerk enters it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RequirementInput {
    pub package_id: String,
    pub service_id: String,
    pub kind: RequirementKind,
    pub area: Area,
    pub description: String,
    pub priority: Priority,
}

impl RequirementInput {
    /// Checks the text; the service is checked by the store against the package.
    pub fn validate(&self) -> Result<RequirementInput> {
        let description = text::multiline(
            "description",
            "Die Beschreibung",
            Some(&self.description),
            MAX_DESCRIPTION,
        )?
        .ok_or_else(|| Error::validation("description", "Die Beschreibung fehlt."))?;
        Ok(RequirementInput { description, ..self.clone() })
    }
}

/// A stored requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Requirement {
    pub id: i64,
    #[serde(flatten)]
    pub input: RequirementInput,
    pub created_at: String,
    pub updated_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn description_is_required_and_limited() {
        let mut r = RequirementInput {
            package_id: "p".into(),
            service_id: "s".into(),
            kind: RequirementKind::Funktionswunsch,
            area: Area::Technisch,
            description: "  Rückkanal über FIT-Connect  ".into(),
            priority: Priority::Hoch,
        };
        assert_eq!(r.validate().unwrap().description, "Rückkanal über FIT-Connect");
        r.description = " ".into();
        assert_eq!(r.validate().unwrap_err().field(), Some("description"));
        r.description = "x".repeat(MAX_DESCRIPTION + 1);
        assert!(r.validate().unwrap_err().to_string().contains("zu lang"));
    }
}
