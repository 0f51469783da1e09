//! Rows of label-over-value fields: a small muted label with its value wrapped below, side by
//! side across the page.

use super::engine::{style, Layout, Result, Style, INK, LABEL, LEFT, MUTED};
use crate::report::fonts::{clean, Face};

pub(super) const VALUE: Style = style(Face::Regular, 10.0, 13.5, INK);
pub(super) const VALUE_BOLD: Style = style(Face::Bold, 10.0, 13.5, INK);
pub(super) const VALUE_MUTED: Style = style(Face::Regular, 10.0, 13.5, MUTED);

/// Space below a row of label-over-value fields.
pub(super) const FIELD_GAP: f32 = 6.0;

/// A label-over-value field of a [`Layout::field_row`].
pub(super) struct Field {
    label: &'static str,
    value: String,
    style: Style,
    width: f32,
}

impl Field {
    /// A plain value.
    pub(super) fn value(value: String) -> Field {
        Field { label: "", value, style: VALUE, width: 0.0 }
    }

    /// "nicht erfasst", muted.
    pub(super) fn missing() -> Field {
        Field { style: VALUE_MUTED, ..Field::value("nicht erfasst".to_owned()) }
    }

    /// A value that needs attention (an expired date), bold.
    pub(super) fn warning(value: String) -> Field {
        Field { style: VALUE_BOLD, ..Field::value(value) }
    }

    /// The field with its label and column width.
    pub(super) fn at(self, label: &'static str, width: f32) -> Field {
        Field { label, width, ..self }
    }
}

impl Layout {
    /// A row of label-over-value fields as the title block sets them: the values wrapped 10 pt
    /// short of their column, 8 pt below the row, not moved to the next page.
    pub(in crate::report) fn fields(&mut self, fields: &[(&str, String, f32)]) -> Result<()> {
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

    /// A row of label-over-value fields, kept on one page.
    pub(super) fn field_row(&mut self, fields: &[Field]) -> Result<()> {
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
    pub(super) fn wrap_fields(&self, fields: &[Field]) -> Result<(Vec<Vec<String>>, f32)> {
        let mut wrapped = Vec::with_capacity(fields.len());
        let mut h: f32 = 0.0;
        for f in fields {
            let lines = self.wrap(&clean(&f.value), f.style, f.width - 12.0)?;
            h = h.max(LABEL.leading + f.style.leading * lines.len().max(1) as f32);
            wrapped.push(lines);
        }
        Ok((wrapped, h))
    }
}
