//! `anbindungscheck`: the command line tool. The clerk's checklist in a terminal and the Land's
//! coordinator's tools (packages, aggregation). Its help and errors are German. Every command
//! takes `--db PFAD`; bad input exits non-zero with one line naming the bad value and writes
//! nothing. A database file that did not exist is not left behind by a command that failed.
//!
//! This file parses the arguments, runs the command and turns its outcome into the exit code;
//! `args` defines the arguments, `german` parses them, `run` calls the core's command layer
//! (with `desktop` standing in for a desktop) and `print` writes what the user reads.

mod args;
mod desktop;
mod german;
mod passphrase;
mod print;
mod run;

use anbindungscheck::api::ApiError;

fn main() {
    std::process::exit(cli_main());
}

/// Runs the command line; returns the process exit code: 0 on success (and after help or
/// version), 2 for bad input, a refused package or key (a wrong passphrase too) or a usage
/// error, 3 when `aggregate` skipped files, 1 otherwise.
fn cli_main() -> i32 {
    let cli = match german::parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let stdout = std::io::stdout();
    match run::run(cli, &mut stdout.lock()) {
        Ok(()) => 0,
        Err(e) => {
            print::error(&e);
            exit_code(&e)
        }
    }
}

/// The exit code for a failed command, from the error's stable code.
fn exit_code(e: &ApiError) -> i32 {
    match e.code().as_str() {
        "validation" | "not_found" => 2,
        "package_io" => 1,
        "report_skipped" => 3,
        "report_pdf" | "report_workbook" => 1,
        code if code.starts_with("report_") => 2,
        code if code.starts_with("package_") || code.starts_with("key_") => 2,
        _ => 1,
    }
}
