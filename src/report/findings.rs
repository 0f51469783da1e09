//! What the municipalities' reports say about the points of the Land's checklist: who takes
//! part in which service (1.1), the Fachverfahren in use and those the Land does not list (1.4,
//! 2.T1), pilot interest (1.5), training needs (1.6), the requirements passed on (2.O2) and the
//! vendors that block municipalities (2.T1/2.T2). The checklist shows these next to the task,
//! beside what the Land's own package says ([`crate::land_facts`]).

use super::overview::{LandOverview, Named, ServiceRow};
use crate::land_facts::{count, names, PointFacts};
use crate::progress::BlockingParty;

/// The municipalities in `list`, counted, with the first few named in alphabetical order.
fn municipalities(list: &[Named]) -> String {
    let mut sorted: Vec<&str> = list.iter().map(|n| n.name.as_str()).collect();
    sorted.sort_unstable();
    format!("{} ({})", count(list.len(), "Kommune", "Kommunen"), names(sorted.into_iter()))
}

/// The findings of `overview` per task of the Land's catalogue; tasks the reports say nothing
/// about are left out.
pub fn findings(overview: &LandOverview) -> Vec<PointFacts> {
    let mut out = Vec::new();
    let mut add = |item_id: &str, facts: Vec<String>| {
        if !facts.is_empty() {
            out.push(PointFacts { item_id: item_id.to_owned(), facts });
        }
    };
    let per_service = |list: fn(&ServiceRow) -> &Vec<Named>| -> Vec<String> {
        overview
            .services
            .iter()
            .filter(|s| !list(s).is_empty())
            .map(|s| format!("{}: {}", s.name, municipalities(list(s))))
            .collect()
    };

    add(
        "land-vollzugsebene",
        overview
            .services
            .iter()
            .map(|s| {
                format!(
                    "{}: {} Bedarfsträger, {} nicht, {} noch offen",
                    s.name,
                    count(s.ja as usize, "Kommune ist", "Kommunen sind"),
                    s.nein,
                    s.offen
                )
            })
            .collect(),
    );

    let unlisted: Vec<_> = overview.fachverfahren.iter().filter(|f| !f.listed_by_land).collect();
    let mut fachverfahren = Vec::new();
    if !overview.fachverfahren.is_empty() {
        fachverfahren.push(format!(
            "{} in Gebrauch: {}",
            count(overview.fachverfahren.len(), "Fachverfahren", "Fachverfahren"),
            names(overview.fachverfahren.iter().map(|f| f.product.as_str()))
        ));
    }
    if !unlisted.is_empty() {
        fachverfahren.push(format!(
            "Nicht in der Liste des Landes: {}",
            names(unlisted.iter().map(|f| f.product.as_str()))
        ));
    }
    add("land-fachverfahren", fachverfahren.clone());

    add("land-pilotkommunen", per_service(|s| &s.pilots));
    add(
        "land-vernetzung",
        per_service(|s| &s.training).into_iter().map(|l| format!("Schulungsbedarf {l}")).collect(),
    );

    let requirements = &overview.requirements;
    if !requirements.is_empty() {
        let mut from: Vec<&str> =
            requirements.iter().map(|r| r.municipality.ags.as_str()).collect();
        from.sort_unstable();
        from.dedup();
        add(
            "land-meldeweg",
            vec![format!(
                "{} von {}",
                count(requirements.len(), "Anforderung", "Anforderungen"),
                count(from.len(), "Kommune", "Kommunen")
            )],
        );
    }

    add(
        "land-hersteller",
        overview
            .blockers
            .iter()
            .filter(|b| b.party == BlockingParty::Hersteller.key())
            .map(|b| {
                format!(
                    "Blockiert durch Hersteller ({}): {}",
                    b.text.as_deref().unwrap_or("ohne Angabe"),
                    municipalities(&b.municipalities)
                )
            })
            .collect(),
    );
    add("land-systemanalyse", fachverfahren);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;
    use crate::report::data::Blocker;
    use crate::report::layout::tests::workflow_sample;
    use crate::report::overview::OverviewBuilder;

    #[test]
    fn the_reports_fill_the_points_of_the_lands_checklist() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let mut builder = OverviewBuilder::new(day, 90, Vec::new());
        let mut a = workflow_sample();
        a.blockers.push(Blocker {
            item_id: "fachverfahren-schnittstelle".into(),
            title: "Schnittstelle".into(),
            party: BlockingParty::Hersteller,
            party_label: BlockingParty::Hersteller.label().into(),
            text: Some("Hersteller X".into()),
        });
        builder.add(&a);
        let mut b = workflow_sample();
        b.municipality.ags = "09162001".into();
        b.municipality.name = "Gemeinde Beispielheim".into();
        builder.add(&b);
        let all = findings(&builder.finish());

        let land = Catalogue::land();
        for f in &all {
            assert!(land.item(&f.item_id).is_some(), "{} is a task of the Land", f.item_id);
        }
        let of = |id: &str| all.iter().find(|f| f.item_id == id).map(|f| f.facts.join(" | "));
        let services = of("land-vollzugsebene").unwrap();
        assert!(services.contains("2 Kommunen sind Bedarfsträger"), "{services}");
        let pilots = of("land-pilotkommunen").unwrap();
        assert!(
            pilots.contains("2 Kommunen (Gemeinde Beispielheim, Gemeinde Musterstadt)"),
            "{pilots}"
        );
        assert!(of("land-vernetzung").unwrap().starts_with("Schulungsbedarf "));
        assert!(of("land-meldeweg").unwrap().ends_with("von 2 Kommunen"));
        let vendors = of("land-hersteller").unwrap();
        assert_eq!(
            vendors,
            "Blockiert durch Hersteller (Hersteller X): 1 Kommune (Gemeinde Musterstadt)"
        );
        assert!(of("land-fachverfahren").unwrap().contains("in Gebrauch"));
        // Nothing reported, nothing shown.
        assert!(findings(&OverviewBuilder::new(day, 90, Vec::new()).finish()).is_empty());
    }
}
