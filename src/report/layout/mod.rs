//! Page layout of the readiness report: turns [`ReportData`] into A4 pages of positioned text,
//! rectangles and rules. Nothing here knows PDF; `pdf.rs` draws the result.
//!
//! The pages are laid out first, top to bottom with a cursor; footers ("Seite X von Y") are added
//! when the page count is known. Tables repeat their header on every page they run onto; a row
//! moves to the next page whole when it fits there, and only a row taller than a page is split,
//! between lines. Headings are kept with what follows them, the signature block is never split.
//! Status is always written out as text; colour only supports it.
//!
//! The engine, which knows no section of the report:
//! - `engine`: geometry, colours, styles, elements and pages, the cursor with paragraphs,
//!   headings, bars, page breaks and footers (shared with `report::fingerprint_sheet` and
//!   `report::land_report`)
//! - `table`: tables with repeated headers and rows split between lines (also used by
//!   `report::land_report`)
//! - `fields`: rows of label-over-value fields
//! - `marks`: the status marks drawn beside a status
//!
//! The sections use it, in the order of the report:
//! - `cover`: title block and summary
//! - `open_tasks`: the municipality's tasks not yet done, the Land's in one line, and the
//!   warnings of the preview („Hinweise vor dem Versand“)
//! - `attention`: items blocked from outside, overdue and soon due dates
//! - `services`: online services per package with the state of their connection
//! - `requirements`: requirements to the Land
//! - `fachverfahren`: the inventory of Fachverfahren
//! - `events`: events of the packages
//! - `checklist`: the checklist items per section, the municipality's, then the Land's
//! - `evidence`: evidence files with their checksums
//! - `contacts`: people per role, OZG coordination, owners
//! - `signature`: signature block and closing note
//!
//! `tests` holds the sample reports the tests of the whole `report` module use.

mod attention;
mod checklist;
mod contacts;
mod cover;
pub(in crate::report) mod engine;
mod events;
mod evidence;
mod fachverfahren;
mod fields;
mod marks;
mod open_tasks;
mod requirements;
mod services;
mod signature;
pub(in crate::report) mod table;
#[cfg(test)]
pub(crate) mod tests;

pub use engine::{Color, Element, Page, PathPoint, PAGE_H, PAGE_W};

use super::data::ReportData;
use engine::{Layout, Result};

/// Lays out the whole report.
pub fn layout(data: &ReportData) -> Result<Vec<Page>> {
    // Text the clerk can fix fails here, naming the field; any other character the font
    // lacks is written as its code point (`fonts::clean`).
    super::glyphs::check(data)?;
    // The first page refers to the pages the checklist starts on, known once it is laid out:
    // lay out again until the references hold (a second time, in practice).
    let mut pages = checklist::Pages::default();
    let mut tries = 0;
    loop {
        let (laid_out, found) = pass(data, pages)?;
        tries += 1;
        if found == pages || tries == 3 {
            return Ok(laid_out);
        }
        pages = found;
    }
}

/// One layout of the report, the first page referring to the checklist on `pages`; returns the
/// pages and where the checklist really starts.
fn pass(data: &ReportData, pages: checklist::Pages) -> Result<(Vec<Page>, checklist::Pages)> {
    let mut l = Layout::new();
    cover::title_block(&mut l, data)?;
    cover::summary(&mut l, data)?;
    open_tasks::open_tasks(&mut l, data, pages)?;
    attention::blockers(&mut l, data)?;
    attention::deadlines(&mut l, data)?;
    services::services(&mut l, data)?;
    requirements::requirements(&mut l, data)?;
    fachverfahren::fachverfahren(&mut l, data)?;
    events::events(&mut l, data)?;
    let found = checklist::checklist(&mut l, data)?;
    evidence::evidence(&mut l, data)?;
    contacts::contacts(&mut l, data)?;
    signature::signature(&mut l, data)?;
    signature::closing(&mut l, data)?;
    let m = &data.municipality;
    let key = if m.ags.len() == 12 { "ARS" } else { "AGS" };
    l.footers(&m.name, &format!(" · {key} {}", m.ags), |page, total| {
        format!("Seite {page} von {total} · Bericht {}", data.report_id)
    })?;
    Ok((l.into_pages(), found))
}

/// The layout as a whole: every section there, text the font lacks.
#[cfg(test)]
mod whole_report {
    use super::engine::tests::{all_texts, all_within_margins};
    use super::layout;
    use super::tests::{sample, workflow_sample, HASH_HEX, PVOG, UUID};
    use crate::report::data::ReportData;

    #[test]
    fn workflow_sections_have_headings_and_say_when_they_are_empty() {
        let empty = all_texts(&layout(&sample(3, "Notiz")).unwrap());
        let mut no_details = workflow_sample();
        no_details.services[0] = no_details.services[1].clone();
        let no_details = all_texts(&layout(&no_details).unwrap()).join(" ");
        assert!(no_details.contains("Zur Anbindung dieser Onlinedienste ist noch nichts erfasst"));
        assert!(!no_details.contains("Anbindung: "));
        for line in [
            "Anforderungen an das Land",
            "Keine Anforderungen erfasst.",
            "Fachverfahren",
            "Keine Fachverfahren erfasst.",
            "Veranstaltungen",
            "Nachweise",
            "Keine Nachweise hinterlegt.",
            "Ansprechpersonen",
            "Keine Ansprechpersonen je Rolle erfasst.",
            "In den nächsten 30 Tagen ist nichts fällig.",
        ] {
            assert!(empty.iter().any(|t| t == line), "{line:?} missing");
        }

        let pages = layout(&workflow_sample()).unwrap();
        all_within_margins(&pages);
        let texts = all_texts(&pages);
        // Lines joined with spaces: a cell wrapped at spaces reads as it was written.
        let joined = texts.join(" ");
        let has = |needle: &str| joined.contains(needle);
        for needle in [
            "Anbindung: Präqualifizierung von Unternehmen",
            "FIT-Connect-Zustellpunkt-ID",
            "abgelaufen",
            "läuft in 12 Tagen ab",
            "Freischaltung:\u{a0}01.03.2027 (geplant)",
            "Ohne Angaben zur Anbindung: „Bekanntmachung von Vergabeverfahren“.",
            "Funktionswunsch",
            "Vom Land gelistet, aber nicht im Bestand der Kommune",
            "Ausschreibung Plus (Beispiel)",
            "20.01.2027, 10:00\u{a0}Uhr",
            "steht bevor",
            "Ratsbeschluss zur Nachnutzung",
            "1 Nachweis (siehe „Nachweise“)",
            "Ağaoğlu",
        ] {
            assert!(has(needle), "{needle:?} missing");
        }
        assert!(!texts.iter().any(|t| t.contains("Keine Anforderungen")));
        // Headers of narrow columns are not broken.
        for header in
            ["Anmeldeschluss", "Teilgenommen", "Hinzugefügt", "Schnittstelle", "Priorität"]
        {
            assert!(texts.iter().any(|t| t == header), "{header:?} broken");
        }
        // The whole hash, in two lines of 32 digits; the UUID on one line.
        assert!(has(&HASH_HEX[..32]) && has(&HASH_HEX[32..]), "hash missing");
        assert!(has(UUID), "UUID broken");
        // The long link wraps (at slashes) and is complete.
        let squashed: String = texts.concat();
        assert!(squashed.contains(&PVOG.replace(' ', "")), "PVOG link incomplete");
    }

    #[test]
    fn text_the_clerk_cannot_change_never_fails_the_layout() {
        let mut d = workflow_sample();
        d.events[0].title = "Sprechstunde ☎ Vergabe".into();
        d.checklist[0].items[0].evidence[0].file_name = "Beschluss 📄.pdf".into();
        let texts = all_texts(&layout(&d).unwrap());
        assert!(texts.iter().any(|t| t.contains("Sprechstunde [U+260E] Vergabe")));
        assert!(texts.iter().any(|t| t.contains("Beschluss [U+1F4C4].pdf")));
    }

    #[test]
    fn text_the_clerk_can_change_fails_naming_the_field() {
        type Change = fn(&mut ReportData);
        let cases: [(Change, &str); 5] = [
            (|d| d.services[0].requirements[1].description = "Bitte ☎".into(), "Anforderung"),
            (|d| d.roles[0].phone = Some("☎ 123".into()), "Ansprechperson für „Technik“"),
            (|d| d.fachverfahren[0].vendor = "Муster GmbH".into(), "Fachverfahren"),
            (|d| d.checklist[0].items[1].owner = Some("Frau ☺".into()), "„Verantwortlich“"),
            (|d| d.municipality.name = "Gemeinde ☀".into(), "Profil"),
        ];
        for (change, place) in cases {
            let mut d = workflow_sample();
            change(&mut d);
            let err = layout(&d).unwrap_err();
            assert_eq!(err.code(), "report_glyph");
            assert!(err.to_string().contains(place), "{place}: {err}");
        }
    }

    #[test]
    fn unknown_characters_fail_the_layout() {
        let data = sample(1, "Bitte anrufen ☎");
        let err = layout(&data).unwrap_err();
        assert!(err.to_string().contains("„☎“"), "{err}");
    }
}
