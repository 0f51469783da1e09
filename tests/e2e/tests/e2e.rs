//! End to end against the real app: a clerk sets the profile and an item, closes the app, starts
//! it again and finds both; the rows are in the SQLite file. Also: a bad AGS is refused with a
//! German message and nothing is stored.

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
