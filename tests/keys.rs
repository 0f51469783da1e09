//! The Land's keys as a municipality meets them: a new key endorsed by the trusted one is taken
//! over (and recorded in the history), hostile endorsements and revoked keys are refused with
//! the database unchanged, and revocations, imported on their own or with a package, make it
//! refuse a key for good.

use crate::EXAMPLE;
use anbindungscheck::ags::Land;
use anbindungscheck::api::packages::{import_file, import_revocation_file};
use anbindungscheck::audit::HistoryFilter;
use anbindungscheck::catalogue::Catalogue;
use anbindungscheck::installed::KeyStatus;
use anbindungscheck::package::build::{self, Extras};
use anbindungscheck::package::signing;
use anbindungscheck::package::statement::{Endorsement, Revocation, RevocationReason};
use anbindungscheck::store::Store;
use chrono::NaiveDate;
use ed25519_dalek::{Signer, SigningKey};
use std::io::Write;
use std::path::{Path, PathBuf};

fn key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

fn fp(seed: u8) -> String {
    signing::fingerprint(&key(seed).verifying_key())
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()
}

fn land(code: u8) -> Land {
    Land::from_code(code).unwrap()
}

/// `old` endorses `new` for `land`, signed by `signer`.
fn endorsement(old: u8, new: u8, land_code: u8, signer: u8) -> String {
    let e = Endorsement {
        land: land(land_code),
        old_key: key(old).verifying_key(),
        new_key: key(new).verifying_key(),
        date: day(),
    };
    if old == signer {
        return e.sign(&key(old));
    }
    let text = e.sign(&key(old));
    let body = &text[..text.rfind("signature: ").unwrap()];
    format!("{body}signature: {}\n", signing::hex(&key(signer).sign(body.as_bytes()).to_bytes()))
}

fn revocation(seed: u8) -> String {
    Revocation {
        land: land(3),
        key: key(seed).verifying_key(),
        date: day(),
        reason: RevocationReason::Kompromittiert,
    }
    .sign(&key(seed))
}

/// The example package in `version`, signed by `signer`, with `entries` added as they are
/// (unchecked, as an attacker would add them).
fn package(
    dir: &Path,
    name: &str,
    version: u32,
    signer: u8,
    entries: &[(&str, String)],
) -> PathBuf {
    let text = std::fs::read_to_string(format!("{EXAMPLE}/manifest.json")).unwrap();
    let mut manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
    manifest["version"] = version.into();
    let path = dir.join(name);
    let catalogue = Catalogue::builtin();
    build::build_with(
        Path::new(EXAMPLE),
        &manifest.to_string(),
        &key(signer),
        &Extras::default(),
        &path,
        catalogue,
    )
    .unwrap();
    let file = std::fs::OpenOptions::new().read(true).write(true).open(&path).unwrap();
    let mut zip = zip::ZipWriter::new_append(file).unwrap();
    for (entry, text) in entries {
        zip.start_file(*entry, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    path
}

/// Entries added to a package: name and text.
type Entries<'a> = Vec<(&'a str, String)>;

fn revocation_entry(seed: u8) -> String {
    format!("revocations/{}.txt", signing::normalize_fingerprint(&fp(seed)).to_lowercase())
}

/// A municipality that imported version 1 signed by key 7.
fn municipality(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("kommune.sqlite")).unwrap();
    let v1 = package(dir, "v1.zip", 1, 7, &[]);
    import_file(&mut store, &v1, Some(&fp(7)), &mut |_| {}).unwrap();
    store
}

fn history(store: &Store) -> Vec<(String, String, Option<String>, Option<String>)> {
    store
        .history(&HistoryFilter::default())
        .unwrap()
        .into_iter()
        .map(|e| (e.subject, e.field, e.old_value, e.new_value))
        .collect()
}

#[test]
fn a_new_key_endorsed_by_the_trusted_one_is_taken_over_and_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = municipality(dir.path());
    let without = package(dir.path(), "v2-ohne.zip", 2, 8, &[]);
    let err = import_file(&mut store, &without, None, &mut |_| {}).unwrap_err();
    assert_eq!(err.code(), "package_wrong_key");

    let entry = [("key-endorsement.txt", endorsement(7, 8, 3, 7))];
    let v2 = package(dir.path(), "v2.zip", 2, 8, &entry);
    let preview = anbindungscheck::api::packages::preview_file(&store, &v2).unwrap();
    assert_eq!(preview.key, KeyStatus::Endorsed);
    assert_eq!(
        preview.key_change.as_ref().unwrap().message,
        format!(
            "Das Land verwendet einen neuen Schlüssel. Der bisherige Schlüssel {} hat den neuen \
             Schlüssel {} am 01.05.2026 bestätigt.",
            fp(7),
            fp(8)
        )
    );
    let done = import_file(&mut store, &v2, None, &mut |_| {}).unwrap();
    assert_eq!(done.key, KeyStatus::Endorsed);
    let mut trusted = store.trusted_keys("03").unwrap();
    trusted.sort();
    let mut expected = vec![
        signing::public_hex(&key(7).verifying_key()),
        signing::public_hex(&key(8).verifying_key()),
    ];
    expected.sort();
    assert_eq!(trusted, expected);
    assert!(history(&store).contains(&(
        "Schlüssel des Landes Niedersachsen".to_owned(),
        "key_rotated".to_owned(),
        Some(fp(7)),
        Some(fp(8)),
    )));
    // From now on the new key is simply trusted, without an endorsement.
    let v3 = package(dir.path(), "v3.zip", 3, 8, &[]);
    assert_eq!(import_file(&mut store, &v3, None, &mut |_| {}).unwrap().key, KeyStatus::Trusted);
}

#[test]
fn hostile_endorsements_and_revocations_are_refused_and_leave_the_database_untouched() {
    let dir = tempfile::tempdir().unwrap();
    drop(municipality(dir.path()));
    let db = dir.path().join("kommune.sqlite");
    let before = std::fs::read(&db).unwrap();
    let tampered = endorsement(7, 8, 3, 7).replace("date: 2026-05-01", "date: 2026-05-02");
    let bad_revocation = revocation(5).replace("kompromittiert", "stillgelegt");
    let (entry5, entry6, entry7) = (revocation_entry(5), revocation_entry(6), revocation_entry(7));
    let cases: Vec<(&str, Entries, &str, &str)> = vec![
        ("no endorsement", vec![], "package_wrong_key", "vertrauenswürdigen"),
        (
            "endorsement for another Land",
            vec![("key-endorsement.txt", endorsement(7, 8, 9, 7))],
            "key_endorsement",
            "gilt für das Land Bayern",
        ),
        (
            "endorsement by an untrusted third key",
            vec![("key-endorsement.txt", endorsement(5, 8, 3, 5))],
            "key_endorsement",
            "nicht vertraut",
        ),
        (
            "old key named, signed by a third key",
            vec![("key-endorsement.txt", endorsement(7, 8, 3, 5))],
            "key_endorsement",
            "Signatur des bisherigen Schlüssels",
        ),
        (
            "tampered endorsement",
            vec![("key-endorsement.txt", tampered)],
            "key_endorsement",
            "verändert",
        ),
        (
            "endorsement of another new key",
            vec![("key-endorsement.txt", endorsement(7, 9, 3, 7))],
            "key_endorsement",
            "ist aber mit dem Schlüssel",
        ),
        (
            "endorsement by a key the package revokes",
            vec![("key-endorsement.txt", endorsement(7, 8, 3, 7)), (&entry7, revocation(7))],
            "key_revoked",
            "widerrufen",
        ),
        (
            "revocation with a bad signature",
            vec![(&entry5, bad_revocation)],
            "key_revocation",
            "Signatur stimmt nicht",
        ),
        (
            "revocation under another key's name",
            vec![(&entry6, revocation(5))],
            "key_revocation",
            "muss „revocations/",
        ),
    ];
    for (name, entries, code, expect) in cases {
        let pkg = package(dir.path(), "feindlich.zip", 2, 8, &entries);
        let mut store = Store::open(&db).unwrap();
        let err = import_file(&mut store, &pkg, Some(&fp(8)), &mut |_| {}).expect_err(name);
        assert_eq!(err.code(), code, "{name}: {err}");
        assert!(err.to_string().contains(expect), "{name}: {err}");
        drop(store);
        assert!(std::fs::read(&db).unwrap() == before, "{name}: database changed");
    }
    // A package signed by a revoked key, carrying its own revocation, is refused too.
    let own = [(entry7.as_str(), revocation(7))];
    let pkg = package(dir.path(), "selbst.zip", 2, 7, &own);
    let mut store = Store::open(&db).unwrap();
    let err = import_file(&mut store, &pkg, None, &mut |_| {}).unwrap_err();
    assert_eq!(err.code(), "key_revoked", "{err}");
    drop(store);
    assert!(std::fs::read(&db).unwrap() == before, "database changed");
}

#[test]
fn a_revoked_key_is_refused_for_good_and_a_bad_revocation_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = municipality(dir.path());
    let file = dir.path().join("widerruf.txt");
    std::fs::write(&file, revocation(7).replace("2026-05-01", "2026-04-01")).unwrap();
    let version = store.data_version().unwrap();
    let revoked_before = store.revoked_keys().unwrap();
    let err = import_revocation_file(&mut store, &file).unwrap_err();
    assert_eq!(err.code(), "key_revocation", "{err}");
    assert_eq!(store.revoked_keys().unwrap(), revoked_before);
    assert_eq!(store.data_version().unwrap(), version);
    assert!(history(&store).iter().all(|(_, field, _, _)| field != "key_revoked"));

    std::fs::write(&file, revocation(7)).unwrap();
    let done = import_revocation_file(&mut store, &file).unwrap();
    assert!(done.was_trusted && done.recorded);
    assert!(!import_revocation_file(&mut store, &file).unwrap().recorded, "recorded once");
    assert!(history(&store)
        .iter()
        .any(|(subject, field, _, new)| subject == "Schlüssel des Landes Niedersachsen"
            && field == "key_revoked"
            && new.as_deref().is_some_and(|v| v.starts_with(&fp(7)))));

    // The revoked key's packages and endorsements are refused, naming the day and the reason.
    let v2 = package(dir.path(), "v2.zip", 2, 7, &[]);
    let err = import_file(&mut store, &v2, None, &mut |_| {}).unwrap_err();
    assert_eq!(err.code(), "key_revoked");
    assert_eq!(
        err.to_string(),
        format!(
            "Der Schlüssel {} wurde vom Land Niedersachsen am 01.05.2026 widerrufen (Grund: \
             Schlüssel kompromittiert oder verloren). Pakete, die mit diesem Schlüssel signiert \
             sind, werden nicht mehr eingelesen; bitte wenden Sie sich an das Land.",
            fp(7)
        )
    );
    let entry = [("key-endorsement.txt", endorsement(7, 8, 3, 7))];
    let endorsed = package(dir.path(), "v2-neu.zip", 2, 8, &entry);
    let err = import_file(&mut store, &endorsed, Some(&fp(8)), &mut |_| {}).unwrap_err();
    assert_eq!(err.code(), "key_revoked");
    assert!(err.to_string().contains("Die Schlüsselbestätigung im Paket stammt"), "{err}");

    // With every trusted key revoked, a new key is confirmed like a Land's first one.
    let fresh = package(dir.path(), "v2-bestaetigt.zip", 2, 8, &[]);
    let err = import_file(&mut store, &fresh, None, &mut |_| {}).unwrap_err();
    assert_eq!(err.code(), "package_untrusted_key");
    assert!(err.to_string().contains("wurde widerrufen"), "{err}");
    let done = import_file(&mut store, &fresh, Some(&fp(8)), &mut |_| {}).unwrap();
    assert_eq!(done.key, KeyStatus::AfterRevocation);
    assert!(history(&store).contains(&(
        "Schlüssel des Landes Niedersachsen".to_owned(),
        "key_trusted".to_owned(),
        None,
        Some(fp(8)),
    )));

    // A revocation of a key nobody here knows is recorded, so that key is never trusted later.
    std::fs::write(&file, revocation(5)).unwrap();
    let unknown = import_revocation_file(&mut store, &file).unwrap();
    assert!(!unknown.was_trusted && unknown.recorded);
    assert_eq!(store.revoked_keys().unwrap().len(), 2);
}

#[test]
fn a_package_brings_revocations_the_municipality_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = municipality(dir.path());
    let pkg = package(dir.path(), "v2.zip", 2, 7, &[(&revocation_entry(5), revocation(5))]);
    let done = import_file(&mut store, &pkg, None, &mut |_| {}).unwrap();
    assert_eq!(done.revocations.len(), 1);
    assert_eq!(done.revocations[0].fingerprint, fp(5));
    let revoked = store.revoked_keys().unwrap();
    assert_eq!(revoked.len(), 1);
    assert_eq!(revoked[0].certificate, revocation(5));
}
