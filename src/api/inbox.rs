//! Commands of the Land's inbox: municipal reports added from files and folders (each PDF read
//! and checked as `aggregate` does; a bad file is named and never stops the rest; another Land's
//! report is set aside; the same report twice changes nothing), streamed in batches so that
//! memory does not grow with the number of files.

use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Ctx, FileDialog, Result};
use crate::directory;
use crate::inbox::{InboxSummary, Incoming, Receipt, ReceivedReport, RefusedFile};
use crate::package::archive::Progress;
use crate::package::signing;
use crate::report::followup::{self, FollowUpList};
use crate::report::history::{HistoryPoint, MunicipalityHistory};
use crate::report::land_export;
use crate::report::land_report::{self, LandReport};
use crate::report::overview::{LandOverview, OverviewBuilder, OverviewInput};
use crate::report::{aggregate, read, Rendered, ReportData};
use crate::Error;

/// A report's data as the inbox keeps it, read as `T` (the whole report or the part needed).
fn stored<T: serde::de::DeserializeOwned>(json: &str) -> crate::Result<T> {
    serde_json::from_str(json)
        .map_err(|e| Error::validation("report", format!("Gespeicherter Bericht unlesbar: {e}")))
}

/// Reports recorded per transaction.
const BATCH: usize = 64;

/// Reads the reports in `paths` (PDF files, or folders searched for `*.pdf`) into the inbox.
pub fn add_reports_from(cx: &Ctx, paths: &[PathBuf]) -> Result<InboxSummary> {
    let land_code = cx.workspace.with_land(|s| {
        s.land_profile()?.map(|p| p.land_code).ok_or_else(|| {
            Error::validation(
                "land_code",
                "Bitte legen Sie zuerst das Profil des Landes an: Berichte werden den Kommunen \
                 des Landes zugeordnet.",
            )
        })
    })?;
    let (files, skipped) = aggregate::find_files(paths);
    let mut summary = InboxSummary {
        files: (files.len() + skipped.len()) as u32,
        refused: skipped
            .into_iter()
            .map(|s| RefusedFile { path: s.path.display().to_string(), reason: s.reason })
            .collect(),
        ..Default::default()
    };
    let today = cx.desktop.today();
    let total = files.len() as u64;
    let mut batch = Vec::with_capacity(BATCH);
    for (done, path) in files.iter().enumerate() {
        cx.desktop.progress(Progress { done: done as u64, total });
        match read_report(path, today) {
            Ok(incoming) => batch.push(incoming),
            Err(reason) => {
                summary.refused.push(RefusedFile { path: path.display().to_string(), reason })
            }
        }
        if batch.len() == BATCH {
            record(cx, &land_code, &mut batch, &mut summary)?;
        }
    }
    record(cx, &land_code, &mut batch, &mut summary)?;
    cx.desktop.progress(Progress { done: total, total });
    Ok(summary)
}

/// Records `batch` (and empties it), counting what became of each report.
fn record(
    cx: &Ctx,
    land_code: &str,
    batch: &mut Vec<Incoming>,
    summary: &mut InboxSummary,
) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let receipts = cx.workspace.with_land(|s| s.receive_reports(batch, land_code))?;
    for (incoming, receipt) in batch.drain(..).zip(receipts) {
        match receipt {
            Receipt::Added => summary.added += 1,
            Receipt::Duplicate => summary.duplicates += 1,
            Receipt::SetAside => summary.set_aside.push(ReceivedReport {
                report_id: incoming.report_id,
                ags: incoming.ags,
                municipality: incoming.municipality,
                report_date: incoming.report_date.to_string(),
                file_name: incoming.file_name,
                received_at: String::new(),
                sha256: incoming.sha256,
            }),
        }
    }
    Ok(())
}

/// Reads and checks one report file; the reason in German if it is none.
fn read_report(path: &Path, today: chrono::NaiveDate) -> std::result::Result<Incoming, String> {
    let bytes = read::file_bytes(path).map_err(|e| e.to_string())?;
    let data = read::read_bytes(&bytes).map_err(|e| e.to_string())?;
    read::not_ahead(&data, today).map_err(|e| e.to_string())?;
    Ok(Incoming {
        sha256: signing::hex(&Sha256::digest(&bytes)),
        report_id: data.report_id.clone(),
        ags: data.municipality.ags.clone(),
        municipality: data.municipality.name.clone(),
        land_code: data.municipality.land_code.clone(),
        report_date: data.report_date,
        file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        data: serde_json::to_string(&data).expect("report data serializes"),
    })
}

/// Lets the user pick report files (or, with `folder`, a folder searched for `*.pdf`) and reads
/// them into the inbox; `None` if cancelled.
pub fn add_reports(cx: &Ctx, folder: bool) -> Result<Option<InboxSummary>> {
    let dialog = FileDialog {
        title: if folder { "Ordner mit Berichten einlesen" } else { "Berichte einlesen" },
        filter: "Berichte (PDF)",
        extensions: vec!["pdf"],
        file_name: None,
    };
    let paths = if folder {
        cx.desktop.pick_folder(&dialog)?.into_iter().collect()
    } else {
        cx.desktop.pick_files(&dialog)?
    };
    if paths.is_empty() {
        return Ok(None);
    }
    add_reports_from(cx, &paths).map(Some)
}

/// Reads the report files and folders last dropped on the window into the inbox, as
/// [`add_reports`] does with picked ones; `None` if nothing was dropped.
pub fn add_dropped_reports(cx: &Ctx) -> Result<Option<InboxSummary>> {
    let paths = cx.desktop.take_dropped();
    if paths.is_empty() {
        return Ok(None);
    }
    add_reports_from(cx, &paths).map(Some)
}

/// Lets the user pick the municipal directory (GV100AD or CSV) and makes it the Land's list;
/// `None` if cancelled.
pub fn import_directory(cx: &Ctx) -> Result<Option<DirectoryImported>> {
    let dialog = FileDialog {
        title: "Gemeindeverzeichnis einlesen",
        filter: "Gemeindeverzeichnis (GV100AD oder CSV)",
        extensions: vec!["txt", "asc", "csv"],
        file_name: None,
    };
    let Some(path) = cx.desktop.pick_file(&dialog)? else { return Ok(None) };
    import_directory_file(cx, &path).map(Some)
}

/// Saves the follow-up list as CSV for a mail merge where the user chooses; `None` if cancelled.
pub fn export_follow_up(cx: &Ctx, days: Option<u32>) -> Result<Option<String>> {
    let list = get_follow_up(cx, days)?;
    let dialog = FileDialog {
        title: "Nachfassliste speichern",
        filter: "CSV-Datei",
        extensions: vec!["csv"],
        file_name: Some(format!("Nachfassliste-{}.csv", cx.desktop.today())),
    };
    let Some(path) = cx.desktop.save_file(&dialog)? else { return Ok(None) };
    crate::files::write_atomic(&path, followup::to_csv(&list).as_bytes())?;
    Ok(Some(path.display().to_string()))
}

/// The Land's status report ("Lagebericht des Landes") as PDF, from the overview with reports
/// older than `stale_days` (default 90) marked, and the directory's date.
pub fn land_report(cx: &Ctx, stale_days: Option<u32>) -> Result<Rendered> {
    let (land, directory) = cx.workspace.with_land(|s| {
        let land = s.land_profile()?.map(|p| p.land).ok_or_else(|| {
            Error::validation(
                "land_code",
                "Bitte legen Sie zuerst das Profil des Landes an: Der Lagebericht nennt das Land.",
            )
        })?;
        Ok((land, s.directory_as_of()?))
    })?;
    let overview = get_land_overview(cx, stale_days)?;
    let report = LandReport { land: &land, date: overview.date, directory, overview: &overview };
    Ok(land_report::render(&report).map_err(Error::from)?)
}

/// Writes the Land's status report to `path` (atomically); returns the number of pages.
pub fn write_land_report(cx: &Ctx, path: &Path, stale_days: Option<u32>) -> Result<usize> {
    let rendered = land_report(cx, stale_days)?;
    crate::files::write_atomic(path, &rendered.bytes)?;
    Ok(rendered.pages)
}

/// Saves the Land's status report as PDF where the user chooses; `None` if cancelled.
pub fn export_land_report(cx: &Ctx, stale_days: Option<u32>) -> Result<Option<String>> {
    let dialog = FileDialog {
        title: "Lagebericht speichern",
        filter: "PDF-Dokument",
        extensions: vec!["pdf"],
        file_name: Some(format!("Lagebericht-{}.pdf", cx.desktop.today())),
    };
    let Some(path) = cx.desktop.save_file(&dialog)? else { return Ok(None) };
    write_land_report(cx, &path, stale_days)?;
    Ok(Some(path.display().to_string()))
}

/// The reports in the inbox, newest first.
pub fn list_received_reports(cx: &Ctx) -> Result<Vec<ReceivedReport>> {
    cx.workspace.with_land(|s| s.received_reports())
}

/// Days after which a report counts as stale, unless asked otherwise.
pub const STALE_DAYS: u32 = 90;

/// The whole Land from the newest report of each municipality (and the directory's
/// municipalities without one); reports older than `stale_days` (default 90) are marked.
pub fn get_land_overview(cx: &Ctx, stale_days: Option<u32>) -> Result<LandOverview> {
    let today = cx.desktop.today();
    cx.workspace.with_land(|s| {
        let mut builder = OverviewBuilder::new(
            today,
            stale_days.unwrap_or(STALE_DAYS),
            s.directory_municipalities()?,
        );
        s.each_latest_report(|json| {
            let data: OverviewInput = stored(json)?;
            builder.add(data);
            Ok(())
        })?;
        Ok(builder.finish())
    })
}

/// Every report of the municipality `ags`, oldest first, with its name and Kreis (from the
/// directory, else from its newest report). A municipality of the directory without a report has
/// an empty history; an AGS neither the directory nor a report knows is refused.
pub fn get_municipality_history(cx: &Ctx, ags: String) -> Result<MunicipalityHistory> {
    let ags = crate::ags::Ags::parse(&ags)?;
    let ags = ags.as_str();
    let (listed, reports) = cx
        .workspace
        .with_land(|s| Ok((s.directory_municipality(ags)?, s.municipality_reports(ags)?)))?;
    let mut points = Vec::with_capacity(reports.len());
    let mut name = None;
    for (received, json) in &reports {
        let data: ReportData = stored(json)?;
        points.push(HistoryPoint::new(received, &data));
        name = Some(data.municipality.name);
    }
    let kreis = listed.as_ref().and_then(|l| l.kreis.clone());
    let name = match (listed, name) {
        (Some(l), _) => l.name,
        (None, Some(n)) => n,
        (None, None) => {
            return Err(Error::validation(
                "ags",
                format!(
                    "Zur Kommune mit dem AGS {ags} liegt kein Bericht vor, und das \
                     Gemeindeverzeichnis nennt sie nicht."
                ),
            )
            .into())
        }
    };
    Ok(MunicipalityHistory {
        ags: ags.to_owned(),
        name,
        kreis_ags: ags[..5].to_owned(),
        kreis,
        points,
    })
}

/// Days the follow-up list looks ahead (agreements, certificates) and back (blockers), unless
/// asked otherwise.
pub const FOLLOW_UP_DAYS: u32 = 30;

/// The municipalities to follow up (see [`crate::report::followup`]), with `days` (default 30)
/// for expiring agreements and certificates and for blockers.
pub fn get_follow_up(cx: &Ctx, days: Option<u32>) -> Result<FollowUpList> {
    follow_up_of(cx, &get_land_overview(cx, None)?, days)
}

/// What the follow-up list needs of a stored report.
#[derive(serde::Deserialize)]
struct BlockerDates {
    report_date: NaiveDate,
    blockers: Vec<BlockedItem>,
}

#[derive(serde::Deserialize)]
struct BlockedItem {
    item_id: String,
}

/// The follow-up list of `overview`, looking `days` (default 30) ahead and back.
fn follow_up_of(cx: &Ctx, overview: &LandOverview, days: Option<u32>) -> Result<FollowUpList> {
    let mut blocked_since = HashMap::new();
    for row in overview.rows.iter().filter(|r| !r.blocked_items.is_empty()) {
        let history = cx.workspace.with_land(|s| s.report_history(&row.ags))?;
        // Each blocker's start: the first report of the run of reports that show it.
        let mut started: HashMap<String, NaiveDate> = HashMap::new();
        for json in &history {
            // Only the date and the blockers: the rest of each report is skipped, not built.
            let data: BlockerDates = stored(json)?;
            started.retain(|item, _| data.blockers.iter().any(|b| &b.item_id == item));
            for b in &data.blockers {
                started.entry(b.item_id.clone()).or_insert(data.report_date);
            }
        }
        if let Some(since) = row.blocked_items.iter().filter_map(|i| started.get(i)).min() {
            blocked_since.insert(row.ags.clone(), *since);
        }
    }
    Ok(followup::follow_up(overview, days.unwrap_or(FOLLOW_UP_DAYS), &blocked_since))
}

/// What [`write_land_export`] wrote.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LandExported {
    pub xlsx: Option<String>,
    pub csv: Option<String>,
    pub municipalities: u32,
    pub reported: u32,
    pub follow_up: u32,
}

/// Writes the Land's overview as a workbook (`xlsx`, see [`land_export::to_xlsx`]: every list
/// and the follow-up list) and/or its municipalities as CSV (`csv`); reports older than
/// `stale_days` (default 90) are stale, the follow-up list looks `days` (default 30) ahead and
/// back. Both are made before either is written, and each file is written whole or not at all.
pub fn write_land_export(
    cx: &Ctx,
    xlsx: Option<&Path>,
    csv: Option<&Path>,
    stale_days: Option<u32>,
    days: Option<u32>,
) -> Result<LandExported> {
    if xlsx.is_none() && csv.is_none() {
        return Err(Error::validation(
            "file",
            "Bitte geben Sie an, wohin exportiert werden soll: eine XLSX-Datei, eine CSV-Datei \
             oder beide.",
        )
        .into());
    }
    let overview = get_land_overview(cx, stale_days)?;
    let list = follow_up_of(cx, &overview, days)?;
    let workbook =
        xlsx.map(|_| land_export::to_xlsx(&overview, &list)).transpose().map_err(Error::from)?;
    let table = csv.map(|_| land_export::overview_csv(&overview));
    if let (Some(path), Some(bytes)) = (xlsx, &workbook) {
        crate::files::write_atomic(path, bytes)?;
    }
    if let (Some(path), Some(text)) = (csv, &table) {
        crate::files::write_atomic(path, text.as_bytes())?;
    }
    Ok(LandExported {
        xlsx: xlsx.map(|p| p.display().to_string()),
        csv: csv.map(|p| p.display().to_string()),
        municipalities: overview.municipalities,
        reported: overview.reported,
        follow_up: list.entries.len() as u32,
    })
}

/// Saves the Land's overview as an Excel workbook (save dialog, `Kommunen-<Land>-<Datum>.xlsx`)
/// with the follow-up list; `None` if cancelled.
pub fn export_land_xlsx(
    cx: &Ctx,
    stale_days: Option<u32>,
    days: Option<u32>,
) -> Result<Option<String>> {
    let land = cx.workspace.with_land(|s| Ok(s.land_profile()?.map(|p| p.land)))?;
    let dialog = FileDialog {
        title: "Übersicht der Kommunen speichern",
        filter: "Excel-Arbeitsmappe",
        extensions: vec!["xlsx"],
        file_name: Some(format!(
            "Kommunen-{}-{}.xlsx",
            land.as_deref().unwrap_or("Land"),
            cx.desktop.today()
        )),
    };
    let Some(path) = cx.desktop.save_file(&dialog)? else { return Ok(None) };
    write_land_export(cx, Some(&path), None, stale_days, days)?;
    Ok(Some(path.display().to_string()))
}

/// What importing the directory did.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DirectoryImported {
    pub format: crate::directory::DirectoryFormat,
    /// The directory's date (Gebietsstand), if it gives one.
    pub as_of: Option<String>,
    pub municipalities: u32,
    pub kreise: u32,
    /// Municipalities of other Länder, left out, and those Länder with their counts.
    pub other_lands: u32,
    pub other_land_names: Vec<String>,
}

/// Reads the official municipal directory (GV100AD or a CSV `AGS;Name;Einwohner`) at `path` and
/// makes the Land's municipalities in it the Land's list; others are counted, not taken.
pub fn import_directory_file(cx: &Ctx, path: &Path) -> Result<DirectoryImported> {
    let land = cx.workspace.with_land(|s| {
        let profile = s.land_profile()?.ok_or_else(|| {
            Error::validation(
                "land_code",
                "Bitte legen Sie zuerst das Profil des Landes an: Aus dem Verzeichnis werden die \
                 Kommunen des Landes übernommen.",
            )
        })?;
        crate::land_profile::parse_land(&profile.land_code)
    })?;
    let (file, _) = crate::files::open_regular(path).map_err(|e| e.into_error("file", path))?;
    let max = directory::MAX_FILE_BYTES as u64;
    let bytes =
        crate::files::read_capped(file, max).map_err(|e| Error::io(path, e))?.ok_or_else(|| {
            Error::validation(
                "directory",
                format!(
                    "{} ist größer als {} MiB und kein Gemeindeverzeichnis.",
                    path.display(),
                    max >> 20
                ),
            )
        })?;
    let found = directory::for_land(directory::parse(&bytes)?, land);
    if found.municipalities.is_empty() {
        return Err(Error::validation(
            "directory",
            format!(
                "Das Verzeichnis enthält keine Kommune des Landes {} (nur: {}). Es wurde nichts übernommen.",
                land.name(),
                found.other_land_names.join(", ")
            ),
        )
        .into());
    }
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    cx.workspace.with_land(|s| s.replace_directory(&found, &file_name))?;
    Ok(DirectoryImported {
        format: found.format,
        as_of: found.as_of.map(|d| d.to_string()),
        municipalities: found.municipalities.len() as u32,
        kreise: found.kreise.len() as u32,
        other_lands: found.other_lands as u32,
        other_land_names: found.other_land_names,
    })
}
