//! The checklist as the clerk sees it: every catalogue item with its progress.

use serde::Serialize;

use crate::catalogue::{Item, Point, Section};
use crate::progress::ItemProgress;

/// One item with its progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ChecklistEntry {
    pub item: Item,
    pub progress: ItemProgress,
    /// Regional guidance of the Land for this item, from imported packages.
    pub guidance: Vec<GuidanceNote>,
    /// Why the clerk should look at the item again ("bitte prüfen"), after a package update.
    pub review: Option<String>,
}

/// Guidance of the Land on one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct GuidanceNote {
    pub package_title: String,
    pub text: String,
}

/// The whole checklist, in catalogue order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Checklist {
    /// Title of the source document.
    pub source: String,
    /// The catalogue's version ([`crate::catalogue::Catalogue::version`]).
    pub version: u32,
    /// Whose checklist it is (the municipality's or the Land's own).
    pub owner: crate::catalogue::Actor,
    pub sections: Vec<Section>,
    pub points: Vec<Point>,
    pub entries: Vec<ChecklistEntry>,
}
