//! What the Land does: keys, building and verifying packages, aggregating reports. These tools
//! need no municipality's database; the command line offers them (`package …`, `aggregate`).

use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::Result;
use crate::catalogue::Catalogue;
use crate::package::archive::{self, Limits};
use crate::package::build::{self, Built};
use crate::package::manifest::Manifest;
use crate::package::{signing, PackageError};
use crate::report::aggregate::{self, Aggregate};
use crate::report::ReportError;
use crate::text::printable;
use crate::Error;

/// A signing key made with [`generate_key`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewKey {
    /// The secret key (readable only by its owner on Unix).
    pub secret: PathBuf,
    /// The public key, to publish: the secret key's path with `.pub` appended.
    pub public: PathBuf,
    /// The public key's fingerprint, as municipalities confirm it.
    pub fingerprint: String,
}

/// A package that [`verify_package`] found intact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerifiedPackage {
    pub manifest: Manifest,
    /// The fingerprint of the key that signed it.
    pub fingerprint: String,
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

/// Makes a new key pair: the secret key at `secret` (readable only by its owner on Unix) and
/// the public key next to it with `.pub` appended. Never overwrites an existing file.
pub fn generate_key(secret: &Path) -> Result<NewKey> {
    let public = with_suffix(secret, ".pub");
    for p in [secret, public.as_path()] {
        if p.exists() {
            return Err(Error::from(PackageError::Key(format!(
                "{} gibt es schon; ein vorhandener Schlüssel wird nicht überschrieben.",
                p.display()
            )))
            .into());
        }
    }
    let key = signing::generate().map_err(Error::from)?;
    write_new(secret, signing::secret_key_text(&key).as_bytes(), true)?;
    write_new(&public, signing::public_key_text(&key.verifying_key()).as_bytes(), false)?;
    let fingerprint = signing::fingerprint(&key.verifying_key());
    Ok(NewKey { secret: secret.to_path_buf(), public, fingerprint })
}

/// Builds a signed package at `out` from `src_dir` (`manifest.json` and `documents/`) with the
/// secret key in the file `key`.
pub fn build_package(src_dir: &Path, key: &Path, out: &Path) -> Result<Built> {
    let key = signing::read_secret(key).map_err(Error::from)?;
    Ok(build::build(src_dir, &key, out, Catalogue::builtin()).map_err(Error::from)?)
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
    Ok(VerifiedPackage { fingerprint: opened.fingerprint(), manifest: opened.manifest })
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

    #[test]
    fn a_key_is_made_once_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("land.key");
        let key = generate_key(&secret).unwrap();
        assert_eq!(key.public, dir.path().join("land.key.pub"));
        assert_eq!(
            key.fingerprint,
            signing::fingerprint(&signing::read_public(&key.public).unwrap())
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&secret).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let before = std::fs::read(&secret).unwrap();
        let err = generate_key(&secret).unwrap_err();
        assert_eq!(err.code(), ErrorCode::PackageKey, "{err}");
        assert!(err.to_string().contains("wird nicht überschrieben"), "{err}");
        assert_eq!(std::fs::read(&secret).unwrap(), before);
        // A public key alone also blocks.
        let other = dir.path().join("zweiter.key");
        std::fs::write(dir.path().join("zweiter.key.pub"), b"x").unwrap();
        assert!(generate_key(&other).is_err());
        assert!(!other.exists());
    }

    #[test]
    fn a_built_package_verifies_and_another_key_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let key = generate_key(&dir.path().join("land.key")).unwrap();
        let other = generate_key(&dir.path().join("fremd.key")).unwrap();
        let zip = dir.path().join("paket.zip");
        let built = build_package(Path::new(EXAMPLE), &key.secret, &zip).unwrap();
        assert_eq!(built.fingerprint, key.fingerprint);

        let verified = verify_package(&zip, None).unwrap();
        assert_eq!(verified.fingerprint, key.fingerprint);
        assert_eq!(verified.manifest.id, built.manifest.id);
        assert!(verify_package(&zip, Some(&key.public)).is_ok());
        let err = verify_package(&zip, Some(&other.public)).unwrap_err();
        assert_eq!(err.code(), ErrorCode::PackageWrongKey, "{err}");
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
