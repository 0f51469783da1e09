//! What an installed information package means for the municipality: the preview of an import
//! (key trust, new, update or unchanged, the changes), the municipality's decision per service,
//! the documents the app keeps, and an installed package with the municipality's own answers.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::catalogue::Item;
use crate::package::manifest::Manifest;
use crate::package::review::{Change, PackageReview};

/// Whether the key that signed a package is trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum KeyStatus {
    /// A key the municipality confirmed for this Land.
    Trusted,
    /// The first package of this Land: the fingerprint must be confirmed.
    FirstOfLand,
}

pub use crate::package::review::ImportAction;

/// What the clerk sees before confirming an import: the content review
/// ([`crate::package::review::review`], same fields) with the signing key.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImportPreview {
    pub package_id: String,
    pub title: String,
    pub version: u32,
    pub land_code: String,
    pub land: String,
    pub issued: String,
    pub valid_until: String,
    pub fingerprint: String,
    pub key: KeyStatus,
    pub installed_version: Option<u32>,
    pub action: ImportAction,
    pub changes: Vec<Change>,
    pub documents: u32,
    pub document_bytes: u64,
}

impl ImportPreview {
    /// The preview of a package whose content is reviewed in `review` (the same data the Land's
    /// editor shows), signed with the key of `fingerprint`.
    pub fn new(review: PackageReview, fingerprint: String, key: KeyStatus) -> ImportPreview {
        let PackageReview {
            package_id,
            title,
            version,
            land_code,
            land,
            issued,
            valid_until,
            installed_version,
            action,
            changes,
            documents,
            document_bytes,
        } = review;
        ImportPreview {
            package_id,
            title,
            version,
            land_code,
            land,
            issued,
            valid_until,
            fingerprint,
            key,
            installed_version,
            action,
            changes,
            documents,
            document_bytes,
        }
    }
}

crate::keyed::keyed_enum! {
    /// The municipality's decision on a service: is it Bedarfsträger?
    #[derive(Default)]
    pub enum Decision (field = "decision", unknown = "Unbekannte Entscheidung") {
        Ja = ("ja", "Ja"),
        Nein = ("nein", "Nein"),
        #[default]
        Offen = ("offen", "Offen"),
    }
}

impl Decision {
    /// A stored decision; anything unknown reads as still open.
    pub fn from_stored(s: &str) -> Decision {
        s.parse().unwrap_or_default()
    }
}

/// A decision with its reason.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ServiceDecision {
    pub decision: Decision,
    pub reason: Option<String>,
}

/// A document the app stored, with the file to open.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct StoredDocument {
    pub path: String,
    pub title: String,
    pub media_type: String,
    pub size: u64,
    pub sha256: String,
}

/// An imported package with the municipality's own answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct InstalledPackage {
    pub manifest: Manifest,
    pub fingerprint: String,
    pub imported_at: String,
    /// Decision per service ID.
    pub decisions: HashMap<String, ServiceDecision>,
    /// Event IDs marked as attended.
    pub attended: Vec<String>,
    pub documents: Vec<StoredDocument>,
    /// Items of this package that a later version removed (kept with their history).
    pub archived_items: Vec<Item>,
    /// The costs for this municipality (empty while its population is not recorded).
    pub costs_for_municipality: Vec<crate::package::manifest::CostShare>,
    /// The municipality's state per service ID (phase, connection data, …), where entered.
    pub service_states: HashMap<String, crate::service_state::ServiceState>,
    /// Requirements to the Land on services of this package.
    pub requirements: Vec<crate::requirements::Requirement>,
}

/// Stored documents are named by content: `<sha256>.<extension>`.
pub fn stored_file_name(sha256: &str, path: &str) -> String {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    format!("{sha256}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;
    use crate::package::review::review;

    #[test]
    fn the_import_preview_is_the_content_review_with_the_key() {
        let text = include_str!("../examples/paket-vergabe/manifest.json");
        let manifest = crate::package::manifest::parse_manifest(text).unwrap();
        let mut next = manifest.clone();
        next.version = 2;
        next.contacts.pop();
        let reviewed = review(Some(&manifest), &next, Catalogue::builtin()).unwrap();
        let preview = ImportPreview::new(reviewed.clone(), "AB12".into(), KeyStatus::Trusted);

        let serde_json::Value::Object(mut shown) = serde_json::to_value(&preview).unwrap() else {
            panic!("an object")
        };
        assert_eq!(shown.remove("fingerprint"), Some("AB12".into()));
        assert_eq!(shown.remove("key"), Some("trusted".into()));
        assert_eq!(serde_json::Value::Object(shown), serde_json::to_value(&reviewed).unwrap());
        assert_eq!(preview.changes.len(), 1);
    }
}
