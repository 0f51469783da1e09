//! Building a package on the Land's side: read the manifest source and the documents from a
//! folder, fill in sizes and SHA-256 hashes, validate, sign the exact manifest bytes and write the
//! ZIP atomically (a temporary file renamed into place). A package may carry statements about
//! keys besides ([`Extras`]): the old key's endorsement of the signing key, and revocations.

use ed25519_dalek::SigningKey;
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;

use crate::catalogue::Catalogue;
use crate::package::archive::{self, Limits};
use crate::package::manifest::Manifest;
use crate::package::statement::{Endorsement, Revocation};
use crate::package::{signing, PackageError};

/// Statements about keys that a package carries besides the manifest, as the text of their
/// files.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// The old key's endorsement of the key that signs the package.
    pub endorsement: Option<String>,
    /// Revocation certificates of the Land's keys.
    pub revocations: Vec<String>,
}

/// Checks the extras against the manifest and the signing key; returns the ZIP entries.
fn extra_entries(
    extras: &Extras,
    manifest: &Manifest,
    key: &SigningKey,
) -> Result<Vec<(String, String)>, PackageError> {
    let land = manifest.land().expect("validated");
    let mut entries = Vec::new();
    if let Some(text) = &extras.endorsement {
        let endorsement = Endorsement::parse(text.as_bytes())?;
        if endorsement.new_key != key.verifying_key() {
            return Err(PackageError::Endorsement(format!(
                "Sie bestätigt den Schlüssel {}, gebaut wird aber mit dem Schlüssel {}.",
                signing::fingerprint(&endorsement.new_key),
                signing::fingerprint(&key.verifying_key())
            )));
        }
        if endorsement.land != land {
            return Err(PackageError::Endorsement(format!(
                "Sie gilt für das Land {}, das Paket ist aber von {}.",
                endorsement.land.name(),
                land.name()
            )));
        }
        entries.push((archive::ENDORSEMENT_ENTRY.to_owned(), text.clone()));
    }
    if extras.revocations.len() > archive::MAX_REVOCATIONS {
        return Err(PackageError::Revocation(format!(
            "Ein Paket trägt höchstens {} Widerrufe.",
            archive::MAX_REVOCATIONS
        )));
    }
    for text in &extras.revocations {
        let revocation = Revocation::parse(text.as_bytes())?;
        if revocation.land != land {
            return Err(PackageError::Revocation(format!(
                "Der Widerruf des Schlüssels {} gilt für das Land {}, das Paket ist aber von {}.",
                revocation.fingerprint(),
                revocation.land.name(),
                land.name()
            )));
        }
        if revocation.key == key.verifying_key() {
            return Err(PackageError::Revocation(format!(
                "Der Widerruf gilt für den Schlüssel {}, mit dem das Paket signiert wird.",
                revocation.fingerprint()
            )));
        }
        let name = revocation.entry_name();
        if entries.iter().any(|(n, _)| *n == name) {
            return Err(PackageError::Revocation(format!(
                "Der Widerruf des Schlüssels {} ist doppelt angegeben.",
                revocation.fingerprint()
            )));
        }
        entries.push((name, text.clone()));
    }
    Ok(entries)
}

/// What a build produced.
#[derive(Debug, Clone)]
pub struct Built {
    pub path: PathBuf,
    pub manifest: Manifest,
    pub fingerprint: String,
    pub bytes: u64,
}

fn build_err(message: String) -> PackageError {
    PackageError::Build(message)
}

/// A file error while building, naming the file, in German.
fn file_err(path: &Path, e: impl Into<std::io::Error>) -> PackageError {
    build_err(format!("{}: {}", path.display(), crate::error::io_reason(&e.into())))
}

/// Hashes a file; refuses links and files over `max` bytes.
pub(crate) fn hash_file(path: &Path, max: u64) -> Result<(u64, String), PackageError> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| file_err(path, e))?;
    if meta.file_type().is_symlink() {
        return Err(build_err(format!("{} ist keine gewöhnliche Datei.", path.display())));
    }
    let (file, len) = open_source(path)?;
    let too_large = || build_err(format!("{} ist größer als {max} Bytes.", path.display()));
    if len > max {
        return Err(too_large());
    }
    // Capped even if the file grows while it is read.
    let mut file = file.take(max + 1);
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf).map_err(|e| build_err(crate::error::io_reason(&e)))?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buf[..n]);
    }
    if size > max {
        return Err(too_large());
    }
    Ok((size, signing::hex(&hasher.finalize())))
}

/// Opens a source file; a folder, a device or a pipe is refused before it is opened.
fn open_source(path: &Path) -> Result<(File, u64), PackageError> {
    crate::files::open_regular(path).map_err(|e| build_err(e.message(path)))
}

/// Builds `out` from `src` (holding `manifest.json` and `documents/`), signed with `key`.
pub fn build(
    src: &Path,
    key: &SigningKey,
    out: &Path,
    catalogue: &Catalogue,
) -> Result<Built, PackageError> {
    build_from(src, &source_manifest(src)?, key, out, catalogue)
}

/// The text of `src/manifest.json`.
pub fn source_manifest(src: &Path) -> Result<String, PackageError> {
    let manifest_path = src.join("manifest.json");
    let max = Limits::default().manifest_bytes;
    hash_file(&manifest_path, max)?;
    let (file, _) = open_source(&manifest_path)?;
    let bytes =
        crate::files::read_capped(file, max).map_err(|e| file_err(&manifest_path, e))?.ok_or_else(
            || build_err(format!("{} ist größer als {max} Bytes.", manifest_path.display())),
        )?;
    String::from_utf8(bytes)
        .map_err(|_| build_err(format!("{}: kein gültiger UTF-8-Text.", manifest_path.display())))
}

/// Like [`build`], with the manifest given as text (e.g. a changed copy of `src`'s own).
pub fn build_from(
    src: &Path,
    manifest_json: &str,
    key: &SigningKey,
    out: &Path,
    catalogue: &Catalogue,
) -> Result<Built, PackageError> {
    build_with(src, manifest_json, key, &Extras::default(), out, catalogue)
}

/// Like [`build_from`], with statements about keys in the package too.
pub fn build_with(
    src: &Path,
    manifest_json: &str,
    key: &SigningKey,
    extras: &Extras,
    out: &Path,
    catalogue: &Catalogue,
) -> Result<Built, PackageError> {
    let limits = Limits::default();
    let mut manifest = archive::parse_manifest(manifest_json)?;

    for d in &mut manifest.documents {
        crate::package::manifest::check_document_path(&d.path)?;
        let (size, sha256) = hash_file(&src.join(&d.path), limits.document_bytes)?;
        d.size = size;
        d.sha256 = sha256;
    }
    // Files lying in documents/ but missing from the manifest are a mistake worth stopping for.
    if let Ok(entries) = std::fs::read_dir(src.join("documents")) {
        for entry in entries.flatten() {
            let name = format!("documents/{}", entry.file_name().to_string_lossy());
            if !manifest.documents.iter().any(|d| d.path == name) {
                return Err(build_err(format!(
                    "{name} liegt im Quellordner, ist aber im Manifest nicht aufgeführt."
                )));
            }
        }
    }
    manifest.validate(catalogue)?;
    let extra_entries = extra_entries(extras, &manifest, key)?;

    let mut manifest_bytes = serde_json::to_vec_pretty(&manifest).expect("manifest serializes");
    manifest_bytes.push(b'\n');
    let signature = signing::sign(key, &manifest_bytes);

    let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let temp = tempfile::Builder::new()
        .prefix(".paket-")
        .tempfile_in(dir)
        .map_err(|e| file_err(dir, e))?;
    {
        let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(temp.as_file()));
        let deflated = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .unix_permissions(0o644);
        let zip_err = |e: zip::result::ZipError| build_err(e.to_string());
        zip.start_file("manifest.json", deflated).map_err(zip_err)?;
        zip.write_all(&manifest_bytes).map_err(|e| build_err(crate::error::io_reason(&e)))?;
        zip.start_file("manifest.sig", deflated).map_err(zip_err)?;
        zip.write_all(signature.as_bytes()).map_err(|e| build_err(crate::error::io_reason(&e)))?;
        for (name, text) in &extra_entries {
            zip.start_file(name.as_str(), deflated).map_err(zip_err)?;
            zip.write_all(text.as_bytes()).map_err(|e| build_err(crate::error::io_reason(&e)))?;
        }
        for d in &manifest.documents {
            zip.start_file(d.path.as_str(), deflated).map_err(zip_err)?;
            let path = src.join(&d.path);
            let (file, _) = open_source(&path)?;
            // Exactly the hashed size; a file changed since it was hashed is refused.
            let copied = std::io::copy(&mut file.take(d.size + 1), &mut zip)
                .map_err(|e| build_err(crate::error::io_reason(&e)))?;
            if copied != d.size {
                return Err(build_err(format!(
                    "{} wurde während des Bauens verändert.",
                    path.display()
                )));
            }
        }
        let mut writer = zip.finish().map_err(zip_err)?;
        writer.flush().map_err(|e| build_err(crate::error::io_reason(&e)))?;
    }
    temp.as_file().sync_all().map_err(|e| build_err(crate::error::io_reason(&e)))?;
    let bytes =
        temp.as_file().metadata().map_err(|e| build_err(crate::error::io_reason(&e)))?.len();
    temp.persist(out).map_err(|e| file_err(out, e))?;
    Ok(Built {
        path: out.to_owned(),
        manifest,
        fingerprint: signing::fingerprint(&key.verifying_key()),
        bytes,
    })
}
