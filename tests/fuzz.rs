//! Mutation fuzzing of the two ways hostile data comes in: the manifest parser (any text) and
//! the whole import path (any bytes as a package file, and signed packages whose manifest is
//! mutated, so that the checks behind the signature are reached too). Every input must be
//! answered with a result, never a panic, and a refused import must leave the database as it was.
//!
//! `make test` runs a bounded number of cases; `FUZZ_CASES=100000 cargo test --release -p
//! anbindungscheck --test integration fuzz` runs longer (docs/security.md). `FUZZ_SEED` repeats a
//! run.

use anbindungscheck::catalogue::Catalogue;
use anbindungscheck::package::{archive, build, signing};
use anbindungscheck::store::Store;

use crate::fixtures::Rng;
use crate::EXAMPLE;
use ed25519_dalek::SigningKey;
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;
use zip::write::SimpleFileOptions;

fn cases(default: u64) -> u64 {
    std::env::var("FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

/// Tokens that make JSON and ZIP parsers take unusual paths.
const TOKENS: &[&[u8]] = &[
    b"\"",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"null",
    b"-1",
    b"1e309",
    b"4294967296",
    b"\"\\u0000\"",
    b"\"../../etc/passwd\"",
    b"\"documents/../x\"",
    b"\xC3\x28",
    b"\xEF\xBB\xBF",
    b"<script>alert(1)</script>",
    b"\"\\ud800\"",
    b"PK\x03\x04",
    b"PK\x01\x02",
    b"PK\x05\x06",
    b"\xFF\xFF\xFF\xFF",
    b"\x00\x00\x00\x00",
];

/// One to four random mutations: flip, overwrite, delete, duplicate, insert a token, truncate.
fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=rng.below(4) {
        if out.is_empty() {
            out.push(b'{');
        }
        let at = rng.below(out.len());
        match rng.below(6) {
            0 => out[at] ^= 1 << rng.below(8),
            1 => out[at] = rng.next() as u8,
            2 => {
                let len = rng.below(64).min(out.len() - at);
                out.drain(at..at + len);
            }
            3 => {
                let len = rng.below(256).min(out.len() - at);
                let chunk = out[at..at + len].to_vec();
                out.splice(at..at, chunk);
            }
            4 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                out.splice(at..at, token.iter().copied());
            }
            _ => out.truncate(at),
        }
    }
    out
}

/// A structure-aware mutation: one value somewhere in the JSON is replaced by an awkward one,
/// removed from its object, or duplicated in its array.
fn mutate_json(rng: &mut Rng, value: &mut Value) {
    let children = match value {
        Value::Object(map) => map.len(),
        Value::Array(list) => list.len(),
        _ => 0,
    };
    if children > 0 && rng.below(4) != 0 {
        let i = rng.below(children);
        match value {
            Value::Object(map) => {
                if rng.below(8) == 0 {
                    let key = map.keys().nth(i).cloned().unwrap();
                    map.remove(&key);
                } else {
                    mutate_json(rng, map.values_mut().nth(i).unwrap());
                }
            }
            Value::Array(list) => {
                if rng.below(8) == 0 {
                    let copy = list[i].clone();
                    list.insert(i, copy);
                } else {
                    mutate_json(rng, &mut list[i]);
                }
            }
            _ => unreachable!(),
        }
        return;
    }
    let awkward = [
        json!(null),
        json!(""),
        json!("x".repeat(20_000)),
        json!("documents/../../x.pdf"),
        json!("<img src=x onerror=alert(1)>"),
        json!("\u{202E}gnp.exe"),
        json!(-1),
        json!(u64::MAX),
        json!(1e300),
        json!(true),
        json!([]),
        json!({}),
        json!("2027-02-30"),
        json!("09162000"),
    ];
    *value = awkward[rng.below(awkward.len())].clone();
}

#[test]
fn the_manifest_parser_answers_every_mutated_manifest() {
    let seed = Rng::seed_from_env("FUZZ_SEED");
    let mut rng = Rng::new(seed);
    let dir = tempfile::tempdir().unwrap();
    let (_, original) = built(dir.path());
    let value: Value = serde_json::from_slice(&original).unwrap();
    let catalogue = Catalogue::builtin();
    let (mut parsed, mut valid) = (0, 0);
    for case in 0..cases(3_000) {
        let bytes = if case % 2 == 0 {
            mutate(&mut rng, &original)
        } else {
            let mut value = value.clone();
            mutate_json(&mut rng, &mut value);
            serde_json::to_vec(&value).unwrap()
        };
        let Ok(text) = std::str::from_utf8(&bytes) else { continue };
        let result = std::panic::catch_unwind(|| {
            archive::parse_manifest(text).map(|m| m.validate(catalogue).is_ok())
        });
        match result {
            Err(_) => panic!("case {case} (FUZZ_SEED={seed}) panicked on {text:?}"),
            Ok(Ok(ok)) => {
                parsed += 1;
                valid += usize::from(ok);
            }
            Ok(Err(e)) => assert!(!e.to_string().is_empty()),
        }
    }
    println!("FUZZ_SEED={seed}: {parsed} parsed, {valid} valid");
}

fn signing_key() -> SigningKey {
    SigningKey::from_bytes(&[5; 32])
}

/// The example package, built and signed: its bytes and its manifest's.
fn built(dir: &Path) -> (Vec<u8>, Vec<u8>) {
    let path = dir.join("paket.zip");
    build::build(Path::new(EXAMPLE), &signing_key(), &path, Catalogue::builtin()).unwrap();
    let opened = archive::open(&path, &Default::default(), Catalogue::builtin()).unwrap();
    (std::fs::read(&path).unwrap(), opened.manifest_bytes)
}

/// A ZIP with the given manifest bytes, signed by `key`, and the example's documents.
fn signed_package(manifest: &[u8], key: &SigningKey) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    zip.start_file("manifest.json", options).unwrap();
    zip.write_all(manifest).unwrap();
    zip.start_file("manifest.sig", options).unwrap();
    zip.write_all(signing::sign(key, manifest).as_bytes()).unwrap();
    for entry in std::fs::read_dir(format!("{EXAMPLE}/documents")).unwrap() {
        let entry = entry.unwrap();
        let name = format!("documents/{}", entry.file_name().to_string_lossy());
        zip.start_file(name, options).unwrap();
        zip.write_all(&std::fs::read(entry.path()).unwrap()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Everything the import could have written: the rows of every table and the files beside.
fn snapshot(store: &Store, dir: &Path) -> (String, usize) {
    let packages = serde_json::to_string(&store.packages().unwrap()).unwrap();
    let checklist = serde_json::to_string(&store.checklist().unwrap()).unwrap();
    let files = walk(dir);
    (packages + &checklist, files)
}

fn walk(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries.flatten().map(|e| if e.path().is_dir() { walk(&e.path()) } else { 1 }).sum()
        })
        .unwrap_or(0)
}

#[test]
fn the_import_path_answers_every_mutated_package_and_refusals_change_nothing() {
    let seed = Rng::seed_from_env("FUZZ_SEED");
    let mut rng = Rng::new(seed);
    let dir = tempfile::tempdir().unwrap();
    let key = signing_key();
    let fingerprint = signing::fingerprint(&key.verifying_key());
    let (package, manifest) = built(dir.path());

    let manifest_value: Value = serde_json::from_slice(&manifest).unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let mut store = Store::open(&data.join("kommune.sqlite")).unwrap();
    let target = dir.path().join("fuzz.zip");
    let (mut imported, mut refused) = (0, 0);
    for case in 0..cases(240) {
        // A third of the cases mutate the raw file (stopped at the signature or the ZIP checks),
        // the others mutate the manifest, as bytes or as JSON values, and sign it again
        // (reaching parsing, validation, extraction and the database).
        let bytes = match case % 3 {
            0 => mutate(&mut rng, &package),
            1 => signed_package(&mutate(&mut rng, &manifest), &key),
            _ => {
                let mut value = manifest_value.clone();
                for _ in 0..=rng.below(3) {
                    mutate_json(&mut rng, &mut value);
                }
                signed_package(&serde_json::to_vec_pretty(&value).unwrap(), &key)
            }
        };
        std::fs::write(&target, &bytes).unwrap();
        let before = snapshot(&store, &data);
        let result = std::panic::AssertUnwindSafe(|| {
            let _ = anbindungscheck::api::packages::preview_file(&store, &target);
            anbindungscheck::api::packages::import_file(
                &mut store,
                &target,
                Some(&fingerprint),
                &mut |_| {},
            )
        });
        match std::panic::catch_unwind(result) {
            Err(_) => panic!("case {case} (FUZZ_SEED={seed}) panicked"),
            Ok(Ok(_)) => imported += 1,
            Ok(Err(e)) => {
                refused += 1;
                assert!(!e.to_string().is_empty());
                assert!(
                    snapshot(&store, &data) == before,
                    "case {case} (FUZZ_SEED={seed}): a refused import changed the store: {e}"
                );
            }
        }
    }
    println!("FUZZ_SEED={seed}: {imported} imported, {refused} refused");
    assert!(refused > 0);
}
