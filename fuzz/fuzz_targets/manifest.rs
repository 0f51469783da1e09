//! Any text as a manifest: parsing and validation answer with a result, never a panic.

#![no_main]

use anbindungscheck::catalogue::Catalogue;
use anbindungscheck::package::archive;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(manifest) = archive::parse_manifest(text) {
            let _ = manifest.validate(Catalogue::builtin());
        }
    }
});
