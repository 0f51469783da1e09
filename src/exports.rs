//! A recorded export of the readiness report: when, which report, where, its SHA-256 and the
//! recipient, so the office can prove what it sent.

use serde::Serialize;

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
