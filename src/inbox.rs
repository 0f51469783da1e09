//! The Land's inbox of municipal reports: what a report is when it arrives (its number, the
//! municipality, its date, its file's SHA-256 and its data), what became of it (taken in, already
//! there, set aside as another Land's), and the summary of adding many at once.

use serde::Serialize;

crate::keyed::keyed_enum! {
    /// What became of a report file.
    pub enum Receipt (field = "receipt", unknown = "Unbekanntes Ergebnis") {
        /// New: taken into the inbox.
        Added = ("neu", "neu eingegangen"),
        /// The same report (number or file) is in the inbox already; nothing changed.
        Duplicate = ("doppelt", "schon vorhanden"),
        /// A report of a municipality of another Land: listed, not counted.
        SetAside = ("anderes_land", "Kommune eines anderen Landes"),
    }
}

/// A report file read and checked, about to be recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub report_id: String,
    /// SHA-256 of the PDF file (lower-case hex).
    pub sha256: String,
    pub ags: String,
    pub municipality: String,
    pub land_code: String,
    pub report_date: chrono::NaiveDate,
    pub file_name: String,
    /// The report's data as JSON (`ReportData`).
    pub data: String,
}

/// A report in the inbox (or set aside), as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReceivedReport {
    pub report_id: String,
    pub ags: String,
    pub municipality: String,
    /// `YYYY-MM-DD`.
    pub report_date: String,
    pub file_name: String,
    /// When it was received (RFC 3339, UTC).
    pub received_at: String,
    pub sha256: String,
}

/// A file that could not be read as a report, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RefusedFile {
    pub path: String,
    pub reason: String,
}

/// What adding files to the inbox did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct InboxSummary {
    /// Files looked at (reports found in folders included).
    pub files: u32,
    pub added: u32,
    pub duplicates: u32,
    /// Reports of municipalities of other Länder: listed, not counted.
    pub set_aside: Vec<ReceivedReport>,
    /// Files that are no readable, plausible report, each with its reason.
    pub refused: Vec<RefusedFile>,
}

/// A municipality as the Land's official directory lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Listed {
    pub ags: String,
    pub name: String,
    /// The Kreis's five-digit key.
    pub kreis_ags: String,
    pub kreis: Option<String>,
    pub population: Option<u32>,
}
