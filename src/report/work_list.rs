//! The work list ("Arbeitsliste"): the checklist as an A4 PDF to print and take to a meeting,
//! in the look of the municipal report (same engine, typeface, colours and footer).
//!
//! A title block names the municipality (or the Land), the day and how many items are open; a
//! legend explains the status boxes. Then per section of the checklist a table: the item's
//! number, its task with the source point and hints (the Land's deadline, what blocks it, a
//! note, "bitte prüfen"), its status as a box with the status written beside it, who is
//! responsible and when it is due. An open item's empty owner or due date is a ruled line to
//! write on, and under every item there are ruled lines for handwritten notes. Items marked „nicht
//! zutreffend“ stay in the list, so that their numbers match the spreadsheet, but greyed and
//! without note lines.
//!
//! The status is never told by the box alone: its label is always written beside it. Text from
//! the store is written as it is; a character the font lacks appears as its code point
//! (`fonts::clean`) and never fails the layout. A long note is cut after a few lines (the
//! spreadsheet has it whole). Each item stays on one page; a section's table repeats its header
//! on every page it runs onto.

use chrono::NaiveDate;

use super::fonts::{clean, Face};
use super::format;
use super::layout::engine::{
    style, Color, Layout, Style, ACCENT, BODY, BOTTOM, HAIRLINE, HEAD_FILL, INK, KICKER, LEFT,
    MUTED, NOTE, RIGHT, RULE, SUBTITLE, TITLE, WIDTH,
};
use super::layout::table::{CELL, CELL_BOLD, CELL_HEAD, CELL_SMALL, PAD_X};
use super::layout::Page;
use super::pdf::{self, Metadata, Rendered};
use super::work_items::{sections, WorkItem, WorkSection};
use super::ReportError;
use crate::catalogue::Actor;
use crate::checklist::Checklist;
use crate::progress::Status;

type Result<T> = std::result::Result<T, ReportError>;

/// What the work list is made from.
#[derive(Debug, Clone, Copy)]
pub struct WorkList<'a> {
    /// Whose list it is, e.g. "Stadt Musterstadt"; `None` without a profile.
    pub holder: Option<&'a str>,
    /// The day the list is printed for ("Stand"); due dates before it are overdue.
    pub date: NaiveDate,
    pub checklist: &'a Checklist,
}

/// Greyed text of items that do not apply.
const GREY: Style = style(Face::Regular, 8.5, 11.5, MUTED);
/// A status box's side.
const BOX: f32 = 8.0;
/// Space between a box and its label.
const BOX_GAP: f32 = 4.0;
/// Ruled lines for handwritten notes under each item, and the space each one gives.
const NOTE_LINES: usize = 2;
const NOTE_LINE_H: f32 = 19.0;
/// Space below the last note line.
const NOTE_BOTTOM: f32 = 5.0;
/// Lines of a stored note shown at most.
const NOTE_MAX_LINES: usize = 4;
/// Cell padding, top and bottom (as in the report's tables).
const PAD_Y: f32 = 4.0;
/// The width of the number column.
const NR_W: f32 = 26.0;
/// The width of the owner column.
const OWNER_W: f32 = 112.0;

/// Lays out and writes the work list as PDF bytes.
pub fn render(list: &WorkList<'_>) -> Result<Rendered> {
    let pages = layout(list)?;
    let bytes = pdf::write(&pages, &metadata(list))?;
    Ok(Rendered { bytes, pages: pages.len() })
}

/// The columns: number, task, status, owner, due date; their left edges and widths.
struct Columns {
    x: [f32; 5],
    w: [f32; 5],
}

const TITLES: [&str; 5] = ["Nr.", "Aufgabe", "Status", "Verantwortlich", "Fällig"];

impl Columns {
    fn new(l: &Layout) -> Result<Columns> {
        let mut status_w: f32 = l.width("Status", CELL_HEAD)?;
        for s in Status::ALL {
            status_w = status_w.max(BOX + BOX_GAP + l.width(s.label(), CELL_BOLD)?);
        }
        let status_w = (status_w + 2.0 * PAD_X + 1.0).ceil();
        let due_w = l.fit_width(&[
            ("00.00.0000", CELL_BOLD),
            ("überfällig", CELL_BOLD),
            ("Fällig", CELL_HEAD),
        ])?;
        let task_w = WIDTH - NR_W - status_w - OWNER_W - due_w;
        let w = [NR_W, task_w, status_w, OWNER_W, due_w];
        let mut x = [LEFT; 5];
        for i in 1..5 {
            x[i] = x[i - 1] + w[i - 1];
        }
        Ok(Columns { x, w })
    }
}

/// Lays out the work list's pages.
pub fn layout(list: &WorkList<'_>) -> Result<Vec<Page>> {
    let mut l = Layout::new();
    title_block(&mut l, list)?;
    legend(&mut l)?;
    let columns = Columns::new(&l)?;
    let groups = sections(list.checklist);
    if groups.is_empty() {
        l.y += 12.0;
        l.paragraph(LEFT, WIDTH, "Die Checkliste enthält keine Aufgaben.", BODY)?;
    }
    for section in &groups {
        section_table(&mut l, list, &columns, section)?;
    }
    let name = list
        .holder
        .map_or_else(|| "Arbeitsliste".to_owned(), |h| format!("Arbeitsliste · {}", h.trim()));
    l.footers(&name, "", |page, total| {
        format!("Seite {page} von {total} · Stand {}", format::date(list.date))
    })?;
    Ok(l.into_pages())
}

/// Whose checklist it is, as the subtitle says it without a name.
fn owner_text(owner: Actor) -> &'static str {
    match owner {
        Actor::Kommune => "Checkliste der Kommune",
        Actor::Land => "Checkliste des Landes",
    }
}

/// The title block: the holder, the day, the open items and the source.
fn title_block(l: &mut Layout, list: &WorkList<'_>) -> Result<()> {
    let c = list.checklist;
    l.text_at(LEFT, l.y, KICKER, "Anbindungscheck · Anbindung von EfA-Onlinediensten")?;
    l.y += KICKER.leading + 6.0;
    l.text_at(LEFT, l.y, TITLE, "Arbeitsliste")?;
    l.y += TITLE.leading + 2.0;
    let holder = list.holder.map(str::trim).filter(|h| !h.is_empty());
    l.paragraph(LEFT, WIDTH, holder.unwrap_or(owner_text(c.owner)), SUBTITLE)?;
    l.y += 12.0;
    let open = c.entries.iter().filter(|e| e.progress.status.is_open()).count();
    let quarter = WIDTH / 4.0;
    l.fields(&[
        ("Stand", format::date(list.date), quarter),
        ("Offene Aufgaben", format!("{open} von {}", c.entries.len()), quarter),
        ("Grundlage", c.source.clone(), quarter * 2.0),
    ])?;
    Ok(())
}

/// Draws the status box of `status` whose top left corner is (`x`, `y`).
fn status_box(l: &mut Layout, x: f32, y: f32, status: Status) {
    let frame = if status == Status::NichtZutreffend { RULE } else { INK };
    match status {
        Status::Offen => {}
        Status::InArbeit => l.rect(x, y, BOX / 2.0, BOX, ACCENT),
        Status::Erledigt => {
            let tick = [(x + 1.6, y + 4.3), (x + 3.5, y + 6.4), (x + 6.6, y + 1.7)];
            l.line(tick[0], tick[1], 1.3, ACCENT);
            l.line(tick[1], tick[2], 1.3, ACCENT);
        }
        Status::ExternBlockiert => l.rect(x + 1.5, y + BOX / 2.0 - 0.9, BOX - 3.0, 1.8, INK),
        Status::NichtZutreffend => {
            l.line((x + 1.5, y + BOX - 1.5), (x + BOX - 1.5, y + 1.5), 0.7, frame)
        }
    }
    frame_box(l, x, y, BOX, BOX, 0.7, frame);
}

/// The outline of a rectangle.
fn frame_box(l: &mut Layout, x: f32, y: f32, w: f32, h: f32, width: f32, color: Color) {
    let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)];
    for pair in corners.windows(2) {
        l.line(pair[0], pair[1], width, color);
    }
}

/// The legend: every status box with its label, and what the ruled lines are for.
fn legend(l: &mut Layout) -> Result<()> {
    let top = l.y;
    l.text_at(LEFT, top, NOTE, "Status:")?;
    let mut x = LEFT + l.width("Status:", NOTE)? + 8.0;
    for s in Status::ALL {
        status_box(l, x, top + (NOTE.leading - BOX) / 2.0, s);
        x += BOX + BOX_GAP;
        l.text_at(x, top, NOTE, s.label())?;
        x += l.width(s.label(), NOTE)? + 12.0;
    }
    l.y = top + NOTE.leading + 2.0;
    l.paragraph(
        LEFT,
        WIDTH,
        "Auf den Linien ist Platz für Notizen, für fehlende Verantwortliche und Fälligkeiten. \
         Nicht zutreffende Aufgaben stehen grau und ohne Notizlinien in der Liste.",
        NOTE,
    )
}

/// The table header: the column titles on a light fill, a rule below.
fn header(l: &mut Layout, c: &Columns) -> Result<()> {
    let h = CELL_HEAD.leading + 2.0 * PAD_Y - 1.0;
    l.rect(LEFT, l.y, WIDTH, h, HEAD_FILL);
    for (i, title) in TITLES.iter().enumerate() {
        l.text_at(c.x[i] + PAD_X, l.y + PAD_Y - 0.5, CELL_HEAD, title)?;
    }
    l.y += h;
    l.hline(LEFT, RIGHT, l.y, 0.6, RULE);
    Ok(())
}

const HEADER_H: f32 = 10.0 + 2.0 * PAD_Y - 1.0;

/// One item, wrapped: the lines of each column and the block's height.
struct Block {
    task: Vec<(String, Style)>,
    status: Vec<(String, Style)>,
    owner: Vec<(String, Style)>,
    due: Vec<(String, Style)>,
    notes: bool,
    height: f32,
}

impl Block {
    fn new(l: &Layout, list: &WorkList<'_>, c: &Columns, item: &WorkItem<'_>) -> Result<Block> {
        let e = item.entry;
        let p = &e.progress;
        let na = p.status == Status::NichtZutreffend;
        let (main, small, strong) =
            if na { (GREY, CELL_SMALL, GREY) } else { (CELL, CELL_SMALL, CELL_BOLD) };
        let wrap = |text: &str, s: Style, w: f32| -> Result<Vec<(String, Style)>> {
            let lines = l.wrap(&clean(&plain(text)), s, w - 2.0 * PAD_X)?;
            Ok(lines.into_iter().map(|t| (t, s)).collect())
        };
        let task_w = c.w[1];
        let mut task = wrap(&e.item.title, main, task_w)?;
        task.extend(wrap(&format!("Quelle: {}", item.source), small, task_w)?);
        if e.item.actor != list.checklist.owner {
            let whose = match e.item.actor {
                Actor::Land => "Aufgabe des Landes",
                Actor::Kommune => "Aufgabe der Kommune",
            };
            task.extend(wrap(whose, small, task_w)?);
        }
        if e.item.package.is_some() {
            task.extend(wrap("Zusatzaufgabe aus dem Informationspaket", small, task_w)?);
        }
        if let Some(deadline) = &e.item.deadline {
            let text = format!("Frist des Landes: {}", format::date_text(deadline));
            task.extend(wrap(&text, small, task_w)?);
        }
        if let Some(party) = p.blocked_by {
            let text = match p.blocked_text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                Some(t) => format!("Blockiert durch {}: {t}", party.label()),
                None => format!("Blockiert durch {}", party.label()),
            };
            task.extend(wrap(&text, small, task_w)?);
        }
        if let Some(reason) = &e.review {
            task.extend(wrap(&format!("Bitte prüfen: {reason}"), strong, task_w)?);
        }
        if let Some(note) = p.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            let mut lines = wrap(&format!("Notiz: {note}"), small, task_w)?;
            if lines.len() > NOTE_MAX_LINES {
                lines.truncate(NOTE_MAX_LINES);
                let last = &mut lines[NOTE_MAX_LINES - 1].0;
                while !last.is_empty()
                    && l.width(&format!("{last} …"), small)? > task_w - 2.0 * PAD_X
                {
                    last.pop();
                }
                last.push_str(" …");
            }
            task.extend(lines);
        }

        let label_w = c.w[2] - BOX - BOX_GAP;
        let label_style = if p.status == Status::ExternBlockiert { strong } else { main };
        let status = wrap(p.status.label(), label_style, label_w)?;
        let owner = match p.owner.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
            Some(o) => wrap(o, main, c.w[3])?,
            None => vec![],
        };
        let mut due = Vec::new();
        if let Some(d) = p.due {
            due.push((format::date(d), main));
            if p.status.is_open() && d < list.date {
                due.push(("überfällig".to_owned(), CELL_BOLD));
            }
        }
        let height_of =
            |lines: &[(String, Style)]| lines.iter().map(|(_, s)| s.leading).sum::<f32>();
        let text_h = [height_of(&task), height_of(&status), height_of(&owner), height_of(&due)]
            .into_iter()
            .fold(CELL.leading, f32::max);
        let notes = !na;
        let height = text_h
            + 2.0 * PAD_Y
            + if notes { NOTE_LINES as f32 * NOTE_LINE_H + NOTE_BOTTOM } else { 0.0 };
        Ok(Block { task, status, owner, due, notes, height })
    }
}

/// `text` on one line: line breaks and tabs become spaces, other control characters are left
/// out.
fn plain(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Writes `lines` from (`x`, `top`) down.
fn lines_at(l: &mut Layout, x: f32, top: f32, lines: &[(String, Style)]) -> Result<()> {
    let mut y = top;
    for (text, s) in lines {
        l.text_at(x, y, *s, text)?;
        y += s.leading;
    }
    Ok(())
}

/// A ruled line to write on in a cell, at the height of the first line's baseline.
fn write_in(l: &mut Layout, x: f32, w: f32, top: f32) {
    l.hline(x + PAD_X, x + w - PAD_X, top + CELL.leading - 1.0, 0.5, RULE);
}

/// Draws one item at the cursor.
fn item_block(l: &mut Layout, c: &Columns, item: &WorkItem<'_>, b: &Block) -> Result<()> {
    let top = l.y + PAD_Y;
    let status = item.entry.progress.status;
    let grey = status == Status::NichtZutreffend;
    l.text_at(c.x[0] + PAD_X, top, if grey { GREY } else { CELL_BOLD }, &item.number)?;
    lines_at(l, c.x[1] + PAD_X, top, &b.task)?;
    status_box(l, c.x[2] + PAD_X, top + (CELL.leading - BOX) / 2.0, status);
    lines_at(l, c.x[2] + PAD_X + BOX + BOX_GAP, top, &b.status)?;
    if b.owner.is_empty() && status.is_open() {
        write_in(l, c.x[3], c.w[3], top);
    }
    lines_at(l, c.x[3] + PAD_X, top, &b.owner)?;
    if b.due.is_empty() && status.is_open() {
        write_in(l, c.x[4], c.w[4], top);
    }
    lines_at(l, c.x[4] + PAD_X, top, &b.due)?;
    if b.notes {
        let first = l.y + b.height - NOTE_LINES as f32 * NOTE_LINE_H - NOTE_BOTTOM;
        l.text_at(
            c.x[1] + PAD_X,
            first + NOTE_LINE_H - CELL_SMALL.leading - 1.0,
            CELL_SMALL,
            "Notizen",
        )?;
        let label_w = l.width("Notizen", CELL_SMALL)? + 6.0;
        for i in 1..=NOTE_LINES {
            let y = first + NOTE_LINE_H * i as f32 - 3.0;
            let from = if i == 1 { c.x[1] + PAD_X + label_w } else { c.x[1] + PAD_X };
            l.hline(from, RIGHT - PAD_X, y, 0.4, RULE);
        }
    }
    l.y += b.height;
    l.hline(LEFT, RIGHT, l.y, 0.6, if grey { HAIRLINE } else { RULE });
    Ok(())
}

/// A section: its heading, then its items under a header that repeats on every page.
fn section_table(
    l: &mut Layout,
    list: &WorkList<'_>,
    c: &Columns,
    section: &WorkSection<'_>,
) -> Result<()> {
    let blocks: Vec<Block> =
        section.items.iter().map(|i| Block::new(l, list, c, i)).collect::<Result<_>>()?;
    let caption = section.caption();
    let first = blocks.first().map_or(0.0, |b| b.height);
    l.h3(&caption, HEADER_H + first)?;
    header(l, c)?;
    for (item, block) in section.items.iter().zip(&blocks) {
        if l.y + block.height > BOTTOM {
            l.new_page();
            l.text_at(LEFT, l.y, NOTE, &format!("{} (Fortsetzung)", clean(&caption)))?;
            l.y += NOTE.leading + 3.0;
            header(l, c)?;
        }
        item_block(l, c, item, block)?;
    }
    Ok(())
}

/// Document information and XMP metadata of the work list.
fn metadata(list: &WorkList<'_>) -> Metadata {
    let holder = list.holder.map(str::trim).filter(|h| !h.is_empty());
    let title = match holder {
        Some(h) => format!("Arbeitsliste – {h}"),
        None => "Arbeitsliste".to_owned(),
    };
    Metadata {
        title,
        author: holder.unwrap_or_default().to_owned(),
        subject: format!(
            "{}: Aufgaben mit Stand, Verantwortlichen und Fälligkeiten, Stand {}",
            list.checklist.source,
            format::date(list.date)
        ),
        keywords: "Arbeitsliste; Checkliste; EfA; OZG".to_owned(),
        creator: format!("Anbindungscheck {}", env!("CARGO_PKG_VERSION")),
        created_at: crate::clock::timestamp(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::layout::engine::tests::all_within_margins;
    use crate::report::layout::Element;
    use crate::report::work_items::tests::sample;

    fn list(checklist: &Checklist) -> WorkList<'_> {
        WorkList {
            holder: Some("Stadt Musterstadt-Süd"),
            date: "2026-12-01".parse().unwrap(),
            checklist,
        }
    }

    fn texts(pages: &[Page]) -> Vec<String> {
        pages.iter().flat_map(|p| p.texts().map(str::to_owned)).collect()
    }

    #[test]
    fn the_list_has_the_holder_every_item_and_its_state() {
        let checklist = sample();
        let pages = layout(&list(&checklist)).unwrap();
        all_within_margins(&pages);
        let all = texts(&pages);
        let joined = all.join(" ");
        for needle in [
            "Arbeitsliste",
            "Stadt Musterstadt-Süd",
            "01.12.2026",
            "Voraussetzung",
            "1. Schaffung von landesspezifischen Organisationsstrukturen",
            "Quelle: Einleitung, 2. Absatz",
            "Quelle: Abschnitt 1, 1. Spiegelstrich",
            "Frau Öztürk",
            "30.11.2026",
            "Notiz: Beschluss liegt vor; Größe geprüft",
            "Blockiert durch Hersteller: Schnittstelle kommt im Januar",
            "Extern blockiert",
            "Nicht zutreffend",
            "Frist des Landes: 31.01.2027",
            "Aufgabe des Landes",
            "=HYPERLINK(\"http://evil\",\"x\") Straße",
            "Zusatzaufgabe aus dem Informationspaket",
            "Weitere Aufgaben",
            "Notizen",
        ] {
            assert!(joined.contains(needle), "{needle:?} missing");
        }
        for entry in &checklist.entries {
            let title = clean(&entry.item.title);
            let words = title.split_whitespace().next().unwrap();
            assert!(joined.contains(words), "{title:?} missing");
        }
        assert!(!joined.contains("[U+0001]"), "control characters are left out");
        // Every number once, in order.
        let n = checklist.entries.len();
        let numbers: Vec<usize> = pages
            .iter()
            .flat_map(|p| p.elements.iter())
            .filter_map(|e| match e {
                Element::Text { x, text, .. } if (*x - LEFT - PAD_X).abs() < 0.01 => {
                    text.parse().ok()
                }
                _ => None,
            })
            .collect();
        assert_eq!(numbers, (1..=n).collect::<Vec<_>>());
        let total = pages.len();
        for (i, page) in pages.iter().enumerate() {
            let footer = format!("Seite {} von {total} · Stand 01.12.2026", i + 1);
            assert!(page.texts().any(|t| t == footer), "page {i} lacks its footer");
            assert!(page.texts().any(|t| t == "Arbeitsliste · Stadt Musterstadt-Süd"));
        }
        // A line to write on for every open item without an owner, for no other.
        let c = Columns::new(&Layout::new()).unwrap();
        let owner_lines = pages
            .iter()
            .flat_map(|p| p.elements.iter())
            .filter(
                |e| matches!(e, Element::Line { x1, .. } if (*x1 - c.x[3] - PAD_X).abs() < 0.01),
            )
            .count();
        let unowned = checklist
            .entries
            .iter()
            .filter(|e| e.progress.status.is_open() && e.progress.owner.is_none())
            .count();
        assert_eq!(owner_lines, unowned);
        // The item done before the day is not overdue; an open one would be.
        assert!(!all.iter().any(|t| t == "überfällig"));
    }

    #[test]
    fn open_items_past_their_date_are_overdue_and_the_header_repeats() {
        let mut checklist = sample();
        checklist.entries[5].progress.due = Some("2026-11-01".parse().unwrap());
        let more = checklist.entries[6].clone();
        checklist.entries.splice(6..6, std::iter::repeat_n(more, 40));
        let pages = layout(&list(&checklist)).unwrap();
        all_within_margins(&pages);
        assert!(texts(&pages).iter().any(|t| t == "überfällig"));
        assert!(pages.len() >= 3, "{} pages", pages.len());
        for page in &pages[1..] {
            assert!(page.texts().any(|t| t == "Verantwortlich"), "header not repeated");
        }
        assert!(texts(&pages).iter().any(|t| t.ends_with("(Fortsetzung)")));
    }

    #[test]
    fn a_long_note_is_cut_and_unknown_characters_never_fail() {
        let mut checklist = sample();
        checklist.entries[0].progress.note =
            Some("Sehr lange Notiz mit vielen Wörtern. ".repeat(80));
        checklist.entries[1].progress.owner = Some("Frau ☎ Roth".into());
        let pages = layout(&list(&checklist)).unwrap();
        all_within_margins(&pages);
        let all = texts(&pages);
        assert!(all.iter().any(|t| t == "Frau [U+260E] Roth"));
        let note_lines = all.iter().filter(|t| t.contains("Wörtern")).count();
        assert!(note_lines <= NOTE_MAX_LINES, "{note_lines}");
        assert!(all.iter().any(|t| t.ends_with(" …")));
    }

    #[test]
    fn without_a_holder_or_items_the_list_says_whose_it_is() {
        let mut checklist = sample();
        checklist.entries.clear();
        checklist.owner = Actor::Land;
        let w = WorkList { holder: None, ..list(&checklist) };
        let all = texts(&layout(&w).unwrap());
        assert!(all.iter().any(|t| t == "Checkliste des Landes"));
        assert!(all.iter().any(|t| t == "Die Checkliste enthält keine Aufgaben."));
    }

    #[test]
    #[cfg_attr(windows, ignore = "reads the PDF with poppler-utils, which the Windows run lacks")]
    fn the_pdf_has_the_pages_of_the_layout_and_its_text() {
        let checklist = sample();
        let w = list(&checklist);
        let rendered = render(&w).unwrap();
        assert!(rendered.bytes.starts_with(b"%PDF"));
        assert_eq!(rendered.pages, layout(&w).unwrap().len());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("arbeitsliste.pdf");
        std::fs::write(&path, &rendered.bytes).unwrap();
        let out = std::process::Command::new("pdftotext")
            .args(["-enc", "UTF-8", path.to_str().unwrap(), "-"])
            .output()
            .expect("pdftotext is needed for this test (apt-get install poppler-utils)");
        let text = String::from_utf8(out.stdout).unwrap();
        for needle in [
            "Arbeitsliste",
            "Stadt Musterstadt-Süd",
            "Frau Öztürk",
            "Abschnitt 1, 1. Spiegelstrich",
            "Extern blockiert",
            "Seite 1 von",
        ] {
            assert!(text.contains(needle), "{needle:?} missing in:\n{text}");
        }
        if let Ok(dir) = std::env::var("ARBEITSLISTE_SAMPLES") {
            std::fs::write(format!("{dir}/arbeitsliste.pdf"), &rendered.bytes).unwrap();
        }
    }
}
