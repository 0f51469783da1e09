//! The command line: the clerk's checklist in a terminal and the Land's coordinator's tools
//! (packages, aggregation). Its help and errors are German. Every command takes `--db PFAD`; bad
//! input exits non-zero with one line naming the bad value and writes nothing. A database file
//! that did not exist is not left behind by a command that failed.

mod german;

use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::audit::{self, HistoryFilter};
use crate::checklist::ChecklistEntry;
use crate::profile::ProfileInput;
use crate::progress::{self, ItemPatch};
use crate::readiness::{Deadline, Score, StatusReport, DUE_SOON_DAYS};
use crate::{paths, Error, Result, Store};

/// The command line. The texts a user reads are German: they are given as `about`/`help`
/// attributes, and `german` sets the headings, the help flag and the parse errors.
#[derive(Debug, Parser)]
#[command(
    name = "anbindungscheck",
    version,
    about = "Bereitschaft der Kommune für die Anbindung von EfA-Onlinediensten"
)]
pub struct Cli {
    #[arg(
        long,
        global = true,
        value_name = "PFAD",
        help = "Pfad der Datenbank (wird angelegt, falls sie fehlt). Standard: $ANBINDUNGSCHECK_DB, \
                sonst die Datenbank der App im lokalen Anwendungsdatenordner"
    )]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

const JSON: &str = "Ausgabe als JSON";

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(
        about = "Bereitschaft gesamt und je Dimension, extern blockierte, überfällige und bald \
                 fällige Aufgaben"
    )]
    Status {
        #[arg(long, help = JSON)]
        json: bool,
        #[arg(
            long,
            value_name = "JJJJ-MM-TT",
            help = "Der Tag, für den Fristen berechnet werden (Standard: heute)"
        )]
        today: Option<String>,
    },
    #[command(subcommand, about = "Profil der Kommune anzeigen oder ändern")]
    Profile(ProfileCommand),
    #[command(subcommand, about = "Eine Aufgabe der Checkliste ändern")]
    Item(ItemCommand),
    #[command(about = "Alle Aufgaben der Checkliste mit ihrem Stand")]
    Items {
        #[arg(long, help = JSON)]
        json: bool,
    },
    #[command(
        subcommand,
        about = "Informationspakete erstellen, signieren und prüfen (für das Land)"
    )]
    Package(PackageCommand),
    #[command(about = "Ein Informationspaket des Landes einlesen")]
    Import {
        #[arg(value_name = "PAKET", help = "Die Paketdatei (.zip)")]
        package: PathBuf,
        #[arg(
            long,
            value_name = "FINGERABDRUCK",
            help = "Bestätigt den Fingerabdruck des Landesschlüssels (nötig beim ersten Paket \
                    eines Landes)"
        )]
        trust: Option<String>,
        #[arg(long, help = "Nur zeigen, was das Einlesen ändern würde")]
        dry_run: bool,
    },
    #[command(about = "Die eingelesenen Informationspakete")]
    Packages {
        #[arg(long, help = JSON)]
        json: bool,
    },
    #[command(
        about = "Den Bereitschaftsbericht schreiben: ein PDF, das seine Daten als JSON enthält"
    )]
    Report {
        #[arg(
            short,
            long,
            value_name = "DATEI.pdf",
            help = "Die PDF-Datei (wird ersetzt, falls sie existiert)"
        )]
        out: PathBuf,
        #[arg(
            long,
            value_name = "JJJJ-MM-TT",
            help = "Der Tag, den der Bericht beschreibt (Standard: heute)"
        )]
        date: Option<String>,
    },
    #[command(
        about = "Bereitschaftsberichte (PDF-Dateien oder Ordner mit *.pdf) zu einer Tabelle \
                 zusammenfassen. Braucht keine Datenbank. Exit-Code 3, wenn Dateien nicht \
                 gelesen werden konnten"
    )]
    Aggregate {
        #[arg(required = true, value_name = "PFAD", help = "Berichtsdateien oder Ordner")]
        paths: Vec<PathBuf>,
        #[arg(
            long,
            value_name = "ZIEL.csv",
            help = "Die Tabelle als CSV (UTF-8 mit BOM, durch ; getrennt) in diese Datei schreiben"
        )]
        csv: Option<PathBuf>,
        #[arg(
            long,
            value_name = "ZIEL.json",
            help = "Tabelle, übersprungene und nicht berücksichtigte Dateien als JSON in diese \
                    Datei schreiben"
        )]
        json: Option<PathBuf>,
        #[arg(
            long,
            help = "Auch ältere Berichte derselben Kommune behalten (Standard: nur den neuesten)"
        )]
        all: bool,
    },
    #[command(about = "Eine konsistente Kopie der Datenbank nach ZIEL schreiben")]
    Backup {
        #[arg(value_name = "ZIEL", help = "Die Sicherungsdatei")]
        out: PathBuf,
    },
    #[command(
        about = "Die Datenbank durch die Sicherung QUELLE ersetzen (die bisherige bleibt unter \
                 backups/ erhalten)"
    )]
    Restore {
        #[arg(value_name = "QUELLE", help = "Die Sicherungsdatei")]
        input: PathBuf,
    },
    #[command(about = "Die erfassten Änderungen, neueste zuerst")]
    History {
        #[arg(long, help = JSON)]
        json: bool,
        #[arg(long, value_name = "AUFGABE", help = "Nur Änderungen dieser Aufgabe (ihre ID)")]
        item: Option<String>,
        #[arg(long, value_name = "JJJJ-MM-TT", help = "Nur Änderungen ab diesem Tag")]
        since: Option<String>,
        #[arg(long, value_name = "JJJJ-MM-TT", help = "Nur Änderungen bis zu diesem Tag")]
        until: Option<String>,
        #[arg(long, value_name = "N", default_value_t = 500, help = "Höchstens so viele Einträge")]
        limit: u32,
    },
}

#[derive(Debug, Subcommand)]
pub enum PackageCommand {
    #[command(about = "Einen Signaturschlüssel anlegen: SCHLÜSSELDATEI (geheim) und \
                 SCHLÜSSELDATEI.pub (zum Veröffentlichen)")]
    Keygen {
        #[arg(long, value_name = "SCHLÜSSELDATEI", help = "Wohin der Schlüssel geschrieben wird")]
        out: PathBuf,
    },
    #[command(about = "Ein signiertes Paket aus QUELLORDNER bauen (manifest.json und documents/)")]
    Build {
        #[arg(value_name = "QUELLORDNER", help = "Ordner mit manifest.json und documents/")]
        src_dir: PathBuf,
        #[arg(long, value_name = "SCHLÜSSELDATEI", help = "Der geheime Signaturschlüssel")]
        key: PathBuf,
        #[arg(short, long, value_name = "PAKET.zip", help = "Die Paketdatei, die entsteht")]
        out: PathBuf,
    },
    #[command(
        about = "Aufbau, Prüfsummen und Signatur eines Pakets prüfen (Exit-Code 0 nur, wenn \
                 alles stimmt)"
    )]
    Verify {
        #[arg(value_name = "PAKET", help = "Die Paketdatei (.zip)")]
        package: PathBuf,
        #[arg(
            long,
            value_name = "DATEI",
            help = "Der öffentliche Schlüssel des Landes; ohne ihn wird nur geprüft, ob die \
                    Signatur in sich stimmig ist"
        )]
        pubkey: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    #[command(about = "Das Profil anzeigen")]
    Show {
        #[arg(long, help = JSON)]
        json: bool,
    },
    #[command(
        about = "Felder des Profils setzen; nicht genannte Felder bleiben, ein leerer Wert \
                 löscht ein optionales Feld"
    )]
    Set(ProfileArgs),
}

#[derive(Debug, Args)]
pub struct ProfileArgs {
    #[arg(long, help = "Name der Kommune")]
    pub name: Option<String>,
    #[arg(long, help = "Amtlicher Gemeindeschlüssel, 8 Ziffern")]
    pub ags: Option<String>,
    #[arg(long, value_name = "N", allow_hyphen_values = true, help = "Einwohnerzahl")]
    pub population: Option<String>,
    #[arg(long, value_name = "NAME", help = "Name der OZG-Koordination")]
    pub coordinator_name: Option<String>,
    #[arg(long, value_name = "E-MAIL", help = "E-Mail-Adresse der OZG-Koordination")]
    pub coordinator_email: Option<String>,
    #[arg(long, value_name = "TELEFON", help = "Telefonnummer der OZG-Koordination")]
    pub coordinator_phone: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ItemCommand {
    #[command(
        about = "Den Stand einer Aufgabe setzen; nicht genannte Felder bleiben, ein leerer Wert \
                 löscht"
    )]
    Set {
        #[arg(value_name = "AUFGABE", help = "Die ID der Aufgabe (siehe `items`)")]
        item_id: String,
        #[arg(long, help = "offen | in_arbeit | erledigt | nicht_zutreffend | extern_blockiert")]
        status: Option<String>,
        #[arg(long, value_name = "NAME", help = "Wer verantwortlich ist")]
        owner: Option<String>,
        #[arg(long, value_name = "JJJJ-MM-TT", help = "Frist")]
        due: Option<String>,
        #[arg(long, value_name = "TEXT", help = "Notiz")]
        note: Option<String>,
        #[arg(
            long,
            value_name = "STELLE[:TEXT]",
            help = "Bei extern_blockiert: land | hersteller | fitko | sonstige, wahlweise mit \
                    :TEXT (z. B. hersteller:Schnittstelle erst 2027)"
        )]
        blocked_by: Option<String>,
    },
}

/// Runs the command line; returns the process exit code.
pub fn main() -> i32 {
    let cli = match german::parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let stdout = std::io::stdout();
    match run(cli, &mut stdout.lock()) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("Fehler: {}", crate::text::printable(&e.to_string(), true));
            if let Error::Package(crate::package::PackageError::UntrustedKey {
                fingerprint, ..
            }) = &e
            {
                eprintln!(
                    "Nach der Prüfung des Fingerabdrucks: anbindungscheck import <PAKET.zip> \\
                     --trust \"{fingerprint}\""
                );
            }
            match e.code().as_str() {
                "validation" | "not_found" => 2,
                "package_io" => 1,
                "report_skipped" => 3,
                "report_pdf" => 1,
                code if code.starts_with("report_") => 2,
                code if code.starts_with("package_") => 2,
                _ => 1,
            }
        }
    }
}

/// Runs one command, writing its output to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<()> {
    let command = match cli.command {
        Command::Package(command) => return package_command(command, out),
        Command::Aggregate { paths, csv, json, all } => {
            return aggregate_command(&paths, csv.as_deref(), json.as_deref(), all, out)
        }
        command => command,
    };
    let db = match cli.db.or_else(paths::db_path) {
        Some(db) => db,
        None => {
            return Err(Error::validation(
                "db",
                "Kein Datenbankpfad: bitte --db PFAD angeben oder ANBINDUNGSCHECK_DB setzen.",
            ))
        }
    };
    if let Command::Restore { input } = &command {
        let kept = crate::store::backup::restore(&db, input)?;
        let store = Store::open(&db)?;
        let profile =
            store.profile()?.map(|p| format!(" ({}, AGS {})", p.name, p.ags)).unwrap_or_default();
        line(out, &format!("Wiederhergestellt aus {}{profile}.", input.display()))?;
        if let Some(kept) = kept {
            line(
                out,
                &format!("Die bisherige Datenbank liegt als Sicherung in {}.", kept.display()),
            )?;
        }
        return Ok(());
    }
    let existed = db.exists();
    // The folders that opening the database will create, outermost last.
    let new_folders: Vec<PathBuf> = db
        .ancestors()
        .skip(1)
        .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
        .map(Path::to_path_buf)
        .collect();
    let result = with_store(&db, |store| execute(command, store, out));
    // A new database that ends up empty (a failed command, or one that only reads, as after a
    // mistyped `--db`) is not left behind, nor are the folders made for it.
    if !existed {
        crate::store::remove_if_unused(&db);
        if !db.exists() {
            for folder in &new_folders {
                if std::fs::remove_dir(folder).is_err() {
                    break;
                }
            }
        }
    }
    result
}

fn with_store<T>(db: &Path, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
    let mut store = Store::open(db)?;
    f(&mut store)
}

fn execute(command: Command, store: &mut Store, out: &mut dyn Write) -> Result<()> {
    match command {
        Command::Status { json, today } => {
            let today = match today {
                Some(day) => progress::parse_date("today", "Datum", &day)?,
                None => crate::local_today(),
            };
            let report = store.status(today)?;
            if json {
                print_json(out, &report)
            } else {
                print_status(out, &report)
            }
        }
        Command::Profile(ProfileCommand::Show { json }) => {
            let profile = store.profile()?;
            if json {
                return print_json(out, &profile);
            }
            match profile {
                None => line(out, "Noch kein Profil angelegt (anbindungscheck profile set …)."),
                Some(p) => {
                    line(out, &format!("{} (AGS {}, {})", p.name, p.ags, p.land))?;
                    if let Some(n) = p.population {
                        line(out, &format!("Einwohnerzahl: {n}"))?;
                    }
                    let contact = [p.coordinator_name, p.coordinator_email, p.coordinator_phone];
                    let contact: Vec<String> = contact.into_iter().flatten().collect();
                    if !contact.is_empty() {
                        line(out, &format!("OZG-Koordination: {}", contact.join(", ")))?;
                    }
                    Ok(())
                }
            }
        }
        Command::Profile(ProfileCommand::Set(args)) => {
            let mut input = match store.profile()? {
                Some(p) => ProfileInput {
                    name: p.name,
                    ags: p.ags,
                    population: p.population,
                    coordinator_name: p.coordinator_name,
                    coordinator_email: p.coordinator_email,
                    coordinator_phone: p.coordinator_phone,
                },
                None => ProfileInput::default(),
            };
            if let Some(name) = args.name {
                input.name = name;
            }
            if let Some(ags) = args.ags {
                input.ags = ags;
            }
            if let Some(population) = args.population {
                input.population = parse_population(&population)?;
            }
            for (field, value) in [
                (&mut input.coordinator_name, args.coordinator_name),
                (&mut input.coordinator_email, args.coordinator_email),
                (&mut input.coordinator_phone, args.coordinator_phone),
            ] {
                if value.is_some() {
                    *field = value;
                }
            }
            let profile = store.set_profile(&input)?;
            line(
                out,
                &format!(
                    "Profil gespeichert: {} (AGS {}, {}).",
                    profile.name, profile.ags, profile.land
                ),
            )
        }
        Command::Item(ItemCommand::Set { item_id, status, owner, due, note, blocked_by }) => {
            let patch = ItemPatch {
                status: status.as_deref().map(str::parse).transpose()?,
                blocked_by,
                owner,
                due,
                note,
            };
            if patch.is_empty() {
                return Err(Error::validation(
                    "item",
                    "Nichts zu ändern: bitte mindestens eine Angabe machen \
                     (--status, --owner, --due, --note oder --blocked-by).",
                ));
            }
            let current = store.item_progress(&item_id)?;
            let entry = store.set_item(&item_id, &patch.apply(&current)?)?;
            line(
                out,
                &format!("Gespeichert: {} – {}.", entry.item.title, entry.progress.status.label()),
            )
        }
        Command::Items { json } => {
            let checklist = store.checklist()?;
            if json {
                return print_json(out, &checklist.entries);
            }
            print_items(out, &checklist.entries)
        }
        Command::Package(_) | Command::Restore { .. } | Command::Aggregate { .. } => {
            unreachable!("handled before the store is opened")
        }
        Command::Backup { out: target } => {
            store.backup_to(&target)?;
            line(out, &format!("Sicherung geschrieben: {}", target.display()))
        }
        Command::Report { out: target, date } => {
            let date = match date {
                Some(day) => progress::parse_date("date", "Berichtsdatum", &day)?,
                None => crate::local_today(),
            };
            let data = crate::api::reports::gather(store, date, None)?;
            let rendered = crate::report::render(&data)?;
            crate::files::write_atomic(&target, &rendered.bytes)?;
            line(out, &format!("Bericht geschrieben: {}", target.display()))?;
            line(
                out,
                &format!(
                    "{} Seiten, {} KB ({} Bytes)",
                    rendered.pages,
                    rendered.bytes.len().div_ceil(1024),
                    rendered.bytes.len()
                ),
            )?;
            line(out, &format!("Bericht-Nr.: {}", data.report_id))
        }
        Command::Import { package, trust, dry_run } => {
            use crate::installed::{ImportAction, KeyStatus};
            let preview = crate::api::packages::preview_file(store, &package)?;
            line(
                out,
                &format!(
                    "Paket „{}“ ({}), Version {} von {}",
                    preview.title, preview.package_id, preview.version, preview.land
                ),
            )?;
            if preview.key == KeyStatus::FirstOfLand {
                line(
                    out,
                    &format!(
                        "Erstes Paket dieses Landes. Fingerabdruck des Schlüssels: {}",
                        preview.fingerprint
                    ),
                )?;
            }
            if preview.action == ImportAction::Update {
                line(
                    out,
                    &format!(
                        "Aktualisierung von Version {}",
                        preview.installed_version.unwrap_or(0)
                    ),
                )?;
                print_changes(out, &preview.changes)?;
            }
            if dry_run {
                return line(out, "Probelauf: nichts eingelesen.");
            }
            let done =
                crate::api::packages::import_file(store, &package, trust.as_deref(), &mut |_| {})?;
            match done.action {
                ImportAction::Unchanged => {
                    line(out, "Diese Version ist bereits eingelesen; nichts geändert.")
                }
                _ => line(out, &format!("Eingelesen: {} Dokumente.", done.documents)),
            }
        }
        Command::Packages { json } => {
            let packages = store.packages()?;
            if json {
                return print_json(out, &packages);
            }
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
        Command::History { json, item, since, until, limit } => {
            let entries = store.history(&HistoryFilter {
                item_id: item,
                since,
                until,
                limit: Some(limit),
            })?;
            if json {
                return print_json(out, &entries);
            }
            if entries.is_empty() {
                return line(out, "Noch keine Änderungen.");
            }
            for e in entries {
                let what = match (&e.item_title, &e.item_id) {
                    (Some(title), _) => title.clone(),
                    (None, Some(id)) => id.clone(),
                    (None, None) => "Profil".to_owned(),
                };
                let value = |v: &Option<String>| audit::display_value(&e.field, v.as_deref());
                let at = chrono::DateTime::parse_from_rfc3339(&e.at)
                    .map(|t| t.with_timezone(&chrono::Local).format("%d.%m.%Y %H:%M").to_string())
                    .unwrap_or_else(|_| e.at.clone());
                line(
                    out,
                    &format!(
                        "{at}  {what}  {}: {} → {}",
                        e.field_label,
                        value(&e.old_value),
                        value(&e.new_value)
                    ),
                )?;
            }
            Ok(())
        }
    }
}

fn package_command(command: PackageCommand, out: &mut dyn Write) -> Result<()> {
    use crate::package::{archive, build, signing, PackageError};
    let catalogue = crate::catalogue::Catalogue::builtin();
    match command {
        PackageCommand::Keygen { out: path } => {
            let public = with_suffix(&path, ".pub");
            for p in [&path, &public] {
                if p.exists() {
                    return Err(PackageError::Key(format!(
                        "{} gibt es schon; ein vorhandener Schlüssel wird nicht überschrieben.",
                        p.display()
                    ))
                    .into());
                }
            }
            let key = signing::generate()?;
            write_new(&path, signing::secret_key_text(&key).as_bytes(), true)?;
            write_new(&public, signing::public_key_text(&key.verifying_key()).as_bytes(), false)?;
            line(out, &format!("Signaturschlüssel: {} (geheim halten)", path.display()))?;
            line(out, &format!("Öffentlicher Schlüssel: {}", public.display()))?;
            line(out, &format!("Fingerabdruck: {}", signing::fingerprint(&key.verifying_key())))
        }
        PackageCommand::Build { src_dir, key, out: target } => {
            let key = signing::read_secret(&key)?;
            let built = build::build(&src_dir, &key, &target, catalogue)?;
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
        PackageCommand::Verify { package, pubkey } => {
            let mut opened = archive::open(&package, &archive::Limits::default(), catalogue)?;
            if let Some(pubkey) = pubkey {
                let expected = signing::read_public(&pubkey)?;
                if expected != opened.signer {
                    return Err(PackageError::WrongKey {
                        land: opened.manifest.land.name.clone(),
                        fingerprint: opened.fingerprint(),
                    }
                    .into());
                }
            }
            let scratch = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
            opened.extract(scratch.path(), &mut |_| {})?;
            let m = &opened.manifest;
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
            line(out, &format!("Signiert mit Schlüssel {}", opened.fingerprint()))
        }
    }
}

/// Refuses, before anything is read, a path to read that does not exist (a typo would otherwise
/// only show as a skipped file) and outputs that would overwrite a report or each other.
fn check_aggregate_paths(paths: &[PathBuf], csv: Option<&Path>, json: Option<&Path>) -> Result<()> {
    if let Some(missing) = paths.iter().find(|p| std::fs::symlink_metadata(p).is_err()) {
        return Err(Error::validation("paths", format!("„{}“ gibt es nicht.", shown(missing))));
    }
    for (field, option, path) in [("csv", "--csv", csv), ("json", "--json", json)] {
        let Some(path) = path else { continue };
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
            return Err(Error::validation(
                field,
                format!(
                    "{option} „{}“ ist eine PDF-Datei; die Übersicht wird nicht in eine PDF-Datei \
                     geschrieben, damit kein Bericht überschrieben wird.",
                    shown(path)
                ),
            ));
        }
    }
    if let (Some(csv), Some(json)) = (csv, json) {
        let same = csv == json
            || matches!((csv.canonicalize(), json.canonicalize()), (Ok(a), Ok(b)) if a == b);
        if same {
            return Err(Error::validation(
                "json",
                format!("--csv und --json nennen dieselbe Datei „{}“.", shown(json)),
            ));
        }
    }
    Ok(())
}

/// `aggregate`: reads the reports, writes CSV/JSON (CSV to standard output if neither file is
/// given), and tells on standard error what was read, skipped and ignored.
fn aggregate_command(
    paths: &[PathBuf],
    csv: Option<&Path>,
    json: Option<&Path>,
    all: bool,
    out: &mut dyn Write,
) -> Result<()> {
    use crate::report::{aggregate, ReportError};
    check_aggregate_paths(paths, csv, json)?;
    let result = aggregate::aggregate(paths, all);
    if result.files == 0 && result.skipped.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(ReportError::NothingFound(names.join(", ")).into());
    }
    let table = aggregate::to_csv(&result.rows);
    if let Some(path) = csv {
        crate::files::write_atomic(path, table.as_bytes())?;
    }
    if let Some(path) = json {
        let text = serde_json::to_string_pretty(&result).expect("our types serialize");
        crate::files::write_atomic(path, text.as_bytes())?;
    }
    if csv.is_none() && json.is_none() {
        out.write_all(table.as_bytes()).map_err(|e| Error::io("<stdout>", e))?;
    }
    eprintln!(
        "{} Berichte von {} Kommunen gelesen, {} Zeilen ({} PDF-Dateien durchsucht).",
        result.reports,
        result.municipalities,
        result.rows.len(),
        result.files
    );
    for (label, path) in [("CSV", csv), ("JSON", json)] {
        if let Some(path) = path {
            eprintln!("{label}: {}", shown(path));
        }
    }
    if !result.ignored.is_empty() {
        eprintln!("Nicht berücksichtigt ({}):", result.ignored.len());
        for i in &result.ignored {
            eprintln!("  {} – {}", shown(&i.path), crate::text::printable(&i.reason, false));
        }
    }
    if !result.skipped.is_empty() {
        eprintln!("Übersprungen ({}):", result.skipped.len());
        for s in &result.skipped {
            eprintln!("  {} – {}", shown(&s.path), crate::text::printable(&s.reason, false));
        }
        return Err(
            ReportError::Skipped { skipped: result.skipped.len(), total: result.inputs }.into()
        );
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Writes a new file (never overwriting); a secret one readable only by its owner.
fn write_new(path: &Path, bytes: &[u8], secret: bool) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if secret {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options.open(path).map_err(|e| Error::io(path, e))?;
    file.write_all(bytes).and_then(|_| file.sync_all()).map_err(|e| Error::io(path, e))
}

fn print_changes(out: &mut dyn Write, changes: &[crate::package::review::Change]) -> Result<()> {
    if changes.is_empty() {
        return line(out, "Keine inhaltlichen Änderungen.");
    }
    line(out, "Änderungen:")?;
    for c in changes {
        line(out, &format!("  {} {}: {} ({})", c.area.label(), c.kind.label(), c.title, c.id))?;
    }
    Ok(())
}

fn parse_population(value: &str) -> Result<Option<u32>> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let why = match value.parse::<u64>() {
        Ok(n) => match u32::try_from(n) {
            Ok(n) => return Ok(Some(n)),
            Err(_) => format!("ist zu groß (höchstens {})", u32::MAX),
        },
        Err(_) if value.starts_with('-') => "ist negativ".to_owned(),
        Err(_) => "ist keine ganze Zahl ohne Trennzeichen".to_owned(),
    };
    Err(Error::validation("population", format!("Einwohnerzahl „{value}“ {why}.")))
}

/// A path as one printable line (see [`crate::text::printable`]).
fn shown(path: &Path) -> String {
    crate::text::printable(&path.display().to_string(), false)
}

/// Writes one line of output; characters that could steer the terminal are replaced.
fn line(out: &mut dyn Write, text: &str) -> Result<()> {
    writeln!(out, "{}", crate::text::printable(text, true)).map_err(|e| Error::io("<stdout>", e))
}

fn print_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> Result<()> {
    let json = serde_json::to_string_pretty(value).expect("our types serialize");
    line(out, &json)
}

fn percent(score: &Score) -> String {
    match score.percent {
        Some(p) => format!("{p:>3} %  ({} von {} erledigt)", score.done, score.applicable),
        None => "  – (keine Aufgaben der Kommune)".to_owned(),
    }
}

fn print_status(out: &mut dyn Write, r: &StatusReport) -> Result<()> {
    let date = r.date.format("%d.%m.%Y");
    match &r.profile {
        Some(p) => line(out, &format!("{} (AGS {}, {}) – Stand {date}", p.name, p.ags, p.land))?,
        None => line(out, &format!("Kommune noch nicht erfasst – Stand {date}"))?,
    }
    line(out, &format!("Bereitschaft gesamt: {}", percent(&r.overall)))?;
    for d in &r.dimensions {
        line(out, &format!("  {:<16} {}", d.label, percent(&d.score)))?;
    }
    let c = &r.counts;
    line(
        out,
        &format!(
            "Aufgaben: {} offen, {} in Arbeit, {} erledigt, {} nicht zutreffend, {} extern blockiert",
            c.offen, c.in_arbeit, c.erledigt, c.nicht_zutreffend, c.extern_blockiert
        ),
    )?;
    line(out, "Extern blockiert:")?;
    if r.blockers.is_empty() {
        line(out, "  keine")?;
    }
    for b in &r.blockers {
        let text = b.text.as_deref().map(|t| format!(" – {t}")).unwrap_or_default();
        line(out, &format!("  {} [{}]: {}{text}", b.item_id, b.party_label, b.title))?;
    }
    print_deadlines(out, "Überfällig:", &r.overdue)?;
    print_deadlines(out, &format!("In den nächsten {DUE_SOON_DAYS} Tagen fällig:"), &r.due_soon)
}

fn print_deadlines(out: &mut dyn Write, heading: &str, list: &[Deadline]) -> Result<()> {
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

fn print_items(out: &mut dyn Write, entries: &[ChecklistEntry]) -> Result<()> {
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
                "{:<5} {:<width$}  {:<17} {}{extra}",
                e.item.point,
                e.item.id,
                p.status.label(),
                e.item.title
            ),
        )?;
    }
    Ok(())
}
