//! The report's typeface, "Anbindungscheck Sans" (a renamed subset of DejaVu Sans, regular and
//! bold, made by scripts/subset-fonts.sh), compiled into the binary, and text measuring from its
//! glyph advances. A character without a glyph is an error naming the character: the report
//! never draws an empty box.

use printpdf::ParsedFont;
use std::sync::OnceLock;

use super::ReportError;

const REGULAR_TTF: &[u8] = include_bytes!("../../assets/report/AnbindungscheckSans-Regular.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../assets/report/AnbindungscheckSans-Bold.ttf");

/// The two faces the report uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Regular,
    Bold,
}

/// A parsed face with what measuring needs.
#[derive(Debug)]
pub struct FontFace {
    pub parsed: ParsedFont,
    units_per_em: f32,
}

impl FontFace {
    fn load(bytes: &[u8], name: &str) -> FontFace {
        let mut parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
            .expect("the bundled report font parses (checked by tests)");
        parsed.font_name = Some(name.to_owned());
        let units_per_em = f32::from(parsed.units_per_em.max(1));
        FontFace { parsed, units_per_em }
    }

    /// Whether the face has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        self.parsed.lookup_glyph_index(u32::from(c)).is_some_and(|gid| gid != 0)
    }

    /// Advance width of `c` at 1 pt, or `None` without a glyph.
    pub fn advance(&self, c: char) -> Option<f32> {
        let gid = self.parsed.lookup_glyph_index(u32::from(c)).filter(|&g| g != 0)?;
        Some(f32::from(self.parsed.get_glyph_width(gid).unwrap_or(0)) / self.units_per_em)
    }

    /// Width of `text` at `size` pt. Every character must have a glyph.
    pub fn width(&self, text: &str, size: f32) -> Result<f32, ReportError> {
        let mut w = 0.0;
        for c in text.chars() {
            w += self.advance(c).ok_or_else(|| ReportError::missing_glyph(c, text))?;
        }
        Ok(w * size)
    }

    /// The first character of `text` without a glyph, if any.
    pub fn check(&self, text: &str) -> Result<(), ReportError> {
        match text.chars().find(|&c| !self.covers(c)) {
            Some(c) => Err(ReportError::missing_glyph(c, text)),
            None => Ok(()),
        }
    }
}

/// Both faces.
#[derive(Debug)]
pub struct Fonts {
    pub regular: FontFace,
    pub bold: FontFace,
}

impl Fonts {
    /// The bundled faces, parsed once per process.
    pub fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| Fonts {
            regular: FontFace::load(REGULAR_TTF, "AnbindungscheckSans-Regular"),
            bold: FontFace::load(BOLD_TTF, "AnbindungscheckSans-Bold"),
        })
    }

    pub fn face(&self, face: Face) -> &FontFace {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    /// Whether both faces can draw `c` (a line break is no glyph but always allowed).
    pub fn covers(&self, c: char) -> bool {
        c == '\n' || (self.regular.covers(c) && self.bold.covers(c))
    }

    /// The first character of `text` (as [`normalise`] leaves it) that the faces cannot draw.
    pub fn first_missing(&self, text: &str) -> Option<char> {
        normalise(text).chars().find(|&c| !self.covers(c))
    }
}

/// Prepares free text for drawing: [`normalise`], then every character the font lacks written
/// as its code point in brackets, e.g. "[U+260E]" (never an empty box).
///
/// Text the clerk can edit is checked before the layout starts (`report::glyphs`): a character
/// the font lacks fails the export there, naming the field, so the clerk can replace it. What
/// reaches the replacement here is text the clerk cannot change: the Land's package texts and
/// the names and titles of evidence files.
pub fn clean(text: &str) -> String {
    let fonts = Fonts::get();
    let text = normalise(text);
    if text.chars().all(|c| fonts.covers(c)) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if fonts.covers(c) {
            out.push(c);
        } else {
            out.push_str(&format!("[U+{:04X}]", u32::from(c)));
        }
    }
    out
}

/// Normalises free text for drawing: line breaks normalised, tabs to spaces, invisible
/// formatting characters (zero-width spaces and joiners, BOM, soft hyphen) removed, and
/// combining sequences composed (NFC), so "u" + "¨" typed on some systems becomes "ü", and the
/// space before "€" and "%" and after "§" made a no-break space, so "1.200 €" and "§ 108"
/// never break apart.
pub fn normalise(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.replace("\r\n", "\n")
        .replace(" €", "\u{00A0}€")
        .replace(" %", "\u{00A0}%")
        .replace("§ ", "§\u{00A0}")
        .replace('\r', "\n")
        .nfc()
        .filter(|c| {
            !matches!(
                c,
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
            )
        })
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_cover_german_text_and_typography() {
        let fonts = Fonts::get();
        for face in [&fonts.regular, &fonts.bold] {
            face.check("ÄÖÜäöüß € „Zitat“ ‚halb‘ – — • … ✓ \u{00A0}§ Łódź Şişli Ștefan").unwrap();
        }
        assert!(fonts.regular.width("M", 10.0).unwrap() > fonts.regular.width("i", 10.0).unwrap());
        assert!(
            fonts.bold.width("Bericht", 10.0).unwrap()
                > fonts.regular.width("Bericht", 10.0).unwrap()
        );
    }

    #[test]
    fn a_missing_glyph_is_an_error_naming_the_character() {
        let err = Fonts::get().regular.width("Notiz mit Emoji 😀 und mehr", 10.0).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("„😀“"), "{text}");
        assert!(text.contains("U+1F600"), "{text}");
        assert!(text.contains("Notiz mit Emoji"), "{text}");
        assert_eq!(err.code(), "report_glyph");
        let err = Fonts::get().bold.check("Москва").unwrap_err();
        assert!(err.to_string().contains("U+041C"), "{err}");
    }

    #[test]
    fn clean_composes_and_drops_invisible_characters() {
        assert_eq!(clean("Mu\u{0308}ller\u{200B}\tGmbH\r\nZeile"), "Müller GmbH\nZeile");
        assert_eq!(clean("Trenn\u{00AD}strich"), "Trennstrich");
        assert_eq!(clean("1.200 € und 5 %"), "1.200\u{a0}€ und 5\u{a0}%");
        assert_eq!(clean("nach § 123 GWB"), "nach §\u{a0}123 GWB");
    }

    #[test]
    fn characters_the_font_lacks_are_written_as_code_points() {
        assert_eq!(clean("Beschluss ☎ 😀.pdf"), "Beschluss [U+260E] [U+1F600].pdf");
        assert_eq!(clean("Zeile\nzwei"), "Zeile\nzwei");
        let fonts = Fonts::get();
        assert_eq!(fonts.first_missing("Mu\u{0308}ller ☎"), Some('☎'), "composed first");
        assert_eq!(fonts.first_missing("Müller\nGmbH"), None);
        fonts.regular.check(&clean("Москва ☎")).unwrap();
    }
}
