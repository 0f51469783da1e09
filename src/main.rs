//! `anbindungscheck`: the command line of the core.

fn main() {
    std::process::exit(anbindungscheck::cli::main());
}
