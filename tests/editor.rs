//! The Land's editor and the municipality's import apply the same rules: a manifest the editor
//! finds no issue with builds and imports, one it refuses is refused by the build and by the
//! import with the same message, and the review the editor shows before publishing is the one the
//! municipality gets.

use anbindungscheck::ags::Land;
use anbindungscheck::api::packages::{import_file, preview_file};
use anbindungscheck::catalogue::Catalogue;
use anbindungscheck::installed::ImportPreview;
use anbindungscheck::package::manifest::{Contact, Manifest};
use anbindungscheck::package::review::{review, ChangeArea, ChangeKind};
use anbindungscheck::package::{build, signing, source, PackageError};
use anbindungscheck::store::Store;
use ed25519_dalek::SigningKey;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::fixtures::day;
use crate::EXAMPLE;

fn catalogue() -> &'static Catalogue {
    Catalogue::builtin()
}

/// The example as the editor would hold it: its documents' files, sizes and checksums filled in.
fn example() -> (Manifest, Vec<(String, PathBuf)>) {
    let mut manifest = source::read(Path::new(EXAMPLE)).unwrap();
    let docs: Vec<_> = manifest
        .documents
        .iter()
        .map(|d| (d.path.clone(), Path::new(EXAMPLE).join(&d.path)))
        .collect();
    source::fill_documents(&mut manifest, &docs).unwrap();
    (manifest, docs)
}

/// Writes the source folder and builds it: what "Veröffentlichen" does.
fn publish(
    dir: &Path,
    name: &str,
    manifest: &Manifest,
    docs: &[(String, PathBuf)],
    key: &SigningKey,
) -> Result<PathBuf, PackageError> {
    let src = dir.join(format!("quelle-{name}"));
    source::write(&src, manifest, docs)?;
    let out = dir.join(format!("{name}.zip"));
    build::build(&src, key, &out, catalogue())?;
    Ok(out)
}

/// A package signed as it is, without the build's checks: what the import meets when someone
/// else's tool made it.
fn signed_as_is(
    dir: &Path,
    manifest: &Manifest,
    docs: &[(String, PathBuf)],
    key: &SigningKey,
) -> PathBuf {
    let mut bytes = serde_json::to_vec_pretty(manifest).unwrap();
    bytes.push(b'\n');
    let path = dir.join("ungeprueft.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("manifest.json", options).unwrap();
    zip.write_all(&bytes).unwrap();
    zip.start_file("manifest.sig", options).unwrap();
    zip.write_all(signing::sign(key, &bytes).as_bytes()).unwrap();
    for (name, file) in docs {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(&std::fs::read(file).unwrap()).unwrap();
    }
    zip.finish().unwrap();
    path
}

fn municipality(dir: &Path) -> Store {
    Store::open(&dir.join("kommune.sqlite")).unwrap()
}

#[test]
fn a_manifest_the_editor_accepts_builds_and_imports() {
    let dir = tempfile::tempdir().unwrap();
    let key = signing::generate().unwrap();
    let (manifest, docs) = example();
    assert_eq!(manifest.issues(catalogue()), []);
    let package = publish(dir.path(), "beispiel", &manifest, &docs, &key).unwrap();
    let mut store = municipality(dir.path());
    let trust = signing::fingerprint(&key.verifying_key());
    import_file(&mut store, &package, Some(&trust), &mut |_| {}).unwrap();
    assert_eq!(store.packages().unwrap()[0].manifest, manifest);

    // A new draft, once its re-use model is described, is a package as well (of the same Land:
    // a municipality takes only its own Land's packages).
    let mut draft =
        Manifest::new_draft(Land::from_code(3).unwrap(), "ni-entwurf", day("2027-01-15"));
    draft.reuse_model.description = "Nachnutzung über den FIT-Store.".into();
    draft.contacts.push(Contact {
        id: "koordination".into(),
        name: "Anna Huber".into(),
        role: "Kommunale OZG-Koordination".into(),
        organisation: None,
        email: Some("ozg@land.example".into()),
        phone: None,
        taskforce: false,
    });
    assert_eq!(draft.issues(catalogue()), []);
    let package = publish(dir.path(), "entwurf", &draft, &[], &key).unwrap();
    import_file(&mut store, &package, Some(&trust), &mut |_| {}).unwrap();
    assert_eq!(store.packages().unwrap().len(), 2);
}

#[test]
fn a_manifest_the_editor_refuses_is_refused_by_build_and_import_with_the_same_message() {
    type Change = fn(&mut Manifest);
    let cases: [(Change, &str); 4] = [
        (|m| m.valid_until = "2026-01-01".into(), "valid_until"),
        (|m| m.contacts[2].email = Some("anbindung(at)it.example".into()), "contacts.2.email"),
        (
            |m| m.costs[0].brackets[1].max_population = Some(5_000),
            "costs.0.brackets.1.max_population",
        ),
        (|m| m.checklist.additions[0].point = "9.9".into(), "checklist.additions.0.point"),
    ];
    let key = signing::generate().unwrap();
    let trust = signing::fingerprint(&key.verifying_key());
    for (change, field) in cases {
        let dir = tempfile::tempdir().unwrap();
        let (mut manifest, docs) = example();
        change(&mut manifest);
        let issues = manifest.issues(catalogue());
        assert_eq!(issues.len(), 1, "{field}: {issues:?}");
        assert_eq!(issues[0].field, field);
        let message = PackageError::from(issues[0].clone()).to_string();
        assert!(message.ends_with(&issues[0].message), "{message}");

        let built = publish(dir.path(), "paket", &manifest, &docs, &key).unwrap_err();
        assert_eq!(built.to_string(), message, "{field}: the build");
        let package = signed_as_is(dir.path(), &manifest, &docs, &key);
        let mut store = municipality(dir.path());
        let imported = import_file(&mut store, &package, Some(&trust), &mut |_| {}).unwrap_err();
        assert_eq!(imported.to_string(), message, "{field}: the import");
        assert!(store.packages().unwrap().is_empty());
    }
}

#[test]
fn the_editor_shows_the_review_the_municipality_gets() {
    let dir = tempfile::tempdir().unwrap();
    let key = signing::generate().unwrap();
    let (v1, docs) = example();
    let first = publish(dir.path(), "v1", &v1, &docs, &key).unwrap();
    let mut store = municipality(dir.path());
    let trust = signing::fingerprint(&key.verifying_key());
    import_file(&mut store, &first, Some(&trust), &mut |_| {}).unwrap();

    let mut v2 = v1.next_version(day("2027-03-01"));
    v2.checklist.additions[1].title = "Fragebogen des Landes bis Ende März beantworten".into();
    v2.contacts.retain(|c| c.id != "technik");
    assert_eq!(v2.issues(catalogue()), []);
    let shown = review(Some(&v1), &v2, catalogue()).unwrap();

    let second = publish(dir.path(), "v2", &v2, &docs, &key).unwrap();
    let preview = preview_file(&store, &second).unwrap();
    assert_eq!(
        ImportPreview::new(
            shown.clone(),
            preview.fingerprint.clone(),
            preview.key,
            preview.key_change.clone(),
            preview.revocations.clone(),
        ),
        preview
    );
    let changes: Vec<_> = shown.changes.iter().map(|c| (c.area, c.kind, c.id.as_str())).collect();
    assert_eq!(
        changes,
        [
            (ChangeArea::Aufgabe, ChangeKind::Changed, v2.checklist.additions[1].id.as_str()),
            (ChangeArea::Kontakt, ChangeKind::Removed, "technik"),
        ]
    );
}
