//! The fingerprint sheet ("Fingerabdruck zur Veröffentlichung"): one A4 page on which the Land
//! publishes the fingerprint of the key that signs its information packages, so that
//! municipalities can compare it on their first import through a second channel (the Land's
//! website, a letter). It uses the report's engine: the bundled typeface, the layout primitives
//! and the PDF writer (without attachment).
//!
//! The fingerprint is set large, each of its 8 groups in a fixed slot of a 4 × 2 grid, the
//! characters spaced apart, so it can be compared character by character. Every group is one
//! run of text, so copying it from the PDF gives "A3E7 35E3 …" and not single characters.

use chrono::NaiveDate;

use super::fonts::{Face, Fonts};
use super::format;
use super::layout::engine::{
    style, Layout, Style, ACCENT, BODY, BOTTOM, HEAD_FILL, INK, KICKER, LABEL, LEFT, NOTE, RIGHT,
    SUBTITLE, TITLE, WIDTH,
};
use super::layout::Page;
use super::pdf::{self, Metadata};
use super::ReportError;

/// What the sheet shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FingerprintSheet {
    /// The Land's name, e.g. "Niedersachsen".
    pub land: String,
    /// Who publishes the sheet: the Land's OZG coordination, by name.
    pub coordination: String,
    /// The key's fingerprint, 32 hex digits (as `package::signing::fingerprint` writes it:
    /// 8 groups of 4; spaces, colons and case do not matter).
    pub fingerprint: String,
    /// The day the key was made.
    pub created_on: NaiveDate,
    /// The fingerprint of the key this one replaces, if any.
    pub replaces: Option<String>,
    /// The date the sheet is issued ("Stand").
    pub issued_on: NaiveDate,
}

/// The fingerprint: bold, large.
const PRINT: Style = style(Face::Bold, 28.0, 42.0, INK);
/// Extra space after each character of the fingerprint, in em (kept below 0.1 em, from which
/// text extraction would read the characters as separate words).
const PRINT_TRACKING: f32 = 0.08;
/// The replaced key's fingerprint: one line, in the place of a field's value.
const OLD_PRINT: Style = style(Face::Bold, 10.0, 13.5, INK);
/// Extra space after each character of the replaced key's fingerprint, in pt.
const OLD_TRACKING: f32 = 0.6;

/// Inner padding of the fingerprint's box.
const PAD: f32 = 18.0;
/// The accent bar on the left of the fingerprint's box.
const BAR: f32 = 4.0;
/// Indent of the steps' text after their numbers.
const STEP_INDENT: f32 = 18.0;

/// Lays out and writes the sheet as PDF bytes (one A4 page).
pub fn render(sheet: &FingerprintSheet) -> Result<Vec<u8>, ReportError> {
    let page = layout(sheet)?;
    pdf::write(&[page], &metadata(sheet)?)
}

/// Lays out the sheet's page. Fails for a fingerprint that is not 32 hex digits, an empty
/// name, or a character the font lacks.
pub fn layout(sheet: &FingerprintSheet) -> Result<Page, ReportError> {
    let print = groups(&sheet.fingerprint)?;
    let replaced = sheet.replaces.as_deref().map(groups).transpose()?;
    let land = required(&sheet.land, "der Name des Landes", "im Namen des Landes")?;
    let coordination = required(
        &sheet.coordination,
        "der Name der OZG-Koordination",
        "im Namen der OZG-Koordination",
    )?;

    let mut l = Layout::new();
    l.text_at(LEFT, l.y, KICKER, &format!("Land {land} · Anbindungscheck"))?;
    l.y += KICKER.leading + 6.0;
    l.text_at(LEFT, l.y, TITLE, "Fingerabdruck des Signaturschlüssels")?;
    l.y += TITLE.leading + 2.0;
    l.paragraph(
        LEFT,
        WIDTH,
        &format!(
            "Informationspakete des Landes {land} für die Anbindung der Kommunen an \
             EfA-Onlinedienste"
        ),
        SUBTITLE,
    )?;
    l.y += 12.0;
    l.fields(&[
        ("Herausgegeben von", coordination.to_owned(), WIDTH * 2.0 / 3.0),
        ("Stand", format::date(sheet.issued_on), WIDTH / 3.0),
    ])?;
    l.y += 4.0;
    l.paragraph(
        LEFT,
        WIDTH,
        &format!(
            "Das Land {land} signiert jedes Informationspaket, das es den Kommunen zur Verfügung \
             stellt, mit seinem Signaturschlüssel. Am Fingerabdruck dieses Schlüssels erkennen \
             Sie, ob ein Paket tatsächlich vom Land stammt."
        ),
        BODY,
    )?;
    l.y += 14.0;

    fingerprint_box(&mut l, &print)?;
    l.y += 10.0;
    let first = WIDTH * 0.3;
    let top = l.y;
    l.fields(&[("Schlüssel erstellt am", format::date(sheet.created_on), first)])?;
    if let Some(old) = &replaced {
        // Beside the date: the replaced key's fingerprint, bold, on one line.
        let x = LEFT + first;
        l.text_at(x, top, LABEL, "Ersetzt den bisherigen Schlüssel mit dem Fingerabdruck")?;
        l.tracked_at(x, top + LABEL.leading, OLD_PRINT, &old.join(" "), OLD_TRACKING)?;
        l.y += 2.0;
        l.paragraph(
            LEFT,
            WIDTH,
            "Haben Sie bereits Pakete mit dem bisherigen Schlüssel eingelesen, übernimmt \
             Anbindungscheck den neuen Schlüssel in der Regel ohne Ihr Zutun. Fragt die \
             Anwendung dennoch nach einem Abgleich, gehen Sie wie unten beschrieben vor.",
            BODY,
        )?;
    }

    l.h2("So prüfen Sie ein Informationspaket", 60.0)?;
    let steps = [
        "Beim ersten Einlesen eines Informationspakets des Landes zeigt Anbindungscheck den \
         Fingerabdruck des Schlüssels an, mit dem das Paket signiert ist."
            .to_owned(),
        "Vergleichen Sie diesen Fingerabdruck Zeichen für Zeichen und Gruppe für Gruppe mit \
         dem Fingerabdruck auf diesem Blatt."
            .to_owned(),
        "Stimmen alle Zeichen überein, bestätigen Sie den Abgleich in Anbindungscheck. Spätere \
         Pakete des Landes prüft die Anwendung dann selbst."
            .to_owned(),
        format!(
            "Weicht auch nur ein Zeichen ab, lesen Sie das Paket nicht ein und rufen Sie die \
             OZG-Koordination des Landes {land} an. Nutzen Sie dafür eine Ihnen bekannte \
             Telefonnummer, keine Angabe aus dem Paket."
        ),
    ];
    for (i, step) in steps.iter().enumerate() {
        l.text_at(LEFT, l.y, BODY, &format!("{}.", i + 1))?;
        l.paragraph(LEFT + STEP_INDENT, WIDTH - STEP_INDENT, step, BODY)?;
        l.y += 5.0;
    }
    l.y += 4.0;
    l.paragraph(
        LEFT,
        WIDTH,
        "Der Fingerabdruck besteht aus den ersten 128 Bit des SHA-256-Hashwerts des \
         öffentlichen Ed25519-Schlüssels. Dieses Blatt enthält keine geheimen Angaben; es darf \
         veröffentlicht, ausgehängt und weitergegeben werden.",
        NOTE,
    )?;

    // Place, date, signature and seal at the foot of the page.
    let line_y = BOTTOM - LABEL.leading - 4.0;
    if l.y + 30.0 > line_y {
        return Err(too_long(2));
    }
    let half = (WIDTH - 24.0) / 2.0;
    let right = LEFT + half + 24.0;
    l.hline(LEFT, LEFT + half, line_y, 0.6, INK);
    l.hline(right, RIGHT, line_y, 0.6, INK);
    l.text_at(LEFT, line_y + 2.0, LABEL, "Ort, Datum")?;
    l.text_at(right, line_y + 2.0, LABEL, "Unterschrift, Dienstsiegel")?;

    l.footers(&format!("Fingerabdruck des Signaturschlüssels · Land {land}"), "", |_, _| {
        format!("Stand {}", format::date(sheet.issued_on))
    })?;
    let mut pages = l.into_pages();
    if pages.len() != 1 {
        return Err(too_long(pages.len()));
    }
    Ok(pages.remove(0))
}

/// The sheet needs more than one page (names far longer than any Land's or ministry's).
fn too_long(pages: usize) -> ReportError {
    ReportError::Pdf(format!(
        "Das Blatt mit dem Fingerabdruck passt nicht auf eine Seite ({pages} Seiten); bitte \
         kürzen Sie den Namen der OZG-Koordination."
    ))
}

/// The box with the fingerprint: a label, then two rows of four groups.
fn fingerprint_box(l: &mut Layout, groups: &[String; 8]) -> Result<(), ReportError> {
    let top = l.y;
    let h = PAD + LABEL.leading + 8.0 + 2.0 * PRINT.leading + PAD - 6.0;
    l.rect(LEFT, top, WIDTH, h, HEAD_FILL);
    l.rect(LEFT, top, BAR, h, ACCENT);
    let x = LEFT + BAR + PAD;
    let w = WIDTH - BAR - 2.0 * PAD;
    l.y = top + PAD;
    l.text_at(x, l.y, LABEL, "Fingerabdruck des Schlüssels (32 Zeichen in 8 Gruppen)")?;
    l.y += LABEL.leading + 8.0;
    for row in groups.chunks(4) {
        grid_row(l, row, PRINT, x, w)?;
        l.y += PRINT.leading;
    }
    l.y = top + h;
    Ok(())
}

/// One row of groups at the cursor, each centred in a slot of `width / groups` from `x`.
fn grid_row(
    l: &mut Layout,
    groups: &[String],
    s: Style,
    x: f32,
    width: f32,
) -> Result<(), ReportError> {
    let slot = width / groups.len() as f32;
    let tracking = PRINT_TRACKING * s.size;
    for (i, group) in groups.iter().enumerate() {
        let chars = group.chars().count() as f32;
        let w = l.width(group, s)? + tracking * (chars - 1.0);
        let gx = x + slot * i as f32 + (slot - w) / 2.0;
        l.tracked_at(gx, l.y, s, group, tracking)?;
    }
    Ok(())
}

/// A fingerprint as its 8 groups of 4 upper-case hex digits. Spaces and colons between the
/// digits do not matter; anything else, or another number of digits, is refused.
fn groups(fingerprint: &str) -> Result<[String; 8], ReportError> {
    let refused = || {
        ReportError::Pdf(format!(
            "Der Fingerabdruck „{fingerprint}“ besteht nicht aus 32 Hexadezimalziffern."
        ))
    };
    if !fingerprint.chars().all(|c| c.is_ascii_hexdigit() || c == ' ' || c == ':') {
        return Err(refused());
    }
    let digits = crate::package::signing::normalize_fingerprint(fingerprint);
    if digits.len() != 32 {
        return Err(refused());
    }
    Ok(std::array::from_fn(|i| digits[4 * i..4 * i + 4].to_owned()))
}

/// `text` trimmed; an error naming `what` when it is empty, or naming the character and
/// `place` when the font lacks one (the Land can correct its names, so none is replaced).
fn required<'a>(text: &'a str, what: &str, place: &str) -> Result<&'a str, ReportError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ReportError::Pdf(format!("Für das Blatt mit dem Fingerabdruck fehlt {what}.")));
    }
    match Fonts::get().first_missing(text) {
        Some(c) => Err(ReportError::missing_glyph_in(c, text, place)),
        None => Ok(text),
    }
}

/// Document information and XMP metadata of the sheet.
fn metadata(sheet: &FingerprintSheet) -> Result<Metadata, ReportError> {
    let land = sheet.land.trim();
    Ok(Metadata {
        title: format!("Fingerabdruck des Signaturschlüssels – Land {land}"),
        author: sheet.coordination.trim().to_owned(),
        subject: format!(
            "Fingerabdruck {} des Schlüssels, mit dem das Land {land} seine Informationspakete \
             signiert, Stand {}",
            groups(&sheet.fingerprint)?.join(" "),
            format::date(sheet.issued_on)
        ),
        keywords: format!("Fingerabdruck; Signaturschlüssel; Informationspaket; EfA; OZG; {land}"),
        creator: format!("Anbindungscheck {}", env!("CARGO_PKG_VERSION")),
        created_at: crate::clock::timestamp(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::layout::{Element, PAGE_H};

    const FINGERPRINT: &str = "A3E7 35E3 93D1 F9C3 3025 50D3 AD61 B43C";

    fn sample() -> FingerprintSheet {
        FingerprintSheet {
            land: "Niedersachsen".into(),
            coordination: "Kommunale OZG-Koordination im Niedersächsischen Ministerium für \
                           Inneres und Sport"
                .into(),
            fingerprint: FINGERPRINT.into(),
            created_on: "2026-05-01".parse().unwrap(),
            replaces: None,
            issued_on: "2026-12-01".parse().unwrap(),
        }
    }

    /// The text elements of the page with their position and size.
    fn texts(page: &Page) -> Vec<(f32, f32, f32, &str)> {
        page.elements
            .iter()
            .filter_map(|e| match e {
                Element::Text { x, baseline, size, text, .. } => {
                    Some((*x, *baseline, *size, text.as_str()))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_page_shows_the_fingerprint_and_how_to_use_it() {
        let page = layout(&sample()).unwrap();
        let joined = page.texts().collect::<Vec<_>>().join(" ");
        for needle in [
            "Fingerabdruck des Signaturschlüssels",
            "Informationspakete des Landes Niedersachsen",
            "Kommunale OZG-Koordination im Niedersächsischen Ministerium",
            "01.12.2026",
            "01.05.2026",
            "Zeichen für Zeichen",
            "lesen Sie das Paket nicht ein",
            "Unterschrift, Dienstsiegel",
        ] {
            assert!(joined.contains(needle), "{needle:?} missing");
        }
        assert!(!joined.contains("Ersetzt"), "no replaced key");
        // Each group once, large, in two rows of four at the same four positions.
        let large: Vec<_> = texts(&page).into_iter().filter(|t| t.2 == PRINT.size).collect();
        let shown: Vec<&str> = large.iter().map(|t| t.3).collect();
        assert_eq!(shown.join(" "), FINGERPRINT);
        let (row1, row2) = large.split_at(4);
        assert!(row1.iter().all(|t| t.1 == row1[0].1) && row2.iter().all(|t| t.1 == row2[0].1));
        assert!(row2[0].1 > row1[0].1 + PRINT.size);
        for (a, b) in row1.iter().zip(row2) {
            assert!((a.0 - b.0).abs() < 3.0, "{} and {} not aligned", a.3, b.3);
        }
    }

    #[test]
    fn everything_stays_within_the_margins_on_one_page() {
        let mut long = sample();
        long.land = "Mecklenburg-Vorpommern".into();
        long.coordination = "Kommunale OZG-Koordination im Ministerium für Inneres, Bau und \
                             Digitalisierung des Landes Mecklenburg-Vorpommern, Referat \
                             Digitalisierung der Verwaltung"
            .into();
        long.replaces = Some("5b21 0c9e 7d44 a1f0 e2b3 9c58 d7a6 0f11".into());
        for sheet in [sample(), long] {
            let page = layout(&sheet).unwrap();
            for e in &page.elements {
                let Element::Text { x, baseline, face, size, tracking, text, .. } = e else {
                    continue;
                };
                let chars = text.chars().count() as f32;
                let w =
                    Fonts::get().face(*face).width(text, *size).unwrap() + tracking * (chars - 1.0);
                assert!(*x >= LEFT - 0.01 && x + w <= RIGHT + 0.01, "{text:?} at {x}+{w}");
                assert!(*baseline <= PAGE_H - 40.0, "{text:?} at {baseline}");
            }
        }
    }

    #[test]
    fn a_replaced_key_is_named_with_its_fingerprint() {
        let mut sheet = sample();
        sheet.replaces = Some("5b21:0c9e:7d44:a1f0:e2b3:9c58:d7a6:0f11".into());
        let page = layout(&sheet).unwrap();
        let texts: Vec<&str> = page.texts().collect();
        assert!(texts.contains(&"Ersetzt den bisherigen Schlüssel mit dem Fingerabdruck"));
        assert!(texts.contains(&"5B21 0C9E 7D44 A1F0 E2B3 9C58 D7A6 0F11"), "{texts:?}");
        assert!(texts.iter().any(|t| t.contains("den neuen Schlüssel in der Regel")));
    }

    #[test]
    fn a_malformed_fingerprint_or_empty_name_is_refused() {
        for fingerprint in ["A3E7 35E3", "G3E7 35E3 93D1 F9C3 3025 50D3 AD61 B43C", ""] {
            let sheet = FingerprintSheet { fingerprint: fingerprint.into(), ..sample() };
            let err = layout(&sheet).unwrap_err();
            assert!(err.to_string().contains("32 Hexadezimalziffern"), "{err}");
        }
        let sheet = FingerprintSheet { land: " ".into(), ..sample() };
        assert!(layout(&sheet).unwrap_err().to_string().contains("Name des Landes"));
        let sheet = FingerprintSheet { coordination: "OZG ☎".into(), ..sample() };
        assert_eq!(layout(&sheet).unwrap_err().code(), "report_glyph");
        let sheet = FingerprintSheet { coordination: "Referat ".repeat(300), ..sample() };
        assert!(layout(&sheet).unwrap_err().to_string().contains("nicht auf eine Seite"));
    }
}
