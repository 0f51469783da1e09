//! The store against real files: migrations, backups, refusals, the audit trail, persistence.

use anbindungscheck::audit::HistoryFilter;
use anbindungscheck::land_profile::LandProfileInput;
use anbindungscheck::profile::{KommuneKind, Member, ProfileInput};
use anbindungscheck::progress::{BlockingParty, ItemState, Status};
use anbindungscheck::roles::{Person, PersonInput, Role};
use anbindungscheck::store::Store;
use anbindungscheck::store::{backup, migrations};
use anbindungscheck::workspace_kind::WorkspaceKind;
use rusqlite::Connection;
use std::path::Path;

fn profile() -> ProfileInput {
    ProfileInput {
        name: "Gemeinde Musterstadt".into(),
        ags: "09162000".into(),
        population: Some(12_500),
        ..Default::default()
    }
}

/// Writes `profile()` into a database of an older schema, where the store's own code no longer
/// fits the table (the kind came with version 12).
fn old_profile(path: &Path) {
    Connection::open(path)
        .unwrap()
        .execute(
            "INSERT INTO profile (id, name, ags, population, coordinator_name, coordinator_email,
                 coordinator_phone, updated_at)
             VALUES (1, 'Gemeinde Musterstadt', '09162000', 12500, 'Frau Öztürk',
                 'ozg@musterstadt.de', '089 1234', '2026-01-05T10:00:00Z')",
            [],
        )
        .unwrap();
}

fn user_version(path: &Path) -> i64 {
    let conn = Connection::open(path).unwrap();
    conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
}

fn row_counts(path: &Path) -> Vec<(String, i64)> {
    let conn = Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let n =
                conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).unwrap();
            (t, n)
        })
        .collect()
}

#[test]
fn new_database_is_created_at_the_current_schema_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/folder/db.sqlite");
    let store = Store::open(&path).unwrap();
    drop(store);
    assert_eq!(user_version(&path), migrations::current_version());
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap();
    assert_eq!(app_id, WorkspaceKind::Kommune.application_id());
    assert!(!backup::dir_for(&path).exists(), "a new database needs no backup");
}

#[test]
fn an_empty_database_another_store_has_open_is_never_removed() {
    // A command that created a database and left it empty removes it, but not while another
    // process (here: another store) has it open: on Unix the folder lock says so, on Windows the
    // system refuses to delete a file SQLite holds open.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    let open = Store::open(&path).unwrap();
    anbindungscheck::store::remove_if_unused(&path);
    assert!(path.is_file(), "the database of an open store stays");
    drop(open);
    anbindungscheck::store::remove_if_unused(&path);
    assert!(!path.exists(), "once closed, the empty database goes");
}

#[test]
fn every_earlier_schema_migrates_with_its_data() {
    let all = migrations::MIGRATIONS;
    for version in 0..all.len() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        if version > 0 {
            let mut store =
                Store::open_with(&path, WorkspaceKind::Kommune, &all[..version]).unwrap();
            // Version 1 already has the profile and progress tables.
            old_profile(&path);
            store
                .set_item(
                    "datenschutz-avv",
                    &ItemState { status: Status::Erledigt, ..Default::default() },
                )
                .unwrap();
        } else {
            std::fs::File::create(&path).unwrap();
        }
        let before = row_counts(&path);
        let mut store = Store::open(&path).unwrap();
        assert_eq!(user_version(&path), migrations::current_version());
        let after = row_counts(&path);
        for (table, n) in &before {
            let now = after.iter().find(|(t, _)| t == table).map(|(_, n)| *n);
            assert_eq!(now, Some(*n), "rows of {table} after migrating from v{version}");
        }
        if version > 0 {
            assert_eq!(store.profile().unwrap().unwrap().name, "Gemeinde Musterstadt");
            assert_eq!(store.item_progress("datenschutz-avv").unwrap().status, Status::Erledigt);
            assert_eq!(
                backup::list(&backup::dir_for(&path), "db").unwrap().len(),
                usize::from(version < all.len())
            );
        }
        store.set_profile(&ProfileInput { name: "Neu".into(), ..profile() }).unwrap();
    }
}

#[test]
fn version_10_takes_the_new_parties_and_role_and_keeps_people_and_their_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    let person = |role, name: &str| PersonInput {
        role,
        name: name.into(),
        email: Some("it@musterstadt.de".into()),
        phone: None,
    };
    let blocked = |party| ItemState {
        status: Status::ExternBlockiert,
        blocked_by: Some(party),
        blocked_text: Some("Kreistag tagt im März".into()),
        ..Default::default()
    };
    let v9 = &migrations::MIGRATIONS[..9];
    let mut store = Store::open_with(&path, WorkspaceKind::Kommune, v9).unwrap();
    let kept = store.save_person(None, &person(Role::Technik, "Frau Ünal")).unwrap();
    let removed = store.save_person(None, &person(Role::Betrieb, "Herr Beck")).unwrap();
    store.remove_person(removed.id).unwrap();
    store.set_item("datenschutz-avv", &blocked(BlockingParty::Sonstige)).unwrap();
    // The old schema refuses the new keys.
    assert!(store.set_item("datenschutz-avv", &blocked(BlockingParty::Gremium)).is_err());
    assert!(store.save_person(None, &person(Role::Informationssicherheit, "Herr Yilmaz")).is_err());
    drop(store);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.people().unwrap(), std::slice::from_ref(&kept));
    assert_eq!(
        store.item_progress("datenschutz-avv").unwrap().blocked_by,
        Some(BlockingParty::Sonstige)
    );
    for party in [BlockingParty::ItDienstleister, BlockingParty::Gremium] {
        store.set_item("datenschutz-avv", &blocked(party)).unwrap();
        assert_eq!(store.item_progress("datenschutz-avv").unwrap().blocked_by, Some(party));
    }
    let isms =
        store.save_person(None, &person(Role::Informationssicherheit, "Herr Yilmaz")).unwrap();
    assert_eq!(isms.role_label, "Informationssicherheit");
    assert!(isms.id > removed.id, "the id of a removed person is not given out again");
    let roles: Vec<Role> = store.people().unwrap().iter().map(|p| p.role).collect();
    assert_eq!(roles, [Role::Technik, Role::Informationssicherheit]);
}

#[test]
fn version_12_keeps_one_ozg_contact_in_the_profile_and_the_other_people_as_deputies() {
    let v12 = &migrations::MIGRATIONS[..12];
    let person = |role, name: &str, email: Option<&str>, phone: Option<&str>| PersonInput {
        role,
        name: name.into(),
        email: email.map(Into::into),
        phone: phone.map(Into::into),
    };
    let contact = |store: &Store| {
        let p = store.profile().unwrap().unwrap();
        (p.coordinator_name, p.coordinator_email, p.coordinator_phone)
    };
    let some = |s: &str| Some(s.to_owned());

    // The profile names the contact without a phone; the same person is also in the roles,
    // with a phone, and a second person of that role is her deputy.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    let mut store = Store::open_with(&path, WorkspaceKind::Kommune, v12).unwrap();
    store
        .set_profile(&ProfileInput { coordinator_name: some("Frau Öztürk"), ..profile() })
        .unwrap();
    let copy = person(Role::OzgKoordination, "Frau Öztürk", None, Some("089 1234"));
    store.save_person(None, &copy).unwrap();
    let deputy = person(Role::OzgKoordination, "Herr Lang", Some("lang@musterstadt.de"), None);
    let deputy = store.save_person(None, &deputy).unwrap();
    let tech = store.save_person(None, &person(Role::Technik, "Frau Ünal", None, None)).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(contact(&store), (some("Frau Öztürk"), None, some("089 1234")));
    let people = store.people().unwrap();
    assert_eq!(people.iter().map(|p| p.id).collect::<Vec<_>>(), [deputy.id, tech.id]);
    assert_eq!(people[0].role_label, "Stellvertretung OZG-Umsetzung");

    // No contact in the profile: the first person of that role moves there.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    let mut store = Store::open_with(&path, WorkspaceKind::Kommune, v12).unwrap();
    store.set_profile(&profile()).unwrap();
    let first = person(Role::OzgKoordination, "Frau Öztürk", Some("ozg@musterstadt.de"), None);
    store.save_person(None, &first).unwrap();
    let deputy = person(Role::OzgKoordination, "Herr Lang", None, Some("089 99"));
    let deputy = store.save_person(None, &deputy).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(contact(&store), (some("Frau Öztürk"), some("ozg@musterstadt.de"), None));
    assert_eq!(
        store.people().unwrap(),
        [Person { role_label: "Stellvertretung OZG-Umsetzung".into(), ..deputy }]
    );
}

#[test]
fn version_11_brings_catalogue_2_and_keeps_all_progress_on_catalogue_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    let state = |status, note: &str| ItemState {
        status,
        owner: Some("Frau Özdemir".into()),
        note: Some(note.into()),
        ..Default::default()
    };
    let worked_on = [
        ("finanzierung-kosten", state(Status::Erledigt, "Kostenstaffel geprüft")),
        ("datenschutz-avv", state(Status::InArbeit, "AVV liegt beim DSB")),
        ("anbindungsdaten", state(Status::InArbeit, "Zustellpunkt beantragt")),
        ("systeme-analysieren", state(Status::InArbeit, "Termin mit dem Hersteller")),
    ];
    let mut store =
        Store::open_with(&path, WorkspaceKind::Kommune, &migrations::MIGRATIONS[..10]).unwrap();
    old_profile(&path);
    for (id, s) in &worked_on {
        store.set_item(id, s).unwrap();
    }
    drop(store);

    let store = Store::open(&path).unwrap();
    let after = store.checklist().unwrap();
    for (id, s) in &worked_on {
        let progress = store.item_progress(id).unwrap();
        assert_eq!(
            (progress.status, progress.owner.as_ref(), progress.note.as_ref()),
            (s.status, s.owner.as_ref(), s.note.as_ref()),
            "{id}"
        );
    }
    // The items new in catalogue 2 are there, open.
    for id in ["anbindung-land", "fachverfahren-land", "veranstaltungen-land", "austausch-land"] {
        let entry = after.entries.iter().find(|e| e.item.id == id).unwrap();
        assert_eq!(entry.progress.status, Status::Offen, "{id}");
    }
    assert!(after.entries.iter().all(|e| e.item.number > 0));
    // Only the item whose meaning changed, and only because it was worked on, asks for a look.
    let reviewed: Vec<(&str, &str)> = after
        .entries
        .iter()
        .filter_map(|e| Some((e.item.id.as_str(), e.review.as_deref()?)))
        .collect();
    assert_eq!(reviewed.len(), 1, "{reviewed:?}");
    assert_eq!(reviewed[0].0, "systeme-analysieren");
    assert!(reviewed[0].1.contains("Vollzugsteam"));
}

#[test]
fn version_12_keeps_the_profile_and_takes_gemeindeverbaende() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    let full = ProfileInput {
        coordinator_name: Some("Frau Öztürk".into()),
        coordinator_email: Some("ozg@musterstadt.de".into()),
        coordinator_phone: Some("089 1234".into()),
        ..profile()
    };
    let v11 = &migrations::MIGRATIONS[..11];
    drop(Store::open_with(&path, WorkspaceKind::Kommune, v11).unwrap());
    old_profile(&path);
    let before = full.validate().unwrap();

    let mut store = Store::open(&path).unwrap();
    assert_eq!(user_version(&path), migrations::current_version());
    let kept = store.profile().unwrap().unwrap();
    assert_eq!(kept, before);
    assert_eq!(kept.kind, KommuneKind::Gemeinde);
    // The new schema takes an Amt with its 12-digit ARS.
    let amt = ProfileInput {
        name: "Amt Musterland".into(),
        ags: "010595988000".into(),
        kind: Some(KommuneKind::Amt),
        ..full
    };
    let stored = store.set_profile(&amt).unwrap();
    assert_eq!((stored.ags.as_str(), stored.land.as_str()), ("010595988000", "Schleswig-Holstein"));
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.profile().unwrap().unwrap().kind, KommuneKind::Amt);
    let history = store.history(&HistoryFilter::default()).unwrap();
    let kind = history.iter().find(|h| h.field == "kommune_kind").unwrap();
    assert_eq!(
        (kind.old_display.as_deref(), kind.new_display.as_deref()),
        (Some("Gemeinde"), Some("Amt"))
    );
}

#[test]
fn members_of_an_amt_are_stored_and_recorded_in_the_history() {
    let mut store = Store::open_in_memory().unwrap();
    let member = |ags: &str, name: &str| Member { ags: ags.into(), name: name.into() };
    // A Gemeinde has no members.
    store.set_profile(&profile()).unwrap();
    let err = store.add_member(&member("09162001", "Teil")).unwrap_err();
    assert_eq!(err.field(), Some("kind"));
    let amt = ProfileInput {
        name: "Amt Hüttener Berge".into(),
        ags: "010585819000".into(),
        kind: Some(KommuneKind::Amt),
        ..profile()
    };
    store.set_profile(&amt).unwrap();
    store.add_member(&member("01058002", "Ascheffel")).unwrap();
    store.add_member(&member("01058 001", "Alt Duvenstedt")).unwrap();
    let err = store.add_member(&member("01058002", "Ascheffel")).unwrap_err();
    assert!(err.to_string().contains("schon Mitglied"), "{err}");
    assert_eq!(
        store.members().unwrap(),
        [member("01058001", "Alt Duvenstedt"), member("01058002", "Ascheffel")]
    );
    // The profile cannot leave its members behind.
    let err = store
        .set_profile(&ProfileInput { kind: Some(KommuneKind::Gemeinde), ..profile() })
        .unwrap_err();
    assert!(err.to_string().contains("2 Mitglieder"), "{err}");
    assert_eq!(store.profile().unwrap().unwrap().kind, KommuneKind::Amt);

    assert_eq!(store.remove_member("01058002").unwrap().name, "Ascheffel");
    let err = store.remove_member("01058002").unwrap_err();
    assert!(err.to_string().contains("kein Mitglied"), "{err}");
    assert_eq!(store.members().unwrap().len(), 1);

    let history = store.history(&HistoryFilter::default()).unwrap();
    let members: Vec<_> = history
        .iter()
        .filter(|h| h.field == "member")
        .map(|h| {
            (h.subject.as_str(), h.field_label.as_str(), h.old_value.clone(), h.new_value.clone())
        })
        .collect();
    let s = |v: &str| Some(v.to_owned());
    assert_eq!(
        members,
        [
            ("Profil", "Mitglied", s("Ascheffel (01058002)"), None),
            ("Profil", "Mitglied", None, s("Alt Duvenstedt (01058001)")),
            ("Profil", "Mitglied", None, s("Ascheffel (01058002)")),
        ]
    );
}

/// A later schema version, to exercise the migration machinery beyond the shipped migrations.
const EXTRA: &str = "CREATE TABLE extra (x INTEGER)";

#[test]
fn migration_writes_a_backup_first_that_holds_the_old_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    let base = migrations::MIGRATIONS.to_vec();
    Store::open(&path).unwrap().set_profile(&profile()).unwrap();

    let mut next = base.clone();
    next.push(EXTRA);
    Store::open_with(&path, WorkspaceKind::Kommune, &next).unwrap();
    assert_eq!(user_version(&path), base.len() as i64 + 1);

    let backups = backup::list(&backup::dir_for(&path), "db").unwrap();
    assert_eq!(backups.len(), 1);
    assert_eq!(user_version(&backups[0]), base.len() as i64);
    let copy = Store::open_with(&backups[0], WorkspaceKind::Kommune, &base).unwrap();
    assert_eq!(copy.profile().unwrap().unwrap().ags, "09162000");
}

#[test]
fn a_failing_migration_leaves_the_original_untouched_and_its_backup_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    Store::open(&path).unwrap().set_profile(&profile()).unwrap();
    let original = std::fs::read(&path).unwrap();

    let mut broken = migrations::MIGRATIONS.to_vec();
    broken.push(EXTRA);
    broken.push("CREATE TABLE profile (x)"); // fails: the table exists
    let err = Store::open_with(&path, WorkspaceKind::Kommune, &broken)
        .err()
        .expect("migration must fail");
    assert_eq!(err.code(), "database");

    assert!(std::fs::read(&path).unwrap() == original, "database file changed");
    assert_eq!(user_version(&path), migrations::current_version());
    let conn = Connection::open(&path).unwrap();
    let extra: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'extra'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(extra, 0, "the first migration of the failed batch must be rolled back too");
    assert_eq!(backup::list(&backup::dir_for(&path), "db").unwrap().len(), 1);
}

#[test]
fn only_the_last_five_backups_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    let mut list = migrations::MIGRATIONS.to_vec();
    Store::open_with(&path, WorkspaceKind::Kommune, &list).unwrap();
    let extras: Vec<String> = (0..7).map(|i| format!("CREATE TABLE extra{i} (x)")).collect();
    for sql in &extras {
        list.push(sql);
        Store::open_with(&path, WorkspaceKind::Kommune, &list).unwrap();
    }
    let backups = backup::list(&backup::dir_for(&path), "db").unwrap();
    assert_eq!(backups.len(), backup::KEEP);
    // The newest backup is of the version just before the last migration.
    assert_eq!(user_version(backups.last().unwrap()), list.len() as i64 - 1);
}

#[test]
fn newer_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    Store::open(&path).unwrap().set_profile(&profile()).unwrap();
    Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let original = std::fs::read(&path).unwrap();

    let err = Store::open(&path).err().expect("newer schema must be refused");
    assert_eq!(err.code(), "schema_newer");
    assert!(err.to_string().contains("neueren Version"), "{err}");
    assert!(err.to_string().contains("Schema 99"), "{err}");
    assert!(std::fs::read(&path).unwrap() == original, "file changed");
    assert!(!backup::dir_for(&path).exists());
}

#[test]
fn foreign_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "Dies ist keine Datenbank, sondern eine Notiz mit etwas Text.").unwrap();
    let other = dir.path().join("other.sqlite");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    for path in [text, other] {
        let original = std::fs::read(&path).unwrap();
        let err = Store::open(&path).err().expect("foreign file must be refused");
        assert_eq!(err.code(), "database_foreign", "{}: {err}", path.display());
        assert!(std::fs::read(&path).unwrap() == original, "file changed");
    }
}

/// A database of the Land's workspace with its profile and one task worked on.
fn land_database(path: &Path) {
    let mut store = Store::open_as(path, WorkspaceKind::Land).unwrap();
    store.set_land_profile(&land_profile()).unwrap();
    let first = store.checklist().unwrap().entries[0].item.id.clone();
    store.set_item(&first, &ItemState { status: Status::InArbeit, ..Default::default() }).unwrap();
}

fn land_profile() -> LandProfileInput {
    LandProfileInput { land_code: "03".into(), name: "OZG-Koordination Niedersachsen".into() }
}

#[test]
fn a_database_of_the_other_workspace_is_refused_untouched_naming_both_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let land = dir.path().join("land.sqlite");
    land_database(&land);
    let original = std::fs::read(&land).unwrap();
    let err = Store::open(&land).err().expect("a Land database must be refused");
    assert_eq!(err.code(), "workspace_wrong_kind", "{err}");
    let message = err.to_string();
    assert!(message.contains("„Land (OZG-Koordination)“"), "{message}");
    assert!(message.contains("„Kommune“"), "{message}");
    assert!(message.contains("nicht verändert"), "{message}");
    assert!(std::fs::read(&land).unwrap() == original, "file changed");
    assert!(!dir.path().join("backups").exists(), "no backup written");

    // And the other way round.
    let db = dir.path().join("kommune.sqlite");
    Store::open(&db).unwrap().set_profile(&profile()).unwrap();
    let before = std::fs::read(&db).unwrap();
    let err = Store::open_as(&db, WorkspaceKind::Land).err().expect("must be refused");
    assert_eq!(err.code(), "workspace_wrong_kind", "{err}");
    assert!(err.to_string().contains("Datenbank des Arbeitsbereichs „Kommune“"), "{err}");
    assert!(std::fs::read(&db).unwrap() == before, "database changed");

    // Neither restored into a municipality's database, nor replaced by one.
    let err = backup::restore(&db, WorkspaceKind::Kommune, &land).expect_err("must be refused");
    assert_eq!(err.code(), "workspace_wrong_kind", "{err}");
    assert!(std::fs::read(&db).unwrap() == before, "database changed");
    let copy = dir.path().join("sicherung.sqlite");
    Store::open(&db).unwrap().backup_to(&copy).unwrap();
    let err = backup::restore(&land, WorkspaceKind::Land, &copy).unwrap_err();
    assert_eq!(err.code(), "workspace_wrong_kind");
    assert!(std::fs::read(&land).unwrap() == original, "Land database changed");

    // A Land's backup restores into the Land's workspace.
    let land_copy = dir.path().join("land-sicherung.sqlite");
    Store::open_as(&land, WorkspaceKind::Land).unwrap().backup_to(&land_copy).unwrap();
    let land2 = dir.path().join("land2.sqlite");
    backup::restore(&land2, WorkspaceKind::Land, &land_copy).unwrap();
    let restored = Store::open_as(&land2, WorkspaceKind::Land).unwrap();
    assert_eq!(restored.land_profile().unwrap().unwrap().land, "Niedersachsen");
}

#[test]
fn the_lands_workspace_works_through_the_lands_own_checklist() {
    let mut store = Store::open_in_memory_as(WorkspaceKind::Land).unwrap();
    assert_eq!(store.kind(), WorkspaceKind::Land);
    assert_eq!(store.land_profile().unwrap(), None);
    let checklist = store.checklist().unwrap();
    let points: Vec<&str> = checklist.entries.iter().map(|e| e.item.point.as_str()).collect();
    assert_eq!(points.len(), 17, "the precondition and the 16 bullets: {points:?}");
    assert!(checklist.entries.iter().all(|e| e.item.package.is_none()));
    // The municipality's built-in items are not the Land's.
    let municipal = Store::open_in_memory().unwrap().checklist().unwrap();
    assert!(municipal
        .entries
        .iter()
        .all(|m| checklist.entries.iter().all(|l| l.item.id != m.item.id)));

    let profile = store.set_land_profile(&land_profile()).unwrap();
    assert_eq!((profile.land_code.as_str(), profile.land.as_str()), ("03", "Niedersachsen"));
    let id = checklist.entries[3].item.id.clone();
    let state = ItemState {
        status: Status::ExternBlockiert,
        blocked_by: Some(BlockingParty::Hersteller),
        owner: Some("Referat 21".into()),
        due: Some("2027-03-31".into()),
        note: Some("Gespräch mit den Herstellern am 15.1.".into()),
        ..Default::default()
    };
    store.set_item(&id, &state).unwrap();
    let status = store.status(chrono::NaiveDate::from_ymd_opt(2027, 1, 10).unwrap()).unwrap();
    assert_eq!(status.blockers.len(), 1, "{:?}", status.blockers);
    let history = store.history(&HistoryFilter { item_id: Some(id.clone()), ..Default::default() });
    let fields: Vec<String> = history.unwrap().into_iter().map(|h| h.field).collect();
    assert!(fields.contains(&"status".to_owned()) && fields.contains(&"owner".to_owned()));
    let all = store.history(&HistoryFilter::default()).unwrap();
    let land = all.iter().find(|h| h.entity == "land" && h.field == "land_code").unwrap();
    assert_eq!((land.subject.as_str(), land.field_label.as_str()), ("Profil", "Land"));
    assert_eq!(land.new_display.as_deref(), Some("Niedersachsen"));
    // An item of the municipality's checklist is unknown here.
    let municipal_id = &municipal.entries[0].item.id;
    assert_eq!(store.set_item(municipal_id, &state).unwrap_err().code(), "not_found");
}

#[test]
fn audit_trail_records_every_changed_field_once() {
    let mut store = Store::open_in_memory().unwrap();
    store.set_profile(&profile()).unwrap();
    store.set_profile(&profile()).unwrap(); // no change, no entry
    store
        .set_profile(&ProfileInput {
            coordinator_email: Some("ozg@musterstadt.de".into()),
            ..profile()
        })
        .unwrap();
    let blocked = ItemState {
        status: Status::ExternBlockiert,
        blocked_by: Some(BlockingParty::Fitko),
        owner: Some("Herr Kaya".into()),
        ..Default::default()
    };
    store.set_item("saas-vertrag-land", &blocked).unwrap();
    store.set_item("saas-vertrag-land", &blocked).unwrap();
    let done = ItemState {
        status: Status::Erledigt,
        owner: Some("Herr Kaya".into()),
        ..Default::default()
    };
    store.set_item("saas-vertrag-land", &done).unwrap();

    let all = store.history(&HistoryFilter::default()).unwrap();
    let fields: Vec<(String, Option<String>, Option<String>)> = all
        .iter()
        .rev()
        .map(|e| (e.field.clone(), e.old_value.clone(), e.new_value.clone()))
        .collect();
    let s = |v: &str| Some(v.to_owned());
    assert_eq!(
        fields,
        [
            ("name".into(), None, s("Gemeinde Musterstadt")),
            ("ags".into(), None, s("09162000")),
            ("population".into(), None, s("12500")),
            ("coordinator_email".into(), None, s("ozg@musterstadt.de")),
            ("status".into(), s("offen"), s("extern_blockiert")),
            ("blocked_by".into(), None, s("fitko")),
            ("owner".into(), None, s("Herr Kaya")),
            ("status".into(), s("extern_blockiert"), s("erledigt")),
            ("blocked_by".into(), s("fitko"), None),
        ]
    );
    let item_only = store
        .history(&HistoryFilter { item_id: Some("saas-vertrag-land".into()), ..Default::default() })
        .unwrap();
    assert_eq!(item_only.len(), 5);
    assert!(item_only.iter().all(|e| e.item_title.as_deref()
        == Some("Land hat den SaaS-Nachnutzungsvertrag mit der FITKO geschlossen")));
    let limited = store.history(&HistoryFilter { limit: Some(2), ..Default::default() }).unwrap();
    assert_eq!(limited.len(), 2);
    assert_eq!(limited[0].field, "blocked_by", "newest first");
    let future = store
        .history(&HistoryFilter { since: Some("2099-01-01".into()), ..Default::default() })
        .unwrap();
    assert!(future.is_empty());
    let bad = store.history(&HistoryFilter { until: Some("gestern".into()), ..Default::default() });
    assert_eq!(bad.unwrap_err().field(), Some("until"));
}

#[test]
fn a_rejected_change_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let bad = ItemState {
        status: Status::ExternBlockiert,
        owner: Some("X".into()),
        ..Default::default()
    };
    assert!(store.set_item("datenschutz-avv", &bad).is_err());
    assert!(store.set_item("gibt-es-nicht", &ItemState::default()).is_err());
    assert!(store.set_profile(&ProfileInput { ags: "99".into(), ..profile() }).is_err());
    assert!(store.progress().unwrap().is_empty());
    assert!(store.profile().unwrap().is_none());
    assert!(store.history(&HistoryFilter::default()).unwrap().is_empty());
}

#[test]
fn everything_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    {
        let mut store = Store::open(&path).unwrap();
        store.set_profile(&profile()).unwrap();
        store
            .set_item(
                "finanzierung-haushalt",
                &ItemState {
                    status: Status::InArbeit,
                    due: Some("2027-02-15".into()),
                    note: Some("Haushaltsentwurf 2027,\nKämmerei informiert".into()),
                    ..Default::default()
                },
            )
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.profile().unwrap().unwrap().land, "Bayern");
    let p = store.item_progress("finanzierung-haushalt").unwrap();
    assert_eq!(p.status, Status::InArbeit);
    assert_eq!(p.due.unwrap().to_string(), "2027-02-15");
    assert_eq!(p.note.as_deref(), Some("Haushaltsentwurf 2027,\nKämmerei informiert"));
    assert!(p.updated_at.is_some());
}

#[test]
fn backup_and_restore_round_trip_and_keep_the_current_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    let copy = dir.path().join("sicherung.sqlite");
    {
        let mut store = Store::open(&path).unwrap();
        store.set_profile(&profile()).unwrap();
        store
            .set_item(
                "datenschutz-avv",
                &ItemState { status: Status::Erledigt, ..Default::default() },
            )
            .unwrap();
        store.backup_to(&copy).unwrap();
        // Work goes on after the backup …
        store
            .set_item("datenschutz-avv", &ItemState { status: Status::Offen, ..Default::default() })
            .unwrap();
    }
    // … and the restore brings back the state of the backup, keeping the current one.
    let kept = backup::restore(&path, WorkspaceKind::Kommune, &copy)
        .unwrap()
        .expect("current database kept");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.item_progress("datenschutz-avv").unwrap().status, Status::Erledigt);
    assert_eq!(store.profile().unwrap().unwrap().ags, "09162000");
    let previous = Store::open(&kept).unwrap();
    assert_eq!(previous.item_progress("datenschutz-avv").unwrap().status, Status::Offen);
}

#[test]
fn restore_refuses_foreign_damaged_and_newer_files_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    Store::open(&path).unwrap().set_profile(&profile()).unwrap();
    let original = std::fs::read(&path).unwrap();

    let text = dir.path().join("notiz.sqlite");
    std::fs::write(&text, "keine Datenbank, nur eine Notiz mit etwas mehr Text darin").unwrap();
    let empty = dir.path().join("leer.sqlite");
    std::fs::write(&empty, "").unwrap();
    let newer = dir.path().join("neuer.sqlite");
    Store::open(&newer).unwrap();
    Connection::open(&newer).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let damaged = dir.path().join("kaputt.sqlite");
    {
        let mut store = Store::open(&damaged).unwrap();
        for i in 0..200 {
            store
                .set_item(
                    "datenschutz-avv",
                    &ItemState {
                        note: Some(format!("Notiz {i} {}", "x".repeat(200))),
                        ..Default::default()
                    },
                )
                .unwrap();
        }
    }
    let mut bytes = std::fs::read(&damaged).unwrap();
    let len = bytes.len();
    for b in &mut bytes[len / 2..len / 2 + 4096] {
        *b = 0xA5;
    }
    std::fs::write(&damaged, bytes).unwrap();

    for (file, code) in [
        (&text, "database_foreign"),
        (&empty, "validation"),
        (&newer, "schema_newer"),
        (&damaged, ""),
    ] {
        let err =
            backup::restore(&path, WorkspaceKind::Kommune, file).expect_err("must be refused");
        if !code.is_empty() {
            assert_eq!(err.code(), code, "{}: {err}", file.display());
        }
        assert!(std::fs::read(&path).unwrap() == original, "{}: database changed", file.display());
    }
}
