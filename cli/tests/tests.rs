//! All integration tests of the command line tool, built as one binary. They run the built
//! `anbindungscheck` (`CARGO_BIN_EXE_anbindungscheck`) as a child process.

mod cli;
mod crash;
mod report;
mod special_files;
mod support;
