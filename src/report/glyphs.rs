//! Text the clerk can edit, checked against the report's font before the layout starts.
//!
//! The font has a fixed set of glyphs (fonts.rs). A character it lacks in a field the clerk can
//! change (a note, an owner, a person, a requirement, …) fails the export with a message that
//! names the character and the field, so the clerk knows what to replace and where; the
//! preview lists the same problems before export. Text the clerk cannot change (the Land's
//! package texts, names of evidence files) never fails the export: the layout writes such a
//! character as its code point, e.g. "[U+260E]" ([`super::fonts::clean`]).

use super::data::ReportData;
use super::fonts::Fonts;
use super::ReportError;
use crate::text::quote_for_message;

/// Every editable field with a character the font lacks (the first such character of each
/// field), in the order the fields appear in the report.
pub fn problems(d: &ReportData) -> Vec<ReportError> {
    let fonts = Fonts::get();
    let mut out = Vec::new();
    let mut check = |text: Option<&str>, place: &dyn Fn() -> String| {
        if let Some(text) = text {
            if let Some(c) = fonts.first_missing(text) {
                out.push(ReportError::missing_glyph_in(c, text, &place()));
            }
        }
    };
    let m = &d.municipality;
    check(Some(&m.name), &|| "im Profil (Name der Kommune)".to_owned());
    for field in [&m.coordinator_name, &m.coordinator_email, &m.coordinator_phone] {
        check(field.as_deref(), &|| "im Profil (Ansprechperson für die OZG-Umsetzung)".to_owned());
    }
    for s in &d.services {
        let service = || quote_for_message(&s.name);
        check(s.decision_reason.as_deref(), &|| {
            format!("in der Begründung der Entscheidung zum Onlinedienst {}", service())
        });
        for r in &s.requirements {
            check(Some(&r.description), &|| {
                format!("in einer Anforderung an das Land zum Onlinedienst {}", service())
            });
        }
    }
    for f in &d.fachverfahren {
        for field in [Some(&f.product), Some(&f.vendor), f.version.as_ref()] {
            check(field.map(String::as_str), &|| {
                format!("im Fachverfahren {} ({})", quote_for_message(&f.product), f.vendor)
            });
        }
    }
    for item in d.checklist.iter().flat_map(|s| &s.items) {
        let task =
            || format!("der Aufgabe Nr. {} {}", item.label(), quote_for_message(&item.title));
        check(item.blocked_text.as_deref(), &|| {
            format!("in der Beschreibung der Blockade {}", task())
        });
        check(item.owner.as_deref(), &|| format!("bei „Verantwortlich“ {}", task()));
        check(item.note.as_deref(), &|| format!("in der Notiz {}", task()));
    }
    for p in &d.roles {
        for field in [Some(&p.name), p.email.as_ref(), p.phone.as_ref()] {
            check(field.map(String::as_str), &|| {
                format!("bei der Ansprechperson für „{}“", p.role_label)
            });
        }
    }
    out
}

/// The first problem of [`problems`], as the error that stops the export.
pub fn check(d: &ReportData) -> Result<(), ReportError> {
    match problems(d).into_iter().next() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
