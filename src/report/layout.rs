//! Page layout of the readiness report: turns [`ReportData`] into A4 pages of positioned text,
//! rectangles and rules. Nothing here knows PDF; `pdf.rs` draws the result.
//!
//! The pages are laid out first, top to bottom with a cursor; footers ("Seite X von Y") are added
//! when the page count is known. Tables repeat their header on every page they run onto; a row
//! moves to the next page whole when it fits there, and only a row taller than a page is split,
//! between lines. Headings are kept with what follows them, the signature block is never split.
//! Status is always written out as text; colour only supports it.

use super::data::{Cost, DueItem, ReportData, ReportItem};
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
const CELL: Style = style(Face::Regular, 8.5, 11.5, INK);
const CELL_BOLD: Style = style(Face::Bold, 8.5, 11.5, INK);
const CELL_SMALL: Style = style(Face::Regular, 7.5, 10.0, MUTED);
const CELL_HEAD: Style = style(Face::Bold, 7.5, 10.0, MUTED);
const BIG: Style = style(Face::Bold, 34.0, 38.0, ACCENT);
const FOOTER: Style = style(Face::Regular, 7.5, 10.0, MUTED);

const PAD_X: f32 = 4.0;
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
    let mut l = Layout { fonts: Fonts::get(), pages: vec![Page::default()], y: TOP };
    l.title_block(data)?;
    l.summary(data)?;
    l.blockers(data)?;
    l.deadlines(data)?;
    l.services(data)?;
    l.checklist(data)?;
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
        self.ensure(H2.leading + 8.0 + keep);
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
        self.h2("Extern blockiert", 40.0)?;
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
        self.h2("Fristen", 60.0)?;
        let columns = [
            col("Fällig", 88.0),
            col("Was", 0.0),
            col("Status / Art", 96.0),
            col("Verantwortlich", 110.0),
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
        self.h3("Überfällig", 40.0)?;
        if d.overdue.is_empty() {
            self.paragraph(LEFT, WIDTH, "Nichts ist überfällig.", BODY)?;
        } else {
            self.table(&columns, &rows(&d.overdue), "Überfällig")?;
        }
        let soon = format!("In den nächsten {} Tagen fällig", crate::readiness::DUE_SOON_DAYS);
        self.h3(&soon, 40.0)?;
        if d.due_soon.is_empty() {
            self.paragraph(LEFT, WIDTH, "In den nächsten 30 Tagen ist nichts fällig.", BODY)
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
        self.h2("Onlinedienste", 50.0)?;
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
                    vec![name, decision, cell(s.phase.as_deref().unwrap_or("–")), cell(costs)]
                })
                .collect();
            self.table(
                &[
                    col("Onlinedienst", 165.0),
                    col("Bedarfsträger (Entscheidung)", 160.0),
                    col("Phase", 50.0),
                    col("Kosten", 0.0),
                ],
                &rows,
                &p.title,
            )?;
        }
        Ok(())
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
        self.h2("Checkliste", 80.0)?;
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
            self.h3(&caption, 50.0)?;
            let rows: Vec<Vec<Cell>> = section.items.iter().map(|i| Self::item_row(d, i)).collect();
            self.table(&columns, &rows, &format!("Checkliste, {caption}"))?;
        }
        Ok(())
    }

    fn contacts(&mut self, d: &ReportData) -> Result<()> {
        self.h2("Ansprechpersonen", 40.0)?;
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
mod tests {
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
        }
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
    fn unknown_characters_fail_the_layout() {
        let data = sample(1, "Bitte anrufen ☎");
        let err = layout(&data).unwrap_err();
        assert!(err.to_string().contains("„☎“"), "{err}");
    }
}
