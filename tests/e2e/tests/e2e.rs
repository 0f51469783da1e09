//! End to end against the real app: a clerk sets the profile and an item, closes the app, starts
//! it again and finds both; the rows are in the SQLite file. Also: a bad AGS is refused with a
//! German message and nothing is stored; packages, the report, and a backup that is restored.

mod close;
mod english;
mod isolation;
mod land;
mod walkthrough;

use anbindungscheck_e2e::{choose_file, eventually, save_as, wait_for_text, Database, Kommune};
use fantoccini::Locator;

const ITEM: &str = "finanzierung-kosten";

#[tokio::test]
async fn profile_and_item_survive_a_restart_and_are_in_the_database() {
    let kommune = Kommune::new();
    let app = kommune.start_app().await;
    app.sees("Legen Sie zuerst das Profil").await;
    app.screenshot("01-uebersicht-neu").await;

    app.open("Profil").await;
    app.fill("Name der Kommune", "Gemeinde Musterstadt").await;
    app.fill("AGS", "09162000").await;
    app.sees("Land: Bayern").await;
    app.fill("Einwohnerzahl", "12500").await;
    app.click("Profil speichern").await;
    app.sees("Gespeichert.").await;
    app.screenshot("02-profil").await;

    app.open("Checkliste").await;
    app.edit_item(ITEM).await;
    app.item_field(ITEM, "status").await.select_by_value("erledigt").await.unwrap();
    app.item_field(ITEM, "owner").await.send_keys("Kämmerei, Frau Ünal").await.unwrap();
    app.save_item(ITEM).await;
    app.sees("Gespeichert.").await;
    assert_eq!(app.item_status(ITEM).await, "erledigt");
    app.screenshot("03-checkliste").await;

    // Second start: everything is still there.
    // A new driver too: the app starts exactly as the clerk would start it again.
    app.quit().await;
    let app = kommune.start_app().await;
    let percent = app.testid("overall-percent").await;
    assert_eq!(percent.text().await.unwrap(), "4 %", "1 of 21 municipal items done");
    app.sees("Gemeinde Musterstadt").await;
    app.screenshot("04-uebersicht").await;
    app.open("Checkliste").await;
    assert_eq!(app.item_status(ITEM).await, "erledigt");
    assert_eq!(app.item_owner(ITEM).await.text().await.unwrap(), "Kämmerei, Frau Ünal");
    app.open("Profil").await;
    let name = app.field("Name der Kommune").await;
    assert_eq!(name.prop("value").await.unwrap().as_deref(), Some("Gemeinde Musterstadt"));
    app.open("Verlauf").await;
    app.sees("Kämmerei, Frau Ünal").await;
    app.screenshot("05-verlauf").await;
    app.quit().await;

    let db = kommune.database();
    let (status, owner): (String, String) =
        db.row("SELECT status, owner FROM item_progress WHERE item_id = ?1", [ITEM]);
    assert_eq!((status.as_str(), owner.as_str()), ("erledigt", "Kämmerei, Frau Ünal"));
    let (name, ags, population): (String, String, i64) =
        db.row("SELECT name, ags, population FROM profile", []);
    assert_eq!(
        (name.as_str(), ags.as_str(), population),
        ("Gemeinde Musterstadt", "09162000", 12500)
    );
    assert_eq!(db.count("audit"), 5, "name, ags, population, status, owner");
}

#[tokio::test]
async fn a_bad_ags_is_refused_with_a_german_message_and_nothing_is_stored() {
    let kommune = Kommune::new();
    let app = kommune.start_app().await;
    app.open("Profil").await;
    app.fill("Name der Kommune", "Gemeinde Musterstadt").await;
    app.fill("AGS", "17000000").await;
    app.sees("sind kein Länderschlüssel").await;
    app.click("Profil speichern").await;
    let ags = &app.field("AGS").await;
    eventually("AGS field not marked invalid", move || async move {
        ags.attr("aria-invalid").await.unwrap().as_deref() == Some("true")
    })
    .await;
    app.screenshot("06-profil-fehler").await;
    app.quit().await;

    assert_eq!(kommune.database().count("profile"), 0);
}

#[tokio::test]
async fn the_clerk_imports_the_example_package_sees_services_and_costs_and_saves_an_event() {
    let kommune = Kommune::with_profile();
    let package = kommune.example_package();
    let app = kommune.start_app().await;
    app.open("Informationen des Landes").await;
    app.click_id("package-import").await;
    choose_file("Informationspaket des Landes einlesen", &package.path);
    let shown = app.testid("fingerprint").await;
    let normalize = |s: &str| s.chars().filter(char::is_ascii_hexdigit).collect::<String>();
    assert_eq!(normalize(&shown.text().await.unwrap()), normalize(&package.fingerprint));
    app.screenshot("10-paket-fingerabdruck").await;
    app.click_id("import-trust").await;
    app.click_id("import-start").await;
    app.find(Locator::Css("article[data-service='praequalifizierung']")).await;
    app.sees("Paket eingelesen.").await;
    // 12,500 inhabitants: the bracket up to 50,000 (1,200.00 € a year).
    let annual = app.testid("cost-annual").await;
    assert!(annual.text().await.unwrap().contains("1.200,00"), "annual costs shown");
    app.screenshot("11-paket-eingelesen").await;

    let ics = kommune.file("termin.ics");
    app.click_css("article[data-event='workshop-technik-2027-02'] button.ics-export").await;
    save_as("Termin als Kalenderdatei speichern", &ics);
    app.testid_shows("ics-status", "termin.ics").await;
    let calendar = std::fs::read_to_string(&ics).unwrap();
    assert!(calendar.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(calendar.contains("DTSTART;TZID=Europe/Berlin:20270210T093000"));
    assert_eq!(calendar.matches("BEGIN:VEVENT").count(), 1);
    app.quit().await;

    let version: i64 = kommune.database().value("SELECT version FROM package", []);
    assert_eq!(version, 1);
}

#[tokio::test]
async fn markup_in_a_package_is_shown_as_text() {
    let kommune = Kommune::new();
    let hostile = "<img src=x onerror=alert(1)>";
    kommune.import(&kommune.package_with_text(hostile));
    let app = kommune.start_app().await;
    app.open("Informationen des Landes").await;
    let shown = app.testid("service-description").await;
    assert_eq!(shown.text().await.unwrap().trim(), hostile);
    let contact = app.find(Locator::Css("[data-testid='contact'] .contact-name")).await;
    assert_eq!(contact.text().await.unwrap().trim(), hostile);
    let images = app.client.find_all(Locator::Css("img")).await.unwrap();
    assert!(images.is_empty(), "markup from the package created an element");
    app.screenshot("12-paket-markup-als-text").await;
    app.quit().await;
}

#[tokio::test]
async fn the_clerk_exports_the_readiness_report_and_it_is_recorded() {
    const RECIPIENT: &str = "Kommunale OZG-Koordination Niedersachsen";
    let kommune = Kommune::with_profile();
    let app = kommune.start_app().await;
    app.open("Bericht").await;
    app.sees("Vor dem Export prüfen").await;
    app.fill("Empfänger (optional)", RECIPIENT).await;
    app.screenshot("20-bericht").await;
    app.click_id("report-export").await;
    let pdf = kommune.file("bericht.pdf");
    save_as("Sachstandsbericht speichern", &pdf);
    app.testid_shows("report-status", "bericht.pdf").await;
    app.sees(RECIPIENT).await;
    app.screenshot("21-bericht-exportiert").await;
    app.quit().await;

    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF was written");
    let (recipient, path): (String, String) =
        kommune.database().row("SELECT recipient, path FROM report_export", []);
    assert_eq!(recipient, RECIPIENT);
    assert_eq!(std::path::Path::new(&path), pdf);
}

#[tokio::test]
async fn the_clerk_backs_up_changes_the_profile_and_restores_the_backup() {
    let kommune = Kommune::with_profile();
    let backup = kommune.file("sicherung.sqlite");
    let app = kommune.start_app().await;

    // Back up "Gemeinde Musterstadt" through the native save dialog.
    app.open("Datensicherung").await;
    app.sees(&kommune.db_file().display().to_string()).await;
    app.click_id("backup-create").await;
    save_as("Sicherung speichern", &backup);
    let result = app.testid_shows("backup-result", "sicherung.sqlite").await;
    assert!(result.text().await.unwrap().contains("Sicherung gespeichert."));
    assert!(backup.is_file(), "the backup was written");
    app.screenshot("29-sicherung-erstellt").await;

    // Change the name.
    app.open("Profil").await;
    app.fill("Name der Kommune", "Gemeinde Neustadt").await;
    app.click("Profil speichern").await;
    app.sees("Gespeichert.").await;
    let header = app.testid_shows("header-profile", "Gemeinde Neustadt").await;

    // Restore: pick the file in the native open dialog, then see what it holds and confirm.
    app.open("Datensicherung").await;
    app.click_id("backup-restore").await;
    choose_file("Sicherung wiederherstellen", &backup);
    let holds = app.testid_shows("restore-name", "Gemeinde Musterstadt").await;
    assert!(holds.text().await.unwrap().contains("AGS"), "the backup's municipality is named");
    let text = app.find(Locator::Id("restore-text")).await;
    assert!(text.text().await.unwrap().contains("backups"), "the folder is named");
    app.screenshot("30-sicherung-bestaetigen").await;
    app.click_id("restore-confirm").await;
    let restored =
        app.testid_shows("restore-result", "Die Sicherung wurde wiederhergestellt.").await;
    wait_for_text(&restored, "Gemeinde Musterstadt").await;
    wait_for_text(&header, "Gemeinde Musterstadt").await;
    let kept = app.testid("restore-kept").await;
    let kept = std::path::PathBuf::from(kept.text().await.unwrap().trim());
    app.screenshot("31-sicherung-wiederhergestellt").await;

    // The views read the restored database.
    app.open("Profil").await;
    let name = &app.field("Name der Kommune").await;
    eventually("restored name not in the profile form", move || async move {
        name.prop("value").await.unwrap().as_deref() == Some("Gemeinde Musterstadt")
    })
    .await;
    app.quit().await;

    let name: String = kommune.database().value("SELECT name FROM profile", []);
    assert_eq!(name, "Gemeinde Musterstadt");
    // The database from before the restore was kept, with the changed name.
    assert_eq!(kept.parent(), Some(kommune.file("backups").as_path()));
    let name: String = Database::open(&kept).value("SELECT name FROM profile", []);
    assert_eq!(name, "Gemeinde Neustadt");
}

#[tokio::test]
async fn the_clerk_records_a_services_phase_and_connection_and_a_fachverfahren() {
    let kommune = Kommune::with_profile();
    kommune.import_example();
    let app = kommune.start_app().await;
    app.open("Informationen des Landes").await;

    // The first service: phase and dates.
    let card = "article[data-service='praequalifizierung']";
    let summary = |section: &str| format!("{card} details[data-section='{section}'] > summary");
    // One "Speichern" for the whole card.
    let save = format!("{card} .service-save button[type='submit']");
    app.click_css(&summary("phase")).await;
    let base = "paket-0-dienst-0";
    app.select(&format!("{base}-phase"), "fragebogen").await;
    app.set_date(&format!("{base}-date-interesse"), "2026-10-01").await;
    app.set_date(&format!("{base}-date-freischaltung"), "2027-03-01").await;
    app.click_css(&save).await;
    app.sees("Gespeichert.").await;

    // Connection data: a bad UUID is refused at the field, then corrected.
    app.click_css(&summary("connection")).await;
    let field = |name: &str| format!("{base}-conn-{name}");
    let uuid = app.find(Locator::Id(&field("fit_connect_destination"))).await;
    uuid.send_keys("3f2a9c1e7b4d").await.unwrap();
    let dvdv = app.find(Locator::Id(&field("dvdv_key"))).await;
    dvdv.send_keys("ags:03241002").await.unwrap();
    app.select(&field("transport_route"), "fit_connect").await;
    app.set_date(&field("certificate_expires"), "2027-06-30").await;
    app.click_id(&field("pilot_interest")).await;
    app.click_css(&save).await;
    app.find(Locator::Id(&field("fit_connect_destination-error"))).await;
    assert_eq!(uuid.attr("aria-invalid").await.unwrap().as_deref(), Some("true"));
    app.scroll_to(&field("fit_connect_destination")).await;
    app.screenshot("40-dienst-anschluss-fehler").await;
    uuid.clear().await.unwrap();
    uuid.send_keys("3F2A9C1E-7B4D-4E2A-9F10-2C6D8E4B1A57").await.unwrap();
    app.click_css(&save).await;
    app.sees("Gespeichert.").await;
    // The card checks the service again with what was saved.
    app.sees("Gültig bis 30.06.2027").await;
    app.scroll_to(&format!("{base}-title")).await;
    app.screenshot("41-dienst-aufgeklappt").await;

    // The Fachverfahren the Land lists: take one over, add the version and the commission.
    app.open("Fachverfahren").await;
    app.sees("Vom Land gelistet, bei Ihnen noch nicht erfasst").await;
    app.screenshot("42-fachverfahren-leer").await;
    app.click_id("fv-take-0").await;
    let product = app.find(Locator::Id("fv-product")).await;
    assert_eq!(product.prop("value").await.unwrap().as_deref(), Some("VergabeManager (Beispiel)"));
    app.find(Locator::Id("fv-version")).await.send_keys("8.1").await.unwrap();
    app.click_id("fv-vendor_commissioned").await;
    app.set_date("fv-commissioned_on", "2026-09-01").await;
    app.click_id("fv-save").await;
    app.sees("Hinzugefügt: VergabeManager (Beispiel).").await;
    app.testid_shows("fv-land", "ja – VergabeManager (Beispiel)").await;
    app.client.execute("window.scrollTo(0, 0);", vec![]).await.unwrap();
    app.screenshot("43-fachverfahren").await;
    app.quit().await;

    let db = kommune.database();
    let (phase, destination, pilot, route, certificate): (String, String, bool, String, String) =
        db.row(
            "SELECT phase, fit_connect_destination, pilot_interest, transport_route,
                 certificate_expires
             FROM service_state WHERE service_id = 'praequalifizierung'",
            [],
        );
    assert_eq!(phase, "fragebogen");
    assert_eq!((route.as_str(), certificate.as_str()), ("fit_connect", "2027-06-30"));
    assert_eq!(destination, "3f2a9c1e-7b4d-4e2a-9f10-2c6d8e4b1a57");
    assert!(pilot);
    assert_eq!(db.count("service_phase_date"), 2);
    let (product, version, commissioned): (String, String, String) =
        db.row("SELECT product, version, commissioned_on FROM fachverfahren", []);
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
    let kommune = Kommune::with_profile();
    // The signed agreement as the clerk has it on disk.
    let pdf = kommune.file("AVV unterschrieben.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n")
        .unwrap();
    let app = kommune.start_app().await;

    // Two people in the profile: data protection, and the functional mailbox.
    app.open("Profil").await;
    let status = app.testid("people-status").await;
    for (role, name, email) in [
        ("datenschutz", "Dr. Petra Vogel", "datenschutz@musterstadt.example"),
        ("postfach", "OZG-Postfach", "ozg@musterstadt.example"),
    ] {
        app.find(Locator::Id("person-role")).await.select_by_value(role).await.unwrap();
        app.find(Locator::Id("person-name")).await.send_keys(name).await.unwrap();
        app.find(Locator::Id("person-email")).await.send_keys(email).await.unwrap();
        app.click_id("person-save").await;
        wait_for_text(&status, &format!("Gespeichert: {name}")).await;
    }
    let vogel = app.find(Locator::Css(".people-role[data-role='datenschutz'] .person-name")).await;
    assert_eq!(vogel.text().await.unwrap(), "Dr. Petra Vogel");
    app.scroll_to("people-title").await;
    app.screenshot("50-profil-ansprechpersonen").await;

    // The owner of an item: the field offers "Name (Rolle)"; picking it stores the name.
    let item = "datenschutz-avv";
    app.open("Checkliste").await;
    app.edit_item(item).await;
    let option = app.find(Locator::Css(&format!("#form-{item}-owner-people option"))).await;
    let suggestion = option.attr("value").await.unwrap().unwrap();
    assert_eq!(suggestion, "Dr. Petra Vogel (Datenschutz)");
    let owner = app.item_field(item, "owner").await;
    owner.send_keys(&suggestion).await.unwrap();
    assert_eq!(owner.prop("value").await.unwrap().as_deref(), Some("Dr. Petra Vogel"));
    app.save_item(item).await;
    wait_for_text(&app.item_owner(item).await, "Dr. Petra Vogel").await;

    // Evidence: a title, then the file through the native dialog.
    let base = format!("nachweise-{item}");
    let title = app.find(Locator::Id(&format!("{base}-title-input"))).await;
    title.send_keys("AVV mit dem Land").await.unwrap();
    app.click_id(&format!("{base}-add")).await;
    choose_file("Nachweis hinzufügen", &pdf);
    let evidence = "[data-testid='evidence']";
    let added = app.in_item(item, &format!("{evidence} [data-testid='evidence-status']")).await;
    wait_for_text(&added, "Nachweis hinzugefügt: AVV mit dem Land.").await;
    let row = app.in_item(item, &format!("{evidence} .evidence-row")).await;
    let row_text = row.text().await.unwrap();
    assert!(row_text.contains("AVV mit dem Land"), "{row_text}");
    assert!(row_text.contains("AVV unterschrieben.pdf"), "{row_text}");
    let sha = sha256_of(&pdf);
    // The check sum is for the IT department, under "Technische Angaben".
    let details = row.find(Locator::Css("[data-testid='evidence-sha']")).await.unwrap();
    details.find(Locator::Css("summary")).await.unwrap().click().await.unwrap();
    let shown = details.find(Locator::Css(".code")).await.unwrap();
    assert_eq!(shown.text().await.unwrap(), sha);
    let count = app.in_item(item, "[data-testid='evidence-count']").await;
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
    app.quit().await;

    let db = kommune.database();
    let people: Vec<(String, String)> = db.rows("SELECT role, name FROM person ORDER BY id", []);
    assert_eq!(
        people,
        [
            ("datenschutz".to_owned(), "Dr. Petra Vogel".to_owned()),
            ("postfach".to_owned(), "OZG-Postfach".to_owned())
        ]
    );
    let owner: String = db.value("SELECT owner FROM item_progress WHERE item_id = ?1", [item]);
    assert_eq!(owner, "Dr. Petra Vogel");
    let (item_id, title, file_name, stored_sha): (String, String, String, String) =
        db.row("SELECT item_id, title, file_name, sha256 FROM evidence", []);
    assert_eq!(
        (item_id.as_str(), title.as_str(), file_name.as_str()),
        (item, "AVV mit dem Land", "AVV unterschrieben.pdf")
    );
    assert_eq!(stored_sha, sha);
    let stored = kommune.file("kommune-evidence").join(format!("{sha}.pdf"));
    assert_eq!(std::fs::read(&stored).unwrap(), std::fs::read(&pdf).unwrap());
}

/// A first start: the dashboard with the built-in checklist, before anything is entered. Also
/// run against the installed package by tests/install.sh (`ANBINDUNGSCHECK_APP`).
#[tokio::test]
async fn a_first_start_opens_the_dashboard_on_the_built_in_checklist() {
    let kommune = Kommune::new();
    let app = kommune.start_app().await;
    let percent = app.testid("overall-percent").await;
    assert_eq!(percent.text().await.unwrap(), "0 %");
    app.sees("Legen Sie zuerst das Profil").await;
    for view in ["Checkliste", "Informationen des Landes", "Fachverfahren", "Bericht", "Profil"] {
        let link =
            format!("//nav//a[normalize-space()={}]", anbindungscheck_e2e::xpath_literal(view));
        app.find(Locator::XPath(&link)).await;
    }
    app.quit().await;
}
