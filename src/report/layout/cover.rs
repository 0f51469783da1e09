//! The head of the report: the title block (municipality, report number, the packages it is
//! based on) and the summary with the overall readiness, one bar per dimension and the verdict.

use super::engine::{
    Layout, Result, ACCENT, BIG, BODY, BODY_BOLD, KICKER, LEFT, NOTE, SUBTITLE, TITLE, TRACK, WIDTH,
};
use crate::profile::KommuneKind;
use crate::report::data::ReportData;
use crate::report::format::{self, NBSP};

/// The title block: title, municipality, key figures and the packages the report is based on.
pub(super) fn title_block(l: &mut Layout, d: &ReportData) -> Result<()> {
    let m = &d.municipality;
    l.text_at(LEFT, l.y, KICKER, "Anbindungscheck · Anbindung von EfA-Onlinediensten")?;
    l.y += KICKER.leading + 6.0;
    l.text_at(LEFT, l.y, TITLE, "Sachstandsbericht")?;
    l.y += TITLE.leading + 2.0;
    l.paragraph(LEFT, WIDTH, &m.name, SUBTITLE)?;
    l.y += 12.0;

    let third = WIDTH / 3.0;
    let population = m.population.map(format::thousands).unwrap_or_else(|| "nicht erfasst".into());
    let key = if m.ags.len() == 12 {
        "Amtlicher Regionalschlüssel"
    } else {
        "Amtlicher Gemeindeschlüssel"
    };
    l.fields(&[
        (key, m.ags.clone(), third),
        ("Land", m.land.clone(), third),
        ("Einwohnerzahl", population, third),
    ])?;
    if m.kind.has_members() {
        let members = match d.members.len() {
            0 => "keine erfasst".to_owned(),
            n => n.to_string(),
        };
        l.fields(&[
            ("Art der Kommune", m.kind.label().to_owned(), third),
            ("Mitgliedsgemeinden", members, third * 2.0),
        ])?;
    } else if m.kind != KommuneKind::Gemeinde {
        l.fields(&[("Art der Kommune", m.kind.label().to_owned(), WIDTH)])?;
    }
    if !d.members.is_empty() {
        let list = d
            .members
            .iter()
            .map(|member| format!("{} ({})", member.name, member.ags))
            .collect::<Vec<_>>()
            .join(", ");
        l.fields(&[("Der Bericht gilt für die Mitgliedsgemeinden", list, WIDTH)])?;
    }
    l.fields(&[
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
    l.fields(&[(label, packages, WIDTH)])?;
    Ok(())
}

/// „Zusammenfassung“: overall readiness, a bar per dimension, the verdict and the counts.
pub(super) fn summary(l: &mut Layout, d: &ReportData) -> Result<()> {
    l.h2("Zusammenfassung", 110.0)?;
    let top = l.y;
    let o = &d.readiness.overall;
    l.text_at(LEFT, top, BIG, &format::percent(o.percent))?;
    let mut y = top + BIG.leading + 2.0;
    l.text_at(LEFT, y, BODY_BOLD, "Sachstand gesamt")?;
    y += BODY_BOLD.leading;
    for line in l.wrap(
        &format!("{} von {} Aufgaben der Kommune erledigt", o.done, o.applicable),
        NOTE,
        140.0,
    )? {
        l.text_at(LEFT, y, NOTE, &line)?;
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
        l.text_at(label_x, by, BODY, &dim.label)?;
        let bar_top = by + (BODY.leading - 8.0) / 2.0;
        l.rect(bar_x, bar_top, bar_w, 8.0, TRACK);
        if let Some(p) = s.percent {
            if p > 0 {
                l.rect(bar_x, bar_top, bar_w * f32::from(p) / 100.0, 8.0, ACCENT);
            }
        }
        let pct = format::percent(s.percent);
        l.text_at(bar_x + bar_w + 8.0, by, BODY_BOLD, &pct)?;
        let pw = l.width(&pct, BODY_BOLD)?;
        let detail = if s.applicable == 0 {
            "keine Aufgaben".to_owned()
        } else {
            format!("{} von {}", s.done, s.applicable)
        };
        l.text_at(bar_x + bar_w + 8.0 + pw + 5.0, by + 0.8, NOTE, &detail)?;
        by += 22.0;
    }
    l.y = top + left_h.max(by - top) + 8.0;

    l.paragraph(LEFT, WIDTH, &d.verdict(), BODY_BOLD)?;
    l.y += 4.0;
    // Reports written before the split have only the total.
    let counted = match (&d.own_counts, &d.land_counts) {
        (Some(own), Some(land)) => vec![
            format!("Aufgaben der Kommune ({}): {}.", own.total(), own.in_words()),
            format!("Aufgaben des Landes ({}): {}.", land.total(), land.in_words()),
        ],
        _ => vec![format!("Alle {} Aufgaben: {}.", d.counts.total(), d.counts.in_words())],
    };
    for line in counted {
        l.paragraph(LEFT, WIDTH, &line, BODY)?;
    }
    l.y += 3.0;
    l.paragraph(
        LEFT,
        WIDTH,
        "Berechnung: Anteil der erledigten Aufgaben der Kommune, ohne die als „nicht \
         zutreffend“ markierten, abgerundet auf ganze Prozent. Aufgaben des Landes werden \
         mitgeführt, zählen aber nicht zum Sachstand.",
        NOTE,
    )
}

#[cfg(test)]
mod tests {
    use super::super::tests::workflow_sample;
    use crate::report::data::DueItem;

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
        assert_eq!(
            d.verdict(),
            "Noch nicht bereit: 3 von 3 Aufgaben der Kommune nicht erledigt, 1 überfällig, 1 weiterer Termin \
             verstrichen, 2 von 2 Onlinediensten noch nicht bereit."
        );
        d.overdue = vec![due("zertifikat"), due("phase")];
        assert!(
            d.verdict().ends_with(
                "nicht erledigt, 2 weitere Termine verstrichen, 2 von 2 Onlinediensten noch nicht bereit."
            ),
            "{}",
            d.verdict()
        );
    }

    /// Marks every checklist item of the sample done.
    fn all_done(d: &mut crate::report::data::ReportData) {
        let o = &mut d.readiness.overall;
        o.done = o.applicable;
        o.percent = Some(100);
        d.open_items = 0;
    }

    #[test]
    fn the_checklist_done_is_not_ready_while_a_needed_service_is_not() {
        let mut d = workflow_sample();
        all_done(&mut d);
        let v = d.overall_verdict();
        assert!(!v.ready);
        assert_eq!(
            v.text,
            "Noch nicht bereit: 2 von 2 Onlinediensten noch nicht bereit. Alle 3 Aufgaben der \
             Kommune sind erledigt."
        );
        // A declined service does not count; one ready service makes the Kommune ready.
        let r = d.services[1].readiness.as_mut().unwrap();
        r.verdict = "nicht_benoetigt".into();
        let r = d.services[0].readiness.as_mut().unwrap();
        assert_eq!(r.verdict, "nicht_bereit");
        assert_eq!(d.verdict(), "Noch nicht bereit: 1 von 1 Onlinedienst noch nicht bereit. Alle 3 Aufgaben der Kommune sind erledigt.");
        d.services[0].readiness.as_mut().unwrap().verdict = "bereit".into();
        let v = d.overall_verdict();
        assert!(v.ready);
        assert_eq!(
            v.text,
            "Bereit: Alle 3 Aufgaben der Kommune sind erledigt und der benötigte Onlinedienst \
             ist bereit."
        );
    }

    #[test]
    fn services_of_an_older_report_without_readiness_do_not_count() {
        let mut d = workflow_sample();
        all_done(&mut d);
        for s in &mut d.services {
            s.readiness = None;
        }
        let v = d.overall_verdict();
        assert!(v.ready);
        assert_eq!(v.text, "Bereit: Alle 3 Aufgaben der Kommune sind erledigt.");
    }
}
