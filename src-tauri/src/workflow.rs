//! Commands around the clerk's work on the services of a package and the Fachverfahren
//! inventory: the state of a service (phase, connection data, pilot interest, training), the
//! requirements to the Land, and the inventory matched with the Land's list. Every rule (formats,
//! dates, known services) is the core's.

use anbindungscheck::inventory::{FachverfahrenInput, Inventory, InventoryEntry};
use anbindungscheck::requirements::{Requirement, RequirementInput};
use anbindungscheck::service_state::ServiceState;
use tauri::State;

use crate::{AppError, AppState};

type Result<T> = std::result::Result<T, AppError>;

/// Validates and stores the state of one service of an installed package; returns it normalised.
#[tauri::command]
pub fn set_service_state(
    app: State<'_, AppState>,
    package_id: String,
    service_id: String,
    state: ServiceState,
) -> Result<ServiceState> {
    app.with(|s| s.set_service_state(&package_id, &service_id, &state))
}

/// Adds a requirement to the Land (`id` null) or changes one.
#[tauri::command]
pub fn save_requirement(
    app: State<'_, AppState>,
    id: Option<i64>,
    input: RequirementInput,
) -> Result<Requirement> {
    app.with(|s| s.save_requirement(id, &input))
}

/// Removes a requirement (the store keeps it marked as removed).
#[tauri::command]
pub fn remove_requirement(app: State<'_, AppState>, id: i64) -> Result<()> {
    app.with(|s| s.remove_requirement(id))
}

/// The Fachverfahren inventory, matched with the Fachverfahren the Land lists.
#[tauri::command]
pub fn get_inventory(app: State<'_, AppState>) -> Result<Inventory> {
    app.with(|s| s.inventory())
}

/// Adds a Fachverfahren (`id` null) or changes one.
#[tauri::command]
pub fn save_fachverfahren(
    app: State<'_, AppState>,
    id: Option<i64>,
    input: FachverfahrenInput,
) -> Result<InventoryEntry> {
    app.with(|s| s.save_fachverfahren(id, &input))
}

#[tauri::command]
pub fn remove_fachverfahren(app: State<'_, AppState>, id: i64) -> Result<()> {
    app.with(|s| s.remove_fachverfahren(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use anbindungscheck::inventory::{Analysis, Interface};

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

    /// The UI sends camelCase argument names and the core's snake_case fields; a bad value comes
    /// back as `{code, message, field}` with the field the UI marks.
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
        let err = AppError::from(state.validate().unwrap_err());
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["code"], "validation");
        assert_eq!(json["field"], "fit_connect_destination");
        assert!(json["message"].as_str().unwrap().contains("UUID"), "{json}");
    }

    #[test]
    fn the_inventory_is_saved_changed_and_removed_through_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let app = AppState::open(Some(dir.path().join("kommune.sqlite")));
        let saved = app.with(|s| s.save_fachverfahren(None, &fachverfahren("Vergabe 1"))).unwrap();
        let changed = app
            .with(|s| s.save_fachverfahren(Some(saved.id), &fachverfahren("Vergabe 2")))
            .unwrap();
        assert_eq!(changed.id, saved.id);
        let inventory = app.with(|s| s.inventory()).unwrap();
        assert_eq!(inventory.entries.len(), 1);
        assert_eq!(inventory.entries[0].fachverfahren.product, "Vergabe 2");
        app.with(|s| s.remove_fachverfahren(saved.id)).unwrap();
        assert!(app.with(|s| s.inventory()).unwrap().entries.is_empty());
        let err = serde_json::to_value(app.with(|s| s.remove_fachverfahren(saved.id)).unwrap_err())
            .unwrap();
        assert_eq!((&err["code"], &err["field"]), (&"validation".into(), &"fachverfahren".into()));
        // Without an installed package no service is known.
        let mut unknown = fachverfahren("Vergabe 3");
        unknown.services = vec!["praequalifizierung".into()];
        let err =
            serde_json::to_value(app.with(|s| s.save_fachverfahren(None, &unknown)).unwrap_err())
                .unwrap();
        assert_eq!(err["field"], "services", "{err}");
    }
}
