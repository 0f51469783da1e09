//! Output: the text each command writes, as JSON or as German lines for a terminal. Every line
//! goes through [`printable`], so characters that could steer the terminal are replaced.

use std::io::Write;
use std::path::Path;

use anbindungscheck::api::land::{MadeStatement, NewKey, VerifiedPackage};
use anbindungscheck::api::packages::RevocationImported;
use anbindungscheck::api::{
    ApiError, DirectoryImported, LandExported, PackageDraft, Result, WrittenReport,
};
use anbindungscheck::audit::HistoryEntry;
use anbindungscheck::catalogue::Actor;
use anbindungscheck::checklist::ChecklistEntry;
use anbindungscheck::error_code::ErrorCode;
use anbindungscheck::inbox::{InboxSummary, ReceivedReport};
use anbindungscheck::installed::{ImportAction, ImportPreview, InstalledPackage, KeyStatus};
use anbindungscheck::land_profile::LandProfile;
use anbindungscheck::package::build::Built;
use anbindungscheck::package::review::Change;
use anbindungscheck::package::PackageError;
use anbindungscheck::profile::{KommuneKind, Member, Profile};
use anbindungscheck::readiness::{Deadline, Score, StatusCounts, StatusReport, DUE_SOON_DAYS};
use anbindungscheck::report::aggregate::Aggregate;
use anbindungscheck::report::followup::FollowUpList;
use anbindungscheck::report::land_export::SHEETS;
use anbindungscheck::report::overview::LandOverview;
use anbindungscheck::text::printable;
use anbindungscheck::Error;

/// A failed command on standard error: the error, and for a Land's unknown key how to trust it.
pub fn error(e: &ApiError) {
    eprintln!("Fehler: {}", printable(&e.to_string(), true));
    if let ApiError::Core(Error::Package(
        PackageError::UntrustedKey { fingerprint, .. }
        | PackageError::UntrustedAfterRevocation { fingerprint, .. },
    )) = e
    {
        // Two lines, the second indented by 21 spaces (as a shell continuation line).
        eprintln!("Nach der Prüfung des Fingerabdrucks: anbindungscheck import <PAKET.zip> \\");
        eprintln!("{:21}--trust \"{fingerprint}\"", "");
    }
    if e.code() == ErrorCode::ReportNoProfile {
        eprintln!("Profil anlegen: anbindungscheck profile set --name <NAME> --ags <AGS>");
    }
}

/// A path as one printable line (see [`printable`]).
pub fn shown(path: &Path) -> String {
    printable(&path.display().to_string(), false)
}

/// Writes one line of output; characters that could steer the terminal are replaced.
fn line(out: &mut dyn Write, text: &str) -> Result<()> {
    writeln!(out, "{}", printable(text, true)).map_err(|e| Error::io("<stdout>", e).into())
}

/// `aggregate` without output files: the CSV table on standard output, as it is.
pub fn table(out: &mut dyn Write, csv: &str) -> Result<()> {
    out.write_all(csv.as_bytes()).map_err(|e| Error::io("<stdout>", e).into())
}

/// `value` as pretty-printed JSON (`--json`).
pub fn json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> Result<()> {
    let json = serde_json::to_string_pretty(value).expect("our types serialize");
    line(out, &json)
}

fn percent(score: &Score) -> String {
    match score.percent {
        Some(p) => format!("{p:>3} %  ({} von {} erledigt)", score.done, score.applicable),
        None => "  – (keine Aufgaben zu zählen)".to_owned(),
    }
}

/// `status`.
pub fn status(out: &mut dyn Write, r: &StatusReport) -> Result<()> {
    let date = r.date.format("%d.%m.%Y");
    match &r.profile {
        Some(p) => line(out, &format!("{} – Stand {date}", profile_title(p)))?,
        None => line(out, &format!("Kommune noch nicht erfasst – Stand {date}"))?,
    }
    status_body(out, r)?;
    services(out, r)
}

/// The readiness of each service: its verdict and, when not ready, the checks that fail.
fn services(out: &mut dyn Write, r: &StatusReport) -> Result<()> {
    line(out, "Onlinedienste:")?;
    if r.services.is_empty() {
        return line(out, "  keine (kein Informationspaket eingelesen)");
    }
    for s in &r.services {
        line(out, &format!("  {} ({}): {}", s.name, s.package_id, s.verdict_label))?;
        for c in s.failing() {
            line(out, &format!("    fehlt: {} – {}", c.label, c.detail))?;
        }
        for c in s.checks.iter().filter(|c| c.attention) {
            line(out, &format!("    bitte beachten: {} – {}", c.label, c.detail))?;
        }
    }
    Ok(())
}

/// `land status`: the same figures for the Land's own checklist.
pub fn land_status(
    out: &mut dyn Write,
    r: &StatusReport,
    land: Option<&LandProfile>,
) -> Result<()> {
    let date = r.date.format("%d.%m.%Y");
    match land {
        Some(p) => line(out, &format!("{} ({}) – Stand {date}", p.name, p.land))?,
        None => line(out, &format!("Land noch nicht erfasst (land setup) – Stand {date}"))?,
    }
    status_body(out, r)
}

fn status_body(out: &mut dyn Write, r: &StatusReport) -> Result<()> {
    line(out, &r.verdict.text)?;
    line(out, &format!("Sachstand gesamt: {}", percent(&r.overall)))?;
    for d in &r.dimensions {
        line(out, &format!("  {:<16} {}", d.label, percent(&d.score)))?;
    }
    let counts = |c: &StatusCounts| {
        format!(
            "{} offen, {} in Arbeit, {} erledigt, {} nicht zutreffend, {} extern blockiert",
            c.offen, c.in_arbeit, c.erledigt, c.nicht_zutreffend, c.extern_blockiert
        )
    };
    let (own, others) = match r.owner {
        Actor::Kommune => ("Aufgaben der Kommune", "Aufgaben des Landes"),
        Actor::Land => ("Aufgaben des Landes", "Aufgaben der Kommune"),
    };
    line(out, &format!("{own}: {}", counts(&r.counts)))?;
    if r.others != StatusCounts::default() {
        line(out, &format!("{others} (zählen nicht mit): {}", counts(&r.others)))?;
    }
    line(out, "Extern blockiert:")?;
    if r.blockers.is_empty() {
        line(out, "  keine")?;
    }
    for b in &r.blockers {
        let text = b.text.as_deref().map(|t| format!(" – {t}")).unwrap_or_default();
        line(out, &format!("  {} [{}]: {}{text}", b.item_id, b.party_label, b.title))?;
    }
    deadlines(out, "Überfällig:", &r.overdue)?;
    deadlines(out, &format!("In den nächsten {DUE_SOON_DAYS} Tagen fällig:"), &r.due_soon)
}

fn deadlines(out: &mut dyn Write, heading: &str, list: &[Deadline]) -> Result<()> {
    line(out, heading)?;
    if list.is_empty() {
        return line(out, "  keine");
    }
    for d in list {
        let owner = d.owner.as_deref().map(|o| format!(" ({o})")).unwrap_or_default();
        let what = d.item_id.clone().unwrap_or_else(|| d.kind_label.clone());
        let context = d.context.as_deref().map(|c| format!(" – {c}")).unwrap_or_default();
        let due = d.due.format("%d.%m.%Y");
        line(out, &format!("  {due} {what}: {}{context}{owner}", d.title))?;
    }
    Ok(())
}

/// The profile's name with kind, key and Land: "Stadt X (AGS 05315000, Nordrhein-Westfalen)",
/// "Amt Y (Amt, ARS 010585819000, Schleswig-Holstein)".
fn profile_title(p: &Profile) -> String {
    let key = if p.ags.len() == 12 { "ARS" } else { "AGS" };
    let kind = match p.kind {
        KommuneKind::Gemeinde => String::new(),
        kind => format!("{}, ", kind.label()),
    };
    format!("{} ({kind}{key} {}, {})", p.name, p.ags, p.land)
}

/// `profile show`; `members` is how many member municipalities are listed.
pub fn profile(out: &mut dyn Write, profile: Option<&Profile>, members: usize) -> Result<()> {
    match profile {
        None => line(out, "Noch kein Profil angelegt (anbindungscheck profile set …)."),
        Some(p) => {
            line(out, &profile_title(p))?;
            if p.kind.has_members() {
                line(out, &format!("Mitgliedsgemeinden: {members} (anbindungscheck members)"))?;
            }
            if let Some(n) = p.population {
                line(out, &format!("Einwohnerzahl: {n}"))?;
            }
            let contact = [&p.coordinator_name, &p.coordinator_email, &p.coordinator_phone];
            let contact: Vec<&str> = contact.into_iter().flatten().map(String::as_str).collect();
            if !contact.is_empty() {
                line(out, &format!("OZG-Koordination: {}", contact.join(", ")))?;
            }
            Ok(())
        }
    }
}

/// `profile set`.
pub fn profile_saved(out: &mut dyn Write, profile: &Profile) -> Result<()> {
    line(out, &format!("Profil gespeichert: {}.", profile_title(profile)))
}

/// `member add`.
pub fn member_added(out: &mut dyn Write, member: &Member) -> Result<()> {
    line(out, &format!("Mitglied eingetragen: {} (AGS {}).", member.name, member.ags))
}

/// `member remove`.
pub fn member_removed(out: &mut dyn Write, member: &Member) -> Result<()> {
    line(out, &format!("Mitglied entfernt: {} (AGS {}).", member.name, member.ags))
}

/// `members`.
pub fn members(out: &mut dyn Write, profile: Option<&Profile>, members: &[Member]) -> Result<()> {
    if members.is_empty() {
        return match profile {
            Some(p) if p.kind.has_members() => line(
                out,
                "Noch keine Mitgliedsgemeinden eingetragen (anbindungscheck member add AGS --name …).",
            ),
            Some(p) => line(
                out,
                &format!(
                    "Keine Mitgliedsgemeinden: Ihre Kommune ist als „{}“ erfasst; Mitglieder hat \
                     nur ein Gemeindeverband oder ein Kreis.",
                    p.kind.label()
                ),
            ),
            None => line(out, "Noch kein Profil angelegt (anbindungscheck profile set …)."),
        };
    }
    let n = members.len();
    line(
        out,
        &format!("{n} {}:", if n == 1 { "Mitgliedsgemeinde" } else { "Mitgliedsgemeinden" }),
    )?;
    for m in members {
        line(out, &format!("  {}  {}", m.ags, printable(&m.name, false)))?;
    }
    Ok(())
}

/// `land setup`.
pub fn land_profile_saved(out: &mut dyn Write, profile: &LandProfile) -> Result<()> {
    line(
        out,
        &format!(
            "Profil gespeichert: {} (Land {}, Schlüssel {}).",
            profile.name, profile.land, profile.land_code
        ),
    )
}

/// `inbox add`: what became of the files; refused ones with their reason.
pub fn inbox_added(out: &mut dyn Write, s: &InboxSummary) -> Result<()> {
    line(
        out,
        &format!(
            "{} Dateien gelesen: {} neu, {} schon vorhanden, {} von Kommunen anderer Länder, {} nicht lesbar.",
            s.files,
            s.added,
            s.duplicates,
            s.set_aside.len(),
            s.refused.len()
        ),
    )?;
    if !s.set_aside.is_empty() {
        line(out, "Beiseitegelegt (Kommunen anderer Länder):")?;
        for r in &s.set_aside {
            let name = printable(&r.municipality, false);
            line(out, &format!("  {} (AGS {}) – {}", name, r.ags, printable(&r.file_name, false)))?;
        }
    }
    if !s.refused.is_empty() {
        line(out, "Nicht eingelesen:")?;
        for r in &s.refused {
            line(
                out,
                &format!("  {} – {}", printable(&r.path, false), printable(&r.reason, false)),
            )?;
        }
    }
    Ok(())
}

/// `inbox directory`.
pub fn directory_imported(out: &mut dyn Write, d: &DirectoryImported) -> Result<()> {
    let as_of = d
        .as_of
        .as_deref()
        .and_then(|a| chrono::NaiveDate::parse_from_str(a, "%Y-%m-%d").ok())
        .map(|a| format!(", Stand {}", a.format("%d.%m.%Y")))
        .unwrap_or_default();
    line(
        out,
        &format!(
            "Gemeindeverzeichnis übernommen{as_of}: {} Kommunen in {} Kreisen.",
            d.municipalities, d.kreise
        ),
    )?;
    if d.other_lands > 0 {
        line(
            out,
            &format!(
                "Nicht übernommen: {} Kommunen anderer Länder ({}).",
                d.other_lands,
                d.other_land_names.join(", ")
            ),
        )?;
    }
    Ok(())
}

/// `inbox overview`: the Land in figures; `--json` has every list.
pub fn land_overview(out: &mut dyn Write, o: &LandOverview) -> Result<()> {
    line(
        out,
        &format!(
            "Stand {}: {} von {} Kommunen haben berichtet; veraltet (älter als {} Tage): {}.",
            o.date.format("%d.%m.%Y"),
            o.reported,
            o.municipalities,
            o.stale_days,
            o.rows.iter().filter(|r| r.stale).count()
        ),
    )?;
    line(out, "Kreise (Berichte / Kommunen, Sachstand Mittel und Median):")?;
    for k in &o.kreise {
        let name = k.kreis.as_deref().map(|n| printable(n, false)).unwrap_or_default();
        let figure = |v: Option<f32>| v.map_or("–".to_owned(), |v| format!("{v:.0} %"));
        line(
            out,
            &format!(
                "  {} {name}: {} / {}, {} / {}",
                k.kreis_ags,
                k.reported,
                k.municipalities,
                figure(k.mean),
                figure(k.median)
            ),
        )?;
    }
    line(out, "Onlinedienste (ja / nein / offen):")?;
    for s in &o.services {
        let name = printable(&s.name, false);
        let extra =
            format!("Pilotinteresse {}, Schulungsbedarf {}", s.pilots.len(), s.training.len());
        line(out, &format!("  {name}: {} / {} / {} – {extra}", s.ja, s.nein, s.offen))?;
    }
    line(out, "Externe Blockaden:")?;
    if o.blockers.is_empty() {
        line(out, "  keine")?;
    }
    for b in &o.blockers {
        let text =
            b.text.as_deref().map(|t| format!(" – {}", printable(t, false))).unwrap_or_default();
        line(out, &format!("  {}{text}: {} Kommunen", b.party_label, b.municipalities.len()))?;
    }
    line(out, "Veranstaltungen (teilgenommen / nicht teilgenommen):")?;
    if o.events.is_empty() {
        line(out, "  keine")?;
    }
    for e in &o.events {
        let start = anbindungscheck::report::format::datetime_text(&e.start).replace('\u{a0}', " ");
        let title = printable(&e.title, false);
        let (yes, no) = (e.attended.len(), e.not_attended.len());
        line(out, &format!("  {start} {title}: {yes} / {no}"))?;
    }
    Ok(())
}

/// `inbox report`.
pub fn land_report_written(out: &mut dyn Write, path: &Path, pages: usize) -> Result<()> {
    line(out, &format!("Lagebericht geschrieben: {} ({pages} Seiten)", shown(path)))
}

/// `items --xlsx`.
pub fn checklist_xlsx_written(out: &mut dyn Write, path: &Path, items: usize) -> Result<()> {
    line(out, &format!("Tabelle geschrieben: {} ({items} Aufgaben)", shown(path)))
}

/// `items --pdf`.
pub fn work_list_written(out: &mut dyn Write, path: &Path, pages: usize) -> Result<()> {
    let pages = if pages == 1 { "1 Seite".to_owned() } else { format!("{pages} Seiten") };
    line(out, &format!("Arbeitsliste geschrieben: {} ({pages})", shown(path)))
}

/// `inbox followup`.
pub fn follow_up(out: &mut dyn Write, list: &FollowUpList, csv: Option<&Path>) -> Result<()> {
    if list.entries.is_empty() {
        line(out, &format!("Niemand zum Nachfassen (Zeitraum {} Tage).", list.days))?;
    }
    for e in &list.entries {
        let contact = match (&e.contact_name, &e.email) {
            (Some(n), Some(m)) => format!(" – {}, {}", printable(n, false), printable(m, false)),
            (Some(n), None) => format!(" – {}", printable(n, false)),
            _ => String::new(),
        };
        line(out, &format!("{} {}{contact}", e.ags, printable(&e.name, false)))?;
        for r in &e.reasons {
            line(out, &format!("  {}", printable(r, false)))?;
        }
    }
    if let Some(csv) = csv {
        line(out, &format!("CSV: {}", shown(csv)))?;
    }
    Ok(())
}

/// `inbox export`: the files written.
pub fn land_exported(out: &mut dyn Write, e: &LandExported) -> Result<()> {
    let counts = format!("{} Kommunen, {} mit Bericht", e.municipalities, e.reported);
    if let Some(xlsx) = &e.xlsx {
        line(
            out,
            &format!(
                "Arbeitsmappe: {xlsx} ({} Tabellenblätter; {counts}; {} zum Nachfassen)",
                SHEETS.len(),
                e.follow_up
            ),
        )?;
    }
    if let Some(csv) = &e.csv {
        line(out, &format!("CSV: {csv} ({counts})"))?;
    }
    Ok(())
}

/// `inbox list`: one line per report.
pub fn received_reports(out: &mut dyn Write, reports: &[ReceivedReport]) -> Result<()> {
    if reports.is_empty() {
        return line(out, "Noch keine Berichte eingegangen.");
    }
    for r in reports {
        let date = chrono::NaiveDate::parse_from_str(&r.report_date, "%Y-%m-%d")
            .map(|d| d.format("%d.%m.%Y").to_string())
            .unwrap_or_else(|_| r.report_date.clone());
        let name = printable(&r.municipality, false);
        line(out, &format!("{date}  {}  {name}  ({})", r.ags, r.report_id))?;
    }
    Ok(())
}

/// `land export-draft`.
pub fn draft_exported(out: &mut dyn Write, dir: &Path) -> Result<()> {
    line(out, &format!("Entwurf geschrieben: {} (manifest.json und documents/).", dir.display()))
}

/// `land import-draft`: the draft and what is still missing before it can be published.
pub fn draft_imported(out: &mut dyn Write, draft: &PackageDraft) -> Result<()> {
    let m = &draft.manifest;
    line(
        out,
        &format!("Entwurf übernommen: {} (Version {}).", printable(&m.title, false), m.version),
    )?;
    if draft.issues.is_empty() {
        return line(out, "Der Entwurf ist vollständig.");
    }
    line(out, &format!("Vor dem Veröffentlichen zu klären ({}):", draft.issues.len()))?;
    for issue in &draft.issues {
        line(out, &format!("  {}: {}", issue.field, printable(&issue.message, false)))?;
    }
    Ok(())
}

/// `item set`.
pub fn item_saved(out: &mut dyn Write, entry: &ChecklistEntry) -> Result<()> {
    line(out, &format!("Gespeichert: {} – {}.", entry.item.title, entry.progress.status.label()))
}

/// `items`: one line per item, the IDs padded to one width.
pub fn items(out: &mut dyn Write, entries: &[ChecklistEntry]) -> Result<()> {
    let width = entries.iter().map(|e| e.item.id.len()).max().unwrap_or(0);
    for e in entries {
        let p = &e.progress;
        let mut extra = Vec::new();
        if let Some(owner) = &p.owner {
            extra.push(format!("verantwortlich: {owner}"));
        }
        if let Some(due) = p.due {
            extra.push(format!("fällig {}", due.format("%d.%m.%Y")));
        }
        let extra =
            if extra.is_empty() { String::new() } else { format!(" ({})", extra.join(", ")) };
        line(
            out,
            &format!(
                "{:>3}  {:<width$}  {:<17} {}{extra}",
                e.item.number,
                e.item.id,
                p.status.label(),
                e.item.title
            ),
        )?;
    }
    Ok(())
}

/// `backup`.
pub fn backup_written(out: &mut dyn Write, target: &Path) -> Result<()> {
    line(out, &format!("Sicherung geschrieben: {}", target.display()))
}

/// `restore`: the backup restored, its municipality, and where the replaced database was kept.
pub fn restored(
    out: &mut dyn Write,
    input: &Path,
    profile: Option<&Profile>,
    kept: Option<&str>,
) -> Result<()> {
    let profile = profile.map(|p| format!(" ({}, AGS {})", p.name, p.ags)).unwrap_or_default();
    line(out, &format!("Wiederhergestellt aus {}{profile}.", input.display()))?;
    if let Some(kept) = kept {
        line(out, &format!("Die bisherige Datenbank liegt als Sicherung in {kept}."))?;
    }
    Ok(())
}

/// `report`: the file written, its size and the report's number.
pub fn report_written(out: &mut dyn Write, target: &Path, written: &WrittenReport) -> Result<()> {
    line(out, &format!("Bericht geschrieben: {}", target.display()))?;
    line(
        out,
        &format!(
            "{} Seiten, {} KB ({} Bytes)",
            written.pages,
            written.bytes.div_ceil(1024),
            written.bytes
        ),
    )?;
    line(out, &format!("Bericht-Nr.: {}", written.report_id))
}

/// `import`, before importing: the package, a first Land's key, an update's changes.
pub fn import_preview(out: &mut dyn Write, preview: &ImportPreview) -> Result<()> {
    line(
        out,
        &format!(
            "Paket „{}“ ({}), Version {} von {}",
            preview.title, preview.package_id, preview.version, preview.land
        ),
    )?;
    match preview.key {
        KeyStatus::FirstOfLand => line(
            out,
            &format!(
                "Erstes Paket dieses Landes. Fingerabdruck des Schlüssels: {}",
                preview.fingerprint
            ),
        )?,
        KeyStatus::AfterRevocation => line(
            out,
            &format!(
                "Jeder bisherige Schlüssel dieses Landes wurde widerrufen. Fingerabdruck des \
                 neuen Schlüssels: {}",
                preview.fingerprint
            ),
        )?,
        KeyStatus::Preset => line(
            out,
            &format!(
                "Ihre IT-Abteilung hat den Schlüssel dieses Landes als vertrauenswürdig \
                 hinterlegt: {}",
                preview.fingerprint
            ),
        )?,
        KeyStatus::Endorsed | KeyStatus::Trusted => {}
    }
    if let Some(change) = &preview.key_change {
        line(out, &change.message)?;
    }
    for r in &preview.revocations {
        line(out, &format!("Das Paket enthält einen Widerruf: {}", r.message))?;
    }
    if preview.action == ImportAction::Update {
        line(
            out,
            &format!("Aktualisierung von Version {}", preview.installed_version.unwrap_or(0)),
        )?;
        changes(out, &preview.changes)?;
    }
    Ok(())
}

/// `import --dry-run`.
pub fn dry_run(out: &mut dyn Write) -> Result<()> {
    line(out, "Probelauf: nichts eingelesen.")
}

/// `import`, after importing.
pub fn imported(out: &mut dyn Write, done: &ImportPreview) -> Result<()> {
    match done.action {
        ImportAction::Unchanged => {
            line(out, "Diese Version ist bereits eingelesen; nichts geändert.")
        }
        _ => line(out, &format!("Eingelesen: {} Dokumente.", done.documents)),
    }
}

fn changes(out: &mut dyn Write, changes: &[Change]) -> Result<()> {
    if changes.is_empty() {
        return line(out, "Keine inhaltlichen Änderungen.");
    }
    line(out, "Änderungen:")?;
    for c in changes {
        line(out, &format!("  {} {}: {} ({})", c.area.label(), c.kind.label(), c.title, c.id))?;
    }
    Ok(())
}

/// `packages`.
pub fn packages(out: &mut dyn Write, packages: &[InstalledPackage]) -> Result<()> {
    if packages.is_empty() {
        return line(out, "Noch kein Informationspaket eingelesen.");
    }
    for p in packages {
        let m = &p.manifest;
        line(
            out,
            &format!(
                "{} Version {} – „{}“ ({}), gültig bis {}, {} Onlinedienste, {} Dokumente",
                m.id,
                m.version,
                m.title,
                m.land.name,
                m.valid_until,
                m.services.len(),
                m.documents.len()
            ),
        )?;
    }
    Ok(())
}

/// `history`: one line per change, its time in the local time zone.
pub fn history(out: &mut dyn Write, entries: &[HistoryEntry]) -> Result<()> {
    if entries.is_empty() {
        return line(out, "Noch keine Änderungen.");
    }
    for e in entries {
        let what = match (&e.item_title, &e.item_id) {
            (Some(title), _) => title.clone(),
            // A change of a Land's keys: "Schlüssel des Landes …".
            (None, Some(id)) if id.starts_with("land:") => e.subject.clone(),
            (None, Some(id)) => id.clone(),
            (None, None) => "Profil".to_owned(),
        };
        let value = |v: &Option<String>| v.clone().unwrap_or_else(|| "–".to_owned());
        let at = chrono::DateTime::parse_from_rfc3339(&e.at)
            .map(|t| t.with_timezone(&chrono::Local).format("%d.%m.%Y %H:%M").to_string())
            .unwrap_or_else(|_| e.at.clone());
        line(
            out,
            &format!(
                "{at}  {what}  {}: {} → {}",
                e.field_label,
                value(&e.old_display),
                value(&e.new_display)
            ),
        )?;
    }
    Ok(())
}

/// `package keygen` and `package key-convert`: where the key, the public key and the revocation
/// certificate went, the Land and the fingerprint.
pub fn key_made(out: &mut dyn Write, key: &NewKey) -> Result<()> {
    line(
        out,
        &format!(
            "Signaturschlüssel: {} (verschlüsselt; mit der Passphrase geheim halten)",
            key.secret.display()
        ),
    )?;
    line(out, &format!("Öffentlicher Schlüssel: {}", key.public.display()))?;
    line(
        out,
        &format!(
            "Widerrufszertifikat: {} (getrennt vom Schlüssel aufbewahren; veröffentlicht, \
             sperrt es den Schlüssel)",
            key.revocation.display()
        ),
    )?;
    line(out, &format!("Land: {}", key.land_code))?;
    line(out, &format!("Fingerabdruck: {}", key.fingerprint))
}

/// `package endorse`.
pub fn endorsement_made(out: &mut dyn Write, made: &MadeStatement) -> Result<()> {
    line(out, &format!("Schlüsselbestätigung: {}", made.path.display()))?;
    line(out, &format!("Bisheriger Schlüssel: {}", made.signer_fingerprint))?;
    line(out, &format!("Neuer Schlüssel: {}", made.subject_fingerprint))
}

/// `package revoke`.
pub fn revocation_made(out: &mut dyn Write, made: &MadeStatement) -> Result<()> {
    line(out, &format!("Widerrufszertifikat: {}", made.path.display()))?;
    line(out, &format!("Widerrufener Schlüssel: {}", made.subject_fingerprint))
}

/// `import-revocation`.
pub fn revocation_imported(out: &mut dyn Write, done: &RevocationImported) -> Result<()> {
    line(out, &done.revocation.message)?;
    if !done.recorded {
        return line(out, "Dieser Widerruf war schon erfasst; nichts geändert.");
    }
    if done.was_trusted {
        line(out, "Pakete mit diesem Schlüssel werden ab jetzt nicht mehr eingelesen.")
    } else {
        line(out, "Der Schlüssel war hier nicht bekannt; er wird auch künftig nicht angenommen.")
    }
}

/// `package build`.
pub fn package_built(out: &mut dyn Write, built: &Built) -> Result<()> {
    let m = &built.manifest;
    line(
        out,
        &format!(
            "Paket gebaut: {} ({} Bytes) – „{}“, Version {}, {}, {} Dokumente",
            built.path.display(),
            built.bytes,
            m.title,
            m.version,
            m.land.name,
            m.documents.len()
        ),
    )?;
    line(out, &format!("Fingerabdruck: {}", built.fingerprint))
}

/// `package verify`.
pub fn package_verified(out: &mut dyn Write, verified: &VerifiedPackage) -> Result<()> {
    let m = &verified.manifest;
    line(
        out,
        &format!(
            "Paket gültig: „{}“, Version {}, {}, {} Dokumente geprüft",
            m.title,
            m.version,
            m.land.name,
            m.documents.len()
        ),
    )?;
    line(out, &format!("Signiert mit Schlüssel {}", verified.fingerprint))?;
    if let Some(old) = &verified.endorsed_by {
        line(out, &format!("Schlüsselbestätigung durch den bisherigen Schlüssel {old}"))?;
    }
    for fingerprint in &verified.revokes {
        line(out, &format!("Enthält den Widerruf des Schlüssels {fingerprint}"))?;
    }
    Ok(())
}

/// `aggregate`, on standard error: what was read and written, what was ignored and skipped.
pub fn aggregated(result: &Aggregate, csv: Option<&Path>, json: Option<&Path>) {
    let n = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    eprintln!(
        "{} von {} gelesen, {} ({} durchsucht).",
        n(result.reports, "Bericht", "Berichte"),
        n(result.municipalities, "Kommune", "Kommunen"),
        n(result.rows.len(), "Zeile", "Zeilen"),
        n(result.files, "PDF-Datei", "PDF-Dateien"),
    );
    for (label, path) in [("CSV", csv), ("JSON", json)] {
        if let Some(path) = path {
            eprintln!("{label}: {}", shown(path));
        }
    }
    if !result.ignored.is_empty() {
        eprintln!("Nicht berücksichtigt ({}):", result.ignored.len());
        for i in &result.ignored {
            eprintln!("  {} – {}", shown(&i.path), printable(&i.reason, false));
        }
    }
    if !result.skipped.is_empty() {
        eprintln!("Übersprungen ({}):", result.skipped.len());
        for s in &result.skipped {
            eprintln!("  {} – {}", shown(&s.path), printable(&s.reason, false));
        }
    }
}
