//! Checks for free text typed by the clerk: trimmed, length-limited, no control characters.

use crate::{Error, Result};

/// Quotes user input for an error message, shortened so a huge input cannot flood the message.
pub(crate) fn quote_for_message(input: &str) -> String {
    const MAX: usize = 40;
    let clean: String =
        input.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect();
    if clean.chars().count() > MAX {
        format!("„{}…“", clean.chars().take(MAX).collect::<String>())
    } else {
        format!("„{clean}“")
    }
}

/// Normalises an optional one-line text field: trims it, maps empty to `None`, and refuses
/// control characters and texts longer than `max` characters.
pub(crate) fn line(
    field: &'static str,
    label: &str,
    value: Option<&str>,
    max: usize,
) -> Result<Option<String>> {
    checked(field, label, value, max, false)
}

/// Like [`line`], but line breaks and tabs are allowed (notes).
pub(crate) fn multiline(
    field: &'static str,
    label: &str,
    value: Option<&str>,
    max: usize,
) -> Result<Option<String>> {
    checked(field, label, value, max, true)
}

/// Whether `text` holds a character that has no place in plain text and can hide or disguise
/// what it says: control characters (but line breaks and tabs in `multiline` text), bidirectional
/// embeddings, overrides and isolates (which make text read differently than it is stored), line
/// and paragraph separators, the byte order mark and Unicode tag characters.
pub(crate) fn has_forbidden_character(text: &str, multiline: bool) -> bool {
    text.chars().any(|c| forbidden(c, multiline))
}

fn forbidden(c: char, multiline: bool) -> bool {
    match c {
        '\n' | '\t' => !multiline,
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{FEFF}'
        | '\u{E0000}'..='\u{E007F}' => true,
        c => c.is_control(),
    }
}

/// `text` safe to show on a terminal or in a table: every character `has_forbidden_character`
/// refuses (escape sequences among them) becomes U+FFFD, so a hostile file name or report
/// cannot move the cursor, retitle the window or reverse what follows.
pub fn printable(text: &str, multiline: bool) -> String {
    text.chars().map(|c| if forbidden(c, multiline) { '\u{FFFD}' } else { c }).collect()
}

fn checked(
    field: &'static str,
    label: &str,
    value: Option<&str>,
    max: usize,
    multiline: bool,
) -> Result<Option<String>> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let count = value.chars().count();
    if count > max {
        return Err(Error::validation(
            field,
            format!("{label} ist zu lang ({count} Zeichen, höchstens {max})."),
        ));
    }
    let value = if multiline { value.replace("\r\n", "\n") } else { value.to_owned() };
    if has_forbidden_character(&value, multiline) {
        return Err(Error::validation(
            field,
            format!("{label} enthält unzulässige Steuerzeichen."),
        ));
    }
    Ok(Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_becomes_none_and_text_is_trimmed() {
        assert_eq!(line("owner", "Verantwortlich", Some("  "), 10).unwrap(), None);
        assert_eq!(line("owner", "Verantwortlich", None, 10).unwrap(), None);
        assert_eq!(line("owner", "X", Some(" Frau Ünal "), 20).unwrap(), Some("Frau Ünal".into()));
    }

    #[test]
    fn characters_that_disguise_text_are_refused() {
        for bad in ["a\u{202E}fdp.exe", "a\u{2066}b", "a\u{2028}b", "a\u{FEFF}b", "a\u{E0041}b"] {
            let err = multiline("note", "Die Notiz", Some(bad), 100).unwrap_err();
            assert!(err.to_string().contains("unzulässige Steuerzeichen"), "{bad:?}: {err}");
        }
        // German text with soft hyphens and emoji joiners stays.
        for good in ["Verwaltungs\u{00AD}vereinbarung", "Team \u{1F469}\u{200D}\u{1F4BC}"] {
            assert_eq!(line("owner", "X", Some(good), 100).unwrap().as_deref(), Some(good));
        }
    }

    #[test]
    fn printable_text_has_no_escape_sequences() {
        assert_eq!(printable("a\u{1b}[31mrot", false), "a\u{FFFD}[31mrot");
        assert_eq!(printable("b\u{202E}fdp.exe\nzwei", false), "b\u{FFFD}fdp.exe\u{FFFD}zwei");
        assert_eq!(printable("eins\nzwei\tdrei", true), "eins\nzwei\tdrei");
        assert_eq!(printable("Gemeinde Ünal", false), "Gemeinde Ünal");
    }

    #[test]
    fn limits_and_control_characters_are_refused() {
        let err = line("owner", "Verantwortlich", Some("abcdefghijk"), 10).unwrap_err();
        assert!(err.to_string().contains("11 Zeichen, höchstens 10"), "{err}");
        assert!(line("owner", "X", Some("a\nb"), 10).is_err());
        assert!(line("owner", "X", Some("a\u{7}b"), 10).is_err());
        assert_eq!(multiline("note", "X", Some("a\r\nb"), 10).unwrap(), Some("a\nb".into()));
    }

    #[test]
    fn quoted_input_is_shortened() {
        let long = "x".repeat(100);
        assert_eq!(quote_for_message(&long).chars().count(), 43);
        assert_eq!(quote_for_message("a\u{0}b"), "„a\u{FFFD}b“");
    }
}
