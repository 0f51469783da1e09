//! The Land's signing keys as its workspace keeps them: each key with its fingerprint, when it
//! was made, and whether it is in use, was replaced by a newer key (which it endorsed) or was
//! revoked. The secret key itself stays encrypted (PKCS #8) and never leaves the store in plain.

use serde::Serialize;

crate::keyed::keyed_enum! {
    /// Where a key stands.
    pub enum KeyState (field = "state", unknown = "Unbekannter Stand des Schlüssels") {
        /// Signs the Land's packages.
        Aktiv = ("aktiv", "in Gebrauch"),
        /// A newer key took over; this one endorsed it.
        Abgeloest = ("abgeloest", "abgelöst"),
        /// Revoked: municipalities that know the revocation refuse it.
        Widerrufen = ("widerrufen", "widerrufen"),
    }
}

/// One of the Land's keys.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LandKey {
    pub fingerprint: String,
    pub land_code: String,
    pub state: KeyState,
    pub state_label: String,
    /// When it was made (RFC 3339, UTC).
    pub created_at: String,
    /// The key it replaced, whose endorsement the packages signed with it carry.
    pub replaces: Option<String>,
    /// When it was replaced or revoked.
    pub ended_at: Option<String>,
}

/// What the store keeps of a new key.
pub struct NewLandKey {
    pub fingerprint: String,
    pub public_key: String,
    pub land_code: String,
    /// The encrypted key file's text.
    pub secret: String,
    /// The revocation certificate made with the key.
    pub revocation: String,
    /// The predecessor's endorsement, and its fingerprint.
    pub endorsement: Option<(String, String)>,
}

/// The texts of a stored key that leave the app only when the user saves them.
pub struct KeyTexts {
    /// `anbindungscheck-public-key-v1:…`
    pub public: String,
    /// The encrypted key file.
    pub secret: String,
    pub revocation: String,
    pub endorsement: Option<String>,
}
