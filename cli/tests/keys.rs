//! The Land's keys on the command line: encrypted key files with the passphrase from a file, a
//! pipe or a prompt, converting a plain key, a change of key by endorsement that a municipality
//! takes over, and revocations that make it refuse a key.

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the tool with `stdin` as standard input (not a terminal).
fn run_with(db: &Path, args: &[&str], stdin: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_anbindungscheck"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ANBINDUNGSCHECK_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn run(db: &Path, args: &[&str]) -> Run {
    run_with(db, args, "")
}

fn ok(db: &Path, args: &[&str]) -> String {
    let r = run(db, args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn fingerprint(stdout: &str) -> String {
    stdout.lines().find_map(|l| l.strip_prefix("Fingerabdruck: ")).unwrap().to_owned()
}

/// The example's source with the version set to `version`, in `dir/quelle-<version>`.
fn source(dir: &Path, version: u32) -> std::path::PathBuf {
    let src = dir.join(format!("quelle-{version}"));
    std::fs::create_dir_all(src.join("documents")).unwrap();
    for entry in std::fs::read_dir(format!("{}/documents", crate::EXAMPLE)).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), src.join("documents").join(entry.file_name())).unwrap();
    }
    let text = std::fs::read_to_string(format!("{}/manifest.json", crate::EXAMPLE)).unwrap();
    let mut manifest: Value = serde_json::from_str(&text).unwrap();
    manifest["version"] = version.into();
    std::fs::write(src.join("manifest.json"), manifest.to_string()).unwrap();
    src
}

#[test]
fn the_passphrase_comes_from_a_file_or_a_pipe_and_a_wrong_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("land.sqlite");
    let key = dir.path().join("land.key");
    let short = run_with(&db, &["package", "keygen", "--out", s(&key), "--land", "NI"], "kurz\n");
    assert_eq!(short.code, 2);
    assert!(short.stderr.contains("mindestens 12 Zeichen"), "{}", short.stderr);
    assert!(!key.exists());
    let none = run(&db, &["package", "keygen", "--out", s(&key), "--land", "NI"]);
    assert_eq!(none.code, 2);
    assert!(none.stderr.contains("Keine Passphrase"), "{}", none.stderr);

    let pass = "ein Satz als Passphrase\n";
    let made = run_with(&db, &["package", "keygen", "--out", s(&key), "--land", "NI"], pass);
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert!(made.stdout.contains("land.key.rev"), "{}", made.stdout);
    let text = std::fs::read_to_string(&key).unwrap();
    assert!(text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----"), "{text}");

    let pkg = dir.path().join("paket.zip");
    let build = ["package", "build", crate::EXAMPLE, "--key", s(&key), "-o", s(&pkg)];
    let wrong = run_with(&db, &build, "ein anderer Satz\n");
    assert_eq!(wrong.code, 2);
    assert!(wrong.stderr.starts_with("Fehler: Die Passphrase ist falsch"), "{}", wrong.stderr);
    assert!(!pkg.exists());
    let built = run_with(&db, &build, pass);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert_eq!(fingerprint(&built.stdout), fingerprint(&made.stdout));
    assert!(!db.exists(), "the Land's commands need no database");
}

#[test]
fn a_plain_key_is_converted_once_and_keeps_its_fingerprint() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.sqlite");
    let plain = dir.path().join("alt.key");
    std::fs::write(&plain, format!("anbindungscheck-signing-key-v1:{}\n", "07".repeat(32)))
        .unwrap();
    let pw = crate::cli::passphrase_file(dir.path());
    let pkg = dir.path().join("p.zip");
    let refused = run(
        &db,
        &["package", "build", crate::EXAMPLE, "--key", s(&plain), "--passphrase-file", s(&pw)]
            .iter()
            .chain(&["-o", s(&pkg)])
            .copied()
            .collect::<Vec<_>>(),
    );
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("package key-convert"), "{}", refused.stderr);

    let new = dir.path().join("neu.key");
    let convert = ["package", "key-convert", "--key", s(&plain), "--out", s(&new), "--land", "03"];
    let converted = ok(&db, &[&convert[..], &["--passphrase-file", s(&pw)]].concat());
    let expected = anbindungscheck::package::signing::fingerprint(
        &ed25519_dalek::SigningKey::from_bytes(&[7; 32]).verifying_key(),
    );
    assert_eq!(fingerprint(&converted), expected);
    let build = ["package", "build", crate::EXAMPLE, "--key", s(&new), "--passphrase-file", s(&pw)];
    ok(&db, &[&build[..], &["-o", s(&pkg)]].concat());
}

#[test]
fn a_municipality_takes_an_endorsed_key_over_and_refuses_a_revoked_one() {
    let dir = tempfile::tempdir().unwrap();
    let land_db = dir.path().join("land-nicht-benutzt.sqlite");
    let db = dir.path().join("kommune.sqlite");
    let pw = crate::cli::passphrase_file(dir.path());
    let (old, new) = (dir.path().join("alt.key"), dir.path().join("neu.key"));
    let keygen = |key: &Path| {
        ok(
            &land_db,
            &["package", "keygen", "--out", s(key), "--land", "03", "--passphrase-file", s(&pw)],
        )
    };
    let old_fp = fingerprint(&keygen(&old));
    let new_fp = fingerprint(&keygen(&new));
    let build = |src: &Path, key: &Path, extra: &[&str], out: &Path| {
        let args = ["package", "build", s(src), "--key", s(key), "--passphrase-file", s(&pw)];
        run(&land_db, &[&args[..], extra, &["-o", s(out)]].concat())
    };
    let v1 = dir.path().join("v1.zip");
    assert_eq!(build(&source(dir.path(), 1), &old, &[], &v1).code, 0);
    ok(&db, &["import", s(&v1), "--trust", &old_fp]);

    // Version 2 with the new key: refused without the old key's endorsement, taken over with it.
    let src2 = source(dir.path(), 2);
    let plain = dir.path().join("v2-ohne.zip");
    assert_eq!(build(&src2, &new, &[], &plain).code, 0);
    let refused = run(&db, &["import", s(&plain)]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("nicht mit einem vertrauenswürdigen"), "{}", refused.stderr);

    let endorsement = dir.path().join("bestaetigung.txt");
    let args = ["package", "endorse", "--old", s(&old), "--new", s(&new), "-o", s(&endorsement)];
    let pws = ["--passphrase-file", s(&pw), "--new-passphrase-file", s(&pw)];
    let made = ok(&land_db, &[&args[..], &pws[..]].concat());
    assert!(made.contains(&old_fp) && made.contains(&new_fp), "{made}");
    let v2 = dir.path().join("v2.zip");
    let built = build(&src2, &new, &["--endorsement", s(&endorsement)], &v2);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let verified = ok(&land_db, &["package", "verify", s(&v2)]);
    assert!(verified.contains(&format!("bisherigen Schlüssel {old_fp}")), "{verified}");
    let imported = ok(&db, &["import", s(&v2)]);
    assert!(
        imported.contains(&format!(
            "Das Land verwendet einen neuen Schlüssel. Der bisherige Schlüssel {old_fp} hat den \
             neuen Schlüssel {new_fp} am"
        )),
        "{imported}"
    );
    let history = ok(&db, &["history"]);
    assert!(
        history.contains(&format!(
            "Schlüssel des Landes Niedersachsen  Neuer Schlüssel, vom bisherigen bestätigt: \
             {old_fp} → {new_fp}"
        )),
        "{history}"
    );

    // The old key revoked: a package signed by it is refused with its own code and reason.
    let revocation = dir.path().join("widerruf.txt");
    let revoke = ["package", "revoke", "--key", s(&old), "-o", s(&revocation)];
    ok(
        &land_db,
        &[&revoke[..], &["--reason", "kompromittiert", "--passphrase-file", s(&pw)]].concat(),
    );
    let tampered = dir.path().join("gefaelscht.txt");
    let text = std::fs::read_to_string(&revocation).unwrap();
    std::fs::write(&tampered, text.replace("kompromittiert", "ersetzt")).unwrap();
    let bad = run(&db, &["import-revocation", s(&tampered)]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("Der Widerruf wird nicht angenommen"), "{}", bad.stderr);
    let done = ok(&db, &["import-revocation", s(&revocation)]);
    assert!(done.contains("ab jetzt nicht mehr eingelesen"), "{done}");
    let v3 = dir.path().join("v3.zip");
    assert_eq!(build(&source(dir.path(), 3), &old, &[], &v3).code, 0);
    let refused = run(&db, &["import", s(&v3)]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains(&format!("Der Schlüssel {old_fp} wurde vom Land Niedersachsen am")),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("Schlüssel kompromittiert"), "{}", refused.stderr);
    // The new key goes on.
    let v4 = dir.path().join("v4.zip");
    assert_eq!(build(&source(dir.path(), 4), &new, &[], &v4).code, 0);
    ok(&db, &["import", s(&v4)]);
    assert!(!land_db.exists());
}
