//! Information packages: the Land builds and signs them ([`build`]), the municipality checks and
//! imports them. Reading ([`archive`]) never touches the database; the store applies a checked
//! package in one transaction (`Store::import_package`).
//!
//! Format: docs/package-format.md.

pub mod archive;
pub mod build;
pub mod draft;
pub mod ics;
pub mod manifest;
pub mod review;
pub mod signing;

pub use crate::error::PackageError;
