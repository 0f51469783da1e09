fn main() {
    // One permission per app command, so the capability can grant exactly these.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_info",
        "check_ags",
        "choose_package",
        "confirm_review",
        "export_ics",
        "get_checklist",
        "get_profile",
        "get_status",
        "import_package",
        "list_history",
        "list_packages",
        "open_document",
        "set_event_attended",
        "set_item",
        "set_profile",
        "set_service_decision",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("failed to run tauri-build");
}
