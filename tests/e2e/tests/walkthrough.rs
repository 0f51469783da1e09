//! A clerk's day in the real app with the keyboard alone: profile and people, import of the
//! Land's package, a service decision with phase and connection data, a requirement, an item
//! with owner and evidence, a Fachverfahren, the report, a backup and a restore. Only key
//! presses reach the web view (native file dialogs are answered like a clerk types into
//! them); at every Tab stop the focus must be visible. A screenshot of each view is saved.

use anbindungscheck_e2e::{choose_file, save_as, App, Kommune};
use fantoccini::key::Key;

const ITEM: &str = "datenschutz-avv";

#[tokio::test]
async fn a_clerks_day_with_the_keyboard_alone() {
    let kommune = Kommune::new();
    let package = kommune.example_package();
    let app = kommune.start_app().await;
    app.screenshot("60-tag-uebersicht-neu").await;

    // Profile and a person per role.
    app.go_to("Profil").await;
    app.type_into("Name der Kommune", "Stadt Musterhausen").await;
    app.type_into("AGS", "03241001").await;
    app.type_into("Einwohnerzahl", "20000").await;
    app.activate("Profil speichern").await;
    app.sees("Gespeichert.").await;
    app.tab_to("Rolle").await;
    app.keys("Datenschutz").await; // a select picks the option typed
    app.type_into("Name", "Jonas Weißenfels").await;
    app.activate("Hinzufügen").await;
    app.sees("Gespeichert: Jonas Weißenfels").await;
    app.screenshot("61-tag-profil").await;

    // The Land's package: the native dialog, the fingerprint, the import.
    app.go_to("Informationen des Landes").await;
    app.activate("Paket einlesen").await;
    choose_file("Informationspaket des Landes einlesen", &package.path);
    // The dialog opens once the package is checked and moves the focus to its heading; Tab only
    // after that, or the focus lands on the heading behind the key press.
    app.sees("Fingerabdruck des Schlüssels").await;
    app.tab_to("Ich habe den Fingerabdruck").await;
    app.press(Key::Space).await;
    app.activate("Einlesen").await;
    app.sees("Paket eingelesen.").await;

    // The first service: we use it, it is in the questionnaire phase, and we have a wish.
    app.tab_to("Offen").await; // the checked radio button of the decision
    app.press(Key::Left).await;
    app.press(Key::Left).await;
    app.type_into("Begründung", "Die Vergabestelle prüft Eignungsnachweise täglich.").await;
    app.activate("Phase der Anbindung").await;
    app.tab_to("Aktuelle Phase").await;
    app.keys("Fragebogen").await;
    app.activate("Anschlussdaten").await;
    app.type_into("FIT-Connect", "3F2A9C1E-7B4D-4E2A-9F10-2C6D8E4B1A57").await;
    app.tab_to("Ihre Kommune möchte Pilotkommune sein").await;
    app.press(Key::Space).await;
    app.activate("Speichern: Angaben zu").await;
    app.sees("Gespeichert.").await;
    app.activate("Anforderungen an das Land").await;
    app.activate("Anforderung hinzufügen").await;
    app.type_into("Beschreibung", "Rückkanal über FIT-Connect für Nachforderungen").await;
    app.activate("Speichern").await;
    app.sees("Rückkanal über FIT-Connect für Nachforderungen").await;
    app.screenshot("62-tag-land").await;

    // An item with its owner (one of the people) and a signed agreement as evidence.
    app.go_to("Checkliste").await;
    let toggle = format!("Stand bearbeiten: {}", item_title(&app).await);
    app.activate(&toggle).await;
    app.tab_to("Status").await;
    app.keys("Erledigt").await;
    app.type_into("Verantwortlich", "Jonas Weißenfels").await;
    app.activate("Speichern").await;
    app.sees("Gespeichert.").await;
    let evidence = kommune.file("AVV unterschrieben.pdf");
    std::fs::write(&evidence, b"%PDF-1.7\nAVV, unterschrieben am 20.11.2026\n%%EOF\n").unwrap();
    app.type_into("Titel des Nachweises", "Unterzeichnete AVV").await;
    app.activate("Nachweis hinzufügen").await;
    choose_file("Nachweis hinzufügen", &evidence);
    app.sees("Unterzeichnete AVV").await;
    app.screenshot("63-tag-checkliste").await;

    // A Fachverfahren from the Land's list.
    app.go_to("Fachverfahren").await;
    app.activate("Übernehmen").await;
    app.type_into("Version", "8.1").await;
    app.activate("Speichern").await;
    app.sees("In der Liste des Landes").await;
    app.screenshot("64-tag-fachverfahren").await;

    // The report for the Land.
    app.go_to("Bericht").await;
    app.type_into("Empfänger", "Kommunale OZG-Koordination").await;
    app.activate("Bericht als PDF speichern").await;
    let report = kommune.file("bericht.pdf");
    save_as("Sachstandsbericht speichern", &report);
    app.sees("bericht.pdf").await;
    app.screenshot("65-tag-bericht").await;

    // Backup, a change, restore: the change is gone again.
    app.go_to("Datensicherung").await;
    app.activate("Sicherung erstellen").await;
    let backup = kommune.file("sicherung.sqlite");
    save_as("Sicherung speichern", &backup);
    app.sees("sicherung.sqlite").await;
    app.go_to("Profil").await;
    app.type_into("Name der Kommune", "Stadt Umbenannt").await;
    app.activate("Profil speichern").await;
    app.sees("Gespeichert.").await;
    app.go_to("Datensicherung").await;
    app.activate("Sicherung auswählen").await;
    choose_file("Sicherung wiederherstellen", &backup);
    // The dialog names whose data the backup holds before anything is replaced.
    app.testid_shows("restore-name", "Stadt Musterhausen").await;
    app.activate("Daten ersetzen").await;
    app.sees("Die Sicherung wurde wiederhergestellt.").await;
    app.sees("Stadt Musterhausen").await;
    app.screenshot("66-tag-sicherung").await;
    app.go_to("Verlauf").await;
    app.screenshot("67-tag-verlauf").await;
    app.go_to("Übersicht").await;
    app.screenshot("68-tag-uebersicht").await;
    app.quit().await;

    // Everything is in the database that was restored.
    let db = kommune.database();
    let one = |sql: &str| -> String { db.value(sql, []) };
    assert_eq!(one("SELECT name FROM profile"), "Stadt Musterhausen");
    assert_eq!(one("SELECT name FROM person"), "Jonas Weißenfels");
    assert_eq!(one("SELECT decision FROM service_decision"), "ja");
    assert_eq!(one("SELECT phase FROM service_state"), "fragebogen");
    assert_eq!(
        one("SELECT fit_connect_destination FROM service_state"),
        "3f2a9c1e-7b4d-4e2a-9f10-2c6d8e4b1a57"
    );
    assert_eq!(one("SELECT priority FROM requirement"), "mittel");
    let owner: String = db.value("SELECT owner FROM item_progress WHERE item_id = ?1", [ITEM]);
    assert_eq!(owner, "Jonas Weißenfels");
    assert_eq!(one("SELECT title FROM evidence"), "Unterzeichnete AVV");
    assert_eq!(one("SELECT version FROM fachverfahren"), "8.1");
    assert_eq!(db.count("report_export"), 1);
    assert!(std::fs::read(&report).unwrap().starts_with(b"%PDF-"));
}

/// The title of the item the walkthrough works on, as the checklist shows it.
async fn item_title(app: &App) -> String {
    app.in_item(ITEM, "h3").await.text().await.unwrap()
}
