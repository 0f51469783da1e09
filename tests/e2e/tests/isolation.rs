//! The isolation pattern is active: every IPC call of the main window passes the hook in
//! `ui/isolation/index.js`, which lets the app's own commands through and turns anything else
//! into a call of `isolation_refused` (which no handler has), so the call is rejected naming that
//! command. Without the hook, the core would answer with the name the page used.

use anbindungscheck_e2e::{App, Kommune};
use serde_json::{json, Value};

/// Calls `cmd` through Tauri's IPC from the page, as a hostile script in the web view could;
/// returns `Ok(result)` or `Err(message)`.
async fn invoke(app: &App, cmd: &str, args: Value) -> Result<Value, String> {
    let script = r#"
        const [cmd, args, done] = arguments;
        window.__TAURI_INTERNALS__.invoke(cmd, args).then(
            (value) => done({ ok: value === undefined ? null : value }),
            (error) => done({ err: typeof error === 'string' ? error : JSON.stringify(error) }),
        );
    "#;
    let answer = app
        .client
        .execute_async(script, vec![json!(cmd), args])
        .await
        .unwrap_or_else(|e| panic!("invoke {cmd}: {e}"));
    match answer.get("err") {
        Some(err) => Err(err.as_str().unwrap_or_default().to_owned()),
        None => Ok(answer["ok"].clone()),
    }
}

#[tokio::test]
async fn the_isolation_hook_passes_app_commands_and_refuses_anything_else() {
    let kommune = Kommune::new();
    let app = kommune.start_app().await;

    // The isolation iframe is there and hidden (so it takes no keyboard focus either).
    let frame = app
        .client
        .execute(
            "const f = document.getElementById('__tauri_isolation__'); \
             return f ? [getComputedStyle(f).display, f.src] : null;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(frame[0], "none", "isolation iframe: {frame}");
    assert!(frame[1].as_str().unwrap().starts_with("isolation-"), "{frame}");

    // One of the app's commands passes unchanged.
    let check = invoke(&app, "check_ags", json!({ "ags": "09162000" })).await.unwrap();
    assert_eq!(check["valid"], true, "{check}");
    assert_eq!(check["land"], "Bayern", "{check}");

    // A plugin command (the opener plugin is registered, the web view has no permission for it)
    // and a name no handler has are both replaced by the hook before they reach the core.
    for cmd in ["plugin:opener|open_url", "plugin:app|version", "drop_database"] {
        let err = invoke(&app, cmd, json!({ "url": "https://example.org" })).await.unwrap_err();
        assert!(err.contains("isolation_refused"), "{cmd}: {err}");
        assert!(!err.contains(cmd), "{cmd} reached the core: {err}");
    }

    // The startup probe is a known command, but refuses without ANBINDUNGSCHECK_STARTUP_PROBE.
    let err = invoke(
        &app,
        "startup_probe",
        json!({ "figures": { "origin_ms": 1.0, "page_ms": 1.0, "loaded_ms": 1.0, "isolation_ms": 1.0, "paint_ms": 1.0 } }),
    )
    .await
    .unwrap_err();
    assert!(err.contains("ANBINDUNGSCHECK_STARTUP_PROBE"), "{err}");

    // The app is still usable.
    app.heading("Übersicht").await;
    app.quit().await;
}
