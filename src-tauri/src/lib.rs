//! The desktop shell: opens the store, registers the commands, starts the window. Commands are
//! thin: they take the input, call the core and map the error; no business logic lives here.

mod backup;
mod commands;
mod error;
mod evidence;
mod packages;
mod people;
mod reports;
mod state;
mod workflow;

pub use error::AppError;
pub use state::AppState;

/// Starts the app.
pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            use tauri::Manager;
            let fallback = app
                .path()
                .app_local_data_dir()
                .ok()
                .map(|d| d.join(anbindungscheck::paths::DB_FILE));
            app.manage(AppState::open(anbindungscheck::paths::db_path().or(fallback)));
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
