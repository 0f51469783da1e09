//! Commands of the Land's package editor: the draft of the next edition with its problems per
//! field (the import's own validation, [`Manifest::issues`]), documents added through the file
//! dialog, the costs for a sample population, and the review a municipality will see when it
//! imports the edition over the last one published.

use serde::Serialize;
use std::path::{Path, PathBuf};

use super::{Ctx, FileDialog, Result};
use crate::ags::Land;
use crate::catalogue::Catalogue;
use crate::installed::stored_file_name;
use crate::land_facts::{self, PointFacts};
use crate::land_profile::parse_land;
use crate::package::archive::Limits;
use crate::package::manifest::{
    costs_for, CostShare, Document, FieldIssue, LandRef, Manifest, FORMAT, MEDIA_TYPES,
};
use crate::package::review::{review, PackageReview};
use crate::package::source;
use crate::publication::Publication;
use crate::report::findings;
use crate::store::Store;
use crate::Error;

/// The draft as the editor shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PackageDraft {
    pub manifest: Manifest,
    /// Every problem, under the field it belongs to; publishing needs none.
    pub issues: Vec<FieldIssue>,
    /// The newest edition published, if any.
    pub published: Option<Publication>,
}

/// The draft of the next edition: the one saved, else the next version of the last edition
/// published, else a new package of the Land in the profile.
pub fn get_package_draft(cx: &Ctx) -> Result<PackageDraft> {
    let today = cx.desktop.today();
    cx.workspace.with_land(|s| {
        let manifest = match s.package_draft()? {
            Some(manifest) => manifest,
            None => start(s, today)?,
        };
        draft(s, manifest)
    })
}

/// Stores the draft as the editor has it (incomplete or not) and returns it with its problems.
/// The package's Land is the Land of the profile.
pub fn save_package_draft(cx: &Ctx, manifest: Manifest) -> Result<PackageDraft> {
    cx.workspace.with_land(|s| {
        let manifest = owned(s, manifest)?;
        s.save_package_draft(&manifest)?;
        draft(s, manifest)
    })
}

/// Lets the user pick a document, keeps a copy and lists it in the draft; `None` if cancelled.
pub fn add_draft_document(cx: &Ctx, title: Option<String>) -> Result<Option<PackageDraft>> {
    // Before the dialog: the draft must be there to add to.
    let mut manifest = get_package_draft(cx)?.manifest;
    let dialog = FileDialog {
        title: "Dokument hinzufügen",
        filter: "Dokumente (PDF, Text, CSV, OpenDocument, Word, Excel)",
        extensions: MEDIA_TYPES.iter().flat_map(|(_, exts)| exts.iter().copied()).collect(),
        file_name: None,
    };
    let Some(source) = cx.desktop.pick_file(&dialog)? else { return Ok(None) };
    let file_name =
        source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let Some((media_type, _)) = MEDIA_TYPES.iter().find(|(_, exts)| exts.contains(&ext.as_str()))
    else {
        return Err(Error::validation(
            "file",
            format!(
                "„{file_name}“ kann nicht ins Paket: erlaubt sind PDF, Text (.txt), CSV, \
                 OpenDocument (.odt, .ods) und Word/Excel (.docx, .xlsx)."
            ),
        )
        .into());
    };
    let stem = file_name.rsplit_once('.').map_or(file_name.as_str(), |(s, _)| s);
    let title = match title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(title) => title.to_owned(),
        None => stem.trim().to_owned(),
    };
    cx.workspace.with_land(|s| {
        let dir = s
            .documents_dir()
            .ok_or_else(|| Error::validation("file", "Dokumente brauchen eine Datenbankdatei."))?;
        let max = Limits::default().document_bytes;
        let (size, sha256) = crate::files::keep_by_content(&source, &dir, &ext, max, "file")?;
        let path = free_path(&manifest, &safe_name(stem), &ext);
        manifest.documents.push(Document {
            path,
            title,
            media_type: (*media_type).to_owned(),
            size,
            sha256,
        });
        s.save_package_draft(&manifest)?;
        draft(s, manifest).map(Some)
    })
}

/// Takes a document out of the draft (and out of the re-use model if it was its agreement).
pub fn remove_draft_document(cx: &Ctx, path: String) -> Result<PackageDraft> {
    let mut manifest = get_package_draft(cx)?.manifest;
    let before = manifest.documents.len();
    manifest.documents.retain(|d| d.path != path);
    if manifest.documents.len() == before {
        return Err(Error::validation(
            "path",
            format!("Das Dokument „{path}“ ist nicht im Paket."),
        )
        .into());
    }
    if manifest.reuse_model.document.as_deref() == Some(path.as_str()) {
        manifest.reuse_model.document = None;
    }
    cx.workspace.with_land(|s| {
        s.save_package_draft(&manifest)?;
        draft(s, manifest)
    })
}

/// What a municipality of `population` inhabitants would pay under the draft's cost models.
pub fn preview_costs(_cx: &Ctx, manifest: Manifest, population: u32) -> Result<Vec<CostShare>> {
    Ok(costs_for(&manifest, population))
}

/// The review a municipality will see when it imports the draft over the last edition published
/// (or as a new package): the import's own review, on the two editions.
pub fn review_package_draft(cx: &Ctx) -> Result<PackageReview> {
    let draft = get_package_draft(cx)?.manifest;
    let previous = cx.workspace.with_land(|s| s.last_published_manifest())?;
    Ok(review(previous.as_ref(), &draft, Catalogue::builtin()).map_err(Error::from)?)
}

/// Writes the draft as a package source folder at `dir` (`manifest.json` and `documents/`), as
/// `package build` reads it: the command line stays a full alternative to the app.
pub fn export_draft_source(cx: &Ctx, dir: &Path) -> Result<()> {
    let manifest = get_package_draft(cx)?.manifest;
    let documents = cx.workspace.with_land(|s| document_files(s, &manifest))?;
    source::write(dir, &manifest, &documents).map_err(Error::from)?;
    Ok(())
}

/// Makes the package source folder `dir` the draft: its manifest, and its documents kept by
/// content. The manifest must parse; its problems are the draft's, as in the editor.
pub fn import_draft_source(cx: &Ctx, dir: &Path) -> Result<PackageDraft> {
    let mut manifest = source::read(dir).map_err(Error::from)?;
    cx.workspace.with_land(|s| {
        let store_dir = s
            .documents_dir()
            .ok_or_else(|| Error::validation("file", "Dokumente brauchen eine Datenbankdatei."))?;
        let max = Limits::default().document_bytes;
        for d in &mut manifest.documents {
            crate::package::manifest::check_document_path(&d.path)?;
            let ext =
                d.path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
            (d.size, d.sha256) =
                crate::files::keep_by_content(&dir.join(&d.path), &store_dir, &ext, max, "file")?;
        }
        let manifest = owned(s, manifest)?;
        s.save_package_draft(&manifest)?;
        draft(s, manifest)
    })
}

/// The municipalities' built-in checklist: the points an addition belongs to and the items the
/// Land's guidance can name.
pub fn get_municipal_catalogue(_cx: &Ctx) -> Result<Catalogue> {
    Ok(Catalogue::builtin().clone())
}

/// The editions published, newest first.
pub fn list_publications(cx: &Ctx) -> Result<Vec<Publication>> {
    cx.workspace.with_land(|s| s.publications())
}

/// What the Land's package says about the points of the Land's checklist.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LandFacts {
    /// Where the facts come from, e.g. "Entwurf des Informationspakets, Version 2"; `None` while
    /// there is no package yet.
    pub source: Option<String>,
    pub points: Vec<PointFacts>,
    /// What the municipalities' reports say, e.g. "Berichte von 12 der 40 Kommunen"; `None`
    /// while no report has come in.
    pub reports_source: Option<String>,
    pub reports: Vec<PointFacts>,
}

/// What the draft (else the last edition published) and the municipalities' reports say about
/// the points of the Land's checklist.
pub fn get_land_facts(cx: &Ctx) -> Result<LandFacts> {
    let (source, points) = cx.workspace.with_land(|s| {
        Ok(match (s.package_draft()?, s.last_published_manifest()?) {
            (Some(m), _) => (
                Some(format!("Entwurf des Informationspakets, Version {}", m.version)),
                land_facts::facts(&m),
            ),
            (None, Some(m)) => {
                (Some(format!("Informationspaket, Version {}", m.version)), land_facts::facts(&m))
            }
            (None, None) => (None, Vec::new()),
        })
    })?;
    let overview = super::get_land_overview(cx, None)?;
    let (reports_source, reports) = if overview.reported == 0 {
        (None, Vec::new())
    } else {
        (
            Some(format!(
                "Berichte von {} der {} Kommunen",
                overview.reported, overview.municipalities
            )),
            findings::findings(&overview),
        )
    };
    Ok(LandFacts { source, points, reports_source, reports })
}

/// The document files of `manifest` as the build takes them: path in the package, stored file.
pub(super) fn document_files(
    store: &Store,
    manifest: &Manifest,
) -> crate::Result<Vec<(String, PathBuf)>> {
    let dir = store
        .documents_dir()
        .ok_or_else(|| Error::validation("file", "Dokumente brauchen eine Datenbankdatei."))?;
    Ok(manifest
        .documents
        .iter()
        .map(|d| (d.path.clone(), dir.join(stored_file_name(&d.sha256, &d.path))))
        .collect())
}

fn draft(store: &Store, manifest: Manifest) -> crate::Result<PackageDraft> {
    let issues = manifest.issues(Catalogue::builtin());
    let published = store.publications()?.into_iter().next();
    Ok(PackageDraft { manifest, issues, published })
}

/// The Land of the profile, or why there is none yet.
fn land(store: &Store) -> crate::Result<Land> {
    let profile = store.land_profile()?.ok_or_else(|| {
        Error::validation(
            "land_code",
            "Bitte legen Sie zuerst das Profil des Landes an: Das Paket trägt den Namen des Landes.",
        )
    })?;
    parse_land(&profile.land_code)
}

/// The first draft: the next version of the last edition published, else a new package.
fn start(store: &Store, today: chrono::NaiveDate) -> crate::Result<Manifest> {
    if let Some(last) = store.last_published_manifest()? {
        return Ok(last.next_version(today));
    }
    let land = land(store)?;
    Ok(Manifest::new_draft(land, format!("{}-anbindung", slug(land.name())), today))
}

/// The draft with the profile's Land and this format, whatever the editor sent.
fn owned(store: &Store, mut manifest: Manifest) -> crate::Result<Manifest> {
    let land = land(store)?;
    manifest.format = FORMAT.to_owned();
    manifest.land = LandRef { code: land.code(), name: land.name().to_owned() };
    Ok(manifest)
}

/// `text` as an ID: lower case, umlauts spelled out, every other run of characters a hyphen.
fn slug(text: &str) -> String {
    transliterate(&text.to_lowercase(), |_| false)
}

/// `text` in ASCII: umlauts and ß written out, letters, digits and the characters `keep` allows
/// kept, every other run of characters one `-`; no `-` at either end.
fn transliterate(text: &str, keep: impl Fn(char) -> bool) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'Ä' => out.push_str("Ae"),
            'Ö' => out.push_str("Oe"),
            'Ü' => out.push_str("Ue"),
            'ß' => out.push_str("ss"),
            c if c.is_ascii_alphanumeric() || keep(c) => out.push(c),
            _ if !out.ends_with('-') => out.push('-'),
            _ => {}
        }
    }
    out.trim_matches('-').to_owned()
}

/// A file name the package format allows: letters, digits, `.`, `_` and `-` only.
fn safe_name(stem: &str) -> String {
    let out = transliterate(stem, |c| c == '_' || c == '.');
    let out: String = out.trim_matches(['-', '.']).chars().take(100).collect();
    if out.is_empty() {
        "dokument".to_owned()
    } else {
        out
    }
}

/// `documents/<stem>.<ext>`, numbered if the draft has that path already.
fn free_path(manifest: &Manifest, stem: &str, ext: &str) -> String {
    let taken = |p: &str| manifest.documents.iter().any(|d| d.path == p);
    let mut path = format!("documents/{stem}.{ext}");
    let mut n = 2;
    while taken(&path) {
        path = format!("documents/{stem}-{n}.{ext}");
        n += 1;
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_desktop::Fixed;
    use crate::api::Workspace;
    use crate::error_code::ErrorCode;
    use crate::land_profile::LandProfileInput;
    use crate::workspace_kind::WorkspaceKind;

    fn day(text: &str) -> chrono::NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn names_become_ids_and_file_names() {
        assert_eq!(slug("Baden-Württemberg"), "baden-wuerttemberg");
        assert_eq!(slug("Thüringen"), "thueringen");
        assert_eq!(safe_name("Vereinbarung Nachnutzung (2027)"), "Vereinbarung-Nachnutzung-2027");
        assert_eq!(safe_name("Übersicht Gebühren"), "Uebersicht-Gebuehren");
        assert_eq!(safe_name("../..//"), "dokument");
        assert!(crate::package::manifest::check_document_path(&format!(
            "documents/{}.pdf",
            safe_name(".hidden $%& name")
        ))
        .is_ok());
    }

    #[test]
    fn a_draft_needs_the_lands_profile_and_starts_as_a_new_package() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open_as(Some(dir.path().join("land.sqlite")), WorkspaceKind::Land);
        let desktop = Fixed { file: None, today: day("2027-01-15") };
        let cx = Ctx { workspace: &ws, desktop: &desktop };
        let err = get_package_draft(&cx).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Validation);
        assert!(err.to_string().contains("Profil des Landes"), "{err}");

        ws.with_land(|s| {
            s.set_land_profile(&LandProfileInput { land_code: "08".into(), name: "IM".into() })
        })
        .unwrap();
        let draft = get_package_draft(&cx).unwrap();
        assert_eq!(draft.manifest.id, "baden-wuerttemberg-anbindung");
        assert_eq!((draft.manifest.version, draft.manifest.issued.as_str()), (1, "2027-01-15"));
        assert!(draft.issues.iter().any(|i| i.field == "reuse_model.description"));
        assert_eq!(draft.published, None);

        // Whatever Land the editor sends, the package is the profile's Land's.
        let mut manifest = draft.manifest.clone();
        manifest.land = LandRef { code: "03".into(), name: "Niedersachsen".into() };
        manifest.reuse_model.description = "Nachnutzung über den FIT-Store.".into();
        let saved = save_package_draft(&cx, manifest).unwrap();
        assert_eq!(saved.manifest.land.name, "Baden-Württemberg");
        assert_eq!(saved.issues, Vec::<FieldIssue>::new());
        assert_eq!(get_package_draft(&cx).unwrap().manifest, saved.manifest);

        // The Land's checklist shows what the draft says.
        let facts = get_land_facts(&cx).unwrap();
        assert_eq!(facts.source.as_deref(), Some("Entwurf des Informationspakets, Version 1"));
        assert!(facts.points.iter().any(|p| p.item_id == "land-nachnutzungsmodell"));

        // A municipality's workspace has no editor.
        let kommune = Workspace::open(Some(dir.path().join("kommune.sqlite")));
        let cx = Ctx { workspace: &kommune, desktop: &desktop };
        assert_eq!(get_package_draft(&cx).unwrap_err().code(), ErrorCode::WorkspaceWrongKind);
    }

    #[test]
    fn documents_are_kept_by_content_and_listed_under_a_safe_name() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open_as(Some(dir.path().join("land.sqlite")), WorkspaceKind::Land);
        ws.with_land(|s| {
            s.set_land_profile(&LandProfileInput { land_code: "03".into(), name: "MI".into() })
        })
        .unwrap();
        let file = dir.path().join("Vereinbarung Nachnutzung.pdf");
        std::fs::write(&file, b"%PDF-1.7 Vereinbarung").unwrap();
        let desktop = Fixed { file: Some(file.clone()), today: day("2027-01-15") };
        let cx = Ctx { workspace: &ws, desktop: &desktop };
        let draft = add_draft_document(&cx, None).unwrap().unwrap();
        let doc = &draft.manifest.documents[0];
        assert_eq!(doc.path, "documents/Vereinbarung-Nachnutzung.pdf");
        assert_eq!(
            (doc.title.as_str(), doc.media_type.as_str()),
            ("Vereinbarung Nachnutzung", "application/pdf")
        );
        assert_eq!(doc.size, 21);
        let stored = ws.with_land(|s| document_files(s, &draft.manifest)).unwrap();
        assert_eq!(std::fs::read(&stored[0].1).unwrap(), b"%PDF-1.7 Vereinbarung");
        // The same file again gets its own path; the re-use model may name it, and loses it with it.
        let mut draft = add_draft_document(&cx, Some("Zweitschrift".into())).unwrap().unwrap();
        assert_eq!(draft.manifest.documents[1].path, "documents/Vereinbarung-Nachnutzung-2.pdf");
        draft.manifest.reuse_model.document =
            Some("documents/Vereinbarung-Nachnutzung-2.pdf".into());
        save_package_draft(&cx, draft.manifest).unwrap();
        let draft =
            remove_draft_document(&cx, "documents/Vereinbarung-Nachnutzung-2.pdf".into()).unwrap();
        assert_eq!(draft.manifest.documents.len(), 1);
        assert_eq!(draft.manifest.reuse_model.document, None);
        let err = remove_draft_document(&cx, "documents/fehlt.pdf".into()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Validation);

        // Files the package cannot carry are refused before anything is kept.
        let exe = dir.path().join("setup.exe");
        std::fs::write(&exe, b"MZ").unwrap();
        let desktop = Fixed { file: Some(exe), today: day("2027-01-15") };
        let cx = Ctx { workspace: &ws, desktop: &desktop };
        let err = add_draft_document(&cx, None).unwrap_err();
        assert!(err.to_string().contains("„setup.exe“ kann nicht ins Paket"), "{err}");
        assert_eq!(get_package_draft(&cx).unwrap().manifest.documents.len(), 1);
    }
}
