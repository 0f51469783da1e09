//! The checklist catalogue: sections, source points, EfA dimensions and items.
//!
//! The built-in catalogue (`catalogue.json`, compiled into the binary) covers every point of the
//! checklist *Erste Schritte zur Anbindung von Kommunen*, written from the municipality's point
//! of view. Item IDs are stable: progress is stored against them. The Land's catalogue
//! (`land_catalogue.json`) has the same sections and points, each once as the Land's task.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

use crate::keyed::keyed_enum;

/// One of the four EfA dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Finanziell,
    Rechtlich,
    Organisatorisch,
    Technisch,
}

impl Dimension {
    /// All dimensions in display order.
    pub const ALL: [Dimension; 4] = [
        Dimension::Finanziell,
        Dimension::Rechtlich,
        Dimension::Organisatorisch,
        Dimension::Technisch,
    ];

    /// The German label.
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Finanziell => "Finanziell",
            Dimension::Rechtlich => "Rechtlich",
            Dimension::Organisatorisch => "Organisatorisch",
            Dimension::Technisch => "Technisch",
        }
    }
}

keyed_enum! {
    /// Who acts on an item: the municipality itself, or the Land (the municipality records the
    /// state).
    pub enum Actor (field = "actor", unknown = "Unbekannter Akteur") {
        Kommune = ("kommune", "Kommune"),
        Land = ("land", "Land"),
    }
}

/// A part of the source document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
}

/// A numbered point of the source document (1.1–1.6, 2.F … 2.T2, 3.1–3.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Point {
    pub id: String,
    pub section: String,
    pub title: String,
}

/// One checklist item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Stable ID, e.g. `finanzierung-kosten`.
    pub id: String,
    /// The source point, e.g. `2.F`.
    pub point: String,
    pub dimension: Dimension,
    pub actor: Actor,
    pub title: String,
    pub explanation: String,
    /// The package that added the item; `None` for the built-in checklist.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub package: Option<String>,
    /// A deadline the Land set for the item (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub deadline: Option<String>,
}

/// The whole catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Title of the source document.
    pub source: String,
    /// Whose checklist it is: its readiness counts this actor's items (the municipality's for
    /// the built-in catalogue, the Land's for the Land's).
    #[serde(default = "municipality")]
    pub owner: Actor,
    pub sections: Vec<Section>,
    pub points: Vec<Point>,
    pub items: Vec<Item>,
}

fn municipality() -> Actor {
    Actor::Kommune
}

impl Catalogue {
    /// The built-in catalogue.
    pub fn builtin() -> &'static Catalogue {
        static BUILTIN: OnceLock<Catalogue> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            serde_json::from_str(include_str!("catalogue.json"))
                .expect("the built-in catalogue is valid JSON (checked by tests)")
        })
    }

    /// The Land's checklist (`land_catalogue.json`): every point of the source document once, as
    /// the task of the Land's OZG coordination, titled in the document's own words.
    pub fn land() -> &'static Catalogue {
        static LAND: OnceLock<Catalogue> = OnceLock::new();
        LAND.get_or_init(|| {
            serde_json::from_str(include_str!("land_catalogue.json"))
                .expect("the Land's catalogue is valid JSON (checked by tests)")
        })
    }

    /// The item with this ID.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.id == id)
    }

    /// The source point with this ID.
    pub fn point(&self, id: &str) -> Option<&Point> {
        self.points.iter().find(|point| point.id == id)
    }

    /// The section a point belongs to.
    pub fn section_of(&self, item: &Item) -> Option<&Section> {
        let point = self.point(&item.point)?;
        self.sections.iter().find(|s| s.id == point.section)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The 16 points of *Erste Schritte zur Anbindung von Kommunen*.
    const SOURCE_POINTS: [&str; 16] = [
        "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.F", "2.L1", "2.L2", "2.O1", "2.O2", "2.T1",
        "2.T2", "3.1", "3.2", "3.3",
    ];

    #[test]
    fn builtin_covers_every_source_point() {
        let catalogue = Catalogue::builtin();
        let points: Vec<&str> = catalogue.points.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(points, SOURCE_POINTS);
        for point in SOURCE_POINTS {
            assert!(
                catalogue.items.iter().any(|item| item.point == point),
                "no item covers point {point}"
            );
        }
    }

    #[test]
    fn item_ids_are_unique_and_references_hold() {
        let catalogue = Catalogue::builtin();
        let mut seen = HashSet::new();
        for item in &catalogue.items {
            assert!(seen.insert(&item.id), "duplicate item id {}", item.id);
            assert!(
                item.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "item id {} is not a plain slug",
                item.id
            );
            assert!(catalogue.section_of(item).is_some(), "{} has no section", item.id);
            assert!(!item.title.trim().is_empty() && !item.explanation.trim().is_empty());
        }
        let sections: Vec<&str> = catalogue.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(sections, ["1", "2", "3"]);
    }

    #[test]
    fn every_dimension_has_items_the_municipality_acts_on() {
        let catalogue = Catalogue::builtin();
        for dimension in Dimension::ALL {
            assert!(
                catalogue
                    .items
                    .iter()
                    .any(|i| i.dimension == dimension && i.actor == Actor::Kommune),
                "{dimension:?} has no municipal item"
            );
        }
    }

    #[test]
    fn section_two_points_match_their_dimension() {
        let catalogue = Catalogue::builtin();
        for item in catalogue.items.iter().filter(|i| i.point.starts_with("2.")) {
            let expected = match &item.point[2..3] {
                "F" => Dimension::Finanziell,
                "L" => Dimension::Rechtlich,
                "O" => Dimension::Organisatorisch,
                "T" => Dimension::Technisch,
                other => panic!("unexpected point letter {other}"),
            };
            assert_eq!(item.dimension, expected, "{}", item.id);
        }
    }

    #[test]
    fn the_lands_catalogue_is_the_source_document_point_by_point() {
        let land = Catalogue::land();
        let builtin = Catalogue::builtin();
        assert_eq!(land.sections, builtin.sections);
        assert_eq!(land.points, builtin.points);
        let points: Vec<&str> = land.items.iter().map(|i| i.point.as_str()).collect();
        assert_eq!(points, SOURCE_POINTS, "every point exactly once, in order");
        // The titles are the document's own words (without its emphasis marks).
        let source = include_str!("../docs/source/erste-schritte-anbindung-kommunen.txt")
            .replace('*', "")
            .replace('\n', " ");
        let mut seen = HashSet::new();
        for item in &land.items {
            assert_eq!(item.actor, Actor::Land, "{}", item.id);
            assert!(item.package.is_none() && item.deadline.is_none(), "{}", item.id);
            assert!(item.id.starts_with("land-") && seen.insert(&item.id), "{}", item.id);
            assert!(builtin.item(&item.id).is_none(), "{} is also a municipal item", item.id);
            assert!(source.contains(&item.title), "{}: not the document's wording", item.id);
            assert!(item.explanation.len() > 40, "{}: explanation too short", item.id);
        }
        let dimension =
            |point: &str| land.items.iter().find(|i| i.point == point).unwrap().dimension;
        assert_eq!(dimension("2.F"), Dimension::Finanziell);
        assert_eq!(dimension("2.L2"), Dimension::Rechtlich);
        assert_eq!(dimension("2.T1"), Dimension::Technisch);
        assert_eq!(dimension("2.O2"), Dimension::Organisatorisch);
    }
}
