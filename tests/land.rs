//! The Land's workspace end to end through the command layer: a key made in the app, the draft
//! published as a signed package that a municipality imports, the next edition signed by a new
//! key its predecessor endorsed, and a revocation that reaches the municipality with a package.

use anbindungscheck::api::{self, Ctx, Desktop, FileDialog, KeyFile, Workspace};
use anbindungscheck::error_code::ErrorCode;
use anbindungscheck::installed::KeyStatus;
use anbindungscheck::land_key::KeyState;
use anbindungscheck::land_profile::LandProfileInput;
use anbindungscheck::package::manifest::parse_manifest;
use anbindungscheck::workspace_kind::WorkspaceKind;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

const PASSPHRASE: &str = "Ein langer Satz als Passphrase";
const NEW_PASSPHRASE: &str = "Noch ein langer Satz, der neue";

/// Answers every dialog with `file`; today is 6 December 2026.
struct Answer(Option<PathBuf>);

impl Desktop for Answer {
    fn pick_file(&self, _: &FileDialog) -> api::Result<Option<PathBuf>> {
        Ok(self.0.clone())
    }
    fn save_file(&self, _: &FileDialog) -> api::Result<Option<PathBuf>> {
        Ok(self.0.clone())
    }
    fn open_path(&self, _: &Path) -> api::Result<()> {
        Ok(())
    }
    fn today(&self) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
    }
}

fn cx<'a>(workspace: &'a Workspace, answer: &'a Answer) -> Ctx<'a> {
    Ctx { workspace, desktop: answer }
}

/// A Land's workspace with its profile and the example package as its draft (documents added
/// through the dialog).
fn land_with_draft(dir: &Path) -> Workspace {
    let land = Workspace::open_as(Some(dir.join("land.sqlite")), WorkspaceKind::Land);
    let none = Answer(None);
    let input = LandProfileInput { land_code: "03".into(), name: "MI, OZG-Koordination".into() };
    api::set_land_profile(&cx(&land, &none), input).unwrap();
    let text = std::fs::read_to_string(Path::new(crate::EXAMPLE).join("manifest.json")).unwrap();
    let mut manifest = parse_manifest(&text).unwrap();
    let documents = std::mem::take(&mut manifest.documents);
    manifest.reuse_model.document = None;
    api::save_package_draft(&cx(&land, &none), manifest).unwrap();
    for d in &documents {
        let file = Path::new(crate::EXAMPLE).join(&d.path);
        let answer = Answer(Some(file));
        api::add_draft_document(&cx(&land, &answer), Some(d.title.clone())).unwrap().unwrap();
    }
    let mut manifest = api::get_package_draft(&cx(&land, &none)).unwrap().manifest;
    manifest.reuse_model.document = Some("documents/verwaltungsvereinbarung.pdf".into());
    let draft = api::save_package_draft(&cx(&land, &none), manifest).unwrap();
    assert_eq!(draft.issues, vec![], "the example is complete");
    land
}

/// Imports `package` into the municipality's workspace, confirming `trust` if given.
fn import(kommune: &Workspace, package: &Path, trust: Option<&str>) -> api::Result<KeyStatus> {
    let answer = Answer(Some(package.to_owned()));
    let cx = cx(kommune, &answer);
    let preview = api::choose_package(&cx)?.expect("a package was picked");
    api::import_package(&cx, trust.map(str::to_owned))?;
    Ok(preview.key)
}

#[test]
fn the_land_publishes_changes_its_key_and_revokes_and_the_municipality_follows() {
    let dir = tempfile::tempdir().unwrap();
    let land = land_with_draft(dir.path());
    let none = Answer(None);
    let out = |name: &str| Answer(Some(dir.path().join(name)));

    // No key yet: publishing says what to do.
    let err = api::publish_package(&cx(&land, &out("v1.zip")), PASSPHRASE.into()).unwrap_err();
    assert!(err.to_string().contains("unter „Schlüssel“"), "{err}");
    let err = api::create_land_key(&cx(&land, &none), "zu kurz".into()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    let first = api::create_land_key(&cx(&land, &none), PASSPHRASE.into()).unwrap();
    assert_eq!(first.state, KeyState::Aktiv);
    let err = api::create_land_key(&cx(&land, &none), PASSPHRASE.into()).unwrap_err();
    assert!(err.to_string().contains("Schlüssel wechseln"), "{err}");

    // A wrong passphrase is named, and nothing is written or recorded.
    let err =
        api::publish_package(&cx(&land, &out("v1.zip")), "falsche Passphrase!".into()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::KeyPassphrase);
    assert!(!dir.path().join("v1.zip").exists());
    assert_eq!(api::list_publications(&cx(&land, &none)).unwrap(), vec![]);
    // A cancelled save dialog publishes nothing.
    assert_eq!(api::publish_package(&cx(&land, &none), PASSPHRASE.into()).unwrap(), None);

    let v1 = api::publish_package(&cx(&land, &out("v1.zip")), PASSPHRASE.into()).unwrap().unwrap();
    let bytes = std::fs::read(dir.path().join("v1.zip")).unwrap();
    assert_eq!(v1.version, 1);
    assert_eq!(v1.fingerprint, first.fingerprint);
    assert_eq!(v1.sha256, anbindungscheck::package::signing::hex(&Sha256::digest(&bytes)));
    assert_eq!(v1.bytes, bytes.len() as u64);
    // The next edition starts from this one.
    let draft = api::get_package_draft(&cx(&land, &none)).unwrap();
    assert_eq!((draft.manifest.version, draft.manifest.issued.as_str()), (2, "2026-12-06"));
    assert_eq!(draft.published.as_ref().map(|p| p.version), Some(1));

    // The municipality imports it with the fingerprint and finds its services.
    let kommune = Workspace::open(Some(dir.path().join("kommune.sqlite")));
    import(&kommune, &dir.path().join("v1.zip"), Some(&first.fingerprint)).unwrap();
    let packages = api::list_packages(&cx(&kommune, &none)).unwrap();
    let services: Vec<&str> =
        packages[0].manifest.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(services.len(), 3, "{services:?}");

    // Version 2 changes one task; the Land sees the municipality's review of it.
    let mut manifest = draft.manifest;
    manifest.checklist.additions[0].title = "Verwaltungsvereinbarung unterschreiben".into();
    api::save_package_draft(&cx(&land, &none), manifest).unwrap();
    let review = api::review_package_draft(&cx(&land, &none)).unwrap();
    assert_eq!(review.installed_version, Some(1));
    assert_eq!(review.changes.len(), 1, "{:?}", review.changes);

    // A new key, endorsed by the old one, signs version 2; the municipality takes it over.
    let err = api::replace_land_key(
        &cx(&land, &none),
        "falsche Passphrase!".into(),
        NEW_PASSPHRASE.into(),
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::KeyPassphrase);
    let second =
        api::replace_land_key(&cx(&land, &none), PASSPHRASE.into(), NEW_PASSPHRASE.into()).unwrap();
    assert_eq!(second.replaces.as_deref(), Some(first.fingerprint.as_str()));
    let keys = api::list_land_keys(&cx(&land, &none)).unwrap();
    let states: Vec<(KeyState, &str)> =
        keys.iter().map(|k| (k.state, k.fingerprint.as_str())).collect();
    assert_eq!(
        states,
        [
            (KeyState::Aktiv, second.fingerprint.as_str()),
            (KeyState::Abgeloest, first.fingerprint.as_str())
        ]
    );
    let err = api::publish_package(&cx(&land, &out("v2.zip")), PASSPHRASE.into()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::KeyPassphrase, "the old key no longer signs");
    api::publish_package(&cx(&land, &out("v2.zip")), NEW_PASSPHRASE.into()).unwrap().unwrap();
    assert_eq!(import(&kommune, &dir.path().join("v2.zip"), None).unwrap(), KeyStatus::Endorsed);

    // The old key is revoked; version 3 carries the certificate to the municipality.
    api::revoke_land_key(&cx(&land, &none), first.fingerprint.clone()).unwrap();
    let saved = api::save_land_key_file(
        &cx(&land, &out("alt.rev")),
        first.fingerprint.clone(),
        KeyFile::Widerruf,
    )
    .unwrap()
    .unwrap();
    assert!(std::fs::read_to_string(saved)
        .unwrap()
        .starts_with("anbindungscheck-key-revocation-v1"));
    api::publish_package(&cx(&land, &out("v3.zip")), NEW_PASSPHRASE.into()).unwrap().unwrap();
    import(&kommune, &dir.path().join("v3.zip"), None).unwrap();
    let verified = api::land::verify_package(&dir.path().join("v3.zip"), None).unwrap();
    assert_eq!(verified.revokes, vec![first.fingerprint.clone()]);
    // The municipality now refuses anything signed with the revoked key: version 1 again, say.
    let err = import(&kommune, &dir.path().join("v1.zip"), None).unwrap_err();
    assert_eq!(err.code(), ErrorCode::KeyRevoked, "{err}");

    // The fingerprint sheet names the new key and the one it replaced.
    let sheet =
        api::save_fingerprint_sheet(&cx(&land, &out("blatt.pdf")), second.fingerprint.clone())
            .unwrap()
            .unwrap();
    let pdf = std::fs::read(&sheet).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    if let Ok(text) = std::process::Command::new("pdftotext").arg(&sheet).arg("-").output() {
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("Fingerabdruck des Signaturschlüssels"), "{text}");
        let group = second.fingerprint.split(' ').next().unwrap();
        assert!(text.contains(group), "{text}");
        assert!(text.contains(first.fingerprint.split(' ').next_back().unwrap()), "{text}");
    }

    // The history records every edition and every key.
    let history = api::list_history(&cx(&land, &none), Default::default()).unwrap();
    let fields: Vec<&str> = history.iter().map(|h| h.field.as_str()).collect();
    assert_eq!(fields.iter().filter(|f| **f == "publication").count(), 3, "{fields:?}");
    assert_eq!(fields.iter().filter(|f| **f == "key").count(), 2, "{fields:?}");
    assert!(fields.contains(&"key_revoked"));
}

#[test]
fn the_secret_key_is_stored_only_encrypted_and_saved_as_openssl_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let land = land_with_draft(dir.path());
    let none = Answer(None);
    let key = api::create_land_key(&cx(&land, &none), PASSPHRASE.into()).unwrap();
    drop(land);
    // Nowhere in the database file is the key in plain form: no PKCS #8 without encryption.
    let db = std::fs::read(dir.path().join("land.sqlite")).unwrap();
    let text = String::from_utf8_lossy(&db);
    assert!(text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    assert!(!text.contains("-----BEGIN PRIVATE KEY-----"));
    assert!(!text.contains("anbindungscheck-signing-key-v1"));

    let land = Workspace::open_as(Some(dir.path().join("land.sqlite")), WorkspaceKind::Land);
    let answer = Answer(Some(dir.path().join("land.key")));
    let saved =
        api::save_land_key_file(&cx(&land, &answer), key.fingerprint.clone(), KeyFile::Geheim)
            .unwrap();
    assert_eq!(saved.as_deref(), Some(dir.path().join("land.key").to_str().unwrap()));
    let secret = anbindungscheck::package::keyfile::read(
        &dir.path().join("land.key"),
        &anbindungscheck::package::keyfile::Passphrase::new(PASSPHRASE),
    )
    .unwrap();
    assert_eq!(secret.fingerprint(), key.fingerprint);
    if let Ok(out) = std::process::Command::new("openssl")
        .args(["pkey", "-noout", "-in"])
        .arg(dir.path().join("land.key"))
        .args(["-passin", &format!("pass:{PASSPHRASE}")])
        .output()
    {
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn the_inbox_takes_each_report_once_sets_other_lands_aside_and_names_bad_files() {
    use crate::fixtures::{inbox_with_a_forgery, municipality, write_report};
    let dir = tempfile::tempdir().unwrap();
    let land = Workspace::open_as(Some(dir.path().join("land.sqlite")), WorkspaceKind::Land);
    let none = Answer(None);
    let reports = dir.path().join("berichte");
    let nested = reports.join("kreis-hildesheim");
    std::fs::create_dir_all(&nested).unwrap();
    let dbs = dir.path().join("kommunen");
    std::fs::create_dir_all(&dbs).unwrap();

    // No profile: the Land's municipalities are not known yet.
    let err = api::add_reports_from(&cx(&land, &none), std::slice::from_ref(&reports)).unwrap_err();
    assert!(err.to_string().contains("Profil des Landes"), "{err}");
    let input = LandProfileInput { land_code: "03".into(), name: "MI".into() };
    api::set_land_profile(&cx(&land, &none), input).unwrap();

    let a = municipality(&dbs, "Samtgemeinde Musterstadt-Süd", "03241001", true);
    write_report(&a, "2026-10-01", &reports.join("musterstadt-oktober.pdf"));
    write_report(&a, "2026-11-28", &nested.join("musterstadt-november.pdf"));
    std::fs::copy(nested.join("musterstadt-november.pdf"), reports.join("kopie.PDF")).unwrap();
    let b = municipality(&dbs, "Gemeinde Ohnepaket", "09162000", false);
    write_report(&b, "2026-11-25", &reports.join("bayern.pdf"));
    let good = std::fs::read(nested.join("musterstadt-november.pdf")).unwrap();
    std::fs::write(reports.join("abgeschnitten.pdf"), &good[..good.len() / 2]).unwrap();
    std::fs::write(reports.join("notiz.pdf"), "Bitte bis Freitag zurückmelden.").unwrap();
    let (forged_dir, _, _) = inbox_with_a_forgery(&dir.path().join("gefaelscht"));

    let summary =
        api::add_reports_from(&cx(&land, &none), &[reports.clone(), forged_dir.clone()]).unwrap();
    assert_eq!(summary.files, 9, "{summary:?}");
    // October, November and the genuine report beside the forgery (the same municipality, a
    // report of its own); the copy is the November report again.
    assert_eq!((summary.added, summary.duplicates), (3, 1), "{summary:?}");
    assert_eq!(summary.set_aside.len(), 1);
    assert_eq!(summary.set_aside[0].ags, "09162000");
    let refused: Vec<&str> = summary.refused.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(refused.len(), 4, "{refused:?}");
    for name in ["abgeschnitten.pdf", "notiz.pdf", "gefaelscht.pdf", "vorab.pdf"] {
        assert!(refused.iter().any(|p| p.ends_with(name)), "{name} in {refused:?}");
    }

    // The same again changes nothing.
    let listed = api::list_received_reports(&cx(&land, &none)).unwrap();
    let again = api::add_reports_from(&cx(&land, &none), std::slice::from_ref(&reports)).unwrap();
    // The other Land's report is known too: set aside once is enough.
    assert_eq!((again.added, again.duplicates, again.set_aside.len()), (0, 4, 0));
    assert_eq!(api::list_received_reports(&cx(&land, &none)).unwrap(), listed);
    // Newest first; each with the hash of its file.
    assert_eq!(listed[0].report_date, "2026-11-28");
    assert_eq!(listed.iter().filter(|r| r.ags == "03241001").count(), 3);
    // Files are read in name order: the copy came first and counts; the original is its duplicate.
    // The overview counts the newest report of the one municipality of this Land.
    let overview = api::get_land_overview(&cx(&land, &none), None).unwrap();
    assert_eq!((overview.municipalities, overview.reported), (1, 1));
    let row = &overview.rows[0];
    assert_eq!((row.ags.as_str(), row.missing, row.stale), ("03241001", false, false));
    assert_eq!(row.report_date, Some(crate::fixtures::day("2026-11-28")));
    assert_eq!(overview.kreise[0].kreis_ags, "03241");
    assert!(!overview.services.is_empty(), "the example package's services are counted");
    let counted: u32 = overview.services.iter().map(|s| s.ja + s.nein + s.offen).sum();
    assert_eq!(counted as usize, overview.services.len(), "one decision per service");
    let stale = api::get_land_overview(&cx(&land, &none), Some(5)).unwrap();
    assert!(stale.rows[0].stale, "a report 8 days old is stale after 5 days");
    // The Land's checklist shows what the reports say next to its tasks.
    let facts = api::get_land_facts(&cx(&land, &none)).unwrap();
    assert_eq!(facts.reports_source.as_deref(), Some("Berichte von 1 der 1 Kommunen"));
    let services = facts.reports.iter().find(|p| p.item_id == "land-vollzugsebene").unwrap();
    assert_eq!(services.facts.len(), overview.services.len(), "{services:?}");

    // The overview as a workbook: cancelled, nothing; else every list with a row per entry.
    assert_eq!(api::export_land_xlsx(&cx(&land, &none), None, None).unwrap(), None);
    let xlsx = dir.path().join("Kommunen-Niedersachsen.xlsx");
    let written = api::export_land_xlsx(&cx(&land, &Answer(Some(xlsx.clone()))), None, None);
    assert_eq!(written.unwrap(), Some(xlsx.display().to_string()));
    {
        use calamine::{open_workbook, Data, Reader, Xlsx};
        let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
        let sheet = book.worksheet_range("Übersicht").unwrap();
        assert_eq!(sheet.get((1, 0)), Some(&Data::String("03241001".into())));
        let services = book.worksheet_range("Onlinedienste").unwrap();
        assert_eq!(services.height(), overview.services.len() + 1);
        let fachverfahren = book.worksheet_range("Fachverfahren").unwrap();
        assert_eq!(fachverfahren.height(), overview.fachverfahren.len() + 1);
    }

    let november = listed.iter().find(|r| r.file_name == "kopie.PDF").unwrap();
    assert!(!listed.iter().any(|r| r.file_name == "musterstadt-november.pdf"));
    assert_eq!(november.sha256, anbindungscheck::package::signing::hex(&Sha256::digest(&good)));
}

/// Answers no dialog; what was "dropped on the window" is taken once.
struct Dropped(std::cell::RefCell<Vec<PathBuf>>);

impl Desktop for Dropped {
    fn pick_file(&self, _: &FileDialog) -> api::Result<Option<PathBuf>> {
        Ok(None)
    }
    fn save_file(&self, _: &FileDialog) -> api::Result<Option<PathBuf>> {
        Ok(None)
    }
    fn open_path(&self, _: &Path) -> api::Result<()> {
        Ok(())
    }
    fn take_dropped(&self) -> Vec<PathBuf> {
        self.0.take()
    }
    fn today(&self) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
    }
}

#[test]
fn dropped_reports_are_read_and_a_municipality_s_history_lists_them_oldest_first() {
    use crate::fixtures::{municipality, write_report};
    let dir = tempfile::tempdir().unwrap();
    let land = Workspace::open_as(Some(dir.path().join("land.sqlite")), WorkspaceKind::Land);
    let none = Answer(None);
    let input = LandProfileInput { land_code: "03".into(), name: "MI".into() };
    api::set_land_profile(&cx(&land, &none), input).unwrap();
    let dbs = dir.path().join("kommunen");
    std::fs::create_dir_all(&dbs).unwrap();
    let a = municipality(&dbs, "Samtgemeinde Musterstadt-Süd", "03241001", true);
    let reports = dir.path().join("abgelegt");
    std::fs::create_dir_all(&reports).unwrap();
    // The newer report's file comes first by name: the history orders by report date.
    write_report(&a, "2026-11-28", &reports.join("a-november.pdf"));
    write_report(&a, "2026-10-01", &reports.join("b-oktober.pdf"));

    // Nothing dropped: nothing read.
    let nothing = Dropped(Default::default());
    assert_eq!(api::add_dropped_reports(&cx(&land, &none)).unwrap(), None);
    // A folder and a file dropped: read like picked ones, and taken only once.
    let dropped = Dropped(
        vec![reports.clone(), reports.join("b-oktober.pdf"), dir.path().join("weg")].into(),
    );
    let summary = api::add_dropped_reports(&Ctx { workspace: &land, desktop: &dropped }).unwrap();
    let summary = summary.expect("dropped files were read");
    assert_eq!((summary.added, summary.duplicates), (2, 1), "{summary:?}");
    assert_eq!(summary.refused.len(), 1, "the missing path is named: {summary:?}");
    assert_eq!(
        api::add_dropped_reports(&Ctx { workspace: &land, desktop: &dropped }).unwrap(),
        None
    );
    assert_eq!(
        api::add_dropped_reports(&Ctx { workspace: &land, desktop: &nothing }).unwrap(),
        None
    );

    let history = api::get_municipality_history(&cx(&land, &none), "03241001".into()).unwrap();
    assert_eq!(
        (history.ags.as_str(), history.name.as_str(), history.kreis_ags.as_str()),
        ("03241001", "Samtgemeinde Musterstadt-Süd", "03241")
    );
    let dates: Vec<String> = history.points.iter().map(|p| p.report_date.to_string()).collect();
    assert_eq!(dates, ["2026-10-01", "2026-11-28"]);
    let files: Vec<&str> = history.points.iter().map(|p| p.file_name.as_str()).collect();
    assert_eq!(files, ["b-oktober.pdf", "a-november.pdf"]);
    let overview = api::get_land_overview(&cx(&land, &none), None).unwrap();
    let (newest, row) = (&history.points[1], &overview.rows[0]);
    assert_eq!(Some(newest.report_id.clone()), row.report_id);
    assert_eq!((newest.readiness, newest.technisch), (row.readiness, row.technisch));
    assert_eq!((Some(newest.open_items), Some(newest.blockers)), (row.open_items, row.blockers));
    let ja = row.decisions.values().filter(|d| *d == "ja").count() as u32;
    assert_eq!(newest.services_ja, ja);
    assert!(!newest.received_at.is_empty());

    // An AGS nobody knows, and one that is no AGS: refused in German.
    let err = api::get_municipality_history(&cx(&land, &none), "03241999".into()).unwrap_err();
    assert_eq!(anbindungscheck::api::IpcError::from(&err).code, ErrorCode::Validation);
    assert!(err.to_string().contains("03241999"), "{err}");
    let err = api::get_municipality_history(&cx(&land, &none), "0324".into()).unwrap_err();
    assert!(err.to_string().contains("8"), "{err}");

    // A municipality of the directory without a report: its name, no points.
    let csv = dir.path().join("verzeichnis.csv");
    std::fs::write(
        &csv,
        "AGS;Name;Einwohner\n03241001;Musterstadt-Süd;12000\n03241002;Beispielheim;800\n",
    )
    .unwrap();
    api::import_directory_file(&cx(&land, &none), &csv).unwrap();
    let empty = api::get_municipality_history(&cx(&land, &none), "03241002".into()).unwrap();
    assert_eq!((empty.name.as_str(), empty.points.len()), ("Beispielheim", 0));
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF with poppler-utils, which the Windows run lacks")]
fn a_samtgemeinde_report_covers_its_members_and_older_reports_still_read() {
    use crate::fixtures::{municipality, pdftotext, write_report};
    use anbindungscheck::installed::Decision;
    use anbindungscheck::profile::Member;
    use anbindungscheck::report::{self, read};
    let dir = tempfile::tempdir().unwrap();
    let land = Workspace::open_as(Some(dir.path().join("land.sqlite")), WorkspaceKind::Land);
    let none = Answer(None);
    let input = LandProfileInput { land_code: "03".into(), name: "MI".into() };
    api::set_land_profile(&cx(&land, &none), input).unwrap();
    let reports = dir.path().join("berichte");
    let dbs = dir.path().join("kommunen");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::create_dir_all(&dbs).unwrap();

    let mut sg = municipality(&dbs, "Samtgemeinde Musterland", "032415418000", true);
    for (ags, name) in [("03241011", "Adorf"), ("03241012", "Bedorf"), ("03241013", "Cedorf")] {
        sg.add_member(&Member { ags: ags.into(), name: name.into() }).unwrap();
    }
    // Bedorf decides otherwise than the Samtgemeinde on the first service.
    let before = api::reports::gather(&sg, crate::fixtures::day("2026-11-28"), None).unwrap();
    let first = &before.services[0];
    let decided = sg
        .set_member_decision(&first.package_id, &first.service_id, "03241012", Some(Decision::Nein))
        .unwrap();
    assert_eq!(decided.unwrap().decision, Decision::Nein);
    let err = sg
        .set_member_decision(&first.package_id, &first.service_id, "03241019", Some(Decision::Ja))
        .unwrap_err();
    assert!(err.to_string().contains("kein Mitglied"), "{err}");
    let path = reports.join("samtgemeinde.pdf");
    let (data, _) = write_report(&sg, "2026-11-28", &path);
    assert_eq!(
        serde_json::to_value(&data.services[0].member_decisions).unwrap(),
        serde_json::json!([{"ags": "03241012", "decision": "nein", "decision_label": "Nein"}])
    );
    assert_eq!(data.schema, "anbindungscheck.report/2");
    let json = serde_json::to_value(&data).unwrap();
    assert_eq!(json["municipality"]["kind"], "samtgemeinde");
    assert_eq!(json["members"][1], serde_json::json!({"ags": "03241012", "name": "Bedorf"}));
    let text = pdftotext(&path);
    for expected in [
        "Amtlicher Regionalschlüssel",
        "Samtgemeinde",
        "Mitgliedsgemeinden",
        "Bedorf (03241012)",
        "ARS 032415418000",
        "Abweichend Bedorf (03241012):",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    // A member that is not in the Kreis is refused on reading.
    let mut edited = json.clone();
    edited["members"][0]["ags"] = "03251011".into();
    let err = read::parse_json(&serde_json::to_vec(&edited).unwrap()).unwrap_err();
    assert!(err.to_string().contains("„members[0].ags“"), "{err}");

    // A report of the first schema version: no kind, no members.
    let g = municipality(&dbs, "Gemeinde Altform", "03241001", true);
    let (mut old, _) = write_report(&g, "2026-11-20", &dir.path().join("neu.pdf"));
    old.schema = "anbindungscheck.report/1".into();
    let mut old_json = serde_json::to_value(&old).unwrap();
    old_json["municipality"].as_object_mut().unwrap().remove("kind");
    old_json.as_object_mut().unwrap().remove("members");
    let reread = read::parse_json(&serde_json::to_vec(&old_json).unwrap()).unwrap();
    assert_eq!(reread, old);
    std::fs::write(reports.join("altform.pdf"), report::render(&old).unwrap().bytes).unwrap();

    let summary = api::add_reports_from(&cx(&land, &none), &[reports]).unwrap();
    assert_eq!(summary.files, 2, "{summary:?}");
    let overview = api::get_land_overview(&cx(&land, &none), None).unwrap();
    let covered: Vec<(&str, Option<&str>)> = overview
        .rows
        .iter()
        .map(|r| (r.ags.as_str(), r.covered_by.as_ref().map(|n| n.ags.as_str())))
        .collect();
    assert_eq!(
        covered,
        [
            ("03241001", None),
            ("03241011", Some("032415418000")),
            ("03241012", Some("032415418000")),
            ("03241013", Some("032415418000")),
        ]
    );
    assert_eq!((overview.municipalities, overview.reported), (4, 4));
    let decision = |ags: &str| {
        let row = overview.rows.iter().find(|r| r.ags == ags).unwrap();
        row.decisions.get(&first.service_id).cloned().unwrap()
    };
    assert_eq!(decision("03241012"), "nein");
    assert_eq!(decision("03241011"), first.decision.key());
    // Removing a member removes its own decisions.
    sg.remove_member("03241012").unwrap();
    assert!(sg.member_decisions().unwrap().is_empty());
}
