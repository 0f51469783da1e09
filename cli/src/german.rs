//! German help and parse errors for the command line. clap writes its headings, its usage line
//! and its errors in English; this module sets what clap lets us set (help and version flags,
//! no help subcommand), translates the few fixed words of its help text, and writes every parse
//! error anew from the error's context.

use clap::error::{ContextKind, ContextValue, Error, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};
use std::ffi::OsString;

use crate::args::Cli;

/// The command with German help flags: `-h/--help` on every command, `-V/--version` on the
/// top, and no `help` subcommand (its text cannot be changed).
pub fn command() -> clap::Command {
    Cli::command()
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .global(true)
                .action(ArgAction::Help)
                .help("Diese Hilfe anzeigen"),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Version anzeigen"),
        )
}

/// Parses the arguments. Help and version are printed here, a parse error in German to stderr.
/// `Err` carries the exit code: 0 after help or version, 2 after an error.
pub fn parse<I, T>(args: I) -> Result<Cli, i32>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let error = match command().try_get_matches_from(args) {
        Ok(matches) => match Cli::from_arg_matches(&matches) {
            Ok(cli) => return Ok(cli),
            Err(e) => e,
        },
        Err(e) => e,
    };
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            print!("{}", german(&error.render().to_string()));
            Err(0)
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{}", german(&error.render().to_string()));
            Err(2)
        }
        _ => {
            eprint!("{}", message(&error));
            Err(2)
        }
    }
}

/// The German form of a help text or usage line written by clap.
fn german(text: &str) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| match line.trim_end() {
            "Commands:" => "Befehle:".to_owned(),
            "Arguments:" => "Argumente:".to_owned(),
            "Options:" => "Optionen:".to_owned(),
            _ => match line.strip_prefix("Usage: ") {
                Some(rest) => format!("Aufruf: {rest}"),
                None => line.to_owned(),
            },
        })
        .collect();
    let mut text =
        lines.join("\n").replace("[OPTIONS]", "[OPTIONEN]").replace("<COMMAND>", "<BEFEHL>");
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// A parse error in German: what is wrong, the usage line and where to find help.
fn message(error: &Error) -> String {
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(s)) if !s.is_empty() => Some(s.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let quoted = |kind| text(kind).map(|s| format!("„{s}“")).unwrap_or_default();
    let arg = || text(ContextKind::InvalidArg).unwrap_or_default();
    let value = || quoted(ContextKind::InvalidValue);
    let mut what = match error.kind() {
        ErrorKind::UnknownArgument => {
            format!("unbekannte Angabe {}", quoted(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => {
            format!("unbekannter Befehl {}", quoted(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingSubcommand => "es fehlt ein Befehl".to_owned(),
        ErrorKind::MissingRequiredArgument => format!("es fehlt: {}", arg()),
        ErrorKind::InvalidValue if value() == "„“" => format!("{} braucht einen Wert", arg()),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            format!("ungültiger Wert {} für {}", value(), arg())
        }
        ErrorKind::NoEquals => format!("{} braucht einen Wert mit „=“", arg()),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("falsche Anzahl von Werten für {}", arg())
        }
        ErrorKind::ArgumentConflict => match text(ContextKind::PriorArg) {
            Some(prior) if prior != arg() => {
                format!("{} kann nicht zusammen mit {prior} angegeben werden", arg())
            }
            _ => format!("{} kann nur einmal angegeben werden", arg()),
        },
        ErrorKind::InvalidUtf8 => "die Angaben enthalten ungültiges UTF-8".to_owned(),
        _ => "ungültiger Aufruf".to_owned(),
    };
    let asked_for_help = error.kind() == ErrorKind::InvalidSubcommand
        && matches!(text(ContextKind::InvalidSubcommand).as_deref(), Some("help" | "hilfe"));
    if let Some(suggested) = text(ContextKind::SuggestedArg)
        .or_else(|| text(ContextKind::SuggestedSubcommand))
        .or_else(|| asked_for_help.then(|| "--help".to_owned()))
    {
        what.push_str(&format!(" – meinten Sie „{suggested}“?"));
    } else if let Some(valid) = text(ContextKind::ValidValue) {
        what.push_str(&format!(" (möglich: {valid})"));
    }
    let usage = text(ContextKind::Usage).map(|u| german(u.trim()).trim_end().to_owned());
    let usage = usage.unwrap_or_default();
    // "Aufruf: anbindungscheck item set [OPTIONEN] <AUFGABE>" names the command before its
    // arguments; its help is one `--help` away.
    let command: Vec<&str> = usage
        .trim_start_matches("Aufruf: ")
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect();
    let command = if command.is_empty() { "anbindungscheck".to_owned() } else { command.join(" ") };
    let end = if what.ends_with(['?', '.']) { "" } else { "." };
    let mut out = format!("Fehler: {what}{end}\n");
    if !usage.is_empty() {
        out.push_str(&format!("\n{usage}\n"));
    }
    out.push_str(&format!("\nMehr dazu: {command} --help\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(args: &[&str]) -> String {
        let e = command().try_get_matches_from(args).unwrap_err();
        message(&e)
    }

    #[test]
    fn the_command_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn help_has_german_headings_and_no_english_left() {
        let help = german(&command().render_help().to_string());
        for heading in
            ["Aufruf: anbindungscheck [OPTIONEN] <BEFEHL>", "\nBefehle:\n", "\nOptionen:\n"]
        {
            assert!(help.contains(heading), "{heading:?} missing in\n{help}");
        }
        let mut built = command();
        built.build();
        let import = built.find_subcommand_mut("import").unwrap().render_help().to_string();
        let import = german(&import);
        assert!(import.contains("\nArgumente:\n  <PAKET>  Die Paketdatei (.zip)"), "{import}");
        for english in
            ["Usage", "Commands", "Arguments", "Options", "Print", "[OPTIONS]", "\n  help "]
        {
            assert!(!help.contains(english) && !import.contains(english), "{english:?} left");
        }
    }

    #[test]
    fn parse_errors_name_the_problem_in_german() {
        let e = error(&["anbindungscheck", "statsu"]);
        assert!(
            e.starts_with("Fehler: unbekannter Befehl „statsu“ – meinten Sie „status“?\n"),
            "{e}"
        );
        assert!(e.ends_with("\nMehr dazu: anbindungscheck --help\n"), "{e}");

        let e = error(&["anbindungscheck", "help"]);
        assert!(
            e.starts_with("Fehler: unbekannter Befehl „help“ – meinten Sie „--help“?\n"),
            "{e}"
        );

        let e = error(&["anbindungscheck", "item", "set"]);
        assert!(e.starts_with("Fehler: es fehlt: <AUFGABE>.\n"), "{e}");
        assert!(e.contains("\nAufruf: anbindungscheck item set <AUFGABE>"), "{e}");
        assert!(e.ends_with("\nMehr dazu: anbindungscheck item set --help\n"), "{e}");

        let e = error(&["anbindungscheck", "report"]);
        assert!(e.starts_with("Fehler: es fehlt: --out <DATEI.pdf>.\n"), "{e}");
        assert!(
            e.ends_with("\n\nAufruf: anbindungscheck report --out <DATEI.pdf>\n\nMehr dazu: anbindungscheck report --help\n"),
            "{e}"
        );

        let e = error(&["anbindungscheck", "aggregate"]);
        assert!(e.starts_with("Fehler: es fehlt: <PFAD>...\n"), "{e}");

        let e = error(&["anbindungscheck", "history", "--limit", "viele"]);
        assert!(e.starts_with("Fehler: ungültiger Wert „viele“ für --limit <N>.\n"), "{e}");

        let e = error(&["anbindungscheck", "status", "--jsno"]);
        assert!(
            e.starts_with("Fehler: unbekannte Angabe „--jsno“ – meinten Sie „--json“?\n"),
            "{e}"
        );

        let e = error(&["anbindungscheck", "report", "--out"]);
        assert!(e.starts_with("Fehler: --out <DATEI.pdf> braucht einen Wert.\n"), "{e}");

        let e = error(&["anbindungscheck", "status", "--json", "--json"]);
        assert!(e.starts_with("Fehler: --json kann nur einmal angegeben werden.\n"), "{e}");
    }
}
