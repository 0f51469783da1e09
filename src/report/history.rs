//! One municipality's reports over time, for the Land: per report (oldest first) its date, when
//! and as which file it came in, the readiness overall and per dimension, the open items, the
//! external blockers and the services it decided to use.

use chrono::NaiveDate;
use serde::Serialize;

use super::data::ReportData;
use crate::catalogue::Dimension;
use crate::inbox::ReceivedReport;
use crate::installed::Decision;

/// A municipality and every report the Land received from it, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MunicipalityHistory {
    pub ags: String,
    pub name: String,
    /// The Kreis's five-digit key (the AGS's first five digits).
    pub kreis_ags: String,
    /// The Kreis's name from the directory, if it lists the municipality.
    pub kreis: Option<String>,
    pub points: Vec<HistoryPoint>,
}

/// One report of the history.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct HistoryPoint {
    pub report_id: String,
    #[cfg_attr(test, ts(type = "string"))]
    pub report_date: NaiveDate,
    /// When it was received (RFC 3339, UTC).
    pub received_at: String,
    pub file_name: String,
    /// Readiness in percent, overall and per dimension (`None`: nothing to count).
    pub readiness: Option<u8>,
    pub finanziell: Option<u8>,
    pub rechtlich: Option<u8>,
    pub organisatorisch: Option<u8>,
    pub technisch: Option<u8>,
    pub open_items: u32,
    pub blockers: u32,
    /// Services the municipality decided to use (decision "ja").
    pub services_ja: u32,
}

impl HistoryPoint {
    /// The point of one received report and its data.
    pub fn new(received: &ReceivedReport, report: &ReportData) -> HistoryPoint {
        let dimension = |d: Dimension| {
            report
                .readiness
                .dimensions
                .iter()
                .find(|x| x.dimension == d)
                .and_then(|x| x.score.percent)
        };
        HistoryPoint {
            report_id: report.report_id.clone(),
            report_date: report.report_date,
            received_at: received.received_at.clone(),
            file_name: received.file_name.clone(),
            readiness: report.readiness.overall.percent,
            finanziell: dimension(Dimension::Finanziell),
            rechtlich: dimension(Dimension::Rechtlich),
            organisatorisch: dimension(Dimension::Organisatorisch),
            technisch: dimension(Dimension::Technisch),
            open_items: report.open_items,
            blockers: report.blocker_count,
            services_ja: report.services.iter().filter(|s| s.decision == Decision::Ja).count()
                as u32,
        }
    }
}
