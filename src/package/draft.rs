//! Where the Land's editor starts: a new package, and the next edition of a published one.
//! Neither is valid as it is (a new package still lacks its content); the editor shows what is
//! missing with [`Manifest::issues`].

use chrono::{Months, NaiveDate};

use crate::ags::Land;
use crate::package::manifest::{
    ChecklistChanges, LandRef, Manifest, ReuseKind, ReuseModel, FORMAT,
};

impl Manifest {
    /// A first edition for `land` with the package ID `id`: version 1, issued `today`, valid for
    /// a year, a re-use model still to be described, and nothing else yet.
    pub fn new_draft(land: Land, id: impl Into<String>, today: NaiveDate) -> Manifest {
        Manifest {
            format: FORMAT.to_owned(),
            id: id.into(),
            version: 1,
            title: format!("Informationspaket des Landes {}", land.name()),
            description: None,
            land: LandRef { code: land.code(), name: land.name().to_owned() },
            issued: today.to_string(),
            // 29 February becomes 28 February.
            valid_until: today.checked_add_months(Months::new(12)).unwrap_or(today).to_string(),
            contacts: Vec::new(),
            services: Vec::new(),
            reuse_model: ReuseModel {
                kind: ReuseKind::FitStore,
                description: String::new(),
                document: None,
            },
            costs: Vec::new(),
            events: Vec::new(),
            municipalities: Vec::new(),
            fachverfahren: Vec::new(),
            checklist: ChecklistChanges::default(),
            documents: Vec::new(),
        }
    }

    /// The next edition: the version after this one, issued `today`, with everything else as it
    /// is (documents keep their paths and hashes). A `valid_until` that has passed stays and is
    /// one of the editor's issues.
    pub fn next_version(&self, today: NaiveDate) -> Manifest {
        Manifest {
            version: self.version.saturating_add(1),
            issued: today.to_string(),
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ags::Land;
    use crate::catalogue::Catalogue;
    use crate::package::manifest::{parse_manifest, Manifest};
    use crate::package::review::{review, ImportAction};
    use chrono::NaiveDate;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_new_draft_lacks_only_the_description_of_its_reuse_model() {
        let land = Land::from_code(3).unwrap();
        let draft = Manifest::new_draft(land, "ni-vergabe", day("2028-02-29"));
        assert_eq!(draft.title, "Informationspaket des Landes Niedersachsen");
        assert_eq!((draft.land.code.as_str(), draft.land.name.as_str()), ("03", "Niedersachsen"));
        assert_eq!((draft.version, draft.issued.as_str()), (1, "2028-02-29"));
        assert_eq!(draft.valid_until, "2029-02-28");
        let fields: Vec<_> =
            draft.issues(Catalogue::builtin()).into_iter().map(|i| i.field).collect();
        assert_eq!(fields, ["reuse_model.description"]);
        // It is written and read like any manifest.
        let text = serde_json::to_string_pretty(&draft).unwrap();
        assert_eq!(parse_manifest(&text).unwrap(), draft);
    }

    #[test]
    fn the_next_version_keeps_everything_but_version_and_issue_date() {
        let text = include_str!("../../examples/paket-vergabe/manifest.json");
        let v1 = parse_manifest(text).unwrap();
        let v2 = v1.next_version(day("2027-05-04"));
        assert_eq!((v2.version, v2.issued.as_str()), (2, "2027-05-04"));
        assert_eq!(Manifest { version: 1, issued: v1.issued.clone(), ..v2.clone() }, v1);
        let shown = review(Some(&v1), &v2, Catalogue::builtin()).unwrap();
        assert_eq!(shown.action, ImportAction::Update);
        assert!(shown.changes.is_empty(), "{:?}", shown.changes);
    }
}
