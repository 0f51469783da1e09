//! Any bytes as a package file: opening and checking it answers with a result, never a panic.
//! Unsigned bytes stop at the signature; the ZIP reader and the entry checks before it are what
//! this target exercises.

#![no_main]

use anbindungscheck::catalogue::Catalogue;
use anbindungscheck::package::archive::{self, Limits};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn file() -> &'static tempfile::NamedTempFile {
    static FILE: OnceLock<tempfile::NamedTempFile> = OnceLock::new();
    FILE.get_or_init(|| tempfile::NamedTempFile::new().unwrap())
}

fuzz_target!(|data: &[u8]| {
    let path = file().path();
    std::fs::write(path, data).unwrap();
    let _ = archive::open(path, &Limits::default(), Catalogue::builtin());
});
