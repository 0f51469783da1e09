//! The passphrase of the Land's secret key: the first line of a file (`--passphrase-file`),
//! else asked without echo when standard input is a terminal, else one line of standard input
//! (so scripts can pipe it in). It is held in memory that is wiped when dropped.

use std::io::{BufRead, IsTerminal};
use std::path::Path;

use anbindungscheck::api::land::Passphrase;
use anbindungscheck::api::Result;
use anbindungscheck::Error;
use zeroize::Zeroizing;

/// The most bytes read from a passphrase file.
const MAX_FILE_BYTES: u64 = 4096;

/// The first line of `text`, without its line break.
fn first_line(text: &str) -> String {
    text.split('\n').next().unwrap_or("").trim_end_matches('\r').to_owned()
}

/// Reads the passphrase for `what` (e.g. "land.key"). With `twice`, a passphrase typed in a
/// terminal is asked a second time and must match (for a new key).
pub fn read(file: Option<&Path>, what: &str, twice: bool) -> Result<Passphrase> {
    if let Some(path) = file {
        return from_file(path);
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        let ask = |prompt: String| {
            rpassword::prompt_password(prompt)
                .map(Zeroizing::new)
                .map_err(|e| Error::io("/dev/tty", e))
        };
        let first = ask(format!("Passphrase für {what}: "))?;
        if twice {
            let again = ask("Passphrase wiederholen: ".to_owned())?;
            if *again != *first {
                return Err(Error::validation(
                    "passphrase",
                    "Die beiden Eingaben der Passphrase stimmen nicht überein; es wurde nichts \
                     geschrieben.",
                )
                .into());
            }
        }
        return Ok(Passphrase::new(first.as_str()));
    }
    let mut line = Zeroizing::new(String::new());
    stdin.lock().read_line(&mut line).map_err(|e| Error::io("<stdin>", e))?;
    if line.is_empty() {
        return Err(Error::validation(
            "passphrase",
            format!(
                "Keine Passphrase für {what}: Bitte --passphrase-file DATEI angeben oder die \
                 Passphrase als Zeile auf der Standardeingabe übergeben."
            ),
        )
        .into());
    }
    Ok(Passphrase::new(first_line(&line)))
}

fn from_file(path: &Path) -> Result<Passphrase> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Zeroizing::new(Vec::new());
    file.take(MAX_FILE_BYTES).read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        Error::validation(
            "passphrase",
            format!("Die Passphrasendatei {} ist kein UTF-8-Text.", path.display()),
        )
    })?;
    let line = first_line(text);
    if line.is_empty() {
        return Err(Error::validation(
            "passphrase",
            format!("Die erste Zeile der Passphrasendatei {} ist leer.", path.display()),
        )
        .into());
    }
    Ok(Passphrase::new(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passphrase_is_the_first_line_without_its_line_break() {
        assert_eq!(first_line("geheim und lang\nzweite Zeile"), "geheim und lang");
        assert_eq!(first_line("mit CR\r\n"), "mit CR");
        assert_eq!(first_line("  Leerzeichen zählen  "), "  Leerzeichen zählen  ");
    }
}
