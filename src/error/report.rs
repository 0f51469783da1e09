//! Why a report could not be written or read. Each variant has its own German message and a
//! stable code (`Error::code()` passes it on to the UI and the CLI).

/// A report that could not be rendered, or a file that could not be read back as a report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The profile (name and AGS) is missing: a report without them cannot be assigned.
    #[error(
        "Für den Bericht fehlt das Profil der Kommune (Name und AGS). Bitte legen Sie zuerst das \
         Profil an."
    )]
    NoProfile,
    /// A character has no glyph in the report's font.
    #[error(
        "Das Zeichen „{ch}“ ({codepoint}) kann im Bericht nicht dargestellt werden, weil es in \
         der Schrift fehlt. Es steht {context}. Bitte ersetzen Sie es und erstellen Sie den \
         Bericht erneut."
    )]
    MissingGlyph { ch: String, codepoint: String, context: String },
    /// The PDF could not be assembled (a bug rather than bad input).
    #[error("Der Bericht konnte nicht als PDF geschrieben werden: {0}")]
    Pdf(String),
    /// The workbook could not be assembled (a bug rather than bad input).
    #[error("Die Arbeitsmappe konnte nicht geschrieben werden: {0}")]
    Workbook(String),
    /// The file does not start like a PDF.
    #[error("Die Datei ist kein PDF.")]
    NotPdf,
    /// The file is larger than any report could be.
    #[error("Die Datei ist zu groß für einen Sachstandsbericht ({size} Bytes, höchstens {max}).")]
    TooLarge { size: u64, max: u64 },
    /// The PDF is damaged (truncated, broken cross-reference table, …).
    #[error("Das PDF ist beschädigt und kann nicht gelesen werden ({0}).")]
    Damaged(String),
    /// A readable PDF without our attachment.
    #[error(
        "Das PDF ist kein Sachstandsbericht von Anbindungscheck: Es enthält nicht die \
         maschinenlesbaren Daten des Berichts."
    )]
    NoAttachment,
    /// The attachment names a schema version this program does not know.
    #[error(
        "Der Bericht hat das Datenformat „{0}“, das diese Version von Anbindungscheck nicht \
         kennt. Bitte installieren Sie die aktuelle Version."
    )]
    UnknownSchema(String),
    /// The attachment is there but its content is not valid report data.
    #[error("Die maschinenlesbaren Daten im Bericht sind fehlerhaft: {0}")]
    BadData(String),
    /// The attachment is valid report data, but its content cannot come from Anbindungscheck
    /// (an AGS that is none, 150 %, a date in the future, …): most likely it was edited.
    #[error(
        "Der Bericht ist nicht plausibel und wird nicht übernommen (vermutlich wurden seine \
         maschinenlesbaren Daten nachträglich verändert): {0}"
    )]
    Implausible(String),
    /// `aggregate` read some files but had to skip others (exit code 3).
    #[error("{skipped} von {total} Dateien konnten nicht gelesen werden (Gründe siehe oben).")]
    Skipped { skipped: usize, total: usize },
    /// `aggregate` found no PDF file at all.
    #[error("Keine PDF-Dateien gefunden in: {0}.")]
    NothingFound(String),
}

impl ReportError {
    /// The stable code of the kind of problem.
    pub fn code(&self) -> crate::error_code::ErrorCode {
        use crate::error_code::ErrorCode as C;
        use ReportError::*;
        match self {
            NoProfile => C::ReportNoProfile,
            MissingGlyph { .. } => C::ReportGlyph,
            Pdf(_) => C::ReportPdf,
            Workbook(_) => C::ReportWorkbook,
            NotPdf => C::ReportNotPdf,
            TooLarge { .. } => C::ReportTooLarge,
            Damaged(_) => C::ReportDamaged,
            NoAttachment => C::ReportNoData,
            UnknownSchema(_) => C::ReportSchema,
            BadData(_) => C::ReportData,
            Implausible(_) => C::ReportImplausible,
            Skipped { .. } => C::ReportSkipped,
            NothingFound(_) => C::ReportNothingFound,
        }
    }

    /// The error for a character the font cannot draw, naming it and the text it occurs in.
    pub(crate) fn missing_glyph(c: char, text: &str) -> ReportError {
        ReportError::MissingGlyph {
            ch: shown_char(c),
            codepoint: codepoint(c),
            context: format!("in „{}“", excerpt(c, text)),
        }
    }

    /// Like [`ReportError::missing_glyph`], naming the field too, e.g. "in der Notiz der
    /// Aufgabe 2.F „…“" (`place` is the German phrase after "Es steht").
    pub(crate) fn missing_glyph_in(c: char, text: &str, place: &str) -> ReportError {
        ReportError::MissingGlyph {
            ch: shown_char(c),
            codepoint: codepoint(c),
            context: format!("{place}: „{}“", excerpt(c, text)),
        }
    }
}

/// A character as a message shows it (control and space characters escaped).
pub(crate) fn shown_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("{c:?}").trim_matches('\'').to_owned()
    } else {
        c.to_string()
    }
}

/// `U+260E`.
pub(crate) fn codepoint(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Up to 20 characters either side of the first `c` in `text`, with "…" where cut.
fn excerpt(c: char, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = chars.iter().position(|&x| x == c).unwrap_or(0);
    let start = at.saturating_sub(20);
    let end = (at + 20).min(chars.len());
    let mut s: String = chars[start..end].iter().collect();
    if start > 0 {
        s.insert(0, '…');
    }
    if end < chars.len() {
        s.push('…');
    }
    s
}
