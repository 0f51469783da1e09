//! Information packages: the Land builds and signs them ([`build`]) from a source folder
//! ([`source`]) that it writes by hand or with the editor ([`draft`]), the municipality checks and
//! imports them. Reading ([`archive`]) never touches the database; the store applies a checked
//! package in one transaction (`Store::import_package`). Validation ([`manifest`]) and the update
//! review ([`review`]) are the same code for the Land's editor and the municipality's import.
//!
//! The Land's keys: the secret key file ([`keyfile`]), and signed statements about keys
//! ([`statement`]: endorsements of a new key, revocations).
//!
//! Format: docs/package-format.md.

pub mod archive;
pub mod build;
pub mod draft;
pub mod ics;
pub mod keyfile;
pub mod manifest;
pub mod review;
pub mod signing;
pub mod source;
pub mod statement;

pub use crate::error::PackageError;
