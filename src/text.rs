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
    let allowed = |c: char| multiline && (c == '\n' || c == '\t');
    if value.chars().any(|c| c.is_control() && !allowed(c)) {
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
