//! Tables: columns of fixed or remaining width, cells of wrapped paragraphs, a header that
//! repeats (with the caption and "(Fortsetzung)") on every page the table runs onto. A row
//! moves to the next page whole when it fits there; only a row taller than a page is split,
//! between lines. A cell's paragraph may start with a status mark (`marks.rs`); its lines are
//! then indented by the mark's width.

use super::engine::{
    style, Layout, Result, Style, BOTTOM, HAIRLINE, HEAD_FILL, INK, LEFT, MUTED, NOTE, RIGHT, RULE,
    TOP, WIDTH,
};
use super::marks::{status_mark, MARK_W};
use crate::progress::Status;
use crate::report::fonts::{clean, Face};

pub(in crate::report) const CELL: Style = style(Face::Regular, 8.5, 11.5, INK);
pub(in crate::report) const CELL_BOLD: Style = style(Face::Bold, 8.5, 11.5, INK);
pub(in crate::report) const CELL_SMALL: Style = style(Face::Regular, 7.5, 10.0, MUTED);
/// Column titles.
pub(in crate::report) const CELL_HEAD: Style = style(Face::Bold, 7.5, 10.0, MUTED);
/// SHA-256 in tables: two lines of 32 hex digits.
pub(in crate::report) const HASH: Style = style(Face::Regular, 7.0, 9.5, INK);

/// Cell padding, left and right.
pub(in crate::report) const PAD_X: f32 = 4.0;
/// Cell padding, top and bottom.
const PAD_Y: f32 = 4.0;

/// A paragraph inside a table cell.
pub(in crate::report) struct Para {
    text: String,
    style: Style,
    /// A status mark before the first line.
    mark: Option<Status>,
}

/// A cell paragraph; characters the font lacks are written as code points.
pub(in crate::report) fn para(text: impl AsRef<str>, style: Style) -> Para {
    Para { text: clean(text.as_ref()), style, mark: None }
}

/// A status written out with its mark before it.
pub(in crate::report) fn status_para(status: Status, label: &str, style: Style) -> Para {
    Para { mark: Some(status), ..para(label, style) }
}

/// A table cell: paragraphs one below the other.
pub(in crate::report) type Cell = Vec<Para>;

/// A cell of one paragraph in the regular cell style.
pub(in crate::report) fn cell(text: impl AsRef<str>) -> Cell {
    vec![para(text, CELL)]
}

/// A column: title and width in pt (`0.0`: the rest of the line).
pub(in crate::report) struct Column {
    title: &'static str,
    width: f32,
}

/// A column; width `0.0` takes the rest of the line.
pub(in crate::report) const fn col(title: &'static str, width: f32) -> Column {
    Column { title, width }
}

/// A line of a wrapped cell: its text and style, how far it is indented (after a mark), and the
/// mark before it.
#[derive(Clone)]
struct Line {
    text: String,
    style: Style,
    indent: f32,
    mark: Option<Status>,
}

/// A wrapped cell: its lines.
type Lines = Vec<Line>;

impl Layout {
    /// The width of a column in which none of `texts` breaks (a header word, a date).
    pub(in crate::report) fn fit_width(&self, texts: &[(&str, Style)]) -> Result<f32> {
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
            let indent = if p.mark.is_some() { MARK_W } else { 0.0 };
            for (i, text) in
                self.wrap(&p.text, p.style, width - 2.0 * PAD_X - indent)?.into_iter().enumerate()
            {
                let mark = if i == 0 { p.mark } else { None };
                lines.push(Line { text, style: p.style, indent, mark });
            }
        }
        Ok(lines)
    }

    fn lines_height(lines: &Lines) -> f32 {
        lines.iter().map(|l| l.style.leading).sum()
    }

    /// Draws one line of a cell whose text starts at `x`.
    fn cell_line(&mut self, x: f32, top: f32, line: &Line) -> Result<()> {
        if let Some(status) = line.mark {
            status_mark(self, x, top, line.style.leading, status);
        }
        self.text_at(x + line.indent, top, line.style, &line.text)
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
            for line in lines {
                self.cell_line(x + PAD_X, top, line)?;
                top += line.style.leading;
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

    /// What a heading above a table keeps with it: the table's header and first row as
    /// [`Layout::table`] places them (a row taller than a page: its first few lines).
    pub(in crate::report) fn table_keep(
        &self,
        columns: &[Column],
        rows: &[Vec<Cell>],
    ) -> Result<f32> {
        let widths = Self::column_widths(columns);
        let header_h = self.header_height(columns, &widths)?;
        let mut first: f32 = 0.0;
        for (c, &w) in rows.first().into_iter().flatten().zip(&widths) {
            first = first.max(Self::lines_height(&self.wrap_cell(c, w)?) + 2.0 * PAD_Y);
        }
        let capacity = BOTTOM - TOP - header_h - NOTE.leading - 3.0;
        Ok(header_h + if first <= capacity { first } else { 5.0 * CELL.leading })
    }

    /// How many of `rows`, from the first, fit below the table's header into `room` pt.
    pub(in crate::report) fn rows_fitting(
        &self,
        columns: &[Column],
        rows: &[Vec<Cell>],
        room: f32,
    ) -> Result<usize> {
        let widths = Self::column_widths(columns);
        let mut used = self.header_height(columns, &widths)?;
        for (n, row) in rows.iter().enumerate() {
            let mut h: f32 = 0.0;
            for (c, &w) in row.iter().zip(&widths) {
                h = h.max(Self::lines_height(&self.wrap_cell(c, w)?));
            }
            used += h + 2.0 * PAD_Y;
            if used > room {
                return Ok(n);
            }
        }
        Ok(rows.len())
    }

    /// Draws a table; its header (and `caption`, if any) repeats on every page it runs onto.
    pub(in crate::report) fn table(
        &mut self,
        columns: &[Column],
        rows: &[Vec<Cell>],
        caption: &str,
    ) -> Result<()> {
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
                    for line in lines {
                        if top + line.style.leading > self.y + PAD_Y + room + 0.01 {
                            break;
                        }
                        self.cell_line(x + PAD_X, top, line)?;
                        top += line.style.leading;
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
}

#[cfg(test)]
mod tests {
    use super::super::engine::tests::all_within_margins;
    use super::super::layout;
    use super::super::tests::{sample, workflow_sample};

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
}
