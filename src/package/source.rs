//! The package source folder that `anbindungscheck package build` reads: `manifest.json` and the
//! documents in `documents/`. The Land's editor writes one from its draft ([`write`]) and reads
//! one back ([`read`]), so the command line stays a full alternative to the editor.
//!
//! Writing is all or nothing: the folder is put together next to its target and renamed into
//! place; a folder holding anything but a package source is never replaced.

use std::collections::HashSet;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::package::archive::Limits;
use crate::package::build::hash_file;
use crate::package::manifest::{check_document_path, parse_manifest, Manifest};
use crate::package::PackageError;

fn source_err(message: String) -> PackageError {
    PackageError::Build(message)
}

/// A file error, naming the file, in German.
fn file_err(path: &Path, e: impl Into<std::io::Error>) -> PackageError {
    source_err(format!("{}: {}", path.display(), crate::error::io_reason(&e.into())))
}

/// Reads the manifest of the source folder `dir` with the parser the build uses. Sizes and
/// hashes of the documents may be missing (the build fills them in); a document's file is
/// `dir.join(&document.path)`.
pub fn read(dir: &Path) -> Result<Manifest, PackageError> {
    let path = dir.join("manifest.json");
    let max = Limits::default().manifest_bytes;
    let (file, _) = crate::files::open_regular(&path).map_err(|e| source_err(e.message(&path)))?;
    let bytes = crate::files::read_capped(file, max)
        .map_err(|e| file_err(&path, e))?
        .ok_or_else(|| source_err(format!("{} ist größer als {max} Bytes.", path.display())))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| source_err(format!("{}: kein gültiger UTF-8-Text.", path.display())))?;
    parse_manifest(&text)
}

/// Fills in each listed document's size and SHA-256 from its file in `documents` (path in the
/// package, file on disk), as the build does, so that the editor can check a draft completely.
pub fn fill_documents(
    manifest: &mut Manifest,
    documents: &[(String, PathBuf)],
) -> Result<(), PackageError> {
    let max = Limits::default().document_bytes;
    for d in &mut manifest.documents {
        if let Some((_, file)) = documents.iter().find(|(path, _)| *path == d.path) {
            (d.size, d.sha256) = hash_file(file, max)?;
        }
    }
    Ok(())
}

/// Writes `manifest` as the source folder `dir`: `manifest.json` (pretty JSON, as it is) and a
/// copy of every document, given as its path in the package (`documents/<name>`) and its file on
/// disk. Each document the manifest lists needs its file and each file a listed document; paths
/// that [`check_document_path`] refuses are refused. An existing `dir` is replaced only if it
/// holds nothing but a package source.
pub fn write(
    dir: &Path,
    manifest: &Manifest,
    documents: &[(String, PathBuf)],
) -> Result<(), PackageError> {
    // Everything is checked before anything is written.
    let mut given = HashSet::new();
    for (path, _) in documents {
        check_document_path(path)?;
        if !given.insert(path.as_str()) {
            return Err(source_err(format!("Für {path} sind zwei Dateien angegeben.")));
        }
        if !manifest.documents.iter().any(|d| d.path == *path) {
            return Err(source_err(format!("{path} ist im Manifest nicht aufgeführt.")));
        }
    }
    for d in &manifest.documents {
        check_document_path(&d.path)?;
        if !given.contains(d.path.as_str()) {
            return Err(source_err(format!("Für {} ist keine Datei angegeben.", d.path)));
        }
    }
    check_replaceable(dir)?;
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if dir.file_name().is_none() {
        return Err(source_err(format!("{} ist kein Ordnername.", dir.display())));
    }

    // Put together next to the target, so that the rename stays on one file system.
    let staging = tempfile::Builder::new()
        .prefix(".paketquelle-")
        .tempdir_in(parent)
        .map_err(|e| file_err(parent, e))?;
    let new = staging.path().join("neu");
    std::fs::create_dir_all(new.join("documents")).map_err(|e| file_err(&new, e))?;
    let mut json = serde_json::to_vec_pretty(manifest).expect("manifest serializes");
    json.push(b'\n');
    write_synced(&new.join("manifest.json"), &mut json.as_slice())?;
    let max = Limits::default().document_bytes;
    for (path, file) in documents {
        let (source, size) =
            crate::files::open_regular(file).map_err(|e| source_err(e.message(file)))?;
        if size > max {
            return Err(source_err(format!("{} ist größer als {max} Bytes.", file.display())));
        }
        write_synced(&new.join(path), &mut std::io::Read::take(source, max))?;
    }

    // An old source goes into the staging folder, which is removed when it is dropped.
    if std::fs::symlink_metadata(dir).is_ok() {
        let old = staging.path().join("alt");
        std::fs::rename(dir, &old).map_err(|e| file_err(dir, e))?;
        if let Err(e) = std::fs::rename(&new, dir) {
            let _ = std::fs::rename(&old, dir);
            return Err(file_err(dir, e));
        }
    } else {
        std::fs::rename(&new, dir).map_err(|e| file_err(dir, e))?;
    }
    Ok(())
}

/// Creates `path` with the content of `reader`, synced to disk.
fn write_synced(path: &Path, reader: &mut dyn std::io::Read) -> Result<(), PackageError> {
    let mut file = File::create(path).map_err(|e| file_err(path, e))?;
    std::io::copy(reader, &mut file)
        .and_then(|_| file.flush())
        .and_then(|_| file.sync_all())
        .map_err(|e| file_err(path, e))
}

/// `dir` may be written if it does not exist, or is a folder with no more than `manifest.json`
/// and files in `documents/`.
fn check_replaceable(dir: &Path) -> Result<(), PackageError> {
    let refuse = || {
        source_err(format!(
            "Der Ordner {} enthält mehr als eine Paketquelle (manifest.json und documents/); er \
             wird nicht ersetzt. Bitte wählen Sie einen leeren oder neuen Ordner.",
            dir.display()
        ))
    };
    let meta = match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(file_err(dir, e)),
        Ok(meta) => meta,
    };
    if !meta.is_dir() {
        return Err(source_err(format!("{} ist kein Ordner.", dir.display())));
    }
    let entries = |dir: &Path| -> Result<Vec<(String, std::fs::FileType)>, PackageError> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| file_err(dir, e))? {
            let entry = entry.map_err(|e| file_err(dir, e))?;
            let kind = entry.file_type().map_err(|e| file_err(&entry.path(), e))?;
            out.push((entry.file_name().to_string_lossy().into_owned(), kind));
        }
        Ok(out)
    };
    for (name, kind) in entries(dir)? {
        match name.as_str() {
            "manifest.json" if kind.is_file() => {}
            "documents" if kind.is_dir() => {
                if !entries(&dir.join("documents"))?.iter().all(|(_, k)| k.is_file()) {
                    return Err(refuse());
                }
            }
            _ => return Err(refuse()),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;
    use crate::package::{archive, build, signing};

    const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/paket-vergabe");

    /// The example's manifest and its documents' files.
    fn example() -> (Manifest, Vec<(String, PathBuf)>) {
        let manifest = read(Path::new(EXAMPLE)).unwrap();
        let docs = manifest
            .documents
            .iter()
            .map(|d| (d.path.clone(), Path::new(EXAMPLE).join(&d.path)))
            .collect();
        (manifest, docs)
    }

    #[test]
    fn a_written_source_builds_into_a_package_with_the_same_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let (manifest, docs) = example();
        let src = dir.path().join("quelle");
        write(&src, &manifest, &docs).unwrap();
        assert_eq!(read(&src).unwrap(), manifest);

        let out = dir.path().join("paket.zip");
        let key = signing::generate().unwrap();
        let built = build::build(&src, &key, &out, Catalogue::builtin()).unwrap();
        let opened =
            archive::open(&out, &archive::Limits::default(), Catalogue::builtin()).unwrap();
        let mut filled = manifest.clone();
        fill_documents(&mut filled, &docs).unwrap();
        assert_eq!(opened.manifest, filled);
        assert_eq!(built.manifest, filled);
        assert_eq!(opened.signer, key.verifying_key());
        assert!(filled.issues(Catalogue::builtin()).is_empty());
    }

    #[test]
    fn writing_again_replaces_the_source_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let (mut manifest, mut docs) = example();
        let src = dir.path().join("quelle");
        write(&src, &manifest, &docs).unwrap();
        // The next edition drops a document; its file goes too.
        let gone = manifest.documents.pop().unwrap().path;
        docs.retain(|(p, _)| *p != gone);
        manifest.reuse_model.document = None;
        write(&src, &manifest, &docs).unwrap();
        assert!(!src.join(&gone).exists());
        assert_eq!(read(&src).unwrap(), manifest);
        let left: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["quelle"], "no staging folder is left behind");

        // A folder with other files is not replaced.
        std::fs::write(src.join("notizen.txt"), "privat").unwrap();
        let err = write(&src, &manifest, &docs).unwrap_err().to_string();
        assert!(err.contains("wird nicht ersetzt"), "{err}");
        assert!(src.join("notizen.txt").exists());
    }

    #[test]
    fn unsafe_or_unlisted_documents_are_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let (mut manifest, docs) = example();
        let src = dir.path().join("quelle");
        let file = docs[0].1.clone();

        let err = write(&src, &manifest, &[(String::from("documents/../x.pdf"), file.clone())]);
        assert!(matches!(err, Err(PackageError::UnsafePath(_))), "{err:?}");
        let mut extra = docs.clone();
        extra.push(("documents/extra.pdf".into(), file.clone()));
        let err = write(&src, &manifest, &extra).unwrap_err().to_string();
        assert!(err.contains("documents/extra.pdf ist im Manifest nicht aufgeführt"), "{err}");
        let err = write(&src, &manifest, &docs[1..]).unwrap_err().to_string();
        assert!(err.contains("ist keine Datei angegeben"), "{err}");
        manifest.documents[0].path = "documents/sub/x.pdf".into();
        let err = write(&src, &manifest, &[]);
        assert!(matches!(err, Err(PackageError::UnsafePath(_))), "{err:?}");
        assert!(!src.exists());
    }
}
