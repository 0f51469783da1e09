//! German wording of serde_json's errors. serde and serde_json write English; the people who read
//! these messages (a Land's coordinator building a package, a clerk importing one) should not
//! have to. Known phrasings are translated, unknown ones are kept, quoted, after a German lead.

/// `error` in German, with its position: `Zeile 3, Spalte 14: Pflichtfeld „title“ fehlt.`
pub(crate) fn german(error: &serde_json::Error) -> String {
    let text = error.to_string();
    // serde_json appends " at line L column C"; the position is given in German instead.
    let message = match text.rfind(" at line ") {
        Some(at) => &text[..at],
        None => text.as_str(),
    };
    let sentence = translate(message);
    if error.line() == 0 {
        sentence
    } else {
        format!("Zeile {}, Spalte {}: {sentence}", error.line(), error.column())
    }
}

fn translate(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("Pflichtfeld {} fehlt.", quoted(rest));
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        return format!("Feld {} steht doppelt.", quoted(rest));
    }
    for (lead, german) in
        [("unknown field ", "unbekanntes Feld"), ("unknown variant ", "unbekannter Wert")]
    {
        if let Some(rest) = message.strip_prefix(lead) {
            let (name, allowed) = split_expected(rest);
            let allowed = allowed.map(|list| format!("; erlaubt sind: {list}")).unwrap_or_default();
            return format!("{german} {}{allowed}.", quoted(name));
        }
    }
    for (lead, german) in
        [("invalid type: ", "falscher Typ"), ("invalid value: ", "ungültiger Wert")]
    {
        if let Some(rest) = message.strip_prefix(lead) {
            if let Some((found, expected)) = rest.split_once(", expected ") {
                return format!("{german}: {} statt {}.", unexpected(found), expectation(expected));
            }
        }
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!("falsche Anzahl ({found}) statt {}.", expectation(expected));
        }
    }
    let fixed = match message {
        "EOF while parsing a value" | "EOF while parsing a list" | "EOF while parsing an object"
        | "EOF while parsing a string" => "Der Text endet mitten im JSON.",
        "expected value" => "Hier wird ein JSON-Wert erwartet.",
        "expected `:`" => "Hier wird ein Doppelpunkt erwartet.",
        "expected `,` or `]`" => "Hier wird ein Komma oder „]“ erwartet.",
        "expected `,` or `}`" => "Hier wird ein Komma oder „}“ erwartet.",
        "expected ident" => "Hier wird true, false oder null erwartet.",
        "trailing characters" => "Nach dem Ende des JSON folgen weitere Zeichen.",
        "trailing comma" => "Überzähliges Komma.",
        "key must be a string" => "Feldnamen müssen in Anführungszeichen stehen.",
        "invalid escape" => "Ungültige Escape-Sequenz in einem Text.",
        "invalid number" => "Ungültige Zahl.",
        "number out of range" => "Die Zahl ist zu groß.",
        "invalid unicode code point" => "Ungültiges Unicode-Zeichen in einer Escape-Sequenz.",
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" => {
            "Ungültige Unicode-Escape-Sequenz."
        }
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "Steuerzeichen in einem Text (Zeilenumbrüche und Tabulatoren als \\n und \\t schreiben)."
        }
        "recursion limit exceeded" => "Das JSON ist zu tief verschachtelt.",
        // chrono's messages for dates and times.
        "input is out of range" => "Dieses Datum gibt es nicht, oder es liegt außerhalb des Bereichs.",
        "input contains invalid characters" | "no possible date and time matching input" => {
            "Ungültiges Datum oder ungültige Uhrzeit."
        }
        "premature end of input" | "input is not enough for unique date and time" => {
            "Datum oder Uhrzeit ist unvollständig."
        }
        "trailing input" => "Nach dem Datum folgen weitere Zeichen.",
        _ => return format!("ungültiger Inhalt ({message})."),
    };
    fixed.to_owned()
}

/// "`x`, expected one of `a`, `b`" → ("`x`", Some("„a“, „b“")).
fn split_expected(rest: &str) -> (&str, Option<String>) {
    for separator in [", expected one of ", ", expected "] {
        if let Some((name, list)) = rest.split_once(separator) {
            let list = list.replace("` or `", "`, `");
            let list = list.split(", ").map(quoted).collect::<Vec<_>>().join(", ");
            return (name, Some(list));
        }
    }
    match rest.split_once(", there are no ") {
        Some((name, _)) => (name, None),
        None => (rest, None),
    }
}

/// "`name`" → „name“.
fn quoted(name: &str) -> String {
    format!("„{}“", name.trim().trim_matches('`'))
}

/// serde's description of the value found ("integer `-5`", "string \"x\"", "null", …).
fn unexpected(found: &str) -> String {
    let value = |rest: &str| rest.trim().trim_matches('`').trim_matches('"').to_owned();
    if let Some(rest) = found.strip_prefix("integer ") {
        format!("die Zahl {}", value(rest))
    } else if let Some(rest) = found.strip_prefix("floating point ") {
        format!("die Kommazahl {}", value(rest))
    } else if let Some(rest) = found.strip_prefix("string ") {
        format!("der Text „{}“", value(rest))
    } else if let Some(rest) = found.strip_prefix("boolean ") {
        format!("der Wahrheitswert {}", value(rest))
    } else {
        match found {
            "null" | "unit value" => "null".to_owned(),
            "map" => "ein Objekt".to_owned(),
            "sequence" => "eine Liste".to_owned(),
            other => other.to_owned(),
        }
    }
}

/// serde's description of what was expected ("u64", "a string", "struct Manifest", …).
fn expectation(expected: &str) -> String {
    let expected = expected.trim();
    match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "einer ganzen Zahl ab 0".to_owned(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "einer ganzen Zahl".to_owned(),
        "f32" | "f64" => "einer Zahl".to_owned(),
        "a string" | "a borrowed string" | "a character" => "eines Textes".to_owned(),
        "a boolean" => "eines Wahrheitswerts (true oder false)".to_owned(),
        "a sequence" => "einer Liste".to_owned(),
        "a map" => "eines Objekts".to_owned(),
        _ if expected.starts_with("struct ") => "eines Objekts".to_owned(),
        _ if expected.starts_with("a sequence") || expected.starts_with("an array") => {
            "einer Liste".to_owned()
        }
        other => format!("von: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Sample {
        title: String,
        count: u64,
        #[serde(default)]
        kind: Option<Kind>,
        #[serde(default)]
        day: Option<chrono::NaiveDate>,
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Pflicht,
        Kann,
    }

    fn message(json: &str) -> String {
        super::german(&serde_json::from_str::<Sample>(json).unwrap_err())
    }

    #[test]
    fn data_errors_are_german_and_name_the_field_or_value() {
        assert_eq!(message(r#"{"count": 1}"#), "Zeile 1, Spalte 12: Pflichtfeld „title“ fehlt.");
        assert_eq!(
            message(r#"{"title": "a", "count": -5}"#),
            "Zeile 1, Spalte 26: ungültiger Wert: die Zahl -5 statt einer ganzen Zahl ab 0."
        );
        assert_eq!(
            message(r#"{"title": 3, "count": 1}"#),
            "Zeile 1, Spalte 11: falscher Typ: die Zahl 3 statt eines Textes."
        );
        assert!(message(r#"{"title": "a", "count": 1, "extra": 1}"#)
            .contains("unbekanntes Feld „extra“; erlaubt sind: „title“, „count“, „kind“, „day“."));
        assert!(message(r#"{"title": "a", "title": "b", "count": 1}"#)
            .contains("Feld „title“ steht doppelt."));
        assert!(message(r#"{"title": "a", "count": 1, "kind": "magisch"}"#)
            .contains("unbekannter Wert „magisch“; erlaubt sind: „pflicht“, „kann“."));
        assert!(message(r#"{"title": "a", "count": 1, "day": "2026-02-30"}"#)
            .contains("Dieses Datum gibt es nicht"));
        assert!(message("null").contains("falscher Typ: null statt eines Objekts."));
    }

    #[test]
    fn syntax_errors_are_german() {
        assert_eq!(
            message(r#"{"title": "a""#),
            "Zeile 1, Spalte 13: Der Text endet mitten im JSON."
        );
        assert!(message(r#"{"title": "a", "count": 1} x"#).contains("weitere Zeichen"));
        assert!(message("\u{feff}{}").contains("Hier wird ein JSON-Wert erwartet."));
        assert!(message(r#"{"title": "a",}"#).contains("Überzähliges Komma."));
    }

    #[test]
    fn no_english_is_left_in_the_known_messages() {
        let cases = [
            r#"{"count": 1}"#,
            r#"{"title": "a", "count": -5}"#,
            r#"{"title": "a", "count": 1, "extra": 1}"#,
            r#"{"title": "a""#,
            r#"{"title": "a", "count": 1, "day": "2026-02-30"}"#,
        ];
        for case in cases {
            let text = message(case);
            for english in ["expected", "missing", "field", "invalid", "line", "column", "EOF"] {
                assert!(!text.contains(english), "{english:?} in {text:?}");
            }
        }
    }
}
