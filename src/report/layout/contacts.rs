//! The people to contact: one per role, the municipality's OZG coordination, and the owners
//! named in the checklist.

use super::engine::{keep, Layout, Result, BODY, LABEL, LEFT, WIDTH};
use super::table::{cell, col, para, Cell, CELL_BOLD};
use crate::report::data::ReportData;

/// „Ansprechpersonen“: the people per role, the OZG coordination from the profile and the
/// owners named in the checklist.
pub(super) fn contacts(l: &mut Layout, d: &ReportData) -> Result<()> {
    l.h2("Ansprechpersonen", keep(d.roles.is_empty()))?;
    if d.roles.is_empty() {
        l.paragraph(LEFT, WIDTH, "Keine Ansprechpersonen je Rolle erfasst.", BODY)?;
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
        l.table(
            &[col("Rolle", 100.0), col("Name", 120.0), col("E-Mail", 0.0), col("Telefon", 90.0)],
            &rows,
            "Ansprechpersonen",
        )?;
    }
    l.y += 10.0;
    l.ensure(LABEL.leading + BODY.leading);
    let m = &d.municipality;
    let contact: Vec<&str> = [&m.coordinator_name, &m.coordinator_email, &m.coordinator_phone]
        .into_iter()
        .filter_map(|v| v.as_deref())
        .collect();
    l.text_at(LEFT, l.y, LABEL, "Ansprechperson für die OZG-Umsetzung")?;
    l.y += LABEL.leading;
    if contact.is_empty() {
        l.paragraph(
            LEFT,
            WIDTH,
            "Im Profil ist keine Ansprechperson für die OZG-Umsetzung erfasst.",
            BODY,
        )?;
    } else {
        l.paragraph(LEFT, WIDTH, &contact.join(" · "), BODY)?;
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
        l.y += 6.0;
        l.ensure(LABEL.leading + BODY.leading);
        l.text_at(LEFT, l.y, LABEL, "Verantwortliche laut Checkliste")?;
        l.y += LABEL.leading;
        l.paragraph(LEFT, WIDTH, &owners.join(" · "), BODY)?;
    }
    Ok(())
}
