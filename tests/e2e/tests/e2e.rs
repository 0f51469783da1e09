//! End to end against the real app: a clerk sets the profile and an item, closes the app, starts
//! it again and finds both; the rows are in the SQLite file. Also: a bad AGS is refused with a
//! German message and nothing is stored; packages, the report, and a backup that is restored.

mod walkthrough;

use anbindungscheck_e2e::{App, Driver};
use fantoccini::Locator;

const ITEM: &str = "finanzierung-kosten";

async fn item_status(app: &App, item: &str) -> String {
    let badge = app.find(Locator::Css(&format!("article[data-item='{item}'] .badge"))).await;
    badge.attr("data-status").await.unwrap().unwrap_or_default()
}

async fn edit_item(app: &App, item: &str) {
    let toggle = format!("article[data-item='{item}'] button[aria-controls]");
    let toggle = app.find(Locator::Css(&toggle)).await;
    toggle.click().await.unwrap();
    app.find(Locator::Id(&format!("form-{item}-status"))).await;
}

#[tokio::test]
async fn profile_and_item_survive_a_restart_and_are_in_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kommune.sqlite");
    let driver = Driver::start(&db);

    let app = driver.launch().await;
    app.sees("Legen Sie zuerst das Profil").await;
    app.screenshot("01-uebersicht-neu").await;

    app.click("Profil").await;
    app.heading("Profil der Kommune").await;
    app.fill("Name der Kommune", "Gemeinde Musterstadt").await;
    app.fill("AGS", "09162000").await;
    app.sees("Land: Bayern").await;
    app.fill("Einwohnerzahl", "12500").await;
    app.click("Profil speichern").await;
    app.sees("Gespeichert.").await;
    app.screenshot("02-profil").await;

    app.click("Checkliste").await;
    app.heading("Checkliste").await;
    edit_item(&app, ITEM).await;
    let status = app.find(Locator::Id(&format!("form-{ITEM}-status"))).await;
    status.select_by_value("erledigt").await.unwrap();
    let owner = app.find(Locator::Id(&format!("form-{ITEM}-owner"))).await;
    owner.send_keys("Kämmerei, Frau Ünal").await.unwrap();
    let form = format!("//form[.//*[@id='form-{ITEM}-status']]//button[@type='submit']");
    app.find(Locator::XPath(&form)).await.click().await.unwrap();
    app.sees("Gespeichert.").await;
    assert_eq!(item_status(&app, ITEM).await, "erledigt");
    app.screenshot("03-checkliste").await;
    app.close().await;

    // Second start: everything is still there.
    // A new driver too: the app starts exactly as the clerk would start it again.
    drop(driver);
    let driver = Driver::start(&db);
    let app = driver.launch().await;
    let percent = app.find(Locator::Css("[data-testid='overall-percent']")).await;
    assert_eq!(percent.text().await.unwrap(), "4 %", "1 of 21 municipal items done");
    app.sees("Gemeinde Musterstadt").await;
    app.screenshot("04-uebersicht").await;
    app.click("Checkliste").await;
    assert_eq!(item_status(&app, ITEM).await, "erledigt");
    let owner =
        app.find(Locator::Css(&format!("article[data-item='{ITEM}'] [data-testid='owner']"))).await;
    assert_eq!(owner.text().await.unwrap(), "Kämmerei, Frau Ünal");
    app.click("Profil").await;
    let name = app.field("Name der Kommune").await;
    assert_eq!(name.prop("value").await.unwrap().as_deref(), Some("Gemeinde Musterstadt"));
    app.click("Verlauf").await;
    app.heading("Verlauf").await;
    app.sees("Kämmerei, Frau Ünal").await;
    app.screenshot("05-verlauf").await;
    app.close().await;
    drop(driver);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let (status, owner): (String, String) = conn
        .query_row("SELECT status, owner FROM item_progress WHERE item_id = ?1", [ITEM], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((status.as_str(), owner.as_str()), ("erledigt", "Kämmerei, Frau Ünal"));
    let (name, ags, population): (String, String, i64) = conn
        .query_row("SELECT name, ags, population FROM profile", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(
        (name.as_str(), ags.as_str(), population),
        ("Gemeinde Musterstadt", "09162000", 12500)
    );
    let audit: i64 = conn.query_row("SELECT count(*) FROM audit", [], |r| r.get(0)).unwrap();
    assert_eq!(audit, 5, "name, ags, population, status, owner");
}

#[tokio::test]
async fn a_bad_ags_is_refused_with_a_german_message_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kommune.sqlite");
    let driver = Driver::start(&db);
    let app = driver.launch().await;
    app.click("Profil").await;
    app.heading("Profil der Kommune").await;
    app.fill("Name der Kommune", "Gemeinde Musterstadt").await;
    app.fill("AGS", "17000000").await;
    app.sees("sind kein Länderschlüssel").await;
    app.click("Profil speichern").await;
    let ags = app.field("AGS").await;
    let deadline = std::time::Instant::now() + anbindungscheck_e2e::TIMEOUT;
    while ags.attr("aria-invalid").await.unwrap().as_deref() != Some("true") {
        assert!(std::time::Instant::now() < deadline, "AGS field not marked invalid");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.screenshot("06-profil-fehler").await;
    app.close().await;
    drop(driver);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let profiles: i64 = conn.query_row("SELECT count(*) FROM profile", [], |r| r.get(0)).unwrap();
    assert_eq!(profiles, 0);
}

/// Builds the example package with the CLI, optionally with a service description replaced.
fn build_package(dir: &std::path::Path, description: Option<&str>) -> (std::path::PathBuf, String) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let cli = root.join("target/debug/anbindungscheck");
    assert!(cli.exists(), "build the CLI first (make cli)");
    let src = dir.join("quelle");
    std::fs::create_dir_all(src.join("documents")).unwrap();
    let example = root.join("examples/paket-vergabe");
    for entry in std::fs::read_dir(example.join("documents")).unwrap().flatten() {
        std::fs::copy(entry.path(), src.join("documents").join(entry.file_name())).unwrap();
    }
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(example.join("manifest.json")).unwrap())
            .unwrap();
    if let Some(text) = description {
        manifest["services"][0]["description"] = serde_json::json!(text);
        manifest["contacts"][0]["name"] = serde_json::json!(text);
    }
    std::fs::write(src.join("manifest.json"), serde_json::to_vec_pretty(&manifest).unwrap())
        .unwrap();
    let key = dir.join("land.key");
    let run = |args: &[&std::ffi::OsStr]| {
        let out = std::process::Command::new(&cli).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["package".as_ref(), "keygen".as_ref(), "--out".as_ref(), key.as_os_str()]);
    let pkg = dir.join("paket.zip");
    let out = run(&[
        "package".as_ref(),
        "build".as_ref(),
        src.as_os_str(),
        "--key".as_ref(),
        key.as_os_str(),
        "-o".as_ref(),
        pkg.as_os_str(),
    ]);
    let fingerprint =
        out.lines().find_map(|l| l.strip_prefix("Fingerabdruck: ")).unwrap().to_owned();
    (pkg, fingerprint)
}

/// Sets the profile through the CLI, so the costs can be computed for the population.
fn profile(db: &std::path::Path) {
    let cli =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/anbindungscheck");
    let ok = std::process::Command::new(cli)
        .arg("--db")
        .arg(db)
        .args([
            "profile",
            "set",
            "--name",
            "Gemeinde Musterstadt",
            "--ags",
            "03241002",
            "--population",
            "12500",
        ])
        .status()
        .unwrap()
        .success();
    assert!(ok);
}

#[tokio::test]
async fn the_clerk_imports_the_example_package_sees_services_and_costs_and_saves_an_event() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kommune.sqlite");
    profile(&db);
    let (pkg, fingerprint) = build_package(dir.path(), None);
    let driver = Driver::start(&db);
    let app = driver.launch().await;
    app.click("Informationen des Landes").await;
    app.heading("Informationen des Landes").await;
    app.find(Locator::Id("package-import")).await.click().await.unwrap();
    anbindungscheck_e2e::answer_file_dialog("Informationspaket des Landes einlesen", &pkg, false);
    let shown = app.find(Locator::Css("[data-testid='fingerprint']")).await;
    let normalize = |s: &str| s.chars().filter(char::is_ascii_hexdigit).collect::<String>();
    assert_eq!(normalize(&shown.text().await.unwrap()), normalize(&fingerprint));
    app.screenshot("10-paket-fingerabdruck").await;
    app.find(Locator::Id("import-trust")).await.click().await.unwrap();
    app.find(Locator::Id("import-start")).await.click().await.unwrap();
    app.find(Locator::Css("article[data-service='praequalifizierung']")).await;
    app.sees("Paket eingelesen.").await;
    // 12,500 inhabitants: the bracket up to 50,000 (1,200.00 € a year).
    let annual = app.find(Locator::Css("[data-testid='cost-annual']")).await;
    assert!(annual.text().await.unwrap().contains("1.200,00"), "annual costs shown");
    app.screenshot("11-paket-eingelesen").await;

    let ics = dir.path().join("termin.ics");
    let save = "article[data-event='workshop-technik-2027-02'] button.ics-export";
    app.find(Locator::Css(save)).await.click().await.unwrap();
    anbindungscheck_e2e::answer_file_dialog("Termin als Kalenderdatei speichern", &ics, true);
    let status = app.find(Locator::Css("[data-testid='ics-status']")).await;
    let deadline = std::time::Instant::now() + anbindungscheck_e2e::TIMEOUT;
    while !status.text().await.unwrap().contains("termin.ics") {
        assert!(std::time::Instant::now() < deadline, "saved path not shown");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let calendar = std::fs::read_to_string(&ics).unwrap();
    assert!(calendar.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(calendar.contains("DTSTART;TZID=Europe/Berlin:20270210T093000"));
    assert_eq!(calendar.matches("BEGIN:VEVENT").count(), 1);
    app.close().await;
    drop(driver);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let version: i64 = conn.query_row("SELECT version FROM package", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 1);
}

#[tokio::test]
async fn markup_in_a_package_is_shown_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kommune.sqlite");
    let hostile = "<img src=x onerror=alert(1)>";
    let (pkg, fingerprint) = build_package(dir.path(), Some(hostile));
    let cli =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/anbindungscheck");
    let ok = std::process::Command::new(cli)
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&pkg)
        .args(["--trust", &fingerprint])
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok);
    let driver = Driver::start(&db);
    let app = driver.launch().await;
    app.click("Informationen des Landes").await;
    app.heading("Informationen des Landes").await;
    let shown = app.find(Locator::Css("[data-testid='service-description']")).await;
    assert_eq!(shown.text().await.unwrap().trim(), hostile);
    let contact = app.find(Locator::Css("[data-testid='contact'] .contact-name")).await;
    assert_eq!(contact.text().await.unwrap().trim(), hostile);
    let images = app.client.find_all(Locator::Css("img")).await.unwrap();
    assert!(images.is_empty(), "markup from the package created an element");
    app.screenshot("12-paket-markup-als-text").await;
    app.close().await;
}

#[tokio::test]
async fn the_clerk_exports_the_readiness_report_and_it_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kommune.sqlite");
    profile(&db);
    let driver = Driver::start(&db);
    let app = driver.launch().await;
    app.click("Bericht").await;
    app.heading("Bereitschaftsbericht").await;
    app.sees("Vor dem Export prüfen").await;
    app.fill("Empfänger (optional)", "Kommunale OZG-Koordination Niedersachsen").await;
    app.screenshot("20-bericht").await;
    app.find(Locator::Id("report-export")).await.click().await.unwrap();
    let pdf = dir.path().join("bericht.pdf");
    anbindungscheck_e2e::answer_file_dialog("Bereitschaftsbericht speichern", &pdf, true);
    let status = app.find(Locator::Css("[data-testid='report-status']")).await;
    let deadline = std::time::Instant::now() + anbindungscheck_e2e::TIMEOUT;
    while !status.text().await.unwrap().contains("bericht.pdf") {
        assert!(std::time::Instant::now() < deadline, "saved path not shown");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.sees("Kommunale OZG-Koordination Niedersachsen").await;
    app.screenshot("21-bericht-exportiert").await;
    app.close().await;
    drop(driver);

    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF was written");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (recipient, path): (String, String) = conn
        .query_row("SELECT recipient, path FROM report_export", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(recipient, "Kommunale OZG-Koordination Niedersachsen");
    assert_eq!(std::path::Path::new(&path), pdf);
}

/// Waits until the element's text contains `part`.
async fn wait_for_text(element: &fantoccini::elements::Element, part: &str) {
    let deadline = std::time::Instant::now() + anbindungscheck_e2e::TIMEOUT;
    while !element.text().await.unwrap().contains(part) {
        assert!(std::time::Instant::now() < deadline, "{part:?} not shown");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn the_clerk_backs_up_changes_the_profile_and_restores_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kommune.sqlite");
    profile(&db);
    let backup = dir.path().join("sicherung.sqlite");
    let driver = Driver::start(&db);
    let app = driver.launch().await;

    // Back up "Gemeinde Musterstadt" through the native save dialog.
    app.click("Datensicherung").await;
    app.heading("Datensicherung").await;
    app.sees(&db.display().to_string()).await;
    app.find(Locator::Id("backup-create")).await.click().await.unwrap();
    anbindungscheck_e2e::answer_file_dialog("Sicherung speichern", &backup, true);
    let result = app.find(Locator::Css("[data-testid='backup-result']")).await;
    wait_for_text(&result, "sicherung.sqlite").await;
    assert!(result.text().await.unwrap().contains("Sicherung gespeichert."));
    assert!(backup.is_file(), "the backup was written");
    app.screenshot("29-sicherung-erstellt").await;

    // Change the name.
    app.click("Profil").await;
    app.heading("Profil der Kommune").await;
    app.fill("Name der Kommune", "Gemeinde Neustadt").await;
    app.click("Profil speichern").await;
    app.sees("Gespeichert.").await;
    let header = app.find(Locator::Css("[data-testid='header-profile']")).await;
    wait_for_text(&header, "Gemeinde Neustadt").await;

    // Restore: confirm in the page, then pick the file in the native open dialog.
    app.click("Datensicherung").await;
    app.heading("Datensicherung").await;
    app.find(Locator::Id("backup-restore")).await.click().await.unwrap();
    let text = app.find(Locator::Id("restore-text")).await;
    assert!(text.text().await.unwrap().contains("backups"), "the folder is named");
    app.screenshot("30-sicherung-bestaetigen").await;
    app.find(Locator::Id("restore-confirm")).await.click().await.unwrap();
    anbindungscheck_e2e::answer_file_dialog("Sicherung wiederherstellen", &backup, false);
    let restored = app.find(Locator::Css("[data-testid='restore-result']")).await;
    wait_for_text(&restored, "Die Sicherung wurde wiederhergestellt.").await;
    wait_for_text(&restored, "Gemeinde Musterstadt").await;
    wait_for_text(&header, "Gemeinde Musterstadt").await;
    let kept = app.find(Locator::Css("[data-testid='restore-kept']")).await;
    let kept = std::path::PathBuf::from(kept.text().await.unwrap().trim());
    app.screenshot("31-sicherung-wiederhergestellt").await;

    // The views read the restored database.
    app.click("Profil").await;
    let name = app.field("Name der Kommune").await;
    let deadline = std::time::Instant::now() + anbindungscheck_e2e::TIMEOUT;
    while name.prop("value").await.unwrap().as_deref() != Some("Gemeinde Musterstadt") {
        assert!(std::time::Instant::now() < deadline, "restored name not in the profile form");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.close().await;
    drop(driver);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let name: String = conn.query_row("SELECT name FROM profile", [], |r| r.get(0)).unwrap();
    assert_eq!(name, "Gemeinde Musterstadt");
    // The database from before the restore was kept, with the changed name.
    assert_eq!(kept.parent(), Some(dir.path().join("backups").as_path()));
    let old = rusqlite::Connection::open(&kept).unwrap();
    let name: String = old.query_row("SELECT name FROM profile", [], |r| r.get(0)).unwrap();
    assert_eq!(name, "Gemeinde Neustadt");
}

/// Sets the value of a date input as the date picker would (WebDriver cannot type into the
/// segments of WebKit's date field reliably) and tells the page through an `input` event.
async fn set_date(app: &App, id: &str, value: &str) {
    app.find(Locator::Id(id)).await;
    app.client
        .execute(
            "const el = document.getElementById(arguments[0]);
             el.value = arguments[1];
             el.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![serde_json::json!(id), serde_json::json!(value)],
        )
        .await
        .unwrap();
}

async fn scroll_to(app: &App, id: &str) {
    app.client
        .execute(
            "document.getElementById(arguments[0]).scrollIntoView({ block: 'start' });",
            vec![serde_json::json!(id)],
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn the_clerk_records_a_services_phase_and_connection_and_a_fachverfahren() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kommune.sqlite");
    profile(&db);
    let (pkg, fingerprint) = build_package(dir.path(), None);
    let cli =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/anbindungscheck");
    let imported = std::process::Command::new(cli)
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&pkg)
        .args(["--trust", &fingerprint])
        .output()
        .unwrap();
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    let driver = Driver::start(&db);
    let app = driver.launch().await;
    app.click("Informationen des Landes").await;
    app.heading("Informationen des Landes").await;

    // The first service: phase and dates.
    let card = "article[data-service='praequalifizierung']";
    let summary = |section: &str| format!("{card} details[data-section='{section}'] > summary");
    app.find(Locator::Css(&summary("phase"))).await.click().await.unwrap();
    let base = "paket-0-dienst-0";
    let phase = app.find(Locator::Id(&format!("{base}-phase"))).await;
    phase.select_by_value("fragebogen").await.unwrap();
    set_date(&app, &format!("{base}-date-interesse"), "2026-10-01").await;
    set_date(&app, &format!("{base}-date-freischaltung"), "2027-03-01").await;
    let save = format!("{card} details[data-section='phase'] button[type='submit']");
    app.find(Locator::Css(&save)).await.click().await.unwrap();
    app.sees("Phase und Termine gespeichert.").await;

    // Connection data: a bad UUID is refused at the field, then corrected.
    app.find(Locator::Css(&summary("connection"))).await.click().await.unwrap();
    let conn = format!("{base}-conn");
    let uuid = app.find(Locator::Id(&format!("{conn}-fit_connect_destination"))).await;
    uuid.send_keys("3f2a9c1e7b4d").await.unwrap();
    let dvdv = app.find(Locator::Id(&format!("{conn}-dvdv_key"))).await;
    dvdv.send_keys("ags:03241002").await.unwrap();
    let route = app.find(Locator::Id(&format!("{conn}-transport_route"))).await;
    route.select_by_value("fit_connect").await.unwrap();
    set_date(&app, &format!("{conn}-certificate_expires"), "2027-06-30").await;
    app.find(Locator::Id(&format!("{conn}-pilot_interest"))).await.click().await.unwrap();
    let save = format!("{card} details[data-section='connection'] button[type='submit']");
    app.find(Locator::Css(&save)).await.click().await.unwrap();
    app.find(Locator::Id(&format!("{conn}-fit_connect_destination-error"))).await;
    assert_eq!(uuid.attr("aria-invalid").await.unwrap().as_deref(), Some("true"));
    scroll_to(&app, &format!("{conn}-fit_connect_destination")).await;
    app.screenshot("40-dienst-anschluss-fehler").await;
    uuid.clear().await.unwrap();
    uuid.send_keys("3F2A9C1E-7B4D-4E2A-9F10-2C6D8E4B1A57").await.unwrap();
    app.find(Locator::Css(&save)).await.click().await.unwrap();
    app.sees("Anschlussdaten gespeichert.").await;
    scroll_to(&app, &format!("{base}-title")).await;
    app.screenshot("41-dienst-aufgeklappt").await;

    // The Fachverfahren the Land lists: take one over, add the version and the commission.
    app.click("Fachverfahren").await;
    app.heading("Fachverfahren").await;
    app.sees("Vom Land gelistet, bei Ihnen noch nicht erfasst").await;
    app.screenshot("42-fachverfahren-leer").await;
    app.find(Locator::Id("fv-take-0")).await.click().await.unwrap();
    let product = app.find(Locator::Id("fv-product")).await;
    assert_eq!(product.prop("value").await.unwrap().as_deref(), Some("VergabeManager (Beispiel)"));
    app.find(Locator::Id("fv-version")).await.send_keys("8.1").await.unwrap();
    app.find(Locator::Id("fv-vendor_commissioned")).await.click().await.unwrap();
    set_date(&app, "fv-commissioned_on", "2026-09-01").await;
    app.find(Locator::Id("fv-save")).await.click().await.unwrap();
    app.sees("Hinzugefügt: VergabeManager (Beispiel).").await;
    let land = app.find(Locator::Css("[data-testid='fv-land']")).await;
    wait_for_text(&land, "ja – VergabeManager (Beispiel)").await;
    app.client.execute("window.scrollTo(0, 0);", vec![]).await.unwrap();
    app.screenshot("43-fachverfahren").await;
    app.close().await;
    drop(driver);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let (phase, destination, pilot): (String, String, bool) = conn
        .query_row(
            "SELECT phase, fit_connect_destination, pilot_interest FROM service_state
             WHERE service_id = 'praequalifizierung'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(phase, "fragebogen");
    assert_eq!(destination, "3f2a9c1e-7b4d-4e2a-9f10-2c6d8e4b1a57");
    assert!(pilot);
    let dates: i64 =
        conn.query_row("SELECT count(*) FROM service_phase_date", [], |r| r.get(0)).unwrap();
    assert_eq!(dates, 2);
    let (product, version, commissioned): (String, String, String) = conn
        .query_row("SELECT product, version, commissioned_on FROM fachverfahren", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(
        (product.as_str(), version.as_str(), commissioned.as_str()),
        ("VergabeManager (Beispiel)", "8.1", "2026-09-01")
    );
}

/// The SHA-256 of a file, in hex (coreutils' `sha256sum`).
fn sha256_of(path: &std::path::Path) -> String {
    let out = std::process::Command::new("sha256sum").arg(path).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().split_whitespace().next().unwrap().to_owned()
}

#[tokio::test]
async fn the_clerk_names_people_picks_an_owner_and_attaches_an_evidence_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kommune.sqlite");
    profile(&db);
    // The signed agreement as the clerk has it on disk.
    let pdf = dir.path().join("AVV unterschrieben.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n")
        .unwrap();
    let driver = Driver::start(&db);
    let app = driver.launch().await;

    // Two people in the profile: data protection, and the functional mailbox.
    app.click("Profil").await;
    app.heading("Profil der Kommune").await;
    let status = app.find(Locator::Css("[data-testid='people-status']")).await;
    for (role, name, email) in [
        ("datenschutz", "Dr. Petra Vogel", "datenschutz@musterstadt.example"),
        ("postfach", "OZG-Postfach", "ozg@musterstadt.example"),
    ] {
        app.find(Locator::Id("person-role")).await.select_by_value(role).await.unwrap();
        app.find(Locator::Id("person-name")).await.send_keys(name).await.unwrap();
        app.find(Locator::Id("person-email")).await.send_keys(email).await.unwrap();
        app.find(Locator::Id("person-save")).await.click().await.unwrap();
        wait_for_text(&status, &format!("Gespeichert: {name}")).await;
    }
    let vogel = app.find(Locator::Css(".people-role[data-role='datenschutz'] .person-name")).await;
    assert_eq!(vogel.text().await.unwrap(), "Dr. Petra Vogel");
    scroll_to(&app, "people-title").await;
    app.screenshot("50-profil-ansprechpersonen").await;

    // The owner of an item: the field offers "Name (Rolle)"; picking it stores the name.
    let item = "datenschutz-avv";
    app.click("Checkliste").await;
    app.heading("Checkliste").await;
    edit_item(&app, item).await;
    let option = app.find(Locator::Css(&format!("#form-{item}-owner-people option"))).await;
    let suggestion = option.attr("value").await.unwrap().unwrap();
    assert_eq!(suggestion, "Dr. Petra Vogel (Datenschutz)");
    let owner = app.find(Locator::Id(&format!("form-{item}-owner"))).await;
    owner.send_keys(&suggestion).await.unwrap();
    assert_eq!(owner.prop("value").await.unwrap().as_deref(), Some("Dr. Petra Vogel"));
    let form = format!("//form[.//*[@id='form-{item}-status']]//button[@type='submit']");
    app.find(Locator::XPath(&form)).await.click().await.unwrap();
    let owner_shown =
        app.find(Locator::Css(&format!("article[data-item='{item}'] [data-testid='owner']"))).await;
    wait_for_text(&owner_shown, "Dr. Petra Vogel").await;

    // Evidence: a title, then the file through the native dialog.
    let base = format!("nachweise-{item}");
    app.find(Locator::Id(&format!("{base}-title-input")))
        .await
        .send_keys("AVV mit dem Land")
        .await
        .unwrap();
    app.find(Locator::Id(&format!("{base}-add"))).await.click().await.unwrap();
    anbindungscheck_e2e::answer_file_dialog("Nachweis hinzufügen", &pdf, false);
    let section = format!("article[data-item='{item}'] [data-testid='evidence']");
    let added = app.find(Locator::Css(&format!("{section} [data-testid='evidence-status']"))).await;
    wait_for_text(&added, "Nachweis hinzugefügt: AVV mit dem Land.").await;
    let row = app.find(Locator::Css(&format!("{section} .evidence-row"))).await;
    let row_text = row.text().await.unwrap();
    assert!(row_text.contains("AVV mit dem Land"), "{row_text}");
    assert!(row_text.contains("AVV unterschrieben.pdf"), "{row_text}");
    let sha = sha256_of(&pdf);
    let shown = row.find(Locator::Css("[data-testid='evidence-sha'] .code")).await.unwrap();
    assert_eq!(shown.text().await.unwrap(), format!("{}…", &sha[..12]));
    assert_eq!(shown.attr("title").await.unwrap().as_deref(), Some(sha.as_str()));
    let count = app
        .find(Locator::Css(&format!("article[data-item='{item}'] [data-testid='evidence-count']")))
        .await;
    assert_eq!(count.text().await.unwrap(), "1 Nachweis");
    // The form and the evidence below it, as the clerk sees them after adding the file (the
    // window reaches below the bottom of the virtual screen, hence the extra scroll).
    app.client
        .execute(
            "document.getElementById(arguments[0]).scrollIntoView({ block: 'end' });
             window.scrollBy(0, 80);",
            vec![serde_json::json!(format!("aufgabe-{item}"))],
        )
        .await
        .unwrap();
    app.screenshot("51-checkliste-nachweis").await;
    app.close().await;
    drop(driver);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let people: Vec<(String, String)> = conn
        .prepare("SELECT role, name FROM person ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        people,
        [
            ("datenschutz".to_owned(), "Dr. Petra Vogel".to_owned()),
            ("postfach".to_owned(), "OZG-Postfach".to_owned())
        ]
    );
    let owner: String = conn
        .query_row("SELECT owner FROM item_progress WHERE item_id = ?1", [item], |r| r.get(0))
        .unwrap();
    assert_eq!(owner, "Dr. Petra Vogel");
    let (item_id, title, file_name, stored_sha): (String, String, String, String) = conn
        .query_row("SELECT item_id, title, file_name, sha256 FROM evidence", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap();
    assert_eq!(
        (item_id.as_str(), title.as_str(), file_name.as_str()),
        (item, "AVV mit dem Land", "AVV unterschrieben.pdf")
    );
    assert_eq!(stored_sha, sha);
    let stored = dir.path().join("kommune-evidence").join(format!("{sha}.pdf"));
    assert_eq!(std::fs::read(&stored).unwrap(), std::fs::read(&pdf).unwrap());
}

/// A first start: the dashboard with the built-in checklist, before anything is entered. Also
/// run against the installed package by tests/install.sh (`ANBINDUNGSCHECK_APP`).
#[tokio::test]
async fn a_first_start_opens_the_dashboard_on_the_built_in_checklist() {
    let dir = tempfile::tempdir().unwrap();
    let driver = Driver::start(&dir.path().join("neu.sqlite"));
    let app = driver.launch().await;
    let percent = app.find(Locator::Css("[data-testid='overall-percent']")).await;
    assert_eq!(percent.text().await.unwrap(), "0 %");
    app.sees("Legen Sie zuerst das Profil").await;
    for view in ["Checkliste", "Informationen des Landes", "Fachverfahren", "Bericht", "Profil"] {
        let link =
            format!("//nav//a[normalize-space()={}]", anbindungscheck_e2e::xpath_literal(view));
        app.find(Locator::XPath(&link)).await;
    }
    app.close().await;
}
