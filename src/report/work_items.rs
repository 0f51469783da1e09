//! The checklist as the clerk's spreadsheet ([`super::checklist_xlsx`]) and printed work list
//! ([`super::work_list`]) show it: the entries grouped by section in checklist order, each with
//! its number and the source point it comes from.
//!
//! How an item is numbered and how its source is named is decided in one place,
//! [`item_label`], so that both documents change together.

use crate::catalogue::{Item, Point};
use crate::checklist::{Checklist, ChecklistEntry};

/// A section of the checklist with its entries.
#[derive(Debug, Clone)]
pub struct WorkSection<'a> {
    /// The section's number ("1"), empty for entries without a known section.
    pub id: &'a str,
    pub title: &'a str,
    pub items: Vec<WorkItem<'a>>,
}

impl WorkSection<'_> {
    /// The section as a heading: its title, which carries the source's number
    /// („1. Schaffung von …“).
    pub fn caption(&self) -> String {
        self.title.to_owned()
    }
}

/// One entry with how the documents name it.
#[derive(Debug, Clone)]
pub struct WorkItem<'a> {
    /// The item's number in the documents ("Nr.").
    pub number: String,
    /// Where the item comes from in the source document ("Quelle").
    pub source: String,
    pub entry: &'a ChecklistEntry,
}

/// The title of the group of entries whose point names no section of the checklist.
pub const OTHER_SECTION: &str = "Weitere Aufgaben";

/// The number and the source label of an item: its number in the checklist (the `position`-th
/// in the order of [`sections`], 1-based, for an item not numbered yet) and where the source
/// says it („Abschnitt 2, Rechtliche Dimension, 2. Spiegelstrich“, „ergänzt“).
pub fn item_label(position: usize, item: &Item, points: &[Point]) -> (String, String) {
    let number = if item.number > 0 { item.number as usize } else { position };
    (number.to_string(), crate::catalogue::reference(points, item))
}

/// The entries grouped by the sections of the checklist, in checklist order; entries whose point
/// names no known section come last, under [`OTHER_SECTION`]. Sections without entries are left
/// out. Numbers run from 1 across all sections.
pub fn sections(checklist: &Checklist) -> Vec<WorkSection<'_>> {
    let point = |id: &str| checklist.points.iter().find(|p| p.id == id);
    let section_of = |e: &ChecklistEntry| point(&e.item.point).map(|p| p.section.as_str());
    let mut groups: Vec<(&str, &str, Vec<&ChecklistEntry>)> = checklist
        .sections
        .iter()
        .map(|s| {
            let entries =
                checklist.entries.iter().filter(|e| section_of(e) == Some(s.id.as_str())).collect();
            (s.id.as_str(), s.title.as_str(), entries)
        })
        .collect();
    let others: Vec<&ChecklistEntry> = checklist
        .entries
        .iter()
        .filter(|e| !checklist.sections.iter().any(|s| section_of(e) == Some(s.id.as_str())))
        .collect();
    groups.push(("", OTHER_SECTION, others));
    let mut position = 0;
    groups
        .into_iter()
        .filter(|(_, _, entries)| !entries.is_empty())
        .map(|(id, title, entries)| WorkSection {
            id,
            title,
            items: entries
                .into_iter()
                .map(|entry| {
                    position += 1;
                    let (number, source) = item_label(position, &entry.item, &checklist.points);
                    WorkItem { number, source, entry }
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::catalogue::{Actor, Catalogue, Dimension};
    use crate::checklist::ChecklistEntry;
    use crate::progress::{BlockingParty, ItemProgress, Status};

    /// The built-in checklist with a few entries worked on: one done with an owner, due date and
    /// note, one blocked by the vendor, one not applicable, one with a hostile title and the
    /// Land's deadline, and one item of a package whose point is unknown.
    pub(crate) fn sample() -> Checklist {
        let c = Catalogue::builtin();
        let mut entries: Vec<ChecklistEntry> = c
            .items
            .iter()
            .map(|item| ChecklistEntry {
                item: item.clone(),
                progress: ItemProgress::default(),
                guidance: vec![],
                review: None,
            })
            .collect();
        let p = &mut entries[0].progress;
        p.status = Status::Erledigt;
        p.owner = Some("Frau Öztürk".into());
        p.due = Some("2026-11-30".parse().unwrap());
        p.note = Some("Beschluss liegt vor; Größe geprüft".into());
        let p = &mut entries[1].progress;
        p.status = Status::ExternBlockiert;
        p.blocked_by = Some(BlockingParty::Hersteller);
        p.blocked_text = Some("Schnittstelle kommt im Januar".into());
        p.owner = Some("IT-Abteilung".into());
        entries[2].progress.status = Status::NichtZutreffend;
        entries[3].item.title = "=HYPERLINK(\"http://evil\",\"x\") Straße\u{1}".into();
        entries[3].item.deadline = Some("2027-01-31".into());
        entries[3].progress.status = Status::InArbeit;
        entries.push(ChecklistEntry {
            item: Item {
                id: "paket-zusatz".into(),
                number: 0,
                point: "9.9".into(),
                dimension: Dimension::Technisch,
                actor: Actor::Land,
                title: "Zusatzaufgabe aus dem Paket".into(),
                explanation: "Erklärung".into(),
                added: None,
                package: Some("paket".into()),
                deadline: None,
            },
            progress: ItemProgress::default(),
            guidance: vec![],
            review: None,
        });
        Checklist {
            source: c.source.clone(),
            version: c.version,
            owner: Actor::Kommune,
            sections: c.sections.clone(),
            points: c.points.clone(),
            entries,
        }
    }

    #[test]
    fn entries_are_grouped_by_section_and_numbered_in_order() {
        let checklist = sample();
        let groups = sections(&checklist);
        let ids: Vec<&str> = groups.iter().map(|g| g.id).collect();
        assert_eq!(ids, ["0", "1", "2", "3", ""]);
        assert_eq!(groups[0].caption(), "Voraussetzung");
        assert_eq!(
            groups[1].caption(),
            "1. Schaffung von landesspezifischen Organisationsstrukturen"
        );
        assert_eq!(groups[4].caption(), OTHER_SECTION);
        let numbers: Vec<String> =
            groups.iter().flat_map(|g| g.items.iter().map(|i| i.number.clone())).collect();
        let expected: Vec<String> = (1..=checklist.entries.len()).map(|n| n.to_string()).collect();
        assert_eq!(numbers, expected);
        let first = &groups[0].items[0];
        assert_eq!(first.entry.item.id, checklist.entries[0].item.id);
        assert_eq!(first.source, "Einleitung, 2. Absatz");
        let second = &groups[1].items[0];
        assert_eq!(second.source, "Abschnitt 1, 1. Spiegelstrich");
        let last = &groups[4].items[0];
        assert_eq!(
            (last.source.as_str(), last.entry.item.id.as_str()),
            ("ergänzt", "paket-zusatz")
        );
    }
}
