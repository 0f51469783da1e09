//! The SQLite store. Each public write method is one user action and one transaction: it
//! validates, writes the change and its audit rows, and commits, or writes nothing.
//!
//! Every connection runs in WAL mode with `synchronous=FULL` (a reported save survives a crash
//! and a power cut), foreign keys on and a busy timeout.

pub mod backup;
mod drafts;
mod evidence;
mod folder_lock;
mod inbox;
mod land;
mod land_keys;
mod members;
pub mod migrations;
pub mod network_drive;
mod packages;
mod reports;
mod workflow;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crate::audit::{self, Change, HistoryEntry, HistoryFilter};
use crate::catalogue::Catalogue;
use crate::checklist::{Checklist, ChecklistEntry};
use crate::profile::{Profile, ProfileInput};
use crate::progress::{self, ItemProgress, ItemState};
use crate::readiness::{self, StatusReport};
use crate::workspace_kind::WorkspaceKind;
use crate::{Error, Result};

/// The local database of a municipality's or a Land's workspace.
pub struct Store {
    conn: Connection,
    kind: WorkspaceKind,
    path: Option<PathBuf>,
    /// What the installed packages contribute, with the `data_version` it was read at.
    installed: RefCell<(i64, Arc<packages::Installed>)>,
    /// Held while the store is open (see [`remove_if_unused`]).
    _folder: Option<folder_lock::Held>,
}

impl Store {
    /// Opens (or creates) the municipality's database at `path`: [`Store::open_as`] a Kommune.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_as(path, WorkspaceKind::Kommune)
    }

    /// Opens (or creates) the database of workspace `kind` at `path` and migrates it, writing a
    /// backup first if an existing database needs migrating. A foreign or newer database, and one
    /// of the other kind, is refused untouched.
    pub fn open_as(path: &Path, kind: WorkspaceKind) -> Result<Store> {
        Self::open_with(path, kind, migrations::MIGRATIONS)
    }

    /// [`Store::open_as`] with an explicit migration list (for tests of the migration machinery).
    #[doc(hidden)]
    pub fn open_with(path: &Path, kind: WorkspaceKind, migrations: &[&str]) -> Result<Store> {
        if network_drive::is_remote(path) {
            return Err(Error::RemoteDatabase(path.to_owned()));
        }
        // A folder, a device or a pipe is named as such, not as an SQLite I/O error.
        if std::fs::symlink_metadata(path).is_ok() {
            crate::files::check_regular(path).map_err(|e| e.into_error("db", path))?;
        }
        let found = migrations::inspect(path, kind, migrations)?;
        if let migrations::Found::Version(v) = found {
            if v < migrations.len() as i64 {
                backup::before_migration(path, v)?;
            }
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let folder = folder_lock::shared(path);
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        migrations::migrate(&mut conn, kind, migrations)?;
        let mut store = Store::with(conn, kind, Some(path.to_owned()))?;
        store._folder = Some(folder);
        Ok(store)
    }

    /// A fresh municipal database in memory (tests).
    pub fn open_in_memory() -> Result<Store> {
        Self::open_in_memory_as(WorkspaceKind::Kommune)
    }

    /// A fresh database of workspace `kind` in memory (tests).
    pub fn open_in_memory_as(kind: WorkspaceKind) -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        migrations::migrate(&mut conn, kind, migrations::MIGRATIONS)?;
        Store::with(conn, kind, None)
    }

    fn with(conn: Connection, kind: WorkspaceKind, path: Option<PathBuf>) -> Result<Store> {
        let installed = RefCell::new(read_installed(&conn, kind)?);
        Ok(Store { conn, kind, path, installed, _folder: None })
    }

    /// Whose workspace this database is.
    pub fn kind(&self) -> WorkspaceKind {
        self.kind
    }

    /// What the installed packages contribute, read again if another connection (the command
    /// line tool next to the app, say) has committed since it was last read.
    fn installed(&self) -> Result<Arc<packages::Installed>> {
        let mut cached = self.installed.borrow_mut();
        if cached.0 != data_version(&self.conn)? {
            *cached = read_installed(&self.conn, self.kind)?;
        }
        Ok(Arc::clone(&cached.1))
    }

    /// Reads the installed packages again after this connection changed them.
    fn reload_installed(&mut self) -> Result<()> {
        *self.installed.get_mut() = read_installed(&self.conn, self.kind)?;
        Ok(())
    }

    /// Writes a consistent copy of the whole database to `out` ("Sicherung erstellen").
    /// The copy carries the documents and evidence files; `out` must not be the database.
    pub fn backup_to(&self, out: &Path) -> Result<()> {
        backup::copy_to(&self.conn, self.path.as_deref(), out)
    }

    /// The file behind the store, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The catalogue the checklist is built from: the built-in items and those of the
    /// installed packages.
    pub fn catalogue(&self) -> Result<Catalogue> {
        Ok(self.installed()?.catalogue.clone())
    }

    /// The stored profile, if the clerk has entered one.
    pub fn profile(&self) -> Result<Option<Profile>> {
        read_profile(&self.conn)
    }

    /// Validates and stores the profile, recording every changed field.
    pub fn set_profile(&mut self, input: &ProfileInput) -> Result<Profile> {
        let profile = input.validate()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let old = read_profile(&tx)?;
        crate::installed::check_profile_land(&profile, &packages::package_lands(&tx)?)?;
        crate::profile::check_members_fit(&profile, &members::read_members(&tx)?)?;
        let field = |p: &Option<Profile>, f: fn(&Profile) -> Option<String>| p.as_ref().and_then(f);
        let new = Some(profile.clone());
        let mut changes = audit::diff(
            [
                ("name", (|p: &Profile| Some(p.name.clone())) as fn(&Profile) -> Option<String>),
                ("ags", |p| Some(p.ags.clone())),
                ("kommune_kind", |p| Some(p.kind.key().to_owned())),
                ("population", |p| p.population.map(|n| n.to_string())),
                ("coordinator_name", |p| p.coordinator_name.clone()),
                ("coordinator_email", |p| p.coordinator_email.clone()),
                ("coordinator_phone", |p| p.coordinator_phone.clone()),
            ]
            .into_iter()
            .map(|(name, f)| (name, field(&old, f), field(&new, f)))
            .collect(),
        );
        // A new profile of a Gemeinde (the kind every profile had before kinds existed) does
        // not name its kind.
        if old.is_none() && profile.kind == crate::profile::KommuneKind::Gemeinde {
            changes.retain(|(field, _, _)| *field != "kommune_kind");
        }
        if changes.is_empty() {
            return Ok(profile);
        }
        let at = now();
        tx.execute(
            "INSERT INTO profile (id, name, ags, population, coordinator_name, coordinator_email,
                 coordinator_phone, updated_at, kind)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, ags = excluded.ags,
                 kind = excluded.kind, population = excluded.population, coordinator_name = excluded.coordinator_name,
                 coordinator_email = excluded.coordinator_email,
                 coordinator_phone = excluded.coordinator_phone, updated_at = excluded.updated_at",
            params![
                profile.name,
                profile.ags,
                profile.population,
                profile.coordinator_name,
                profile.coordinator_email,
                profile.coordinator_phone,
                at,
                profile.kind.key()
            ],
        )?;
        record(&tx, &at, "profile", None, &changes)?;
        tx.commit()?;
        Ok(profile)
    }

    /// The progress of every item that has been touched.
    pub fn progress(&self) -> Result<HashMap<String, ItemProgress>> {
        let mut stmt = self.conn.prepare(
            "SELECT item_id, status, blocked_by, blocked_text, owner, due, note, updated_at
             FROM item_progress",
        )?;
        let rows =
            stmt.query_map([], |row| Ok((row.get::<_, String>(0)?, progress_from_row(row)?)))?;
        rows.map(|r| r.map_err(Error::from).and_then(|(id, p)| Ok((id, p?)))).collect()
    }

    /// The progress of one item (the default, `offen`, if never touched).
    pub fn item_progress(&self, item_id: &str) -> Result<ItemProgress> {
        self.known_item(item_id)?;
        read_progress(&self.conn, item_id)
    }

    /// Validates and stores an item's state, recording every changed field.
    pub fn set_item(&mut self, item_id: &str, state: &ItemState) -> Result<ChecklistEntry> {
        let item = self.known_item(item_id)?;
        let mut new = state.validate()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let old = read_progress(&tx, item_id)?;
        let text = |p: &ItemProgress| -> [Option<String>; 6] {
            [
                Some(p.status.key().to_owned()),
                p.blocked_by.map(|b| b.key().to_owned()),
                p.blocked_text.clone(),
                p.owner.clone(),
                p.due.map(|d| d.to_string()),
                p.note.clone(),
            ]
        };
        let names = ["status", "blocked_by", "blocked_text", "owner", "due", "note"];
        let changes = audit::diff(
            names
                .into_iter()
                .zip(text(&old))
                .zip(text(&new))
                .map(|((n, o), v)| (n, o, v))
                .collect(),
        );
        if changes.is_empty() {
            drop(tx);
            return self.entry(item, old);
        }
        let at = now();
        tx.execute(
            "INSERT INTO item_progress (item_id, status, blocked_by, blocked_text, owner, due,
                 note, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (item_id) DO UPDATE SET status = excluded.status,
                 blocked_by = excluded.blocked_by, blocked_text = excluded.blocked_text,
                 owner = excluded.owner, due = excluded.due, note = excluded.note,
                 updated_at = excluded.updated_at",
            params![
                item_id,
                new.status.key(),
                new.blocked_by.map(|b| b.key()),
                new.blocked_text,
                new.owner,
                new.due.map(|d| d.to_string()),
                new.note,
                at
            ],
        )?;
        record(&tx, &at, "item", Some(item_id), &changes)?;
        tx.commit()?;
        new.updated_at = Some(at);
        self.entry(item, new)
    }

    fn entry(
        &self,
        item: crate::catalogue::Item,
        progress: ItemProgress,
    ) -> Result<ChecklistEntry> {
        let guidance = self.installed()?.guidance().remove(&item.id).unwrap_or_default();
        let review = packages::reviews(&self.conn)?.remove(&item.id);
        Ok(ChecklistEntry { item, progress, guidance, review })
    }

    /// Every catalogue item with its progress.
    pub fn checklist(&self) -> Result<Checklist> {
        let mut progress = self.progress()?;
        let installed = self.installed()?;
        let mut guidance = installed.guidance();
        let mut reviews = packages::reviews(&self.conn)?;
        let c = &installed.catalogue;
        Ok(Checklist {
            source: c.source.clone(),
            version: c.version,
            owner: c.owner,
            sections: c.sections.clone(),
            points: c.points.clone(),
            entries: c
                .items
                .iter()
                .map(|item| ChecklistEntry {
                    item: item.clone(),
                    progress: progress.remove(&item.id).unwrap_or_default(),
                    guidance: guidance.remove(&item.id).unwrap_or_default(),
                    review: reviews.remove(&item.id),
                })
                .collect(),
        })
    }

    /// Readiness, blockers and deadlines as of `today`.
    pub fn status(&self, today: NaiveDate) -> Result<StatusReport> {
        let other = self.other_deadlines(today)?;
        let services = self.service_readiness(today, crate::service_readiness::Voice::Sie)?;
        Ok(readiness::status_report(
            &self.installed()?.catalogue,
            &self.progress()?,
            self.profile()?,
            today,
            other,
            services,
        ))
    }

    /// Runs `read` in one read transaction: everything it reads is one consistent snapshot.
    pub fn read<T>(&self, read: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let tx = self.conn.unchecked_transaction()?;
        let out = read(self);
        tx.commit()?;
        out
    }

    /// Recorded changes, newest first.
    pub fn history(&self, filter: &HistoryFilter) -> Result<Vec<HistoryEntry>> {
        if let Some(id) = &filter.item_id {
            if !packages::item_titles(&self.conn, &self.installed()?.catalogue)?.contains_key(id) {
                return Err(Error::UnknownItem(id.clone()));
            }
        }
        let day = |field, label, value: &Option<String>| {
            value.as_deref().map(|v| progress::parse_date(field, label, v.trim())).transpose()
        };
        let since = day("since", "Von-Datum", &filter.since)?;
        let until = day("until", "Bis-Datum", &filter.until)?;
        if let (Some(since), Some(until)) = (since, until) {
            if since > until {
                return Err(Error::validation(
                    "until",
                    format!(
                        "Das Bis-Datum {} liegt vor dem Von-Datum {}.",
                        until.format("%d.%m.%Y"),
                        since.format("%d.%m.%Y")
                    ),
                ));
            }
        }
        if filter.limit == Some(0) {
            return Err(Error::validation("limit", "Die Anzahl muss mindestens 1 sein."));
        }
        let mut stmt = self.conn.prepare(
            "SELECT id, at, entity, item_id, field, old_value, new_value FROM audit
             WHERE (?1 IS NULL OR item_id = ?1)
               AND (?2 IS NULL OR substr(at, 1, 10) >= ?2)
               AND (?3 IS NULL OR substr(at, 1, 10) <= ?3)
             ORDER BY id DESC LIMIT ?4",
        )?;
        let installed = self.installed()?;
        let titles = packages::item_titles(&self.conn, &installed.catalogue)?;
        let names = installed.subject_names();
        let rows = stmt.query_map(
            params![
                filter.item_id,
                since.map(|d| d.to_string()),
                until.map(|d| d.to_string()),
                filter.limit.unwrap_or(500)
            ],
            |row| {
                let item_id: Option<String> = row.get(3)?;
                let entity: String = row.get(2)?;
                let field: String = row.get(4)?;
                let old_value: Option<String> = row.get(5)?;
                let new_value: Option<String> = row.get(6)?;
                let item_title = item_id.as_deref().and_then(|id| titles.get(id)).cloned();
                let subject = audit::subject(&entity, item_id.as_deref(), &item_title, &names);
                let field_label = audit::field_label(&entity, &field).to_owned();
                Ok(HistoryEntry {
                    id: row.get(0)?,
                    at: row.get(1)?,
                    entity,
                    item_title,
                    item_id,
                    subject,
                    field_label,
                    old_display: old_value.as_deref().map(|v| audit::shown(&field, v, &names)),
                    new_display: new_value.as_deref().map(|v| audit::shown(&field, v, &names)),
                    field,
                    old_value,
                    new_value,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn known_item(&self, item_id: &str) -> Result<crate::catalogue::Item> {
        self.installed()?
            .catalogue
            .item(item_id)
            .cloned()
            .ok_or_else(|| Error::UnknownItem(item_id.to_owned()))
    }
}

/// Removes the database at `path`, which a command created and left empty (it failed, or it only
/// read), so that bad input or a mistyped path leaves no file behind: its files and its side
/// folders while they are empty. A database that holds data stays, and so does one that another
/// process may have open (see [`folder_lock`]).
pub fn remove_if_unused(path: &Path) {
    // Another process with a database of this folder open may be writing to this one.
    let Some(_only) = folder_lock::exclusive(path) else { return };
    let removed = || -> Result<bool> {
        let mut conn =
            Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let tables: Vec<String> = tx
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for table in tables {
            let sql = format!("SELECT EXISTS (SELECT 1 FROM \"{}\")", table.replace('"', "\"\""));
            if tx.query_row(&sql, [], |r| r.get::<_, bool>(0))? {
                return Ok(false);
            }
        }
        // Windows does not remove an open file; there the file goes after closing.
        let unlinked = std::fs::remove_file(path).is_ok();
        drop(tx);
        drop(conn);
        Ok(unlinked || std::fs::remove_file(path).is_ok())
    };
    if !matches!(removed(), Ok(true)) {
        return;
    }
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(file));
    }
    for what in backup::SIDECARS {
        let _ = std::fs::remove_dir(backup::sidecar_dir(path, what));
    }
}

/// Changes whenever another connection has committed to the database.
fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
}

/// The installed packages with the `data_version` they were read at; a Land's workspace has
/// none, and works through the Land's own catalogue.
fn read_installed(
    conn: &Connection,
    kind: WorkspaceKind,
) -> Result<(i64, Arc<packages::Installed>)> {
    let installed = match kind {
        WorkspaceKind::Kommune => packages::Installed::load(conn)?,
        WorkspaceKind::Land => packages::Installed::land(),
    };
    Ok((data_version(conn)?, Arc::new(installed)))
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

pub(crate) fn now() -> String {
    crate::clock::timestamp()
}

pub(crate) fn record(
    conn: &Connection,
    at: &str,
    entity: &str,
    item_id: Option<&str>,
    changes: &[Change],
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO audit (at, entity, item_id, field, old_value, new_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (field, old, new) in changes {
        stmt.execute(params![at, entity, item_id, field, old, new])?;
    }
    Ok(())
}

pub(crate) fn read_profile(conn: &Connection) -> Result<Option<Profile>> {
    let row = conn
        .query_row(
            "SELECT name, ags, population, coordinator_name, coordinator_email, coordinator_phone,
                 kind
             FROM profile WHERE id = 1",
            [],
            |r| {
                let kind: String = r.get(6)?;
                Ok(ProfileInput {
                    name: r.get(0)?,
                    ags: r.get(1)?,
                    kind: kind.parse().ok(),
                    population: r.get(2)?,
                    coordinator_name: r.get(3)?,
                    coordinator_email: r.get(4)?,
                    coordinator_phone: r.get(5)?,
                })
            },
        )
        .optional()?;
    // Stored profiles were validated on the way in; validating again derives the Land.
    row.map(|input| input.validate()).transpose()
}

fn read_progress(conn: &Connection, item_id: &str) -> Result<ItemProgress> {
    conn.query_row(
        "SELECT item_id, status, blocked_by, blocked_text, owner, due, note, updated_at
         FROM item_progress WHERE item_id = ?1",
        [item_id],
        progress_from_row,
    )
    .optional()?
    .transpose()
    .map(Option::unwrap_or_default)
}

/// Maps a row to progress; the outer result is SQLite's, the inner one ours.
fn progress_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<ItemProgress>> {
    let status: String = row.get(1)?;
    let blocked_by: Option<String> = row.get(2)?;
    let due: Option<String> = row.get(5)?;
    let parse = || -> Result<ItemProgress> {
        Ok(ItemProgress {
            status: status.parse()?,
            blocked_by: blocked_by.as_deref().map(str::parse).transpose()?,
            blocked_text: row.get(3)?,
            owner: row.get(4)?,
            due: due
                .as_deref()
                .map(|d| progress::parse_date("due", "Fälligkeitsdatum", d))
                .transpose()?,
            note: row.get(6)?,
            updated_at: row.get(7)?,
        })
    };
    Ok(parse())
}
