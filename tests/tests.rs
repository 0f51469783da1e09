//! All integration tests of the core, built as one binary.

mod editor;
mod fingerprint_sheet;
mod fixtures;
mod fuzz;
mod glossary;
mod keys;
mod land;
mod layering;
mod package;
mod properties;
mod report;
mod store;
mod workflow;

/// The example package's source folder.
pub const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/paket-vergabe");
