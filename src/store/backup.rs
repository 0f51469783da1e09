//! Copies of the database written before a migration, next to it in `backups/`; the newest
//! [`KEEP`] are kept.

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
