//! Copies of the database: written automatically before a migration or a restore (next to it in
//! `backups/`, the newest [`KEEP`] are kept), made by the clerk with "Sicherung erstellen"
//! ([`Store::backup_to`](crate::store::Store::backup_to)), and put back with [`restore`]. A backup the
//! clerk makes carries the package documents and evidence files too, so it is complete on its
//! own (another PC, a reimaged one).

use rusqlite::Connection;
use sha2::Digest;
use std::path::{Path, PathBuf};

use crate::workspace_kind::WorkspaceKind;
use crate::{Error, Result};

/// How many pre-migration backups are kept.
pub const KEEP: usize = 5;

/// The folder the backups of `db` go to.
pub fn dir_for(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
}

/// Writes a consistent copy of the database at `db` (schema `version`) with `VACUUM INTO`,
/// read-only on the source, then prunes old copies. Returns the path of the copy.
pub fn before_migration(db: &Path, version: i64) -> Result<PathBuf> {
    let dir = dir_for(db);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let stem = db.file_stem().and_then(|s| s.to_str()).unwrap_or("anbindungscheck");
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.6fZ");
    let target = dir.join(format!("{stem}-{stamp}-v{version}.sqlite"));
    let conn = Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let target_str = target
        .to_str()
        .ok_or_else(|| Error::io(&target, std::io::Error::other("Pfad ist kein gültiges UTF-8")))?;
    conn.execute("VACUUM INTO ?1", [target_str])?;
    prune(&dir, stem)?;
    Ok(target)
}

/// The backups of the database named `stem`, oldest first.
pub fn list(dir: &Path, stem: &str) -> Result<Vec<PathBuf>> {
    let prefix = format!("{stem}-");
    let mut found: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                    n.starts_with(&prefix) && n.ends_with(".sqlite") && n.contains("-v")
                })
            })
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(Error::io(dir, e)),
    };
    found.sort();
    Ok(found)
}

fn prune(dir: &Path, stem: &str) -> Result<()> {
    let all = list(dir, stem)?;
    for old in &all[..all.len().saturating_sub(KEEP)] {
        std::fs::remove_file(old).map_err(|e| Error::io(old, e))?;
    }
    Ok(())
}

/// The folders beside a database that belong to it: package documents and evidence files, both
/// named by content (`<sha256>.<ext>`). A backup carries their files.
pub const SIDECARS: [&str; 2] = ["documents", "evidence"];

/// The folder `<db name>-<what>` next to the database `db`.
pub fn sidecar_dir(db: &Path, what: &str) -> PathBuf {
    let stem = db.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    db.with_file_name(format!("{stem}-{what}"))
}

/// Writes a consistent copy of the open database to `out` with SQLite's backup API, through a
/// temporary file renamed into place. With `db`, the database's file, the copy also carries the
/// files of its [`SIDECARS`] (table `backup_file`), so the backup is complete on its own; and
/// `out` must not be the database itself.
pub fn copy_to(conn: &Connection, db: Option<&Path>, out: &Path) -> Result<()> {
    if let Some(db) = db {
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if ["", "-wal", "-shm"].iter().any(|suffix| same(&with_suffix(db, suffix), out)) {
            return Err(Error::validation(
                "backup",
                "Die Sicherung kann nicht die Datenbank selbst ersetzen. Bitte wählen Sie einen \
                 anderen Ordner, am besten ein Laufwerk, das regelmäßig gesichert wird.",
            ));
        }
    }
    let dir = out.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let temp = tempfile::Builder::new()
        .prefix(".sicherung-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    conn.backup(rusqlite::MAIN_DB, temp.path(), None::<fn(rusqlite::backup::Progress)>)?;
    if let Some(db) = db {
        let mut copy = Connection::open(temp.path())?;
        let tx = copy.transaction()?;
        tx.execute_batch(
            "CREATE TABLE backup_file (
                dir TEXT NOT NULL, name TEXT NOT NULL, content BLOB NOT NULL,
                PRIMARY KEY (dir, name))",
        )?;
        for what in SIDECARS {
            let folder = sidecar_dir(db, what);
            let entries = match std::fs::read_dir(&folder) {
                Ok(entries) => entries,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(Error::io(&folder, e)),
            };
            for entry in entries {
                let path = entry.map_err(|e| Error::io(&folder, e))?.path();
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                if !stored_name(name) || !path.is_file() {
                    continue;
                }
                let (mut file, _) =
                    crate::files::open_regular(&path).map_err(|e| e.into_error("backup", &path))?;
                let mut content = Vec::new();
                std::io::Read::read_to_end(&mut file, &mut content)
                    .map_err(|e| Error::io(&path, e))?;
                tx.execute(
                    "INSERT INTO backup_file (dir, name, content) VALUES (?1, ?2, ?3)",
                    rusqlite::params![what, name, content],
                )?;
            }
        }
        tx.commit()?;
    }
    temp.as_file().sync_all().map_err(|e| Error::io(temp.path(), e))?;
    temp.persist(out).map_err(|e| Error::io(out, e.error))?;
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// A content-addressed file name: 64 lowercase hex digits, a dot, a short extension.
fn stored_name(name: &str) -> bool {
    let Some((hash, ext)) = name.split_once('.') else { return false };
    hash.len() == 64
        && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && (1..=5).contains(&ext.len())
        && ext.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// Writes the files a backup carries into the sidecar folders of `db` (files already there are
/// kept: they have the same content, by name), then drops the table from the copy.
fn unpack_files(copy: &Connection, db: &Path) -> Result<()> {
    let exists: bool = copy.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'backup_file'",
        [],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(());
    }
    let mut stmt = copy.prepare("SELECT dir, name, content FROM backup_file")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (what, name, content): (String, String, Vec<u8>) =
            (row.get(0)?, row.get(1)?, row.get(2)?);
        let hash = crate::package::signing::hex(&sha2::Sha256::digest(&content));
        if !SIDECARS.contains(&what.as_str()) || !stored_name(&name) || !name.starts_with(&hash) {
            return Err(damaged(&format!("Datei „{name}“ passt nicht zu ihrem Inhalt")));
        }
        let folder = sidecar_dir(db, &what);
        std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
        let target = folder.join(&name);
        if !target.is_file() {
            crate::files::write_atomic(&target, &content)?;
        }
    }
    drop(rows);
    drop(stmt);
    copy.execute_batch("DROP TABLE backup_file; VACUUM;")?;
    Ok(())
}

fn damaged(why: &str) -> Error {
    Error::validation("restore", format!("Die Sicherung ist beschädigt ({why})."))
}

/// Opens the backup `from` read-only after checking that it is a regular file holding an intact
/// Anbindungscheck database of workspace `kind` that this version can read.
fn open_checked(kind: WorkspaceKind, from: &Path) -> Result<Connection> {
    // SQLite opens the file itself: check beforehand that it is a regular file (a pipe would
    // block, a device is no backup).
    match crate::files::check_regular(from) {
        Ok(()) => {}
        Err(crate::files::InputError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::validation(
                "restore",
                format!("Die Sicherung {} wurde nicht gefunden.", from.display()),
            ));
        }
        Err(e) => return Err(e.into_error("restore", from)),
    }
    match super::migrations::inspect(from, kind, super::migrations::MIGRATIONS)? {
        super::migrations::Found::Version(_) => {}
        super::migrations::Found::New => {
            return Err(Error::validation(
                "restore",
                format!("Die Datei {} ist leer und keine Sicherung.", from.display()),
            ))
        }
    };
    let source = Connection::open_with_flags(from, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let check: String = source
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| damaged(&format!("{}: {e}", from.display())))?;
    if check != "ok" {
        return Err(damaged(&format!("{}: {check}", from.display())));
    }
    Ok(source)
}

/// What a backup holds, shown before it replaces the data.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct BackupContents {
    /// The municipality's (or the Land's coordination's) name; `None` without a profile.
    pub name: Option<String>,
    /// The AGS of the municipality, or the Land's code.
    pub key: Option<String>,
    /// The last recorded change (RFC 3339, UTC); `None` if nothing was ever changed.
    pub last_change: Option<String>,
    /// Size of the file in bytes.
    pub bytes: u64,
}

/// Checks the backup `from` as [`restore`] does and reads what it holds, without writing.
pub fn describe(kind: WorkspaceKind, from: &Path) -> Result<BackupContents> {
    let source = open_checked(kind, from)?;
    let profile = match kind {
        WorkspaceKind::Kommune => "SELECT name, ags FROM profile WHERE id = 1",
        WorkspaceKind::Land => "SELECT name, land_code FROM land_profile WHERE id = 1",
    };
    let (name, key) = source
        .query_row(profile, [], |r| Ok((Some(r.get(0)?), Some(r.get(1)?))))
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok((None, None)),
            e => Err(e),
        })?;
    let last_change = source.query_row("SELECT max(at) FROM audit", [], |r| r.get(0))?;
    let bytes = std::fs::metadata(from).map_err(|e| Error::io(from, e))?.len();
    Ok(BackupContents { name, key, last_change, bytes })
}

/// Replaces the database at `db` with the backup `from`, after checking that `from` is an intact
/// Anbindungscheck database this version can read. The current database is kept as a backup
/// first. Returns the path of that backup, if there was a database. No connection to `db` may be
/// open.
pub fn restore(db: &Path, kind: WorkspaceKind, from: &Path) -> Result<Option<PathBuf>> {
    let source = open_checked(kind, from)?;
    let kept = match super::migrations::inspect(db, kind, super::migrations::MIGRATIONS) {
        Ok(super::migrations::Found::Version(current)) => Some(before_migration(db, current)?),
        Ok(super::migrations::Found::New) => None,
        // A foreign or newer file at the database path is not ours to replace.
        Err(e) => return Err(e),
    };
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let dir = db.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let temp = tempfile::Builder::new()
        .prefix(".wiederherstellung-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    source.backup(rusqlite::MAIN_DB, temp.path(), None::<fn(rusqlite::backup::Progress)>)?;
    drop(source);
    unpack_files(&Connection::open(temp.path())?, db)?;
    temp.as_file().sync_all().map_err(|e| Error::io(temp.path(), e))?;
    // The old database's WAL must not be applied to the restored file.
    for suffix in ["-wal", "-shm"] {
        let side = with_suffix(db, suffix);
        match std::fs::remove_file(&side) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(side, e)),
            _ => {}
        }
    }
    temp.persist(db).map_err(|e| Error::io(db, e.error))?;
    Ok(kept)
}
