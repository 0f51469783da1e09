fn main() {
    // One permission per app command, so the capability can grant exactly these.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_info",
        "check_ags",
        "choose_package",
        "confirm_review",
        "export_ics",
        "export_report",
        "get_checklist",
        "get_profile",
        "get_status",
        "import_package",
        "list_history",
        "list_packages",
        "list_report_exports",
        "open_document",
        "open_report",
        "report_preview",
        "set_event_attended",
        "set_item",
        "set_profile",
        "set_service_decision",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("failed to run tauri-build");
}
