//! Information packages: the example round trip, a hostile corpus that the tests generate
//! themselves (each package refused with its own message, the database byte-identical), and the
//! update review.

use crate::EXAMPLE;
use anbindungscheck::installed::{Decision, ImportAction, KeyStatus, ServiceDecision};
use anbindungscheck::package::archive::Limits;
use anbindungscheck::package::review::{ChangeArea, ChangeKind};
use anbindungscheck::package::{build, signing};
use anbindungscheck::progress::{ItemState, Status};
use anbindungscheck::{store::Store, Error};
use ed25519_dalek::SigningKey;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;

/// Documents of a package: path and content.
type Docs = Vec<(String, Vec<u8>)>;

fn key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

fn fingerprint(key: &SigningKey) -> String {
    signing::fingerprint(&key.verifying_key())
}

fn no_progress() -> impl FnMut(anbindungscheck::package::archive::Progress) {
    |_| {}
}

/// The example's manifest source and documents.
fn example() -> (Value, Docs) {
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{EXAMPLE}/manifest.json")).unwrap())
            .unwrap();
    let docs = manifest["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap().to_owned();
            let bytes = std::fs::read(format!("{EXAMPLE}/{path}")).unwrap();
            (path, bytes)
        })
        .collect();
    (manifest, docs)
}

/// Fills in sizes and hashes of the documents listed in the manifest.
fn fill_hashes(manifest: &mut Value, docs: &[(String, Vec<u8>)]) {
    for d in manifest["documents"].as_array_mut().unwrap() {
        if let Some((_, bytes)) = docs.iter().find(|(p, _)| p == d["path"].as_str().unwrap()) {
            d["size"] = json!(bytes.len());
            d["sha256"] = json!(signing::hex(&Sha256::digest(bytes)));
        }
    }
}

/// A package as raw parts, to be zipped as it is (hostile cases change the parts).
struct Parts {
    entries: Vec<(String, Vec<u8>)>,
    symlinks: Vec<String>,
}

impl Parts {
    /// A correctly signed package of `manifest` and `docs`.
    fn signed(manifest: &Value, docs: &[(String, Vec<u8>)], key: &SigningKey) -> Parts {
        let mut manifest = manifest.clone();
        fill_hashes(&mut manifest, docs);
        let bytes = serde_json::to_vec_pretty(&manifest).unwrap();
        Parts::with_manifest_bytes(bytes, docs, key)
    }

    fn with_manifest_bytes(bytes: Vec<u8>, docs: &[(String, Vec<u8>)], key: &SigningKey) -> Parts {
        let sig = signing::sign(key, &bytes);
        let mut entries = vec![
            ("manifest.json".to_owned(), bytes),
            ("manifest.sig".to_owned(), sig.into_bytes()),
        ];
        entries.extend(docs.iter().cloned());
        Parts { entries, symlinks: Vec::new() }
    }

    fn zip(&self) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in &self.entries {
            zip.start_file(name.as_str(), options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        for name in &self.symlinks {
            zip.add_symlink(name.as_str(), "/etc/passwd", options).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }
}

/// Replaces every occurrence of `from` by `to` (same length) in raw ZIP bytes.
fn patch(bytes: &mut [u8], from: &[u8], to: &[u8]) {
    assert_eq!(from.len(), to.len());
    let mut found = false;
    for i in 0..bytes.len().saturating_sub(from.len()) {
        if &bytes[i..i + from.len()] == from {
            bytes[i..i + from.len()].copy_from_slice(to);
            found = true;
        }
    }
    assert!(found, "pattern not found");
}

/// Sets a 16- or 32-bit field in every local and central header of the entry named `name`.
fn patch_headers(
    bytes: &mut [u8],
    name: &str,
    local_offset: usize,
    central_offset: usize,
    value: &[u8],
) {
    let name = name.as_bytes();
    for i in 0..bytes.len().saturating_sub(46) {
        let sig: [u8; 4] = bytes[i..i + 4].try_into().unwrap();
        if sig == [0x50, 0x4b, 0x03, 0x04] && bytes[i + 30..].starts_with(name) {
            bytes[i + local_offset..i + local_offset + value.len()].copy_from_slice(value);
        }
        if sig == [0x50, 0x4b, 0x01, 0x02] && bytes[i + 46..].starts_with(name) {
            bytes[i + central_offset..i + central_offset + value.len()].copy_from_slice(value);
        }
    }
}

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
    dir: PathBuf,
}

fn db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kommune.sqlite");
    let p = dir.path().to_owned();
    Db { _dir: dir, path, dir: p }
}

fn write_pkg(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn example_round_trip_build_verify_import_and_read_back() {
    let d = db();
    let land = key(7);
    let pkg = d.dir.join("paket.zip");
    let built = build::build(
        Path::new(EXAMPLE),
        &land,
        &pkg,
        anbindungscheck::catalogue::Catalogue::builtin(),
    )
    .unwrap();
    assert_eq!(built.fingerprint, fingerprint(&land));
    assert!(built.manifest.documents.iter().all(|d| d.size > 0 && d.sha256.len() == 64));

    let mut store = Store::open(&d.path).unwrap();
    // A second connection, as the app has while the command line tool imports.
    let app = Store::open(&d.path).unwrap();
    assert!(app.catalogue().unwrap().item("ni-fragebogen").is_none());
    let preview = anbindungscheck::api::packages::preview_file(&store, &pkg).unwrap();
    assert_eq!(preview.key, KeyStatus::FirstOfLand);
    assert_eq!(preview.action, ImportAction::New);
    assert_eq!(preview.land, "Niedersachsen");
    let mut seen = Vec::new();
    let done = anbindungscheck::api::packages::import_file(
        &mut store,
        &pkg,
        Some(&fingerprint(&land).to_lowercase()),
        &mut |p| seen.push(p),
    )
    .unwrap();
    assert_eq!(done.documents, 3);
    let last = seen.last().unwrap();
    assert_eq!(last.done, last.total, "progress reaches the end");
    // The other connection sees the package without being reopened.
    assert!(app.catalogue().unwrap().item("ni-fragebogen").is_some());
    assert_eq!(app.packages().unwrap().len(), 1);
    drop(app);

    let packages = store.packages().unwrap();
    assert_eq!(packages.len(), 1);
    let p = &packages[0];
    let m = &p.manifest;
    assert_eq!(m.services.len(), 3);
    assert_eq!(m.services[0].leika, ["99001001000000"]);
    assert_eq!(m.contacts.iter().filter(|c| c.taskforce).count(), 2);
    assert_eq!(m.events.len(), 2);
    assert_eq!(m.municipalities.len(), 2);
    assert_eq!(m.fachverfahren.len(), 2);
    assert_eq!(m.costs[0].brackets.len(), 4);
    assert_eq!(p.documents.len(), 3);
    for doc in &p.documents {
        let file = store.document_file(&m.id, &doc.path).unwrap();
        let bytes = std::fs::read(&file).unwrap();
        assert_eq!(signing::hex(&Sha256::digest(&bytes)), doc.sha256);
        assert_eq!(bytes, std::fs::read(format!("{EXAMPLE}/{}", doc.path)).unwrap());
    }
    assert!(store.document_file(&m.id, "documents/../../etc/passwd").is_err());

    let checklist = store.checklist().unwrap();
    let added = checklist.entries.iter().find(|e| e.item.id == "ni-fragebogen").unwrap();
    assert_eq!(added.item.package.as_deref(), Some("ni-vergabe-kommunen"));
    assert_eq!(added.item.deadline.as_deref(), Some("2027-02-28"));
    let guided = checklist.entries.iter().find(|e| e.item.id == "finanzierung-kosten").unwrap();
    assert!(guided.guidance[0].text.contains("Kostenstaffel"));
    // The added municipal items count towards readiness.
    let status = store.status("2027-01-01".parse().unwrap()).unwrap();
    assert_eq!(status.overall.applicable, 27);

    // Decisions and attendance are stored and audited.
    store
        .set_service_decision(
            &m.id,
            "praequalifizierung",
            &ServiceDecision {
                decision: Decision::Ja,
                reason: Some("Vergabestelle nutzt PQ".into()),
            },
        )
        .unwrap();
    store.set_event_attended(&m.id, "info-2027-01", true).unwrap();
    assert!(store.set_event_attended(&m.id, "gibt-es-nicht", true).is_err());
    let p = &store.packages().unwrap()[0];
    assert_eq!(p.decisions["praequalifizierung"].decision, Decision::Ja);
    assert_eq!(p.attended, ["info-2027-01"]);

    // The same version again changes nothing.
    drop(store);
    let before = std::fs::read(&d.path).unwrap();
    let mut store = Store::open(&d.path).unwrap();
    let again =
        anbindungscheck::api::packages::import_file(&mut store, &pkg, None, &mut no_progress())
            .unwrap();
    assert_eq!(again.action, ImportAction::Unchanged);
    drop(store);
    assert!(std::fs::read(&d.path).unwrap() == before, "database changed");
}

/// One hostile case: the package bytes, how to import it, and what the message must say.
struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    trust: bool,
    limits: Limits,
    expect: &'static str,
}

fn case(name: &'static str, bytes: Vec<u8>, expect: &'static str) -> Case {
    Case { name, bytes, trust: true, limits: Limits::default(), expect }
}

fn hostile_corpus() -> Vec<Case> {
    let k = key(7);
    let (manifest, docs) = example();
    let good = || Parts::signed(&manifest, &docs, &k);
    let with = |change: &dyn Fn(&mut Value)| {
        let mut m = manifest.clone();
        change(&mut m);
        Parts::signed(&m, &docs, &k).zip()
    };
    let with_docs = |change: &dyn Fn(&mut Value, &mut Docs)| {
        let (mut m, mut d) = (manifest.clone(), docs.clone());
        change(&mut m, &mut d);
        Parts::signed(&m, &d, &k).zip()
    };
    let mut cases = Vec::new();

    let mut p = good();
    p.entries.push(("documents/../../evil.txt".into(), b"x".to_vec()));
    cases.push(case("zip slip", p.zip(), "„..“"));
    let mut p = good();
    p.entries.push(("/etc/cron.d/evil".into(), b"x".to_vec()));
    cases.push(case("absolute path", p.zip(), "absoluten Pfad"));
    let mut p = good();
    p.entries.push(("C:\\Windows\\evil.dll".into(), b"x".to_vec()));
    cases.push(case("windows drive path", p.zip(), "absoluten Pfad"));
    let mut p = good();
    p.symlinks.push("documents/link.pdf".into());
    cases.push(case("symlink entry", p.zip(), "symbolischer Link"));

    let zeros = vec![0u8; 20 << 20];
    cases.push(case(
        "zip bomb by ratio",
        with_docs(&|m, d| {
            m["documents"].as_array_mut().unwrap().push(json!({"path": "documents/nullen.txt", "title": "Nullen", "media_type": "text/plain"}));
            d.push(("documents/nullen.txt".into(), zeros.clone()));
        }),
        "ZIP-Bombe",
    ));
    let noise: Vec<u8> =
        (0..400_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let mut total = case(
        "zip bomb by total size",
        with_docs(&|m, d| {
            for n in 0..3 {
                let path = format!("documents/teil{n}.txt");
                m["documents"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"path": path, "title": "Teil", "media_type": "text/plain"}));
                d.push((path, noise.clone()));
            }
        }),
        "das Paket (entpackt)",
    );
    total.limits.total_bytes = 1_000_000;
    cases.push(total);

    // Lying size header: the central directory and local header claim fewer bytes than the
    // entry really holds, and the (signed) manifest agrees with the lie.
    let mut bytes = with_docs(&|m, d| {
        let real = d[2].1.clone();
        d[2].1.truncate(10);
        fill_hashes(m, d);
        d[2].1 = real;
        // keep the manifest's small size and hash; the entry gets the real content
        m["documents"][2]["size"] = json!(10);
    });
    patch_headers(&mut bytes, "documents/anbindungsleitfaden.txt", 22, 24, &10u32.to_le_bytes());
    cases.push(case("lying size header", bytes, "anbindungsleitfaden.txt"));

    let mut bytes = {
        let mut p = good();
        p.entries.push(("documents/kostenstaffel.csX".into(), b"Einwohner;Betrag\n1;2\n".to_vec()));
        p.zip()
    };
    patch(&mut bytes, b"documents/kostenstaffel.csX", b"documents/kostenstaffel.csv");
    cases.push(case("duplicate names", bytes, "mehrfach"));

    let mut bytes = good().zip();
    patch_headers(&mut bytes, "documents/kostenstaffel.csv", 6, 8, &[0x09, 0x08]);
    cases.push(case("encrypted entry", bytes, "verschlüsselt"));

    // bzip2 (method 12) instead of Deflate.
    let mut bytes = good().zip();
    patch_headers(&mut bytes, "documents/kostenstaffel.csv", 8, 10, &12u16.to_le_bytes());
    cases.push(case(
        "unsupported compression",
        bytes,
        "„documents/kostenstaffel.csv“ ist mit einem Verfahren gepackt, das nicht angenommen wird",
    ));

    let mut p = good();
    p.entries.push(("documents/extra.exe".into(), b"MZ".to_vec()));
    cases.push(case("undeclared extra file", p.zip(), "nicht aufgeführt"));
    let mut p = good();
    p.entries.retain(|(n, _)| n != "documents/kostenstaffel.csv");
    cases.push(case("missing document", p.zip(), "fehlt „documents/kostenstaffel.csv“"));
    let mut p = good();
    p.entries.iter_mut().find(|(n, _)| n == "documents/kostenstaffel.csv").unwrap().1[0] ^= 1;
    cases.push(case("tampered document", p.zip(), "wurde verändert"));
    let mut p = good();
    let manifest_entry = &mut p.entries[0].1;
    let pos = manifest_entry.windows(6).position(|w| w == b"Dr. J").map(|i| i + 4).unwrap_or(100);
    manifest_entry[pos] = b'X';
    cases.push(case("tampered manifest", p.zip(), "Signatur des Manifests ist ungültig"));
    let mut p = good();
    p.entries.retain(|(n, _)| n != "manifest.sig");
    cases.push(case("missing signature", p.zip(), "fehlt „manifest.sig“"));
    let mut p = good();
    p.entries[1].1 = b"anbindungscheck-signature-v1\nkey: 00\nsignature: 00\n".to_vec();
    cases.push(case("malformed signature", p.zip(), "manifest.sig ist beschädigt"));
    let mut untrusted = case("unconfirmed first key", good().zip(), "das erste von Niedersachsen");
    untrusted.trust = false;
    cases.push(untrusted);

    cases.push(case(
        "unknown format version",
        with(&|m| m["format"] = json!("anbindungscheck.package/9")),
        "„anbindungscheck.package/9“",
    ));
    let invalid_utf8 =
        Parts::with_manifest_bytes(b"{\"format\": \"\xff\xfe\"}".to_vec(), &docs, &k).zip();
    cases.push(case("invalid UTF-8", invalid_utf8, "kein gültiger UTF-8-Text"));
    let malformed = Parts::with_manifest_bytes(
        b"{\"format\": \"anbindungscheck.package/1\",".to_vec(),
        &docs,
        &k,
    )
    .zip();
    cases.push(case("malformed JSON", malformed, "Manifest ist fehlerhaft"));
    let mut huge = serde_json::to_vec(&manifest).unwrap();
    huge.extend(std::iter::repeat_n(b' ', 5 << 20));
    cases.push(case(
        "oversized JSON",
        Parts::with_manifest_bytes(huge, &docs, &k).zip(),
        "„manifest.json“ ist zu groß",
    ));
    cases.push(case(
        "negative version",
        with(&|m| m["version"] = json!(-1)),
        "ungültiger Wert: die Zahl -1 statt einer ganzen Zahl ab 0",
    ));
    cases.push(case(
        "unknown field",
        with(&|m| m["html"] = json!("<b>fett</b>")),
        "unbekanntes Feld „html“",
    ));
    cases.push(case(
        "wrong Land code",
        with(&|m| m["land"]["code"] = json!("17")),
        "„17“ ist kein Länderschlüssel",
    ));
    cases.push(case(
        "Land name does not match code",
        with(&|m| m["land"]["name"] = json!("Bayern")),
        "gehört zu Niedersachsen",
    ));
    cases.push(case(
        "dangling guidance reference",
        with(&|m| m["checklist"]["guidance"][0]["item"] = json!("gibt-es-nicht")),
        "Aufgabe „gibt-es-nicht“",
    ));
    cases.push(case(
        "dangling document reference",
        with(&|m| m["reuse_model"]["document"] = json!("documents/fehlt.pdf")),
        "„documents/fehlt.pdf“",
    ));
    cases.push(case(
        "dangling service reference",
        with(&|m| m["municipalities"][0]["services"] = json!(["unbekannt"])),
        "Onlinedienst „unbekannt“",
    ));
    cases.push(case(
        "duplicate service IDs",
        with(&|m| m["services"][1]["id"] = json!("praequalifizierung")),
        "mehrfach",
    ));
    cases.push(case(
        "invalid date",
        with(&|m| m["valid_until"] = json!("2027-02-30")),
        "„2027-02-30“",
    ));
    cases.push(case(
        "valid until before issue",
        with(&|m| m["valid_until"] = json!("2026-01-01")),
        "vor dem Ausgabedatum",
    ));
    cases.push(case(
        "document in a subfolder",
        with_docs(&|m, d| {
            m["documents"][1]["path"] = json!("documents/sub/kosten.csv");
            d[1].0 = "documents/sub/kosten.csv".into();
        }),
        "keine Unterordner",
    ));
    cases.push(case(
        "HTML document",
        with_docs(&|m, d| {
            m["documents"][1]["path"] = json!("documents/kosten.html");
            m["documents"][1]["media_type"] = json!("text/html");
            d[1].0 = "documents/kosten.html".into();
        }),
        "„text/html“ ist nicht erlaubt",
    ));
    cases.push(case(
        "bidi override in a title",
        with(&|m| m["title"] = json!("Paket \u{202E}fdp.exe")),
        "Steuerzeichen",
    ));
    cases.push(case(
        "javascript link",
        with(&|m| m["events"][0]["online_url"] = json!("javascript:alert(1)")),
        "https://",
    ));
    cases.push(case(
        "item ID of the built-in checklist",
        with(&|m| m["checklist"]["additions"][0]["id"] = json!("datenschutz-avv")),
        "Grundcheckliste",
    ));
    cases.push(case(
        "LeiKa key as number",
        with(&|m| m["services"][0]["leika"] = json!([99001001000000u64])),
        "Manifest ist fehlerhaft",
    ));
    cases.push(case(
        "not a zip",
        b"%PDF-1.7 this is not a package".to_vec(),
        "kein gültiges ZIP-Archiv",
    ));
    cases.push(case("empty file", Vec::new(), "Die Datei ist leer"));
    let mut p = good();
    for i in 0..300 {
        p.entries.push((format!("documents/f{i}.txt"), Vec::new()));
    }
    cases.push(case("too many entries", p.zip(), "zu viele Einträge"));
    cases
}

#[test]
fn hostile_packages_are_refused_with_their_own_message_and_leave_the_database_untouched() {
    let d = db();
    {
        let mut store = Store::open(&d.path).unwrap();
        store
            .set_profile(&anbindungscheck::profile::ProfileInput {
                name: "Gemeinde Musterstadt".into(),
                ags: "03241002".into(),
                ..Default::default()
            })
            .unwrap();
    }
    let before = std::fs::read(&d.path).unwrap();
    let cases = hostile_corpus();
    assert!(cases.len() >= 25, "{} cases", cases.len());
    let mut messages = std::collections::HashSet::new();
    for c in cases {
        let pkg = write_pkg(&d.dir, "hostile.zip", &c.bytes);
        let mut store = Store::open(&d.path).unwrap();
        let trust = c.trust.then(|| fingerprint(&key(7)));
        let err = anbindungscheck::api::packages::import_file_with(
            &mut store,
            &pkg,
            trust.as_deref(),
            &c.limits,
            &mut no_progress(),
        )
        .err()
        .unwrap_or_else(|| panic!("{}: accepted", c.name));
        let message = err.to_string();
        assert!(
            message.contains(c.expect),
            "{}: {message:?} should contain {:?}",
            c.name,
            c.expect
        );
        assert!(err.code().as_str().starts_with("package_"), "{}: code {}", c.name, err.code());
        assert!(messages.insert(message.clone()), "{}: message not distinct: {message}", c.name);
        drop(store);
        assert!(std::fs::read(&d.path).unwrap() == before, "{}: database changed", c.name);
        let leftovers: Vec<_> = std::fs::read_dir(d.dir.join("kommune-documents"))
            .map(|r| r.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default();
        assert!(leftovers.is_empty(), "{}: files left behind: {leftovers:?}", c.name);
    }
}

fn import(
    store: &mut Store,
    manifest: &Value,
    docs: &[(String, Vec<u8>)],
    key: &SigningKey,
    dir: &Path,
) -> anbindungscheck::Result<anbindungscheck::installed::ImportPreview> {
    let pkg = write_pkg(dir, "paket.zip", &Parts::signed(manifest, docs, key).zip());
    anbindungscheck::api::packages::import_file(
        store,
        &pkg,
        Some(&fingerprint(key)),
        &mut no_progress(),
    )
}

#[test]
fn trust_is_per_land_and_later_packages_need_a_trusted_key() {
    let d = db();
    let mut store = Store::open(&d.path).unwrap();
    let (manifest, docs) = example();
    let pkg = write_pkg(&d.dir, "a.zip", &Parts::signed(&manifest, &docs, &key(7)).zip());
    let err = anbindungscheck::api::packages::import_file(
        &mut store,
        &pkg,
        Some("0000 1111"),
        &mut no_progress(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "package_wrong_key");
    assert!(err.to_string().contains("passt nicht"), "{err}");
    import(&mut store, &manifest, &docs, &key(7), &d.dir).unwrap();

    // A newer version signed by another key of the same Land is refused, even with --trust.
    let mut v2 = manifest.clone();
    v2["version"] = json!(2);
    let err = import(&mut store, &v2, &docs, &key(8), &d.dir).unwrap_err();
    assert!(
        matches!(err, Error::Package(anbindungscheck::package::PackageError::WrongKey { .. })),
        "{err}"
    );
    assert!(err
        .to_string()
        .contains("nicht mit einem vertrauenswürdigen Schlüssel des Landes Niedersachsen"));

    // Older versions are refused; a reused version number with other content too.
    import(&mut store, &v2, &docs, &key(7), &d.dir).unwrap();
    let err = import(&mut store, &manifest, &docs, &key(7), &d.dir).unwrap_err();
    assert_eq!(err.code(), "package_older");
    let mut same = v2.clone();
    same["title"] = json!("Anderer Titel");
    let err = import(&mut store, &same, &docs, &key(7), &d.dir).unwrap_err();
    assert_eq!(err.code(), "package_older");
    assert!(err.to_string().starts_with("Version 2 des Pakets „ni-vergabe-kommunen“"), "{err}");
    assert!(err.to_string().contains("höhere Versionsnummer"), "{err}");
}

#[test]
fn update_review_carries_progress_flags_changes_and_archives_removed_items() {
    let d = db();
    let mut store = Store::open(&d.path).unwrap();
    let (v1, docs) = example();
    let k = key(7);
    import(&mut store, &v1, &docs, &k, &d.dir).unwrap();
    let done = |note: &str| ItemState {
        status: Status::Erledigt,
        note: Some(note.into()),
        ..Default::default()
    };
    store.set_item("ni-fragebogen", &done("Fragebogen gesendet")).unwrap();
    store.set_item("ni-vereinbarung-unterzeichnen", &done("unterschrieben")).unwrap();
    store.set_item("datenschutz-avv", &done("AVV liegt vor")).unwrap();
    store
        .set_item(
            "hersteller-beauftragen",
            &ItemState { status: Status::InArbeit, ..Default::default() },
        )
        .unwrap();

    let mut v2 = v1.clone();
    v2["version"] = json!(2);
    // ni-fragebogen: changed text; ni-vereinbarung-unterzeichnen: removed; a new item; changed
    // guidance on hersteller-beauftragen; a new deadline for an event; higher annual costs.
    v2["checklist"]["additions"][1]["explanation"] =
        json!("Neu: Der Fragebogen fragt auch die Zertifikate ab.");
    v2["checklist"]["additions"].as_array_mut().unwrap().remove(0);
    v2["checklist"]["additions"].as_array_mut().unwrap().push(json!({
        "id": "ni-produktionstest", "point": "2.T2", "dimension": "technisch", "actor": "kommune",
        "title": "Produktionstest durchführen", "explanation": "Nach der Freischaltung einen Testantrag stellen."
    }));
    v2["checklist"]["guidance"][1]["text"] = json!("Die Schnittstelle gibt es ab Version 8.3.");
    v2["events"][1]["registration_deadline"] = json!("2027-02-03");
    v2["costs"][0]["brackets"][0]["annual_cents"] = json!(70000);

    let pkg = write_pkg(&d.dir, "v2.zip", &Parts::signed(&v2, &docs, &k).zip());
    let preview = anbindungscheck::api::packages::preview_file(&store, &pkg).unwrap();
    assert_eq!(preview.action, ImportAction::Update);
    assert_eq!(preview.installed_version, Some(1));
    let changes: Vec<(ChangeArea, ChangeKind, &str)> =
        preview.changes.iter().map(|c| (c.area, c.kind, c.id.as_str())).collect();
    assert_eq!(
        changes,
        [
            (ChangeArea::Aufgabe, ChangeKind::Added, "ni-produktionstest"),
            (ChangeArea::Aufgabe, ChangeKind::Changed, "ni-fragebogen"),
            (ChangeArea::Aufgabe, ChangeKind::Removed, "ni-vereinbarung-unterzeichnen"),
            (ChangeArea::Hinweis, ChangeKind::Changed, "hersteller-beauftragen"),
            (ChangeArea::Frist, ChangeKind::Changed, "workshop-technik-2027-02"),
            (ChangeArea::Kosten, ChangeKind::Changed, ""),
            (ChangeArea::Veranstaltung, ChangeKind::Changed, "workshop-technik-2027-02"),
        ]
    );
    // Preview writes nothing.
    assert!(store.checklist().unwrap().entries.iter().all(|e| e.review.is_none()));

    anbindungscheck::api::packages::import_file(&mut store, &pkg, None, &mut no_progress())
        .unwrap();
    let checklist = store.checklist().unwrap();
    let entry = |id: &str| checklist.entries.iter().find(|e| e.item.id == id);
    let changed = entry("ni-fragebogen").unwrap();
    assert_eq!(changed.progress.status, Status::Erledigt, "progress carries over");
    assert!(changed.review.as_deref().unwrap().contains("geändert"));
    assert!(entry("hersteller-beauftragen").unwrap().review.is_some());
    assert_eq!(entry("hersteller-beauftragen").unwrap().progress.status, Status::InArbeit);
    let unchanged = entry("datenschutz-avv").unwrap();
    assert_eq!((unchanged.progress.status, unchanged.review.clone()), (Status::Erledigt, None));
    assert!(entry("ni-produktionstest").unwrap().review.is_none(), "new items need no review");
    assert!(entry("ni-vereinbarung-unterzeichnen").is_none(), "removed items leave the checklist");

    // Removed: archived with progress and history, never deleted.
    let package = &store.packages().unwrap()[0];
    assert_eq!(package.archived_items.len(), 1);
    assert_eq!(package.archived_items[0].id, "ni-vereinbarung-unterzeichnen");
    assert_eq!(
        store.progress().unwrap()["ni-vereinbarung-unterzeichnen"].note.as_deref(),
        Some("unterschrieben")
    );
    let history = store
        .history(&anbindungscheck::audit::HistoryFilter {
            item_id: Some("ni-vereinbarung-unterzeichnen".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        history[0].item_title.as_deref(),
        Some("Verwaltungsvereinbarung mit dem Land unterzeichnen")
    );

    // Confirming clears the flag and is recorded.
    store.confirm_review("ni-fragebogen").unwrap();
    let checklist = store.checklist().unwrap();
    assert!(checklist
        .entries
        .iter()
        .find(|e| e.item.id == "ni-fragebogen")
        .unwrap()
        .review
        .is_none());
    let history = store
        .history(&anbindungscheck::audit::HistoryFilter {
            item_id: Some("ni-fragebogen".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(history[0].field, "review");

    // An item that comes back in a later version is active again, with its old progress.
    let mut v3 = v1.clone();
    v3["version"] = json!(3);
    import(&mut store, &v3, &docs, &k, &d.dir).unwrap();
    let checklist = store.checklist().unwrap();
    let back =
        checklist.entries.iter().find(|e| e.item.id == "ni-vereinbarung-unterzeichnen").unwrap();
    assert_eq!(back.progress.status, Status::Erledigt);
    assert_eq!(store.packages().unwrap()[0].archived_items[0].id, "ni-produktionstest");
}

/// Checks a JSON value against the structure of the documented JSON Schema: object keys, required
/// keys, enums, constants and basic types (patterns are left to the validator in the code).
fn conforms(schema: &Value, defs: &Value, value: &Value, path: &str) {
    let schema = match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => &defs[r.trim_start_matches("#/$defs/")],
        None => schema,
    };
    if let Some(options) = schema.get("enum") {
        assert!(options.as_array().unwrap().contains(value), "{path}: {value} not in enum");
    }
    if let Some(c) = schema.get("const") {
        assert_eq!(c, value, "{path}");
    }
    match (schema.get("type").and_then(Value::as_str), value) {
        (Some("object"), Value::Object(map)) => {
            let props = schema["properties"].as_object().unwrap();
            for key in map.keys() {
                assert!(props.contains_key(key), "{path}: `{key}` is not in the schema");
            }
            for key in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
                assert!(map.contains_key(key.as_str().unwrap()), "{path}: `{key}` required");
            }
            for (key, v) in map {
                conforms(&props[key], defs, v, &format!("{path}.{key}"));
            }
        }
        (Some("array"), Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                conforms(&schema["items"], defs, v, &format!("{path}[{i}]"));
            }
        }
        (Some("string"), v) => assert!(v.is_string(), "{path}: expected a string"),
        (Some("integer"), v) => assert!(v.is_u64(), "{path}: expected an integer"),
        (Some("boolean"), v) => assert!(v.is_boolean(), "{path}: expected a boolean"),
        (None, _) => {}
        (Some(t), v) => panic!("{path}: expected {t}, got {v}"),
    }
}

#[test]
fn the_built_example_manifest_conforms_to_the_documented_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/docs/package-manifest.schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let built = build::build(
        Path::new(EXAMPLE),
        &key(1),
        &dir.path().join("p.zip"),
        anbindungscheck::catalogue::Catalogue::builtin(),
    )
    .unwrap();
    let manifest = serde_json::to_value(&built.manifest).unwrap();
    conforms(&schema, &schema["$defs"], &manifest, "manifest");
    // Every top-level field of the format is documented.
    let documented: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    for key in manifest.as_object().unwrap().keys() {
        assert!(documented.contains(&key), "{key}");
    }
}

fn profile(ags: &str) -> anbindungscheck::profile::ProfileInput {
    anbindungscheck::profile::ProfileInput {
        name: "Gemeinde Musterstadt".into(),
        ags: ags.into(),
        ..Default::default()
    }
}

#[test]
fn a_package_of_another_land_than_the_profiles_is_refused_at_preview_and_import() {
    use anbindungscheck::api::packages::{import_file, preview_file};
    let d = db();
    let mut store = Store::open(&d.path).unwrap();
    store.set_profile(&profile("04011000")).unwrap();
    let pkg = d.dir.join("paket.zip");
    build::build(
        Path::new(EXAMPLE),
        &key(7),
        &pkg,
        anbindungscheck::catalogue::Catalogue::builtin(),
    )
    .unwrap();
    let expected =
        "Dieses Informationspaket ist für Kommunen in Niedersachsen. Ihre Kommune liegt \
                    laut Profil in Bremen (AGS 04011000). Es wurde nichts eingelesen.";
    let history = store.history(&Default::default()).unwrap();
    drop(store);
    let before = std::fs::read(&d.path).unwrap();

    let mut store = Store::open(&d.path).unwrap();
    let err = preview_file(&store, &pkg).unwrap_err();
    assert_eq!((err.code().as_str(), err.to_string().as_str()), ("package_other_land", expected));
    let trust = fingerprint(&key(7));
    let err = import_file(&mut store, &pkg, Some(&trust), &mut no_progress()).unwrap_err();
    assert_eq!((err.code().as_str(), err.to_string().as_str()), ("package_other_land", expected));
    assert!(store.packages().unwrap().is_empty());
    assert!(store.trusted_keys("03").unwrap().is_empty());
    assert_eq!(store.history(&Default::default()).unwrap(), history);
    drop(store);
    assert!(std::fs::read(&d.path).unwrap() == before, "database changed");
    let documents: Vec<_> = std::fs::read_dir(d.dir.join("kommune-documents"))
        .map(|r| r.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(documents.is_empty(), "files left behind: {documents:?}");

    // The store refuses it too, in the import's own transaction, whatever the plan said: a plan
    // made before the profile named Bremen.
    let other = db();
    let mut store = Store::open(&other.path).unwrap();
    let plan = preview_file(&store, &pkg).unwrap();
    store.set_profile(&profile("04011000")).unwrap();
    let opened = anbindungscheck::package::archive::open(
        &pkg,
        &Limits::default(),
        anbindungscheck::catalogue::Catalogue::builtin(),
    )
    .unwrap();
    let text = std::str::from_utf8(&opened.manifest_bytes).unwrap();
    let signer = signing::public_hex(&opened.signer);
    let at = store.data_version().unwrap();
    let err = store.apply_import(&opened.manifest, text, &plan, &signer, at).unwrap_err();
    assert_eq!((err.code().as_str(), err.to_string().as_str()), ("package_other_land", expected));
    assert!(store.packages().unwrap().is_empty());
    assert!(store.trusted_keys("03").unwrap().is_empty());

    // A municipality in Niedersachsen takes it.
    store.set_profile(&profile("03241001")).unwrap();
    assert_eq!(preview_file(&store, &pkg).unwrap().action, ImportAction::New);
    import_file(&mut store, &pkg, Some(&trust), &mut no_progress()).unwrap();
    assert_eq!(store.packages().unwrap().len(), 1);
}

#[test]
fn without_a_profile_the_first_package_sets_the_land_and_the_profile_must_lie_in_it() {
    let d = db();
    let mut store = Store::open(&d.path).unwrap();
    let (manifest, docs) = example();
    import(&mut store, &manifest, &docs, &key(7), &d.dir).unwrap();

    // A second package, of Bremen: refused, naming both Länder.
    let mut bremen = manifest.clone();
    bremen["id"] = json!("hb-vergabe-kommunen");
    bremen["land"] = json!({"code": "04", "name": "Bremen"});
    let packages = store.packages().unwrap();
    let err = import(&mut store, &bremen, &docs, &key(9), &d.dir).unwrap_err();
    assert_eq!(err.code(), "package_other_land");
    assert_eq!(
        err.to_string(),
        "Dieses Informationspaket ist für Kommunen in Bremen, die bereits eingelesenen Pakete \
         sind aber für Kommunen in Niedersachsen. Eine Kommune liest nur Pakete ihres eigenen \
         Landes ein. Es wurde nichts eingelesen."
    );
    assert_eq!(store.packages().unwrap(), packages);
    assert!(store.trusted_keys("04").unwrap().is_empty());

    // A profile in Bremen is refused while the package of Niedersachsen is installed.
    let err = store.set_profile(&profile("04011000")).unwrap_err();
    assert_eq!((err.code().as_str(), err.field()), ("validation", Some("ags")));
    let title = manifest["title"].as_str().unwrap();
    assert_eq!(
        err.to_string(),
        format!(
            "Die AGS 04011000 liegt in Bremen, eingelesen ist aber das Informationspaket \
             „{title}“ für Kommunen in Niedersachsen. Eine AGS in einem anderen Land ist erst \
             möglich, wenn dieses Paket entfernt ist. Das Profil wurde nicht gespeichert."
        )
    );
    assert_eq!(store.profile().unwrap(), None);
    assert!(store.history(&Default::default()).unwrap().iter().all(|h| h.entity != "profile"));

    // One in Niedersachsen is saved; changing it to Bremen later is refused, too.
    store.set_profile(&profile("03241001")).unwrap();
    let err = store.set_profile(&profile("04011000")).unwrap_err();
    assert!(err.to_string().contains("in Bremen") && err.to_string().contains("Niedersachsen"));
    assert_eq!(store.profile().unwrap().unwrap().ags, "03241001");
    // Another municipality of the same Land is fine.
    assert_eq!(store.set_profile(&profile("03101000")).unwrap().land, "Niedersachsen");
}

#[test]
fn the_example_package_says_what_is_true_and_names_the_grounds_of_its_additions() {
    let text = std::fs::read_to_string(format!("{}/manifest.json", crate::EXAMPLE)).unwrap();
    let m: serde_json::Value = serde_json::from_str(&text).unwrap();
    // The official register of prequalified companies is kept by the chambers (§ 48 Abs. 8
    // VgV); the municipality's Vergabestelle only uses it.
    let pq = m["services"].as_array().unwrap().iter().find(|s| s["id"] == "praequalifizierung");
    let vollzug = pq.unwrap()["vollzug"].as_str().unwrap();
    assert!(vollzug.contains("§ 48 Abs. 8 VgV") && !vollzug.starts_with("Kommune"), "{vollzug}");
    // A model that charges fees is not called free of charge.
    let annual: u64 = m["costs"][0]["brackets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["annual_cents"].as_u64().unwrap())
        .sum();
    let model = m["reuse_model"]["description"].as_str().unwrap().to_lowercase();
    assert!(annual > 0 && !model.contains("unentgeltlich") && !model.contains("kostenlos"));
    // What goes beyond the source says on what it rests.
    let additions = m["checklist"]["additions"].as_array().unwrap();
    let beyond: Vec<&serde_json::Value> =
        additions.iter().filter(|a| a["point"] == "2.E").collect();
    assert!(beyond.len() >= 4, "company account, routing, data protection notice, Art. 26");
    for a in beyond {
        let explanation = a["explanation"].as_str().unwrap();
        assert!(explanation.contains("Grundlage: "), "{}: no source named", a["id"]);
    }
}
