//! The history of exported readiness reports: one row per export.

use rusqlite::params;

use super::{now, Store};
use crate::exports::ReportExport;
use crate::{Error, Result};

impl Store {
    /// Records an export (its `id` and `at` are set here) and returns it as stored.
    pub fn record_report_export(&mut self, export: ReportExport) -> Result<ReportExport> {
        let at = now();
        self.conn.execute(
            "INSERT INTO report_export (at, report_id, report_date, path, sha256, bytes, pages, recipient)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                at,
                export.report_id,
                export.report_date,
                export.path,
                export.sha256,
                export.bytes as i64,
                export.pages as i64,
                export.recipient
            ],
        )?;
        Ok(ReportExport { id: self.conn.last_insert_rowid(), at, ..export })
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

    /// One recorded export.
    pub fn report_export(&self, id: i64) -> Result<ReportExport> {
        self.report_exports()?
            .into_iter()
            .find(|e| e.id == id)
            .ok_or_else(|| Error::validation("report", format!("Unbekannter Export {id}.")))
    }
}
