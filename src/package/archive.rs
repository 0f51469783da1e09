//! Reading a package file safely. [`open`] checks, in this order: file size, ZIP structure and
//! entry count, the names and kinds of all entries (no duplicates, symlinks, encryption, absolute
//! or `..` paths), the signature over the raw bytes of `manifest.json` (before the manifest is
//! parsed), the manifest itself, that only declared files are present, and the declared sizes
//! and compression ratios, and the statements about keys a package may carry besides (an
//! endorsement of its key, revocations), each checked against its own signature.
//! [`OpenedPackage::extract`] then streams each document to a temporary
//! file while hashing it, reading at most the declared size plus one byte, so memory does not
//! grow with the package and a lying size header is caught.

use ed25519_dalek::VerifyingKey;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

use crate::catalogue::Catalogue;
pub use crate::package::manifest::parse_manifest;
use crate::package::manifest::{Document, Manifest};
use crate::package::statement::{self, Endorsement, Revocation, Signed};
use crate::package::{signing, PackageError};

/// The entry that carries the old key's endorsement of the key that signed the package.
pub const ENDORSEMENT_ENTRY: &str = "key-endorsement.txt";
/// The folder of revocation certificates (`revocations/<fingerprint>.txt`).
pub const REVOCATIONS_DIR: &str = "revocations/";
/// The most revocations one package carries.
pub const MAX_REVOCATIONS: usize = 16;

/// Limits on a package (defaults suit real packages with room to spare).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub package_bytes: u64,
    pub entries: usize,
    pub manifest_bytes: u64,
    pub document_bytes: u64,
    pub total_bytes: u64,
    /// Largest uncompressed/compressed ratio for entries over 1 MiB.
    pub ratio: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            package_bytes: 1 << 30,
            entries: 210,
            manifest_bytes: 4 << 20,
            document_bytes: 256 << 20,
            total_bytes: 1 << 30,
            ratio: 100,
        }
    }
}

/// Progress of a long step, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

/// A package whose structure, signature and manifest have been checked.
pub struct OpenedPackage {
    archive: zip::ZipArchive<BufReader<File>>,
    /// The exact bytes of `manifest.json` (what the signature covers).
    pub manifest_bytes: Vec<u8>,
    pub manifest: Manifest,
    /// The key that signed the manifest.
    pub signer: VerifyingKey,
    /// The old key's endorsement of `signer`, if the package carries one (signature checked).
    pub endorsement: Option<Endorsement>,
    /// Revocations the package carries (signatures checked), with their text.
    pub revocations: Vec<Signed<Revocation>>,
    /// Index of each document's entry.
    documents: HashMap<String, usize>,
}

/// A document written to a temporary file, its hash checked.
#[derive(Debug)]
pub struct ExtractedDocument {
    pub document: Document,
    pub temp_path: PathBuf,
}

fn io(e: impl Into<std::io::Error>) -> PackageError {
    PackageError::Io(crate::error::io_reason(&e.into()))
}

/// Checks an entry name before anything is read from it.
fn check_entry_name(name: &str) -> Result<(), PackageError> {
    let unsafe_path = |why: &str| {
        Err(PackageError::UnsafePath(format!(
            "Der Eintrag {} {why}; solche Pfade werden nicht angenommen.",
            crate::text::quote_for_message(name)
        )))
    };
    if name.starts_with('/') || name.starts_with('\\') || name.get(1..2) == Some(":") {
        return unsafe_path("hat einen absoluten Pfad");
    }
    if name.split(['/', '\\']).any(|part| part == "..") {
        return unsafe_path("verweist mit „..“ aus dem Paket heraus");
    }
    if name.contains('\\') || name.contains('\0') || name.chars().any(char::is_control) {
        return unsafe_path("enthält unzulässige Zeichen");
    }
    Ok(())
}

/// Reads one entry whole, refusing more than `max` bytes whatever its header says.
fn read_capped(
    archive: &mut zip::ZipArchive<BufReader<File>>,
    index: usize,
    name: &str,
    max: u64,
) -> Result<Vec<u8>, PackageError> {
    let entry = archive.by_index(index).map_err(|_| PackageError::NotAZip)?;
    if entry.size() > max {
        return Err(PackageError::Oversized { name: name.to_owned(), max });
    }
    let mut bytes = Vec::new();
    entry
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| PackageError::SizeMismatch(name.to_owned()))?;
    if bytes.len() as u64 > max {
        return Err(PackageError::Oversized { name: name.to_owned(), max });
    }
    Ok(bytes)
}

/// Opens and checks a package (see the module documentation for the order of checks).
pub fn open(
    path: &Path,
    limits: &Limits,
    catalogue: &Catalogue,
) -> Result<OpenedPackage, PackageError> {
    // A device or a pipe is refused before it is opened (`/dev/zero` has size 0, a pipe blocks).
    let (file, size) =
        crate::files::open_regular(path).map_err(|e| PackageError::Io(e.message(path)))?;
    if size == 0 {
        return Err(PackageError::Empty);
    }
    if size > limits.package_bytes {
        return Err(PackageError::TooLarge { size, max: limits.package_bytes });
    }
    let mut archive =
        zip::ZipArchive::new(BufReader::new(file)).map_err(|_| PackageError::NotAZip)?;
    if archive.len() > limits.entries {
        return Err(PackageError::TooManyEntries { count: archive.len(), max: limits.entries });
    }

    // Names and kinds of all entries, from the central directory, before reading any content.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut sizes: HashMap<String, (u64, u64)> = HashMap::new();
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|_| PackageError::NotAZip)?;
        let name = entry.name().map_err(|_| PackageError::NotAZip)?.into_owned();
        check_entry_name(&name)?;
        if entry.encrypted() {
            return Err(PackageError::Encrypted(name));
        }
        if entry.is_symlink() {
            return Err(PackageError::Symlink(name));
        }
        if !matches!(
            entry.compression(),
            zip::CompressionMethod::Stored | zip::CompressionMethod::Deflated
        ) {
            return Err(PackageError::Compression(name, format!("{:?}", entry.compression())));
        }
        sizes.insert(name.clone(), (entry.size(), entry.compressed_size()));
        drop(entry);
        if index.insert(name.clone(), i).is_some() {
            return Err(PackageError::DuplicateEntry(name));
        }
    }
    if archive.has_duplicate_names() {
        return Err(PackageError::DuplicateEntry("(ein Eintrag)".into()));
    }

    // The signature covers the exact manifest bytes and is checked before they are parsed.
    let entry = |name: &str| {
        index.get(name).copied().ok_or_else(|| PackageError::MissingEntry(name.into()))
    };
    let sig_index = entry("manifest.sig")?;
    let manifest_index = entry("manifest.json")?;
    let sig = read_capped(&mut archive, sig_index, "manifest.sig", signing::MAX_SIG_BYTES)?;
    let manifest_bytes =
        read_capped(&mut archive, manifest_index, "manifest.json", limits.manifest_bytes)?;
    let signer = signing::verify(&sig, &manifest_bytes)?;

    let text = std::str::from_utf8(&manifest_bytes).map_err(|_| PackageError::NotUtf8)?;
    let manifest: Manifest = parse_manifest(text)?;
    manifest.validate(catalogue)?;

    // Only declared files; every declared document present, with its declared size.
    let mut documents = HashMap::new();
    let mut total = 0u64;
    for d in &manifest.documents {
        let i = entry(&d.path)?;
        let (size, compressed) = sizes[&d.path];
        if d.size > limits.document_bytes {
            return Err(PackageError::Oversized {
                name: d.path.clone(),
                max: limits.document_bytes,
            });
        }
        if size != d.size {
            return Err(PackageError::SizeMismatch(d.path.clone()));
        }
        if size > (1 << 20) && size / compressed.max(1) > limits.ratio {
            return Err(PackageError::CompressionRatio(d.path.clone()));
        }
        total += size;
        if total > limits.total_bytes {
            return Err(PackageError::Oversized {
                name: "das Paket (entpackt)".into(),
                max: limits.total_bytes,
            });
        }
        documents.insert(d.path.clone(), i);
    }
    let (endorsement, revocations) = read_statements(&mut archive, &index, &signer)?;
    for name in index.keys() {
        let declared = name == "manifest.json"
            || name == "manifest.sig"
            || name == "documents/"
            || name == ENDORSEMENT_ENTRY
            || name.starts_with(REVOCATIONS_DIR)
            || documents.contains_key(name);
        if !declared {
            return Err(PackageError::UndeclaredEntry(name.clone()));
        }
    }
    Ok(OpenedPackage {
        archive,
        manifest_bytes,
        manifest,
        signer,
        endorsement,
        revocations,
        documents,
    })
}

/// Reads and checks the endorsement (which must name `signer` as the new key) and the
/// revocations (each named after the key it revokes).
fn read_statements(
    archive: &mut zip::ZipArchive<BufReader<File>>,
    index: &HashMap<String, usize>,
    signer: &VerifyingKey,
) -> Result<(Option<Endorsement>, Vec<Signed<Revocation>>), PackageError> {
    let max = statement::MAX_STATEMENT_BYTES;
    let endorsement = match index.get(ENDORSEMENT_ENTRY) {
        None => None,
        Some(&i) => {
            let endorsement =
                Endorsement::parse(&read_capped(archive, i, ENDORSEMENT_ENTRY, max)?)?;
            if endorsement.new_key != *signer {
                return Err(PackageError::Endorsement(format!(
                    "Sie bestätigt den Schlüssel {}, das Paket ist aber mit dem Schlüssel {} \
                     signiert.",
                    signing::fingerprint(&endorsement.new_key),
                    signing::fingerprint(signer)
                )));
            }
            Some(endorsement)
        }
    };
    let mut names: Vec<(&String, usize)> = index
        .iter()
        .filter(|(name, _)| name.starts_with(REVOCATIONS_DIR) && name.as_str() != REVOCATIONS_DIR)
        .map(|(name, &i)| (name, i))
        .collect();
    names.sort();
    if names.len() > MAX_REVOCATIONS {
        return Err(PackageError::Revocation(format!(
            "Das Paket enthält {} Widerrufe, höchstens {MAX_REVOCATIONS} sind erlaubt.",
            names.len()
        )));
    }
    let mut revocations = Vec::new();
    for (name, i) in names {
        let signed = Revocation::parse_signed(&read_capped(archive, i, name, max)?)?;
        let revocation = &signed.statement;
        if revocation.entry_name() != *name {
            return Err(PackageError::Revocation(format!(
                "„{name}“ enthält den Widerruf des Schlüssels {}; der Eintrag muss „{}“ heißen.",
                revocation.fingerprint(),
                revocation.entry_name()
            )));
        }
        revocations.push(signed);
    }
    Ok((endorsement, revocations))
}

impl OpenedPackage {
    /// The fingerprint of the signing key.
    pub fn fingerprint(&self) -> String {
        signing::fingerprint(&self.signer)
    }

    /// Total bytes of all documents.
    pub fn document_bytes(&self) -> u64 {
        self.manifest.documents.iter().map(|d| d.size).sum()
    }

    /// Streams every document into a temporary file in `dir`, checking size and SHA-256.
    /// On error, the files written so far are removed.
    pub fn extract(
        &mut self,
        dir: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Vec<ExtractedDocument>, PackageError> {
        std::fs::create_dir_all(dir).map_err(io)?;
        let mut done_docs: Vec<ExtractedDocument> = Vec::new();
        let total = self.document_bytes();
        let mut done = 0u64;
        progress(Progress { done, total });
        for d in self.manifest.documents.clone() {
            let index = self.documents[&d.path];
            match extract_one(&mut self.archive, index, &d, dir, &mut |n| {
                done += n;
                progress(Progress { done, total });
            }) {
                Ok(temp_path) => done_docs.push(ExtractedDocument { document: d, temp_path }),
                Err(e) => {
                    for doc in &done_docs {
                        let _ = std::fs::remove_file(&doc.temp_path);
                    }
                    return Err(e);
                }
            }
        }
        Ok(done_docs)
    }
}

fn extract_one(
    archive: &mut zip::ZipArchive<BufReader<File>>,
    index: usize,
    d: &Document,
    dir: &Path,
    progress: &mut dyn FnMut(u64),
) -> Result<PathBuf, PackageError> {
    let temp = tempfile::Builder::new().prefix(".import-").tempfile_in(dir).map_err(io)?;
    let result = (|| {
        let entry =
            archive.by_index(index).map_err(|_| PackageError::SizeMismatch(d.path.clone()))?;
        let mut reader = entry.take(d.size + 1);
        let mut out = std::io::BufWriter::new(temp.as_file());
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        let mut written = 0u64;
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                // A CRC or inflate error: the content is not what was signed.
                Err(_) => return Err(PackageError::DocumentTampered(d.path.clone())),
            };
            written += n as u64;
            if written > d.size {
                return Err(PackageError::SizeMismatch(d.path.clone()));
            }
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n]).map_err(io)?;
            progress(n as u64);
        }
        out.flush().map_err(io)?;
        if written != d.size {
            return Err(PackageError::SizeMismatch(d.path.clone()));
        }
        if signing::hex(&hasher.finalize()) != d.sha256 {
            return Err(PackageError::DocumentTampered(d.path.clone()));
        }
        temp.as_file().sync_all().map_err(io)?;
        Ok(())
    })();
    result?;
    let (_, path) = temp.keep().map_err(io)?;
    Ok(path)
}
