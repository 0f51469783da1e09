//! Commands around the Land's information packages: choose a file and see what importing it
//! would do (the trust in its key included: trusted, endorsed by a trusted key, revoked), import
//! it with progress, import a revocation of a Land's key on its own, the decisions per service,
//! events, documents and the review of changed entries.

use ed25519_dalek::VerifyingKey;
use std::borrow::Cow;
use std::path::Path;

use super::{ApiError, Ctx, FileDialog, Result};
use crate::admin_settings::AdminSettings;
use crate::catalogue::Catalogue;
use crate::installed::{
    stored_file_name, ImportAction, ImportPreview, InstalledPackage, KeyChange, KeyStatus, OwnLand,
    RevokedKey,
};
use crate::package::archive::{self, Limits, Progress};
use crate::package::manifest::{parse_manifest, Manifest};
use crate::package::statement::{self, Endorsement, Revocation, Signed};
use crate::package::{review, signing, PackageError};
use crate::{store::Store, Error};

/// What the store holds about a package being imported: the municipality's own Land, the keys
/// trusted for the package's Land, the revoked keys (of any Land), the catalogue (built-in and
/// installed items) and the installed version with its manifest text.
pub struct Installed<'a> {
    pub own_land: OwnLand,
    pub trusted_keys: &'a [String],
    /// The settings of the IT department, whose trusted keys need no confirmation.
    pub admin: Option<&'a AdminSettings>,
    pub revoked_keys: &'a [RevokedKey],
    pub catalogue: &'a Catalogue,
    pub current: Option<(u32, String)>,
}

/// A checked package as the trust decision sees it: the manifest with its exact bytes, the key
/// that signed it, and the statements about keys it carries.
pub struct Offered<'a> {
    pub manifest: &'a Manifest,
    pub manifest_bytes: &'a [u8],
    pub signer: &'a VerifyingKey,
    pub endorsement: Option<&'a Endorsement>,
    pub revocations: &'a [Signed<Revocation>],
}

impl<'a> From<&'a archive::OpenedPackage> for Offered<'a> {
    fn from(p: &'a archive::OpenedPackage) -> Offered<'a> {
        Offered {
            manifest: &p.manifest,
            manifest_bytes: &p.manifest_bytes,
            signer: &p.signer,
            endorsement: p.endorsement.as_ref(),
            revocations: &p.revocations,
        }
    }
}

/// Decides whether the key that signed a package is trusted: refused if it (or the key that
/// endorsed it) is revoked, by a stored revocation or one the package carries; trusted if the
/// municipality trusts it for the package's Land; taken over if a trusted key of that Land
/// endorsed it; to be confirmed if the Land has no trusted key (yet, or no longer: every one
/// revoked); refused otherwise.
fn decide_key(
    offered: &Offered,
    installed: &Installed,
    carried: &[RevokedKey],
) -> crate::Result<(KeyStatus, Option<KeyChange>)> {
    let land = offered.manifest.land().expect("validated");
    let revoked = |key: &VerifyingKey| {
        let hex = signing::public_hex(key);
        installed.revoked_keys.iter().chain(carried).find(|r| r.public_key == hex).cloned()
    };
    if let Some(r) = revoked(offered.signer) {
        return Err(PackageError::KeyRevoked {
            land: r.land_name().to_owned(),
            date: r.revoked_on(),
            fingerprint: r.fingerprint,
            reason: r.reason,
        }
        .into());
    }
    let signer = signing::public_hex(offered.signer);
    let fingerprint = signing::fingerprint(offered.signer);
    let trusted: Vec<&String> = installed
        .trusted_keys
        .iter()
        .filter(|k| !installed.revoked_keys.iter().chain(carried).any(|r| r.public_key == **k))
        .collect();
    if trusted.contains(&&signer) {
        return Ok((KeyStatus::Trusted, None));
    }
    if installed.admin.is_some_and(|a| a.trusts(&land.code(), &fingerprint)) {
        return Ok((KeyStatus::Preset, None));
    }
    if installed.trusted_keys.is_empty() {
        return Ok((KeyStatus::FirstOfLand, None));
    }
    if let Some(e) = offered.endorsement {
        let old_fingerprint = signing::fingerprint(&e.old_key);
        if e.land != land {
            return Err(PackageError::Endorsement(format!(
                "Sie gilt für das Land {}, das Paket ist aber von {}.",
                e.land.name(),
                land.name()
            ))
            .into());
        }
        if let Some(r) = revoked(&e.old_key) {
            return Err(PackageError::EndorserRevoked {
                land: r.land_name().to_owned(),
                date: r.revoked_on(),
                fingerprint: r.fingerprint,
                reason: r.reason,
            }
            .into());
        }
        if !trusted.contains(&&signing::public_hex(&e.old_key)) {
            return Err(PackageError::Endorsement(format!(
                "Sie ist mit dem Schlüssel {old_fingerprint} signiert, dem diese Kommune für {} \
                 nicht vertraut. Das Paket (Schlüssel {fingerprint}) wird nicht eingelesen.",
                land.name()
            ))
            .into());
        }
        let message = format!(
            "Das Land verwendet einen neuen Schlüssel. Der bisherige Schlüssel {old_fingerprint} \
             hat den neuen Schlüssel {fingerprint} am {} bestätigt.",
            statement::german_date(e.date)
        );
        let change = KeyChange {
            old_fingerprint,
            new_fingerprint: fingerprint,
            endorsed_on: e.date.format("%Y-%m-%d").to_string(),
            message,
        };
        return Ok((KeyStatus::Endorsed, Some(change)));
    }
    if trusted.is_empty() {
        return Ok((KeyStatus::AfterRevocation, None));
    }
    Err(PackageError::WrongKey { land: land.name().to_owned(), fingerprint }.into())
}

/// Decides what importing a checked package would do: refused if it is for another Land than
/// the municipality's ([`OwnLand::admit`]); whether its key is trusted, endorsed by
/// a trusted key, revoked, the first of its Land or refused ([`decide_key`]), which revocations
/// it brings, whether its additions collide with another package's items, and whether it is
/// new, an update (with the changes) or unchanged; an older version, or the same version with
/// other content, is refused. Pure: it reads nothing and writes nothing.
pub fn plan(offered: Offered, installed: Installed) -> crate::Result<ImportPreview> {
    let manifest = offered.manifest;
    let manifest_bytes = offered.manifest_bytes;
    let land = manifest.land().expect("validated");
    installed.own_land.admit(land)?;
    let fingerprint = signing::fingerprint(offered.signer);
    let mut revocations: Vec<RevokedKey> = Vec::new();
    for signed in offered.revocations {
        if signed.statement.land != land {
            return Err(PackageError::Revocation(format!(
                "Der Widerruf des Schlüssels {} gilt für das Land {}, das Paket ist aber von {}.",
                signed.statement.fingerprint(),
                signed.statement.land.name(),
                land.name()
            ))
            .into());
        }
        let note = RevokedKey::from_signed(signed);
        if !installed.revoked_keys.iter().any(|r| r.public_key == note.public_key) {
            revocations.push(note);
        }
    }
    let (key, key_change) = decide_key(&offered, &installed, &revocations)?;
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
    Ok(ImportPreview::new(review, fingerprint, key, key_change, revocations))
}

/// Plans the import of an opened package against what `store` holds.
fn plan_for(store: &Store, opened: &archive::OpenedPackage) -> crate::Result<ImportPreview> {
    let land = opened.manifest.land().expect("validated");
    let trusted_keys = store.trusted_keys(&land.code())?;
    let revoked_keys = store.revoked_keys()?;
    let catalogue = store.catalogue()?;
    let current = store.installed_manifest(&opened.manifest.id)?;
    let admin = crate::admin_settings::load()?;
    let installed = Installed {
        own_land: store.own_land()?,
        trusted_keys: &trusted_keys,
        admin: admin.as_ref(),
        revoked_keys: &revoked_keys,
        catalogue: &catalogue,
        current,
    };
    plan(Offered::from(opened), installed)
}

/// Checks the trust the user gave for a Land's first key against the package's fingerprint.
fn check_trust(plan: &ImportPreview, trust: Option<&str>) -> crate::Result<()> {
    if !plan.key.needs_confirmation() {
        return Ok(());
    }
    match trust {
        None if plan.key == KeyStatus::AfterRevocation => {
            Err(PackageError::UntrustedAfterRevocation {
                land: plan.land.clone(),
                fingerprint: plan.fingerprint.clone(),
            }
            .into())
        }
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
        record_revocations(store, &planned.plan)?;
        return Ok(planned.plan);
    }
    let extracted = planned.opened.extract(&planned.dir, progress)?;
    finish_import(store, &planned, extracted)?;
    Ok(planned.plan)
}

/// Records the revocations an unchanged package brings (a package that changes nothing else).
fn record_revocations(store: &mut Store, plan: &ImportPreview) -> crate::Result<()> {
    for r in &plan.revocations {
        store.record_revocation(r)?;
    }
    Ok(())
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

/// What [`import_revocation_file`] did with a revocation certificate.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RevocationImported {
    pub revocation: RevokedKey,
    /// Whether the municipality trusted the revoked key (it no longer does).
    pub was_trusted: bool,
    /// `false` if the key was recorded as revoked already (nothing changed).
    pub recorded: bool,
}

/// Reads a revocation certificate (a file the Land published, `package revoke` or the `.rev`
/// file of `package keygen`), checks it against the key it revokes and records it: every later
/// package signed by that key, and every endorsement by it, is refused. A revocation of a key
/// the municipality does not know is recorded too, so that key is never trusted later.
pub fn import_revocation_file(store: &mut Store, path: &Path) -> crate::Result<RevocationImported> {
    let bytes = signing::read_small(path).map_err(|e| match e {
        PackageError::Key(message) => PackageError::Revocation(message),
        other => other,
    })?;
    let signed = Revocation::parse_signed(bytes.as_bytes())?;
    let revocation = RevokedKey::from_signed(&signed);
    let was_trusted = store.trusted_keys(&revocation.land_code)?.contains(&revocation.public_key);
    let recorded = store.record_revocation(&revocation)?;
    Ok(RevocationImported { revocation, was_trusted, recorded })
}

/// Lets the user pick a revocation certificate of a Land and records it
/// ([`import_revocation_file`]); `None` if the user cancelled.
pub fn import_revocation(cx: &Ctx) -> Result<Option<RevocationImported>> {
    let dialog = FileDialog {
        title: "Widerruf eines Landesschlüssels einlesen",
        filter: "Widerruf",
        extensions: vec!["rev", "txt"],
        file_name: None,
    };
    let Some(path) = cx.desktop.pick_file(&dialog)? else { return Ok(None) };
    cx.workspace.with(|s| import_revocation_file(s, &path)).map(Some)
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
        cx.workspace.with(|s| record_revocations(s, &planned.plan))?;
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
        let installed = Installed {
            own_land: OwnLand::Open,
            trusted_keys: keys,
            admin: None,
            revoked_keys: &[],
            catalogue: Catalogue::builtin(),
            current,
        };
        plan(Offered::from(p), installed)
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
    fn the_plan_refuses_a_package_of_another_land_than_the_own_before_anything_else() {
        use crate::ags::Land;
        let dir = tempfile::tempdir().unwrap();
        let p = opened(dir.path(), 7);
        let with = |own_land: OwnLand| {
            let installed = Installed {
                own_land,
                trusted_keys: &[],
                admin: None,
                revoked_keys: &[],
                catalogue: Catalogue::builtin(),
                current: None,
            };
            plan(Offered::from(&p), installed)
        };
        let bremen = Land::from_code(4).unwrap();
        let err = with(OwnLand::Profile { land: bremen, ags: "04011000".into() }).unwrap_err();
        assert_eq!(err.code(), crate::error_code::ErrorCode::PackageOtherLand);
        assert!(err.to_string().contains("laut Profil in Bremen (AGS 04011000)"), "{err}");
        let err = with(OwnLand::Packages(bremen)).unwrap_err();
        assert_eq!(err.code(), crate::error_code::ErrorCode::PackageOtherLand);
        let own = OwnLand::Profile { land: Land::from_code(3).unwrap(), ags: "03241001".into() };
        assert_eq!(with(own).unwrap().key, KeyStatus::FirstOfLand);
    }

    #[test]
    fn a_key_the_it_department_trusts_needs_no_confirmation_for_its_land_only() {
        let dir = tempfile::tempdir().unwrap();
        let p = opened(dir.path(), 7);
        let fingerprint = signing::fingerprint(&SigningKey::from_bytes(&[7; 32]).verifying_key());
        let settings = |land: &str| {
            let json = format!(
                r#"{{ "vertrauenswuerdige_schluessel": [ {{ "land": "{land}", "fingerabdruck": "{fingerprint}" }} ] }}"#
            );
            crate::admin_settings::parse(json.as_bytes(), Path::new("einstellungen.json")).unwrap()
        };
        let with = |admin: &AdminSettings| {
            let installed = Installed {
                own_land: OwnLand::Open,
                trusted_keys: &[],
                admin: Some(admin),
                revoked_keys: &[],
                catalogue: Catalogue::builtin(),
                current: None,
            };
            plan(Offered::from(&p), installed).unwrap().key
        };
        assert_eq!(with(&settings("NI")), KeyStatus::Preset);
        assert!(!KeyStatus::Preset.needs_confirmation());
        assert_eq!(with(&settings("HB")), KeyStatus::FirstOfLand, "trusted for another Land");
    }

    /// The example package signed by `key`, with the statements in `extras` added as they are
    /// (the build's own checks would refuse the hostile ones), opened.
    fn opened_with(dir: &Path, key: u8, extras: &build::Extras) -> archive::OpenedPackage {
        use std::io::Write;
        use std::sync::atomic::{AtomicUsize, Ordering};
        // A file of its own each time: the packages opened before are still open, and Windows
        // replaces no open file.
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = dir.join(format!("paket-extras-{}.zip", NEXT.fetch_add(1, Ordering::Relaxed)));
        let signing_key = SigningKey::from_bytes(&[key; 32]);
        build::build(Path::new(EXAMPLE), &signing_key, &path, Catalogue::builtin()).unwrap();
        let file = std::fs::OpenOptions::new().read(true).write(true).open(&path).unwrap();
        let mut zip = zip::ZipWriter::new_append(file).unwrap();
        let mut entries: Vec<(String, &String)> = Vec::new();
        if let Some(e) = &extras.endorsement {
            entries.push((archive::ENDORSEMENT_ENTRY.to_owned(), e));
        }
        for r in &extras.revocations {
            let name = Revocation::parse(r.as_bytes()).unwrap().entry_name();
            entries.push((name, r));
        }
        for (name, text) in entries {
            zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        archive::open(&path, &Limits::default(), Catalogue::builtin()).unwrap()
    }

    #[test]
    fn the_plan_takes_an_endorsed_key_over_only_from_a_trusted_unrevoked_key_of_the_land() {
        use crate::ags::Land;
        use crate::error_code::ErrorCode;
        use crate::package::statement::RevocationReason;
        let dir = tempfile::tempdir().unwrap();
        let k = |seed: u8| SigningKey::from_bytes(&[seed; 32]);
        let day = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        let endorse = |old: u8, land: u8| {
            Endorsement {
                land: Land::from_code(land).unwrap(),
                old_key: k(old).verifying_key(),
                new_key: k(8).verifying_key(),
                date: day,
            }
            .sign(&k(old))
        };
        let revocation = |seed: u8| {
            let text = Revocation {
                land: Land::from_code(3).unwrap(),
                key: k(seed).verifying_key(),
                date: day,
                reason: RevocationReason::Kompromittiert,
            }
            .sign(&k(seed));
            RevokedKey::from_signed(&Revocation::parse_signed(text.as_bytes()).unwrap())
        };
        let trusted = vec![signing::public_hex(&k(7).verifying_key())];
        let decide_with = |p: &archive::OpenedPackage, revoked: &[RevokedKey]| {
            let installed = Installed {
                own_land: OwnLand::Open,
                trusted_keys: &trusted,
                admin: None,
                revoked_keys: revoked,
                catalogue: Catalogue::builtin(),
                current: None,
            };
            plan(Offered::from(p), installed)
        };
        let extras = |e: String| build::Extras { endorsement: Some(e), revocations: vec![] };

        let endorsed = opened_with(dir.path(), 8, &extras(endorse(7, 3)));
        let preview = decide_with(&endorsed, &[]).unwrap();
        assert_eq!(preview.key, KeyStatus::Endorsed);
        let change = preview.key_change.unwrap();
        assert_eq!(change.old_fingerprint, signing::fingerprint(&k(7).verifying_key()));
        assert_eq!(change.new_fingerprint, preview.fingerprint);
        assert_eq!(
            change.message,
            format!(
                "Das Land verwendet einen neuen Schlüssel. Der bisherige Schlüssel {} hat den \
                 neuen Schlüssel {} am 01.05.2026 bestätigt.",
                change.old_fingerprint, change.new_fingerprint
            )
        );
        let code = |r: crate::Result<ImportPreview>| r.unwrap_err().code();
        // Another Land's endorsement, a third key's, a revoked old key's: refused.
        assert_eq!(
            code(decide_with(&opened_with(dir.path(), 8, &extras(endorse(7, 9))), &[])),
            ErrorCode::KeyEndorsement
        );
        assert_eq!(
            code(decide_with(&opened_with(dir.path(), 8, &extras(endorse(5, 3))), &[])),
            ErrorCode::KeyEndorsement
        );
        assert_eq!(code(decide_with(&endorsed, &[revocation(7)])), ErrorCode::KeyRevoked);
        // The signer revoked: refused, whoever endorsed it.
        let err = decide_with(&endorsed, &[revocation(8)]).unwrap_err();
        assert_eq!(err.code(), ErrorCode::KeyRevoked);
        assert!(err.to_string().contains("am 01.05.2026 widerrufen"), "{err}");
        // Without an endorsement, every trusted key revoked: to be confirmed again.
        let plain = opened_with(dir.path(), 8, &build::Extras::default());
        assert_eq!(decide_with(&plain, &[]).unwrap_err().code(), ErrorCode::PackageWrongKey);
        assert_eq!(decide_with(&plain, &[revocation(7)]).unwrap().key, KeyStatus::AfterRevocation);
        // A revocation the package carries is listed once, and not again once recorded.
        let carrying =
            build::Extras { endorsement: None, revocations: vec![revocation(5).certificate] };
        let carrying = opened_with(dir.path(), 7, &carrying);
        assert_eq!(decide_with(&carrying, &[]).unwrap().revocations, vec![revocation(5)]);
        assert!(decide_with(&carrying, &[revocation(5)]).unwrap().revocations.is_empty());
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
