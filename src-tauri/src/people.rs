//! Commands of the "Ansprechpersonen" section of the profile: the people the municipality names
//! per role. Validation (name, e-mail, phone, the functional mailbox's address) is the core's.

use anbindungscheck::roles::{Person, PersonInput};
use tauri::State;

use crate::{AppError, AppState};

type Result<T> = std::result::Result<T, AppError>;

/// The people named per role, in role order.
#[tauri::command]
pub fn list_people(state: State<'_, AppState>) -> Result<Vec<Person>> {
    state.with(|s| s.people())
}

/// Adds a person (`id` null) or changes one.
#[tauri::command]
pub fn save_person(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: PersonInput,
) -> Result<Person> {
    state.with(|s| s.save_person(id, &input))
}

#[tauri::command]
pub fn remove_person(state: State<'_, AppState>, id: i64) -> Result<()> {
    state.with(|s| s.remove_person(id))
}
