//! What the Land does: keys (made encrypted with a passphrase, converted from the first plain
//! format, endorsed when the Land changes its key, revoked), building and verifying packages,
//! aggregating reports. These tools need no municipality's database; the command line offers
//! them (`package …`, `aggregate`).

use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::Result;
use crate::ags::Land;
use crate::catalogue::Catalogue;
use crate::package::archive::{self, Limits};
use crate::package::build::{self, Built};
use crate::package::keyfile;
pub use crate::package::keyfile::Passphrase;
use crate::package::manifest::Manifest;
pub use crate::package::statement::RevocationReason;
use crate::package::statement::{Endorsement, Revocation};
use crate::package::{signing, PackageError};
use crate::report::aggregate::{self, Aggregate};
use crate::report::ReportError;
use crate::text::printable;
use crate::Error;
use ed25519_dalek::SigningKey;

/// A signing key made with [`generate_key`] (or converted with [`convert_key`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewKey {
    /// The secret key, encrypted with the passphrase (readable only by its owner on Unix).
    pub secret: PathBuf,
    /// The public key, to publish: the secret key's path with `.pub` appended.
    pub public: PathBuf,
    /// The key's revocation certificate, to keep apart from the key: the secret key's path
    /// with `.rev` appended. Published, it makes municipalities refuse the key.
    pub revocation: PathBuf,
    /// The public key's fingerprint, as municipalities confirm it.
    pub fingerprint: String,
    /// The Land the key is for (two-digit code).
    pub land_code: String,
}

/// Statements about keys a package carries besides its manifest: files written by
/// [`endorse_key`] and [`revoke_key`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeyStatements {
    /// The old key's endorsement of the key that signs the package.
    pub endorsement: Option<PathBuf>,
    /// Revocation certificates of other keys of the Land.
    pub revocations: Vec<PathBuf>,
}

/// A statement written by [`endorse_key`] or [`revoke_key`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MadeStatement {
    pub path: PathBuf,
    pub land_code: String,
    /// The key that signed the statement.
    pub signer_fingerprint: String,
    /// The key the statement is about: the new key of an endorsement, the revoked key.
    pub subject_fingerprint: String,
    /// The day of the statement (`YYYY-MM-DD`).
    pub date: String,
}

/// A package that [`verify_package`] found intact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerifiedPackage {
    pub manifest: Manifest,
    /// The fingerprint of the key that signed it.
    pub fingerprint: String,
    /// The fingerprint of the old key that endorsed the signing key, if the package carries
    /// an endorsement.
    pub endorsed_by: Option<String>,
    /// The fingerprints of the keys whose revocations the package carries.
    pub revokes: Vec<String>,
}

/// What [`aggregate_reports`] read and wrote.
#[derive(Debug, Clone, Serialize)]
pub struct Aggregated {
    pub aggregate: Aggregate,
    /// The table as CSV (UTF-8 with BOM, `;`-separated), also when it was written to a file.
    pub csv: String,
}

impl Aggregated {
    /// `Ok` if every file could be read; otherwise the `report_skipped` error (the command
    /// line's exit code 3), after the rest was written.
    pub fn all_read(&self) -> crate::Result<()> {
        if self.aggregate.skipped.is_empty() {
            return Ok(());
        }
        let skipped = self.aggregate.skipped.len();
        Err(ReportError::Skipped { skipped, total: self.aggregate.inputs }.into())
    }
}

/// Makes a new key pair for `land`: the secret key at `secret`, encrypted with `passphrase`
/// (at least 12 characters; readable only by its owner on Unix), the public key next to it
/// with `.pub` appended, and its revocation certificate with `.rev` appended. Never overwrites
/// an existing file.
pub fn generate_key(secret: &Path, land: Land, passphrase: &Passphrase) -> Result<NewKey> {
    passphrase.check_new()?;
    let key = signing::generate().map_err(Error::from)?;
    write_key_files(&key, land, passphrase, secret)
}

/// Converts a plain key file of the first format (`plain`) into an encrypted one at `out`
/// (with `.pub` and `.rev` next to it, as [`generate_key`] writes them). The plain file is left
/// as it is; delete it safely afterwards.
pub fn convert_key(
    plain: &Path,
    land: Land,
    passphrase: &Passphrase,
    out: &Path,
) -> Result<NewKey> {
    passphrase.check_new()?;
    let key = keyfile::read_plain(plain).map_err(Error::from)?;
    write_key_files(&key, land, passphrase, out)
}

/// Writes the three files of a key (see [`generate_key`]), none of which may exist.
fn write_key_files(
    key: &SigningKey,
    land: Land,
    passphrase: &Passphrase,
    secret: &Path,
) -> Result<NewKey> {
    let public = with_suffix(secret, ".pub");
    let revocation = with_suffix(secret, ".rev");
    for p in [secret, public.as_path(), revocation.as_path()] {
        if p.exists() {
            return Err(Error::from(PackageError::Key(format!(
                "{} gibt es schon; ein vorhandener Schlüssel wird nicht überschrieben.",
                p.display()
            )))
            .into());
        }
    }
    let text = keyfile::encrypted_text(key, land, passphrase).map_err(Error::from)?;
    let certificate = Revocation {
        land,
        key: key.verifying_key(),
        date: crate::clock::today(),
        reason: RevocationReason::OhneAngabe,
    }
    .sign(key);
    write_new(secret, text.as_bytes(), true)?;
    write_new(&public, signing::public_key_text(&key.verifying_key()).as_bytes(), false)?;
    write_new(&revocation, certificate.as_bytes(), true)?;
    let fingerprint = signing::fingerprint(&key.verifying_key());
    Ok(NewKey {
        secret: secret.to_path_buf(),
        public,
        revocation,
        fingerprint,
        land_code: land.code(),
    })
}

/// Reads an encrypted secret key file.
fn read_key(path: &Path, passphrase: &Passphrase) -> crate::Result<keyfile::SecretKey> {
    Ok(keyfile::read(path, passphrase)?)
}

/// Writes at `out` the endorsement of the Land's new key (`new`) by its old key (`old`), dated
/// today: with it in a package ([`build_package`]), municipalities that trust the old key take
/// the new one over. Both secret keys are needed (the new one proves it is the Land's), and
/// both must be for the same Land. Never overwrites a file.
pub fn endorse_key(
    old: &Path,
    old_passphrase: &Passphrase,
    new: &Path,
    new_passphrase: &Passphrase,
    out: &Path,
) -> Result<MadeStatement> {
    let old_key = read_key(old, old_passphrase)?;
    let new_key = read_key(new, new_passphrase)?;
    let land = old_key.land_for_statements(old).map_err(Error::from)?;
    if new_key.land.is_some_and(|l| l != land) {
        return Err(Error::from(PackageError::Key(format!(
            "{} ist ein Schlüssel für {}, {} einer für {}; bestätigt wird nur ein Schlüssel \
             desselben Landes.",
            old.display(),
            land.name(),
            new.display(),
            new_key.land.map(|l| l.name()).unwrap_or_default()
        )))
        .into());
    }
    if old_key.key.verifying_key() == new_key.key.verifying_key() {
        return Err(Error::from(PackageError::Key(
            "Alter und neuer Schlüssel sind derselbe.".into(),
        ))
        .into());
    }
    let endorsement = Endorsement {
        land,
        old_key: old_key.key.verifying_key(),
        new_key: new_key.key.verifying_key(),
        date: crate::clock::today(),
    };
    write_new(out, endorsement.sign(&old_key.key).as_bytes(), false)?;
    Ok(MadeStatement {
        path: out.to_path_buf(),
        land_code: land.code(),
        signer_fingerprint: old_key.fingerprint(),
        subject_fingerprint: new_key.fingerprint(),
        date: endorsement.date.format("%Y-%m-%d").to_string(),
    })
}

/// Writes at `out` a revocation certificate of the key in `key`, dated today, for `reason`.
/// Never overwrites a file.
pub fn revoke_key(
    key: &Path,
    passphrase: &Passphrase,
    reason: RevocationReason,
    out: &Path,
) -> Result<MadeStatement> {
    let secret = read_key(key, passphrase)?;
    let land = secret.land_for_statements(key).map_err(Error::from)?;
    let revocation =
        Revocation { land, key: secret.key.verifying_key(), date: crate::clock::today(), reason };
    write_new(out, revocation.sign(&secret.key).as_bytes(), false)?;
    Ok(MadeStatement {
        path: out.to_path_buf(),
        land_code: land.code(),
        signer_fingerprint: secret.fingerprint(),
        subject_fingerprint: secret.fingerprint(),
        date: revocation.date.format("%Y-%m-%d").to_string(),
    })
}

/// Reads a statement file (endorsement or revocation) as text.
fn statement_text(path: &Path) -> crate::Result<String> {
    Ok(signing::read_small(path)?)
}

/// Builds a signed package at `out` from `src_dir` (`manifest.json` and `documents/`) with the
/// encrypted secret key in the file `key`, carrying the `statements` about keys. The key must
/// be for the manifest's Land.
pub fn build_package(
    src_dir: &Path,
    key: &Path,
    passphrase: &Passphrase,
    statements: &KeyStatements,
    out: &Path,
) -> Result<Built> {
    let manifest = build::source_manifest(src_dir).map_err(Error::from)?;
    let secret = read_key(key, passphrase)?;
    let extras = build::Extras {
        endorsement: statements.endorsement.as_deref().map(statement_text).transpose()?,
        revocations: statements
            .revocations
            .iter()
            .map(|p| statement_text(p))
            .collect::<crate::Result<_>>()?,
    };
    if let (Some(land), Ok(parsed)) = (secret.land, archive::parse_manifest(&manifest)) {
        if parsed.land().is_some_and(|m| m != land) {
            return Err(Error::from(PackageError::Build(format!(
                "{} ist ein Schlüssel für {}, das Manifest ist aber für {}.",
                key.display(),
                land.name(),
                parsed.land.name
            )))
            .into());
        }
    }
    let catalogue = Catalogue::builtin();
    Ok(build::build_with(src_dir, &manifest, &secret.key, &extras, out, catalogue)
        .map_err(Error::from)?)
}

/// Checks a package completely: structure, signature, and every document's checksum (extracted
/// into a scratch folder that is removed again). With `pubkey` (a public key file) the package
/// must also be signed with that key.
pub fn verify_package(package: &Path, pubkey: Option<&Path>) -> Result<VerifiedPackage> {
    let mut opened =
        archive::open(package, &Limits::default(), Catalogue::builtin()).map_err(Error::from)?;
    if let Some(pubkey) = pubkey {
        let expected = signing::read_public(pubkey).map_err(Error::from)?;
        if expected != opened.signer {
            return Err(Error::from(PackageError::WrongKey {
                land: opened.manifest.land.name.clone(),
                fingerprint: opened.fingerprint(),
            })
            .into());
        }
    }
    let scratch = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    opened.extract(scratch.path(), &mut |_| {}).map_err(Error::from)?;
    Ok(VerifiedPackage {
        fingerprint: opened.fingerprint(),
        endorsed_by: opened.endorsement.as_ref().map(|e| signing::fingerprint(&e.old_key)),
        revokes: opened.revocations.iter().map(|r| r.statement.fingerprint()).collect(),
        manifest: opened.manifest,
    })
}

/// Reads the reports in `paths` (PDF files, or folders searched for `*.pdf`; with `all` older
/// reports of a municipality stay too) and writes the table as CSV to `csv` and everything as
/// JSON to `json`, as far as they are given. Refuses before reading anything a path that does
/// not exist, an output named `.pdf` (it could be a report) and one file named for both outputs;
/// refuses, after reading, when no report file was found at all. Files that could not be read
/// are listed in the result (see [`Aggregated::all_read`]).
pub fn aggregate_reports(
    paths: &[PathBuf],
    csv: Option<&Path>,
    json: Option<&Path>,
    all: bool,
) -> Result<Aggregated> {
    check_aggregate_paths(paths, csv, json)?;
    let result = aggregate::aggregate(paths, all);
    if result.files == 0 && result.skipped.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::from(ReportError::NothingFound(names.join(", "))).into());
    }
    let table = aggregate::to_csv(&result.rows);
    if let Some(path) = csv {
        crate::files::write_atomic(path, table.as_bytes())?;
    }
    if let Some(path) = json {
        let text = serde_json::to_string_pretty(&result).expect("our types serialize");
        crate::files::write_atomic(path, text.as_bytes())?;
    }
    Ok(Aggregated { aggregate: result, csv: table })
}

/// A path as one printable line.
fn shown(path: &Path) -> String {
    printable(&path.display().to_string(), false)
}

/// Refuses, before anything is read, a path to read that does not exist (a typo would otherwise
/// only show as a skipped file) and outputs that would overwrite a report or each other.
fn check_aggregate_paths(
    paths: &[PathBuf],
    csv: Option<&Path>,
    json: Option<&Path>,
) -> crate::Result<()> {
    if let Some(missing) = paths.iter().find(|p| std::fs::symlink_metadata(p).is_err()) {
        return Err(Error::validation("paths", format!("„{}“ gibt es nicht.", shown(missing))));
    }
    for (field, option, path) in [("csv", "--csv", csv), ("json", "--json", json)] {
        let Some(path) = path else { continue };
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
            return Err(Error::validation(
                field,
                format!(
                    "{option} „{}“ ist eine PDF-Datei; die Übersicht wird nicht in eine PDF-Datei \
                     geschrieben, damit kein Bericht überschrieben wird.",
                    shown(path)
                ),
            ));
        }
    }
    if let (Some(csv), Some(json)) = (csv, json) {
        let same = csv == json
            || matches!((csv.canonicalize(), json.canonicalize()), (Ok(a), Ok(b)) if a == b);
        if same {
            return Err(Error::validation(
                "json",
                format!("--csv und --json nennen dieselbe Datei „{}“.", shown(json)),
            ));
        }
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Writes a new file (never overwriting); a secret one readable only by its owner.
fn write_new(path: &Path, bytes: &[u8], secret: bool) -> crate::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if secret {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options.open(path).map_err(|e| Error::io(path, e))?;
    file.write_all(bytes).and_then(|_| file.sync_all()).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error_code::ErrorCode;

    const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/paket-vergabe");

    fn ni() -> Land {
        Land::from_code(3).unwrap()
    }

    fn pass() -> Passphrase {
        Passphrase::new("Ein Schlüssel für das Land")
    }

    #[test]
    fn a_key_is_made_once_encrypted_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("land.key");
        let key = generate_key(&secret, ni(), &pass()).unwrap();
        assert_eq!(key.public, dir.path().join("land.key.pub"));
        assert_eq!(key.revocation, dir.path().join("land.key.rev"));
        assert_eq!(key.land_code, "03");
        assert_eq!(
            key.fingerprint,
            signing::fingerprint(&signing::read_public(&key.public).unwrap())
        );
        let text = std::fs::read_to_string(&secret).unwrap();
        assert!(text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----"), "{text}");
        assert_eq!(keyfile::read(&secret, &pass()).unwrap().fingerprint(), key.fingerprint);
        // The revocation certificate made with the key revokes it.
        let revocation = Revocation::parse(&std::fs::read(&key.revocation).unwrap()).unwrap();
        assert_eq!(signing::fingerprint(&revocation.key), key.fingerprint);
        assert_eq!(revocation.reason, RevocationReason::OhneAngabe);
        #[cfg(unix)]
        for file in [&secret, &key.revocation] {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let before = std::fs::read(&secret).unwrap();
        let err = generate_key(&secret, ni(), &pass()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::PackageKey, "{err}");
        assert!(err.to_string().contains("wird nicht überschrieben"), "{err}");
        assert_eq!(std::fs::read(&secret).unwrap(), before);
        // A public key alone also blocks.
        let other = dir.path().join("zweiter.key");
        std::fs::write(dir.path().join("zweiter.key.pub"), b"x").unwrap();
        assert!(generate_key(&other, ni(), &pass()).is_err());
        assert!(!other.exists());
        // A short passphrase is refused before anything is written.
        let short = dir.path().join("kurz.key");
        let err = generate_key(&short, ni(), &Passphrase::new("zu kurz")).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Validation, "{err}");
        assert!(err.to_string().contains("mindestens 12 Zeichen"), "{err}");
        assert!(!short.exists() && !with_suffix(&short, ".pub").exists());
    }

    #[test]
    fn a_built_package_verifies_and_another_key_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let key = generate_key(&dir.path().join("land.key"), ni(), &pass()).unwrap();
        let other = generate_key(&dir.path().join("fremd.key"), ni(), &pass()).unwrap();
        let zip = dir.path().join("paket.zip");
        let none = KeyStatements::default();
        let built = build_package(Path::new(EXAMPLE), &key.secret, &pass(), &none, &zip).unwrap();
        assert_eq!(built.fingerprint, key.fingerprint);

        let verified = verify_package(&zip, None).unwrap();
        assert_eq!(verified.fingerprint, key.fingerprint);
        assert_eq!(verified.manifest.id, built.manifest.id);
        assert!(verify_package(&zip, Some(&key.public)).is_ok());
        let err = verify_package(&zip, Some(&other.public)).unwrap_err();
        assert_eq!(err.code(), ErrorCode::PackageWrongKey, "{err}");

        // The wrong passphrase, and a key of another Land, build nothing.
        let again = dir.path().join("nochmal.zip");
        let wrong = Passphrase::new("Ein falscher Schlüsselsatz");
        let err =
            build_package(Path::new(EXAMPLE), &key.secret, &wrong, &none, &again).unwrap_err();
        assert_eq!(err.code(), ErrorCode::KeyPassphrase, "{err}");
        let by =
            generate_key(&dir.path().join("by.key"), Land::from_code(9).unwrap(), &pass()).unwrap();
        let err =
            build_package(Path::new(EXAMPLE), &by.secret, &pass(), &none, &again).unwrap_err();
        assert!(err.to_string().contains("Schlüssel für Bayern"), "{err}");
        assert!(!again.exists());
    }

    #[test]
    fn a_plain_key_converts_into_an_encrypted_one_with_the_same_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let key = signing::generate().unwrap();
        let plain = dir.path().join("alt.key");
        std::fs::write(&plain, signing::plain_text(&key)).unwrap();
        let none = KeyStatements::default();
        let zip = dir.path().join("p.zip");
        let err = build_package(Path::new(EXAMPLE), &plain, &pass(), &none, &zip).unwrap_err();
        assert!(err.to_string().contains("key-convert"), "{err}");

        let new = dir.path().join("neu.key");
        let converted = convert_key(&plain, ni(), &pass(), &new).unwrap();
        assert_eq!(converted.fingerprint, signing::fingerprint(&key.verifying_key()));
        assert_eq!(keyfile::read(&new, &pass()).unwrap().key.to_bytes(), key.to_bytes());
        assert!(build_package(Path::new(EXAMPLE), &new, &pass(), &none, &zip).is_ok());
        // Converting an encrypted key is refused.
        let err = convert_key(&new, ni(), &pass(), &dir.path().join("x.key")).unwrap_err();
        assert_eq!(err.code(), ErrorCode::PackageKey, "{err}");
    }

    #[test]
    fn endorsements_and_revocations_go_into_the_package_and_are_checked_there() {
        let dir = tempfile::tempdir().unwrap();
        let old = generate_key(&dir.path().join("alt.key"), ni(), &pass()).unwrap();
        let new = generate_key(&dir.path().join("neu.key"), ni(), &pass()).unwrap();
        let third = generate_key(&dir.path().join("dritt.key"), ni(), &pass()).unwrap();
        let endorsement = dir.path().join("bestaetigung.txt");
        let made = endorse_key(&old.secret, &pass(), &new.secret, &pass(), &endorsement).unwrap();
        assert_eq!(
            (made.signer_fingerprint.as_str(), made.subject_fingerprint.as_str()),
            (old.fingerprint.as_str(), new.fingerprint.as_str())
        );
        let revocation = dir.path().join("widerruf.txt");
        let revoked =
            revoke_key(&third.secret, &pass(), RevocationReason::Kompromittiert, &revocation)
                .unwrap();
        assert_eq!(revoked.subject_fingerprint, third.fingerprint);

        let statements = KeyStatements {
            endorsement: Some(endorsement.clone()),
            revocations: vec![revocation.clone()],
        };
        let zip = dir.path().join("paket.zip");
        build_package(Path::new(EXAMPLE), &new.secret, &pass(), &statements, &zip).unwrap();
        let verified = verify_package(&zip, Some(&new.public)).unwrap();
        assert_eq!(verified.endorsed_by.as_deref(), Some(old.fingerprint.as_str()));
        assert_eq!(verified.revokes, vec![third.fingerprint.clone()]);

        // The endorsement names the new key: building with another key is refused.
        let other = dir.path().join("anders.zip");
        let err = build_package(Path::new(EXAMPLE), &third.secret, &pass(), &statements, &other)
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::KeyEndorsement, "{err}");
        // A revocation of the signing key itself is refused.
        let own = KeyStatements { endorsement: None, revocations: vec![third.revocation.clone()] };
        let err =
            build_package(Path::new(EXAMPLE), &third.secret, &pass(), &own, &other).unwrap_err();
        assert_eq!(err.code(), ErrorCode::KeyRevocation, "{err}");
        assert!(!other.exists());
        // Endorsing a key of another Land is refused; nothing overwrites a file.
        let by =
            generate_key(&dir.path().join("by.key"), Land::from_code(9).unwrap(), &pass()).unwrap();
        let out = dir.path().join("by.txt");
        let err = endorse_key(&old.secret, &pass(), &by.secret, &pass(), &out).unwrap_err();
        assert!(err.to_string().contains("desselben Landes"), "{err}");
        assert!(endorse_key(&old.secret, &pass(), &new.secret, &pass(), &endorsement).is_err());
    }

    #[test]
    fn aggregate_checks_its_paths_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("fehlt");
        let code = |r: Result<Aggregated>| r.unwrap_err().code();
        assert_eq!(code(aggregate_reports(&[missing], None, None, false)), ErrorCode::Validation);
        let here = [dir.path().to_path_buf()];
        let pdf = dir.path().join("bericht.pdf");
        assert_eq!(code(aggregate_reports(&here, Some(&pdf), None, false)), ErrorCode::Validation);
        let same = dir.path().join("a.txt");
        let err = aggregate_reports(&here, Some(&same), Some(&same), false).unwrap_err();
        assert!(err.to_string().contains("dieselbe Datei"), "{err}");
        // An empty folder: nothing found.
        assert_eq!(
            code(aggregate_reports(&here, None, None, false)),
            ErrorCode::ReportNothingFound
        );
        assert!(!same.exists());
    }

    #[test]
    fn aggregate_writes_its_outputs_and_reports_skipped_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("kaputt.pdf"), b"%PDF-1.7 kein Bericht").unwrap();
        let out = tempfile::tempdir().unwrap();
        let (csv, json) = (out.path().join("t.csv"), out.path().join("t.json"));
        let done =
            aggregate_reports(&[dir.path().to_path_buf()], Some(&csv), Some(&json), false).unwrap();
        assert_eq!(std::fs::read_to_string(&csv).unwrap(), done.csv);
        let written: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
        assert_eq!(written["files"], 1);
        assert_eq!(done.aggregate.skipped.len(), 1);
        assert_eq!(done.all_read().unwrap_err().code(), ErrorCode::ReportSkipped);
    }
}
