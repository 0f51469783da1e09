fn main() {
    // One permission per app command, so the capability can grant exactly these. The list is
    // generated from the core's command list (`make bindings`), one name per line.
    let commands: Vec<&'static str> = include_str!("commands.txt").lines().collect();
    println!("cargo:rerun-if-changed=commands.txt");
    let manifest = tauri_build::AppManifest::new().commands(commands.leak());
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("failed to run tauri-build");
}
