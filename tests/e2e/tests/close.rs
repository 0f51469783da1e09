//! Closing the window as a window manager's close button does (`WM_DELETE_WINDOW`): without
//! unsaved input the app closes at once; with it, the app asks first, stays open on „Zurück zur
//! Eingabe“ and closes on „Verwerfen“, and what was not saved is not stored.

use anbindungscheck_e2e::{eventually, request_close, wait_for_text, App, Kommune, Session};
use fantoccini::Locator;
use std::time::Duration;

/// Asks the session's app to close its window.
fn close(session: &Session) -> u64 {
    let window = session.window().expect("the app's window is shown");
    request_close(window);
    window
}

/// Waits until the session's app window is gone.
async fn closed(session: &Session) {
    eventually("the app's window closed", || async { session.window().is_none() }).await;
}

/// Waits until the app asks about the unsaved input (the dialog is open).
async fn asked(app: &App) {
    let dialog = app.testid("discard-dialog").await;
    eventually("the question about unsaved input", || async {
        dialog.prop("open").await.unwrap().as_deref() == Some("true")
    })
    .await;
    wait_for_text(&dialog, "Nicht gespeicherte Änderungen").await;
}

#[tokio::test]
#[ignore = "under load Tauri sometimes leaves the window open after a close request not held \
            back (the handler sees `CloseRequested`, no `Destroyed` follows); run with --ignored"]
async fn closing_the_window_asks_about_unsaved_input_first() {
    let kommune = Kommune::with_profile();

    // Nothing typed: the window closes at once.
    let session = kommune.start_app().await;
    close(&session);
    closed(&session).await;
    drop(session);

    let session = kommune.start_app().await;
    session.open("Profil").await;
    let name = session.find(Locator::Id("person-name")).await;
    name.send_keys("Kämmerei, Frau Roth").await.unwrap();
    wait_for_text(&session.testid("people-status").await, "Nicht gespeicherte Änderungen").await;
    // The page tells the shell about the unsaved input right after it is shown.
    tokio::time::sleep(Duration::from_millis(500)).await;

    let window = close(&session);
    asked(&session).await;
    session.screenshot("80-schliessen-ungespeichert").await;
    session.click("Zurück zur Eingabe").await;
    assert_eq!(name.prop("value").await.unwrap().as_deref(), Some("Kämmerei, Frau Roth"));
    assert_eq!(session.window(), Some(window), "the window stays open");

    // Asked again, as often as the window is to be closed; „Verwerfen“ closes it.
    tokio::time::sleep(Duration::from_millis(500)).await;
    close(&session);
    asked(&session).await;
    session.click("Verwerfen").await;
    closed(&session).await;
    drop(session);
    assert_eq!(kommune.database().count("person"), 0, "the unsaved person is not stored");
}
