fn main() {
    // One permission per app command, so the capability can grant exactly these.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_info",
        "check_ags",
        "get_checklist",
        "get_profile",
        "get_status",
        "list_history",
        "set_item",
        "set_profile",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("failed to run tauri-build");
}
