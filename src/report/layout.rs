//! Page layout of the readiness report: turns [`ReportData`] into A4 pages of positioned text,
//! rectangles and rules. Nothing here knows PDF; `pdf.rs` draws the result.
//!
//! The pages are laid out first, top to bottom with a cursor; footers ("Seite X von Y") are added
//! when the page count is known. Tables repeat their header on every page they run onto; a row
//! moves to the next page whole when it fits there, and only a row taller than a page is split,
//! between lines. Headings are kept with what follows them, the signature block is never split.
//! Status is always written out as text; colour only supports it.

use super::data::{Cost, DueItem, ReportData, ReportItem, ReportService};
use super::fonts::{clean, Face, Fonts};
use super::format::{self, NBSP};
use super::wrap::wrap;
use super::ReportError;
use crate::catalogue::Actor;
use crate::progress::Status;

type Result<T> = std::result::Result<T, ReportError>;

/// A4 in pt.
pub const PAGE_W: f32 = 595.276;
pub const PAGE_H: f32 = 841.89;
const MM: f32 = 72.0 / 25.4;
const LEFT: f32 = 20.0 * MM;
const RIGHT: f32 = PAGE_W - 20.0 * MM;
const WIDTH: f32 = RIGHT - LEFT;
const TOP: f32 = 20.0 * MM;
/// Content ends here; below are the footer's rule and line.
const BOTTOM: f32 = PAGE_H - 24.0 * MM;
const FOOTER_RULE: f32 = PAGE_H - 19.0 * MM;
const FOOTER_TOP: f32 = PAGE_H - 17.5 * MM;

/// An sRGB colour, components 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color(pub f32, pub f32, pub f32);

const INK: Color = Color(0.11, 0.12, 0.14);
const MUTED: Color = Color(0.38, 0.40, 0.44);
const RULE: Color = Color(0.70, 0.72, 0.75);
const HAIRLINE: Color = Color(0.84, 0.85, 0.87);
/// The one accent: a muted blue.
const ACCENT: Color = Color(0.13, 0.32, 0.48);
const TRACK: Color = Color(0.89, 0.91, 0.93);
const HEAD_FILL: Color = Color(0.945, 0.95, 0.96);

/// Something drawn on a page. `y` values count from the top of the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    /// Text on a baseline.
    Text { x: f32, baseline: f32, face: Face, size: f32, color: Color, text: String },
    /// A filled rectangle; `y` is its top edge.
    Rect { x: f32, y: f32, w: f32, h: f32, color: Color },
    /// A straight rule.
    Line { x1: f32, y1: f32, x2: f32, y2: f32, width: f32, color: Color },
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

#[derive(Debug, Clone, Copy)]
struct Style {
    face: Face,
    size: f32,
    leading: f32,
    color: Color,
}

const fn style(face: Face, size: f32, leading: f32, color: Color) -> Style {
    Style { face, size, leading, color }
}

const BODY: Style = style(Face::Regular, 10.0, 14.0, INK);
const BODY_BOLD: Style = style(Face::Bold, 10.5, 14.5, INK);
const NOTE: Style = style(Face::Regular, 8.5, 11.5, MUTED);
const TITLE: Style = style(Face::Bold, 22.0, 27.0, INK);
const SUBTITLE: Style = style(Face::Regular, 14.0, 18.0, INK);
const KICKER: Style = style(Face::Regular, 9.0, 12.0, MUTED);
const H2: Style = style(Face::Bold, 13.0, 17.0, ACCENT);
const H3: Style = style(Face::Bold, 10.5, 14.0, INK);
const LABEL: Style = style(Face::Regular, 8.0, 10.5, MUTED);
const VALUE: Style = style(Face::Regular, 10.0, 13.5, INK);
const VALUE_BOLD: Style = style(Face::Bold, 10.0, 13.5, INK);
const VALUE_MUTED: Style = style(Face::Regular, 10.0, 13.5, MUTED);
const CELL: Style = style(Face::Regular, 8.5, 11.5, INK);
const CELL_BOLD: Style = style(Face::Bold, 8.5, 11.5, INK);
const CELL_SMALL: Style = style(Face::Regular, 7.5, 10.0, MUTED);
const CELL_HEAD: Style = style(Face::Bold, 7.5, 10.0, MUTED);
/// SHA-256 in tables: two lines of 32 hex digits.
const HASH: Style = style(Face::Regular, 7.0, 9.5, INK);
const BIG: Style = style(Face::Bold, 34.0, 38.0, ACCENT);
const FOOTER: Style = style(Face::Regular, 7.5, 10.0, MUTED);

const PAD_X: f32 = 4.0;
/// Space below a row of label-over-value fields.
const FIELD_GAP: f32 = 6.0;
/// What a heading keeps with it when a table follows: a two-line header, a note and a first
/// row of a few lines (a table moves to the next page with less room than that).
const TABLE_KEEP: f32 = 100.0;

/// A one-line sub-heading with the space above and below it.
const H3_BLOCK: f32 = 10.0 + H3.leading + 4.0;

/// What a heading keeps with it: a table (header and first row), or the one line that says
/// the section is empty.
fn keep(empty: bool) -> f32 {
    if empty {
        BODY.leading
    } else {
        TABLE_KEEP
    }
}
const PAD_Y: f32 = 4.0;

/// A paragraph inside a table cell.
struct Para {
    text: String,
    style: Style,
}

fn para(text: impl AsRef<str>, style: Style) -> Para {
    Para { text: clean(text.as_ref()), style }
}

type Cell = Vec<Para>;

fn cell(text: impl AsRef<str>) -> Cell {
    vec![para(text, CELL)]
}

/// A column: title and width in pt (`0.0`: the rest of the line).
struct Column {
    title: &'static str,
    width: f32,
}

const fn col(title: &'static str, width: f32) -> Column {
    Column { title, width }
}

/// A label-over-value field of a [`Layout::field_row`].
struct Field {
    label: &'static str,
    value: String,
    style: Style,
    width: f32,
}

impl Field {
    fn value(value: String) -> Field {
        Field { label: "", value, style: VALUE, width: 0.0 }
    }

    /// "nicht erfasst", muted.
    fn missing() -> Field {
        Field { style: VALUE_MUTED, ..Field::value("nicht erfasst".to_owned()) }
    }

    /// A value that needs attention (an expired date), bold.
    fn warning(value: String) -> Field {
        Field { style: VALUE_BOLD, ..Field::value(value) }
    }

    fn at(self, label: &'static str, width: f32) -> Field {
        Field { label, width, ..self }
    }
}

/// A wrapped cell: its lines with their styles.
type Lines = Vec<(String, Style)>;

struct Layout {
    fonts: &'static Fonts,
    pages: Vec<Page>,
    /// Top of the next thing to place.
    y: f32,
}

/// Lays out the whole report.
pub fn layout(data: &ReportData) -> Result<Vec<Page>> {
    // Text the clerk can fix fails here, naming the field; any other character the font
    // lacks is written as its code point (`fonts::clean`).
    super::glyphs::check(data)?;
    let mut l = Layout { fonts: Fonts::get(), pages: vec![Page::default()], y: TOP };
    l.title_block(data)?;
    l.summary(data)?;
    l.blockers(data)?;
    l.deadlines(data)?;
    l.services(data)?;
    l.requirements(data)?;
    l.fachverfahren(data)?;
    l.events(data)?;
    l.checklist(data)?;
    l.evidence(data)?;
    l.contacts(data)?;
    l.signature(data)?;
    l.closing(data)?;
    l.footers(data)?;
    Ok(l.pages)
}

impl Layout {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("there is always a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    /// Starts a new page unless `h` more pt fit on this one.
    fn ensure(&mut self, h: f32) {
        if self.y + h > BOTTOM + 0.01 && self.y > TOP + 0.01 {
            self.new_page();
        }
    }

    /// Vertical space, dropped at the top of a page.
    fn gap(&mut self, h: f32) {
        if self.y > TOP + 0.01 {
            self.y = (self.y + h).min(BOTTOM);
        }
    }

    fn width(&self, text: &str, s: Style) -> Result<f32> {
        self.fonts.face(s.face).width(text, s.size)
    }

    fn wrap(&self, text: &str, s: Style, width: f32) -> Result<Vec<String>> {
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
            text: text.to_owned(),
        })
    }

    /// Draws one line whose line box starts at `top`.
    fn text_at(&mut self, x: f32, top: f32, s: Style, text: &str) -> Result<()> {
        if !text.is_empty() {
            let e = self.text_element(x, top, s, text)?;
            self.page().elements.push(e);
        }
        Ok(())
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Color) {
        self.page().elements.push(Element::Rect { x, y, w, h, color });
    }

    fn hline(&mut self, x1: f32, x2: f32, y: f32, width: f32, color: Color) {
        self.page().elements.push(Element::Line { x1, y1: y, x2, y2: y, width, color });
    }

    /// A wrapped paragraph across the full width (or from `x` with `width`), flowing onto the
    /// next page line by line.
    fn paragraph(&mut self, x: f32, width: f32, text: &str, s: Style) -> Result<()> {
        for line in self.wrap(&clean(text), s, width)? {
            self.ensure(s.leading);
            self.text_at(x, self.y, s, &line)?;
            self.y += s.leading;
        }
        Ok(())
    }

    /// A section heading, kept with the next `keep` pt.
    fn h2(&mut self, title: &str, keep: f32) -> Result<()> {
        self.gap(20.0);
        self.ensure(H2.leading + 10.0 + keep);
        self.text_at(LEFT, self.y, H2, title)?;
        self.y += H2.leading + 2.0;
        self.hline(LEFT, RIGHT, self.y, 0.6, RULE);
        self.y += 8.0;
        Ok(())
    }

    /// A sub-heading, kept with the next `keep` pt.
    fn h3(&mut self, title: &str, keep: f32) -> Result<()> {
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

    // ---------------------------------------------------------------------------------------
    // Tables

    /// The width of a column in which none of `texts` breaks (a header word, a date).
    fn fit_width(&self, texts: &[(&str, Style)]) -> Result<f32> {
        let mut w: f32 = 0.0;
        for (text, style) in texts {
            w = w.max(self.width(text, *style)?);
        }
        Ok((w + 2.0 * PAD_X + 1.0).ceil())
    }

    fn column_widths(columns: &[Column]) -> Vec<f32> {
        let fixed: f32 = columns.iter().map(|c| c.width).sum();
        columns.iter().map(|c| if c.width == 0.0 { WIDTH - fixed } else { c.width }).collect()
    }

    fn wrap_cell(&self, cell: &Cell, width: f32) -> Result<Lines> {
        let mut lines = Vec::new();
        for p in cell {
            for line in self.wrap(&p.text, p.style, width - 2.0 * PAD_X)? {
                lines.push((line, p.style));
            }
        }
        Ok(lines)
    }

    fn lines_height(lines: &Lines) -> f32 {
        lines.iter().map(|(_, s)| s.leading).sum()
    }

    fn table_header(&mut self, columns: &[Column], widths: &[f32]) -> Result<f32> {
        let heads: Vec<Lines> = columns
            .iter()
            .zip(widths)
            .map(|(c, &w)| self.wrap_cell(&vec![para(c.title, CELL_HEAD)], w))
            .collect::<Result<_>>()?;
        let h = heads.iter().map(Self::lines_height).fold(0.0, f32::max) + 2.0 * PAD_Y - 1.0;
        self.rect(LEFT, self.y, WIDTH, h, HEAD_FILL);
        let mut x = LEFT;
        for (lines, &w) in heads.iter().zip(widths) {
            let mut top = self.y + PAD_Y - 0.5;
            for (line, s) in lines {
                self.text_at(x + PAD_X, top, *s, line)?;
                top += s.leading;
            }
            x += w;
        }
        self.y += h;
        self.hline(LEFT, RIGHT, self.y, 0.6, RULE);
        Ok(h)
    }

    fn header_height(&self, columns: &[Column], widths: &[f32]) -> Result<f32> {
        let mut h: f32 = 0.0;
        for (c, &w) in columns.iter().zip(widths) {
            h = h.max(Self::lines_height(&self.wrap_cell(&vec![para(c.title, CELL_HEAD)], w)?));
        }
        Ok(h + 2.0 * PAD_Y - 1.0)
    }

    /// Starts a new page for a table that runs on: the caption with "(Fortsetzung)", then the
    /// header again.
    fn continue_table(&mut self, columns: &[Column], widths: &[f32], caption: &str) -> Result<()> {
        self.new_page();
        if !caption.is_empty() {
            self.text_at(LEFT, self.y, NOTE, &format!("{caption} (Fortsetzung)"))?;
            self.y += NOTE.leading + 3.0;
        }
        self.table_header(columns, widths)?;
        Ok(())
    }

    /// Draws a table; its header (and `caption`, if any) repeats on every page it runs onto.
    fn table(&mut self, columns: &[Column], rows: &[Vec<Cell>], caption: &str) -> Result<()> {
        let widths = Self::column_widths(columns);
        let header_h = self.header_height(columns, &widths)?;
        let wrapped: Vec<Vec<Lines>> = rows
            .iter()
            .map(|row| {
                row.iter().zip(&widths).map(|(c, &w)| self.wrap_cell(c, w)).collect::<Result<_>>()
            })
            .collect::<Result<_>>()?;
        let row_h = |cells: &[Lines]| {
            cells.iter().map(Self::lines_height).fold(0.0, f32::max) + 2.0 * PAD_Y
        };
        // Header and first row (or a good part of it) together.
        let first = wrapped.first().map(|r| row_h(r)).unwrap_or(0.0);
        self.ensure(header_h + first.min(5.0 * CELL.leading));
        self.table_header(columns, &widths)?;
        let capacity = BOTTOM - TOP - header_h - NOTE.leading - 3.0;
        for cells in wrapped {
            let mut cells = cells;
            let h = row_h(&cells);
            if self.y + h > BOTTOM && (h <= capacity || BOTTOM - self.y < 4.0 * CELL.leading) {
                self.continue_table(columns, &widths, caption)?;
            }
            // Taller than what is left of a page: split between lines.
            loop {
                let room = BOTTOM - self.y - 2.0 * PAD_Y;
                let mut rest: Vec<Lines> = Vec::new();
                let mut used: f32 = 0.0;
                let mut x = LEFT;
                for (lines, &w) in cells.iter().zip(&widths) {
                    let mut top = self.y + PAD_Y;
                    let mut taken = 0;
                    for (line, s) in lines {
                        if top + s.leading > self.y + PAD_Y + room + 0.01 {
                            break;
                        }
                        self.text_at(x + PAD_X, top, *s, line)?;
                        top += s.leading;
                        taken += 1;
                    }
                    used = used.max(top - self.y - PAD_Y);
                    rest.push(lines[taken..].to_vec());
                    x += w;
                }
                self.y += used + 2.0 * PAD_Y;
                if rest.iter().all(Vec::is_empty) {
                    self.hline(LEFT, RIGHT, self.y, 0.4, HAIRLINE);
                    break;
                }
                self.continue_table(columns, &widths, caption)?;
                cells = rest;
            }
        }
        Ok(())
    }

    // ---------------------------------------------------------------------------------------
    // Content

    fn title_block(&mut self, d: &ReportData) -> Result<()> {
        let m = &d.municipality;
        self.text_at(LEFT, self.y, KICKER, "Anbindungscheck · Anbindung von EfA-Onlinediensten")?;
        self.y += KICKER.leading + 6.0;
        self.text_at(LEFT, self.y, TITLE, "Bereitschaftsbericht")?;
        self.y += TITLE.leading + 2.0;
        self.paragraph(LEFT, WIDTH, &m.name, SUBTITLE)?;
        self.y += 12.0;

        let third = WIDTH / 3.0;
        let population =
            m.population.map(format::thousands).unwrap_or_else(|| "nicht erfasst".into());
        self.fields(&[
            ("Amtlicher Gemeindeschlüssel", m.ags.clone(), third),
            ("Land", m.land.clone(), third),
            ("Einwohnerzahl", population, third),
        ])?;
        self.fields(&[
            ("Berichtsdatum", format::date(d.report_date), third),
            ("Bericht-Nr.", d.report_id.clone(), third * 2.0),
        ])?;
        let packages = if d.packages.is_empty() {
            "ohne Informationspaket".to_owned()
        } else {
            d.packages
                .iter()
                .map(|p| {
                    format!(
                        "{}, Version{NBSP}{} ({}, gültig bis {})",
                        p.title,
                        p.version,
                        p.land,
                        format::date_text(&p.valid_until)
                    )
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let label = if d.packages.len() > 1 {
            "Grundlage: Informationspakete"
        } else {
            "Grundlage: Informationspaket"
        };
        self.fields(&[(label, packages, WIDTH)])?;
        Ok(())
    }

    /// A row of label-over-value fields.
    fn fields(&mut self, fields: &[(&str, String, f32)]) -> Result<()> {
        let mut x = LEFT;
        let mut h: f32 = 0.0;
        let top = self.y;
        for (label, value, w) in fields {
            self.text_at(x, top, LABEL, label)?;
            let mut y = top + LABEL.leading;
            for line in self.wrap(&clean(value), VALUE, w - 10.0)? {
                self.text_at(x, y, VALUE, &line)?;
                y += VALUE.leading;
            }
            h = h.max(y - top);
            x += w;
        }
        self.y = top + h + 8.0;
        Ok(())
    }

    fn summary(&mut self, d: &ReportData) -> Result<()> {
        self.h2("Zusammenfassung", 110.0)?;
        let top = self.y;
        let o = &d.readiness.overall;
        self.text_at(LEFT, top, BIG, &format::percent(o.percent))?;
        let mut y = top + BIG.leading + 2.0;
        self.text_at(LEFT, y, BODY_BOLD, "Bereitschaft gesamt")?;
        y += BODY_BOLD.leading;
        for line in self.wrap(
            &format!("{} von {} Aufgaben der Kommune erledigt", o.done, o.applicable),
            NOTE,
            140.0,
        )? {
            self.text_at(LEFT, y, NOTE, &line)?;
            y += NOTE.leading;
        }
        let left_h = y - top;

        // One bar per dimension.
        let label_x = LEFT + 170.0;
        let bar_x = label_x + 92.0;
        let bar_w = 130.0;
        let mut by = top + 4.0;
        for dim in &d.readiness.dimensions {
            let s = dim.score;
            self.text_at(label_x, by, BODY, &dim.label)?;
            let bar_top = by + (BODY.leading - 8.0) / 2.0;
            self.rect(bar_x, bar_top, bar_w, 8.0, TRACK);
            if let Some(p) = s.percent {
                if p > 0 {
                    self.rect(bar_x, bar_top, bar_w * f32::from(p) / 100.0, 8.0, ACCENT);
                }
            }
            let pct = format::percent(s.percent);
            self.text_at(bar_x + bar_w + 8.0, by, BODY_BOLD, &pct)?;
            let pw = self.width(&pct, BODY_BOLD)?;
            let detail = if s.applicable == 0 {
                "keine Aufgaben".to_owned()
            } else {
                format!("{} von {}", s.done, s.applicable)
            };
            self.text_at(bar_x + bar_w + 8.0 + pw + 5.0, by + 0.8, NOTE, &detail)?;
            by += 22.0;
        }
        self.y = top + left_h.max(by - top) + 8.0;

        self.paragraph(LEFT, WIDTH, &d.verdict(), BODY_BOLD)?;
        self.y += 4.0;
        let c = &d.counts;
        let total = c.offen + c.in_arbeit + c.erledigt + c.nicht_zutreffend + c.extern_blockiert;
        self.paragraph(
            LEFT,
            WIDTH,
            &format!(
                "Alle {total} Aufgaben: {} offen · {} in Arbeit · {} erledigt · {} nicht \
                 zutreffend · {} extern blockiert.",
                c.offen, c.in_arbeit, c.erledigt, c.nicht_zutreffend, c.extern_blockiert
            ),
            BODY,
        )?;
        self.y += 3.0;
        self.paragraph(
            LEFT,
            WIDTH,
            "Berechnung: Anteil der erledigten Aufgaben der Kommune, ohne die als „nicht \
             zutreffend“ markierten, abgerundet auf ganze Prozent. Aufgaben des Landes werden \
             mitgeführt, zählen aber nicht zur Bereitschaft.",
            NOTE,
        )
    }

    fn blockers(&mut self, d: &ReportData) -> Result<()> {
        self.h2("Extern blockiert", keep(d.blockers.is_empty()))?;
        if d.blockers.is_empty() {
            return self.paragraph(LEFT, WIDTH, "Keine Aufgabe ist extern blockiert.", BODY);
        }
        let rows: Vec<Vec<Cell>> = d
            .blockers
            .iter()
            .map(|b| {
                vec![
                    cell(&b.title),
                    vec![para(&b.party_label, CELL_BOLD)],
                    cell(b.text.as_deref().unwrap_or("–")),
                ]
            })
            .collect();
        self.table(
            &[col("Aufgabe", 190.0), col("Blockiert durch", 90.0), col("Beschreibung", 0.0)],
            &rows,
            "Extern blockiert",
        )
    }

    fn deadlines(&mut self, d: &ReportData) -> Result<()> {
        self.h2("Fristen", H3_BLOCK + keep(d.overdue.is_empty()))?;
        let columns = [
            col("Fällig", 84.0),
            col("Was", 0.0),
            col("Status / Art", 108.0),
            col("Verantwortlich", 104.0),
        ];
        let rows = |list: &[DueItem]| -> Vec<Vec<Cell>> {
            list.iter()
                .map(|i| {
                    let mut what = vec![para(i.title.clone(), CELL)];
                    if let Some(context) = &i.context {
                        what.push(para(context.clone(), CELL_SMALL));
                    }
                    vec![
                        vec![
                            para(format::date(i.due), CELL_BOLD),
                            para(format::days(i.days), CELL_SMALL),
                        ],
                        what,
                        cell(i.status_label.as_deref().unwrap_or(&i.kind_label)),
                        cell(i.owner.as_deref().unwrap_or("–")),
                    ]
                })
                .collect()
        };
        self.h3("Überfällig", keep(d.overdue.is_empty()))?;
        if d.overdue.is_empty() {
            self.paragraph(LEFT, WIDTH, "Nichts ist überfällig.", BODY)?;
        } else {
            self.table(&columns, &rows(&d.overdue), "Überfällig")?;
        }
        let soon = format!("In den nächsten {} Tagen fällig", crate::readiness::DUE_SOON_DAYS);
        self.h3(&soon, keep(d.due_soon.is_empty()))?;
        if d.due_soon.is_empty() {
            let none = format!(
                "In den nächsten {} Tagen ist nichts fällig.",
                crate::readiness::DUE_SOON_DAYS
            );
            self.paragraph(LEFT, WIDTH, &none, BODY)
        } else {
            self.table(&columns, &rows(&d.due_soon), &soon)
        }
    }

    fn costs_text(costs: &[Cost]) -> String {
        costs
            .iter()
            .map(|c| {
                format!(
                    "{}: einmalig {}, jährlich {}",
                    c.bracket,
                    format::euro(c.one_off_cents),
                    format::euro(c.annual_cents)
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn services(&mut self, d: &ReportData) -> Result<()> {
        self.h2("Onlinedienste", H3_BLOCK + H3.leading + 60.0)?;
        if d.packages.is_empty() {
            return self.paragraph(
                LEFT,
                WIDTH,
                "Es ist noch kein Informationspaket des Landes eingelesen; Angaben zu den \
                 Onlinediensten fehlen daher.",
                BODY,
            );
        }
        for p in &d.packages {
            self.h3(&format!("{} – Version{NBSP}{}", p.title, p.version), 60.0)?;
            let services: Vec<_> = d.services.iter().filter(|s| s.package_id == p.id).collect();
            if !p.costs.is_empty() {
                let notes: Vec<&str> = p.costs.iter().filter_map(|c| c.note.as_deref()).collect();
                self.paragraph(
                    LEFT,
                    WIDTH,
                    &format!(
                        "Kosten für die Kommune (alle Onlinedienste des Pakets) – {}",
                        Self::costs_text(&p.costs).replace('\n', "; ")
                    ),
                    BODY,
                )?;
                if !notes.is_empty() {
                    self.paragraph(LEFT, WIDTH, &notes.join(" "), NOTE)?;
                }
                self.y += 6.0;
            } else if d.municipality.population.is_none() {
                self.paragraph(
                    LEFT,
                    WIDTH,
                    "Die Kosten lassen sich nicht bestimmen, weil die Einwohnerzahl im Profil fehlt.",
                    NOTE,
                )?;
                self.y += 6.0;
            }
            if services.is_empty() {
                self.paragraph(LEFT, WIDTH, "Das Paket nennt keine Onlinedienste.", BODY)?;
                continue;
            }
            let rows: Vec<Vec<Cell>> = services
                .iter()
                .map(|s| {
                    let mut ids = Vec::new();
                    if !s.leika.is_empty() {
                        ids.push(format!("LeiKa {}", s.leika.join(", ")));
                    }
                    if let Some(ozg) = &s.ozg_id {
                        ids.push(format!("OZG-ID {ozg}"));
                    }
                    let mut name = vec![para(&s.name, CELL_BOLD)];
                    if !ids.is_empty() {
                        name.push(para(ids.join(" · "), CELL_SMALL));
                    }
                    let mut decision = vec![para(&s.decision_label, CELL)];
                    if let Some(reason) = &s.decision_reason {
                        decision.push(para(reason, CELL_SMALL));
                    }
                    let costs = if !s.costs.is_empty() {
                        Self::costs_text(&s.costs)
                    } else if !p.costs.is_empty() {
                        "im Paket gesamt (siehe oben)".to_owned()
                    } else {
                        "–".to_owned()
                    };
                    let phase = s.phase_label.as_deref().unwrap_or("nicht begonnen");
                    vec![name, decision, cell(phase), cell(costs)]
                })
                .collect();
            self.table(
                &[
                    col("Onlinedienst", 150.0),
                    col("Bedarfsträger (Entscheidung)", 140.0),
                    col("Phase", 80.0),
                    col("Kosten", 0.0),
                ],
                &rows,
                &p.title,
            )?;
            let (with, without): (Vec<&ReportService>, Vec<&ReportService>) =
                services.iter().partition(|s| Self::has_details(s));
            for s in with {
                self.service_details(d, s)?;
            }
            if !without.is_empty() {
                self.y += 6.0;
                let text = if without.len() == services.len() {
                    "Zur Anbindung dieser Onlinedienste ist noch nichts erfasst (Phase, \
                     Anbindungsdaten, Ablaufdaten, Pilotinteresse, Schulungsbedarf)."
                        .to_owned()
                } else {
                    let names: Vec<String> = without
                        .iter()
                        .map(|s| match s.decision {
                            crate::store::Decision::Nein => {
                                format!("„{}“ (nicht{NBSP}Bedarfsträger)", s.name)
                            }
                            _ => format!("„{}“", s.name),
                        })
                        .collect();
                    format!("Ohne Angaben zur Anbindung: {}.", names.join(", "))
                };
                self.paragraph(LEFT, WIDTH, &text, BODY)?;
            }
        }
        Ok(())
    }

    /// A row of label-over-value fields, kept on one page.
    fn field_row(&mut self, fields: &[Field]) -> Result<()> {
        let (wrapped, h) = self.wrap_fields(fields)?;
        self.ensure(h);
        let top = self.y;
        let mut x = LEFT;
        for (f, lines) in fields.iter().zip(wrapped) {
            self.text_at(x, top, LABEL, f.label)?;
            let mut y = top + LABEL.leading;
            for line in lines {
                self.text_at(x, y, f.style, &line)?;
                y += f.style.leading;
            }
            x += f.width;
        }
        self.y = top + h + FIELD_GAP;
        Ok(())
    }

    /// The wrapped values of a row of fields and the row's height (without the gap below).
    fn wrap_fields(&self, fields: &[Field]) -> Result<(Vec<Vec<String>>, f32)> {
        let mut wrapped = Vec::with_capacity(fields.len());
        let mut h: f32 = 0.0;
        for f in fields {
            let lines = self.wrap(&clean(&f.value), f.style, f.width - 12.0)?;
            h = h.max(LABEL.leading + f.style.leading * lines.len().max(1) as f32);
            wrapped.push(lines);
        }
        Ok((wrapped, h))
    }

    /// How far a service's connection has come: phase with its dates, connection data, expiry
    /// dates, pilot interest and training needs.
    fn service_details(&mut self, d: &ReportData, s: &ReportService) -> Result<()> {
        let c = &s.connection;
        let title = format!("Anbindung: {}", s.name);
        let third = WIDTH / 3.0;
        let given = |v: &Option<String>| v.clone().map(Field::value);
        let expiry = |date: Option<chrono::NaiveDate>| {
            date.map_or(Field::missing(), |date| {
                let days = (date - d.report_date).num_days();
                let mut text = format::date(date);
                if days < 0 {
                    text.push_str("\nabgelaufen");
                    return Field::warning(text);
                }
                if days <= crate::readiness::DUE_SOON_DAYS {
                    text.push_str(&format!("\nläuft {} ab", format::days(days)));
                    return Field::warning(text);
                }
                Field::value(text)
            })
        };
        let phase = match &s.phase_label {
            Some(label) => Field::value(label.clone()),
            None => Field::value("nicht begonnen".to_owned()),
        };
        let mut rows = vec![
            vec![
                phase.at("Phase", third),
                given(&c.transport_route_label)
                    .unwrap_or_else(Field::missing)
                    .at("Transportweg", third),
                Field::value(format::yes_no(s.pilot_interest).to_owned())
                    .at("Pilotinteresse", third),
            ],
            vec![
                expiry(s.agreement_expires).at("Vereinbarung läuft ab", third),
                expiry(s.certificate_expires).at("Zertifikat läuft ab", third),
                Field::value(format::yes_no(s.training_needed).to_owned())
                    .at("Schulungsbedarf", third),
            ],
            vec![
                given(&c.ou_id).unwrap_or_else(Field::missing).at("Organisationseinheit-ID", third),
                given(&c.fit_connect_destination)
                    .unwrap_or_else(Field::missing)
                    .at("FIT-Connect-Zustellpunkt-ID", third * 2.0),
            ],
            vec![
                given(&c.dvdv_key).unwrap_or_else(Field::missing).at("DVDV-Kennung", third),
                given(&c.pvog_url).unwrap_or_else(Field::missing).at("PVOG-Link", third * 2.0),
            ],
        ];
        let current = s.phase.as_deref().and_then(Self::phase_rank);
        let dates = if s.phase_dates.is_empty() {
            Field::missing()
        } else {
            Field::value(
                s.phase_dates
                    .iter()
                    .map(|pd| {
                        let planned = current.is_none_or(|c| Self::phase_rank(&pd.phase) > Some(c));
                        format!(
                            "{}:{NBSP}{}{}",
                            pd.phase_label,
                            format::date(pd.date),
                            if planned { " (geplant)" } else { "" }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" · "),
            )
        };
        rows.push(vec![dates.at("Termine der Phasen", WIDTH)]);
        // The block stays together when it fits on a page.
        let mut h = 0.0;
        for row in &rows {
            h += self.wrap_fields(row)?.1 + FIELD_GAP;
        }
        self.h3(&title, h.min(BOTTOM - TOP - 60.0))?;
        for row in rows {
            self.field_row(&row)?;
        }
        Ok(())
    }

    /// Whether anything about the connection of a service is entered.
    fn has_details(s: &ReportService) -> bool {
        s.phase.is_some()
            || !s.phase_dates.is_empty()
            || !s.connection.is_empty()
            || s.agreement_expires.is_some()
            || s.certificate_expires.is_some()
            || s.pilot_interest
            || s.training_needed
    }

    /// The position of a phase key in the order of phases (unknown keys: `None`).
    fn phase_rank(phase: &str) -> Option<usize> {
        crate::service_state::Phase::ALL.iter().position(|p| p.key() == phase)
    }

    fn service_name<'a>(d: &'a ReportData, package_id: Option<&str>, id: &'a str) -> &'a str {
        d.services
            .iter()
            .find(|s| s.service_id == id && package_id.is_none_or(|p| p == s.package_id))
            .map_or(id, |s| s.name.as_str())
    }

    fn requirements(&mut self, d: &ReportData) -> Result<()> {
        self.h2(
            "Anforderungen an das Land",
            keep(d.services.iter().all(|s| s.requirements.is_empty())),
        )?;
        let rows: Vec<Vec<Cell>> = d
            .services
            .iter()
            .flat_map(|s| s.requirements.iter().map(move |r| (s, r)))
            .map(|(s, r)| {
                let priority_style = if r.priority == "hoch" { CELL_BOLD } else { CELL };
                let created = r.created_at.get(..10).map(format::date_text).unwrap_or_default();
                vec![
                    cell(&s.name),
                    vec![
                        para(&r.kind_label, CELL),
                        para(&r.area_label, CELL_SMALL),
                        para(format!("erfasst am {created}"), CELL_SMALL),
                    ],
                    vec![para(&r.priority_label, priority_style)],
                    cell(&r.description),
                ]
            })
            .collect();
        if rows.is_empty() {
            return self.paragraph(LEFT, WIDTH, "Keine Anforderungen erfasst.", BODY);
        }
        self.paragraph(
            LEFT,
            WIDTH,
            "Anforderungen (für die Nutzung nötig) und Funktionswünsche der Kommune zu den \
             Onlinediensten.",
            NOTE,
        )?;
        self.y += 4.0;
        self.table(
            &[
                col("Onlinedienst", 106.0),
                col("Art / Bereich", 94.0),
                col("Priorität", 52.0),
                col("Beschreibung", 0.0),
            ],
            &rows,
            "Anforderungen an das Land",
        )
    }

    fn fachverfahren(&mut self, d: &ReportData) -> Result<()> {
        self.h2("Fachverfahren", keep(d.fachverfahren.is_empty()))?;
        if d.fachverfahren.is_empty() {
            self.paragraph(LEFT, WIDTH, "Keine Fachverfahren erfasst.", BODY)?;
        } else {
            let rows: Vec<Vec<Cell>> = d
                .fachverfahren
                .iter()
                .map(|f| {
                    let mut product = vec![para(&f.product, CELL_BOLD), para(&f.vendor, CELL)];
                    if let Some(v) = &f.version {
                        product.push(para(format!("Version{NBSP}{v}"), CELL_SMALL));
                    }
                    let services = if f.services.is_empty() {
                        "–".to_owned()
                    } else {
                        f.services
                            .iter()
                            .map(|id| Self::service_name(d, None, id))
                            .collect::<Vec<_>>()
                            .join("\n")
                    };
                    let commissioned = match (f.vendor_commissioned, f.commissioned_on) {
                        (true, Some(on)) => format!("ja, am {}", format::date(on)),
                        (true, None) => "ja".to_owned(),
                        (false, _) => "nein".to_owned(),
                    };
                    vec![
                        product,
                        cell(services),
                        cell(&f.interface_label),
                        cell(commissioned),
                        cell(&f.analysis_label),
                        cell(format::yes_no(f.land_match.is_some())),
                    ]
                })
                .collect();
            let land_w = self.fit_width(&[("Beim Land", CELL_HEAD), ("nein", CELL)])?;
            self.table(
                &[
                    col("Fachverfahren", 120.0),
                    col("Onlinedienste", 0.0),
                    col("Schnittstelle", 62.0),
                    col("Hersteller beauftragt", 70.0),
                    col("Analyse", 54.0),
                    col("Beim Land gelistet", land_w),
                ],
                &rows,
                "Fachverfahren",
            )?;
        }
        if d.packages.is_empty() {
            return Ok(());
        }
        self.h3(
            "Vom Land gelistet, aber nicht im Bestand der Kommune",
            keep(d.fachverfahren_land_only.is_empty()),
        )?;
        if d.fachverfahren_land_only.is_empty() {
            return self.paragraph(
                LEFT,
                WIDTH,
                "Jedes Fachverfahren, das das Land nennt, ist im Bestand erfasst (oder das Land \
                 nennt keine).",
                BODY,
            );
        }
        let rows: Vec<Vec<Cell>> = d
            .fachverfahren_land_only
            .iter()
            .map(|l| {
                let services = l
                    .services
                    .iter()
                    .map(|id| Self::service_name(d, Some(&l.package_id), id))
                    .collect::<Vec<_>>()
                    .join("\n");
                vec![
                    vec![para(&l.product, CELL_BOLD)],
                    cell(&l.vendor),
                    cell(&l.interface),
                    cell(if services.is_empty() { "–".to_owned() } else { services }),
                ]
            })
            .collect();
        self.table(
            &[
                col("Fachverfahren", 140.0),
                col("Hersteller", 110.0),
                col("Schnittstelle", 70.0),
                col("Onlinedienste", 0.0),
            ],
            &rows,
            "Vom Land gelistete Fachverfahren",
        )
    }

    fn events(&mut self, d: &ReportData) -> Result<()> {
        self.h2("Veranstaltungen", keep(d.events.is_empty()))?;
        if d.events.is_empty() {
            let text = if d.packages.is_empty() {
                "Keine Veranstaltungen: Es ist kein Informationspaket eingelesen."
            } else {
                "Die Informationspakete nennen keine Veranstaltungen."
            };
            return self.paragraph(LEFT, WIDTH, text, BODY);
        }
        let today = d.report_date.format("%Y-%m-%d").to_string();
        let rows: Vec<Vec<Cell>> = d
            .events
            .iter()
            .map(|e| {
                let mut title = vec![para(&e.title, CELL)];
                if d.packages.len() > 1 {
                    if let Some(p) = d.packages.iter().find(|p| p.id == e.package_id) {
                        title.push(para(&p.title, CELL_SMALL));
                    }
                }
                let mut attended = vec![para(format::yes_no(e.attended), CELL)];
                if !e.attended && e.start.get(..10).is_some_and(|day| day >= today.as_str()) {
                    attended.push(para("steht bevor", CELL_SMALL));
                }
                vec![
                    title,
                    cell(format::datetime_text(&e.start)),
                    cell(e.registration_deadline.map_or("–".to_owned(), format::date)),
                    attended,
                ]
            })
            .collect();
        let deadline_w = self.fit_width(&[("Anmeldeschluss", CELL_HEAD), ("00.00.0000", CELL)])?;
        let attended_w = self.fit_width(&[("Teilgenommen", CELL_HEAD), ("steht bevor", CELL)])?;
        let start_w = self.fit_width(&[("00.00.0000, 00:00\u{a0}Uhr", CELL)])?;
        self.table(
            &[
                col("Veranstaltung", 0.0),
                col("Termin", start_w),
                col("Anmeldeschluss", deadline_w),
                col("Teilgenommen", attended_w),
            ],
            &rows,
            "Veranstaltungen",
        )
    }

    fn item_row(d: &ReportData, item: &ReportItem) -> Vec<Cell> {
        let mut task = vec![para(&item.title, CELL)];
        if item.actor == Actor::Land {
            task.push(para("Aufgabe des Landes", CELL_SMALL));
        }
        if item.package.is_some() {
            task.push(para("Zusatzaufgabe aus dem Informationspaket", CELL_SMALL));
        }
        if let Some(deadline) = &item.land_deadline {
            task.push(para(
                format!("Frist des Landes: {}", format::date_text(deadline)),
                CELL_SMALL,
            ));
        }
        if let Some(reason) = &item.review {
            task.push(para(format!("Bitte prüfen: {reason}"), CELL_BOLD));
        }
        match item.evidence.len() {
            0 => {}
            1 => task.push(para("1 Nachweis (siehe „Nachweise“)", CELL_SMALL)),
            n => task.push(para(format!("{n} Nachweise (siehe „Nachweise“)"), CELL_SMALL)),
        }
        let status_style = if item.status == Status::ExternBlockiert { CELL_BOLD } else { CELL };
        let mut status = vec![para(&item.status_label, status_style)];
        if let Some(party) = item.blocked_by {
            status.push(para(format!("durch {}", party.label()), CELL_SMALL));
        }
        let mut due = Vec::new();
        if let Some(date) = item.due {
            due.push(para(format::date(date), CELL));
            if item.status.is_open() && date < d.report_date {
                due.push(para("überfällig", CELL_BOLD));
            }
        } else {
            due.push(para("–", CELL));
        }
        vec![
            cell(&item.point),
            task,
            status,
            cell(item.owner.as_deref().unwrap_or("–")),
            due,
            cell(item.note.as_deref().unwrap_or("")),
        ]
    }

    fn checklist(&mut self, d: &ReportData) -> Result<()> {
        self.h2("Checkliste", NOTE.leading + H3_BLOCK + TABLE_KEEP)?;
        self.paragraph(
            LEFT,
            WIDTH,
            &format!(
                "Alle {} Aufgaben mit ihrem Stand, nach Abschnitten der Checkliste.",
                d.item_count()
            ),
            NOTE,
        )?;
        // Dates never break: the column is as wide as the widest date.
        let date_w = self.width("00.00.0000", CELL_BOLD)?.max(self.width("überfällig", CELL_BOLD)?);
        let columns = [
            col("Nr.", 30.0),
            col("Aufgabe", 126.0),
            col("Status", 62.0),
            col("Verantwortlich", 74.0),
            col("Fällig", (date_w + 2.0 * PAD_X + 1.0).ceil()),
            col("Notiz", 0.0),
        ];
        for section in &d.checklist {
            let caption = format!("{}{NBSP}{NBSP}{}", section.id, section.title);
            self.h3(&caption, TABLE_KEEP)?;
            let rows: Vec<Vec<Cell>> = section.items.iter().map(|i| Self::item_row(d, i)).collect();
            self.table(&columns, &rows, &format!("Checkliste, {caption}"))?;
        }
        Ok(())
    }

    fn evidence(&mut self, d: &ReportData) -> Result<()> {
        self.h2(
            "Nachweise",
            keep(d.checklist.iter().flat_map(|s| &s.items).all(|i| i.evidence.is_empty())),
        )?;
        let items: Vec<&ReportItem> =
            d.checklist.iter().flat_map(|s| &s.items).filter(|i| !i.evidence.is_empty()).collect();
        if items.is_empty() {
            return self.paragraph(LEFT, WIDTH, "Keine Nachweise hinterlegt.", BODY);
        }
        self.paragraph(
            LEFT,
            WIDTH,
            "Die Dateien liegen bei der Kommune. Mit der Prüfsumme (SHA-256) lässt sich \
             nachprüfen, ob eine übermittelte Kopie unverändert ist.",
            NOTE,
        )?;
        self.y += 4.0;
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        for item in items {
            for e in &item.evidence {
                let (head, tail) = e.sha256.split_at(e.sha256.len().min(32));
                let kind = match e.media_type.as_str() {
                    "application/pdf" => "PDF",
                    "image/png" => "PNG",
                    "image/jpeg" => "JPEG",
                    "application/vnd.oasis.opendocument.text" => "ODT",
                    "application/vnd.oasis.opendocument.spreadsheet" => "ODS",
                    "text/plain" => "Text",
                    "text/csv" => "CSV",
                    t if t.contains("wordprocessingml") => "DOCX",
                    _ => "Datei",
                };
                rows.push(vec![
                    vec![para(&item.point, CELL_SMALL), para(&item.title, CELL)],
                    vec![
                        para(&e.title, CELL_BOLD),
                        para(&e.file_name, CELL),
                        para(format!("{kind}, {}", format::size(e.size)), CELL_SMALL),
                    ],
                    vec![para(head, HASH), para(tail, HASH)],
                    cell(e.added_at.get(..10).map(format::date_text).unwrap_or_default()),
                ]);
            }
        }
        let hash_w = self.fit_width(&[(&"0".repeat(32), HASH)])?;
        let date_w = self.fit_width(&[("Hinzugefügt", CELL_HEAD), ("00.00.0000", CELL)])?;
        self.table(
            &[
                col("Aufgabe", 120.0),
                col("Nachweis", 0.0),
                col("SHA-256", hash_w + 4.0),
                col("Hinzugefügt", date_w),
            ],
            &rows,
            "Nachweise",
        )
    }

    fn contacts(&mut self, d: &ReportData) -> Result<()> {
        self.h2("Ansprechpersonen", keep(d.roles.is_empty()))?;
        if d.roles.is_empty() {
            self.paragraph(LEFT, WIDTH, "Keine Ansprechpersonen je Rolle erfasst.", BODY)?;
        } else {
            let rows: Vec<Vec<Cell>> = d
                .roles
                .iter()
                .map(|p| {
                    vec![
                        cell(&p.role_label),
                        vec![para(&p.name, CELL_BOLD)],
                        cell(p.email.as_deref().unwrap_or("–")),
                        cell(p.phone.as_deref().unwrap_or("–")),
                    ]
                })
                .collect();
            self.table(
                &[
                    col("Rolle", 100.0),
                    col("Name", 120.0),
                    col("E-Mail", 0.0),
                    col("Telefon", 90.0),
                ],
                &rows,
                "Ansprechpersonen",
            )?;
        }
        self.y += 10.0;
        self.ensure(LABEL.leading + BODY.leading);
        let m = &d.municipality;
        let contact: Vec<&str> = [&m.coordinator_name, &m.coordinator_email, &m.coordinator_phone]
            .into_iter()
            .filter_map(|v| v.as_deref())
            .collect();
        self.text_at(LEFT, self.y, LABEL, "OZG-Koordination der Kommune")?;
        self.y += LABEL.leading;
        if contact.is_empty() {
            self.paragraph(LEFT, WIDTH, "Im Profil ist keine OZG-Koordination erfasst.", BODY)?;
        } else {
            self.paragraph(LEFT, WIDTH, &contact.join(" · "), BODY)?;
        }
        let mut owners: Vec<&str> = Vec::new();
        for item in d.checklist.iter().flat_map(|s| &s.items) {
            if let Some(o) = item.owner.as_deref() {
                if !owners.contains(&o) {
                    owners.push(o);
                }
            }
        }
        if !owners.is_empty() {
            self.y += 6.0;
            self.ensure(LABEL.leading + BODY.leading);
            self.text_at(LEFT, self.y, LABEL, "Verantwortliche laut Checkliste")?;
            self.y += LABEL.leading;
            self.paragraph(LEFT, WIDTH, &owners.join(" · "), BODY)?;
        }
        Ok(())
    }

    fn signature(&mut self, d: &ReportData) -> Result<()> {
        const BLOCK: f32 = 190.0;
        self.gap(20.0);
        self.ensure(BLOCK);
        self.h2("Bestätigung", 0.0)?;
        self.paragraph(
            LEFT,
            WIDTH,
            &format!(
                "Die Angaben in diesem Bericht geben den Stand vom {} wieder.",
                format::date(d.report_date)
            ),
            BODY,
        )?;
        self.y += 30.0;
        let half = (WIDTH - 24.0) / 2.0;
        let right = LEFT + half + 24.0;
        for (a, b) in [("Ort", "Datum"), ("Name", "Funktion")] {
            self.hline(LEFT, LEFT + half, self.y, 0.6, INK);
            self.hline(right, RIGHT, self.y, 0.6, INK);
            self.text_at(LEFT, self.y + 2.0, LABEL, a)?;
            self.text_at(right, self.y + 2.0, LABEL, b)?;
            self.y += 38.0;
        }
        self.hline(LEFT, LEFT + half, self.y, 0.6, INK);
        self.text_at(LEFT, self.y + 2.0, LABEL, "Unterschrift")?;
        self.y += LABEL.leading + 4.0;
        Ok(())
    }

    fn closing(&mut self, d: &ReportData) -> Result<()> {
        self.gap(14.0);
        self.paragraph(
            LEFT,
            WIDTH,
            &format!(
                "Diesem PDF ist die maschinenlesbare Fassung des Berichts als Datei \
                 „{}“ (Format {}) beigefügt. Erstellt mit {} {}.",
                super::ATTACHMENT_NAME,
                d.schema,
                d.generator.name,
                d.generator.version
            ),
            NOTE,
        )
    }

    fn footers(&mut self, d: &ReportData) -> Result<()> {
        let total = self.pages.len();
        let m = &d.municipality;
        for i in 0..total {
            let right = format!("Seite {} von {total} · Bericht {}", i + 1, d.report_id);
            let right_w = self.width(&right, FOOTER)?;
            let room = WIDTH - right_w - 16.0;
            let suffix = format!(" · AGS {}", m.ags);
            let mut name: Vec<char> = clean(&m.name).chars().collect();
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
pub(crate) mod tests {
    use super::*;
    use crate::report::data::*;

    pub(crate) fn sample(items: usize, note: &str) -> ReportData {
        let profile = crate::profile::ProfileInput {
            name: "Gemeinde Musterstadt".into(),
            ags: "09162000".into(),
            population: Some(12_500),
            coordinator_name: Some("Petra Öztürk".into()),
            ..Default::default()
        }
        .validate()
        .unwrap();
        let item = |i: usize| ReportItem {
            id: format!("aufgabe-{i}"),
            point: "1.1".into(),
            dimension: crate::catalogue::Dimension::Organisatorisch,
            actor: Actor::Kommune,
            title: format!("Aufgabe Nummer {i} mit einem längeren Titel über zwei Zeilen"),
            package: None,
            status: Status::Offen,
            status_label: "Offen".into(),
            blocked_by: None,
            blocked_text: None,
            owner: Some("Hauptamt".into()),
            due: None,
            land_deadline: None,
            note: Some(note.to_owned()),
            review: None,
            evidence: vec![],
        };
        let score = ReportScore { percent: Some(0), done: 0, applicable: items as u32 };
        ReportData {
            schema: REPORT_SCHEMA.into(),
            report_id: "BB-09162000-20261128-abcdef".into(),
            report_date: "2026-11-28".parse().unwrap(),
            created_at: "2026-11-28T10:00:00.000Z".into(),
            generator: Generator { name: "Anbindungscheck".into(), version: "0.1.0".into() },
            municipality: profile,
            packages: vec![],
            readiness: Readiness {
                overall: score,
                dimensions: crate::catalogue::Dimension::ALL
                    .into_iter()
                    .map(|dimension| DimensionReadiness {
                        dimension,
                        label: dimension.label().into(),
                        score,
                    })
                    .collect(),
            },
            counts: Counts { offen: items as u32, ..Default::default() },
            open_items: items as u32,
            blocker_count: 0,
            blockers: vec![],
            overdue: vec![],
            due_soon: vec![],
            checklist: vec![ReportSection {
                id: "1".into(),
                title: "Organisation".into(),
                items: (0..items).map(item).collect(),
            }],
            services: vec![],
            roles: vec![],
            fachverfahren: vec![],
            fachverfahren_land_only: vec![],
            events: vec![],
        }
    }

    const HASH_HEX: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    const UUID: &str = "3f2a9c1e-7b4d-4e2a-9f10-2c6d8e4b1a57";
    const PVOG: &str = "https://www.pvog.de/leistungen/vergabe/praequalifizierung-von-unternehmen/\
                        zustaendigkeit?ars=032410010000&ou=9162000-OE-17-Vergabestelle";

    /// The sample with the whole workflow: a package with two services (one with every
    /// connection field, long texts), requirements, Fachverfahren, events, evidence, roles.
    pub(crate) fn workflow_sample() -> ReportData {
        let mut d = sample(3, "Notiz");
        d.packages.push(ReportPackage {
            id: "ni-vergabe".into(),
            title: "Informationspaket EfA-Vergabedienste".into(),
            version: 2,
            land_code: "03".into(),
            land: "Niedersachsen".into(),
            issued: "2026-11-02".into(),
            valid_until: "2027-12-31".into(),
            costs: vec![],
        });
        let requirement = |priority: &str, description: &str| ReportRequirement {
            kind: "funktionswunsch".into(),
            kind_label: "Funktionswunsch".into(),
            area: "technisch".into(),
            area_label: "Technisch".into(),
            priority: priority.into(),
            priority_label: if priority == "hoch" { "Hoch" } else { "Niedrig" }.into(),
            description: description.into(),
            created_at: "2026-11-20T09:00:00.000Z".into(),
        };
        let service = |id: &str, name: &str| ReportService {
            package_id: "ni-vergabe".into(),
            package_version: 2,
            service_id: id.into(),
            name: name.into(),
            leika: vec!["99001001000000".into()],
            ozg_id: Some("10247".into()),
            decision: crate::store::Decision::Ja,
            decision_label: "Ja, Bedarfsträger".into(),
            decision_reason: None,
            phase: None,
            costs: vec![],
            phase_label: None,
            phase_dates: vec![],
            connection: ReportConnection::default(),
            agreement_expires: None,
            certificate_expires: None,
            pilot_interest: false,
            training_needed: false,
            requirements: vec![],
        };
        let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        let phase_date = |phase: &str, label: &str, date: &str| ReportPhaseDate {
            phase: phase.into(),
            phase_label: label.into(),
            date: day(date),
        };
        d.services = vec![
            ReportService {
                phase: Some("fragebogen".into()),
                phase_label: Some("Fragebogen".into()),
                phase_dates: vec![
                    phase_date("interesse", "Interesse", "2026-10-01"),
                    phase_date("fragebogen", "Fragebogen", "2026-11-15"),
                    phase_date("freischaltung", "Freischaltung", "2027-03-01"),
                ],
                connection: ReportConnection {
                    ou_id: Some("9162000-OE-17".into()),
                    pvog_url: Some(PVOG.into()),
                    dvdv_key: Some("ags:03241001".into()),
                    fit_connect_destination: Some(UUID.into()),
                    transport_route: Some("fit_connect".into()),
                    transport_route_label: Some("FIT-Connect".into()),
                },
                agreement_expires: Some(day("2026-11-01")),
                certificate_expires: Some(day("2026-12-10")),
                pilot_interest: true,
                training_needed: true,
                requirements: vec![
                    requirement(
                        "hoch",
                        &"Rückkanal über FIT-Connect für Nachforderungen. ".repeat(8),
                    ),
                    requirement("niedrig", "Export der Eignungsnachweise als PDF/A"),
                ],
                ..service("praequalifizierung", "Präqualifizierung von Unternehmen")
            },
            service("bekanntmachung", "Bekanntmachung von Vergabeverfahren"),
        ];
        d.fachverfahren = vec![ReportFachverfahren {
            product: "VergabeManager (Beispiel)".into(),
            vendor: "Muster Software GmbH".into(),
            version: Some("8.1".into()),
            services: vec!["praequalifizierung".into(), "bekanntmachung".into()],
            interface: "fit_connect".into(),
            interface_label: "FIT-Connect".into(),
            vendor_commissioned: true,
            commissioned_on: Some(day("2026-09-01")),
            analysis: "in_pruefung".into(),
            analysis_label: "In Prüfung".into(),
            land_match: Some(LandMatch { package_id: "ni-vergabe".into(), id: "vm".into() }),
        }];
        d.fachverfahren_land_only = vec![ReportLandFachverfahren {
            package_id: "ni-vergabe".into(),
            id: "ap".into(),
            product: "Ausschreibung Plus (Beispiel)".into(),
            vendor: "Beispiel IT AG".into(),
            interface: "OSCI/XTA".into(),
            services: vec!["bekanntmachung".into()],
        }];
        d.events = vec![ReportEvent {
            package_id: "ni-vergabe".into(),
            id: "info".into(),
            title: "Informationsveranstaltung: EfA-Vergabedienste für Kommunen".into(),
            start: "2027-01-20T10:00".into(),
            registration_deadline: Some(day("2027-01-13")),
            attended: false,
        }];
        d.roles = vec![ReportPerson {
            role: "technik".into(),
            role_label: "Technik".into(),
            name: "Jonas Weißenfels-Ağaoğlu".into(),
            email: Some("it-anbindung.vergabestelle@samtgemeinde-musterstadt.example".into()),
            phone: Some("+49 5121 123-789".into()),
        }];
        d.checklist[0].items[0].evidence = vec![ReportEvidence {
            title: "Ratsbeschluss zur Nachnutzung".into(),
            file_name: "2026-10-14_Ratsbeschluss_Nachnutzung_EfA-Vergabe_unterschrieben.pdf".into(),
            media_type: "application/pdf".into(),
            size: 250_000,
            sha256: HASH_HEX.into(),
            added_at: "2026-11-02T08:00:00.000Z".into(),
        }];
        d
    }

    fn all_texts(pages: &[Page]) -> Vec<String> {
        pages.iter().flat_map(|p| p.texts().map(str::to_owned)).collect()
    }

    fn all_within_margins(pages: &[Page]) {
        for (n, page) in pages.iter().enumerate() {
            for e in &page.elements {
                if let Element::Text { x, baseline, face, size, text, .. } = e {
                    let w = Fonts::get().face(*face).width(text, *size).unwrap();
                    assert!(
                        *x >= LEFT - 0.01 && x + w <= RIGHT + 0.01,
                        "page {n}: {text:?} at {x}+{w}"
                    );
                    assert!(
                        *baseline >= TOP && *baseline <= PAGE_H - 10.0 * MM,
                        "page {n}: {text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn long_tables_repeat_their_header_and_every_page_has_a_footer() {
        let data = sample(60, "Kurze Notiz");
        let pages = layout(&data).unwrap();
        assert!(pages.len() >= 3, "{} pages", pages.len());
        let total = pages.len();
        for (i, page) in pages.iter().enumerate() {
            let footer =
                format!("Seite {} von {total} · Bericht BB-09162000-20261128-abcdef", i + 1);
            assert!(page.texts().any(|t| t == footer), "page {i} lacks its footer");
        }
        // Every page from the one the checklist starts on repeats the table header.
        let first = pages.iter().position(|p| p.texts().any(|t| t == "Notiz")).unwrap();
        for page in &pages[first..pages.len() - 1] {
            assert!(page.texts().any(|t| t == "Verantwortlich"), "header missing");
        }
        all_within_margins(&pages);
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_between_lines() {
        let note =
            "Sehr lange Notiz mit vielen Wörtern über Zuständigkeiten und Fristen. ".repeat(60);
        let data = sample(2, &note);
        let pages = layout(&data).unwrap();
        let note_lines: usize = pages
            .iter()
            .map(|p| p.texts().filter(|t| t.len() > 12 && note.contains(*t)).count())
            .sum();
        assert!(note_lines > 60, "{note_lines}");
        all_within_margins(&pages);
    }

    #[test]
    fn the_signature_block_stays_on_one_page() {
        for items in 0..40 {
            let pages = layout(&sample(items, "Notiz")).unwrap();
            let page = pages.iter().find(|p| p.texts().any(|t| t == "Ort")).unwrap();
            assert!(page.texts().any(|t| t == "Unterschrift"), "{items} items: block split");
            assert!(page.texts().any(|t| t == "Bestätigung"), "{items} items: heading apart");
        }
    }

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

    /// Whether a text element is set as a heading (H2, or H3 which shares its face and size
    /// with the bold body text).
    fn is_heading(e: &Element) -> bool {
        matches!(e, Element::Text { face: Face::Bold, size, .. } if *size == H2.size || *size == H3.size)
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

    #[test]
    fn the_verdict_tells_overdue_items_from_other_dates() {
        let mut d = workflow_sample();
        let due = |kind: &str| DueItem {
            kind: kind.into(),
            kind_label: kind.into(),
            item_id: None,
            context: None,
            title: "x".into(),
            due: "2026-11-01".parse().unwrap(),
            days: -27,
            status: None,
            status_label: None,
            owner: None,
        };
        d.overdue = vec![due("aufgabe"), due("vereinbarung")];
        assert!(d.verdict().ends_with(", 1 überfällig, 1 weiterer Termin verstrichen."));
        d.overdue = vec![due("zertifikat"), due("phase")];
        assert!(d.verdict().ends_with("offen, 2 weitere Termine verstrichen."), "{}", d.verdict());
    }

    #[test]
    fn new_tables_repeat_their_headers() {
        let mut d = workflow_sample();
        let many = d.services[0].requirements[0].clone();
        d.services[0].requirements = vec![many; 40];
        let pages = layout(&d).unwrap();
        let with_caption: Vec<_> = pages
            .iter()
            .filter(|p| p.texts().any(|t| t == "Anforderungen an das Land (Fortsetzung)"))
            .collect();
        assert!(!with_caption.is_empty(), "the table did not run on");
        for page in with_caption {
            assert!(page.texts().any(|t| t == "Priorität"), "header not repeated");
        }
        all_within_margins(&pages);
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
