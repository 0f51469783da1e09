//! The Land's workspace in the real app: the first start asks who works, the Land's coordinator
//! sets up the profile and a key, writes a package with two services, a cost bracket, an event
//! and a document, and publishes it through the native save dialog; a municipality imports the
//! published file with the command line tool. Version 2 with one change shows the update review
//! as a municipality will see it, and is published and imported too.

use anbindungscheck_e2e::kommune::cli_binary;
use anbindungscheck_e2e::{choose_file, eventually, save_as, wait_for_text, Driver};
use fantoccini::Locator;
use std::future::Future;
use std::path::Path;
use std::process::Command;

const PASSPHRASE: &str = "Ein langer Satz als Passphrase";

/// Runs the command line tool on the municipality's database `db`; it must succeed.
fn cli(db: &Path, args: &[&str]) -> String {
    let out = Command::new(cli_binary()).arg("--db").arg(db).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Clicks (`click`) until `done` holds. Under load a WebDriver click right after the page
/// changed can fall into the gap before WebKit has laid the page out again; the clerk would
/// simply click again. Three clicks two seconds apart, then the usual wait.
async fn click_until<C, CF, D, DF>(what: &str, click: C, done: D)
where
    C: Fn() -> CF,
    CF: Future<Output = ()>,
    D: Fn() -> DF,
    DF: Future<Output = bool>,
{
    for _ in 0..3 {
        click().await;
        for _ in 0..20 {
            if done().await {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
    eventually(what, done).await;
}

/// Opens a section of the editor (unless it is open) and waits until it is open.
async fn open_section(app: &anbindungscheck_e2e::App, toggle: &str) {
    let open = || async {
        let button = app.find(Locator::Id(toggle)).await;
        button.attr("aria-expanded").await.unwrap().as_deref() == Some("true")
    };
    let click = || async {
        if !open().await {
            app.click_id(toggle).await;
        }
    };
    click_until(&format!("{toggle} did not open"), click, open).await;
}

/// Clicks the add button `label` until the new entry's field `field` is there.
async fn add_entry(app: &anbindungscheck_e2e::App, label: &str, field: &str) {
    let added = || async { app.client.find(Locator::Id(field)).await.is_ok() };
    click_until(&format!("{field} did not appear"), || app.click(label), added).await;
}

#[tokio::test]
async fn the_land_writes_publishes_and_updates_a_package_a_municipality_imports() {
    let dir = tempfile::tempdir().unwrap();
    // The app's default file name: the Land's database goes next to it.
    let driver = Driver::start_in(&dir.path().join("anbindungscheck.sqlite"), None);
    let app = driver.launch_to("Willkommen bei Anbindungscheck").await;
    app.screenshot("70-land-willkommen").await;
    app.click_id("welcome-land").await;
    app.click("Arbeitsbereich öffnen").await;
    app.heading("Übersicht").await;
    app.sees("Legen Sie zuerst das Profil des Landes an.").await;
    assert!(dir.path().join("anbindungscheck-land.sqlite").exists());
    assert!(!dir.path().join("anbindungscheck.sqlite").exists());

    // The profile and a key.
    app.click("Profil").await;
    app.heading("Profil des Landes").await;
    app.field("Land").await.select_by_value("03").await.unwrap();
    app.fill("Name der OZG-Koordination", "Ministerium für Inneres und Sport, OZG-Koordination")
        .await;
    app.click("Profil speichern").await;
    app.sees("Gespeichert.").await;
    app.click("Schlüssel").await;
    app.heading("Schlüssel").await;
    app.fill_id("key-passphrase", PASSPHRASE).await;
    app.fill_id("key-repeat", PASSPHRASE).await;
    app.click("Schlüssel erzeugen").await;
    let active = app.testid("active-key").await;
    let fingerprint: String = active
        .find(Locator::Css(".fingerprint"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
        .chars()
        .filter(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(fingerprint.len(), 32, "{fingerprint}");
    app.screenshot("71-land-schluessel").await;

    // The package: the re-use model, two services, a cost bracket, an event, a document.
    app.click("Informationspaket").await;
    app.heading("Informationspaket").await;
    let saved = || async {
        wait_for_text(&app.testid("ed-save-status").await, "Entwurf gespeichert").await;
    };
    open_section(&app, "ed-nachnutzung-toggle").await;
    app.fill_id(
        "ed-reuse_model-description",
        "Das Land gibt die Nutzung über den FIT-Store unentgeltlich an die Kommunen weiter.",
    )
    .await;
    open_section(&app, "ed-dienste-toggle").await;
    add_entry(&app, "Onlinedienst hinzufügen", "ed-services-0-name").await;
    app.fill_id("ed-services-0-name", "Präqualifizierung von Unternehmen").await;
    add_entry(&app, "Onlinedienst hinzufügen", "ed-services-1-name").await;
    app.fill_id("ed-services-1-name", "Bekanntmachung von Vergabeverfahren").await;
    open_section(&app, "ed-kosten-toggle").await;
    add_entry(&app, "Kostenmodell hinzufügen", "ed-costs-0-brackets-0-one_off_cents").await;
    app.fill_id("ed-costs-0-brackets-0-one_off_cents", "1.500,00").await;
    app.fill_id("ed-costs-0-brackets-0-annual_cents", "600").await;
    open_section(&app, "ed-veranstaltungen-toggle").await;
    add_entry(&app, "Veranstaltung hinzufügen", "ed-events-0-title").await;
    app.fill_id("ed-events-0-title", "Informationsveranstaltung EfA-Vergabe").await;
    app.set_date("ed-events-0-start", "2027-02-10T10:00").await;
    app.set_date("ed-events-0-end", "2027-02-10T12:00").await;
    app.fill_id("ed-events-0-online_url", "https://konferenz.niedersachsen.example/efa").await;
    saved().await;
    let document = dir.path().join("Leitfaden Anbindung.pdf");
    std::fs::write(&document, b"%PDF-1.7\nLeitfaden zur Anbindung\n%%EOF\n").unwrap();
    open_section(&app, "ed-dokumente-toggle").await;
    app.click("Dokument hinzufügen …").await;
    choose_file("Dokument hinzufügen", &document);
    app.testid("ed-document").await;
    saved().await;
    app.sees("Der Entwurf ist vollständig.").await;
    app.screenshot("72-land-paket").await;

    // Publish version 1 through the native save dialog.
    let v1 = dir.path().join("paket-v1.zip");
    app.scroll_to("publish-title").await;
    app.fill_id("publish-passphrase", PASSPHRASE).await;
    app.click("Veröffentlichen …").await;
    save_as("Informationspaket speichern", &v1);
    app.testid_shows("ed-published", "Version 1 ist veröffentlicht").await;
    app.screenshot("73-land-veroeffentlicht").await;
    assert!(v1.exists());

    // A municipality imports it (confirming the fingerprint) and finds the two services.
    let kommune = dir.path().join("kommune.sqlite");
    cli(&kommune, &["import", v1.to_str().unwrap(), "--trust", &fingerprint]);
    let packages: serde_json::Value =
        serde_json::from_str(&cli(&kommune, &["packages", "--json"])).unwrap();
    let names: Vec<&str> = packages[0]["manifest"]["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Präqualifizierung von Unternehmen", "Bekanntmachung von Vergabeverfahren"]);

    // Version 2 renames one service; the preview shows the update as the municipality will.
    open_section(&app, "ed-dienste-toggle").await;
    app.fill_id("ed-services-1-name", "Bekanntmachungen im Vergabeportal").await;
    saved().await;
    app.click("Vorschau für die Kommunen").await;
    let update = app.testid("review-update").await;
    wait_for_text(&update, "Aktualisierung von Version 1 auf 2").await;
    wait_for_text(&update, "Bekanntmachungen im Vergabeportal").await;
    app.screenshot("74-land-vorschau-version-2").await;
    app.click("Schließen").await;
    let v2 = dir.path().join("paket-v2.zip");
    app.scroll_to("publish-title").await;
    app.fill_id("publish-passphrase", PASSPHRASE).await;
    app.click("Veröffentlichen …").await;
    save_as("Informationspaket speichern", &v2);
    app.testid_shows("ed-published", "Version 2 ist veröffentlicht").await;
    cli(&kommune, &["import", v2.to_str().unwrap()]);
    let packages: serde_json::Value =
        serde_json::from_str(&cli(&kommune, &["packages", "--json"])).unwrap();
    assert_eq!(packages[0]["manifest"]["version"], 2);
    assert_eq!(packages[0]["manifest"]["services"][1]["name"], "Bekanntmachungen im Vergabeportal");
    app.close().await;
}

/// A municipality's database with a profile, and its report of `date` written to `out`.
fn municipal_report(dir: &Path, name: &str, ags: &str, date: &str, out: &Path) {
    let db = dir.join(format!("{ags}.sqlite"));
    if !db.exists() {
        cli(&db, &["profile", "set", "--name", name, "--ags", ags, "--population", "8000"]);
    }
    cli(&db, &["report", "-o", out.to_str().unwrap(), "--date", date]);
}

#[tokio::test]
async fn the_land_reads_a_folder_of_reports_sees_a_municipality_s_history_and_hands_it_on() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("kommunen");
    let reports = dir.path().join("Berichte Kreis Hildesheim");
    std::fs::create_dir_all(&work).unwrap();
    std::fs::create_dir_all(reports.join("Oktober")).unwrap();
    let today = chrono::Local::now().date_naive();
    let days_ago = |n: i64| (today - chrono::Days::new(n as u64)).to_string();
    municipal_report(
        &work,
        "Alfeld (Leine), Stadt",
        "03254002",
        &days_ago(40),
        &reports.join("Oktober/Alfeld.pdf"),
    );
    municipal_report(
        &work,
        "Alfeld (Leine), Stadt",
        "03254002",
        &days_ago(3),
        &reports.join("Alfeld.pdf"),
    );
    municipal_report(
        &work,
        "Algermissen",
        "03254003",
        &days_ago(5),
        &reports.join("Algermissen.pdf"),
    );
    municipal_report(
        &work,
        "Göttingen, Stadt",
        "03159016",
        &days_ago(8),
        &reports.join("Goettingen.pdf"),
    );
    let land = dir.path().join("land.sqlite");
    cli(&land, &["land", "setup", "--land", "03", "--name", "MI, OZG-Koordination"]);

    let driver = Driver::start_in(&land, Some("land"));
    let app = driver.launch().await;
    app.click("Kommunen").await;
    app.heading("Kommunen").await;
    app.sees("Berichte hierher ziehen").await;

    // The reports, one after the other through the native dialog (a folder at once is read the
    // same way; the UI tests choose folders); each read is waited for by what it changes before
    // the next dialog is opened.
    for (file, reported) in [
        ("Oktober/Alfeld.pdf", "1 von 1 Kommune"),
        ("Algermissen.pdf", "2 von 2 Kommunen"),
        ("Goettingen.pdf", "3 von 3 Kommunen"),
    ] {
        app.click("Berichte einlesen …").await;
        choose_file("Berichte einlesen", &reports.join(file));
        app.testid_shows("mu-reported", reported).await;
    }
    // Alfeld's newer report: its date becomes the last report's.
    app.click("Berichte einlesen …").await;
    choose_file("Berichte einlesen", &reports.join("Alfeld.pdf"));
    let newer = today - chrono::Days::new(3);
    wait_for_text(&app.testid("mu-table").await, &newer.format("%d.%m.%Y").to_string()).await;
    app.screenshot("75-land-kommunen-eingelesen").await;

    // The table, filtered by name.
    app.fill_id("mu-query", "alger").await;
    app.testid_shows("mu-count", "1 Kommune von 3").await;
    let table = app.testid("mu-table").await;
    wait_for_text(&table, "Algermissen").await;
    assert!(!table.text().await.unwrap().contains("Göttingen"));
    app.fill_id("mu-query", "Alfeld").await;
    app.testid_shows("mu-count", "1 Kommune von 3").await;

    // Alfeld's history: two reports, oldest first.
    app.click("Alfeld (Leine), Stadt").await;
    let history = app.testid("history-table").await;
    eventually("two reports in the history", || async {
        history.find_all(Locator::Css("tbody tr")).await.unwrap().len() == 2
    })
    .await;
    app.testid("history-chart").await;
    app.screenshot("76-land-verlauf").await;
    app.click("Schließen").await;

    // Handed on: the workbook and the status report through the native save dialog.
    app.click("Filter zurücksetzen").await;
    let xlsx = dir.path().join("Kommunen Niedersachsen.xlsx");
    app.click("Als Excel-Arbeitsmappe speichern …").await;
    save_as("Übersicht der Kommunen speichern", &xlsx);
    app.testid_shows("mu-exported", "Kommunen Niedersachsen.xlsx").await;
    assert_eq!(&std::fs::read(&xlsx).unwrap()[..2], b"PK");
    let pdf = dir.path().join("Lagebericht Niedersachsen.pdf");
    app.click("Lagebericht als PDF speichern …").await;
    save_as("Lagebericht speichern", &pdf);
    app.testid_shows("mu-exported", "Lagebericht Niedersachsen.pdf").await;
    app.screenshot("77-land-weitergegeben").await;
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    // Kept for looking at the pages, like the screenshots.
    std::fs::copy(&pdf, anbindungscheck_e2e::screenshot_dir().join("77-lagebericht.pdf")).unwrap();
    app.close().await;
}
