//! The layout engine: A4 geometry, colours and text styles, the positioned [`Element`]s of a
//! [`Page`], and [`Layout`], a cursor that flows text down the pages — paragraphs, headings kept
//! with what follows them, page breaks, and footers with page numbers once the count is known.
//! Tables (`table.rs`) and label-over-value fields (`fields.rs`) build on it; it knows no
//! section of the report. The fingerprint sheet (`report::fingerprint_sheet`) uses it too.

use crate::report::fonts::{clean, Face, Fonts};
use crate::report::wrap::wrap;
use crate::report::ReportError;

pub(super) type Result<T> = std::result::Result<T, ReportError>;

/// A4 in pt.
pub const PAGE_W: f32 = 595.276;
pub const PAGE_H: f32 = 841.89;
pub(super) const MM: f32 = 72.0 / 25.4;
pub(in crate::report) const LEFT: f32 = 20.0 * MM;
pub(in crate::report) const RIGHT: f32 = PAGE_W - 20.0 * MM;
pub(in crate::report) const WIDTH: f32 = RIGHT - LEFT;
pub(in crate::report) const TOP: f32 = 20.0 * MM;
/// Content ends here; below are the footer's rule and line.
pub(in crate::report) const BOTTOM: f32 = PAGE_H - 24.0 * MM;
const FOOTER_RULE: f32 = PAGE_H - 19.0 * MM;
const FOOTER_TOP: f32 = PAGE_H - 17.5 * MM;

/// An sRGB colour, components 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color(pub f32, pub f32, pub f32);

pub(in crate::report) const INK: Color = Color(0.11, 0.12, 0.14);
pub(in crate::report) const MUTED: Color = Color(0.38, 0.40, 0.44);
pub(in crate::report) const RULE: Color = Color(0.70, 0.72, 0.75);
pub(in crate::report) const HAIRLINE: Color = Color(0.84, 0.85, 0.87);
/// The one accent: a muted blue.
pub(in crate::report) const ACCENT: Color = Color(0.13, 0.32, 0.48);
pub(in crate::report) const TRACK: Color = Color(0.89, 0.91, 0.93);
pub(in crate::report) const HEAD_FILL: Color = Color(0.945, 0.95, 0.96);

/// Something drawn on a page. `y` values count from the top of the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    /// Text on a baseline; `tracking` is extra space after each character in pt (0 for
    /// ordinary text).
    Text { x: f32, baseline: f32, face: Face, size: f32, color: Color, tracking: f32, text: String },
    /// A filled rectangle; `y` is its top edge.
    Rect { x: f32, y: f32, w: f32, h: f32, color: Color },
    /// A straight rule.
    Line { x1: f32, y1: f32, x2: f32, y2: f32, width: f32, color: Color },
    /// A shape (the status marks): straight segments, and cubic Bézier segments where two
    /// points in a row are control points; filled with `fill`, outlined with `stroke` (width
    /// and colour, round ends and corners), or both. A filled path is always closed.
    Path { points: Vec<PathPoint>, closed: bool, fill: Option<Color>, stroke: Option<(f32, Color)> },
}

/// A point of a [`Element::Path`]; `control` marks a Bézier control point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathPoint {
    pub x: f32,
    pub y: f32,
    pub control: bool,
}

/// One laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub elements: Vec<Element>,
}

impl Page {
    /// The page's text, line by line (tests).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.elements.iter().filter_map(|e| match e {
            Element::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }
}

/// A text style: face, size, line height and colour.
#[derive(Debug, Clone, Copy)]
pub(in crate::report) struct Style {
    pub(in crate::report) face: Face,
    pub(in crate::report) size: f32,
    pub(in crate::report) leading: f32,
    pub(in crate::report) color: Color,
}

/// A text style (`const`, for the style constants here and in `table.rs`, `fields.rs`).
pub(in crate::report) const fn style(face: Face, size: f32, leading: f32, color: Color) -> Style {
    Style { face, size, leading, color }
}

pub(in crate::report) const BODY: Style = style(Face::Regular, 10.0, 14.0, INK);
pub(in crate::report) const BODY_BOLD: Style = style(Face::Bold, 10.5, 14.5, INK);
pub(in crate::report) const NOTE: Style = style(Face::Regular, 8.5, 11.5, MUTED);
pub(in crate::report) const TITLE: Style = style(Face::Bold, 22.0, 27.0, INK);
pub(in crate::report) const SUBTITLE: Style = style(Face::Regular, 14.0, 18.0, INK);
pub(in crate::report) const KICKER: Style = style(Face::Regular, 9.0, 12.0, MUTED);
pub(in crate::report) const H2: Style = style(Face::Bold, 13.0, 17.0, ACCENT);
pub(in crate::report) const H3: Style = style(Face::Bold, 10.5, 14.0, INK);
pub(in crate::report) const LABEL: Style = style(Face::Regular, 8.0, 10.5, MUTED);
pub(in crate::report) const BIG: Style = style(Face::Bold, 34.0, 38.0, ACCENT);
const FOOTER: Style = style(Face::Regular, 7.5, 10.0, MUTED);

/// What a heading keeps with it when a table follows: a two-line header, a note and a first
/// row of a few lines (a table moves to the next page with less room than that).
pub(super) const TABLE_KEEP: f32 = 100.0;

/// A one-line sub-heading with the space above and below it.
pub(super) const H3_BLOCK: f32 = 10.0 + H3.leading + 4.0;

/// What a heading keeps with it: a table (header and first row), or the one line that says
/// the section is empty.
pub(super) fn keep(empty: bool) -> f32 {
    if empty {
        BODY.leading
    } else {
        TABLE_KEEP
    }
}

/// The pages laid out so far and the cursor on the last one.
pub(in crate::report) struct Layout {
    fonts: &'static Fonts,
    pages: Vec<Page>,
    /// Top of the next thing to place.
    pub(in crate::report) y: f32,
}

impl Layout {
    /// One empty page, the cursor at its top.
    pub(in crate::report) fn new() -> Layout {
        Layout { fonts: Fonts::get(), pages: vec![Page::default()], y: TOP }
    }

    /// The laid-out pages.
    pub(in crate::report) fn into_pages(self) -> Vec<Page> {
        self.pages
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("there is always a page")
    }

    /// Starts a new page, the cursor at its top.
    pub(in crate::report) fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    /// Starts a new page unless `h` more pt fit on this one.
    pub(in crate::report) fn ensure(&mut self, h: f32) {
        if self.y + h > BOTTOM + 0.01 && self.y > TOP + 0.01 {
            self.new_page();
        }
    }

    /// Vertical space, dropped at the top of a page.
    pub(in crate::report) fn gap(&mut self, h: f32) {
        if self.y > TOP + 0.01 {
            self.y = (self.y + h).min(BOTTOM);
        }
    }

    /// The width of `text` in style `s`.
    pub(in crate::report) fn width(&self, text: &str, s: Style) -> Result<f32> {
        self.fonts.face(s.face).width(text, s.size)
    }

    /// `text` in style `s` broken into lines no wider than `width`.
    pub(in crate::report) fn wrap(&self, text: &str, s: Style, width: f32) -> Result<Vec<String>> {
        wrap(self.fonts.face(s.face), text, s.size, width)
    }

    /// A line of text whose line box starts at `top`; fails for a character without glyph.
    fn text_element(&self, x: f32, top: f32, s: Style, text: &str) -> Result<Element> {
        self.fonts.face(s.face).check(text)?;
        // Centre DejaVu's ascent (0.928 em) plus descent (0.236 em) in the line box.
        let baseline = top + (s.leading - 1.164 * s.size) / 2.0 + 0.928 * s.size;
        Ok(Element::Text {
            x,
            baseline,
            face: s.face,
            size: s.size,
            color: s.color,
            tracking: 0.0,
            text: text.to_owned(),
        })
    }

    /// Draws one line whose line box starts at `top`.
    pub(in crate::report) fn text_at(
        &mut self,
        x: f32,
        top: f32,
        s: Style,
        text: &str,
    ) -> Result<()> {
        if !text.is_empty() {
            let e = self.text_element(x, top, s, text)?;
            self.page().elements.push(e);
        }
        Ok(())
    }

    /// Draws one line whose line box starts at `top` with `tracking` pt of extra space after
    /// each character.
    pub(in crate::report) fn tracked_at(
        &mut self,
        x: f32,
        top: f32,
        s: Style,
        text: &str,
        tracking: f32,
    ) -> Result<()> {
        let mut e = self.text_element(x, top, s, text)?;
        if let Element::Text { tracking: t, .. } = &mut e {
            *t = tracking;
        }
        self.page().elements.push(e);
        Ok(())
    }

    /// A filled rectangle whose top edge is `y`.
    pub(in crate::report) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Color) {
        self.page().elements.push(Element::Rect { x, y, w, h, color });
    }

    /// A horizontal bar whose top edge is `top`: the track across `w`, then `parts` (each a
    /// share of the whole, 0–1, and its colour) from the left, one after the other, with a
    /// hairline of white between two parts so that neighbours stay apart without colour.
    pub(in crate::report) fn bar(
        &mut self,
        x: f32,
        top: f32,
        w: f32,
        h: f32,
        parts: &[(f32, Color)],
    ) {
        self.rect(x, top, w, h, TRACK);
        let mut start = x;
        for &(share, color) in parts {
            let pw = w * share.clamp(0.0, 1.0);
            let pw = pw.min(x + w - start);
            if pw > 0.05 {
                self.rect(start, top, pw, h, color);
                if start > x + 0.01 {
                    self.rect(start - 0.4, top, 0.8, h, Color(1.0, 1.0, 1.0));
                }
            }
            start += pw;
        }
    }

    /// A shape: see [`Element::Path`].
    pub(in crate::report) fn path(
        &mut self,
        points: Vec<PathPoint>,
        closed: bool,
        fill: Option<Color>,
        stroke: Option<(f32, Color)>,
    ) {
        self.page().elements.push(Element::Path { points, closed, fill, stroke });
    }

    /// The number of the page the cursor is on (1 for the first).
    pub(in crate::report) fn page_number(&self) -> usize {
        self.pages.len()
    }

    /// A horizontal rule at `y`.
    pub(in crate::report) fn hline(&mut self, x1: f32, x2: f32, y: f32, width: f32, color: Color) {
        self.page().elements.push(Element::Line { x1, y1: y, x2, y2: y, width, color });
    }

    /// A straight rule from (`x1`, `y1`) to (`x2`, `y2`).
    pub(in crate::report) fn line(
        &mut self,
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        color: Color,
    ) {
        let ((x1, y1), (x2, y2)) = (from, to);
        self.page().elements.push(Element::Line { x1, y1, x2, y2, width, color });
    }

    /// A wrapped paragraph across the full width (or from `x` with `width`), flowing onto the
    /// next page line by line.
    pub(in crate::report) fn paragraph(
        &mut self,
        x: f32,
        width: f32,
        text: &str,
        s: Style,
    ) -> Result<()> {
        for line in self.wrap(&clean(text), s, width)? {
            self.ensure(s.leading);
            self.text_at(x, self.y, s, &line)?;
            self.y += s.leading;
        }
        Ok(())
    }

    /// A section heading, kept with the next `keep` pt.
    pub(in crate::report) fn h2(&mut self, title: &str, keep: f32) -> Result<()> {
        self.gap(20.0);
        self.ensure(H2.leading + 10.0 + keep);
        self.text_at(LEFT, self.y, H2, title)?;
        self.y += H2.leading + 2.0;
        self.hline(LEFT, RIGHT, self.y, 0.6, RULE);
        self.y += 8.0;
        Ok(())
    }

    /// A sub-heading, kept with the next `keep` pt.
    pub(in crate::report) fn h3(&mut self, title: &str, keep: f32) -> Result<()> {
        self.gap(10.0);
        let lines = self.wrap(&clean(title), H3, WIDTH)?;
        self.ensure(H3.leading * lines.len() as f32 + 4.0 + keep);
        for line in lines {
            self.text_at(LEFT, self.y, H3, &line)?;
            self.y += H3.leading;
        }
        self.y += 4.0;
        Ok(())
    }

    /// Adds the footers once the page count is known: a rule, then `name` and `suffix` on the
    /// left (the name shortened with "…" until it fits beside the right text) and
    /// `right_text(page, total)` on the right.
    pub(in crate::report) fn footers(
        &mut self,
        name: &str,
        suffix: &str,
        right_text: impl Fn(usize, usize) -> String,
    ) -> Result<()> {
        let total = self.pages.len();
        for i in 0..total {
            let right = right_text(i + 1, total);
            let right_w = self.width(&right, FOOTER)?;
            let room = WIDTH - right_w - 16.0;
            let mut name: Vec<char> = clean(name).chars().collect();
            let mut left = format!("{}{suffix}", name.iter().collect::<String>());
            while self.width(&left, FOOTER)? > room && !name.is_empty() {
                name.pop();
                let short: String = name.iter().collect();
                left = format!("{}…{suffix}", short.trim_end());
            }
            let elements = vec![
                Element::Line {
                    x1: LEFT,
                    y1: FOOTER_RULE,
                    x2: RIGHT,
                    y2: FOOTER_RULE,
                    width: 0.4,
                    color: RULE,
                },
                self.text_element(LEFT, FOOTER_TOP, FOOTER, &left)?,
                self.text_element(RIGHT - right_w, FOOTER_TOP, FOOTER, &right)?,
            ];
            self.pages[i].elements.extend(elements);
        }
        Ok(())
    }
}

#[cfg(test)]
pub(in crate::report) mod tests {
    use super::super::layout;
    use super::super::tests::{sample, workflow_sample};
    use super::{Element, Page, BOTTOM, H2, H3, LEFT, MM, PAGE_H, RIGHT, TOP};
    use crate::progress::Status;
    use crate::report::data::{Blocker, DueItem};
    use crate::report::fonts::{Face, Fonts};

    pub(in crate::report::layout) fn all_texts(pages: &[Page]) -> Vec<String> {
        pages.iter().flat_map(|p| p.texts().map(str::to_owned)).collect()
    }

    /// Every text, box and line of every page stays within the margins.
    pub(in crate::report) fn all_within_margins(pages: &[Page]) {
        let inside = |a: f32, b: f32| a >= LEFT - 0.01 && b <= RIGHT + 0.01;
        for (n, page) in pages.iter().enumerate() {
            for e in &page.elements {
                match e {
                    Element::Text { x, baseline, face, size, text, .. } => {
                        let w = Fonts::get().face(*face).width(text, *size).unwrap();
                        assert!(inside(*x, x + w), "page {n}: {text:?} at {x}+{w}");
                        assert!(
                            *baseline >= TOP && *baseline <= PAGE_H - 10.0 * MM,
                            "page {n}: {text:?}"
                        );
                    }
                    Element::Rect { x, w, .. } => assert!(inside(*x, x + w), "page {n}: box"),
                    Element::Line { x1, x2, .. } => {
                        assert!(inside(x1.min(*x2), x1.max(*x2)), "page {n}: line")
                    }
                    Element::Path { points, .. } => {
                        for p in points {
                            assert!(inside(p.x, p.x), "page {n}: shape at {}", p.x);
                            assert!(p.y >= TOP - 0.01 && p.y <= BOTTOM + 0.01, "page {n}: shape");
                        }
                    }
                }
            }
        }
    }

    /// Whether a text element is set as a heading (H2, or H3 which shares its face and size
    /// with the bold body text).
    fn is_heading(e: &Element) -> bool {
        matches!(e, Element::Text { face: Face::Bold, size, .. } if *size == H2.size || *size == H3.size)
    }

    #[test]
    fn headings_of_the_new_sections_stay_with_their_tables() {
        let pairs = [
            ("Anforderungen an das Land", "Priorität"),
            ("Fachverfahren", "Schnittstelle"),
            ("Veranstaltungen", "Anmeldeschluss"),
            ("Nachweise", "SHA-256"),
            ("Ansprechpersonen", "Rolle"),
        ];
        let template = workflow_sample();
        for n in 0..24 {
            // Shift the sections down the pages: more requirements, more checklist items.
            let mut d = template.clone();
            let r = d.services[0].requirements[1].clone();
            d.services[0].requirements.extend(std::iter::repeat_n(r, n % 8));
            let item = d.checklist[0].items[1].clone();
            d.checklist[0].items.extend(std::iter::repeat_n(item, n));
            let pages = layout(&d).unwrap();
            for (heading, header) in pairs {
                let page = pages.iter().find(|p| p.texts().any(|t| t == heading)).unwrap();
                assert!(page.texts().any(|t| t == header), "{n}: {heading:?} left alone");
            }
        }
    }

    #[test]
    fn no_page_ends_with_a_heading() {
        let template = workflow_sample();
        for n in 0..60 {
            let mut d = template.clone();
            let r = d.services[0].requirements[1].clone();
            d.services[0].requirements.extend(std::iter::repeat_n(r, n % 9));
            let item = d.checklist[0].items[1].clone();
            d.checklist[0].items.extend(std::iter::repeat_n(item, n));
            let due = DueItem {
                kind: "aufgabe".into(),
                kind_label: "Aufgabe".into(),
                item_id: Some("a".into()),
                context: None,
                title: "Eine Aufgabe mit Frist".into(),
                due: "2026-12-01".parse().unwrap(),
                days: 3,
                status: Some(Status::Offen),
                status_label: Some("Offen".into()),
                owner: None,
            };
            d.due_soon = vec![due.clone(); n % 13];
            d.overdue = vec![due; n % 5];
            let blocker = Blocker {
                item_id: "b".into(),
                title: "Eine blockierte Aufgabe mit längerem Titel".into(),
                party: crate::progress::BlockingParty::Hersteller,
                party_label: "Hersteller".into(),
                text: Some("Schnittstelle erst ab Version 8.2".into()),
            };
            d.blockers = vec![blocker; n % 7];
            // The workflow's sections with data, and all of them empty.
            let mut empty = sample(n, "Notiz");
            empty.blockers = d.blockers.clone();
            empty.due_soon = d.due_soon.clone();
            let pages = [layout(&d).unwrap(), layout(&empty).unwrap()].concat();
            for (i, page) in pages.iter().enumerate() {
                // The footer's rule and two texts come last.
                let content = &page.elements[..page.elements.len() - 3];
                let last = content.iter().rev().find(|e| matches!(e, Element::Text { .. }));
                if let Some(e @ Element::Text { text, .. }) = last {
                    assert!(!is_heading(e), "{n}: page {} ends with {text:?}", i + 1);
                }
            }
        }
    }
}
