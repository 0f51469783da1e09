//! On an English system (the driver starts the app with `LANG=en_US.UTF-8`): the clerk types and
//! reads German dates, the counts agree between the dashboard, the checklist, the report and the
//! command line, the focus shows after saving and after changing the view, and the trust dialog
//! fits a laptop screen with a taskbar (1366×680).

use anbindungscheck_e2e::{choose_file, wait_for_text, Kommune};
use fantoccini::Locator;
use serde_json::Value;

const ITEM: &str = "finanzierung-kosten";
const STATUSES: [&str; 5] =
    ["offen", "in_arbeit", "erledigt", "nicht_zutreffend", "extern_blockiert"];

#[tokio::test]
async fn on_an_english_system_dates_are_german_counts_agree_and_the_focus_shows() {
    let kommune = Kommune::with_profile();
    kommune.import_example();
    let app = kommune.start_app().await;
    let language = app.eval("return navigator.language;", vec![]).await;
    assert!(
        language.as_str().unwrap_or_default().starts_with("en"),
        "English web view: {language}"
    );

    // A due date typed the German way is stored as a date and shown the German way again.
    app.open("Checkliste").await;
    app.edit_item(ITEM).await;
    app.item_field(ITEM, "due").await.send_keys("31.01.2027").await.unwrap();
    app.save_item(ITEM).await;
    app.sees("Gespeichert.").await;
    let focus = app.focus().await;
    assert_eq!((focus.name.as_str(), focus.visible), ("Speichern", true), "focus stays, visibly");
    app.open("Übersicht").await;
    let focus = app.focus().await;
    assert_eq!((focus.tag.as_str(), focus.name.as_str()), ("h1", "Übersicht"), "on the heading");
    assert!(focus.visible, "the heading's focus is visible");
    app.open("Checkliste").await;
    let focus = app.focus().await;
    assert_eq!((focus.tag.as_str(), focus.visible), ("h1", true), "on the heading, visibly");
    app.edit_item(ITEM).await;
    let due = app.item_field(ITEM, "due").await;
    assert_eq!(due.prop("value").await.unwrap().as_deref(), Some("31.01.2027"));
    assert_eq!(
        app.item_field(ITEM, "due").await.attr("type").await.unwrap().as_deref(),
        Some("text")
    );

    // The counts: the command line's, the dashboard's, the checklist's and the report's agree.
    let status: Value = serde_json::from_str(&kommune.cli(&["status", "--json"])).unwrap();
    let count = |part: &str, s: &str| status[part][s].as_u64().unwrap();
    app.open("Übersicht").await;
    for s in STATUSES {
        let shown =
            app.find(Locator::Css(&format!("li.count[data-status='{s}'] .count-number"))).await;
        assert_eq!(shown.text().await.unwrap(), count("counts", s).to_string(), "dashboard: {s}");
    }
    app.open("Checkliste").await;
    app.select("filter-status", "offen").await;
    let all = count("counts", "offen") + count("others", "offen");
    let result = app.find(Locator::Css(".result-count")).await;
    wait_for_text(&result, &format!("{all} Aufgaben von ")).await;
    app.quit().await;

    let pdf = kommune.file("bericht.pdf");
    kommune.cli(&["report", "-o", pdf.to_str().unwrap()]);
    let text = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let own = format!(
        "{} offen · {} in Arbeit · {} erledigt",
        count("counts", "offen"),
        count("counts", "in_arbeit"),
        count("counts", "erledigt")
    );
    assert!(text.contains(&format!("Aufgaben der Kommune ({}): {own}", total(&status, "counts"))));
    assert!(text.contains(&format!("Aufgaben des Landes ({}): ", total(&status, "others"))));
    let due: String =
        kommune.database().value("SELECT due FROM item_progress WHERE item_id = ?1", [ITEM]);
    assert_eq!(due, "2027-01-31");
}

fn total(status: &Value, part: &str) -> u64 {
    STATUSES.iter().map(|s| status[part][s].as_u64().unwrap()).sum()
}

#[tokio::test]
async fn the_trust_dialog_fits_a_laptop_screen_with_a_taskbar() {
    let kommune = Kommune::with_profile();
    let package = kommune.example_package();
    let app = kommune.start_app().await;
    // The trust dialog on a laptop screen with a taskbar.
    app.client.set_window_rect(0, 0, 1366, 680).await.unwrap();
    app.open("Informationen des Landes").await;
    app.click_id("package-import").await;
    choose_file("Informationspaket des Landes einlesen", &package.path);
    app.testid("fingerprint").await;
    let fits = app
        .eval(
            "const box = document.querySelector('dialog[open]').getBoundingClientRect();
             const start = document.getElementById('import-start').getBoundingClientRect();
             return [innerHeight, box.top >= 0 && box.bottom <= innerHeight,
                 start.top >= box.top && start.bottom <= box.bottom];",
            vec![],
        )
        .await;
    assert!(fits[0].as_f64().unwrap() <= 680.0, "the window is at most 680 px high: {fits}");
    assert_eq!((fits[1].as_bool(), fits[2].as_bool()), (Some(true), Some(true)), "{fits}");
    app.screenshot("80-fingerabdruck-680").await;
    app.click_id("import-trust").await;
    app.click_id("import-start").await;
    app.sees("Paket eingelesen.").await;
    app.quit().await;
}
