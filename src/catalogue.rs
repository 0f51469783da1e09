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

/// A point of the source document: the precondition in its introduction, or one bullet of a
/// section. The ID (`0`, `1.1` … `3.3`, `2.F`, `2.L1` …) is a stable key for data, never shown;
/// people see the [`reference`](Point::reference) in the source's own terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Point {
    pub id: String,
    pub section: String,
    pub title: String,
    /// Where the source says it, e.g. „Abschnitt 2, Rechtliche Dimension, 2. Spiegelstrich“;
    /// `None` for the point that gathers additions the source does not mention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub reference: Option<String>,
    /// The source's words at that place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub quote: Option<String>,
}

/// One checklist item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Stable ID, e.g. `finanzierung-kosten`.
    pub id: String,
    /// The item's number in its checklist (1, 2, …, unique, in checklist order): what people
    /// cite. Given when the checklist is put together; 0 until then.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub number: u32,
    /// The source point, e.g. `2.F`.
    pub point: String,
    pub dimension: Dimension,
    pub actor: Actor,
    pub title: String,
    pub explanation: String,
    /// Why the item is in the checklist although the source does not mention it („ergänzt“).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub added: Option<String>,
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
    /// The catalogue's version: raised whenever items are added or their meaning changes. A
    /// report carries it, so that reports of different versions are not compared blindly.
    pub version: u32,
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

/// Where an item comes from, in words for people: the source's place („Abschnitt 2,
/// Rechtliche Dimension, 2. Spiegelstrich“), „ergänzt zu …“ for the Land's addition at such a
/// place, or „ergänzt“ for an addition the source does not mention at all.
pub fn reference(points: &[Point], item: &Item) -> String {
    let place = points.iter().find(|p| p.id == item.point).and_then(|p| p.reference.as_deref());
    match place {
        Some(place) if item.added.is_none() && item.package.is_none() => place.to_owned(),
        Some(place) => format!("ergänzt zu {place}"),
        None => "ergänzt".to_owned(),
    }
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Catalogue {
    /// The built-in catalogue.
    pub fn builtin() -> &'static Catalogue {
        static BUILTIN: OnceLock<Catalogue> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let catalogue: Catalogue = serde_json::from_str(include_str!("catalogue.json"))
                .expect("the built-in catalogue is valid JSON (checked by tests)");
            catalogue.numbered()
        })
    }

    /// The Land's checklist (`land_catalogue.json`): every point of the source document once, as
    /// the task of the Land's OZG coordination, titled in the document's own words.
    pub fn land() -> &'static Catalogue {
        static LAND: OnceLock<Catalogue> = OnceLock::new();
        LAND.get_or_init(|| {
            let catalogue: Catalogue = serde_json::from_str(include_str!("land_catalogue.json"))
                .expect("the Land's catalogue is valid JSON (checked by tests)");
            catalogue.numbered()
        })
    }

    /// The catalogue with its items numbered 1, 2, … in their order.
    pub fn numbered(mut self) -> Catalogue {
        for (number, item) in (1..).zip(&mut self.items) {
            item.number = number;
        }
        self
    }

    /// The item with this ID.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.id == id)
    }

    /// The source point with this ID.
    pub fn point(&self, id: &str) -> Option<&Point> {
        self.points.iter().find(|point| point.id == id)
    }

    /// Where an item comes from, in words for people ([`reference`]).
    pub fn reference(&self, item: &Item) -> String {
        reference(&self.points, item)
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
    use std::collections::{HashMap, HashSet};

    /// The points of *Erste Schritte zur Anbindung von Kommunen*: the precondition and the 16
    /// bullets, and `2.E` for the additions.
    const POINTS: [&str; 18] = [
        "0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.F", "2.L1", "2.L2", "2.O1", "2.O2",
        "2.T1", "2.T2", "2.E", "3.1", "3.2", "3.3",
    ];

    /// The source as it is kept in the repository, without its emphasis marks and footnote signs.
    fn source_lines() -> Vec<String> {
        include_str!("../docs/source/erste-schritte-anbindung-kommunen.txt")
            .lines()
            .map(|l| l.replace(['*', '¹'], "").trim().to_owned())
            .filter(|l| !l.is_empty() && l != "ERSTE SCHRITTE ZUR ANBINDUNG VON KOMMUNEN")
            .collect()
    }

    /// Every place of the source a point can name, read from the source itself: the
    /// introduction's paragraphs („Einleitung, 2. Absatz“) and each section's bullets
    /// („Abschnitt 2, Rechtliche Dimension, 2. Spiegelstrich“), with their words.
    fn source_places() -> Vec<(String, String)> {
        let mut places = Vec::new();
        let (mut section, mut heading, mut n) = (None::<char>, None::<String>, 0);
        for line in source_lines() {
            let first = line.chars().next().unwrap();
            if first.is_ascii_digit() && line[1..].starts_with(". ") {
                (section, heading, n) = (Some(first), None, 0);
            } else if line.ends_with(" DIMENSION") {
                let word = line.split(' ').next().unwrap().to_lowercase();
                let mut chars = word.chars();
                let word = chars.next().unwrap().to_uppercase().chain(chars).collect::<String>();
                (heading, n) = (Some(format!("{word} Dimension")), 0);
            } else if let (Some(text), Some(s)) = (line.strip_prefix("- "), section) {
                n += 1;
                let heading = heading.as_ref().map(|h| format!("{h}, ")).unwrap_or_default();
                places.push((format!("Abschnitt {s}, {heading}{n}. Spiegelstrich"), text.into()));
            } else if section.is_none() {
                n += 1;
                places.push((format!("Einleitung, {n}. Absatz"), line));
            }
        }
        places
    }

    #[test]
    fn every_point_names_its_place_in_the_source_as_the_source_writes_it() {
        let places = source_places();
        assert_eq!(places.iter().filter(|(r, _)| r.contains("Spiegelstrich")).count(), 16);
        for catalogue in [Catalogue::builtin(), Catalogue::land()] {
            let points: Vec<&str> = catalogue.points.iter().map(|p| p.id.as_str()).collect();
            assert_eq!(points, POINTS);
            for point in &catalogue.points {
                let (Some(reference), Some(quote)) = (&point.reference, &point.quote) else {
                    assert_eq!(point.id, "2.E", "only the additions have no place in the source");
                    continue;
                };
                let place = places.iter().find(|(r, _)| r == reference);
                let (_, words) = place.unwrap_or_else(|| panic!("{reference}: no such place"));
                if reference.contains("Spiegelstrich") {
                    assert_eq!(words, quote, "{}: not the bullet's words", point.id);
                } else {
                    assert!(words.contains(quote.as_str()), "{}: not in the paragraph", point.id);
                }
            }
        }
        // Every bullet has its point.
        let quoted: HashSet<&str> =
            Catalogue::builtin().points.iter().filter_map(|p| p.quote.as_deref()).collect();
        for (reference, words) in places.iter().filter(|(r, _)| r.contains("Spiegelstrich")) {
            assert!(quoted.contains(words.as_str()), "{reference} has no point");
        }
    }

    #[test]
    fn every_bullet_has_items_of_both_sides_and_additions_say_why() {
        let catalogue = Catalogue::builtin();
        for point in catalogue.points.iter().filter(|p| p.reference.is_some()) {
            let items = || catalogue.items.iter().filter(|i| i.point == point.id);
            assert!(items().any(|i| i.actor == Actor::Land), "{}: no Land item", point.id);
            if point.id != "0" && point.id != "2.L1" {
                assert!(items().any(|i| i.actor == Actor::Kommune), "{}: no own item", point.id);
            }
        }
        for item in &catalogue.items {
            let in_source = catalogue.point(&item.point).unwrap().reference.is_some();
            assert_eq!(item.added.is_none(), in_source, "{}", item.id);
            if let Some(why) = &item.added {
                assert!(why.len() > 40 && why.starts_with("Die Quelle nennt"), "{}", item.id);
            }
        }
        assert_eq!(catalogue.reference(catalogue.item("anbindungsdaten").unwrap()), "ergänzt");
        assert_eq!(
            catalogue.reference(catalogue.item("nachnutzungsmodell-land").unwrap()),
            "Abschnitt 2, Rechtliche Dimension, 2. Spiegelstrich"
        );
        let land_item = catalogue.item("nachnutzungsmodell-land").unwrap();
        assert!(land_item.title.contains("vergaberechtskonform"));
    }

    #[test]
    fn item_ids_and_numbers_are_unique_and_references_hold() {
        for catalogue in [Catalogue::builtin(), Catalogue::land()] {
            let mut seen = HashSet::new();
            for (item, number) in catalogue.items.iter().zip(1..) {
                assert!(seen.insert(&item.id), "duplicate item id {}", item.id);
                assert_eq!(item.number, number, "{}", item.id);
                assert!(
                    item.id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                    "item id {} is not a plain slug",
                    item.id
                );
                assert!(catalogue.section_of(item).is_some(), "{} has no section", item.id);
                assert!(!item.title.trim().is_empty() && !item.explanation.trim().is_empty());
            }
            let order: HashMap<&str, usize> =
                catalogue.points.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
            assert!(catalogue.items.is_sorted_by_key(|i| order[i.point.as_str()]));
            let sections: Vec<&str> = catalogue.sections.iter().map(|s| s.id.as_str()).collect();
            assert_eq!(sections, ["0", "1", "2", "3"]);
        }
    }

    #[test]
    fn items_of_earlier_versions_are_all_still_there() {
        // Progress is stored by item ID: an ID of an earlier version may never disappear.
        const VERSION_1: [&str; 31] = [
            "vollzug-zustaendigkeit",
            "vollzug-bedarf-melden",
            "koordination-land",
            "koordination-eigene",
            "taskforce-land",
            "taskforce-kontakt",
            "fachverfahren-bestand",
            "fachverfahren-einfuehrung",
            "pilot-interesse",
            "schulung-bedarf",
            "vernetzung-land",
            "finanzierung-land",
            "finanzierung-kosten",
            "finanzierung-haushalt",
            "saas-vertrag-land",
            "nachnutzungsmodell-land",
            "nachnutzung-vereinbarung",
            "datenschutz-avv",
            "betrieb-verantwortung",
            "betrieb-land",
            "anforderungen-land",
            "anforderungen-melden",
            "hersteller-land",
            "hersteller-beauftragen",
            "systeme-analysieren",
            "anbindungsdaten",
            "unterlagen-land",
            "unterlagen-auswerten",
            "veranstaltung-teilnehmen",
            "austausch-kommunen",
            "land-vollzugsebene",
        ];
        let (builtin, land) = (Catalogue::builtin(), Catalogue::land());
        for id in VERSION_1 {
            assert!(builtin.item(id).is_some() || land.item(id).is_some(), "{id} is gone");
        }
        assert_eq!((builtin.version, land.version), (2, 2));
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
                "E" => continue,
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
        let in_source: Vec<&str> = POINTS.into_iter().filter(|p| *p != "2.E").collect();
        assert_eq!(points, in_source, "every point of the source exactly once, in order");
        // The titles are the document's own words.
        let mut seen = HashSet::new();
        for item in &land.items {
            assert_eq!(item.actor, Actor::Land, "{}", item.id);
            assert!(item.package.is_none() && item.deadline.is_none(), "{}", item.id);
            assert!(item.id.starts_with("land-") && seen.insert(&item.id), "{}", item.id);
            assert!(builtin.item(&item.id).is_none(), "{} is also a municipal item", item.id);
            let point = land.point(&item.point).unwrap();
            assert_eq!(Some(&item.title), point.quote.as_ref(), "{}: not the words", item.id);
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
