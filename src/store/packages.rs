//! Imported information packages in the store: trust in the Land's keys, applying a checked
//! package in one transaction (with update review: changed items flagged, removed items
//! archived, never deleted), the municipality's decisions on services and events, and the
//! documents the app keeps.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{now, record, Store};
use crate::catalogue::{Catalogue, Item};
use crate::checklist::GuidanceNote;
use crate::package::archive::{self, Limits, Progress};
use crate::package::manifest::Manifest;
use crate::package::review::{self, Change, ChangeArea, ChangeKind};
use crate::package::{signing, PackageError};
use crate::{Error, Result};

/// Whether the key that signed a package is trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum KeyStatus {
    /// A key the municipality confirmed for this Land.
    Trusted,
    /// The first package of this Land: the fingerprint must be confirmed.
    FirstOfLand,
}

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

/// What the clerk sees before confirming an import.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImportPreview {
    pub package_id: String,
    pub title: String,
    pub version: u32,
    pub land_code: String,
    pub land: String,
    pub issued: String,
    pub valid_until: String,
    pub fingerprint: String,
    pub key: KeyStatus,
    pub installed_version: Option<u32>,
    pub action: ImportAction,
    pub changes: Vec<Change>,
    pub documents: u32,
    pub document_bytes: u64,
}

/// The result of an import.
pub type ImportOutcome = ImportPreview;

crate::keyed::keyed_enum! {
    /// The municipality's decision on a service: is it Bedarfsträger?
    #[derive(Default)]
    pub enum Decision (field = "decision", unknown = "Unbekannte Entscheidung") {
        Ja = ("ja", "Ja"),
        Nein = ("nein", "Nein"),
        #[default]
        Offen = ("offen", "Offen"),
    }
}

impl Decision {
    /// A stored decision; anything unknown reads as still open.
    fn parse(s: &str) -> Decision {
        s.parse().unwrap_or_default()
    }
}

/// A decision with its reason.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ServiceDecision {
    pub decision: Decision,
    pub reason: Option<String>,
}

/// A document the app stored, with the file to open.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct StoredDocument {
    pub path: String,
    pub title: String,
    pub media_type: String,
    pub size: u64,
    pub sha256: String,
}

/// An imported package with the municipality's own answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct InstalledPackage {
    pub manifest: Manifest,
    pub fingerprint: String,
    pub imported_at: String,
    /// Decision per service ID.
    pub decisions: HashMap<String, ServiceDecision>,
    /// Event IDs marked as attended.
    pub attended: Vec<String>,
    pub documents: Vec<StoredDocument>,
    /// Items of this package that a later version removed (kept with their history).
    pub archived_items: Vec<Item>,
    /// The costs for this municipality (empty while its population is not recorded).
    pub costs_for_municipality: Vec<crate::package::manifest::CostShare>,
    /// The municipality's state per service ID (phase, connection data, …), where entered.
    pub service_states: HashMap<String, crate::service_state::ServiceState>,
    /// Requirements to the Land on services of this package.
    pub requirements: Vec<crate::requirements::Requirement>,
}

fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// What the installed packages contribute, parsed once: the catalogue (built-in items plus the
/// active items of every package) and the manifests. [`Store`](super::Store) keeps it and reads
/// it again after an import here and whenever another connection has committed.
pub(super) struct Installed {
    pub catalogue: Catalogue,
    pub manifests: Vec<InstalledManifest>,
}

/// One installed manifest with the signer's fingerprint and the import time.
pub(super) struct InstalledManifest {
    pub manifest: Manifest,
    pub fingerprint: String,
    pub imported_at: String,
}

impl Installed {
    pub(super) fn load(conn: &Connection) -> Result<Installed> {
        let mut catalogue = Catalogue::builtin().clone();
        if schema_version(conn)? < 2 {
            return Ok(Installed { catalogue, manifests: Vec::new() });
        }
        catalogue.items.extend(package_items(conn, false)?);
        // Keep the checklist order by source point: package items follow the built-in ones of
        // their point.
        let order: HashMap<&str, usize> =
            catalogue.points.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
        let mut items = std::mem::take(&mut catalogue.items);
        items.sort_by_key(|i| {
            (order.get(i.point.as_str()).copied().unwrap_or(usize::MAX), i.package.is_some())
        });
        catalogue.items = items;
        let mut stmt =
            conn.prepare("SELECT manifest, fingerprint, imported_at FROM package ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?;
        let mut manifests = Vec::new();
        for row in rows {
            let (json, fingerprint, imported_at) = row?;
            let manifest = archive::parse_manifest(&json)?;
            manifests.push(InstalledManifest { manifest, fingerprint, imported_at });
        }
        Ok(Installed { catalogue, manifests })
    }

    /// Every installed manifest.
    pub(super) fn all(&self) -> impl Iterator<Item = &Manifest> {
        self.manifests.iter().map(|m| &m.manifest)
    }

    /// Guidance per item ID, from every package.
    pub(super) fn guidance(&self) -> HashMap<String, Vec<GuidanceNote>> {
        let mut out: HashMap<String, Vec<GuidanceNote>> = HashMap::new();
        for m in self.all() {
            for g in &m.checklist.guidance {
                out.entry(g.item.clone())
                    .or_default()
                    .push(GuidanceNote { package_title: m.title.clone(), text: g.text.clone() });
            }
        }
        out
    }

    /// Names of what the audit trail refers to besides items: packages by ID, services and
    /// events by `<package ID>/<ID>`.
    pub(super) fn subject_names(&self) -> HashMap<String, String> {
        let mut names = HashMap::new();
        for m in self.all() {
            for s in &m.services {
                names.insert(format!("{}/{}", m.id, s.id), s.name.clone());
            }
            for e in &m.events {
                names.insert(format!("{}/{}", m.id, e.id), e.title.clone());
            }
            names.insert(m.id.clone(), m.title.clone());
        }
        names
    }

    /// The manifest of an installed package.
    pub(super) fn manifest(&self, package_id: &str) -> Result<&Manifest> {
        self.all().find(|m| m.id == package_id).ok_or_else(|| {
            Error::validation("package", format!("Unbekanntes Paket „{package_id}“."))
        })
    }
}

fn package_items(conn: &Connection, archived: bool) -> Result<Vec<Item>> {
    let sql = if archived {
        "SELECT id, point, dimension, actor, title, explanation, package_id, deadline
         FROM package_item WHERE archived_at IS NOT NULL ORDER BY rowid"
    } else {
        "SELECT id, point, dimension, actor, title, explanation, package_id, deadline
         FROM package_item WHERE archived_at IS NULL ORDER BY rowid"
    };
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| {
        let json = |i: usize| -> rusqlite::Result<serde_json::Value> {
            Ok(serde_json::Value::String(r.get(i)?))
        };
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            json(2)?,
            json(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, Option<String>>(7)?,
        ))
    })?;
    let mut items = Vec::new();
    for row in rows {
        let (id, point, dimension, actor, title, explanation, package, deadline) = row?;
        let bad = |_| Error::ForeignDatabase(PathBuf::from("package_item"));
        items.push(Item {
            id,
            point,
            dimension: serde_json::from_value(dimension).map_err(bad)?,
            actor: serde_json::from_value(actor).map_err(bad)?,
            title,
            explanation,
            package: Some(package),
            deadline,
        });
    }
    Ok(items)
}

/// Items to look at again, with the reason.
pub(super) fn reviews(conn: &Connection) -> Result<HashMap<String, String>> {
    if schema_version(conn)? < 2 {
        return Ok(HashMap::new());
    }
    let mut stmt = conn.prepare("SELECT item_id, reason FROM item_review")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Titles of every item ever known: the catalogue and archived package items.
pub(super) fn item_titles(
    conn: &Connection,
    catalogue: &Catalogue,
) -> Result<HashMap<String, String>> {
    let mut titles: HashMap<String, String> =
        catalogue.items.iter().map(|i| (i.id.clone(), i.title.clone())).collect();
    if schema_version(conn)? >= 2 {
        for item in package_items(conn, true)? {
            titles.insert(item.id, item.title);
        }
    }
    Ok(titles)
}

fn installed(conn: &Connection, id: &str) -> Result<Option<(u32, String)>> {
    Ok(conn
        .query_row("SELECT version, manifest FROM package WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?)
}

fn trusted_keys(conn: &Connection, land_code: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT public_key FROM trusted_key WHERE land_code = ?1")?;
    let rows = stmt.query_map([land_code], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Where the app keeps package documents: `<db name>-documents/` next to the database.
    pub fn documents_dir(&self) -> Option<PathBuf> {
        Some(super::backup::sidecar_dir(self.path.as_ref()?, "documents"))
    }

    /// Checks a package and says what importing it would do. Writes nothing.
    pub fn preview_import(&self, path: &Path) -> Result<ImportPreview> {
        let opened = archive::open(path, &Limits::default(), Catalogue::builtin())?;
        self.plan(&opened.manifest, &opened.manifest_bytes, &opened.signer)
    }

    fn plan(
        &self,
        manifest: &Manifest,
        manifest_bytes: &[u8],
        signer: &ed25519_dalek::VerifyingKey,
    ) -> Result<ImportPreview> {
        let land = manifest.land().expect("validated");
        let fingerprint = signing::fingerprint(signer);
        let keys = trusted_keys(&self.conn, &land.code())?;
        let key = if keys.is_empty() {
            KeyStatus::FirstOfLand
        } else if keys.contains(&signing::public_hex(signer)) {
            KeyStatus::Trusted
        } else {
            return Err(PackageError::WrongKey { land: land.name().to_owned(), fingerprint }.into());
        };
        // Items a package adds must not collide with those of another package.
        let loaded = self.installed()?;
        for a in &manifest.checklist.additions {
            if let Some(other) = loaded.catalogue.item(&a.id).and_then(|i| i.package.as_ref()) {
                if *other != manifest.id {
                    return Err(PackageError::Invalid(format!(
                        "Zusatzaufgabe „{}“ gibt es schon im Paket „{other}“.",
                        a.id
                    ))
                    .into());
                }
            }
        }
        let current = installed(&self.conn, &manifest.id)?;
        let (action, changes, installed_version) = match &current {
            None => (ImportAction::New, Vec::new(), None),
            Some((v, _)) if *v > manifest.version => {
                return Err(PackageError::OlderVersion {
                    id: manifest.id.clone(),
                    installed: *v,
                    offered: manifest.version,
                }
                .into())
            }
            Some((v, json)) if *v == manifest.version => {
                if json.as_bytes() != manifest_bytes {
                    return Err(PackageError::ChangedSameVersion {
                        id: manifest.id.clone(),
                        version: *v,
                    }
                    .into());
                }
                (ImportAction::Unchanged, Vec::new(), Some(*v))
            }
            Some((v, json)) => {
                let old = archive::parse_manifest(json)?;
                (ImportAction::Update, review::changes(&old, manifest), Some(*v))
            }
        };
        Ok(ImportPreview {
            package_id: manifest.id.clone(),
            title: manifest.title.clone(),
            version: manifest.version,
            land_code: land.code(),
            land: land.name().to_owned(),
            issued: manifest.issued.clone(),
            valid_until: manifest.valid_until.clone(),
            fingerprint,
            key,
            installed_version,
            action,
            changes,
            documents: manifest.documents.len() as u32,
            document_bytes: manifest.documents.iter().map(|d| d.size).sum(),
        })
    }

    /// Imports a package: checks it completely, then applies it in one transaction.
    ///
    /// The first package of a Land needs `trust` = the fingerprint of its key, as confirmed by
    /// the clerk. Re-importing the installed version changes nothing; an older one is refused.
    pub fn import_package(
        &mut self,
        path: &Path,
        trust: Option<&str>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ImportOutcome> {
        self.import_package_with(path, trust, &Limits::default(), progress)
    }

    /// [`Store::import_package`] with explicit limits (tests, benchmarks).
    pub fn import_package_with(
        &mut self,
        path: &Path,
        trust: Option<&str>,
        limits: &Limits,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ImportOutcome> {
        let mut opened = archive::open(path, limits, Catalogue::builtin())?;
        let planned_at = super::data_version(&self.conn)?;
        let plan = self.plan(&opened.manifest, &opened.manifest_bytes, &opened.signer)?;
        if plan.key == KeyStatus::FirstOfLand {
            match trust {
                None => {
                    return Err(PackageError::UntrustedKey {
                        land: plan.land.clone(),
                        fingerprint: plan.fingerprint.clone(),
                    }
                    .into())
                }
                Some(given)
                    if signing::normalize_fingerprint(given)
                        != signing::normalize_fingerprint(&plan.fingerprint) =>
                {
                    return Err(PackageError::FingerprintMismatch {
                        given: given.trim().to_owned(),
                        actual: plan.fingerprint.clone(),
                    }
                    .into())
                }
                Some(_) => {}
            }
        }
        if plan.action == ImportAction::Unchanged {
            return Ok(plan);
        }
        let dir = self.documents_dir().ok_or_else(|| {
            Error::io(
                "<memory>",
                std::io::Error::other("Eine Datenbank im Speicher kann keine Dokumente ablegen."),
            )
        })?;
        let extracted = opened.extract(&dir, progress)?;
        let mut placed = Vec::new();
        let result = (|| -> Result<()> {
            for doc in &extracted {
                let target = dir.join(file_name(&doc.document.sha256, &doc.document.path));
                if target.exists() {
                    std::fs::remove_file(&doc.temp_path)
                        .map_err(|e| Error::io(&doc.temp_path, e))?;
                } else {
                    std::fs::rename(&doc.temp_path, &target).map_err(|e| Error::io(&target, e))?;
                    placed.push((target, &doc.document.sha256));
                }
            }
            let signer = signing::public_hex(&opened.signer);
            self.apply(&opened.manifest, &opened.manifest_bytes, &plan, &signer, planned_at)
        })();
        if let Err(e) = result {
            for doc in &extracted {
                let _ = std::fs::remove_file(&doc.temp_path);
            }
            // A file another import placed meanwhile and recorded stays.
            for (file, sha256) in placed {
                let recorded = self.conn.query_row(
                    "SELECT EXISTS (SELECT 1 FROM document WHERE sha256 = ?1)",
                    [sha256],
                    |r| r.get::<_, bool>(0),
                );
                if !matches!(recorded, Ok(true)) {
                    let _ = std::fs::remove_file(file);
                }
            }
            return Err(e);
        }
        self.reload_installed()?;
        Ok(plan)
    }

    fn apply(
        &mut self,
        m: &Manifest,
        bytes: &[u8],
        plan: &ImportPreview,
        signer: &str,
        planned_at: i64,
    ) -> Result<()> {
        let at = now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // The plan holds only if no other process has written since it was made.
        if super::data_version(&tx)? != planned_at {
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                Some("changed by another connection while importing".into()),
            )
            .into());
        }
        if plan.key == KeyStatus::FirstOfLand {
            tx.execute(
                "INSERT OR IGNORE INTO trusted_key (land_code, public_key, fingerprint, added_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![plan.land_code, signer, plan.fingerprint, at],
            )?;
        }
        let manifest_text = std::str::from_utf8(bytes).map_err(|_| PackageError::NotUtf8)?;
        tx.execute(
            "INSERT INTO package (id, version, land_code, manifest, fingerprint, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (id) DO UPDATE SET version = excluded.version,
                 land_code = excluded.land_code, manifest = excluded.manifest,
                 fingerprint = excluded.fingerprint, imported_at = excluded.imported_at",
            params![m.id, m.version, plan.land_code, manifest_text, plan.fingerprint, at],
        )?;

        // Checklist additions: insert or update; unarchive what comes back; archive what is gone.
        for a in &m.checklist.additions {
            tx.execute(
                "INSERT INTO package_item (id, package_id, point, dimension, actor, title,
                     explanation, deadline, archived_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL)
                 ON CONFLICT (id) DO UPDATE SET point = excluded.point,
                     dimension = excluded.dimension, actor = excluded.actor,
                     title = excluded.title, explanation = excluded.explanation,
                     deadline = excluded.deadline, archived_at = NULL",
                params![
                    a.id,
                    m.id,
                    a.point,
                    enum_key(&a.dimension),
                    enum_key(&a.actor),
                    a.title,
                    a.explanation,
                    a.deadline
                ],
            )?;
        }
        let ids: Vec<&str> = m.checklist.additions.iter().map(|a| a.id.as_str()).collect();
        let mut stmt = tx
            .prepare("SELECT id FROM package_item WHERE package_id = ?1 AND archived_at IS NULL")?;
        let active: Vec<String> =
            stmt.query_map([&m.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        for id in active.iter().filter(|id| !ids.contains(&id.as_str())) {
            tx.execute("UPDATE package_item SET archived_at = ?1 WHERE id = ?2", params![at, id])?;
            tx.execute("DELETE FROM item_review WHERE item_id = ?1", [id])?;
        }

        // Update review: changed items and changed guidance are flagged "bitte prüfen".
        for c in &plan.changes {
            let reason = match (c.area, c.kind) {
                (ChangeArea::Aufgabe, ChangeKind::Changed) => {
                    "Aufgabe in einer neuen Paketversion geändert"
                }
                (ChangeArea::Frist, ChangeKind::Changed) if ids.contains(&c.id.as_str()) => {
                    "Frist des Landes geändert"
                }
                (ChangeArea::Hinweis, ChangeKind::Added | ChangeKind::Changed) => {
                    "Neuer oder geänderter Hinweis des Landes"
                }
                (ChangeArea::Hinweis, ChangeKind::Removed) => "Hinweis des Landes entfernt",
                _ => continue,
            };
            tx.execute(
                "INSERT INTO item_review (item_id, reason, since) VALUES (?1, ?2, ?3)
                 ON CONFLICT (item_id) DO UPDATE SET reason = excluded.reason, since = excluded.since",
                params![c.id, reason, at],
            )?;
        }

        tx.execute("DELETE FROM document WHERE package_id = ?1", [&m.id])?;
        for d in &m.documents {
            tx.execute(
                "INSERT INTO document (package_id, path, title, media_type, size, sha256)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![m.id, d.path, d.title, d.media_type, d.size as i64, d.sha256],
            )?;
        }
        record(
            &tx,
            &at,
            "package",
            Some(&m.id),
            &[(
                "version",
                plan.installed_version.map(|v| v.to_string()),
                Some(m.version.to_string()),
            )],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Every imported package with the municipality's answers.
    pub fn packages(&self) -> Result<Vec<InstalledPackage>> {
        let archived = package_items(&self.conn, true)?;
        let mut states = self.service_states()?;
        let requirements = self.requirements()?;
        let population = self.profile()?.and_then(|p| p.population);
        let mut out = Vec::new();
        for installed in &self.installed()?.manifests {
            let InstalledManifest { manifest, fingerprint, imported_at } = installed;
            let mut stmt = self.conn.prepare(
                "SELECT service_id, decision, reason FROM service_decision WHERE package_id = ?1",
            )?;
            let decisions = stmt
                .query_map([&manifest.id], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        ServiceDecision {
                            decision: Decision::parse(&r.get::<_, String>(1)?),
                            reason: r.get(2)?,
                        },
                    ))
                })?
                .collect::<rusqlite::Result<HashMap<_, _>>>()?;
            let mut stmt = self.conn.prepare(
                "SELECT event_id FROM event_attendance WHERE package_id = ?1 AND attended = 1
                 ORDER BY event_id",
            )?;
            let attended =
                stmt.query_map([&manifest.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            let mut stmt = self.conn.prepare(
                "SELECT path, title, media_type, size, sha256 FROM document WHERE package_id = ?1
                 ORDER BY rowid",
            )?;
            let documents = stmt
                .query_map([&manifest.id], |r| {
                    Ok(StoredDocument {
                        path: r.get(0)?,
                        title: r.get(1)?,
                        media_type: r.get(2)?,
                        size: r.get::<_, i64>(3)? as u64,
                        sha256: r.get(4)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            let archived_items = archived
                .iter()
                .filter(|i| i.package.as_deref() == Some(&manifest.id))
                .cloned()
                .collect();
            let costs_for_municipality = population
                .map(|n| crate::package::manifest::costs_for(manifest, n))
                .unwrap_or_default();
            let service_states = manifest
                .services
                .iter()
                .filter_map(|s| {
                    states.remove(&(manifest.id.clone(), s.id.clone())).map(|st| (s.id.clone(), st))
                })
                .collect();
            let requirements = requirements
                .iter()
                .filter(|r| r.input.package_id == manifest.id)
                .cloned()
                .collect();
            out.push(InstalledPackage {
                costs_for_municipality,
                service_states,
                requirements,
                manifest: manifest.clone(),
                fingerprint: fingerprint.clone(),
                imported_at: imported_at.clone(),
                decisions,
                attended,
                documents,
                archived_items,
            });
        }
        Ok(out)
    }

    pub(super) fn package_manifest(&self, package_id: &str) -> Result<Manifest> {
        Ok(self.installed()?.manifest(package_id)?.clone())
    }

    /// Records whether the municipality uses a service (Bedarfsträger), with a reason.
    pub fn set_service_decision(
        &mut self,
        package_id: &str,
        service_id: &str,
        decision: &ServiceDecision,
    ) -> Result<ServiceDecision> {
        let manifest = self.package_manifest(package_id)?;
        if !manifest.services.iter().any(|s| s.id == service_id) {
            return Err(Error::validation(
                "service",
                format!("Unbekannter Onlinedienst „{service_id}“."),
            ));
        }
        let reason =
            crate::text::multiline("reason", "Die Begründung", decision.reason.as_deref(), 2_000)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let old: Option<(String, Option<String>)> = tx
            .query_row(
                "SELECT decision, reason FROM service_decision WHERE package_id = ?1 AND service_id = ?2",
                [package_id, service_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (old_decision, old_reason) =
            old.map_or((Some("offen".to_owned()), None), |(d, r)| (Some(d), r));
        let changes = crate::audit::diff(vec![
            ("decision", old_decision, Some(decision.decision.key().to_owned())),
            ("decision_reason", old_reason, reason.clone()),
        ]);
        if !changes.is_empty() {
            let at = now();
            tx.execute(
                "INSERT INTO service_decision (package_id, service_id, decision, reason, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (package_id, service_id) DO UPDATE SET decision = excluded.decision,
                     reason = excluded.reason, updated_at = excluded.updated_at",
                params![package_id, service_id, decision.decision.key(), reason, at],
            )?;
            record(&tx, &at, "service", Some(&format!("{package_id}/{service_id}")), &changes)?;
            tx.commit()?;
        }
        Ok(ServiceDecision { decision: decision.decision, reason })
    }

    /// Marks an event as attended (or not).
    pub fn set_event_attended(
        &mut self,
        package_id: &str,
        event_id: &str,
        attended: bool,
    ) -> Result<()> {
        let manifest = self.package_manifest(package_id)?;
        if !manifest.events.iter().any(|e| e.id == event_id) {
            return Err(Error::validation(
                "event",
                format!("Unbekannte Veranstaltung „{event_id}“."),
            ));
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let old: bool = tx
            .query_row(
                "SELECT attended FROM event_attendance WHERE package_id = ?1 AND event_id = ?2",
                [package_id, event_id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(false);
        if old != attended {
            let at = now();
            tx.execute(
                "INSERT INTO event_attendance (package_id, event_id, attended, updated_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (package_id, event_id) DO UPDATE SET attended = excluded.attended,
                     updated_at = excluded.updated_at",
                params![package_id, event_id, attended, at],
            )?;
            let text = |b: bool| Some(if b { "ja" } else { "nein" }.to_owned());
            record(
                &tx,
                &at,
                "event",
                Some(&format!("{package_id}/{event_id}")),
                &[("attended", text(old), text(attended))],
            )?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The events of a package as an iCalendar file (one event, or all with `None`).
    pub fn calendar(&self, package_id: &str, event_id: Option<&str>) -> Result<String> {
        let manifest = self.package_manifest(package_id)?;
        if let Some(id) = event_id {
            if !manifest.events.iter().any(|e| e.id == id) {
                return Err(Error::validation(
                    "event",
                    format!("Unbekannte Veranstaltung „{id}“."),
                ));
            }
        }
        Ok(crate::package::ics::calendar(&manifest, event_id))
    }

    /// The clerk has looked at an item flagged "bitte prüfen".
    pub fn confirm_review(&mut self, item_id: &str) -> Result<()> {
        self.known_item(item_id)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let reason: Option<String> = tx
            .query_row("SELECT reason FROM item_review WHERE item_id = ?1", [item_id], |r| r.get(0))
            .optional()?;
        if let Some(reason) = reason {
            tx.execute("DELETE FROM item_review WHERE item_id = ?1", [item_id])?;
            record(&tx, &now(), "item", Some(item_id), &[("review", Some(reason), None)])?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The file of a stored document (only documents of imported packages can be opened).
    pub fn document_file(&self, package_id: &str, path: &str) -> Result<PathBuf> {
        let sha: Option<String> = self
            .conn
            .query_row(
                "SELECT sha256 FROM document WHERE package_id = ?1 AND path = ?2",
                [package_id, path],
                |r| r.get(0),
            )
            .optional()?;
        let sha = sha.ok_or_else(|| {
            Error::validation("document", format!("Unbekanntes Dokument „{path}“."))
        })?;
        let dir = self
            .documents_dir()
            .ok_or_else(|| Error::io("<memory>", std::io::ErrorKind::NotFound.into()))?;
        let file = dir.join(file_name(&sha, path));
        if !file.is_file() {
            return Err(Error::io(&file, std::io::ErrorKind::NotFound.into()));
        }
        Ok(file)
    }
}

/// Stored documents are named by content: `<sha256>.<extension>`.
fn file_name(sha256: &str, path: &str) -> String {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    format!("{sha256}.{ext}")
}

fn enum_key<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}
