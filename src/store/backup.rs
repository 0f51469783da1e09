//! Copies of the database: written automatically before a migration or a restore (next to it in
//! `backups/`, the newest [`KEEP`] are kept), made by the clerk with "Sicherung erstellen"
//! ([`Store::backup_to`](crate::Store::backup_to)), and put back with [`restore`].

use rusqlite::Connection;
use std::path::{Path, PathBuf};

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

/// Writes a consistent copy of the open database to `out` with SQLite's backup API, through a
/// temporary file renamed into place.
pub fn copy_to(conn: &Connection, out: &Path) -> Result<()> {
    let dir = out.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let temp = tempfile::Builder::new()
        .prefix(".sicherung-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    conn.backup(rusqlite::MAIN_DB, temp.path(), None::<fn(rusqlite::backup::Progress)>)?;
    temp.as_file().sync_all().map_err(|e| Error::io(temp.path(), e))?;
    temp.persist(out).map_err(|e| Error::io(out, e.error))?;
    Ok(())
}

/// Replaces the database at `db` with the backup `from`, after checking that `from` is an intact
/// Anbindungscheck database this version can read. The current database is kept as a backup
/// first. Returns the path of that backup, if there was a database. No connection to `db` may be
/// open.
pub fn restore(db: &Path, from: &Path) -> Result<Option<PathBuf>> {
    if !from.is_file() {
        return Err(Error::validation(
            "restore",
            format!("Die Sicherung {} wurde nicht gefunden.", from.display()),
        ));
    }
    match super::migrations::inspect(from, super::migrations::MIGRATIONS)? {
        super::migrations::Found::Version(_) => {}
        super::migrations::Found::New => {
            return Err(Error::validation(
                "restore",
                format!("Die Datei {} ist leer und keine Sicherung.", from.display()),
            ))
        }
    };
    let source = Connection::open_with_flags(from, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let check: String = source.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(Error::validation(
            "restore",
            format!("Die Sicherung {} ist beschädigt ({check}).", from.display()),
        ));
    }
    let kept = match super::migrations::inspect(db, super::migrations::MIGRATIONS) {
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
    temp.as_file().sync_all().map_err(|e| Error::io(temp.path(), e))?;
    // The old database's WAL must not be applied to the restored file.
    for suffix in ["-wal", "-shm"] {
        let mut side = db.as_os_str().to_owned();
        side.push(suffix);
        match std::fs::remove_file(PathBuf::from(&side)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::io(PathBuf::from(side), e))
            }
            _ => {}
        }
    }
    temp.persist(db).map_err(|e| Error::io(db, e.error))?;
    Ok(kept)
}
