//! The `anbindungscheck` binary: good and bad arguments, exit codes, and that a rejected command
//! leaves the database file byte-identical (or, for a new path, not created at all).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(db: &Path, args: &[&str]) -> Run {
    let Output { status, stdout, stderr } = Command::new(env!("CARGO_BIN_EXE_anbindungscheck"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ANBINDUNGSCHECK_DB")
        // No settings of an IT department, whatever this machine has.
        .env("ANBINDUNGSCHECK_ADMIN_SETTINGS", db.with_file_name("keine-einstellungen.json"))
        .output()
        .expect("binary runs");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

/// A file with the passphrase of the Land's keys in these tests.
pub fn passphrase_file(dir: &Path) -> PathBuf {
    let path = dir.join("passphrase.txt");
    std::fs::write(&path, "Passphrase des Landes für Tests\n").unwrap();
    path
}

fn ok(db: &Path, args: &[&str]) -> String {
    let r = run(db, args);
    assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
    r.stdout
}

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

fn fresh() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kommune.sqlite");
    (dir, db)
}

#[test]
fn status_on_a_new_path_is_zero_percent_with_every_item_open() {
    let (_dir, db) = fresh();
    let status = json(&db, &["status", "--json"]);
    assert!(!db.exists(), "a command that only reads leaves no database on a new path");
    assert_eq!(status["schema"], "anbindungscheck.status/2");
    assert_eq!(status["overall"]["percent"], 0);
    assert_eq!(status["overall"]["done"], 0);
    let items = json(&db, &["items", "--json"]);
    let items = items.as_array().unwrap();
    assert!(items.len() >= 16);
    // The municipality's own items are counted, the Land's apart; together every item.
    let own = items.iter().filter(|e| e["item"]["actor"] == "kommune").count();
    assert_eq!(status["counts"]["offen"], own);
    assert_eq!(status["others"]["offen"], items.len() - own);
    assert_eq!(status["owner"], "kommune");
    assert!(items.iter().all(|e| e["progress"]["status"] == "offen"));
    assert_eq!(status["dimensions"].as_array().unwrap().len(), 4);
    assert_eq!(status["profile"], Value::Null);
    assert_eq!(status["services"], serde_json::json!([]));
    assert_eq!(status["verdict"]["ready"], false);
    let text = ok(&db, &["status"]);
    assert!(text.contains("\nNoch nicht bereit: "), "{text}");
    assert!(
        text.ends_with("Onlinedienste:\n  keine (kein Informationspaket eingelesen)\n"),
        "{text}"
    );
}

#[test]
fn profile_and_items_are_stored_and_listed() {
    let (_dir, db) = fresh();
    let out = ok(
        &db,
        &[
            "profile",
            "set",
            "--name",
            "Stadt Beispielhausen",
            "--ags",
            "05 3 15 000",
            "--population",
            "48000",
            "--coordinator-name",
            "Frau Şahin",
            "--coordinator-email",
            "ozg@beispielhausen.de",
        ],
    );
    assert!(out.contains("Nordrhein-Westfalen"), "{out}");
    ok(&db, &["item", "set", "datenschutz-avv", "--status", "erledigt"]);
    ok(
        &db,
        &[
            "item",
            "set",
            "hersteller-beauftragen",
            "--status",
            "extern_blockiert",
            "--blocked-by",
            "hersteller:Angebot kommt im Januar",
            "--owner",
            "IT-Abteilung",
            "--due",
            "2026-12-10",
        ],
    );
    // `--db` may also follow the subcommand.
    let status: Value = serde_json::from_str(
        &String::from_utf8(
            Command::new(env!("CARGO_BIN_EXE_anbindungscheck"))
                .args(["status", "--json", "--today", "2026-12-01", "--db"])
                .arg(&db)
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(status["profile"]["ags"], "05315000");
    assert_eq!(status["profile"]["land"], "Nordrhein-Westfalen");
    assert_eq!(status["overall"]["done"], 1);
    assert_eq!(status["blockers"][0]["item_id"], "hersteller-beauftragen");
    assert_eq!(status["blockers"][0]["party"], "hersteller");
    assert_eq!(status["blockers"][0]["text"], "Angebot kommt im Januar");
    assert_eq!(status["due_soon"][0]["days"], 9);
    let overdue = json(&db, &["status", "--json", "--today", "2026-12-11"]);
    assert_eq!(overdue["overdue"][0]["item_id"], "hersteller-beauftragen");

    let text = ok(&db, &["status", "--today", "2026-12-01"]);
    assert!(text.contains("Stadt Beispielhausen (AGS 05315000, Nordrhein-Westfalen)"), "{text}");
    assert!(text.contains("[Hersteller]"), "{text}");

    let history = json(&db, &["history", "--json", "--item", "hersteller-beauftragen"]);
    let fields: Vec<&str> =
        history.as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["due", "owner", "blocked_text", "blocked_by", "status"]);

    // Partial change keeps the other fields; leaving extern_blockiert drops the blocker.
    ok(&db, &["item", "set", "hersteller-beauftragen", "--status", "in_arbeit"]);
    let items = json(&db, &["items", "--json"]);
    let entry = items
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["item"]["id"] == "hersteller-beauftragen")
        .unwrap();
    assert_eq!(entry["progress"]["status"], "in_arbeit");
    assert_eq!(entry["progress"]["owner"], "IT-Abteilung");
    assert_eq!(entry["progress"]["blocked_by"], Value::Null);
    let human = ok(&db, &["history", "--limit", "3"]);
    assert!(human.contains("Status: Extern blockiert → In Arbeit"), "{human}");
}

#[test]
fn it_service_providers_and_councils_block_items() {
    let (_dir, db) = fresh();
    ok(&db, &["profile", "set", "--name", "Gemeinde Musterstadt", "--ags", "09162000"]);
    let block = |item: &str, by: &str| {
        ok(&db, &["item", "set", item, "--status", "extern_blockiert", "--blocked-by", by]);
    };
    block("hersteller-beauftragen", "it_dienstleister:Rechenzentrum stellt erst im Mai um");
    block("datenschutz-avv", "GREMIUM");
    let status = json(&db, &["status", "--json", "--today", "2026-12-01"]);
    let blockers: Vec<(&str, &str, &str, Value)> = status["blockers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["item_id"].as_str().unwrap(),
                b["party"].as_str().unwrap(),
                b["party_label"].as_str().unwrap(),
                b["text"].clone(),
            )
        })
        .collect();
    assert!(blockers.contains(&(
        "hersteller-beauftragen",
        "it_dienstleister",
        "IT-Dienstleister",
        Value::from("Rechenzentrum stellt erst im Mai um")
    )));
    assert!(blockers.contains(&("datenschutz-avv", "gremium", "Rat / Gremium", Value::Null)));
    let text = ok(&db, &["status", "--today", "2026-12-01"]);
    assert!(text.contains("[IT-Dienstleister]") && text.contains("[Rat / Gremium]"), "{text}");
    let human = ok(&db, &["history", "--item", "datenschutz-avv"]);
    assert!(human.contains("Rat / Gremium"), "{human}");

    let r = run(
        &db,
        &["item", "set", "datenschutz-avv", "--status", "extern_blockiert", "--blocked-by", "rat"],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("„rat“") && r.stderr.contains("it_dienstleister, gremium"),
        "{}",
        r.stderr
    );
}

/// Bad input: non-zero exit, one line on stderr naming the bad value, database unchanged.
#[test]
fn bad_arguments_are_refused_and_leave_the_file_byte_identical() {
    let (_dir, db) = fresh();
    ok(&db, &["profile", "set", "--name", "Gemeinde Musterstadt", "--ags", "09162000"]);
    ok(&db, &["item", "set", "datenschutz-avv", "--status", "in_arbeit", "--owner", "Herr Vogel"]);
    let cases: &[(&[&str], &str)] = &[
        (&["profile", "set", "--ags", "1700000"], "„1700000“"),
        (&["profile", "set", "--ags", "17000000"], "„17“"),
        (&["profile", "set", "--ags", "0916200X"], "„X“"),
        (&["profile", "set", "--name", ""], "Name der Kommune fehlt"),
        (&["profile", "set", "--population", "12.500"], "„12.500“"),
        (&["profile", "set", "--population", "0"], "Einwohnerzahl 0"),
        (
            &["profile", "set", "--coordinator-email", "ozg(at)musterstadt.de"],
            "„ozg(at)musterstadt.de“",
        ),
        (&["item", "set", "gibt-es-nicht", "--status", "erledigt"], "„gibt-es-nicht“"),
        (&["item", "set", "datenschutz-avv", "--status", "fertig"], "„fertig“"),
        (
            &["item", "set", "datenschutz-avv", "--due", "31.02.2026"],
            "„31.02.2026“: diesen Tag gibt es nicht",
        ),
        (&["item", "set", "datenschutz-avv", "--due", "2026-02-30"], "„2026-02-30“"),
        (&["item", "set", "datenschutz-avv", "--status", "extern_blockiert"], "wer blockiert"),
        (
            &[
                "item",
                "set",
                "datenschutz-avv",
                "--status",
                "extern_blockiert",
                "--blocked-by",
                "bund",
            ],
            "„bund“",
        ),
        (
            &[
                "item",
                "set",
                "datenschutz-avv",
                "--status",
                "extern_blockiert",
                "--blocked-by",
                "sonstige",
            ],
            "Sonstige",
        ),
        (&["item", "set", "datenschutz-avv", "--blocked-by", "land"], "nur beim Status"),
        (&["item", "set", "datenschutz-avv"], "Nichts zu ändern"),
        (&["history", "--since", "letzte Woche"], "„letzte Woche“"),
        (&["status", "--today", "morgen"], "„morgen“"),
    ];
    for (args, expected) in cases {
        let before = std::fs::read(&db).unwrap();
        let r = run(&db, args);
        assert_eq!(r.code, 2, "{args:?} should be refused: {}", r.stdout);
        assert_eq!(r.stderr.lines().count(), 1, "{args:?}: one line, got {:?}", r.stderr);
        assert!(r.stderr.starts_with("Fehler: "), "{:?}", r.stderr);
        assert!(
            r.stderr.contains(expected),
            "{args:?}: {:?} should contain {expected:?}",
            r.stderr
        );
        assert!(std::fs::read(&db).unwrap() == before, "{args:?} changed the database");
    }
    let history = json(&db, &["history", "--json"]);
    assert_eq!(history.as_array().unwrap().len(), 4, "only the two good commands were recorded");
}

#[test]
fn a_refused_command_on_a_new_path_creates_no_file() {
    let (dir, _) = fresh();
    let db = dir.path().join("neu/tiefer/kommune.sqlite");
    let r = run(&db, &["profile", "set", "--name", "Musterstadt", "--ags", "1234"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("„1234“ hat 4 Ziffern"), "{}", r.stderr);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing may be left behind");
}

#[test]
fn usage_errors_exit_non_zero() {
    let (_dir, db) = fresh();
    let r = run(&db, &["item", "set"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("Fehler: es fehlt: <AUFGABE>.\n"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let r = run(&db, &["unbekannt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("Fehler: unbekannter Befehl „unbekannt“"), "{}", r.stderr);
    assert!(!db.exists(), "a usage error touches no database");

    // Help goes to standard output, in German, and exits 0.
    let r = run(&db, &["package", "build", "--help"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Aufruf: anbindungscheck package build [OPTIONEN] --key <SCHLÜSSELDATEI> --out <PAKET.zip> <QUELLORDNER>"), "{}", r.stdout);
    let r = run(&db, &["--version"]);
    assert_eq!(
        (r.code, r.stdout.trim()),
        (0, concat!("anbindungscheck ", env!("CARGO_PKG_VERSION")))
    );
    // A command without its subcommand shows that command's help on standard error.
    let r = run(&db, &["package"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("\nBefehle:\n  keygen"), "{}", r.stderr);
}

#[test]
fn a_newer_database_is_refused_with_exit_one() {
    let (_dir, db) = fresh();
    ok(&db, &["profile", "set", "--name", "Gemeinde Musterstadt", "--ags", "09162000"]);
    rusqlite::Connection::open(&db).unwrap().pragma_update(None, "user_version", 42).unwrap();
    let before = std::fs::read(&db).unwrap();
    let r = run(&db, &["status"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("neueren Version"), "{}", r.stderr);
    assert!(std::fs::read(&db).unwrap() == before, "file changed");
}

#[test]
fn each_workspace_refuses_the_other_kinds_commands_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let land = dir.path().join("land.sqlite");
    ok(&land, &["land", "setup", "--land", "03", "--name", "OZG-Koordination Niedersachsen"]);
    let kommune = dir.path().join("kommune.sqlite");
    ok(&kommune, &["profile", "set", "--name", "Gemeinde Musterstadt", "--ags", "03241001"]);
    let cases: [(&Path, &[&str], &str); 6] = [
        (&land, &["status"], "Land (OZG-Koordination)"),
        (&land, &["profile", "set", "--name", "Gemeinde Musterstadt"], "Land (OZG-Koordination)"),
        (&land, &["items"], "Land (OZG-Koordination)"),
        (&kommune, &["land", "items"], "Kommune"),
        (&kommune, &["land", "setup", "--land", "03", "--name", "X"], "Kommune"),
        (&kommune, &["land", "item", "set", "land-taskforce", "--status", "erledigt"], "Kommune"),
    ];
    for (db, args, found) in cases {
        let before = std::fs::read(db).unwrap();
        let r = run(db, args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains(&format!("Datenbank des Arbeitsbereichs „{found}“"))
                && r.stderr.contains("„Kommune“")
                && r.stderr.contains("„Land (OZG-Koordination)“"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(std::fs::read(db).unwrap() == before, "{args:?}: file changed");
    }
}

#[test]
fn the_land_sets_up_its_workspace_and_works_through_its_own_checklist() {
    let (dir, _) = fresh();
    let land = dir.path().join("land.sqlite");
    // Both fields are needed the first time; a refused setup leaves no database.
    let r = run(&land, &["land", "setup", "--name", "OZG-Koordination"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("Bitte wählen Sie das Land"), "{}", r.stderr);
    assert!(!land.exists());
    let r = run(&land, &["land", "setup", "--land", "Atlantis", "--name", "X"]);
    assert!(r.code == 2 && r.stderr.contains("„Atlantis“ ist kein Land"), "{}", r.stderr);

    let out = ok(&land, &["land", "setup", "--land", "niedersachsen", "--name", "MI, Ref. 21"]);
    assert!(out.contains("MI, Ref. 21 (Land Niedersachsen, Schlüssel 03)"), "{out}");
    // Later only the field named changes.
    ok(&land, &["land", "setup", "--name", "MI, OZG-Koordination"]);

    let items = json(&land, &["land", "items", "--json"]);
    let items = items.as_array().unwrap();
    let points: Vec<&str> = items.iter().map(|e| e["item"]["point"].as_str().unwrap()).collect();
    assert_eq!(
        points,
        [
            "0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.F", "2.L1", "2.L2", "2.O1", "2.O2",
            "2.T1", "2.T2", "3.1", "3.2", "3.3"
        ]
    );
    let numbers: Vec<u64> = items.iter().map(|e| e["item"]["number"].as_u64().unwrap()).collect();
    assert_eq!(numbers, (1..=17).collect::<Vec<u64>>());
    assert!(items.iter().all(|e| e["item"]["actor"] == "land"));

    ok(
        &land,
        &["land", "item", "set", "land-taskforce", "--status", "erledigt", "--owner", "Ref. 21"],
    );
    let args = ["land", "item", "set", "land-hersteller", "--status", "extern_blockiert"];
    ok(
        &land,
        &[&args[..], &["--blocked-by", "hersteller:Termin offen", "--due", "2027-02-01"]].concat(),
    );
    let r = run(&land, &["land", "item", "set", "vergabe-pruefen", "--status", "erledigt"]);
    assert_eq!(r.code, 2, "a municipal task is unknown in the Land's checklist");

    let status = json(&land, &["land", "status", "--json", "--today", "2027-01-20"]);
    assert_eq!(status["overall"]["done"], 1);
    assert_eq!(status["overall"]["applicable"], 17);
    assert_eq!(status["counts"]["extern_blockiert"], 1);
    assert_eq!(status["due_soon"][0]["item_id"], "land-hersteller");
    let text = ok(&land, &["land", "status", "--today", "2027-01-20"]);
    assert!(text.starts_with("MI, OZG-Koordination (Niedersachsen) – Stand 20.01.2027"), "{text}");
    assert!(text.contains("5 %  (1 von 17 erledigt)"), "{text}");

    let history = json(&land, &["history", "--json"]);
    let fields: Vec<&str> =
        history.as_array().unwrap().iter().map(|h| h["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"owner") && fields.contains(&"land_code"), "{fields:?}");

    // The package draft: a source folder in, the same folder out, built by `package build`.
    let src = dir.path().join("quelle");
    let r = run(&land, &["land", "import-draft", crate::EXAMPLE]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Der Entwurf ist vollständig."), "{}", r.stdout);
    ok(&land, &["land", "export-draft", src.to_str().unwrap()]);
    let exported: Value =
        serde_json::from_str(&std::fs::read_to_string(src.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(exported["id"], "ni-vergabe-kommunen");
    assert_eq!(std::fs::read_dir(src.join("documents")).unwrap().count(), 3);
    let pw = passphrase_file(dir.path());
    let key = dir.path().join("land.key");
    let (key, pw) = (key.to_str().unwrap(), pw.to_str().unwrap());
    let zip = dir.path().join("paket.zip");
    let tool = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_anbindungscheck")).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    tool(&["package", "keygen", "--out", key, "--land", "03", "--passphrase-file", pw]);
    let (src, zip) = (src.to_str().unwrap(), zip.to_str().unwrap());
    tool(&["package", "build", src, "--key", key, "--passphrase-file", pw, "-o", zip]);
    tool(&["package", "verify", zip]);
    // A folder whose manifest has a problem becomes the draft, and the problem is named.
    let broken = dir.path().join("kaputt");
    std::fs::create_dir_all(broken.join("documents")).unwrap();
    let mut manifest = exported.clone();
    manifest["valid_until"] = "2000-01-01".into();
    manifest["documents"] = serde_json::json!([]);
    manifest["reuse_model"]["document"] = Value::Null;
    std::fs::write(broken.join("manifest.json"), manifest.to_string()).unwrap();
    let out = ok(&land, &["land", "import-draft", broken.to_str().unwrap()]);
    assert!(out.contains("Vor dem Veröffentlichen zu klären (1):"), "{out}");
    assert!(out.contains("valid_until: "), "{out}");

    // Backup and restore work on the Land's database as on a municipality's.
    let copy = dir.path().join("land-sicherung.sqlite");
    ok(&land, &["backup", copy.to_str().unwrap()]);
    ok(&land, &["land", "item", "set", "land-taskforce", "--status", "offen"]);
    ok(&land, &["restore", copy.to_str().unwrap()]);
    let status = json(&land, &["land", "status", "--json"]);
    assert_eq!(status["overall"]["done"], 1);
    // A municipality's backup is not restored over it.
    let kommune = dir.path().join("kommune.sqlite");
    ok(&kommune, &["profile", "set", "--name", "Gemeinde Musterstadt", "--ags", "03241001"]);
    let municipal = dir.path().join("kommune-sicherung.sqlite");
    ok(&kommune, &["backup", municipal.to_str().unwrap()]);
    let r = run(&land, &["restore", municipal.to_str().unwrap()]);
    assert!(r.code == 1 && r.stderr.contains("Arbeitsbereichs „Kommune“"), "{}", r.stderr);
    assert_eq!(json(&land, &["land", "status", "--json"])["overall"]["done"], 1);
}

#[test]
fn the_land_builds_and_verifies_and_the_municipality_imports_a_package() {
    let (dir, db) = fresh();
    let cli = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_anbindungscheck")).args(args).output().unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    };
    let key = dir.path().join("land.key");
    let key = key.to_str().unwrap();
    let pkg = dir.path().join("paket.zip");
    let pkg = pkg.to_str().unwrap();
    let example = crate::EXAMPLE;
    let pw = passphrase_file(dir.path());
    let pw = pw.to_str().unwrap();

    let made = cli(&["package", "keygen", "--out", key, "--land", "NI", "--passphrase-file", pw]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let fingerprint =
        made.stdout.lines().find_map(|l| l.strip_prefix("Fingerabdruck: ")).unwrap().to_owned();
    assert_eq!(fingerprint.len(), 39);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(key).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let again = cli(&["package", "keygen", "--out", key, "--land", "03", "--passphrase-file", pw]);
    assert_eq!(again.code, 2, "never overwrites a key");

    let built =
        cli(&["package", "build", example, "--key", key, "--passphrase-file", pw, "-o", pkg]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(built.stdout.contains(&fingerprint));
    let verified = cli(&["package", "verify", pkg, "--pubkey", &format!("{key}.pub")]);
    assert_eq!(verified.code, 0, "{}", verified.stderr);
    assert!(verified.stdout.contains("3 Dokumente geprüft"), "{}", verified.stdout);

    let other = dir.path().join("other.key");
    cli(&[
        "package",
        "keygen",
        "--out",
        other.to_str().unwrap(),
        "--land",
        "03",
        "--passphrase-file",
        pw,
    ]);
    let wrong = cli(&["package", "verify", pkg, "--pubkey", &format!("{}.pub", other.display())]);
    assert_eq!(wrong.code, 2);
    assert!(
        wrong.stderr.contains("nicht mit einem vertrauenswürdigen Schlüssel"),
        "{}",
        wrong.stderr
    );

    let untrusted = run(&db, &["import", pkg]);
    assert_eq!(untrusted.code, 2);
    assert!(untrusted.stderr.contains(&fingerprint), "{}", untrusted.stderr);
    assert!(
        untrusted.stderr.contains(&format!("--trust \"{fingerprint}\"")),
        "{}",
        untrusted.stderr
    );
    // The hint's second line is indented as it always was (a shell continuation line).
    let hint = format!("<PAKET.zip> \\\n{:21}--trust \"{fingerprint}\"\n", "");
    assert!(untrusted.stderr.ends_with(&hint), "{:?}", untrusted.stderr);
    let imported = run(&db, &["import", pkg, "--trust", &fingerprint]);
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    let packages = json(&db, &["packages", "--json"]);
    assert_eq!(packages[0]["manifest"]["id"], "ni-vergabe-kommunen");
    assert_eq!(packages[0]["documents"].as_array().unwrap().len(), 3);
    let again = ok(&db, &["import", pkg]);
    assert!(again.contains("bereits eingelesen"), "{again}");

    // Every service of the package counts and none is ready before anything is entered.
    let status = json(&db, &["status", "--json", "--today", "2026-12-01"]);
    let services = status["services"].as_array().unwrap();
    let n = packages[0]["manifest"]["services"].as_array().unwrap().len();
    assert!(n > 0);
    assert_eq!(services.len(), n);
    assert!(services.iter().all(|s| s["verdict"] == "nicht_bereit"), "{services:?}");
    assert_eq!(services[0]["checks"][0]["check"], "entscheidung");
    assert_eq!(services[0]["checks"][0]["state"], "fehlt");
    assert_eq!(status["verdict"]["ready"], false);
    let missing = format!("{n} von {n} Onlinediensten noch nicht bereit");
    assert!(status["verdict"]["text"].as_str().unwrap().contains(&missing), "{status}");
    let text = ok(&db, &["status", "--today", "2026-12-01"]);
    assert!(text.starts_with("Onlinedienste:") || text.contains("\nOnlinedienste:\n"), "{text}");
    let name = services[0]["name"].as_str().unwrap();
    assert!(
        text.contains(&format!("  {name} (ni-vergabe-kommunen): noch nicht bereit\n")),
        "{text}"
    );
    assert!(
        text.contains(
            "    fehlt: Entscheidung Bedarfsträger – Sie haben noch nicht entschieden, ob Ihre \
             Kommune Bedarfsträger ist.\n"
        ),
        "{text}"
    );
    assert!(text.lines().nth(1).unwrap().contains(&missing), "the verdict comes first: {text}");
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let (dir, db) = fresh();
    ok(&db, &["profile", "set", "--name", "Gemeinde Musterstadt", "--ags", "09162000"]);
    let copy = dir.path().join("sicherung.sqlite");
    let out = ok(&db, &["backup", copy.to_str().unwrap()]);
    assert!(out.contains("Sicherung geschrieben"), "{out}");
    ok(&db, &["profile", "set", "--name", "Anderer Name"]);
    let out = ok(&db, &["restore", copy.to_str().unwrap()]);
    assert!(out.contains("Gemeinde Musterstadt"), "{out}");
    assert!(out.contains("bisherige Datenbank"), "{out}");
    let status = json(&db, &["status", "--json"]);
    assert_eq!(status["profile"]["name"], "Gemeinde Musterstadt");
    let bad = run(&db, &["restore", db.with_file_name("gibt-es-nicht.sqlite").to_str().unwrap()]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("nicht gefunden"), "{}", bad.stderr);
}

/// Copies the example package's source to `to`, with the package ID `id`.
fn example_source(to: &Path, id: &str) {
    let example = Path::new(crate::EXAMPLE);
    std::fs::create_dir_all(to.join("documents")).unwrap();
    for entry in std::fs::read_dir(example.join("documents")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join("documents").join(entry.file_name())).unwrap();
    }
    let mut manifest: Value =
        serde_json::from_slice(&std::fs::read(example.join("manifest.json")).unwrap()).unwrap();
    manifest["id"] = Value::from(id);
    std::fs::write(to.join("manifest.json"), serde_json::to_vec_pretty(&manifest).unwrap())
        .unwrap();
}

#[test]
fn two_imports_at_once_neither_lose_the_database_nor_add_a_task_twice() {
    let (dir, _) = fresh();
    let cli = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_anbindungscheck")).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let key = dir.path().join("land.key");
    let pw = passphrase_file(dir.path());
    let pw = pw.to_str().unwrap();
    let made = cli(&[
        "package",
        "keygen",
        "--out",
        key.to_str().unwrap(),
        "--land",
        "03",
        "--passphrase-file",
        pw,
    ]);
    let fingerprint = made.lines().find_map(|l| l.strip_prefix("Fingerabdruck: ")).unwrap();
    // Two packages that both add the same checklist items: only one of them may be installed.
    let packages: Vec<PathBuf> = ["ni-erstes", "ni-zweites"]
        .iter()
        .map(|id| {
            let source = dir.path().join(id);
            example_source(&source, id);
            let zip = dir.path().join(format!("{id}.zip"));
            let (source, zip_arg) = (source.to_str().unwrap(), zip.to_str().unwrap());
            let key = key.to_str().unwrap();
            cli(&[
                "package",
                "build",
                source,
                "--key",
                key,
                "--passphrase-file",
                pw,
                "-o",
                zip_arg,
            ]);
            zip
        })
        .collect();
    for round in 0..8 {
        // Even rounds start on a new path, odd ones on an existing database.
        let db = dir.path().join(format!("runde-{round}.sqlite"));
        if round % 2 == 1 {
            ok(&db, &["profile", "set", "--name", "Gemeinde Musterstadt", "--ags", "03241001"]);
        }
        let children: Vec<_> = packages
            .iter()
            .map(|zip| {
                Command::new(env!("CARGO_BIN_EXE_anbindungscheck"))
                    .arg("--db")
                    .arg(&db)
                    .arg("import")
                    .arg(zip)
                    .args(["--trust", fingerprint])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|child| child.wait_with_output().unwrap())
            .collect::<Vec<_>>();
        let succeeded = children.iter().filter(|c| c.status.success()).count();
        for child in &children {
            let stderr = String::from_utf8_lossy(&child.stderr);
            assert!(child.status.success() || stderr.starts_with("Fehler: "), "{stderr}");
        }
        assert!(succeeded <= 1, "round {round}: both imports added the same items");
        if succeeded == 0 && round % 2 == 0 {
            assert!(!db.exists(), "round {round}: nothing imported, nothing left");
            continue;
        }
        assert!(db.exists(), "round {round}: a reported import lost its database");
        let installed = json(&db, &["packages", "--json"]);
        assert_eq!(installed.as_array().unwrap().len(), succeeded, "round {round}");
        let documents = sidecar_files(&db, "documents");
        assert_eq!(documents, 3 * succeeded, "round {round}: the documents of what was imported");
    }
}

fn sidecar_files(db: &Path, what: &str) -> usize {
    let dir = db.with_file_name(format!("{}-{what}", db.file_stem().unwrap().to_string_lossy()));
    std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}

#[test]
fn aggregate_never_writes_over_a_report_or_its_other_output() {
    let (dir, _) = fresh();
    let folder = dir.path().join("berichte");
    std::fs::create_dir(&folder).unwrap();
    let report = folder.join("bericht.pdf");
    std::fs::write(&report, b"%PDF-1.7 a report").unwrap();
    let aggregate = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_anbindungscheck"))
            .arg("aggregate")
            .arg(&folder)
            .args(args)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stderr).unwrap())
    };
    let (code, stderr) = aggregate(&["--csv", report.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("ist eine PDF-Datei"), "{stderr}");
    assert_eq!(std::fs::read(&report).unwrap(), b"%PDF-1.7 a report", "the report is untouched");

    let same = dir.path().join("uebersicht.csv");
    let (code, stderr) =
        aggregate(&["--csv", same.to_str().unwrap(), "--json", same.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("--csv und --json nennen dieselbe Datei"), "{stderr}");
    assert!(!same.exists(), "nothing written");
}

#[test]
fn history_refuses_a_reversed_range_and_a_limit_of_zero() {
    let (_dir, db) = fresh();
    ok(&db, &["profile", "set", "--name", "Gemeinde Musterstadt", "--ags", "09162000"]);
    let r = run(&db, &["history", "--since", "2030-01-01", "--until", "2020-01-01"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("Das Bis-Datum 01.01.2020 liegt vor dem Von-Datum 01.01.2030."));
    let r = run(&db, &["history", "--limit", "0"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("mindestens 1"), "{}", r.stderr);
    let last = ok(&db, &["history", "--limit", "1"]);
    assert_eq!(last.lines().count(), 1, "{last}");
    assert!(last.contains("AGS / ARS: – → 09162000"), "{last}");
}

#[test]
fn a_bad_population_is_named_for_what_is_wrong_with_it() {
    let (dir, db) = fresh();
    for (value, why) in [
        ("-5", "„-5“ ist negativ."),
        ("99999999999", "„99999999999“ ist zu groß (höchstens 4294967295)."),
        ("12 000", "„12 000“ ist keine ganze Zahl ohne Trennzeichen."),
    ] {
        let args = ["profile", "set", "--name", "Gemeinde A", "--ags", "09162000"];
        let r = run(&db, &[&args[..], &["--population", value]].concat());
        assert_eq!(r.code, 2, "{value}: {}", r.stderr);
        assert!(r.stderr.contains(&format!("Fehler: Einwohnerzahl {why}")), "{}", r.stderr);
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing written");
}

#[test]
fn a_package_of_another_land_than_the_profiles_is_refused_and_nothing_is_written() {
    let (dir, db) = fresh();
    let cli = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_anbindungscheck")).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let key = dir.path().join("land.key");
    let key = key.to_str().unwrap();
    let pw = passphrase_file(dir.path());
    let pw = pw.to_str().unwrap();
    let made = cli(&["package", "keygen", "--out", key, "--land", "03", "--passphrase-file", pw]);
    let fingerprint = made.lines().find_map(|l| l.strip_prefix("Fingerabdruck: ")).unwrap();
    let pkg = dir.path().join("paket.zip");
    let pkg = pkg.to_str().unwrap();
    cli(&["package", "build", crate::EXAMPLE, "--key", key, "--passphrase-file", pw, "-o", pkg]);

    ok(&db, &["profile", "set", "--name", "Stadt Bremen", "--ags", "04011000"]);
    let before = std::fs::read(&db).unwrap();
    let expected = "Fehler: Dieses Informationspaket ist für Kommunen in Niedersachsen. Ihre \
                    Kommune liegt laut Profil in Bremen (AGS 04011000). Es wurde nichts \
                    eingelesen.\n";
    for args in [
        &["import", pkg, "--dry-run"][..],
        &["import", pkg],
        &["import", pkg, "--trust", fingerprint],
    ] {
        let refused = run(&db, args);
        assert_eq!((refused.code, refused.stderr.as_str()), (2, expected), "{args:?}");
        assert_eq!(refused.stdout, "", "{args:?}");
        assert!(std::fs::read(&db).unwrap() == before, "{args:?} changed the database");
    }
    assert_eq!(json(&db, &["packages", "--json"]), serde_json::json!([]));

    // In Niedersachsen it is taken; back to Bremen is then refused, naming both Länder.
    ok(&db, &["profile", "set", "--ags", "03241001"]);
    ok(&db, &["import", pkg, "--trust", fingerprint]);
    let before = std::fs::read(&db).unwrap();
    let refused = run(&db, &["profile", "set", "--ags", "04011000"]);
    assert_eq!(refused.code, 2, "{}", refused.stdout);
    assert!(
        refused.stderr.starts_with("Fehler: Die AGS 04011000 liegt in Bremen, eingelesen ist aber")
            && refused.stderr.contains("für Kommunen in Niedersachsen"),
        "{}",
        refused.stderr
    );
    assert!(std::fs::read(&db).unwrap() == before, "the refused profile changed the database");
    assert_eq!(json(&db, &["status", "--json"])["profile"]["ags"], "03241001");
}

/// `items --xlsx` and `items --pdf`: the checklist as a spreadsheet and as the work list to print;
/// a bad target is a clear error and leaves no file behind.
#[test]
fn items_are_written_as_a_spreadsheet_and_a_work_list() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let (dir, db) = fresh();
    ok(&db, &["profile", "set", "--name", "Gemeinde Großenkneten", "--ags", "03458005"]);
    let owner = "Frau Müller";
    let args = ["item", "set", "datenschutz-avv", "--status", "in_arbeit", "--owner", owner];
    ok(&db, &[&args[..], &["--due", "2026-12-10", "--note", "=1+1 prüfen"]].concat());
    ok(&db, &["item", "set", "pilot-interesse", "--status", "nicht_zutreffend"]);

    let xlsx = dir.path().join("Checkliste.xlsx");
    let pdf = dir.path().join("Arbeitsliste.pdf");
    let (x, p) = (xlsx.to_str().unwrap(), pdf.to_str().unwrap());
    let out = ok(&db, &["items", "--xlsx", x, "--pdf", p, "--today", "2026-12-20"]);
    let items = json(&db, &["items", "--json"]);
    let items = items.as_array().unwrap();
    assert!(out.contains(&format!("Tabelle geschrieben: {x} ({} Aufgaben)", items.len())), "{out}");
    assert!(out.contains(&format!("Arbeitsliste geschrieben: {p} (")), "{out}");

    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let sheet = book.worksheet_range("Checkliste").unwrap();
    assert_eq!(sheet.height(), items.len() + 1);
    assert_eq!(sheet.get((0, 7)), Some(&Data::String("Fällig am".into())));
    let row = sheet
        .rows()
        .find(|r| r[3] == Data::String("Datenschutz und Auftragsverarbeitung klären".into()))
        .expect("the item's row");
    assert_eq!(row[5], Data::String("In Arbeit".into()));
    assert_eq!(row[6], Data::String(owner.into()));
    match &row[7] {
        Data::DateTime(d) => {
            let (y, m, d, ..) = d.to_ymd_hms_milli();
            assert_eq!((y, m, d), (2026, 12, 10));
        }
        other => panic!("no date: {other:?}"),
    }
    assert_eq!(row[10], Data::String("=1+1 prüfen".into()), "a formula stays text");

    let text = crate::fixtures::pdftotext(&pdf);
    for needle in [
        "Arbeitsliste",
        "Gemeinde Großenkneten",
        "Stand",
        "20.12.2026",
        "Datenschutz und",
        "Quelle: Abschnitt 2, Rechtliche",
        owner,
        "10.12.2026",
        "überfällig",
        "Nicht zutreffend",
    ] {
        assert!(text.contains(needle), "{needle:?} missing in:\n{text}");
    }

    // A folder that does not exist: exit 1 with a clear error, and neither file is left behind.
    let missing = dir.path().join("fehlt");
    let (mx, mp) = (missing.join("Checkliste.xlsx"), missing.join("Arbeitsliste.pdf"));
    for args in [["--xlsx", mx.to_str().unwrap()], ["--pdf", mp.to_str().unwrap()]] {
        let r = run(&db, &[&["items"][..], &args[..]].concat());
        assert_eq!(r.code, 1, "{args:?}: {}", r.stdout);
        assert!(r.stderr.starts_with("Fehler: "), "{}", r.stderr);
        assert!(r.stderr.contains("fehlt"), "the error names the path: {}", r.stderr);
        assert!(!missing.exists());
    }
    // The folder itself as the target: refused, the folder and its neighbours unchanged.
    let before: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    let r = run(&db, &["items", "--pdf", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let after: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(before, after, "no temporary file left");
    // --json lists, it writes nothing: it cannot be combined with a file.
    let r = run(&db, &["items", "--json", "--xlsx", x]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.starts_with("Fehler: "), "{}", r.stderr);

    // The Land's own checklist, the same way: the precondition and its 16 points, the Land named on the work list.
    let land = dir.path().join("land.sqlite");
    ok(&land, &["land", "setup", "--land", "03", "--name", "OZG-Koordination"]);
    let out = ok(&land, &["land", "items", "--xlsx", x, "--pdf", p]);
    assert!(out.contains(&format!("Tabelle geschrieben: {x} (17 Aufgaben)")), "{out}");
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let sheet = book.worksheet_range("Checkliste").unwrap();
    assert_eq!(sheet.height(), 18);
    assert_eq!(sheet.get((1, 4)), Some(&Data::String("Land".into())));
    let text = crate::fixtures::pdftotext(&pdf);
    assert!(text.contains("OZG-Koordination · Land Niedersachsen"), "{text}");
}

#[test]
fn an_amt_is_entered_by_its_ars_and_lists_its_members() {
    let (_dir, db) = fresh();
    let out = ok(
        &db,
        &[
            "profile",
            "set",
            "--name",
            "Amt Hüttener Berge",
            "--ars",
            "0105 8581 9000",
            "--kind",
            "amt",
        ],
    );
    assert_eq!(
        out,
        "Profil gespeichert: Amt Hüttener Berge (Amt, ARS 010585819000, Schleswig-Holstein).\n"
    );
    assert_eq!(
        ok(&db, &["members"]),
        "Noch keine Mitgliedsgemeinden eingetragen (anbindungscheck member add AGS --name …).\n"
    );
    let out = ok(&db, &["member", "add", "01058002", "--name", "Ascheffel"]);
    assert_eq!(out, "Mitglied eingetragen: Ascheffel (AGS 01058002).\n");
    ok(&db, &["member", "add", "01058 001", "--name", "Alt Duvenstedt"]);
    assert_eq!(
        ok(&db, &["members"]),
        "2 Mitgliedsgemeinden:\n  01058001  Alt Duvenstedt\n  01058002  Ascheffel\n"
    );
    assert_eq!(
        json(&db, &["members", "--json"]),
        serde_json::json!([
            {"ags": "01058001", "name": "Alt Duvenstedt"},
            {"ags": "01058002", "name": "Ascheffel"}
        ])
    );
    let shown = ok(&db, &["profile", "show"]);
    assert!(shown.contains("Mitgliedsgemeinden: 2"), "{shown}");
    let profile = json(&db, &["profile", "show", "--json"]);
    assert_eq!(
        (profile["kind"].as_str(), profile["ags"].as_str()),
        (Some("amt"), Some("010585819000"))
    );

    // Refusals: exit code 2, a precise message, the database unchanged.
    let cases: &[(&[&str], &str)] = &[
        (&["member", "add", "01058001", "--name", "Alt Duvenstedt"], "ist schon Mitglied"),
        (&["member", "add", "01059001", "--name", "Borgstedt"], "anderen Kreis"),
        (&["member", "add", "0105800", "--name", "X"], "hat 7 Ziffern"),
        (&["member", "add", "01058003", "--name", " "], "Name der Mitgliedsgemeinde fehlt"),
        (&["member", "remove", "01058009"], "„01058009“ ist kein Mitglied"),
        (&["profile", "set", "--kind", "gemeinde", "--ags", "01058001"], "hat 2 Mitglieder"),
        (&["profile", "set", "--kind", "landkreis"], "Unbekannte Art der Kommune „landkreis“"),
        (
            &["profile", "set", "--ars", "01058581"],
            "ARS „01058581“ hat 8 Ziffern; erforderlich sind genau 12",
        ),
        (&["profile", "set", "--ags", "010585819000"], "hat 12 Ziffern; erforderlich sind genau 8"),
        (&["profile", "set", "--ags", "01058000", "--ars", "010585819000"], "nur einen Schlüssel"),
        (&["profile", "set", "--ars", "010580000000"], "Verbandsteil (Stellen 6 bis 9) ist 0000"),
    ];
    for (args, expected) in cases {
        let before = std::fs::read(&db).unwrap();
        let r = run(&db, args);
        assert_eq!(r.code, 2, "{args:?} should be refused: {}", r.stdout);
        assert!(r.stderr.contains(expected), "{args:?}: {}", r.stderr);
        assert!(std::fs::read(&db).unwrap() == before, "{args:?} changed the database");
    }

    let out = ok(&db, &["member", "remove", "01058002"]);
    assert_eq!(out, "Mitglied entfernt: Ascheffel (AGS 01058002).\n");
    let history = ok(&db, &["history"]);
    assert!(history.contains("Ascheffel (01058002)"), "{history}");
}

#[test]
fn a_gemeinde_has_no_members() {
    let (_dir, db) = fresh();
    ok(&db, &["profile", "set", "--name", "Stadt Beispielhausen", "--ags", "05315000"]);
    let r = run(&db, &["member", "add", "05315001", "--name", "Teil"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("nur ein Gemeindeverband oder ein Kreis"), "{}", r.stderr);
    assert!(ok(&db, &["members"]).contains("als „Gemeinde“ erfasst"));
}

#[test]
fn the_it_departments_settings_trust_a_key_turn_off_restoring_and_a_bad_file_stops_them() {
    let (dir, db) = fresh();
    let tool = |args: &[&str], settings: &Path| {
        let out = Command::new(env!("CARGO_BIN_EXE_anbindungscheck"))
            .args(args)
            .env("ANBINDUNGSCHECK_ADMIN_SETTINGS", settings)
            .output()
            .unwrap();
        let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: text(out.stdout),
            stderr: text(out.stderr),
        }
    };
    let settings = dir.path().join("einstellungen.json");
    let (key, pkg, pw) =
        (dir.path().join("land.key"), dir.path().join("paket.zip"), passphrase_file(dir.path()));
    let [key, pkg, pw, dbs] = [&key, &pkg, &pw, &db].map(|p| p.to_str().unwrap());
    let made = tool(
        &["package", "keygen", "--out", key, "--land", "NI", "--passphrase-file", pw],
        &settings,
    );
    let fingerprint =
        made.stdout.lines().find_map(|l| l.strip_prefix("Fingerabdruck: ")).unwrap().to_owned();
    let built = tool(
        &["package", "build", crate::EXAMPLE, "--key", key, "--passphrase-file", pw, "-o", pkg],
        &settings,
    );
    assert_eq!(built.code, 0, "{}", built.stderr);

    // A bad settings file stops the import with the file and the field named; nothing is written.
    std::fs::write(&settings, r#"{ "vertrauenswuerdige_schluessel": [ { "land": "NI" } ] }"#)
        .unwrap();
    let refused = tool(&["--db", dbs, "import", pkg], &settings);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains(settings.to_str().unwrap()), "{}", refused.stderr);
    assert!(refused.stderr.contains("„fingerabdruck“"), "{}", refused.stderr);
    assert!(!db.exists(), "nothing written");

    // The IT department trusts the Land's key: no --trust needed, and the history says so.
    let json = format!(
        r#"{{ "vertrauenswuerdige_schluessel": [ {{ "land": "Niedersachsen", "fingerabdruck": "{fingerprint}" }} ] }}"#
    );
    std::fs::write(&settings, json).unwrap();
    let imported = tool(&["--db", dbs, "import", pkg], &settings);
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    assert!(imported.stdout.contains("Ihre IT-Abteilung hat den Schlüssel"), "{}", imported.stdout);
    let history = ok(&db, &["history"]);
    assert!(history.contains(&fingerprint), "{history}");

    // Restoring turned off: the tool refuses it too, and the database stays as it was.
    let backup = dir.path().join("sicherung.sqlite");
    assert_eq!(tool(&["--db", dbs, "backup", backup.to_str().unwrap()], &settings).code, 0);
    std::fs::write(&settings, r#"{ "abgeschaltet": ["wiederherstellen"] }"#).unwrap();
    let before = std::fs::read(&db).unwrap();
    let restore = tool(&["--db", dbs, "restore", backup.to_str().unwrap()], &settings);
    assert_eq!(restore.code, 2, "{}", restore.stderr);
    assert!(restore.stderr.contains("hat Ihre IT-Abteilung auf diesem Rechner abgeschaltet"));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}
