//! The desktop shell: opens the store, registers the commands, starts the window. Commands are
//! thin: they take the input, call the core and map the error; no business logic lives here.

mod backup;
mod commands;
mod error;
mod evidence;
mod packages;
mod people;
mod probe;
mod reports;
mod state;
mod workflow;

pub use error::AppError;
pub use state::AppState;

/// Starts the app.
pub fn run() {
    probe::mark_start();
    let mut builder = tauri::Builder::default();
    if probe::enabled() {
        builder = builder.append_invoke_initialization_script(probe::SCRIPT);
    }
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            use tauri::Manager;
            let started = std::time::Instant::now();
            let fallback = app
                .path()
                .app_local_data_dir()
                .ok()
                .map(|d| d.join(anbindungscheck::paths::DB_FILE));
            app.manage(AppState::open(anbindungscheck::paths::db_path().or(fallback)));
            probe::setup_took(started);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            backup::backup_folder,
            backup::create_backup,
            backup::restore_backup,
            commands::app_info,
            commands::check_ags,
            commands::get_checklist,
            commands::get_profile,
            commands::get_status,
            commands::list_history,
            commands::set_item,
            commands::set_profile,
            evidence::add_evidence,
            evidence::list_evidence,
            evidence::open_evidence,
            evidence::remove_evidence,
            packages::choose_package,
            packages::confirm_review,
            packages::export_ics,
            packages::import_package,
            packages::list_packages,
            packages::open_document,
            packages::set_event_attended,
            packages::set_service_decision,
            people::list_people,
            people::remove_person,
            people::save_person,
            probe::startup_probe,
            reports::export_report,
            reports::list_report_exports,
            reports::open_report,
            reports::report_preview,
            workflow::get_inventory,
            workflow::remove_fachverfahren,
            workflow::remove_requirement,
            workflow::save_fachverfahren,
            workflow::save_requirement,
            workflow::set_service_state,
        ])
        .run(tauri::generate_context!())
        .expect("error while running the Anbindungscheck app");
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// The quoted names between `start` and the next `end` in `text`.
    fn quoted(text: &str, start: &str, end: &str) -> BTreeSet<String> {
        let from = text.find(start).expect("start marker") + start.len();
        let block = &text[from..from + text[from..].find(end).expect("end marker")];
        block.split(['"', '\'']).skip(1).step_by(2).map(str::to_owned).collect()
    }

    /// The commands of `build.rs` (one permission each), the handlers registered in `run`, the
    /// capability of the main window and the isolation hook's allow-list name the same commands.
    #[test]
    fn build_handlers_capability_and_isolation_hook_agree() {
        let build = quoted(include_str!("../build.rs"), ".commands(&[", "]");
        let lib = include_str!("lib.rs");
        let from = lib.find("generate_handler![").unwrap();
        let handlers: BTreeSet<String> = lib[from..from + lib[from..].find("])").unwrap()]
            .lines()
            .skip(1)
            .filter_map(|l| l.trim().trim_end_matches(',').rsplit("::").next().map(str::to_owned))
            .filter(|name| !name.is_empty())
            .collect();
        let capability: BTreeSet<String> =
            quoted(include_str!("../capabilities/main.json"), "\"permissions\"", "]")
                .into_iter()
                .map(|p| p.strip_prefix("allow-").expect("allow- permission").replace('-', "_"))
                .collect();
        let hook = quoted(include_str!("../../ui/isolation/index.js"), "new Set([", "]");
        assert!(build.len() > 30, "{build:?}");
        assert_eq!(handlers, build);
        assert_eq!(capability, build);
        assert_eq!(hook, build);
    }
}
