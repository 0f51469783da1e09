//! Imported information packages in the store: trust in the Land's keys and their revocations,
//! applying a checked package in one transaction (with update review: changed items flagged,
//! removed items archived, never deleted), the municipality's decisions on services and events,
//! and the documents the app keeps.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;

use super::{now, record, Store};
use crate::audit::Change;
use crate::catalogue::{Catalogue, Item};
use crate::checklist::GuidanceNote;
use crate::installed::{
    stored_file_name, Decision, ImportPreview, InstalledPackage, KeyStatus, OwnLand, PackageLand,
    RevokedKey, ServiceDecision, StoredDocument,
};
use crate::package::manifest::{parse_manifest, Manifest};
use crate::package::review::{ChangeArea, ChangeKind};
use crate::package::statement::Revocation;
use crate::{Error, Result};

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
    /// What a Land's workspace works with: the Land's own catalogue, no packages.
    pub(super) fn land() -> Installed {
        Installed { catalogue: Catalogue::land().clone(), manifests: Vec::new() }
    }

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
        let catalogue = catalogue.numbered();
        let mut stmt =
            conn.prepare("SELECT manifest, fingerprint, imported_at FROM package ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?;
        let mut manifests = Vec::new();
        for row in rows {
            let (json, fingerprint, imported_at) = row?;
            let manifest = parse_manifest(&json)?;
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
            number: 0,
            point,
            dimension: serde_json::from_value(dimension).map_err(bad)?,
            actor: serde_json::from_value(actor).map_err(bad)?,
            title,
            explanation,
            added: None,
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

/// The title and Land of every installed package, by id (none in a schema older than packages).
pub(super) fn package_lands(conn: &Connection) -> Result<Vec<PackageLand>> {
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'package'",
        [],
        |r| r.get(0),
    )?;
    if tables == 0 {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(
        "SELECT coalesce(json_extract(manifest, '$.title'), id), land_code FROM package ORDER BY id",
    )?;
    let rows =
        stmt.query_map([], |r| Ok(PackageLand { title: r.get(0)?, land_code: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The Land whose packages the municipality takes ([`OwnLand`]).
fn own_land(conn: &Connection) -> Result<OwnLand> {
    let profile = super::read_profile(conn)?;
    Ok(OwnLand::new(profile.as_ref(), &package_lands(conn)?))
}

fn trusted_keys(conn: &Connection, land_code: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT public_key FROM trusted_key WHERE land_code = ?1")?;
    let rows = stmt.query_map([land_code], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn revoked_keys(conn: &Connection) -> Result<Vec<RevokedKey>> {
    let mut stmt =
        conn.prepare("SELECT certificate FROM revoked_key ORDER BY revoked_at, fingerprint")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for text in rows {
        // Stored only after its signature was checked; checked again as it is read.
        let signed = Revocation::parse_signed(text?.as_bytes())
            .map_err(|_| Error::ForeignDatabase(PathBuf::from("revoked_key")))?;
        out.push(RevokedKey::from_signed(&signed));
    }
    Ok(out)
}

/// Records a revocation (unless the key is recorded as revoked already) with its history entry;
/// returns whether it was new.
fn insert_revocation(conn: &Connection, at: &str, r: &RevokedKey) -> Result<bool> {
    let reason = Revocation::parse(r.certificate.as_bytes())
        .map_err(|_| Error::validation("revocation", "Der Widerruf ist nicht geprüft."))?
        .reason;
    let inserted = conn.execute(
        "INSERT OR IGNORE INTO revoked_key (public_key, land_code, fingerprint, revoked_at,
             reason, certificate, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            r.public_key,
            r.land_code,
            r.fingerprint,
            r.revoked_at,
            reason.key(),
            r.certificate,
            at
        ],
    )?;
    if inserted == 1 {
        let value = format!("{} (am {} widerrufen: {})", r.fingerprint, r.revoked_on(), r.reason);
        record(
            conn,
            at,
            "package",
            Some(&land_subject(&r.land_code)),
            &[("key_revoked", None, Some(value))],
        )?;
    }
    Ok(inserted == 1)
}

/// What the history records changes of a Land's keys under: `land:<code>`.
fn land_subject(land_code: &str) -> String {
    format!("land:{land_code}")
}

impl Store {
    /// Every recorded revocation of a Land's key, oldest first.
    pub fn revoked_keys(&self) -> Result<Vec<RevokedKey>> {
        revoked_keys(&self.conn)
    }

    /// Records a checked revocation in one transaction with its history entry; returns whether
    /// it was new (a key already recorded as revoked keeps its first revocation).
    pub fn record_revocation(&mut self, r: &RevokedKey) -> Result<bool> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let new = insert_revocation(&tx, &now(), r)?;
        tx.commit()?;
        Ok(new)
    }

    /// Where the app keeps package documents: `<db name>-documents/` next to the database.
    pub fn documents_dir(&self) -> Option<PathBuf> {
        Some(super::backup::sidecar_dir(self.path.as_ref()?, "documents"))
    }

    /// The Land whose packages the municipality takes: its profile's, else its packages'.
    pub fn own_land(&self) -> Result<OwnLand> {
        own_land(&self.conn)
    }

    /// The public keys (hex) the municipality trusts for the Land `land_code`.
    pub fn trusted_keys(&self, land_code: &str) -> Result<Vec<String>> {
        trusted_keys(&self.conn, land_code)
    }

    /// The installed version of package `id` with its manifest text, if installed.
    pub fn installed_manifest(&self, id: &str) -> Result<Option<(u32, String)>> {
        installed(&self.conn, id)
    }

    /// A number that changes whenever another connection commits (SQLite's `data_version`):
    /// a plan made at one value holds only while it is unchanged.
    pub fn data_version(&self) -> Result<i64> {
        super::data_version(&self.conn)
    }

    /// Whether a stored document with this SHA-256 is recorded.
    pub fn document_recorded(&self, sha256: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM document WHERE sha256 = ?1)",
            [sha256],
            |r| r.get::<_, bool>(0),
        )?)
    }

    /// Writes a checked and planned import in one transaction: the trusted key of a Land's
    /// first package, the package row, checklist additions (updated, archived or restored),
    /// "bitte prüfen" flags from the update review, the document rows and the history. Refused
    /// if another connection wrote since `planned_at` ([`Store::data_version`]).
    pub fn apply_import(
        &mut self,
        m: &Manifest,
        manifest_text: &str,
        plan: &ImportPreview,
        signer: &str,
        planned_at: i64,
    ) -> Result<()> {
        self.apply(m, manifest_text, plan, signer, planned_at)?;
        self.reload_installed()
    }

    fn apply(
        &mut self,
        m: &Manifest,
        manifest_text: &str,
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
        // A package of another Land than the municipality's is refused before anything is
        // written, whatever the plan said.
        let land = m.land().ok_or_else(|| Error::validation("package", "Unbekanntes Land."))?;
        own_land(&tx)?.admit(land)?;
        for r in &plan.revocations {
            insert_revocation(&tx, &at, r)?;
        }
        if plan.key != KeyStatus::Trusted {
            tx.execute(
                "INSERT OR IGNORE INTO trusted_key (land_code, public_key, fingerprint, added_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![plan.land_code, signer, plan.fingerprint, at],
            )?;
        }
        let subject = land_subject(&plan.land_code);
        match (&plan.key, &plan.key_change) {
            (KeyStatus::Endorsed, Some(change)) => record(
                &tx,
                &at,
                "package",
                Some(&subject),
                &[(
                    "key_rotated",
                    Some(change.old_fingerprint.clone()),
                    Some(change.new_fingerprint.clone()),
                )],
            )?,
            (KeyStatus::AfterRevocation | KeyStatus::Preset, _) => record(
                &tx,
                &at,
                "package",
                Some(&subject),
                &[("key_trusted", None, Some(plan.fingerprint.clone()))],
            )?,
            _ => {}
        }
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
                            decision: Decision::from_stored(&r.get::<_, String>(1)?),
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
        self.known_service(package_id, service_id)?;
        let decision = valid_decision(decision)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let changes = decision_changes(&tx, package_id, service_id, &decision)?;
        if !changes.is_empty() {
            let at = now();
            write_decision(&tx, &at, package_id, service_id, &decision)?;
            record(&tx, &at, "service", Some(&format!("{package_id}/{service_id}")), &changes)?;
            tx.commit()?;
        }
        Ok(decision)
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
        let file = dir.join(stored_file_name(&sha, path));
        if !file.is_file() {
            return Err(Error::io(&file, std::io::ErrorKind::NotFound.into()));
        }
        Ok(file)
    }
}

fn enum_key<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// `decision` with its reason checked and normalised.
pub(super) fn valid_decision(decision: &ServiceDecision) -> Result<ServiceDecision> {
    let reason =
        crate::text::multiline("reason", "Die Begründung", decision.reason.as_deref(), 2_000)?;
    Ok(ServiceDecision { decision: decision.decision, reason })
}

/// What storing `decision` would change against the stored decision (none is „offen“).
pub(super) fn decision_changes(
    conn: &Connection,
    package_id: &str,
    service_id: &str,
    decision: &ServiceDecision,
) -> Result<Vec<Change>> {
    let old: Option<(String, Option<String>)> = conn
        .query_row(
            "SELECT decision, reason FROM service_decision WHERE package_id = ?1 AND service_id = ?2",
            [package_id, service_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (old_decision, old_reason) =
        old.map_or((Some("offen".to_owned()), None), |(d, r)| (Some(d), r));
    Ok(crate::audit::diff(vec![
        ("decision", old_decision, Some(decision.decision.key().to_owned())),
        ("decision_reason", old_reason, decision.reason.clone()),
    ]))
}

/// Writes `decision` (valid) of a service.
pub(super) fn write_decision(
    conn: &Connection,
    at: &str,
    package_id: &str,
    service_id: &str,
    decision: &ServiceDecision,
) -> Result<()> {
    conn.execute(
        "INSERT INTO service_decision (package_id, service_id, decision, reason, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (package_id, service_id) DO UPDATE SET decision = excluded.decision,
             reason = excluded.reason, updated_at = excluded.updated_at",
        params![package_id, service_id, decision.decision.key(), decision.reason, at],
    )?;
    Ok(())
}
