//! The online services of each package: costs, one table row per service with the decision and
//! phase, and how far the connection of each service has come (phase dates, connection data,
//! expiry dates, pilot interest, training needs).

use super::engine::{
    Layout, Result, BODY, BOTTOM, H3, H3_BLOCK, LEFT, NOTE, TABLE_KEEP, TOP, WIDTH,
};
use super::fields::{Field, FIELD_GAP};
use super::table::{cell, col, para, Cell, CELL, CELL_BOLD, CELL_SMALL};
use crate::report::data::{Cost, ReportData, ReportService};
use crate::report::format::{self, NBSP};

/// Cost models, one per line.
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

/// „Onlinedienste“: per package its costs, a table of its services and the connection
/// details of each service that has any.
pub(super) fn services(l: &mut Layout, d: &ReportData) -> Result<()> {
    l.h2("Onlinedienste", H3_BLOCK + H3.leading + 60.0)?;
    if d.packages.is_empty() {
        return l.paragraph(
            LEFT,
            WIDTH,
            "Es ist noch kein Informationspaket des Landes eingelesen; Angaben zu den \
             Onlinediensten fehlen daher.",
            BODY,
        );
    }
    for p in &d.packages {
        l.h3(&format!("{} – Version{NBSP}{}", p.title, p.version), 60.0)?;
        let services: Vec<_> = d.services.iter().filter(|s| s.package_id == p.id).collect();
        if !p.costs.is_empty() {
            let notes: Vec<&str> = p.costs.iter().filter_map(|c| c.note.as_deref()).collect();
            l.paragraph(
                LEFT,
                WIDTH,
                &format!(
                    "Kosten für die Kommune (alle Onlinedienste des Pakets) – {}",
                    costs_text(&p.costs).replace('\n', "; ")
                ),
                BODY,
            )?;
            if !notes.is_empty() {
                l.paragraph(LEFT, WIDTH, &notes.join(" "), NOTE)?;
            }
            l.y += 6.0;
        } else if d.municipality.population.is_none() {
            l.paragraph(
                LEFT,
                WIDTH,
                "Die Kosten lassen sich nicht bestimmen, weil die Einwohnerzahl im Profil fehlt.",
                NOTE,
            )?;
            l.y += 6.0;
        }
        if services.is_empty() {
            l.paragraph(LEFT, WIDTH, "Das Paket nennt keine Onlinedienste.", BODY)?;
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
                // Members of a Gemeindeverband or Kreis that decided otherwise, by name.
                for m in &s.member_decisions {
                    let name = d.members.iter().find(|x| x.ags == m.ags).map_or("", |x| &x.name);
                    let text = format!("Abweichend {name} ({}): {}", m.ags, m.decision_label);
                    decision.push(para(text, CELL_SMALL));
                }
                let costs = if !s.costs.is_empty() {
                    costs_text(&s.costs)
                } else if !p.costs.is_empty() {
                    "im Paket gesamt (siehe oben)".to_owned()
                } else {
                    "–".to_owned()
                };
                let phase = s.phase_label.as_deref().unwrap_or("nicht begonnen");
                vec![name, decision, cell(phase), cell(costs)]
            })
            .collect();
        l.table(
            &[
                col("Onlinedienst", 150.0),
                col("Bedarfsträger (Entscheidung)", 140.0),
                col("Phase", 80.0),
                col("Kosten", 0.0),
            ],
            &rows,
            &p.title,
        )?;
        readiness(l, &services)?;
        let (with, without): (Vec<&ReportService>, Vec<&ReportService>) =
            services.iter().partition(|s| has_details(s));
        for s in with {
            service_details(l, d, s)?;
        }
        if !without.is_empty() {
            l.y += 6.0;
            let text = if without.len() == services.len() {
                "Zur Anbindung dieser Onlinedienste ist noch nichts erfasst (Phase, \
                 Anschlussdaten, Ablaufdaten, Pilotinteresse, Schulungsbedarf)."
                    .to_owned()
            } else {
                let names: Vec<String> = without
                    .iter()
                    .map(|s| match s.decision {
                        crate::installed::Decision::Nein => {
                            format!("„{}“ (nicht{NBSP}Bedarfsträger)", s.name)
                        }
                        _ => format!("„{}“", s.name),
                    })
                    .collect();
                format!("Ohne Angaben zur Anbindung: {}.", names.join(", "))
            };
            l.paragraph(LEFT, WIDTH, &text, BODY)?;
        }
    }
    Ok(())
}

/// „Prüfung je Onlinedienst“: per service its verdict and what fails or needs attention
/// (services of a report written before the readiness are left out).
fn readiness(l: &mut Layout, services: &[&ReportService]) -> Result<()> {
    let rows: Vec<Vec<Cell>> = services
        .iter()
        .filter_map(|s| Some((s, s.readiness.as_ref()?)))
        .map(|(s, r)| {
            let verdict = match r.verdict.as_str() {
                "bereit" => vec![para(format!("✓{NBSP}bereit"), CELL_BOLD)],
                "nicht_bereit" => vec![para("noch nicht bereit", CELL_BOLD)],
                _ => vec![para(&r.verdict_label, CELL)],
            };
            let mut what: Cell = r
                .failing()
                .map(|c| para(format!("• {} fehlt: {}", c.label, c.detail), CELL))
                .collect();
            for c in r.checks.iter().filter(|c| c.attention) {
                what.push(para(format!("• Bitte beachten – {}: {}", c.label, c.detail), CELL));
            }
            if what.is_empty() {
                let needed = r.checks.iter().filter(|c| c.state != "nicht_noetig").count();
                let text = match (r.verdict.as_str(), r.checks.len() - needed) {
                    ("nicht_benoetigt", _) => {
                        "Die Kommune ist nicht Bedarfsträger; der Onlinedienst zählt nicht mit."
                            .to_owned()
                    }
                    (_, 0) => format!("Alle {needed} Prüfungen erfüllt."),
                    (_, n) => format!("Alle {needed} nötigen Prüfungen erfüllt ({n} nicht nötig)."),
                };
                what.push(para(text, CELL));
            }
            vec![vec![para(&s.name, CELL_BOLD)], verdict, what]
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    l.y += 8.0;
    l.h3("Prüfung je Onlinedienst", TABLE_KEEP)?;
    l.paragraph(
        LEFT,
        WIDTH,
        "Bereit ist ein Onlinedienst, wenn die Kommune Bedarfsträger ist, die Anbindung die \
         Phase „Freischaltung“ erreicht hat, die Anschlussdaten vollständig, Vereinbarung und \
         Zertifikat gültig sind und ein Fachverfahren mit der nötigen Schnittstelle zugeordnet \
         und sein Hersteller beauftragt ist.",
        NOTE,
    )?;
    l.y += 4.0;
    l.table(
        &[col("Onlinedienst", 150.0), col("Ergebnis", 80.0), col("Was fehlt", 0.0)],
        &rows,
        "Prüfung je Onlinedienst",
    )
}

/// The connection block of one service: phase, transport route, connection data, expiry
/// dates, pilot interest and training needs.
fn service_details(l: &mut Layout, d: &ReportData, s: &ReportService) -> Result<()> {
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
            Field::value(format::yes_no(s.pilot_interest).to_owned()).at("Pilotinteresse", third),
        ],
        vec![
            expiry(s.agreement_expires).at("Vereinbarung läuft ab", third),
            expiry(s.certificate_expires).at("Zertifikat läuft ab", third),
            Field::value(format::yes_no(s.training_needed).to_owned()).at("Schulungsbedarf", third),
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
    let current = s.phase.as_deref().and_then(phase_rank);
    let dates = if s.phase_dates.is_empty() {
        Field::missing()
    } else {
        Field::value(
            s.phase_dates
                .iter()
                .map(|pd| {
                    let planned = current.is_none_or(|c| phase_rank(&pd.phase) > Some(c));
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
        h += l.wrap_fields(row)?.1 + FIELD_GAP;
    }
    l.h3(&title, h.min(BOTTOM - TOP - 60.0))?;
    for row in rows {
        l.field_row(&row)?;
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
