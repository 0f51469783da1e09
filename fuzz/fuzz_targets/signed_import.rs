//! The fuzzer's input as the manifest of a package signed by a trusted key, with the example's
//! documents, imported into a database. Every import answers with a result, never a panic, and a
//! refused one leaves no package behind.

#![no_main]

use anbindungscheck::package::signing;
use anbindungscheck::store::Store;
use ed25519_dalek::SigningKey;
use libfuzzer_sys::fuzz_target;
use std::io::Write;
use std::path::Path;

const DOCUMENTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/paket-vergabe/documents");

fn package(manifest: &[u8], key: &SigningKey) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("manifest.json", options).unwrap();
    zip.write_all(manifest).unwrap();
    zip.start_file("manifest.sig", options).unwrap();
    zip.write_all(signing::sign(key, manifest).as_bytes()).unwrap();
    for entry in std::fs::read_dir(DOCUMENTS).unwrap() {
        let entry = entry.unwrap();
        zip.start_file(format!("documents/{}", entry.file_name().to_string_lossy()), options)
            .unwrap();
        zip.write_all(&std::fs::read(entry.path()).unwrap()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fuzz_target!(|data: &[u8]| {
    let key = SigningKey::from_bytes(&[5; 32]);
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("paket.zip");
    std::fs::write(&pkg, package(data, &key)).unwrap();
    let mut store = Store::open(&dir.path().join("kommune.sqlite")).unwrap();
    let trust = signing::fingerprint(&key.verifying_key());
    if anbindungscheck::api::packages::import_file(
        &mut store,
        Path::new(&pkg),
        Some(&trust),
        &mut |_| {},
    )
    .is_err()
    {
        assert!(store.packages().unwrap().is_empty(), "a refused import left a package");
    }
});
