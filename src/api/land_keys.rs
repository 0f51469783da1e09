//! Commands of the Land's keys and of publishing: a key made in the app and kept encrypted with
//! a passphrase, a change of key endorsed by the old key, a revocation, the key's files saved
//! where the user chooses, and "Veröffentlichen": the draft built, signed and saved as a package,
//! and recorded with its SHA-256.

use sha2::{Digest, Sha256};

use super::{Ctx, FileDialog, Result};
use crate::ags::Land;
use crate::catalogue::Catalogue;
use crate::land_key::{LandKey, NewLandKey};
use crate::land_profile::parse_land;
use crate::package::build::{self, Extras};
use crate::package::keyfile::{self, Passphrase};
use crate::package::statement::{Endorsement, Revocation, RevocationReason};
use crate::package::{signing, source};
use crate::publication::Publication;
use crate::report::fingerprint_sheet::{self, FingerprintSheet};
use crate::store::Store;
use crate::Error;

crate::keyed::keyed_enum! {
    /// The files of a key the user can save.
    pub enum KeyFile (field = "file", unknown = "Unbekannte Schlüsseldatei") {
        /// The public key, for anyone.
        Oeffentlich = ("oeffentlich", "Öffentlicher Schlüssel"),
        /// The revocation certificate, to keep offline.
        Widerruf = ("widerruf", "Widerrufszertifikat"),
        /// The secret key, encrypted with the passphrase (for the command line, or a safe copy).
        Geheim = ("geheim", "Geheimer Schlüssel (verschlüsselt)"),
    }
}

/// The Land's keys, newest first.
pub fn list_land_keys(cx: &Ctx) -> Result<Vec<LandKey>> {
    cx.workspace.with_land(|s| s.land_keys())
}

/// Makes the Land's first key (or a new one after a revocation), encrypted with `passphrase`.
pub fn create_land_key(cx: &Ctx, passphrase: String) -> Result<LandKey> {
    let passphrase = Passphrase::new(passphrase);
    passphrase.check_new()?;
    let land = cx.workspace.with_land(|s| {
        if s.active_land_key()?.is_some() {
            return Err(in_use());
        }
        land_of(s)
    })?;
    let key = signing::generate().map_err(Error::from)?;
    let new = new_key(&key, land, &passphrase, None)?;
    cx.workspace.with_land(|s| s.add_land_key(&new))
}

/// Takes over a key file the Land already has (an encrypted one, unlocked with `passphrase`, or
/// a plain one of the first format, which is encrypted with `passphrase` from now on) as the
/// key in use; `None` if the dialog was cancelled. The plain file is left as it is.
pub fn import_land_key(cx: &Ctx, passphrase: String) -> Result<Option<LandKey>> {
    let passphrase = Passphrase::new(passphrase);
    let land = cx.workspace.with_land(|s| {
        if s.active_land_key()?.is_some() {
            return Err(in_use());
        }
        land_of(s)
    })?;
    let dialog = FileDialog {
        title: "Schlüsseldatei übernehmen",
        filter: "Schlüsseldatei",
        extensions: vec!["key"],
        file_name: None,
    };
    let Some(path) = cx.desktop.pick_file(&dialog)? else { return Ok(None) };
    let key = match keyfile::read(&path, &passphrase) {
        Ok(secret) => {
            if let Some(other) = secret.land.filter(|l| *l != land) {
                return Err(Error::validation(
                    "file",
                    format!(
                        "{} ist ein Schlüssel des Landes {}, dieser Arbeitsbereich gehört zu {}.",
                        path.display(),
                        other.name(),
                        land.name()
                    ),
                )
                .into());
            }
            secret.key
        }
        Err(crate::package::PackageError::Key(_)) if keyfile::read_plain(&path).is_ok() => {
            passphrase.check_new()?;
            keyfile::read_plain(&path).map_err(Error::from)?
        }
        Err(e) => return Err(Error::from(e).into()),
    };
    let new = new_key(&key, land, &passphrase, None)?;
    cx.workspace.with_land(|s| s.add_land_key(&new)).map(Some)
}

/// Replaces the key in use by a new one, which the old key endorses: municipalities that trust
/// the old key take the new one over with the next package.
pub fn replace_land_key(
    cx: &Ctx,
    old_passphrase: String,
    new_passphrase: String,
) -> Result<LandKey> {
    let (old_passphrase, new_passphrase) =
        (Passphrase::new(old_passphrase), Passphrase::new(new_passphrase));
    new_passphrase.check_new()?;
    let (land, old_key, old_text) = cx.workspace.with_land(|s| {
        let (key, texts) = s.active_land_key()?.ok_or_else(no_key)?;
        Ok((land_of(s)?, key, texts.secret))
    })?;
    let old =
        keyfile::decrypt(&old_text, &old_passphrase, &old_key.fingerprint).map_err(Error::from)?;
    let key = signing::generate().map_err(Error::from)?;
    let endorsement = Endorsement {
        land,
        old_key: old.key.verifying_key(),
        new_key: key.verifying_key(),
        date: cx.desktop.today(),
    }
    .sign(&old.key);
    let new = new_key(&key, land, &new_passphrase, Some((endorsement, old.fingerprint())))?;
    cx.workspace.with_land(|s| s.add_land_key(&new))
}

/// Revokes a key with the certificate made with it (no passphrase needed, so a lost key can be
/// revoked too); every package from now on carries the certificate.
pub fn revoke_land_key(cx: &Ctx, fingerprint: String) -> Result<LandKey> {
    cx.workspace.with_land(|s| s.revoke_land_key(&fingerprint))
}

/// Saves one file of a key where the user chooses; `None` if cancelled.
pub fn save_land_key_file(cx: &Ctx, fingerprint: String, file: KeyFile) -> Result<Option<String>> {
    let (key, texts) = cx.workspace.with_land(|s| s.land_key(&fingerprint))?;
    let short: String = signing::normalize_fingerprint(&key.fingerprint).chars().take(8).collect();
    let (text, name, extension) = match file {
        KeyFile::Oeffentlich => (texts.public, format!("Landesschluessel-{short}.pub"), "pub"),
        KeyFile::Widerruf => (texts.revocation, format!("Landesschluessel-{short}.rev"), "rev"),
        KeyFile::Geheim => (texts.secret, format!("Landesschluessel-{short}.key"), "key"),
    };
    let dialog = FileDialog {
        title: "Schlüsseldatei speichern",
        filter: "Schlüsseldatei",
        extensions: vec![extension],
        file_name: Some(name),
    };
    let Some(path) = cx.desktop.save_file(&dialog)? else { return Ok(None) };
    crate::files::write_atomic(&path, text.as_bytes())?;
    Ok(Some(path.display().to_string()))
}

/// Saves the one-page "Fingerabdruck des Signaturschlüssels" PDF of a key (for the Land's
/// website or a letter) where the user chooses; `None` if cancelled.
pub fn save_fingerprint_sheet(cx: &Ctx, fingerprint: String) -> Result<Option<String>> {
    let (key, profile) = cx.workspace.with_land(|s| {
        let (key, _) = s.land_key(&fingerprint)?;
        Ok((key, s.land_profile()?))
    })?;
    let land = parse_land(&key.land_code)?;
    let created_on = chrono::DateTime::parse_from_rfc3339(&key.created_at)
        .map(|t| t.date_naive())
        .unwrap_or_else(|_| cx.desktop.today());
    let sheet = FingerprintSheet {
        land: land.name().to_owned(),
        coordination: profile.map(|p| p.name).unwrap_or_else(|| format!("Land {}", land.name())),
        fingerprint: key.fingerprint.clone(),
        created_on,
        replaces: key.replaces.clone(),
        issued_on: cx.desktop.today(),
    };
    let bytes = fingerprint_sheet::render(&sheet).map_err(Error::from)?;
    let short: String = signing::normalize_fingerprint(&key.fingerprint).chars().take(8).collect();
    let dialog = FileDialog {
        title: "Fingerabdruck speichern",
        filter: "PDF-Dokument",
        extensions: vec!["pdf"],
        file_name: Some(format!("Fingerabdruck-Landesschluessel-{short}.pdf")),
    };
    let Some(path) = cx.desktop.save_file(&dialog)? else { return Ok(None) };
    crate::files::write_atomic(&path, &bytes)?;
    Ok(Some(path.display().to_string()))
}

/// Builds the draft, signs it with the key in use (`passphrase` unlocks it), asks where to save
/// the package and records the edition; the draft becomes the next version. Refused while the
/// draft has problems or there is no key; `None` if the save dialog was cancelled.
pub fn publish_package(cx: &Ctx, passphrase: String) -> Result<Option<Publication>> {
    let passphrase = Passphrase::new(passphrase);
    let draft = super::get_package_draft(cx)?;
    if let Some(first) = draft.issues.first() {
        return Err(Error::validation(
            "manifest",
            format!(
                "Das Paket ist noch nicht vollständig ({} zu klären), zuerst: {}",
                if draft.issues.len() == 1 {
                    "1 Punkt".to_owned()
                } else {
                    format!("{} Punkte", draft.issues.len())
                },
                first.message
            ),
        )
        .into());
    }
    let manifest = draft.manifest;
    let (key, texts, documents, revocations) = cx.workspace.with_land(|s| {
        let (key, texts) = s.active_land_key()?.ok_or_else(no_key)?;
        Ok((key, texts, super::editor::document_files(s, &manifest)?, s.revoked_land_keys()?))
    })?;
    // The review refuses an edition that is not newer than the last one published.
    super::review_package_draft(cx)?;
    let secret =
        keyfile::decrypt(&texts.secret, &passphrase, &key.fingerprint).map_err(Error::from)?;
    let dialog = FileDialog {
        title: "Informationspaket speichern",
        filter: "Informationspaket",
        extensions: vec!["zip"],
        file_name: Some(format!("{}-v{}.zip", manifest.id, manifest.version)),
    };
    let Some(out) = cx.desktop.save_file(&dialog)? else { return Ok(None) };
    let scratch = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let src = scratch.path().join("paket");
    source::write(&src, &manifest, &documents).map_err(Error::from)?;
    let extras = Extras { endorsement: texts.endorsement, revocations };
    let json = serde_json::to_string_pretty(&manifest).expect("a manifest serializes");
    let built = build::build_with(&src, &json, &secret.key, &extras, &out, Catalogue::builtin())
        .map_err(Error::from)?;
    let bytes = std::fs::read(&out).map_err(|e| Error::io(&out, e))?;
    let published = Publication {
        id: 0,
        package_id: built.manifest.id.clone(),
        version: built.manifest.version,
        title: built.manifest.title.clone(),
        fingerprint: built.fingerprint.clone(),
        sha256: signing::hex(&Sha256::digest(&bytes)),
        bytes: bytes.len() as u64,
        path: out.display().to_string(),
        published_at: String::new(),
    };
    let next = built.manifest.next_version(cx.desktop.today());
    let recorded =
        cx.workspace.with_land(|s| s.record_publication(&published, &built.manifest, &next))?;
    Ok(Some(recorded))
}

/// The Land of the profile.
fn land_of(store: &Store) -> crate::Result<Land> {
    let profile = store.land_profile()?.ok_or_else(|| {
        Error::validation(
            "land_code",
            "Bitte legen Sie zuerst das Profil des Landes an: Der Schlüssel gehört zum Land.",
        )
    })?;
    parse_land(&profile.land_code)
}

fn in_use() -> Error {
    Error::validation(
        "fingerprint",
        "Es gibt schon einen Schlüssel in Gebrauch. Einen neuen erhalten Sie mit „Schlüssel \
         wechseln“: Dann bestätigt der bisherige Schlüssel den neuen.",
    )
}

fn no_key() -> Error {
    Error::validation(
        "fingerprint",
        "Es gibt noch keinen Schlüssel in Gebrauch. Bitte erzeugen Sie unter „Schlüssel“ einen \
         Signaturschlüssel.",
    )
}

/// What the store keeps of `key`: its encrypted file text and its revocation certificate.
fn new_key(
    key: &ed25519_dalek::SigningKey,
    land: Land,
    passphrase: &Passphrase,
    endorsement: Option<(String, String)>,
) -> crate::Result<NewLandKey> {
    let secret = keyfile::encrypted_text(key, land, passphrase)?;
    let revocation = Revocation {
        land,
        key: key.verifying_key(),
        date: crate::clock::today(),
        reason: RevocationReason::OhneAngabe,
    }
    .sign(key);
    Ok(NewLandKey {
        fingerprint: signing::fingerprint(&key.verifying_key()),
        public_key: signing::public_hex(&key.verifying_key()),
        land_code: land.code(),
        secret: secret.to_string(),
        revocation,
        endorsement,
    })
}
