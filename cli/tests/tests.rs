//! All integration tests of the command line tool, built as one binary. They run the built
//! `anbindungscheck` (`CARGO_BIN_EXE_anbindungscheck`) as a child process.

mod cli;
mod crash;
#[path = "../../tests/fixtures.rs"]
mod fixtures;
mod keys;
mod report;
mod special_files;

/// The example package's source folder (in the workspace root's `examples/`).
pub const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/paket-vergabe");
