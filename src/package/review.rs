//! What a newer edition of a package changes compared with the installed one, shown to the clerk
//! before the update is applied: checklist items and guidance added, changed or removed, and
//! changes to services, deadlines, costs, contacts, events and documents.
//!
//! [`review`] is the one place that decides this, from two manifests and nothing else: the
//! municipality's import calls it for the package it opened and the installed one, and the Land's
//! editor calls it for a draft and the last published edition, so the Land sees before publishing
//! exactly what each municipality will see.

use serde::Serialize;
use std::collections::BTreeMap;

use crate::catalogue::Catalogue;
use crate::keyed::keyed_enum;
use crate::package::manifest::Manifest;
use crate::package::PackageError;

/// What an import will do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ImportAction {
    New,
    Update,
    /// The same version is installed: nothing changes.
    Unchanged,
}

/// What the municipality is shown about a package's content before it confirms the import: the
/// package, whether it is new, an update or unchanged, and what an update changes. (The import's
/// preview adds the signing key: `ImportPreview`.)
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PackageReview {
    pub package_id: String,
    pub title: String,
    pub version: u32,
    pub land_code: String,
    pub land: String,
    pub issued: String,
    pub valid_until: String,
    /// The version installed before (the previously published one, in the editor).
    pub installed_version: Option<u32>,
    pub action: ImportAction,
    /// Empty unless the action is an update.
    pub changes: Vec<Change>,
    pub documents: u32,
    /// The documents' sizes as the manifest gives them (the build fills them in).
    pub document_bytes: u64,
}

/// Reviews `new` against `previous` (the installed edition, or the last published one; `None`
/// for a package the municipality does not have yet). An older version is refused, and so is the
/// same version with other content, with the messages the import gives. `catalogue` names the
/// items that guidance refers to. Pure: both manifests are expected to be valid.
pub fn review(
    previous: Option<&Manifest>,
    new: &Manifest,
    catalogue: &Catalogue,
) -> Result<PackageReview, PackageError> {
    let (action, changes) = match previous {
        None => (ImportAction::New, Vec::new()),
        Some(old) if old.version > new.version => {
            return Err(PackageError::OlderVersion {
                id: new.id.clone(),
                installed: old.version,
                offered: new.version,
            })
        }
        Some(old) if old.version == new.version => {
            if old != new {
                return Err(PackageError::ChangedSameVersion {
                    id: new.id.clone(),
                    version: new.version,
                });
            }
            (ImportAction::Unchanged, Vec::new())
        }
        Some(old) => (ImportAction::Update, changes(old, new, catalogue)),
    };
    Ok(PackageReview {
        package_id: new.id.clone(),
        title: new.title.clone(),
        version: new.version,
        land_code: new.land.code.clone(),
        land: new.land.name.clone(),
        issued: new.issued.clone(),
        valid_until: new.valid_until.clone(),
        installed_version: previous.map(|old| old.version),
        action,
        changes,
        documents: new.documents.len() as u32,
        document_bytes: new.documents.iter().map(|d| d.size).sum(),
    })
}

keyed_enum! {
    /// Kind of a change.
    pub enum ChangeKind (field = "kind", unknown = "Unbekannte Art der Änderung") {
        Added = ("added", "neu"),
        Changed = ("changed", "geändert"),
        Removed = ("removed", "entfernt"),
    }
}

keyed_enum! {
    /// What part of the package changed.
    pub enum ChangeArea (field = "area", unknown = "Unbekannter Teil des Pakets") {
        Aufgabe = ("aufgabe", "Aufgabe"),
        Hinweis = ("hinweis", "Hinweis des Landes"),
        Frist = ("frist", "Frist"),
        Kosten = ("kosten", "Kosten"),
        Kontakt = ("kontakt", "Kontakt"),
        Onlinedienst = ("onlinedienst", "Onlinedienst"),
        Veranstaltung = ("veranstaltung", "Veranstaltung"),
        Kommune = ("kommune", "Pilot- oder Partnerkommune"),
        Fachverfahren = ("fachverfahren", "Fachverfahren"),
        Dokument = ("dokument", "Dokument"),
        Nachnutzungsmodell = ("nachnutzungsmodell", "Nachnutzungsmodell"),
    }
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Change {
    pub area: ChangeArea,
    pub kind: ChangeKind,
    /// ID of what changed (item ID, service ID, …).
    pub id: String,
    /// Its title as the clerk knows it.
    pub title: String,
}

/// Compares keyed lists: added, changed (unequal), removed.
fn compare<T: PartialEq>(
    area: ChangeArea,
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> (String, String),
    out: &mut Vec<Change>,
) {
    let old: BTreeMap<String, (&T, String)> = old
        .iter()
        .map(|t| {
            let (k, title) = key(t);
            (k, (t, title))
        })
        .collect();
    let new: BTreeMap<String, (&T, String)> = new
        .iter()
        .map(|t| {
            let (k, title) = key(t);
            (k, (t, title))
        })
        .collect();
    for (id, (t, title)) in &new {
        let kind = match old.get(id) {
            None => ChangeKind::Added,
            Some((o, _)) if *o != *t => ChangeKind::Changed,
            Some(_) => continue,
        };
        out.push(Change { area, kind, id: id.clone(), title: title.clone() });
    }
    for (id, (_, title)) in &old {
        if !new.contains_key(id) {
            out.push(Change {
                area,
                kind: ChangeKind::Removed,
                id: id.clone(),
                title: title.clone(),
            });
        }
    }
}

/// Everything that differs between the installed and the offered manifest, sorted by area.
/// Guidance on an item neither manifest adds is titled from `catalogue`.
pub fn changes(old: &Manifest, new: &Manifest, catalogue: &Catalogue) -> Vec<Change> {
    let mut out = Vec::new();
    let (oa, na) = (&old.checklist.additions, &new.checklist.additions);
    // Item content and deadlines are reported separately: a new deadline is not a new task.
    compare(ChangeArea::Aufgabe, oa, na, |a| (a.id.clone(), a.title.clone()), &mut out);
    out.retain(|c| {
        if c.kind != ChangeKind::Changed {
            return true;
        }
        let (o, n) = (oa.iter().find(|a| a.id == c.id), na.iter().find(|a| a.id == c.id));
        matches!((o, n), (Some(o), Some(n)) if (o.title != n.title || o.explanation != n.explanation
            || o.point != n.point || o.dimension != n.dimension || o.actor != n.actor))
    });
    for n in na {
        if let Some(o) = oa.iter().find(|a| a.id == n.id) {
            if o.deadline != n.deadline {
                out.push(Change {
                    area: ChangeArea::Frist,
                    kind: ChangeKind::Changed,
                    id: n.id.clone(),
                    title: n.title.clone(),
                });
            }
        }
    }
    let guidance_title = |item: &str| {
        na.iter().chain(oa).find(|a| a.id == item).map(|a| a.title.clone()).unwrap_or_else(|| {
            catalogue.item(item).map(|i| i.title.clone()).unwrap_or_else(|| item.to_owned())
        })
    };
    compare(
        ChangeArea::Hinweis,
        &old.checklist.guidance,
        &new.checklist.guidance,
        |g| (g.item.clone(), guidance_title(&g.item)),
        &mut out,
    );
    compare(
        ChangeArea::Onlinedienst,
        &old.services,
        &new.services,
        |s| (s.id.clone(), s.name.clone()),
        &mut out,
    );
    compare(
        ChangeArea::Kosten,
        &old.costs,
        &new.costs,
        |c| {
            let id = c.service.clone().unwrap_or_default();
            let title = c
                .service
                .as_ref()
                .and_then(|s| new.services.iter().chain(&old.services).find(|x| &x.id == s))
                .map(|s| format!("Kosten für {}", s.name))
                .unwrap_or_else(|| "Kosten für alle Dienste".to_owned());
            (id, title)
        },
        &mut out,
    );
    compare(
        ChangeArea::Kontakt,
        &old.contacts,
        &new.contacts,
        |c| (c.id.clone(), c.name.clone()),
        &mut out,
    );
    compare(
        ChangeArea::Veranstaltung,
        &old.events,
        &new.events,
        |e| (e.id.clone(), e.title.clone()),
        &mut out,
    );
    for n in &new.events {
        if let Some(o) = old.events.iter().find(|e| e.id == n.id) {
            if o.registration_deadline != n.registration_deadline || o.start != n.start {
                out.push(Change {
                    area: ChangeArea::Frist,
                    kind: ChangeKind::Changed,
                    id: n.id.clone(),
                    title: n.title.clone(),
                });
            }
        }
    }
    compare(
        ChangeArea::Kommune,
        &old.municipalities,
        &new.municipalities,
        |m| (m.ags.clone(), m.name.clone()),
        &mut out,
    );
    compare(
        ChangeArea::Fachverfahren,
        &old.fachverfahren,
        &new.fachverfahren,
        |f| (f.id.clone(), f.product.clone()),
        &mut out,
    );
    compare(
        ChangeArea::Dokument,
        &old.documents,
        &new.documents,
        |d| (d.path.clone(), d.title.clone()),
        &mut out,
    );
    if old.reuse_model != new.reuse_model {
        out.push(Change {
            area: ChangeArea::Nachnutzungsmodell,
            kind: ChangeKind::Changed,
            id: "reuse_model".into(),
            title: new.reuse_model.kind.label().to_owned(),
        });
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Manifest {
        let text = include_str!("../../examples/paket-vergabe/manifest.json");
        crate::package::manifest::parse_manifest(text).unwrap()
    }

    #[test]
    fn a_changed_checklist_item_is_the_one_change_of_the_next_version() {
        let v1 = example();
        let mut v2 = v1.clone();
        v2.version = 2;
        v2.checklist.additions[0].explanation.push_str(" Neu: Die Frist gilt auch für Ämter.");
        let item = v2.checklist.additions[0].clone();

        let shown = review(Some(&v1), &v2, Catalogue::builtin()).unwrap();
        assert_eq!(
            (shown.action, shown.installed_version, shown.version),
            (ImportAction::Update, Some(1), 2)
        );
        assert_eq!(
            shown.changes,
            [Change {
                area: ChangeArea::Aufgabe,
                kind: ChangeKind::Changed,
                id: item.id.clone(),
                title: item.title.clone(),
            }]
        );
        assert_eq!(
            (shown.package_id.as_str(), shown.land.as_str()),
            (v2.id.as_str(), "Niedersachsen")
        );
        assert_eq!(shown.documents as usize, v2.documents.len());

        // A new deadline is a deadline change, not a changed task.
        let mut v3 = v2.clone();
        v3.version = 3;
        v3.checklist.additions[0].deadline = Some("2027-06-30".into());
        let changes = review(Some(&v2), &v3, Catalogue::builtin()).unwrap().changes;
        assert_eq!(changes.len(), 1);
        assert_eq!((changes[0].area, changes[0].kind), (ChangeArea::Frist, ChangeKind::Changed));
    }

    #[test]
    fn a_first_version_is_new_and_the_same_one_unchanged_or_refused() {
        let v1 = example();
        let first = review(None, &v1, Catalogue::builtin()).unwrap();
        assert_eq!((first.action, first.installed_version), (ImportAction::New, None));
        assert!(first.changes.is_empty());
        let same = review(Some(&v1), &v1, Catalogue::builtin()).unwrap();
        assert_eq!((same.action, same.installed_version), (ImportAction::Unchanged, Some(1)));

        let mut other = v1.clone();
        other.title.push_str(" (neu)");
        let err = review(Some(&v1), &other, Catalogue::builtin()).unwrap_err();
        assert!(matches!(err, PackageError::ChangedSameVersion { version: 1, .. }), "{err}");
        let mut newer = v1.clone();
        newer.version = 2;
        let err = review(Some(&newer), &v1, Catalogue::builtin()).unwrap_err();
        assert!(matches!(err, PackageError::OlderVersion { installed: 2, offered: 1, .. }));
    }
}
