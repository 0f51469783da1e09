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
