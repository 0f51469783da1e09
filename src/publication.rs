//! An edition of the Land's information package as it was published: which package and version,
//! signed by which key, and the file written with its SHA-256.

use serde::{Deserialize, Serialize};

/// A published edition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Publication {
    pub id: i64,
    pub package_id: String,
    pub version: u32,
    pub title: String,
    /// The fingerprint of the key that signed it.
    pub fingerprint: String,
    /// SHA-256 of the package file (lower-case hex).
    pub sha256: String,
    pub bytes: u64,
    /// Where the package file was saved.
    pub path: String,
    /// When (RFC 3339, UTC).
    pub published_at: String,
}
