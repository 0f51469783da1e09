//! Evidence files in the store: checked ([`crate::evidence::check`]), copied into
//! `<db name>-evidence/<sha256>.<ext>` next to the database (written atomically before the row
//! that names it is committed), listed per item, opened only by ID. Removing evidence marks the
//! row removed; the file stays, so the history can still name it.

use rusqlite::{params, OptionalExtension, TransactionBehavior};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{now, record, Store};
use crate::evidence::{self, Evidence};
use crate::package::signing::hex;
use crate::{Error, Result};

impl Store {
    /// Where evidence files are kept: `<db name>-evidence/` next to the database.
    pub fn evidence_dir(&self) -> Option<PathBuf> {
        Some(super::backup::sidecar_dir(self.path.as_ref()?, "evidence"))
    }

    /// The evidence of one item, or of all items with `None`, oldest first.
    pub fn evidence(&self, item_id: Option<&str>) -> Result<Vec<Evidence>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, item_id, title, file_name, media_type, size, sha256, added_at
             FROM evidence WHERE removed_at IS NULL AND (?1 IS NULL OR item_id = ?1) ORDER BY id",
        )?;
        let rows = stmt.query_map([item_id], |r| {
            Ok(Evidence {
                id: r.get(0)?,
                item_id: r.get(1)?,
                title: r.get(2)?,
                file_name: r.get(3)?,
                media_type: r.get(4)?,
                size: r.get::<_, i64>(5)? as u64,
                sha256: r.get(6)?,
                added_at: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Attaches the file at `source` to an item. The file is read once (at most
    /// [`evidence::MAX_BYTES`] + 1 bytes), checked, hashed and stored.
    pub fn add_evidence(
        &mut self,
        item_id: &str,
        source: &Path,
        title: Option<&str>,
    ) -> Result<Evidence> {
        self.known_item(item_id)?;
        let file_name = source
            .file_name()
            .map(|n| n.to_string_lossy().chars().filter(|c| !c.is_control()).collect::<String>())
            .unwrap_or_default();
        let title = evidence::title(title, &file_name)?;
        // A folder, a device or a pipe is refused before it is opened.
        let (file, size) =
            crate::files::open_regular(source).map_err(|e| e.into_error("file", source))?;
        // Named with its real size, not the size read up to the limit.
        if size > evidence::MAX_BYTES {
            return Err(evidence::too_large(size));
        }
        let mut bytes = Vec::new();
        file.take(evidence::MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(source, e))?;
        let media_type = evidence::check(&file_name, &bytes)?;
        let sha256 = hex(&Sha256::digest(&bytes));
        let dir = self
            .evidence_dir()
            .ok_or_else(|| Error::validation("file", "Nachweise brauchen eine Datenbankdatei."))?;
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let stored = dir.join(stored_name(&sha256, &file_name));
        if !stored.is_file() {
            crate::files::write_atomic(&stored, &bytes)?;
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let at = now();
        tx.execute(
            "INSERT INTO evidence (item_id, title, file_name, media_type, size, sha256, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![item_id, title, file_name, media_type, bytes.len() as i64, sha256, at],
        )?;
        let id = tx.last_insert_rowid();
        let shown = format!("{title} ({file_name}, SHA-256 {sha256})");
        record(&tx, &at, "evidence", Some(item_id), &[("evidence", None, Some(shown))])?;
        tx.commit()?;
        Ok(Evidence {
            id,
            item_id: item_id.to_owned(),
            title,
            file_name,
            media_type: media_type.to_owned(),
            size: bytes.len() as u64,
            sha256,
            added_at: at,
        })
    }

    /// Detaches evidence from its item (the file and the row are kept for the history).
    pub fn remove_evidence(&mut self, id: i64) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found: Option<(String, String, String, String)> = tx
            .query_row(
                "SELECT item_id, title, file_name, sha256 FROM evidence
                 WHERE id = ?1 AND removed_at IS NULL",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let (item_id, title, file_name, sha256) = found.ok_or_else(|| unknown(id))?;
        let at = now();
        tx.execute("UPDATE evidence SET removed_at = ?2 WHERE id = ?1", params![id, at])?;
        let shown = format!("{title} ({file_name}, SHA-256 {sha256})");
        record(&tx, &at, "evidence", Some(&item_id), &[("evidence", Some(shown), None)])?;
        tx.commit()?;
        Ok(())
    }

    /// The stored file of an evidence entry, checked against its hash before it is opened.
    pub fn evidence_file(&self, id: i64) -> Result<PathBuf> {
        let found: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT sha256, file_name FROM evidence WHERE id = ?1 AND removed_at IS NULL",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (sha256, file_name) = found.ok_or_else(|| unknown(id))?;
        let dir = self.evidence_dir().ok_or_else(|| unknown(id))?;
        let file = dir.join(stored_name(&sha256, &file_name));
        let (handle, _) =
            crate::files::open_regular(&file).map_err(|e| e.into_error("file", &file))?;
        let bytes = crate::files::read_capped(handle, evidence::MAX_BYTES)
            .map_err(|e| Error::io(&file, e))?
            .unwrap_or_default();
        if hex(&Sha256::digest(&bytes)) != sha256 {
            return Err(Error::validation(
                "file",
                format!(
                    "Die gespeicherte Datei des Nachweises „{file_name}“ wurde verändert \
                     (Prüfsumme stimmt nicht) und wird nicht geöffnet."
                ),
            ));
        }
        Ok(file)
    }
}

fn unknown(id: i64) -> Error {
    Error::validation("evidence", format!("Nachweis Nr. {id} gibt es nicht (mehr)."))
}

/// Stored files are named by content; the extension is the checked one of the original name.
fn stored_name(sha256: &str, file_name: &str) -> String {
    let ext = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    format!("{sha256}.{ext}")
}
