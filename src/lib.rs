//! Anbindungscheck core: the municipality's readiness for connecting EfA online services.
//!
//! The crate owns the domain (profile, checklist catalogue, item progress, readiness) and its
//! SQLite store. It knows nothing of the desktop shell nor of the command line; the CLI
//! (`anbindungscheck-cli`, in `cli/`) and the Tauri app both call into it.

pub mod admin_settings;
pub mod ags;
pub mod api;
pub mod audit;
#[cfg(test)]
mod bindings;
pub mod catalogue;
pub mod checklist;
pub mod clock;
pub mod directory;
pub mod error;
pub mod error_code;
pub mod evidence;
pub mod exports;
pub mod files;
pub mod inbox;
pub mod installed;
pub mod inventory;
mod json_error;
mod keyed;
pub mod land_facts;
pub mod land_key;
pub mod land_profile;
pub mod next_steps;
pub mod package;
pub mod paths;
pub mod profile;
pub mod progress;
pub mod publication;
pub mod readiness;
pub mod report;
pub mod requirements;
pub mod roles;
pub mod service_readiness;
pub mod service_state;
pub mod store;
pub mod text;
pub mod workspace_kind;

pub use error::{Error, Result};
