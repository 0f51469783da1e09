//! The Land's status report ("Lagebericht des Landes"): an A4 PDF from the [`LandOverview`],
//! in the look of the municipal report (same engine, typeface, colours, footer). It starts with
//! the Land, the date and the directory's date and how many municipalities have reported; then
//! the readiness per band, per Kreis and per service as bars; then the lists the Land acts on:
//! Bedarfsträger per service (1.1), pilot interest (1.5), training needs (1.6), Fachverfahren
//! (1.4, 2.T1), external blockers, requirements to the Land (2.O2) and who attended the events
//! (3.2); and last a page per Kreis with the table of its municipalities.
//!
//! Bars are vector rectangles; every figure they show is written beside them, so nothing is
//! told by colour alone. Text from the reports is untrusted: a character the font lacks is
//! written as its code point (`fonts::clean`) and never fails the layout. Lists of names are
//! wrapped paragraphs that flow onto further pages; tables repeat their header.

use chrono::NaiveDate;

use super::fonts::{clean, Face};
use super::format::{self, NBSP};
use super::layout::engine::{
    style, Color, Layout, Style, ACCENT, BODY, BODY_BOLD, BOTTOM, HAIRLINE, INK, KICKER, LEFT,
    MUTED, NOTE, RIGHT, SUBTITLE, TITLE, WIDTH,
};
use super::layout::table::{cell, col, para, Cell, CELL, CELL_BOLD, CELL_HEAD, CELL_SMALL};
use super::layout::Page;
use super::overview::{KreisRow, LandOverview, MunicipalityRow, Named, ServiceRow};
use super::pdf::{self, Metadata, Rendered};
use super::ReportError;

type Result<T> = std::result::Result<T, ReportError>;

/// What the status report is made from.
#[derive(Debug, Clone, Copy)]
pub struct LandReport<'a> {
    /// The Land's name, e.g. "Niedersachsen".
    pub land: &'a str,
    /// The day the report is made for ("Stand").
    pub date: NaiveDate,
    /// The municipal directory, if one was read: its date (Gebietsstand), if it gives one.
    pub directory: Option<Option<NaiveDate>>,
    pub overview: &'a LandOverview,
}

/// A key figure: bold, large, in the accent colour.
const FIGURE: Style = style(Face::Bold, 24.0, 28.0, ACCENT);
/// Names in lists.
const LIST: Style = style(Face::Regular, 8.5, 11.5, INK);
/// The colours of the decisions ja, nein, offen (named beside the bar, too).
const DECISION_COLORS: [Color; 3] = [ACCENT, Color(0.45, 0.60, 0.72), Color(0.70, 0.72, 0.75)];
/// The readiness bands of the distribution, lower bounds in percent.
const BANDS: [(u8, u8); 5] = [(0, 19), (20, 39), (40, 59), (60, 79), (80, 100)];
/// What a one- or two-line note between a heading and its table takes.
const NOTE_KEEP: f32 = 2.0 * 11.5 + 4.0;
/// What a one-line sub-heading takes with the space around it.
const H3_KEEP: f32 = 10.0 + 14.0 + 4.0;
/// Height of a bar.
const BAR_H: f32 = 8.0;

/// Lays out and writes the status report as PDF bytes.
pub fn render(report: &LandReport<'_>) -> Result<Rendered> {
    let pages = layout(report)?;
    let bytes = pdf::write(&pages, &metadata(report))?;
    Ok(Rendered { bytes, pages: pages.len() })
}

/// Lays out the status report's pages.
pub fn layout(r: &LandReport<'_>) -> Result<Vec<Page>> {
    let mut l = Layout::new();
    title_block(&mut l, r)?;
    distribution(&mut l, r.overview)?;
    kreise_chart(&mut l, r.overview)?;
    services_chart(&mut l, r.overview)?;
    service_lists(&mut l, r.overview)?;
    fachverfahren(&mut l, r.overview)?;
    blockers(&mut l, r.overview)?;
    requirements(&mut l, r.overview)?;
    events(&mut l, r.overview)?;
    for k in &r.overview.kreise {
        kreis_page(&mut l, r.overview, k)?;
    }
    let land = clean(r.land.trim());
    l.footers(&format!("Lagebericht des Landes {land}"), "", |page, total| {
        format!("Seite {page} von {total} · Stand {}", format::date(r.date))
    })?;
    Ok(l.into_pages())
}

/// A count with its noun in singular or plural: "1 Kommune", "3 Kommunen".
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{}{NBSP}{}", format::thousands(n as u32), if n == 1 { one } else { many })
}

/// `n` of `of` as whole percent, "–" of nothing.
fn share(n: usize, of: usize) -> String {
    if of == 0 {
        "–".to_owned()
    } else {
        format!("{}{NBSP}%", (n as f32 * 100.0 / of as f32).round())
    }
}

/// A mean or median: "45 %", or "–" without reports.
fn figure(v: Option<f32>) -> String {
    v.map_or("–".to_owned(), |v| format!("{v:.0}{NBSP}%"))
}

/// A Kreis's name (its key when the directory gives none).
fn kreis_name(k: &KreisRow) -> String {
    k.kreis.clone().unwrap_or_else(|| format!("Kreis {}", k.kreis_ags))
}

/// Names for a list: "Name (AGS); Name (AGS); …".
fn names(list: &[Named]) -> String {
    list.iter().map(|n| format!("{} ({})", n.name.trim(), n.ags)).collect::<Vec<_>>().join("; ")
}

/// The title block: the Land, the date, the directory and the figures of the reports.
fn title_block(l: &mut Layout, r: &LandReport<'_>) -> Result<()> {
    let o = r.overview;
    l.text_at(LEFT, l.y, KICKER, "Anbindungscheck · Anbindung von EfA-Onlinediensten")?;
    l.y += KICKER.leading + 6.0;
    l.text_at(LEFT, l.y, TITLE, "Lagebericht des Landes")?;
    l.y += TITLE.leading + 2.0;
    l.paragraph(LEFT, WIDTH, r.land.trim(), SUBTITLE)?;
    l.y += 12.0;
    let third = WIDTH / 3.0;
    let directory = match r.directory {
        Some(Some(day)) => format!("Gebietsstand {}", format::date(day)),
        Some(None) => "eingelesen, ohne Gebietsstand".to_owned(),
        None => "kein Gemeindeverzeichnis eingelesen – Liste aus den Berichten".to_owned(),
    };
    l.fields(&[
        ("Stand", format::date(r.date), third),
        ("Gemeindeverzeichnis", directory, third * 2.0),
    ])?;
    l.y += 4.0;

    let stale = o.rows.iter().filter(|m| m.stale).count();
    let missing = o.rows.iter().filter(|m| m.missing).count();
    let figures = [
        (
            format::thousands(o.reported),
            format!("von {} Kommunen haben berichtet", format::thousands(o.municipalities)),
        ),
        (format::thousands(missing as u32), "Kommunen ohne Bericht".to_owned()),
        (
            format::thousands(stale as u32),
            format!("Berichte veraltet (älter als {} Tage)", o.stale_days),
        ),
    ];
    let top = l.y;
    let mut bottom = top;
    for (i, (number, text)) in figures.iter().enumerate() {
        let x = LEFT + third * i as f32;
        l.text_at(x, top, FIGURE, number)?;
        let mut y = top + FIGURE.leading;
        for line in l.wrap(text, NOTE, third - 14.0)? {
            l.text_at(x, y, NOTE, &line)?;
            y += NOTE.leading;
        }
        bottom = bottom.max(y);
    }
    l.y = bottom + 6.0;
    l.paragraph(
        LEFT,
        WIDTH,
        &format!(
            "Grundlage ist der jeweils neueste Bericht jeder Kommune. Ein Bericht gilt als \
             veraltet, wenn er älter als {} Tage ist. Der Sachstand ist der Anteil der \
             erledigten Aufgaben einer Kommune, wie ihr Bericht ihn angibt.",
            o.stale_days
        ),
        NOTE,
    )
}

/// One row of a bar chart: a label (wrapped in `label_w`), a bar of `parts` across `bar_w`
/// and a text to its right. Kept on one page; `header` is drawn again on a new page.
fn bar_row(
    l: &mut Layout,
    label: &str,
    label_w: f32,
    bar_w: f32,
    parts: &[(f32, Color)],
    right: &str,
    header: &dyn Fn(&mut Layout) -> Result<()>,
) -> Result<()> {
    let lines = l.wrap(&clean(label), BODY, label_w - 8.0)?;
    let h = BODY.leading * lines.len() as f32 + 6.0;
    if l.y + h > BOTTOM {
        l.new_page();
        header(l)?;
    }
    let top = l.y;
    for (i, line) in lines.iter().enumerate() {
        l.text_at(LEFT, top + BODY.leading * i as f32, BODY, line)?;
    }
    let x = LEFT + label_w;
    l.bar(x, top + (BODY.leading - BAR_H) / 2.0, bar_w, BAR_H, parts);
    l.text_at(x + bar_w + 8.0, top, BODY, right)?;
    l.y = top + h;
    Ok(())
}

/// A heading for a continued chart: the title with "(Fortsetzung)".
fn continued(title: &'static str) -> impl Fn(&mut Layout) -> Result<()> {
    move |l: &mut Layout| {
        l.text_at(LEFT, l.y, NOTE, &format!("{title} (Fortsetzung)"))?;
        l.y += NOTE.leading + 4.0;
        Ok(())
    }
}

/// „Sachstand der Kommunen“: municipalities per band of readiness and without a report.
fn distribution(l: &mut Layout, o: &LandOverview) -> Result<()> {
    l.h2("Sachstand der Kommunen", 120.0)?;
    let total = o.rows.len();
    let mut counts: Vec<(String, usize)> = BANDS
        .iter()
        .map(|&(lo, hi)| {
            let n =
                o.rows.iter().filter(|m| m.readiness.is_some_and(|p| p >= lo && p <= hi)).count();
            (format!("{lo}–{hi}{NBSP}%"), n)
        })
        .collect();
    let no_figure = o.rows.iter().filter(|m| !m.missing && m.readiness.is_none()).count();
    if no_figure > 0 {
        counts.push(("Bericht ohne Angabe".to_owned(), no_figure));
    }
    counts.push(("ohne Bericht".to_owned(), o.rows.iter().filter(|m| m.missing).count()));
    let max = counts.iter().map(|c| c.1).max().unwrap_or(0).max(1);
    let header = continued("Sachstand der Kommunen");
    for (label, n) in &counts {
        let color = if label == "ohne Bericht" { MUTED } else { ACCENT };
        let right = format!("{} ({})", counted(*n, "Kommune", "Kommunen"), share(*n, total));
        bar_row(l, label, 130.0, 220.0, &[(*n as f32 / max as f32, color)], &right, &header)?;
    }
    let mut values: Vec<u8> = o.rows.iter().filter_map(|m| m.readiness).collect();
    values.sort_unstable();
    l.y += 4.0;
    let line = if values.is_empty() {
        "Noch kein Bericht nennt einen Sachstand.".to_owned()
    } else {
        let mean = values.iter().map(|&v| f32::from(v)).sum::<f32>() / values.len() as f32;
        let n = values.len();
        let median = if n % 2 == 1 {
            f32::from(values[n / 2])
        } else {
            (f32::from(values[n / 2 - 1]) + f32::from(values[n / 2])) / 2.0
        };
        format!(
            "Sachstand der {}: Mittelwert {}, Median {}. Die Balken sind am größten Wert \
             gemessen.",
            counted(n, "Kommune mit Bericht", "Kommunen mit Bericht"),
            figure(Some(mean)),
            figure(Some(median))
        )
    };
    l.paragraph(LEFT, WIDTH, &line, NOTE)
}

/// „Kreise“: per Kreis the reports received and the mean and median readiness as bars.
fn kreise_chart(l: &mut Layout, o: &LandOverview) -> Result<()> {
    l.h2("Kreise", if o.kreise.is_empty() { BODY.leading } else { 80.0 })?;
    if o.kreise.is_empty() {
        return l.paragraph(LEFT, WIDTH, "Noch keine Kommunen.", BODY);
    }
    let header = |l: &mut Layout| -> Result<()> {
        l.text_at(LEFT, l.y, CELL_HEAD, "Kreis")?;
        l.text_at(LEFT + 170.0, l.y, CELL_HEAD, "Berichte")?;
        l.text_at(LEFT + 250.0, l.y, CELL_HEAD, "Sachstand: Mittelwert und Median")?;
        l.y += CELL_HEAD.leading + 2.0;
        l.hline(LEFT, RIGHT, l.y, 0.4, HAIRLINE);
        l.y += 4.0;
        Ok(())
    };
    let continued_header = |l: &mut Layout| -> Result<()> {
        continued("Kreise")(l)?;
        header(l)
    };
    header(l)?;
    let bar_w = 150.0;
    for k in &o.kreise {
        let lines = l.wrap(&clean(&kreis_name(k)), BODY, 160.0)?;
        let h = (BODY.leading * lines.len() as f32).max(2.0 * NOTE.leading + 2.0) + 6.0;
        if l.y + h > BOTTOM {
            l.new_page();
            continued_header(l)?;
        }
        let top = l.y;
        for (i, line) in lines.iter().enumerate() {
            l.text_at(LEFT, top + BODY.leading * i as f32, BODY, line)?;
        }
        let reports = format!("{} von {}", k.reported, k.municipalities);
        l.text_at(LEFT + 170.0, top, BODY, &reports)?;
        for (i, (what, value, color)) in
            [("Mittelwert", k.mean, ACCENT), ("Median", k.median, DECISION_COLORS[1])]
                .into_iter()
                .enumerate()
        {
            let y = top + NOTE.leading * i as f32 + 1.0;
            let x = LEFT + 250.0;
            let part = value.map_or(0.0, |v| v / 100.0);
            l.bar(x, y + (NOTE.leading - 6.0) / 2.0, bar_w, 6.0, &[(part, color)]);
            l.text_at(x + bar_w + 8.0, y, NOTE, &format!("{what} {}", figure(value)))?;
        }
        l.y = top + h;
        l.hline(LEFT, RIGHT, l.y - 3.0, 0.3, HAIRLINE);
    }
    Ok(())
}

/// Phases of a service as text: "Interesse 3 · Fragebogen 2".
fn phases_text(s: &ServiceRow) -> String {
    if s.phases.is_empty() {
        return "keine Angaben".to_owned();
    }
    s.phases
        .iter()
        .map(|(key, n)| {
            let label = crate::service_state::Phase::ALL
                .iter()
                .find(|p| p.key() == key)
                .map_or(key.as_str(), |p| p.label());
            format!("{label}{NBSP}{n}")
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// „Onlinedienste“: per service the decisions as a stacked bar with their counts, and the
/// phases.
fn services_chart(l: &mut Layout, o: &LandOverview) -> Result<()> {
    l.h2("Onlinedienste", if o.services.is_empty() { BODY.leading } else { 70.0 })?;
    if o.services.is_empty() {
        return l.paragraph(LEFT, WIDTH, "Noch kein Bericht nennt einen Onlinedienst.", BODY);
    }
    l.paragraph(
        LEFT,
        WIDTH,
        "Entscheidungen der Kommunen je Onlinedienst (Ja: Bedarfsträger), die Zahlen stehen \
         neben dem Balken; darunter, wie viele Kommunen in welcher Phase sind.",
        NOTE,
    )?;
    l.y += 4.0;
    for s in &o.services {
        let name = l.wrap(&clean(&s.name), BODY_BOLD, WIDTH)?;
        let phases = l.wrap(&clean(&format!("Phasen: {}", phases_text(s))), NOTE, WIDTH)?;
        let h = BODY_BOLD.leading * name.len() as f32
            + BODY.leading
            + NOTE.leading * phases.len() as f32
            + 10.0;
        l.ensure(h);
        for line in &name {
            l.text_at(LEFT, l.y, BODY_BOLD, line)?;
            l.y += BODY_BOLD.leading;
        }
        let total = (s.ja + s.nein + s.offen).max(1) as f32;
        let parts: Vec<(f32, Color)> = [s.ja, s.nein, s.offen]
            .iter()
            .zip(DECISION_COLORS)
            .map(|(&n, c)| (n as f32 / total, c))
            .collect();
        let bar_w = 200.0;
        l.bar(LEFT, l.y + (BODY.leading - BAR_H) / 2.0, bar_w, BAR_H, &parts);
        let mut x = LEFT + bar_w + 10.0;
        for ((label, n), c) in
            [("Ja", s.ja), ("Nein", s.nein), ("Offen", s.offen)].into_iter().zip(DECISION_COLORS)
        {
            // A key of the colour, then the decision and its count in words.
            l.rect(x, l.y + (BODY.leading - 7.0) / 2.0, 7.0, 7.0, c);
            let text = format!("{label}: {}", format::thousands(n));
            l.text_at(x + 10.0, l.y, BODY, &text)?;
            x += 10.0 + l.width(&text, BODY)? + 14.0;
        }
        l.y += BODY.leading;
        for line in &phases {
            l.text_at(LEFT, l.y, NOTE, line)?;
            l.y += NOTE.leading;
        }
        l.y += 10.0;
    }
    Ok(())
}

/// A list of names under a sub-heading: the count, then the names wrapped across the page
/// (onto further pages, if long), or `empty`.
fn name_list(l: &mut Layout, title: &str, list: &[Named], empty: &str) -> Result<()> {
    l.h3(&format!("{title} – {}", counted(list.len(), "Kommune", "Kommunen")), LIST.leading)?;
    if list.is_empty() {
        return l.paragraph(LEFT, WIDTH, empty, NOTE);
    }
    l.paragraph(LEFT, WIDTH, &names(list), LIST)
}

/// The lists per service: Bedarfsträger (1.1), pilot interest (1.5), training needs (1.6).
fn service_lists(l: &mut Layout, o: &LandOverview) -> Result<()> {
    type Pick = fn(&ServiceRow) -> &Vec<Named>;
    let lists: [(&str, &str, Pick, &str); 3] = [
        (
            "Bedarfsträger je Onlinedienst",
            "Kommunen, die den Onlinedienst nutzen wollen (Entscheidung „Ja“). Quelle: Abschnitt 1, 1. Spiegelstrich.",
            |s| &s.bedarfstraeger,
            "Keine Kommune hat sich für den Onlinedienst entschieden.",
        ),
        (
            "Pilotinteresse",
            "Kommunen, die den Onlinedienst als Pilotkommune erproben möchten. Quelle: Abschnitt 1, 5. Spiegelstrich.",
            |s| &s.pilots,
            "Keine Kommune meldet Pilotinteresse.",
        ),
        (
            "Schulungsbedarf",
            "Kommunen, deren Beschäftigte für den Onlinedienst geschult werden sollen. Quelle: \
             Abschnitt 1, 6. Spiegelstrich.",
            |s| &s.training,
            "Keine Kommune meldet Schulungsbedarf.",
        ),
    ];
    for (title, note, pick, empty) in lists {
        l.h2(title, NOTE_KEEP + H3_KEEP + 2.0 * LIST.leading)?;
        l.paragraph(LEFT, WIDTH, note, NOTE)?;
        if o.services.is_empty() {
            l.paragraph(LEFT, WIDTH, "Noch kein Bericht nennt einen Onlinedienst.", BODY)?;
        }
        for s in &o.services {
            name_list(l, &s.name, pick(s), empty)?;
        }
    }
    Ok(())
}

/// „Fachverfahren“ (1.4, 2.T1): products in use, whether the Land lists them, and who uses them.
fn fachverfahren(l: &mut Layout, o: &LandOverview) -> Result<()> {
    if o.fachverfahren.is_empty() {
        l.h2("Fachverfahren", BODY.leading)?;
        return l.paragraph(LEFT, WIDTH, "Noch kein Bericht nennt ein Fachverfahren.", BODY);
    }
    let rows = fachverfahren_rows(o);
    let listed_w = l.fit_width(&[("Liste des Landes", CELL_HEAD), ("vom Land nicht", CELL)])?;
    let columns = [
        col("Produkt und Hersteller", 150.0),
        col("Liste des Landes", listed_w),
        col("Kommunen", 0.0),
    ];
    l.h2("Fachverfahren", NOTE_KEEP + l.table_keep(&columns, &rows)?)?;
    let unlisted = o.fachverfahren.iter().filter(|f| !f.listed_by_land).count();
    l.paragraph(
        LEFT,
        WIDTH,
        &format!(
            "Fachverfahren der Kommunen, die häufigsten zuerst; {} vom Land nicht gelistet. \
             Quelle: Abschnitt 1, 4. Spiegelstrich, und Abschnitt 2, Technische Dimension, \
             1. Spiegelstrich.",
            counted(unlisted, "ist", "sind")
        ),
        NOTE,
    )?;
    l.y += 4.0;
    l.table(&columns, &rows, "Fachverfahren")
}

/// A row per Fachverfahren: product and vendor, whether the Land lists it, who uses it.
fn fachverfahren_rows(o: &LandOverview) -> Vec<Vec<Cell>> {
    o.fachverfahren
        .iter()
        .map(|f| {
            let listed = if f.listed_by_land { "gelistet" } else { "vom Land nicht gelistet" };
            vec![
                vec![para(&f.product, CELL_BOLD), para(&f.vendor, CELL_SMALL)],
                cell(listed),
                vec![
                    para(counted(f.municipalities.len(), "Kommune", "Kommunen"), CELL),
                    para(names(&f.municipalities), CELL_SMALL),
                ],
            ]
        })
        .collect()
}

/// „Externe Blockaden“: by party and text, with the municipalities they block.
fn blockers(l: &mut Layout, o: &LandOverview) -> Result<()> {
    if o.blockers.is_empty() {
        l.h2("Externe Blockaden", BODY.leading)?;
        return l.paragraph(LEFT, WIDTH, "Kein Bericht nennt eine externe Blockade.", BODY);
    }
    let rows: Vec<Vec<Cell>> = o
        .blockers
        .iter()
        .map(|b| {
            vec![
                cell(&b.party_label),
                cell(b.text.as_deref().unwrap_or("ohne Beschreibung")),
                vec![
                    para(counted(b.municipalities.len(), "Kommune", "Kommunen"), CELL_BOLD),
                    para(names(&b.municipalities), CELL_SMALL),
                ],
            ]
        })
        .collect();
    let columns = [col("Blockiert durch", 90.0), col("Beschreibung", 0.0), col("Kommunen", 190.0)];
    l.h2("Externe Blockaden", l.table_keep(&columns, &rows)?)?;
    l.table(&columns, &rows, "Externe Blockaden")
}

/// „Anforderungen an das Land“ (2.O2): per service, by priority, with their texts.
fn requirements(l: &mut Layout, o: &LandOverview) -> Result<()> {
    if o.requirements.is_empty() {
        l.h2("Anforderungen an das Land", BODY.leading)?;
        return l.paragraph(LEFT, WIDTH, "Kein Bericht nennt eine Anforderung an das Land.", BODY);
    }
    let mut services: Vec<&str> = o.requirements.iter().map(|r| r.service.as_str()).collect();
    services.sort_unstable();
    services.dedup();
    let priority_w = l.fit_width(&[("Priorität", CELL_HEAD), ("Mittel", CELL)])?;
    let columns = [
        col("Priorität", priority_w),
        col("Art", 90.0),
        col("Beschreibung", 0.0),
        col("Kommune", 120.0),
    ];
    let groups: Vec<(&str, Vec<Vec<Cell>>)> = services
        .into_iter()
        .map(|service| {
            let rows = o
                .requirements
                .iter()
                .filter(|r| r.service == service)
                .map(|r| {
                    vec![
                        cell(&r.priority_label),
                        vec![para(&r.kind_label, CELL), para(&r.area_label, CELL_SMALL)],
                        cell(&r.description),
                        vec![
                            para(&r.municipality.name, CELL),
                            para(&r.municipality.ags, CELL_SMALL),
                        ],
                    ]
                })
                .collect();
            (service, rows)
        })
        .collect();
    let first = l.table_keep(&columns, &groups[0].1)?;
    l.h2("Anforderungen an das Land", NOTE_KEEP + H3_KEEP + first)?;
    l.paragraph(
        LEFT,
        WIDTH,
        "Anforderungen und Funktionswünsche der Kommunen je Onlinedienst, nach Priorität \
         (Quelle: Abschnitt 2, Organisatorische Dimension, 2. Spiegelstrich).",
        NOTE,
    )?;
    for (service, rows) in groups {
        l.h3(service, l.table_keep(&columns, &rows)?)?;
        l.table(&columns, &rows, &format!("Anforderungen: {}", clean(service)))?;
    }
    Ok(())
}

/// „Veranstaltungen“ (3.2): per event who attended and who did not.
fn events(l: &mut Layout, o: &LandOverview) -> Result<()> {
    if o.events.is_empty() {
        l.h2("Veranstaltungen", BODY.leading)?;
        return l.paragraph(LEFT, WIDTH, "Kein Bericht nennt eine Veranstaltung.", BODY);
    }
    let rows: Vec<Vec<Cell>> = o
        .events
        .iter()
        .map(|e| {
            let list = |n: &[Named]| {
                vec![
                    para(counted(n.len(), "Kommune", "Kommunen"), CELL_BOLD),
                    para(names(n), CELL_SMALL),
                ]
            };
            vec![
                vec![para(&e.title, CELL), para(format::datetime_text(&e.start), CELL_SMALL)],
                list(&e.attended),
                list(&e.not_attended),
            ]
        })
        .collect();
    let half = (WIDTH - 140.0) / 2.0;
    let columns =
        [col("Veranstaltung", 140.0), col("Teilgenommen", half), col("Nicht teilgenommen", 0.0)];
    l.h2("Veranstaltungen", NOTE_KEEP + l.table_keep(&columns, &rows)?)?;
    l.paragraph(
        LEFT,
        WIDTH,
        "Teilnahme an den Veranstaltungen der Informationspakete, wie die Kommunen sie \
         angeben (Quelle: Abschnitt 3, 2. Spiegelstrich).",
        NOTE,
    )?;
    l.y += 4.0;
    l.table(&columns, &rows, "Veranstaltungen")
}

/// A Kreis on a new page: its figures and the table of its municipalities.
fn kreis_page(l: &mut Layout, o: &LandOverview, k: &KreisRow) -> Result<()> {
    l.new_page();
    let name = kreis_name(k);
    l.text_at(LEFT, l.y, KICKER, &format!("Kreis · Schlüssel {}", k.kreis_ags))?;
    l.y += KICKER.leading + 2.0;
    l.paragraph(LEFT, WIDTH, &name, H3_TITLE)?;
    l.y += 8.0;
    let quarter = WIDTH / 4.0;
    l.fields(&[
        ("Kommunen", format::thousands(k.municipalities), quarter),
        (
            "Berichte",
            format!("{} ({})", k.reported, share(k.reported as usize, k.municipalities as usize)),
            quarter,
        ),
        ("Sachstand, Mittelwert", figure(k.mean), quarter),
        ("Sachstand, Median", figure(k.median), quarter),
    ])?;
    let rows: Vec<Vec<Cell>> =
        o.rows.iter().filter(|m| m.kreis_ags == k.kreis_ags).map(municipality_row).collect();
    let ags_w = l.fit_width(&[("00000000", CELL)])?;
    let readiness_w = l.fit_width(&[("Sachstand", CELL_HEAD)])?;
    let date_w = l.fit_width(&[("Letzter Bericht", CELL_HEAD), ("00.00.0000", CELL)])?;
    let mark_w = l.fit_width(&[("kein Bericht", CELL_BOLD), ("Hinweis", CELL_HEAD)])?;
    l.table(
        &[
            col("Kommune", 0.0),
            col("AGS", ags_w),
            col("Sachstand", readiness_w),
            col("Letzter Bericht", date_w),
            col("Hinweis", mark_w),
        ],
        &rows,
        &format!("Kommunen im Kreis {}", clean(&name)),
    )
}

/// The name of a Kreis at the top of its page.
const H3_TITLE: Style = style(Face::Bold, 16.0, 20.0, INK);

/// A municipality's row in its Kreis's table; what is missing or stale is written out.
fn municipality_row(m: &MunicipalityRow) -> Vec<Cell> {
    let mark = if m.missing {
        vec![para("kein Bericht", CELL_BOLD)]
    } else if m.stale {
        vec![para("veraltet", CELL_BOLD)]
    } else {
        vec![]
    };
    let readiness = if m.missing { "–".to_owned() } else { format::percent(m.readiness) };
    vec![
        cell(&m.name),
        cell(&m.ags),
        cell(readiness),
        cell(m.report_date.map_or("–".to_owned(), format::date)),
        mark,
    ]
}

/// Document information and XMP metadata of the status report.
fn metadata(r: &LandReport<'_>) -> Metadata {
    let land = r.land.trim();
    Metadata {
        title: format!("Lagebericht des Landes {land}"),
        author: format!("Land {land}"),
        subject: format!(
            "Stand der Anbindung der Kommunen an EfA-Onlinedienste, {} von {} Kommunen haben \
             berichtet, Stand {}",
            r.overview.reported,
            r.overview.municipalities,
            format::date(r.date)
        ),
        keywords: format!("Lagebericht; Kommunen; EfA; OZG; {land}"),
        creator: format!("Anbindungscheck {}", env!("CARGO_PKG_VERSION")),
        created_at: crate::clock::timestamp(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::inbox::Listed;
    use crate::installed::Decision;
    use crate::progress::BlockingParty;
    use crate::report::data::{Blocker, ReportData, ReportScore};
    use crate::report::layout::engine::tests::all_within_margins;
    use crate::report::layout::tests::workflow_sample;
    use crate::report::overview::OverviewBuilder;

    const KREISE: [&str; 3] = ["Landkreis Hildesheim", "Region Hannover", "Landkreis Göttingen"];

    /// One municipality's report: readiness, decisions, lists, blockers and events vary with `i`.
    fn report(ags: &str, name: &str, i: usize) -> ReportData {
        let mut d = workflow_sample();
        d.municipality.ags = ags.into();
        d.municipality.name = name.into();
        d.report_date = "2026-11-28".parse().unwrap();
        if i.is_multiple_of(5) {
            d.report_date = "2026-05-02".parse().unwrap();
        }
        let percent = ((i * 37) % 101) as u8;
        d.readiness.overall = ReportScore { percent: Some(percent), done: 1, applicable: 2 };
        d.services[0].decision = [Decision::Ja, Decision::Nein, Decision::Offen][i % 3];
        d.services[1].decision = [Decision::Ja, Decision::Offen][i % 2];
        d.services[0].pilot_interest = i.is_multiple_of(4);
        d.services[0].training_needed = i.is_multiple_of(3);
        if !i.is_multiple_of(6) {
            d.services[0].requirements.clear();
        }
        d.blockers = if i % 4 == 1 {
            vec![Blocker {
                item_id: "anbindung".into(),
                title: "Anbindung".into(),
                party: [BlockingParty::Hersteller, BlockingParty::Land][i % 2],
                party_label: ["Fachverfahrenshersteller", "Land"][i % 2].into(),
                text: Some("Schnittstelle zum Fachverfahren fehlt noch".into()),
            }]
        } else {
            vec![]
        };
        d.events[0].attended = i.is_multiple_of(2);
        d
    }

    /// `per_kreis` municipalities in each of `kreise` Kreise, every `every`-th without a report.
    pub(crate) fn overview(kreise: usize, per_kreis: usize, every: usize) -> LandOverview {
        let mut directory = Vec::new();
        for k in 0..kreise {
            for m in 0..per_kreis {
                let ags = format!("03{}{:02}{:03}", 2 + k / 90, k % 90 + 1, m + 1);
                directory.push(Listed {
                    ags: ags.clone(),
                    name: format!("Gemeinde Nummer {m} im Kreis {k}"),
                    kreis_ags: ags[..5].to_owned(),
                    kreis: Some(KREISE.get(k).map_or(format!("Landkreis {k}"), |s| s.to_string())),
                    population: Some(5000),
                });
            }
        }
        let day = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let mut builder = OverviewBuilder::new(day, 90, directory.clone());
        for (i, m) in directory.iter().enumerate() {
            if i % every != every - 1 {
                builder.add(&report(&m.ags, &m.name, i));
            }
        }
        builder.finish()
    }

    fn land_report(o: &LandOverview) -> LandReport<'_> {
        LandReport {
            land: "Niedersachsen",
            date: o.date,
            directory: Some(Some("2026-09-30".parse().unwrap())),
            overview: o,
        }
    }

    fn texts(pages: &[Page]) -> String {
        pages.iter().flat_map(|p| p.texts().map(str::to_owned)).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_report_has_every_part_and_every_kreis_its_own_page() {
        let o = overview(3, 14, 4);
        let pages = layout(&land_report(&o)).unwrap();
        all_within_margins(&pages);
        let all = texts(&pages);
        for needle in [
            "Lagebericht des Landes",
            "Niedersachsen",
            "Gebietsstand 30.09.2026",
            "von 42 Kommunen haben berichtet",
            "Sachstand der Kommunen",
            "ohne Bericht",
            "Kreise",
            "Onlinedienste",
            "Bedarfsträger je Onlinedienst",
            "Pilotinteresse",
            "Schulungsbedarf",
            "Fachverfahren",
            "Externe Blockaden",
            "Schnittstelle zum Fachverfahren fehlt noch",
            "Anforderungen an das Land",
            "Rückkanal über FIT-Connect",
            "Veranstaltungen",
            "Nicht teilgenommen",
            "kein Bericht",
            "veraltet",
        ] {
            assert!(all.contains(needle), "{needle:?} missing");
        }
        let total = pages.len();
        for (i, page) in pages.iter().enumerate() {
            let footer = format!("Seite {} von {total} · Stand 06.12.2026", i + 1);
            assert!(page.texts().any(|t| t == footer), "page {i} lacks its footer");
        }
        // Each Kreis starts a page of its own, with its name and its municipalities.
        for k in &o.kreise {
            let kicker = format!("Kreis · Schlüssel {}", k.kreis_ags);
            let page = pages.iter().find(|p| p.texts().next() == Some(kicker.as_str()));
            let page = page.unwrap_or_else(|| panic!("no page for {}", k.kreis_ags));
            let name = k.kreis.as_deref().unwrap();
            assert!(page.texts().any(|t| t == name), "{name}");
            assert!(page.texts().any(|t| t == format!("{}001", k.kreis_ags)));
        }
    }

    #[test]
    fn without_a_directory_the_report_says_where_the_list_comes_from() {
        let o = overview(1, 3, 10);
        let r = LandReport { directory: None, ..land_report(&o) };
        let all = texts(&layout(&r).unwrap());
        assert!(all.contains("kein Gemeindeverzeichnis eingelesen – Liste aus den Berichten"));
        let r = LandReport { directory: Some(None), ..land_report(&o) };
        assert!(texts(&layout(&r).unwrap()).contains("eingelesen, ohne Gebietsstand"));
    }

    #[test]
    fn long_lists_wrap_onto_further_pages_and_tables_repeat_their_header() {
        let o = overview(2, 400, 7);
        let pages = layout(&land_report(&o)).unwrap();
        all_within_margins(&pages);
        // The Bedarfsträger of one service fill more than a page: every name is there, once.
        let first = pages.iter().position(|p| p.texts().any(|t| t == "Pilotinteresse")).unwrap();
        let start = pages
            .iter()
            .position(|p| p.texts().any(|t| t == "Bedarfsträger je Onlinedienst"))
            .unwrap();
        assert!(first > start + 1, "the list did not run onto a further page");
        // Without the footers, which come last on each page.
        let list = pages[start..=first]
            .iter()
            .flat_map(|p| {
                let t: Vec<&str> = p.texts().collect();
                t[..t.len() - 2].iter().map(|s| s.to_string()).collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
            .join(" ");
        let s = &o.services[1];
        for n in &s.bedarfstraeger {
            assert!(list.contains(&format!("{} ({})", n.name, n.ags)), "{} missing", n.name);
        }
        // A Kreis's table runs on with its caption and header.
        let continued: Vec<_> = pages
            .iter()
            .filter(|p| {
                p.texts()
                    .any(|t| t.starts_with("Kommunen im Kreis") && t.ends_with("(Fortsetzung)"))
            })
            .collect();
        assert!(continued.len() >= 2, "{} continued pages", continued.len());
        for page in continued {
            assert!(page.texts().any(|t| t == "Letzter Bericht"), "header not repeated");
        }
    }

    #[test]
    fn text_from_reports_never_fails_the_layout() {
        let mut o = overview(1, 4, 10);
        o.rows[0].name = "Gemeinde ☎ Nord".into();
        o.kreise[0].kreis = Some("Kreis ☀".into());
        o.blockers[0].text = Some("Warten auf 📄".into());
        o.services[0].bedarfstraeger[0].name = "Stadt ☺".into();
        let all = texts(&layout(&land_report(&o)).unwrap());
        for needle in
            ["Gemeinde [U+260E] Nord", "Kreis [U+2600]", "Warten auf [U+1F4C4]", "Stadt [U+263A]"]
        {
            assert!(all.contains(needle), "{needle:?} missing");
        }
    }

    #[test]
    fn the_pdf_has_the_pages_of_the_layout() {
        let o = overview(3, 14, 4);
        let r = land_report(&o);
        let rendered = render(&r).unwrap();
        assert!(rendered.bytes.starts_with(b"%PDF"));
        assert_eq!(rendered.pages, layout(&r).unwrap().len());
        if let Ok(dir) = std::env::var("LAGEBERICHT_SAMPLES") {
            std::fs::write(format!("{dir}/lagebericht.pdf"), &rendered.bytes).unwrap();
            let big = overview(40, 50, 3);
            let t = std::time::Instant::now();
            let rendered = render(&land_report(&big)).unwrap();
            eprintln!("2,000 municipalities: {} pages in {:?}", rendered.pages, t.elapsed());
            std::fs::write(format!("{dir}/lagebericht-gross.pdf"), &rendered.bytes).unwrap();
        }
    }
}
