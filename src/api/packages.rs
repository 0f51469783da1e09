//! Commands around the Land's information packages: choose a file and see what importing it
//! would do, import it with progress, the decisions per service, events, documents and the review
//! of changed entries.

use ed25519_dalek::VerifyingKey;
use std::borrow::Cow;
use std::path::Path;

use super::{ApiError, Ctx, FileDialog, Result};
use crate::catalogue::Catalogue;
use crate::installed::{
    stored_file_name, ImportAction, ImportPreview, InstalledPackage, KeyStatus, ServiceDecision,
};
use crate::package::archive::{self, Limits, Progress};
use crate::package::manifest::{parse_manifest, Manifest};
use crate::package::{review, signing, PackageError};
use crate::{store::Store, Error};

/// What the store holds about a package being imported: the keys trusted for its Land, the
/// catalogue (built-in and installed items) and the installed version with its manifest text.
pub struct Installed<'a> {
    pub trusted_keys: &'a [String],
    pub catalogue: &'a Catalogue,
    pub current: Option<(u32, String)>,
}

/// Decides what importing a checked package would do: whether its key is trusted, is the first
/// of its Land or is refused, whether its additions collide with another package's items, and
/// whether it is new, an update (with the changes) or unchanged; an older version, or the same
/// version with other content, is refused. Pure: it reads nothing and writes nothing.
pub fn plan(
    manifest: &Manifest,
    manifest_bytes: &[u8],
    signer: &VerifyingKey,
    installed: Installed,
) -> crate::Result<ImportPreview> {
    let land = manifest.land().expect("validated");
    let fingerprint = signing::fingerprint(signer);
    let key = if installed.trusted_keys.is_empty() {
        KeyStatus::FirstOfLand
    } else if installed.trusted_keys.contains(&signing::public_hex(signer)) {
        KeyStatus::Trusted
    } else {
        return Err(PackageError::WrongKey { land: land.name().to_owned(), fingerprint }.into());
    };
    // Items a package adds must not collide with those of another package.
    for a in &manifest.checklist.additions {
        if let Some(other) = installed.catalogue.item(&a.id).and_then(|i| i.package.as_ref()) {
            if *other != manifest.id {
                return Err(PackageError::Invalid(format!(
                    "Zusatzaufgabe „{}“ gibt es schon im Paket „{other}“.",
                    a.id
                ))
                .into());
            }
        }
    }
    let previous = match &installed.current {
        None => None,
        // Ordered by the installed version as recorded, before its manifest is read.
        Some((v, _)) if *v > manifest.version => {
            return Err(PackageError::OlderVersion {
                id: manifest.id.clone(),
                installed: *v,
                offered: manifest.version,
            }
            .into())
        }
        // The signature covers the exact bytes: the same version must be the same bytes.
        Some((v, json)) if *v == manifest.version => {
            if json.as_bytes() != manifest_bytes {
                return Err(PackageError::ChangedSameVersion {
                    id: manifest.id.clone(),
                    version: *v,
                }
                .into());
            }
            Some(Cow::Borrowed(manifest))
        }
        Some((_, json)) => Some(Cow::Owned(parse_manifest(json)?)),
    };
    // What the municipality is shown is the review the Land's editor shows before publishing.
    let review = review::review(previous.as_deref(), manifest, installed.catalogue)?;
    Ok(ImportPreview::new(review, fingerprint, key))
}

/// Plans the import of an opened package against what `store` holds.
fn plan_for(store: &Store, opened: &archive::OpenedPackage) -> crate::Result<ImportPreview> {
    let land = opened.manifest.land().expect("validated");
    let trusted_keys = store.trusted_keys(&land.code())?;
    let catalogue = store.catalogue()?;
    let current = store.installed_manifest(&opened.manifest.id)?;
    let installed = Installed { trusted_keys: &trusted_keys, catalogue: &catalogue, current };
    plan(&opened.manifest, &opened.manifest_bytes, &opened.signer, installed)
}

/// Checks the trust the user gave for a Land's first key against the package's fingerprint.
fn check_trust(plan: &ImportPreview, trust: Option<&str>) -> crate::Result<()> {
    if plan.key != KeyStatus::FirstOfLand {
        return Ok(());
    }
    match trust {
        None => Err(PackageError::UntrustedKey {
            land: plan.land.clone(),
            fingerprint: plan.fingerprint.clone(),
        }
        .into()),
        Some(given)
            if signing::normalize_fingerprint(given)
                != signing::normalize_fingerprint(&plan.fingerprint) =>
        {
            Err(PackageError::FingerprintMismatch {
                given: given.trim().to_owned(),
                actual: plan.fingerprint.clone(),
            }
            .into())
        }
        Some(_) => Ok(()),
    }
}

/// Checks a package file and says what importing it would do. Writes nothing.
pub fn preview_file(store: &Store, path: &Path) -> crate::Result<ImportPreview> {
    let opened = archive::open(path, &Limits::default(), Catalogue::builtin())?;
    plan_for(store, &opened)
}

/// Imports a package file: checks it completely, then applies it in one transaction.
///
/// The first package of a Land needs `trust` = the fingerprint of its key, as confirmed by the
/// user. Re-importing the installed version changes nothing; an older one is refused.
pub fn import_file(
    store: &mut Store,
    path: &Path,
    trust: Option<&str>,
    progress: &mut dyn FnMut(Progress),
) -> crate::Result<ImportPreview> {
    import_file_with(store, path, trust, &Limits::default(), progress)
}

/// [`import_file`] with explicit limits (tests, benchmarks).
pub fn import_file_with(
    store: &mut Store,
    path: &Path,
    trust: Option<&str>,
    limits: &Limits,
    progress: &mut dyn FnMut(Progress),
) -> crate::Result<ImportPreview> {
    let opened = archive::open(path, limits, Catalogue::builtin())?;
    let mut planned = plan_import(store, opened, trust)?;
    if planned.plan.action == ImportAction::Unchanged {
        return Ok(planned.plan);
    }
    let extracted = planned.opened.extract(&planned.dir, progress)?;
    finish_import(store, &planned, extracted)?;
    Ok(planned.plan)
}

/// An import planned against the store, its documents not yet extracted. With the action
/// `Unchanged` there is nothing to write.
struct ToImport {
    opened: archive::OpenedPackage,
    plan: ImportPreview,
    /// The store's `data_version` the plan was made at.
    planned_at: i64,
    /// Where the documents go.
    dir: std::path::PathBuf,
    manifest_text: String,
}

/// Plans the import of an opened package and checks the trust given for a Land's first key.
/// Reads the store, writes nothing.
fn plan_import(
    store: &Store,
    opened: archive::OpenedPackage,
    trust: Option<&str>,
) -> crate::Result<ToImport> {
    let planned_at = store.data_version()?;
    let plan = plan_for(store, &opened)?;
    check_trust(&plan, trust)?;
    let manifest_text =
        std::str::from_utf8(&opened.manifest_bytes).map_err(|_| PackageError::NotUtf8)?.to_owned();
    let dir = store.documents_dir().ok_or_else(|| {
        Error::io(
            "<memory>",
            std::io::Error::other("Eine Datenbank im Speicher kann keine Dokumente ablegen."),
        )
    })?;
    Ok(ToImport { opened, plan, planned_at, dir, manifest_text })
}

/// Puts the extracted documents in place and writes the import, if the plan still holds;
/// otherwise, and on any failure, removes what it placed and writes nothing.
fn finish_import(
    store: &mut Store,
    planned: &ToImport,
    extracted: Vec<archive::ExtractedDocument>,
) -> crate::Result<()> {
    let mut placed = Vec::new();
    let result = (|| -> crate::Result<()> {
        // The extraction ran without the store: the plan must still be what it was.
        if plan_for(store, &planned.opened)? != planned.plan {
            return Err(Error::validation(
                "package",
                "Während des Einlesens wurden die Pakete geändert. Bitte lesen Sie das Paket \
                 erneut ein.",
            ));
        }
        for doc in &extracted {
            let target =
                planned.dir.join(stored_file_name(&doc.document.sha256, &doc.document.path));
            if target.exists() {
                std::fs::remove_file(&doc.temp_path).map_err(|e| Error::io(&doc.temp_path, e))?;
            } else {
                std::fs::rename(&doc.temp_path, &target).map_err(|e| Error::io(&target, e))?;
                placed.push((target, &doc.document.sha256));
            }
        }
        let signer = signing::public_hex(&planned.opened.signer);
        let m = &planned.opened.manifest;
        store.apply_import(m, &planned.manifest_text, &planned.plan, &signer, planned.planned_at)
    })();
    if let Err(e) = result {
        for doc in &extracted {
            let _ = std::fs::remove_file(&doc.temp_path);
        }
        // A file another import placed meanwhile and recorded stays.
        for (file, sha256) in placed {
            if !matches!(store.document_recorded(sha256), Ok(true)) {
                let _ = std::fs::remove_file(file);
            }
        }
        return Err(e);
    }
    Ok(())
}

/// Lets the user pick a package file and shows what importing it would do. Writes nothing.
pub fn choose_package(cx: &Ctx) -> Result<Option<ImportPreview>> {
    let dialog = FileDialog {
        title: "Informationspaket des Landes einlesen",
        filter: "Informationspaket",
        extensions: vec!["zip"],
        file_name: None,
    };
    let Some(path) = cx.desktop.pick_file(&dialog)? else {
        cx.workspace.set_pending_package(None);
        return Ok(None);
    };
    cx.workspace.set_pending_package(Some(path.clone()));
    cx.workspace.with(|s| preview_file(s, &path)).map(Some)
}

/// Imports the package the user picked; `trust` confirms the fingerprint of a Land's first key.
/// The package is opened and its documents extracted without holding the store, so other
/// commands go on meanwhile; progress goes to the desktop, at most one message per percent.
pub fn import_package(cx: &Ctx, trust: Option<String>) -> Result<ImportPreview> {
    let path = cx
        .workspace
        .pending_package()
        .ok_or_else(|| ApiError::Desktop("Bitte wählen Sie zuerst eine Paketdatei aus.".into()))?;
    let opened = archive::open(&path, &Limits::default(), Catalogue::builtin())
        .map_err(crate::Error::from)?;
    let mut planned = cx.workspace.with(|s| plan_import(s, opened, trust.as_deref()))?;
    if planned.plan.action == ImportAction::Unchanged {
        cx.workspace.set_pending_package(None);
        return Ok(planned.plan);
    }
    let mut last = u64::MAX;
    let extracted = planned
        .opened
        .extract(&planned.dir, &mut |p: Progress| {
            let percent = p.done * 100 / p.total.max(1);
            if percent != last {
                last = percent;
                cx.desktop.progress(p);
            }
        })
        .map_err(crate::Error::from)?;
    cx.workspace.with(|s| finish_import(s, &planned, extracted))?;
    cx.workspace.set_pending_package(None);
    Ok(planned.plan)
}

/// The installed packages with everything they carry.
pub fn list_packages(cx: &Ctx) -> Result<Vec<InstalledPackage>> {
    cx.workspace.with(|s| s.packages())
}

/// Records whether the municipality takes part in a service.
pub fn set_service_decision(
    cx: &Ctx,
    package_id: String,
    service_id: String,
    decision: ServiceDecision,
) -> Result<ServiceDecision> {
    cx.workspace.with(|s| s.set_service_decision(&package_id, &service_id, &decision))
}

/// Marks an event of a package as attended (or not).
pub fn set_event_attended(
    cx: &Ctx,
    package_id: String,
    event_id: String,
    attended: bool,
) -> Result<()> {
    cx.workspace.with(|s| s.set_event_attended(&package_id, &event_id, attended))
}

/// Clears the "bitte prüfen" flag of a checklist entry.
pub fn confirm_review(cx: &Ctx, item_id: String) -> Result<()> {
    cx.workspace.with(|s| s.confirm_review(&item_id))
}

/// Opens a document of an imported package in the system viewer.
pub fn open_document(cx: &Ctx, package_id: String, path: String) -> Result<()> {
    let file = cx.workspace.with(|s| s.document_file(&package_id, &path))?;
    cx.desktop.open_path(&file)
}

/// Saves one event (or all events of a package) as an .ics file where the user chooses.
/// Returns the saved path, or `None` if the user cancelled.
pub fn export_ics(
    cx: &Ctx,
    package_id: String,
    event_id: Option<String>,
) -> Result<Option<String>> {
    let calendar = cx.workspace.with(|s| s.calendar(&package_id, event_id.as_deref()))?;
    let dialog = FileDialog {
        title: "Termin als Kalenderdatei speichern",
        filter: "Kalender (iCalendar)",
        extensions: vec!["ics"],
        file_name: Some(format!("{}.ics", event_id.as_deref().unwrap_or("veranstaltungen"))),
    };
    let Some(path) = cx.desktop.save_file(&dialog)? else { return Ok(None) };
    crate::files::write_atomic(&path, calendar.as_bytes())?;
    Ok(Some(path.display().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::build;
    use ed25519_dalek::SigningKey;

    const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/paket-vergabe");

    /// The example package, built and opened (no database involved).
    fn opened(dir: &Path, key: u8) -> archive::OpenedPackage {
        let path = dir.join(format!("paket-{key}.zip"));
        build::build(
            Path::new(EXAMPLE),
            &SigningKey::from_bytes(&[key; 32]),
            &path,
            Catalogue::builtin(),
        )
        .unwrap();
        archive::open(&path, &Limits::default(), Catalogue::builtin()).unwrap()
    }

    fn decide(
        p: &archive::OpenedPackage,
        keys: &[String],
        current: Option<(u32, String)>,
    ) -> crate::Result<ImportPreview> {
        let installed = Installed { trusted_keys: keys, catalogue: Catalogue::builtin(), current };
        plan(&p.manifest, &p.manifest_bytes, &p.signer, installed)
    }

    #[test]
    fn the_plan_decides_trust_and_version_order_without_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let p = opened(dir.path(), 7);
        let own = vec![signing::public_hex(&p.signer)];
        let text = String::from_utf8(p.manifest_bytes.clone()).unwrap();
        let v = p.manifest.version;

        let first = decide(&p, &[], None).unwrap();
        assert_eq!(
            (first.key, first.action, first.installed_version),
            (KeyStatus::FirstOfLand, ImportAction::New, None)
        );
        assert_eq!(first.fingerprint, signing::fingerprint(&p.signer));
        let trusted = decide(&p, &own, None).unwrap();
        assert_eq!(trusted.key, KeyStatus::Trusted);
        let again = decide(&p, &own, Some((v, text.clone()))).unwrap();
        assert_eq!((again.action, again.installed_version), (ImportAction::Unchanged, Some(v)));

        let other_key = decide(&p, &[signing::public_hex(&opened(dir.path(), 8).signer)], None);
        assert_eq!(other_key.unwrap_err().code(), crate::error_code::ErrorCode::PackageWrongKey);
        let older = decide(&p, &own, Some((v + 1, text.clone())));
        assert_eq!(older.unwrap_err().code(), crate::error_code::ErrorCode::PackageOlder);
        let changed = decide(&p, &own, Some((v, text.replacen("\"title\"", "\"title\" ", 1))));
        assert_eq!(changed.unwrap_err().code(), crate::error_code::ErrorCode::PackageOlder);
    }

    #[test]
    fn an_import_whose_plan_changed_during_extraction_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("kommune.sqlite")).unwrap();
        let trust = signing::fingerprint(&opened(dir.path(), 7).signer);
        let mut planned = plan_import(&store, opened(dir.path(), 7), Some(&trust)).unwrap();
        assert_eq!(planned.plan.action, ImportAction::New);
        let extracted = planned.opened.extract(&planned.dir, &mut |_| {}).unwrap();
        assert!(!extracted.is_empty());
        // Meanwhile the same package is imported through the same store.
        let path = dir.path().join("paket-7.zip");
        import_file(&mut store, &path, Some(&trust), &mut |_| {}).unwrap();
        let before = store.packages().unwrap();
        let temps: Vec<_> = extracted.iter().map(|d| d.temp_path.clone()).collect();

        let err = finish_import(&mut store, &planned, extracted).unwrap_err();
        assert!(err.to_string().contains("erneut ein"), "{err}");
        assert_eq!(store.packages().unwrap(), before);
        assert!(temps.iter().all(|t| !t.exists()), "the extracted files are removed");
    }
}
