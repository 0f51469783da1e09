//! Crash safety: the CLI writes items and imports packages in a child process that is killed
//! with SIGKILL at a random moment, 200 rounds. After every round the database passes
//! `PRAGMA integrity_check`, opens, and holds every change the child reported as saved (and
//! nothing half-written: a change is either entirely there or not at all).

use anbindungscheck::package::{build, signing};
use anbindungscheck::store::Store;

use crate::fixtures::Rng;
use crate::EXAMPLE;
use ed25519_dalek::SigningKey;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ITEM: &str = "finanzierung-kosten";
const ROUNDS: u32 = 200;

/// Packages of versions 1..=n of the example.
fn packages(dir: &Path, n: u32) -> (Vec<PathBuf>, String) {
    let key = SigningKey::from_bytes(&[9; 32]);
    let text = std::fs::read_to_string(format!("{EXAMPLE}/manifest.json")).unwrap();
    let mut manifest: Value = serde_json::from_str(&text).unwrap();
    let paths = (1..=n)
        .map(|v| {
            manifest["version"] = v.into();
            let out = dir.join(format!("paket-v{v}.zip"));
            let json = serde_json::to_string(&manifest).unwrap();
            let catalogue = anbindungscheck::catalogue::Catalogue::builtin();
            build::build_from(Path::new(EXAMPLE), &json, &key, &out, catalogue).unwrap();
            out
        })
        .collect();
    (paths, signing::fingerprint(&key.verifying_key()))
}

/// What the database holds of the things the rounds change.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    note: Option<String>,
    version: Option<u32>,
}

fn seen(db: &Path) -> Seen {
    let conn = Connection::open(db).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    let note = conn
        .query_row("SELECT note FROM item_progress WHERE item_id = ?1", [ITEM], |r| r.get(0))
        .optional()
        .unwrap()
        .flatten();
    let version = conn
        .query_row("SELECT max(version) FROM package", [], |r| r.get(0))
        .optional()
        .unwrap()
        .flatten();
    // A package row always comes with its documents and its checklist additions.
    let docs: i64 = conn.query_row("SELECT count(*) FROM document", [], |r| r.get(0)).unwrap();
    let items: i64 = conn.query_row("SELECT count(*) FROM package_item", [], |r| r.get(0)).unwrap();
    if version.is_some() {
        assert!(docs > 0 && items > 0, "package without documents ({docs}) or items ({items})");
    } else {
        assert_eq!((docs, items), (0, 0), "documents or items without their package");
    }
    Seen { note, version }
}

#[test]
fn killed_writes_and_imports_never_lose_a_saved_change_or_leave_half_of_one() {
    let seed = Rng::seed_from_env("CRASH_SEED");
    println!("CRASH_SEED={seed}");
    let mut rng = Rng::new(seed);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kommune.sqlite");
    let (packages, fingerprint) = packages(dir.path(), ROUNDS / 10 + 1);
    Store::open(&db).unwrap();

    let mut expected = seen(&db);
    let (mut killed, mut completed) = (0, 0);
    // How long a round takes when it is left alone; kill times are drawn from this range.
    let mut typical = Duration::from_millis(40);
    for round in 0..ROUNDS {
        let import = round % 10 == 5;
        let next_version = expected.version.map_or(1, |v| v + 1);
        let note = format!("Runde {round}");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_anbindungscheck"));
        cmd.arg("--db").arg(&db).stdout(Stdio::null()).stderr(Stdio::piped());
        if import {
            let path = &packages[next_version as usize - 1];
            cmd.arg("import").arg(path).args(["--trust", &fingerprint]);
        } else {
            cmd.args(["item", "set", ITEM, "--note", &note]);
        }
        let started = Instant::now();
        let mut child = cmd.spawn().unwrap();
        // Every fourth round runs to the end, so that saved changes are checked too.
        let kill_after = if round % 4 == 3 {
            Duration::MAX
        } else {
            Duration::from_micros(rng.below(typical.as_micros() as usize * 3 / 2) as u64)
        };
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if started.elapsed() >= kill_after {
                child.kill().unwrap(); // SIGKILL
                child.wait().unwrap();
                break None;
            }
            std::thread::sleep(Duration::from_micros(200));
        };
        let now = seen(&db);
        let context = format!("round {round} (seed {seed}), {:?}", status);
        match status {
            Some(s) => {
                assert!(s.success(), "{context}: the command failed by itself");
                completed += 1;
                typical = (typical + started.elapsed()) / 2;
                // Reported as saved: it must be there.
                if import {
                    assert_eq!(now.version, Some(next_version), "{context}");
                } else {
                    assert_eq!(now.note.as_deref(), Some(note.as_str()), "{context}");
                }
            }
            None => {
                killed += 1;
                // Killed: the change is entirely there or not at all.
                if import {
                    assert!(
                        now.version == expected.version || now.version == Some(next_version),
                        "{context}: {now:?}"
                    );
                } else {
                    assert!(
                        now.note == expected.note || now.note.as_deref() == Some(note.as_str()),
                        "{context}: {now:?}"
                    );
                }
            }
        }
        assert!(
            if import { now.note == expected.note } else { now.version == expected.version },
            "{context}: a round changed something it did not write"
        );
        expected = now;
    }
    println!("{ROUNDS} rounds: {killed} killed, {completed} completed");
    assert!(killed >= ROUNDS / 5, "too few kills ({killed}) to mean anything");
    // The database still opens and migrates cleanly, and the store reads everything.
    let store = Store::open(&db).unwrap();
    store.packages().unwrap();
    store.checklist().unwrap();
}
