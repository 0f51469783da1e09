//! Status marks: the shapes the app shows beside a status, drawn as vector paths (the font needs
//! no glyph for them): an empty circle for „Offen“, a half-filled circle for „In Arbeit“, a tick
//! for „Erledigt“, a dash for „Nicht zutreffend“ and a warning triangle for „Extern blockiert“.
//! A mark never stands alone: the status is always written beside it.

use super::engine::{Color, Layout, PathPoint, ACCENT, INK, MUTED};
use crate::progress::Status;

/// The width a mark takes, with the space to the text beside it.
pub(in crate::report) const MARK_W: f32 = 11.5;

/// The side of the square a mark is drawn in.
const SIZE: f32 = 8.0;

/// Bézier handle length of a quarter circle, as a share of the radius.
const KAPPA: f32 = 0.552_284_8;

fn pt(x: f32, y: f32) -> PathPoint {
    PathPoint { x, y, control: false }
}

fn ctl(x: f32, y: f32) -> PathPoint {
    PathPoint { x, y, control: true }
}

/// A circle around (`cx`, `cy`), clockwise from the top (`y` grows downwards).
fn circle(cx: f32, cy: f32, r: f32) -> Vec<PathPoint> {
    let k = KAPPA * r;
    vec![
        pt(cx, cy - r),
        ctl(cx + k, cy - r),
        ctl(cx + r, cy - k),
        pt(cx + r, cy),
        ctl(cx + r, cy + k),
        ctl(cx + k, cy + r),
        pt(cx, cy + r),
        ctl(cx - k, cy + r),
        ctl(cx - r, cy + k),
        pt(cx - r, cy),
        ctl(cx - r, cy - k),
        ctl(cx - k, cy - r),
        pt(cx, cy - r),
    ]
}

/// The right half of a circle, from top to bottom and back along the diameter.
fn right_half(cx: f32, cy: f32, r: f32) -> Vec<PathPoint> {
    circle(cx, cy, r)[..7].to_vec()
}

/// Draws the mark of `status` at the start of a line of text whose line box starts at `top` and
/// is `leading` high; `x` is where the line would start without the mark.
pub(in crate::report) fn status_mark(
    l: &mut Layout,
    x: f32,
    top: f32,
    leading: f32,
    status: Status,
) {
    let (cx, cy) = (x + SIZE / 2.0, top + leading / 2.0);
    let r = SIZE / 2.0 - 0.6;
    let line = |w: f32, c: Color| Some((w, c));
    match status {
        Status::Offen => l.path(circle(cx, cy, r), true, None, line(0.9, ACCENT)),
        Status::InArbeit => {
            l.path(right_half(cx, cy, r), true, Some(ACCENT), None);
            l.path(circle(cx, cy, r), true, None, line(0.9, ACCENT));
        }
        Status::Erledigt => {
            let tick = vec![pt(x + 0.9, cy + 0.2), pt(x + 3.1, cy + 2.5), pt(x + 7.2, cy - 2.8)];
            l.path(tick, false, None, line(1.4, ACCENT));
        }
        Status::NichtZutreffend => {
            l.path(vec![pt(x + 1.2, cy), pt(x + SIZE - 1.2, cy)], false, None, line(1.3, MUTED))
        }
        Status::ExternBlockiert => {
            let (t, b) = (cy - 3.7, cy + 3.4);
            let triangle = vec![pt(cx, t), pt(x + SIZE, b), pt(x, b), pt(cx, t)];
            l.path(triangle, true, None, line(0.8, INK));
            l.path(vec![pt(cx, cy - 1.3), pt(cx, cy + 0.7)], false, None, line(0.9, INK));
            l.path(circle(cx, cy + 2.0, 0.45), true, Some(INK), None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::engine::{Element, Layout};
    use super::*;

    #[test]
    fn every_status_has_a_mark_inside_its_square() {
        for status in Status::ALL {
            let mut l = Layout::new();
            status_mark(&mut l, 100.0, 200.0, 11.5, status);
            let pages = l.into_pages();
            let points: Vec<_> = pages[0]
                .elements
                .iter()
                .flat_map(|e| match e {
                    Element::Path { points, .. } => points.clone(),
                    _ => vec![],
                })
                .collect();
            assert!(!points.is_empty(), "{status:?} has no mark");
            for p in points {
                assert!((100.0..=100.0 + SIZE).contains(&p.x), "{status:?}: x {}", p.x);
                assert!((200.0..=211.5).contains(&p.y), "{status:?}: y {}", p.y);
            }
        }
    }
}
