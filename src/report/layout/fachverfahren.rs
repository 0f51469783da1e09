//! The Fachverfahren: the municipality's inventory of specialised software with the online
//! services each serves, and those the Land lists that the inventory lacks.

use super::engine::{keep, Layout, Result, BODY, LEFT, WIDTH};
use super::table::{cell, col, para, Cell, CELL, CELL_BOLD, CELL_HEAD, CELL_SMALL};
use crate::report::data::ReportData;
use crate::report::format::{self, NBSP};

/// The name of a service by its id (in `package_id`, if given); the id if it is unknown.
fn service_name<'a>(d: &'a ReportData, package_id: Option<&str>, id: &'a str) -> &'a str {
    d.services
        .iter()
        .find(|s| s.service_id == id && package_id.is_none_or(|p| p == s.package_id))
        .map_or(id, |s| s.name.as_str())
}

/// „Fachverfahren“: the inventory and, with a package, what the Land lists beyond it.
pub(super) fn fachverfahren(l: &mut Layout, d: &ReportData) -> Result<()> {
    l.h2("Fachverfahren", keep(d.fachverfahren.is_empty()))?;
    if d.fachverfahren.is_empty() {
        l.paragraph(LEFT, WIDTH, "Keine Fachverfahren erfasst.", BODY)?;
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
                        .map(|id| service_name(d, None, id))
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
        let land_w = l.fit_width(&[("Beim Land", CELL_HEAD), ("nein", CELL)])?;
        l.table(
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
    l.h3(
        "Vom Land gelistet, aber nicht im Bestand der Kommune",
        keep(d.fachverfahren_land_only.is_empty()),
    )?;
    if d.fachverfahren_land_only.is_empty() {
        return l.paragraph(
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
                .map(|id| service_name(d, Some(&l.package_id), id))
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
    l.table(
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
