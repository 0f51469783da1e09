//! The Land's package editor: the draft of the next edition (a manifest, kept as the editor left
//! it, complete or not) and the record of every edition published. Documents of the draft lie in
//! the documents folder by content, like those of imported packages, so backups carry them.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::{now, record, Store};
use crate::package::archive::Limits;
use crate::package::manifest::{parse_manifest, Manifest};
use crate::publication::Publication;
use crate::{Error, Result};

impl Store {
    /// The stored draft, if the editor has saved one.
    pub fn package_draft(&self) -> Result<Option<Manifest>> {
        let text: Option<String> = self
            .conn
            .query_row("SELECT manifest FROM package_draft WHERE id = 1", [], |r| r.get(0))
            .optional()?;
        text.map(|t| parse_manifest(&t).map_err(Error::from)).transpose()
    }

    /// Stores the draft as it is (its problems are the editor's to show, not a reason to refuse).
    pub fn save_package_draft(&mut self, manifest: &Manifest) -> Result<()> {
        let text = manifest_text(manifest)?;
        self.conn.execute(
            "INSERT INTO package_draft (id, manifest, updated_at) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET manifest = excluded.manifest,
                 updated_at = excluded.updated_at",
            params![text, now()],
        )?;
        Ok(())
    }

    /// Every edition published, newest first.
    pub fn publications(&self) -> Result<Vec<Publication>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, package_id, version, manifest, fingerprint, sha256, bytes, path,
                 published_at FROM publication ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            let manifest: String = r.get(3)?;
            Ok((
                Publication {
                    id: r.get(0)?,
                    package_id: r.get(1)?,
                    version: r.get(2)?,
                    title: String::new(),
                    fingerprint: r.get(4)?,
                    sha256: r.get(5)?,
                    bytes: r.get::<_, i64>(6)?.max(0) as u64,
                    path: r.get(7)?,
                    published_at: r.get(8)?,
                },
                manifest,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mut publication, manifest) = row?;
            publication.title = parse_manifest(&manifest)?.title;
            out.push(publication);
        }
        Ok(out)
    }

    /// The manifest of the newest edition published, if any.
    pub fn last_published_manifest(&self) -> Result<Option<Manifest>> {
        last_published(&self.conn)
    }

    /// Records an edition as published and, in the same transaction, makes `next` the draft.
    pub fn record_publication(
        &mut self,
        published: &Publication,
        manifest: &Manifest,
        next: &Manifest,
    ) -> Result<Publication> {
        let text = manifest_text(manifest)?;
        let next_text = manifest_text(next)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let at = now();
        tx.execute(
            "INSERT INTO publication (package_id, version, manifest, fingerprint, sha256, bytes,
                 path, published_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                manifest.id,
                manifest.version,
                text,
                published.fingerprint,
                published.sha256,
                published.bytes as i64,
                published.path,
                at
            ],
        )
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _)
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                Error::validation(
                    "version",
                    format!(
                        "Version {} des Pakets „{}“ ist schon veröffentlicht. Bitte erhöhen Sie \
                         die Version.",
                        manifest.version, manifest.id
                    ),
                )
            }
            e => e.into(),
        })?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO package_draft (id, manifest, updated_at) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET manifest = excluded.manifest,
                 updated_at = excluded.updated_at",
            params![next_text, at],
        )?;
        let shown = format!(
            "{} Version {} (SHA-256 {}, Schlüssel {})",
            manifest.title, manifest.version, published.sha256, published.fingerprint
        );
        record(&tx, &at, "land", None, &[("publication", None, Some(shown))])?;
        tx.commit()?;
        Ok(Publication { id, published_at: at, title: manifest.title.clone(), ..published.clone() })
    }
}

fn last_published(conn: &Connection) -> Result<Option<Manifest>> {
    let text: Option<String> = conn
        .query_row("SELECT manifest FROM publication ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .optional()?;
    text.map(|t| parse_manifest(&t).map_err(Error::from)).transpose()
}

/// The manifest as stored: JSON no larger than a package's manifest may be.
fn manifest_text(manifest: &Manifest) -> Result<String> {
    let text = serde_json::to_string_pretty(manifest).expect("a manifest serializes");
    let max = Limits::default().manifest_bytes;
    if text.len() as u64 > max {
        return Err(Error::validation(
            "manifest",
            format!("Das Paket ist zu umfangreich ({} Bytes, höchstens {max} Bytes).", text.len()),
        ));
    }
    Ok(text)
}
