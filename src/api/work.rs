//! Commands around the municipality's own work: the people per role, the state of each service
//! of a package (phase, connection data, pilot interest, training), the requirements to the Land,
//! and the Fachverfahren inventory matched with the Land's list. Every rule (formats, dates,
//! known services) is the domain's; the store writes the rows.

use super::{Ctx, Result};
use crate::installed::ServiceDecision;
use crate::inventory::{FachverfahrenInput, Inventory, InventoryEntry};
use crate::requirements::{Requirement, RequirementInput};
use crate::roles::{Person, PersonInput};
use crate::service_readiness::ServiceReadiness;
use crate::service_state::ServiceState;
use serde::Serialize;

/// The people named per role, in role order.
pub fn list_people(cx: &Ctx) -> Result<Vec<Person>> {
    cx.workspace.with(|s| s.people())
}

/// Adds a person (`id` null) or changes one.
pub fn save_person(cx: &Ctx, id: Option<i64>, input: PersonInput) -> Result<Person> {
    cx.workspace.with(|s| s.save_person(id, &input))
}

/// Removes a person.
pub fn remove_person(cx: &Ctx, id: i64) -> Result<()> {
    cx.workspace.with(|s| s.remove_person(id))
}

/// The decision and the state of a service as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SavedService {
    pub decision: ServiceDecision,
    pub state: ServiceState,
}

/// Validates and stores the decision and the state of one service of an installed package in one
/// transaction; returns both normalised.
pub fn save_service(
    cx: &Ctx,
    package_id: String,
    service_id: String,
    decision: ServiceDecision,
    state: ServiceState,
) -> Result<SavedService> {
    let (decision, state) =
        cx.workspace.with(|s| s.save_service(&package_id, &service_id, &decision, &state))?;
    Ok(SavedService { decision, state })
}

/// Whether one service is ready today: its checks and verdict (docs/readiness.md).
pub fn get_service_readiness(
    cx: &Ctx,
    package_id: String,
    service_id: String,
) -> Result<ServiceReadiness> {
    cx.workspace.with(|s| s.readiness_of(&package_id, &service_id, cx.desktop.today()))
}

/// Adds a requirement to the Land (`id` null) or changes one.
pub fn save_requirement(cx: &Ctx, id: Option<i64>, input: RequirementInput) -> Result<Requirement> {
    cx.workspace.with(|s| s.save_requirement(id, &input))
}

/// Removes a requirement (the store keeps it marked as removed).
pub fn remove_requirement(cx: &Ctx, id: i64) -> Result<()> {
    cx.workspace.with(|s| s.remove_requirement(id))
}

/// The Fachverfahren inventory, matched with the Fachverfahren the Land lists.
pub fn get_inventory(cx: &Ctx) -> Result<Inventory> {
    cx.workspace.with(|s| s.inventory())
}

/// Adds a Fachverfahren (`id` null) or changes one.
pub fn save_fachverfahren(
    cx: &Ctx,
    id: Option<i64>,
    input: FachverfahrenInput,
) -> Result<InventoryEntry> {
    cx.workspace.with(|s| s.save_fachverfahren(id, &input))
}

/// Removes a Fachverfahren from the inventory.
pub fn remove_fachverfahren(cx: &Ctx, id: i64) -> Result<()> {
    cx.workspace.with(|s| s.remove_fachverfahren(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ApiError, Workspace};
    use crate::inventory::{Analysis, Interface};

    fn fachverfahren(product: &str) -> FachverfahrenInput {
        FachverfahrenInput {
            product: product.into(),
            vendor: "Muster Software GmbH".into(),
            version: None,
            services: vec![],
            interface: Interface::FitConnect,
            vendor_commissioned: false,
            commissioned_on: None,
            analysis: Analysis::Offen,
            note: None,
        }
    }

    /// The UI sends the core's snake_case fields; a bad value comes back as
    /// `{code, message, field}` with the field the UI marks.
    #[test]
    fn inputs_deserialize_from_the_ui_and_errors_name_their_field() {
        let state: ServiceState = serde_json::from_value(serde_json::json!({
            "phase": "fragebogen",
            "phase_dates": [{"phase": "interesse", "date": "2026-10-01"}],
            "connection": {"fit_connect_destination": "keine-uuid", "transport_route": "fit_connect"},
            "pilot_interest": true,
            "training_needed": false
        }))
        .unwrap();
        let err = ApiError::from(state.validate().unwrap_err());
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["code"], "validation");
        assert_eq!(json["field"], "fit_connect_destination");
        assert!(json["message"].as_str().unwrap().contains("36 Zeichen in fünf Gruppen"), "{json}");
    }

    #[test]
    fn the_inventory_is_saved_changed_and_removed_through_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(Some(dir.path().join("kommune.sqlite")));
        assert!(ws.with(|s| s.checklist()).unwrap().entries.len() >= 16);
        let saved = ws.with(|s| s.save_fachverfahren(None, &fachverfahren("Vergabe 1"))).unwrap();
        let changed =
            ws.with(|s| s.save_fachverfahren(Some(saved.id), &fachverfahren("Vergabe 2"))).unwrap();
        assert_eq!(changed.id, saved.id);
        let inventory = ws.with(|s| s.inventory()).unwrap();
        assert_eq!(inventory.entries.len(), 1);
        assert_eq!(inventory.entries[0].fachverfahren.product, "Vergabe 2");
        ws.with(|s| s.remove_fachverfahren(saved.id)).unwrap();
        assert!(ws.with(|s| s.inventory()).unwrap().entries.is_empty());
        let err = serde_json::to_value(ws.with(|s| s.remove_fachverfahren(saved.id)).unwrap_err())
            .unwrap();
        assert_eq!((&err["code"], &err["field"]), (&"validation".into(), &"fachverfahren".into()));
        // Without an installed package no service is known.
        let mut unknown = fachverfahren("Vergabe 3");
        unknown.services = vec!["praequalifizierung".into()];
        let err =
            serde_json::to_value(ws.with(|s| s.save_fachverfahren(None, &unknown)).unwrap_err())
                .unwrap();
        assert_eq!(err["field"], "services", "{err}");
    }
}
