//! Greedy line wrapping measured with the font's glyph advances.
//!
//! Lines break at ordinary spaces only: a no-break space (U+00A0) keeps "68 %" or "§ 108"
//! together. A hyphenated word may break after a hyphen between letters when that fills the
//! line better; a word wider than the whole line breaks after '-' or '/' if possible, else
//! between characters. Line breaks in the text start a new line; runs of blank lines shrink to
//! one.

use super::fonts::FontFace;
use super::ReportError;

/// Tolerance for floating-point sums: text exactly as wide as the line still fits.
const EPSILON: f32 = 0.001;

/// Wraps `text` to lines of at most `max_width` pt at `size` pt.
pub fn wrap(
    face: &FontFace,
    text: &str,
    size: f32,
    max_width: f32,
) -> Result<Vec<String>, ReportError> {
    for paragraph in text.split('\n') {
        face.check(paragraph)?;
    }
    let width = |s: &str| face.width(s, size).expect("checked above");
    let space = width(" ");
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.split('\n') {
        let words: Vec<&str> = paragraph.split(' ').filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            if lines.last().is_some_and(|l| !l.is_empty()) {
                lines.push(String::new());
            }
            continue;
        }
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in words {
            let mut rest = word.to_owned();
            loop {
                let w = width(&rest);
                if line.is_empty() {
                    if w <= max_width + EPSILON {
                        line_width = w;
                        line = rest;
                        break;
                    }
                    // Wider than a whole line: cut it.
                    let (head, tail) = split_long(&rest, max_width, &width);
                    lines.push(head);
                    rest = tail;
                    continue;
                }
                if line_width + space + w <= max_width + EPSILON {
                    line.push(' ');
                    line.push_str(&rest);
                    line_width += space + w;
                    break;
                }
                // Does a part up to a hyphen still fit on this line?
                let room = max_width - line_width - space;
                if let Some((head, tail)) = split_at_hyphen(&rest, room, &width) {
                    line.push(' ');
                    line.push_str(&head);
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                    rest = tail;
                    continue;
                }
                lines.push(std::mem::take(&mut line));
                line_width = 0.0;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    Ok(lines)
}

/// The longest head of `word` ending in a hyphen between two letters that fits in `room`.
fn split_at_hyphen(word: &str, room: f32, width: &dyn Fn(&str) -> f32) -> Option<(String, String)> {
    let chars: Vec<char> = word.chars().collect();
    let mut best = None;
    // Not after a single letter ("E-" / "Mail"), and not before fewer than three ("ID").
    let segment = |i: usize| i - chars[..i].iter().rposition(|&c| c == '-').map_or(0, |p| p + 1);
    for i in 1..chars.len().saturating_sub(1) {
        if chars[i] == '-'
            && chars[i - 1].is_alphabetic()
            && chars[i + 1].is_alphabetic()
            && segment(i) >= 2
            && chars.len() - i > 3
        {
            let head: String = chars[..=i].iter().collect();
            if width(&head) <= room + EPSILON {
                best = Some(i);
            } else {
                break;
            }
        }
    }
    best.map(|i| (chars[..=i].iter().collect(), chars[i + 1..].iter().collect()))
}

/// Cuts a word wider than the line: at the last break point that fits (after '-', '/' or '_',
/// before '@', as in addresses and file names), else after as many characters as fit, with a
/// hyphen when the cut falls between two letters, and leaving at least three characters for
/// the next line where the word allows.
fn split_long(word: &str, max_width: f32, width: &dyn Fn(&str) -> f32) -> (String, String) {
    let chars: Vec<char> = word.chars().collect();
    let hyphen = width("-");
    let fits = |n: usize, extra: f32| {
        width(&chars[..n].iter().collect::<String>()) + extra <= max_width + EPSILON
    };
    let mut fit = 0;
    while fit < chars.len() && fits(fit + 1, 0.0) {
        fit += 1;
    }
    let fit = fit.max(1);
    // `cut` characters go on this line.
    let break_point =
        |cut: usize| matches!(chars[cut - 1], '-' | '/' | '_') && cut > 1 || chars[cut] == '@';
    if let Some(cut) = (1..=fit.min(chars.len() - 1)).rev().find(|&cut| break_point(cut)) {
        return (chars[..cut].iter().collect(), chars[cut..].iter().collect());
    }
    // Between letters: leave room for a hyphen and at least three characters for the rest.
    let mut cut = fit;
    while cut > 1
        && chars[cut - 1].is_alphabetic()
        && chars.get(cut).is_some_and(|c| c.is_alphabetic())
        && !fits(cut, hyphen)
    {
        cut -= 1;
    }
    while cut > 3 && chars[cut..].iter().filter(|c| c.is_alphanumeric()).count() < 3 {
        cut -= 1;
    }
    // Only words get a hyphen; addresses, paths and codes are cut as they are.
    let is_word = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .all(|c| c.is_alphabetic() || c == '-');
    let between_letters = is_word
        && chars[cut - 1].is_alphabetic()
        && chars.get(cut).is_some_and(|c| c.is_alphabetic());
    let mut head: String = chars[..cut].iter().collect();
    if between_letters && fits(cut, hyphen) {
        head.push('-');
    }
    (head, chars[cut..].iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fonts::Fonts;

    fn face() -> &'static FontFace {
        &Fonts::get().regular
    }

    fn w(s: &str) -> f32 {
        face().width(s, 10.0).unwrap()
    }

    #[test]
    fn short_text_stays_on_one_line() {
        assert_eq!(wrap(face(), "Kurzer Text", 10.0, 200.0).unwrap(), ["Kurzer Text"]);
        assert!(wrap(face(), "", 10.0, 200.0).unwrap().is_empty());
    }

    #[test]
    fn text_exactly_as_wide_as_the_line_fits() {
        let text = "Haushalt planen";
        let exact = w(text);
        assert_eq!(wrap(face(), text, 10.0, exact).unwrap(), [text]);
        assert_eq!(wrap(face(), text, 10.0, exact - 0.1).unwrap(), ["Haushalt", "planen"]);
    }

    #[test]
    fn greedy_breaks_at_spaces_and_every_line_fits() {
        let text = "Die Kämmerei prüft die Kostenstaffel des Landes und plant die Mittel für \
                    2027 im Haushalt ein; die Entscheidung fällt im Gemeinderat.";
        let lines = wrap(face(), text, 10.0, 120.0).unwrap();
        assert!(lines.len() > 3);
        for line in &lines {
            assert!(w(line) <= 120.0 + EPSILON, "{line:?} is too wide");
        }
        assert_eq!(lines.join(" "), text);
        // Greedy: the next word would not have fitted on the line before.
        for pair in lines.windows(2) {
            let next = pair[1].split(' ').next().unwrap();
            assert!(w(&format!("{} {next}", pair[0])) > 120.0, "{pair:?}");
        }
    }

    #[test]
    fn no_break_space_keeps_numbers_and_units_together() {
        let text = "Sachstand gesamt 68\u{00A0}% laut Bericht";
        let width = w("Sachstand gesamt 68");
        let lines = wrap(face(), text, 10.0, width + 1.0).unwrap();
        assert_eq!(lines[0], "Sachstand gesamt");
        assert!(lines[1].starts_with("68\u{00A0}%"), "{lines:?}");
    }

    #[test]
    fn long_words_are_cut_after_hyphen_or_slash_else_anywhere() {
        let url = "https://videokonferenz.landesstelle.example/vergabe-info/anmeldung";
        let lines = wrap(face(), url, 10.0, 100.0).unwrap();
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), url);
        assert!(
            lines[..lines.len() - 1]
                .iter()
                .all(|l| l.ends_with('/') || l.ends_with('-') || w(l) > 100.0 - w("W")),
            "{lines:?}"
        );
        for line in &lines {
            assert!(w(line) <= 100.0 + EPSILON, "{line:?}");
        }
        let word = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen";
        let lines = wrap(face(), word, 10.0, 60.0).unwrap();
        // Cut between letters: with a hyphen, and never fewer than three letters left over.
        assert!(lines[..lines.len() - 1].iter().all(|l| l.ends_with('-')), "{lines:?}");
        assert_eq!(lines.iter().map(|l| l.trim_end_matches('-')).collect::<String>(), word);
        assert!(lines.last().unwrap().chars().count() >= 3, "{lines:?}");
        assert!(lines.iter().all(|l| w(l) <= 60.0 + EPSILON));
        let lines =
            wrap(face(), "Verwaltungsmodernisierung“)", 10.0, w("Verwaltungsmodernisierun-"))
                .unwrap();
        assert_eq!(lines, ["Verwaltungsmodernisier-", "ung“)"]);
        // A single character wider than the line still goes somewhere.
        assert_eq!(wrap(face(), "WW", 10.0, 1.0).unwrap(), ["W", "W"]);
    }

    #[test]
    fn hyphenated_compounds_may_break_after_the_hyphen() {
        let text = "Die FIT-Connect-Zustellpunkt-ID fehlt";
        let room = w("Die FIT-Connect-");
        let lines = wrap(face(), text, 10.0, room + 0.5).unwrap();
        assert_eq!(lines[0], "Die FIT-Connect-");
        assert!(lines[1].starts_with("Zustellpunkt"), "{lines:?}");
    }

    #[test]
    fn short_parts_stay_with_their_hyphen() {
        // "E-" alone at a line end, or "ID" alone at a line start, reads badly.
        let text = "Export für die E-Akte";
        let lines = wrap(face(), text, 10.0, w("Export für die E-") + 0.5).unwrap();
        assert_eq!(lines, ["Export für die", "E-Akte"]);
        let text = "Die Zustellpunkt-ID";
        let lines = wrap(face(), text, 10.0, w("Die Zustellpunkt-") + 0.5).unwrap();
        assert_eq!(lines, ["Die", "Zustellpunkt-ID"]);
    }

    #[test]
    fn addresses_and_file_names_break_at_their_separators() {
        let mail = "it-anbindung.vergabestelle@samtgemeinde-musterstadt-sued.example";
        let lines = wrap(face(), mail, 10.0, w("it-anbindung.vergabestelle@sa")).unwrap();
        assert_eq!(lines[0], "it-anbindung.vergabestelle", "{lines:?}");
        assert!(lines[1].starts_with("@samtgemeinde-"), "{lines:?}");
        assert_eq!(lines.concat(), mail);
        let file = "2026-10-14_Ratsbeschluss_Nachnutzung_EfA-Vergabe.pdf";
        let lines = wrap(face(), file, 10.0, w("2026-10-14_Ratsbeschluss_Nach")).unwrap();
        assert_eq!(lines[0], "2026-10-14_Ratsbeschluss_", "{lines:?}");
        assert_eq!(lines.concat(), file);
        // A UUID breaks after a group when it must.
        let uuid = "3f2a9c1e-7b4d-4e2a-9f10-2c6d8e4b1a57";
        let lines = wrap(face(), uuid, 10.0, w("3f2a9c1e-7b4d-4e2a-9f")).unwrap();
        assert_eq!(lines, ["3f2a9c1e-7b4d-4e2a-", "9f10-2c6d8e4b1a57"]);
    }

    #[test]
    fn paragraphs_are_kept_and_blank_runs_shrink() {
        let lines = wrap(face(), "Erste Zeile\n\n\n\nZweite Zeile\n", 10.0, 300.0).unwrap();
        assert_eq!(lines, ["Erste Zeile", "", "Zweite Zeile"]);
    }

    #[test]
    fn a_character_without_glyph_fails() {
        let err = wrap(face(), "Telefon ☎ 0800", 10.0, 300.0).unwrap_err();
        assert!(err.to_string().contains("U+260E"), "{err}");
    }
}
