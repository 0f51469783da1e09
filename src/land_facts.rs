//! What the Land's information package already says about a point of the Land's checklist: the
//! services and who executes them (1.1), the contacts (1.2) and the taskforce (1.3), the
//! Fachverfahren (1.4), the pilot municipalities (1.5), the cost models (2.F), the re-use model
//! (2.L2), the documents (3.1) and the events (3.2). The checklist shows these next to the task.

use serde::Serialize;

use crate::package::manifest::{Manifest, MunicipalityRole};

/// The facts for one task of the Land's checklist.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PointFacts {
    /// The task's ID in the Land's catalogue.
    pub item_id: String,
    /// One line each, e.g. "3 Ansprechpersonen: …".
    pub facts: Vec<String>,
}

/// Names `what` has, the first few of them, e.g. "Anna Schmidt, Ben Meier und 2 weitere".
pub(crate) fn names<'a>(all: impl Iterator<Item = &'a str>) -> String {
    const SHOWN: usize = 3;
    let all: Vec<&str> = all.collect();
    let mut text = all.iter().take(SHOWN).copied().collect::<Vec<_>>().join(", ");
    if all.len() > SHOWN {
        text.push_str(&format!(" und {} weitere", all.len() - SHOWN));
    }
    text
}

/// `n` with the singular or plural noun.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The facts `manifest` holds, per task of the Land's catalogue; tasks it says nothing about are
/// left out.
pub fn facts(manifest: &Manifest) -> Vec<PointFacts> {
    let mut out = Vec::new();
    let mut add = |item_id: &str, facts: Vec<String>| {
        if !facts.is_empty() {
            out.push(PointFacts { item_id: item_id.to_owned(), facts });
        }
    };
    let line = |n: usize, one: &str, many: &str, list: String| {
        (n > 0).then(|| format!("{}: {list}", count(n, one, many)))
    };

    let services = &manifest.services;
    add(
        "land-vollzugsebene",
        line(
            services.len(),
            "Onlinedienst",
            "Onlinedienste",
            names(services.iter().map(|s| s.name.as_str())),
        )
        .into_iter()
        .chain(services.iter().map(|s| format!("{}: Vollzug {}", s.name, s.vollzug)).take(3))
        .collect(),
    );
    let contacts = &manifest.contacts;
    add(
        "land-ozg-koordination",
        line(
            contacts.len(),
            "Ansprechperson",
            "Ansprechpersonen",
            names(contacts.iter().map(|c| c.name.as_str())),
        )
        .into_iter()
        .collect(),
    );
    let taskforce: Vec<&str> =
        contacts.iter().filter(|c| c.taskforce).map(|c| c.name.as_str()).collect();
    add(
        "land-taskforce",
        line(
            taskforce.len(),
            "Person in der OZG-Taskforce",
            "Personen in der OZG-Taskforce",
            names(taskforce.iter().copied()),
        )
        .into_iter()
        .collect(),
    );
    let fachverfahren = &manifest.fachverfahren;
    add(
        "land-fachverfahren",
        line(
            fachverfahren.len(),
            "Fachverfahren",
            "Fachverfahren",
            names(fachverfahren.iter().map(|f| f.product.as_str())),
        )
        .into_iter()
        .collect(),
    );
    let of_role = |role| -> Vec<&str> {
        manifest.municipalities.iter().filter(|m| m.role == role).map(|m| m.name.as_str()).collect()
    };
    let (pilots, peers) = (of_role(MunicipalityRole::Pilot), of_role(MunicipalityRole::Peer));
    add(
        "land-pilotkommunen",
        [
            line(pilots.len(), "Pilotkommune", "Pilotkommunen", names(pilots.iter().copied())),
            line(peers.len(), "Partnerkommune", "Partnerkommunen", names(peers.iter().copied())),
        ]
        .into_iter()
        .flatten()
        .collect(),
    );
    add(
        "land-finanzierung",
        (!manifest.costs.is_empty())
            .then(|| count(manifest.costs.len(), "Kostenmodell", "Kostenmodelle"))
            .into_iter()
            .collect(),
    );
    let reuse = &manifest.reuse_model;
    add(
        "land-nachnutzungsmodell",
        (!reuse.description.trim().is_empty())
            .then(|| format!("Nachnutzungsmodell: {}", reuse.kind.label()))
            .into_iter()
            .collect(),
    );
    let documents = &manifest.documents;
    add(
        "land-unterlagen",
        line(
            documents.len(),
            "Dokument",
            "Dokumente",
            names(documents.iter().map(|d| d.title.as_str())),
        )
        .into_iter()
        .collect(),
    );
    let events = &manifest.events;
    add(
        "land-veranstaltungen",
        line(
            events.len(),
            "Informationsveranstaltung",
            "Informationsveranstaltungen",
            names(events.iter().map(|e| e.title.as_str())),
        )
        .into_iter()
        .collect(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;
    use crate::package::manifest::parse_manifest;

    #[test]
    fn the_example_package_fills_the_points_it_speaks_of() {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("examples/paket-vergabe/manifest.json"),
        )
        .unwrap();
        let manifest = parse_manifest(&text).unwrap();
        let all = facts(&manifest);
        let land = Catalogue::land();
        for f in &all {
            assert!(land.item(&f.item_id).is_some(), "{} is a task of the Land", f.item_id);
            assert!(!f.facts.is_empty());
        }
        let of = |id: &str| all.iter().find(|f| f.item_id == id).map(|f| f.facts.clone());
        let contacts = of("land-ozg-koordination").expect("the example has contacts");
        assert!(contacts[0].contains(&manifest.contacts[0].name), "{contacts:?}");
        let services = of("land-vollzugsebene").unwrap();
        assert!(services[0].starts_with(&count(
            manifest.services.len(),
            "Onlinedienst",
            "Onlinedienste"
        )));
        // Nothing said, nothing shown.
        let mut empty = manifest.clone();
        empty.contacts.clear();
        assert_eq!(facts(&empty).iter().find(|f| f.item_id == "land-ozg-koordination"), None);
    }

    #[test]
    fn long_lists_are_cut_short() {
        assert_eq!(names(["A", "B"].into_iter()), "A, B");
        assert_eq!(names(["A", "B", "C", "D", "E"].into_iter()), "A, B, C und 2 weitere");
        assert_eq!(count(1, "Dokument", "Dokumente"), "1 Dokument");
        assert_eq!(count(0, "Dokument", "Dokumente"), "0 Dokumente");
    }
}
