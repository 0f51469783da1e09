//! The readiness report ("Sachstandsbericht"): a signed-off A4 PDF for the Land's
//! coordinator with the report's data embedded as JSON, reading that data back, and
//! aggregating many reports into one table; and, with the same engine, the Land's printable
//! fingerprint sheet and its status report.
//!
//! - [`data`]: the data model, gathered from the store in one read
//! - [`fonts`], [`wrap`], [`format`]: the bundled typeface, measuring, wrapping, German formats
//! - [`glyphs`]: editable text checked against the font before the layout (which field to fix)
//! - [`layout`]: pages of positioned text, rules and rectangles
//! - [`pdf`], [`attach`], `pdf_values`: the PDF (printpdf, then lopdf for metadata, PDF/A parts, attachment)
//! - [`read`]: the embedded data back from a PDF
//! - [`aggregate`]: many reports to CSV/JSON
//! - [`overview`], [`followup`], [`land_export`]: the Land's overview, its follow-up list, and
//!   both as a workbook (XLSX) and CSV; [`history`]: one municipality's reports over time;
//!   [`findings`]: what the reports say about the points of the Land's checklist
//! - [`fingerprint_sheet`]: the one-page sheet on which the Land publishes the fingerprint of its
//!   signing key, made with the same engine
//! - [`land_report`]: the Land's status report ("Lagebericht des Landes") from the overview of
//!   all municipalities ([`overview`]), made with the same engine
//! - [`work_items`], [`checklist_xlsx`], [`work_list`]: the clerk's checklist as a spreadsheet
//!   (XLSX) and as a printable work list ("Arbeitsliste"), made with the same engine
//!
//! The format: docs/report-format.md.

pub mod aggregate;
pub mod attach;
pub mod checklist_xlsx;
pub mod data;
pub mod findings;
pub mod fingerprint_sheet;
pub mod followup;
pub mod fonts;
pub mod format;
pub mod glyphs;
pub mod history;
pub mod land_export;
pub mod land_report;
pub mod layout;
pub mod overview;
pub mod pdf;
mod pdf_values;
pub mod preview;
pub mod read;
pub mod work_items;
pub mod work_list;
pub mod wrap;

pub use crate::error::ReportError;
pub use data::{ReportData, REPORT_SCHEMA, REPORT_SCHEMAS_READ};
pub use pdf::{render, Rendered};

/// The name of the attached JSON file.
pub const ATTACHMENT_NAME: &str = "bereitschaftsbericht.json";
