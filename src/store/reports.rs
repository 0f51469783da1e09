//! Exported readiness reports: writing the PDF where the clerk chose and keeping a history of
//! exports (date, file SHA-256, recipient), so the office can prove what it sent.

use rusqlite::params;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

use super::{now, Store};
use crate::report::preview::{self, ReportPreview};
use crate::{Error, Result};

/// One exported report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReportExport {
    pub id: i64,
    /// When it was exported (RFC 3339, UTC).
    pub at: String,
    pub report_id: String,
    /// `YYYY-MM-DD`.
    pub report_date: String,
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
    pub pages: u32,
    pub recipient: Option<String>,
}

impl Store {
    /// The summary and warnings of the report for `date` (needs a profile).
    pub fn report_preview(&self, date: chrono::NaiveDate) -> Result<ReportPreview> {
        Ok(preview::preview(&self.report_data(date, None)?))
    }

    /// Renders the report for `date`, writes it atomically to `path` and records the export.
    pub fn export_report(
        &mut self,
        date: chrono::NaiveDate,
        path: &Path,
        recipient: Option<&str>,
    ) -> Result<ReportExport> {
        let recipient = crate::text::line("recipient", "Der Empfänger", recipient, 200)?;
        let data = self.report_data(date, None)?;
        let rendered = crate::report::render(&data)?;
        crate::files::write_atomic(path, &rendered.bytes)?;
        let sha256 = crate::package::signing::hex(&Sha256::digest(&rendered.bytes));
        let at = now();
        self.conn.execute(
            "INSERT INTO report_export (at, report_id, report_date, path, sha256, bytes, pages, recipient)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                at,
                data.report_id,
                data.report_date.to_string(),
                path.display().to_string(),
                sha256,
                rendered.bytes.len() as i64,
                rendered.pages as i64,
                recipient
            ],
        )?;
        Ok(ReportExport {
            id: self.conn.last_insert_rowid(),
            at,
            report_id: data.report_id,
            report_date: data.report_date.to_string(),
            path: path.display().to_string(),
            sha256,
            bytes: rendered.bytes.len() as u64,
            pages: rendered.pages as u32,
            recipient,
        })
    }

    /// Every export, newest first.
    pub fn report_exports(&self) -> Result<Vec<ReportExport>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, at, report_id, report_date, path, sha256, bytes, pages, recipient
             FROM report_export ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ReportExport {
                id: r.get(0)?,
                at: r.get(1)?,
                report_id: r.get(2)?,
                report_date: r.get(3)?,
                path: r.get(4)?,
                sha256: r.get(5)?,
                bytes: r.get::<_, i64>(6)? as u64,
                pages: r.get::<_, i64>(7)? as u32,
                recipient: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The file of an export, if it still exists unchanged (the only files the app opens for
    /// printing besides its own documents).
    pub fn report_export_file(&self, id: i64) -> Result<PathBuf> {
        let export = self
            .report_exports()?
            .into_iter()
            .find(|e| e.id == id)
            .ok_or_else(|| Error::validation("report", format!("Unbekannter Export {id}.")))?;
        let path = PathBuf::from(&export.path);
        let (file, _) =
            crate::files::open_regular(&path).map_err(|e| e.into_error("report", &path))?;
        let bytes = crate::files::read_capped(file, crate::report::read::MAX_PDF_BYTES)
            .map_err(|e| Error::io(&path, e))?
            .unwrap_or_default();
        if crate::package::signing::hex(&Sha256::digest(&bytes)) != export.sha256 {
            return Err(Error::validation(
                "report",
                format!("Die Datei {} wurde seit dem Export verändert.", path.display()),
            ));
        }
        Ok(path)
    }
}
