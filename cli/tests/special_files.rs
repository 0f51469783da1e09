//! Input files the user names must be regular files: a device (`/dev/zero`, read without end), a
//! named pipe (opening it blocks) and a folder are refused by name before anything is read; a
//! link to a regular file is still fine. Every run is killed after 20 s so a hang fails the test.

#![cfg(unix)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Run {
    code: i32,
    out: String,
}

/// Runs the binary; fails the test if it has not finished after 20 seconds.
fn run(db: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_anbindungscheck"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ANBINDUNGSCHECK_DB")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{args:?} did not finish within 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut out = String::new();
    child.stdout.take().unwrap().read_to_string(&mut out).unwrap();
    child.stderr.take().unwrap().read_to_string(&mut out).unwrap();
    Run { code: status.code().unwrap_or(-1), out }
}

fn fifo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let made = Command::new("mkfifo").arg(&path).status().expect("mkfifo runs");
    assert!(made.success());
    path
}

const SPECIAL: &str = "ist keine gewöhnliche Datei, sondern ein Gerät oder eine Pipe.";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn dev_zero_is_refused_by_name_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kommune.sqlite");
    let link = dir.path().join("bericht.pdf");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let started = Instant::now();
    for args in [
        &["import", "/dev/zero"][..],
        &["restore", "/dev/zero"],
        &["package", "verify", "/dev/zero", "--pubkey", "/dev/zero"],
    ] {
        let r = run(&db, args);
        assert_ne!(r.code, 0, "{args:?}");
        assert!(r.out.contains(&format!("„/dev/zero“ {SPECIAL}")), "{args:?}: {}", r.out);
        assert!(!r.out.contains("leer") && !r.out.contains("nicht gefunden"), "{}", r.out);
    }
    for path in ["/dev/zero", s(&link)] {
        let r = run(&db, &["aggregate", path]);
        assert_eq!(r.code, 3, "skipped like any unreadable file: {}", r.out);
        assert!(r.out.contains(&format!("„{path}“ {SPECIAL}")), "{}", r.out);
    }
    let mut store = anbindungscheck::store::Store::open(&db).unwrap();
    let e = store.add_evidence("datenschutz-avv", Path::new("/dev/zero"), None).unwrap_err();
    assert!(e.to_string().contains(&format!("„/dev/zero“ {SPECIAL}")), "{e}");
    let e = anbindungscheck::report::read::read_file(&link).unwrap_err();
    assert!(e.to_string().contains(SPECIAL), "{e}");
    assert!(started.elapsed() < Duration::from_secs(15), "refused quickly, not read");
}

#[test]
fn a_named_pipe_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kommune.sqlite");
    let zip = fifo(dir.path(), "paket.zip");
    let pdf = fifo(dir.path(), "bericht.pdf");
    for args in [&["import", s(&zip)][..], &["restore", s(&zip)], &["package", "verify", s(&zip)]] {
        let r = run(&db, args);
        assert_ne!(r.code, 0, "{args:?}");
        assert!(r.out.contains(&format!("„{}“ {SPECIAL}", zip.display())), "{}", r.out);
    }
    let r = run(&db, &["aggregate", s(&pdf)]);
    assert_eq!(r.code, 3, "{}", r.out);
    assert!(r.out.contains(&format!("„{}“ {SPECIAL}", pdf.display())), "{}", r.out);
    // Found in a folder, a pipe named *.pdf is not read either.
    let r = run(&db, &["aggregate", s(dir.path())]);
    assert_ne!(r.code, 0, "{}", r.out);
}

#[test]
fn a_folder_is_called_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kommune.sqlite");
    let folder = dir.path().join("paket.zip");
    std::fs::create_dir(&folder).unwrap();
    let message = format!("„{}“ ist ein Ordner, keine Datei.", folder.display());
    for args in [&["import", s(&folder)][..], &["restore", s(&folder)]] {
        let r = run(&db, args);
        assert_ne!(r.code, 0, "{args:?}");
        assert!(r.out.contains(&message), "{args:?}: {}", r.out);
        assert!(!r.out.contains("ZIP"), "{}", r.out);
    }
}

#[test]
fn links_to_regular_files_are_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kommune.sqlite");
    let key = dir.path().join("land.key");
    let pkg = dir.path().join("paket.zip");
    let example = crate::EXAMPLE;
    let pw = crate::cli::passphrase_file(dir.path());
    let keygen =
        ["package", "keygen", "--out", s(&key), "--land", "03", "--passphrase-file", s(&pw)];
    assert_eq!(run(&db, &keygen).code, 0);
    let build = ["package", "build", example, "--key", s(&key), "--passphrase-file", s(&pw)];
    let built = run(&db, &[&build[..], &["-o", s(&pkg)]].concat());
    assert_eq!(built.code, 0, "{}", built.out);
    let pkg_link = dir.path().join("link.zip");
    let pub_link = dir.path().join("link.pub");
    std::os::unix::fs::symlink(&pkg, &pkg_link).unwrap();
    std::os::unix::fs::symlink(dir.path().join("land.key.pub"), &pub_link).unwrap();
    let verified = run(&db, &["package", "verify", s(&pkg_link), "--pubkey", s(&pub_link)]);
    assert_eq!(verified.code, 0, "{}", verified.out);
    assert!(verified.out.contains("3 Dokumente geprüft"), "{}", verified.out);

    let profile =
        run(&db, &["profile", "set", "--name", "Stadt Beispielhausen", "--ags", "05315000"]);
    assert_eq!(profile.code, 0, "{}", profile.out);
    let pdf = dir.path().join("bericht.pdf");
    let report = run(&db, &["report", "-o", s(&pdf), "--date", "2026-11-28"]);
    assert_eq!(report.code, 0, "{}", report.out);
    let pdf_link = dir.path().join("link.pdf");
    std::os::unix::fs::symlink(&pdf, &pdf_link).unwrap();
    let r = run(&db, &["aggregate", s(&pdf_link), "--json", s(&dir.path().join("a.json"))]);
    assert_eq!(r.code, 0, "{}", r.out);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("a.json")).unwrap()).unwrap();
    assert_eq!(json["reports"], 1, "{json}");
}

#[test]
fn a_database_path_that_is_no_file_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = fifo(dir.path(), "kommune.sqlite");
    for (db, expect) in [
        (Path::new("/dev/zero"), format!("„/dev/zero“ {SPECIAL}")),
        (pipe.as_path(), format!("„{}“ {SPECIAL}", pipe.display())),
        (dir.path(), format!("„{}“ ist ein Ordner, keine Datei.", dir.path().display())),
    ] {
        let r = run(db, &["status"]);
        assert_eq!(r.code, 2, "{}", r.out);
        assert!(r.out.contains(&expect), "{expect:?} not in {}", r.out);
    }
}
