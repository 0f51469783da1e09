//! Information packages: the Land builds and signs them ([`build`]), the municipality checks and
//! imports them. Reading ([`archive`]) never touches the database; the store applies a checked
//! package in one transaction (`Store::import_package`).
//!
//! The Land's keys: the secret key file ([`keyfile`]), and signed statements about keys
//! ([`statement`]: endorsements of a new key, revocations).
//!
//! Format: docs/package-format.md.

pub mod archive;
pub mod build;
pub mod ics;
pub mod keyfile;
pub mod manifest;
pub mod review;
pub mod signing;
pub mod statement;

pub use crate::error::PackageError;
