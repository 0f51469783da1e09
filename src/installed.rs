//! What an installed information package means for the municipality: the preview of an import
//! (key trust, new, update or unchanged, the changes), the municipality's decision per service,
//! the documents the app keeps, and an installed package with the municipality's own answers.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::ags::Land;
use crate::catalogue::Item;
use crate::package::manifest::Manifest;
use crate::package::review::{Change, PackageReview};
use crate::package::signing;
use crate::package::statement::{self, Revocation, Signed};
use crate::package::PackageError;
use crate::profile::Profile;
use crate::{Error, Result};

/// Whether the key that signed a package is trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum KeyStatus {
    /// A key the municipality confirmed for this Land.
    Trusted,
    /// The first package of this Land: the fingerprint must be confirmed.
    FirstOfLand,
    /// A new key of the Land, endorsed by a key the municipality trusts: it is trusted from
    /// this import on (see [`ImportPreview::key_change`]).
    Endorsed,
    /// Every key the municipality trusted for this Land has been revoked: the new key's
    /// fingerprint must be confirmed, as for a first package.
    AfterRevocation,
    /// A key the IT department trusts for this Land in its settings
    /// ([`crate::admin_settings`]): trusted from this import on, without a confirmation.
    Preset,
}

impl KeyStatus {
    /// Whether the user must confirm the key's fingerprint before the import.
    pub fn needs_confirmation(self) -> bool {
        matches!(self, KeyStatus::FirstOfLand | KeyStatus::AfterRevocation)
    }
}

/// The Land's change of key, as an import takes it over.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct KeyChange {
    /// The trusted key that endorsed the new one.
    pub old_fingerprint: String,
    /// The new key, which signed the package.
    pub new_fingerprint: String,
    /// The day of the endorsement (`YYYY-MM-DD`).
    pub endorsed_on: String,
    /// What the clerk reads, in German.
    pub message: String,
}

/// A revocation of one of the Land's keys, as the municipality records it (from a package or
/// a revocation file).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RevokedKey {
    pub land_code: String,
    /// The revoked public key (hex).
    pub public_key: String,
    pub fingerprint: String,
    /// The day the Land revoked it (`YYYY-MM-DD`).
    pub revoked_at: String,
    /// The reason as the clerk reads it.
    pub reason: String,
    /// The certificate as received (the signed statement).
    #[serde(skip)]
    #[cfg_attr(test, ts(skip))]
    pub certificate: String,
    /// What the clerk reads, in German.
    pub message: String,
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
    /// With `key` = `endorsed`: the old key's confirmation of the new one.
    pub key_change: Option<KeyChange>,
    /// Revocations the package carries that the municipality has not recorded yet; the import
    /// records them.
    pub revocations: Vec<RevokedKey>,
    pub installed_version: Option<u32>,
    pub action: ImportAction,
    pub changes: Vec<Change>,
    pub documents: u32,
    pub document_bytes: u64,
}

impl ImportPreview {
    /// The preview of a package whose content is reviewed in `review` (the same data the Land's
    /// editor shows), signed with the key of `fingerprint`, whose standing is `key` (and
    /// `key_change` for a key endorsed by its predecessor), bringing `revocations`.
    pub fn new(
        review: PackageReview,
        fingerprint: String,
        key: KeyStatus,
        key_change: Option<KeyChange>,
        revocations: Vec<RevokedKey>,
    ) -> ImportPreview {
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
            key_change,
            revocations,
            installed_version,
            action,
            changes,
            documents,
            document_bytes,
        }
    }
}

impl RevokedKey {
    /// A checked revocation as the municipality records it.
    pub fn from_signed(signed: &Signed<Revocation>) -> RevokedKey {
        let r = &signed.statement;
        let fingerprint = r.fingerprint();
        let message = format!(
            "Der Schlüssel {fingerprint} des Landes {} wurde vom Land am {} widerrufen \
             (Grund: {}).",
            r.land.name(),
            statement::german_date(r.date),
            r.reason.label()
        );
        RevokedKey {
            land_code: r.land.code(),
            public_key: signing::public_hex(&r.key),
            fingerprint,
            revoked_at: r.date.format("%Y-%m-%d").to_string(),
            reason: r.reason.label().to_owned(),
            certificate: signed.text.clone(),
            message,
        }
    }

    /// The day of the revocation as `01.05.2026`.
    pub fn revoked_on(&self) -> String {
        chrono::NaiveDate::parse_from_str(&self.revoked_at, "%Y-%m-%d")
            .map(statement::german_date)
            .unwrap_or_else(|_| self.revoked_at.clone())
    }

    /// The name of the Land.
    pub fn land_name(&self) -> &'static str {
        crate::ags::Land::try_from(self.land_code.clone()).map(|l| l.name()).unwrap_or("?")
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

/// The decision on a service of one member municipality of a Gemeindeverband or Kreis, where it
/// differs from the decision of the whole (which applies to every member without one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MemberDecision {
    pub package_id: String,
    pub service_id: String,
    /// The member's AGS.
    pub ags: String,
    pub decision: Decision,
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

/// An installed package as the rule of the own Land sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageLand {
    pub title: String,
    pub land_code: String,
}

/// The Land whose packages a municipality takes: the Land of the profile's AGS; without a
/// profile, the Land of the packages already imported (the first package sets it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnLand {
    /// Neither a profile nor a package yet: any Land's package may come first.
    Open,
    /// The Land the profile's AGS lies in.
    Profile { land: Land, ags: String },
    /// No profile yet: the Land of the packages imported so far.
    Packages(Land),
}

impl OwnLand {
    /// The own Land from the stored profile and the installed packages.
    pub fn new(profile: Option<&Profile>, packages: &[PackageLand]) -> OwnLand {
        let land_of = |code: &str| Land::try_from(code.to_owned()).ok();
        if let Some(p) = profile {
            if let Some(land) = land_of(&p.land_code) {
                return OwnLand::Profile { land, ags: p.ags.clone() };
            }
        }
        match packages.iter().find_map(|p| land_of(&p.land_code)) {
            Some(land) => OwnLand::Packages(land),
            None => OwnLand::Open,
        }
    }

    /// Refuses a package of another Land than the own one, naming both.
    pub fn admit(&self, package: Land) -> Result<(), PackageError> {
        match self {
            OwnLand::Open => Ok(()),
            OwnLand::Profile { land, .. } | OwnLand::Packages(land) if *land == package => Ok(()),
            OwnLand::Profile { land, ags } => Err(PackageError::OtherLand {
                package: package.name().to_owned(),
                own: land.name().to_owned(),
                ags: ags.clone(),
            }),
            OwnLand::Packages(land) => Err(PackageError::OtherLandThanPackages {
                package: package.name().to_owned(),
                installed: land.name().to_owned(),
            }),
        }
    }
}

/// Refuses a profile whose AGS lies in another Land than an installed package, naming both
/// Länder and the packages; the packages of the own Land must be removed first.
pub fn check_profile_land(profile: &Profile, packages: &[PackageLand]) -> Result<()> {
    let others: Vec<&PackageLand> =
        packages.iter().filter(|p| p.land_code != profile.land_code).collect();
    let Some(first) = others.first() else { return Ok(()) };
    let package_land = Land::try_from(first.land_code.clone())
        .map(|l| l.name().to_owned())
        .unwrap_or_else(|_| first.land_code.clone());
    let titles: Vec<String> = others.iter().map(|p| format!("„{}“", p.title)).collect();
    let (installed, removed) = if others.len() == 1 {
        ("ist aber das Informationspaket", "dieses Paket entfernt ist")
    } else {
        ("sind aber die Informationspakete", "diese Pakete entfernt sind")
    };
    Err(Error::validation(
        "ags",
        format!(
            "Die AGS {} liegt in {}, eingelesen {installed} {} für Kommunen in \
             {package_land}. Eine AGS in einem anderen Land ist erst möglich, wenn {removed}. \
             Das Profil wurde nicht gespeichert.",
            profile.ags,
            profile.land,
            titles.join(", "),
        ),
    ))
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
    use crate::profile::ProfileInput;

    fn profile(ags: &str) -> Profile {
        ProfileInput { name: "Musterstadt".into(), ags: ags.into(), ..Default::default() }
            .validate()
            .unwrap()
    }

    fn package(title: &str, land_code: &str) -> PackageLand {
        PackageLand { title: title.into(), land_code: land_code.into() }
    }

    #[test]
    fn the_own_land_is_the_profiles_else_the_packages_and_another_lands_package_is_refused() {
        let ni = Land::from_code(3).unwrap();
        let hb = Land::from_code(4).unwrap();
        assert_eq!(OwnLand::new(None, &[]), OwnLand::Open);
        assert!(OwnLand::Open.admit(hb).is_ok());
        let by_packages = OwnLand::new(None, &[package("Vergabe", "03")]);
        assert_eq!(by_packages, OwnLand::Packages(ni));
        assert!(by_packages.admit(ni).is_ok());
        let err = by_packages.admit(hb).unwrap_err();
        assert_eq!(err.code(), crate::error_code::ErrorCode::PackageOtherLand);
        assert!(err.to_string().starts_with("Dieses Informationspaket ist für Kommunen in Bremen"));

        let own = OwnLand::new(Some(&profile("04011000")), &[]);
        assert_eq!(own, OwnLand::Profile { land: hb, ags: "04011000".into() });
        assert!(own.admit(hb).is_ok());
        let err = own.admit(ni).unwrap_err();
        assert_eq!(err.code(), crate::error_code::ErrorCode::PackageOtherLand);
        assert_eq!(
            err.to_string(),
            "Dieses Informationspaket ist für Kommunen in Niedersachsen. Ihre Kommune liegt laut \
             Profil in Bremen (AGS 04011000). Es wurde nichts eingelesen."
        );
    }

    #[test]
    fn a_profile_in_another_land_than_an_installed_package_is_refused_naming_both() {
        assert!(check_profile_land(&profile("03241001"), &[]).is_ok());
        assert!(check_profile_land(&profile("03241001"), &[package("Vergabe", "03")]).is_ok());
        let two = [package("Vergabe", "03"), package("Wohngeld", "03")];
        let err = check_profile_land(&profile("04011000"), &two).unwrap_err();
        assert_eq!(err.field(), Some("ags"));
        assert_eq!(
            err.to_string(),
            "Die AGS 04011000 liegt in Bremen, eingelesen sind aber die Informationspakete \
             „Vergabe“, „Wohngeld“ für Kommunen in Niedersachsen. Eine AGS in einem anderen Land \
             ist erst möglich, wenn diese Pakete entfernt sind. Das Profil wurde nicht \
             gespeichert."
        );
    }

    #[test]
    fn the_import_preview_is_the_content_review_with_the_key() {
        let text = include_str!("../examples/paket-vergabe/manifest.json");
        let manifest = crate::package::manifest::parse_manifest(text).unwrap();
        let mut next = manifest.clone();
        next.version = 2;
        next.contacts.pop();
        let reviewed = review(Some(&manifest), &next, Catalogue::builtin()).unwrap();
        let preview =
            ImportPreview::new(reviewed.clone(), "AB12".into(), KeyStatus::Trusted, None, vec![]);

        let serde_json::Value::Object(mut shown) = serde_json::to_value(&preview).unwrap() else {
            panic!("an object")
        };
        assert_eq!(shown.remove("fingerprint"), Some("AB12".into()));
        assert_eq!(shown.remove("key"), Some("trusted".into()));
        assert_eq!(shown.remove("key_change"), Some(serde_json::Value::Null));
        assert_eq!(shown.remove("revocations"), Some(serde_json::json!([])));
        assert_eq!(serde_json::Value::Object(shown), serde_json::to_value(&reviewed).unwrap());
        assert_eq!(preview.changes.len(), 1);
    }
}
