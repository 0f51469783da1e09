//! The Land's inbox (tables `received_report`, `set_aside_report`): reports are recorded in
//! batches, each one transaction; a report whose number or file is there already changes
//! nothing. Reading gives the newest report of each municipality and one municipality's history.

use rusqlite::{params, OptionalExtension, TransactionBehavior};

use super::{now, Store};
use crate::directory::LandDirectory;
use crate::inbox::{Incoming, Listed, Receipt, ReceivedReport};
use crate::Result;

const LISTED: &str = "report_id, ags, municipality, report_date, file_name, received_at, sha256";

const DIRECTORY_ROW: &str = "ags, name, kreis_ags, kreis_name, population";

fn directory_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Listed> {
    Ok(Listed {
        ags: r.get(0)?,
        name: r.get(1)?,
        kreis_ags: r.get(2)?,
        kreis: r.get(3)?,
        population: r.get(4)?,
    })
}

fn listed(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReceivedReport> {
    Ok(ReceivedReport {
        report_id: r.get(0)?,
        ags: r.get(1)?,
        municipality: r.get(2)?,
        report_date: r.get(3)?,
        file_name: r.get(4)?,
        received_at: r.get(5)?,
        sha256: r.get(6)?,
    })
}

impl Store {
    /// Records a batch of reports in one transaction: a report of `land_code`'s municipalities
    /// goes into the inbox, another Land's is set aside, one already there (same number or same
    /// file) changes nothing. Returns what became of each, in order.
    pub fn receive_reports(&mut self, batch: &[Incoming], land_code: &str) -> Result<Vec<Receipt>> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let at = now();
        let mut out = Vec::with_capacity(batch.len());
        for r in batch {
            let known: bool = tx
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM received_report WHERE report_id = ?1 OR sha256 = ?2)
                         OR EXISTS (SELECT 1 FROM set_aside_report WHERE report_id = ?1 OR sha256 = ?2)",
                    params![r.report_id, r.sha256],
                    |row| row.get(0),
                )?;
            if known {
                out.push(Receipt::Duplicate);
            } else if r.land_code != land_code {
                tx.execute(
                    "INSERT INTO set_aside_report (report_id, sha256, ags, land_code, municipality,
                         report_date, file_name, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        r.report_id,
                        r.sha256,
                        r.ags,
                        r.land_code,
                        r.municipality,
                        r.report_date.to_string(),
                        r.file_name,
                        at
                    ],
                )?;
                out.push(Receipt::SetAside);
            } else {
                tx.execute(
                    "INSERT INTO received_report (report_id, sha256, ags, municipality, report_date,
                         file_name, received_at, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        r.report_id,
                        r.sha256,
                        r.ags,
                        r.municipality,
                        r.report_date.to_string(),
                        r.file_name,
                        at,
                        r.data
                    ],
                )?;
                out.push(Receipt::Added);
            }
        }
        tx.commit()?;
        Ok(out)
    }

    /// Every report received, newest report date first.
    pub fn received_reports(&self) -> Result<Vec<ReceivedReport>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {LISTED} FROM received_report ORDER BY report_date DESC, id DESC"
        ))?;
        let rows = stmt.query_map([], listed)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The reports of other Länder that were set aside.
    pub fn set_aside_reports(&self) -> Result<Vec<ReceivedReport>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {LISTED} FROM set_aside_report ORDER BY report_date DESC, report_id"
        ))?;
        let rows = stmt.query_map([], listed)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Calls `each` with the data (JSON) of the newest report of every municipality, in AGS
    /// order, one at a time (so that memory does not grow with the number of reports). Of two
    /// reports of one day, the one received later counts.
    pub fn each_latest_report(&self, mut each: impl FnMut(&str) -> Result<()>) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT data FROM received_report r WHERE id = (
                 SELECT id FROM received_report WHERE ags = r.ags
                 ORDER BY report_date DESC, id DESC LIMIT 1)
             ORDER BY ags",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let data: String = row.get(0)?;
            each(&data)?;
        }
        Ok(())
    }

    /// The data (JSON) of every report of the municipality `ags`, oldest first.
    pub fn report_history(&self, ags: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT data FROM received_report WHERE ags = ?1 ORDER BY report_date, id")?;
        let rows = stmt.query_map([ags], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every report of the municipality `ags` as listed, with its data (JSON), oldest first
    /// (of two reports of one day, the one received first).
    pub fn municipality_reports(&self, ags: &str) -> Result<Vec<(ReceivedReport, String)>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {LISTED}, data FROM received_report WHERE ags = ?1 ORDER BY report_date, id"
        ))?;
        let rows = stmt.query_map([ags], |r| Ok((listed(r)?, r.get(7)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The municipality `ags` as the directory lists it, if it does.
    pub fn directory_municipality(&self, ags: &str) -> Result<Option<Listed>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {DIRECTORY_ROW} FROM directory_municipality WHERE ags = ?1"),
                [ags],
                directory_row,
            )
            .optional()?)
    }

    /// The Land's municipalities from the official directory, in AGS order (empty before one
    /// is imported).
    pub fn directory_municipalities(&self) -> Result<Vec<Listed>> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {DIRECTORY_ROW} FROM directory_municipality ORDER BY ags"))?;
        let rows = stmt.query_map([], directory_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether a municipal directory was read (`None`: never) and, if so, its date
    /// (Gebietsstand), if it gives one.
    pub fn directory_as_of(&self) -> Result<Option<Option<chrono::NaiveDate>>> {
        let as_of: Option<Option<String>> = self
            .conn
            .query_row("SELECT as_of FROM directory WHERE id = 1", [], |r| r.get(0))
            .optional()?;
        Ok(as_of.map(|d| d.and_then(|d| d.parse().ok())))
    }

    /// Replaces the Land's list of municipalities with `directory` (one transaction), keeping
    /// where it came from.
    pub fn replace_directory(&mut self, directory: &LandDirectory, file_name: &str) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM directory_municipality", [])?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO directory_municipality (ags, name, kreis_ags, kreis_name, verband_ars,
                     verband_name, population) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for m in &directory.municipalities {
                let (verband_ars, verband_name) = m.verband.clone().unzip();
                insert.execute(params![
                    m.ags,
                    m.name,
                    m.kreis_ags,
                    m.kreis_name,
                    verband_ars,
                    verband_name,
                    m.population
                ])?;
            }
        }
        tx.execute(
            "INSERT INTO directory (id, format, as_of, file_name, imported_at, other_lands,
                 other_land_names) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (id) DO UPDATE SET format = excluded.format, as_of = excluded.as_of,
                 file_name = excluded.file_name, imported_at = excluded.imported_at,
                 other_lands = excluded.other_lands, other_land_names = excluded.other_land_names",
            params![
                directory.format.key(),
                directory.as_of.map(|d| d.to_string()),
                file_name,
                now(),
                directory.other_lands as i64,
                directory.other_land_names.join(", ")
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Whether a report with this number is in the inbox.
    pub fn has_report(&self, report_id: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM received_report WHERE report_id = ?1",
                [report_id],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }
}
