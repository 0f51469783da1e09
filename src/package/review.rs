//! What a newer edition of a package changes compared with the installed one, shown to the clerk
//! before the update is applied: checklist items and guidance added, changed or removed, and
//! changes to services, deadlines, costs, contacts, events and documents.

use serde::Serialize;
use std::collections::BTreeMap;

use crate::keyed::keyed_enum;
use crate::package::manifest::Manifest;

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
pub fn changes(old: &Manifest, new: &Manifest) -> Vec<Change> {
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
            crate::catalogue::Catalogue::builtin()
                .item(item)
                .map(|i| i.title.clone())
                .unwrap_or_else(|| item.to_owned())
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
