//! Dispatch: one short function per subcommand that gathers its arguments, calls the core and
//! hands the result to `print`. The database is resolved and opened here, and a database that a
//! command created but left empty is removed again.

use std::io::Write;
use std::path::{Path, PathBuf};

use anbindungscheck::api;
use anbindungscheck::audit::HistoryFilter;
use anbindungscheck::catalogue::Catalogue;
use anbindungscheck::package::{archive, build, signing, PackageError};
use anbindungscheck::profile::ProfileInput;
use anbindungscheck::progress::{self, ItemPatch};
use anbindungscheck::report::{aggregate, ReportError};
use anbindungscheck::{files, paths, store, Error, Result, Store};

use crate::args::{Cli, Command, ItemCommand, PackageCommand, ProfileArgs, ProfileCommand};
use crate::print;

/// Runs one command, writing its output to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<()> {
    let command = match cli.command {
        Command::Package(command) => return package_command(command, out),
        Command::Aggregate { paths, csv, json, all } => {
            return aggregate_reports(&paths, csv.as_deref(), json.as_deref(), all, out)
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
        return restore(&db, input, out);
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
        store::remove_if_unused(&db);
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

/// The commands that work on the municipality's database.
fn execute(command: Command, store: &mut Store, out: &mut dyn Write) -> Result<()> {
    match command {
        Command::Status { json, today } => status(store, json, today, out),
        Command::Profile(ProfileCommand::Show { json }) => profile_show(store, json, out),
        Command::Profile(ProfileCommand::Set(args)) => profile_set(store, args, out),
        Command::Item(ItemCommand::Set { item_id, status, owner, due, note, blocked_by }) => {
            let patch = ItemPatch {
                status: status.as_deref().map(str::parse).transpose()?,
                blocked_by,
                owner,
                due,
                note,
            };
            item_set(store, &item_id, patch, out)
        }
        Command::Items { json } => items(store, json, out),
        Command::Package(_) | Command::Restore { .. } | Command::Aggregate { .. } => {
            unreachable!("handled before the store is opened")
        }
        Command::Backup { out: target } => backup(store, &target, out),
        Command::Report { out: target, date } => report(store, &target, date, out),
        Command::Import { package, trust, dry_run } => {
            import(store, &package, trust.as_deref(), dry_run, out)
        }
        Command::Packages { json } => packages(store, json, out),
        Command::History { json, item, since, until, limit } => {
            let filter = HistoryFilter { item_id: item, since, until, limit: Some(limit) };
            history(store, &filter, json, out)
        }
    }
}

/// The Land's package commands; they need no database.
fn package_command(command: PackageCommand, out: &mut dyn Write) -> Result<()> {
    match command {
        PackageCommand::Keygen { out: path } => package_keygen(&path, out),
        PackageCommand::Build { src_dir, key, out: target } => {
            package_build(&src_dir, &key, &target, out)
        }
        PackageCommand::Verify { package, pubkey } => {
            package_verify(&package, pubkey.as_deref(), out)
        }
    }
}

/// `status`: the readiness on `today` (default: the local date).
fn status(store: &Store, json: bool, today: Option<String>, out: &mut dyn Write) -> Result<()> {
    let today = match today {
        Some(day) => progress::parse_date("today", "Datum", &day)?,
        None => anbindungscheck::local_today(),
    };
    let report = store.status(today)?;
    if json {
        print::json(out, &report)
    } else {
        print::status(out, &report)
    }
}

/// `profile show`.
fn profile_show(store: &Store, json: bool, out: &mut dyn Write) -> Result<()> {
    let profile = store.profile()?;
    if json {
        return print::json(out, &profile);
    }
    print::profile(out, profile.as_ref())
}

/// `profile set`: the stored profile with the given fields replaced.
fn profile_set(store: &mut Store, args: ProfileArgs, out: &mut dyn Write) -> Result<()> {
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
    print::profile_saved(out, &profile)
}

/// `item set`: the item's progress with the given fields changed.
fn item_set(store: &mut Store, item_id: &str, patch: ItemPatch, out: &mut dyn Write) -> Result<()> {
    if patch.is_empty() {
        return Err(Error::validation(
            "item",
            "Nichts zu ändern: bitte mindestens eine Angabe machen \
             (--status, --owner, --due, --note oder --blocked-by).",
        ));
    }
    let current = store.item_progress(item_id)?;
    let entry = store.set_item(item_id, &patch.apply(&current)?)?;
    print::item_saved(out, &entry)
}

/// `items`: the checklist.
fn items(store: &Store, json: bool, out: &mut dyn Write) -> Result<()> {
    let checklist = store.checklist()?;
    if json {
        return print::json(out, &checklist.entries);
    }
    print::items(out, &checklist.entries)
}

/// `backup ZIEL`.
fn backup(store: &Store, target: &Path, out: &mut dyn Write) -> Result<()> {
    store.backup_to(target)?;
    print::backup_written(out, target)
}

/// `restore QUELLE`: replaces the database at `db`, then names the municipality restored.
fn restore(db: &Path, input: &Path, out: &mut dyn Write) -> Result<()> {
    let kept = store::backup::restore(db, input)?;
    let store = Store::open(db)?;
    let profile = store.profile()?;
    print::restored(out, input, profile.as_ref(), kept.as_deref())
}

/// `report --out DATEI.pdf`: renders the report for `date` (default: the local date).
fn report(store: &Store, target: &Path, date: Option<String>, out: &mut dyn Write) -> Result<()> {
    let date = match date {
        Some(day) => progress::parse_date("date", "Berichtsdatum", &day)?,
        None => anbindungscheck::local_today(),
    };
    let data = api::reports::gather(store, date, None)?;
    let rendered = anbindungscheck::report::render(&data)?;
    files::write_atomic(target, &rendered.bytes)?;
    print::report_written(out, target, &rendered, &data)
}

/// `import PAKET`: shows what the package changes, then (unless `dry_run`) imports it.
fn import(
    store: &mut Store,
    package: &Path,
    trust: Option<&str>,
    dry_run: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let preview = api::packages::preview_file(store, package)?;
    print::import_preview(out, &preview)?;
    if dry_run {
        return print::dry_run(out);
    }
    let done = api::packages::import_file(store, package, trust, &mut |_| {})?;
    print::imported(out, &done)
}

/// `packages`: the imported packages.
fn packages(store: &Store, json: bool, out: &mut dyn Write) -> Result<()> {
    let packages = store.packages()?;
    if json {
        return print::json(out, &packages);
    }
    print::packages(out, &packages)
}

/// `history`: the recorded changes, newest first.
fn history(store: &Store, filter: &HistoryFilter, json: bool, out: &mut dyn Write) -> Result<()> {
    let entries = store.history(filter)?;
    if json {
        return print::json(out, &entries);
    }
    print::history(out, &entries)
}

/// `package keygen --out SCHLÜSSELDATEI`: a new key pair, never over an existing file.
fn package_keygen(path: &Path, out: &mut dyn Write) -> Result<()> {
    let public = with_suffix(path, ".pub");
    for p in [path, public.as_path()] {
        if p.exists() {
            return Err(PackageError::Key(format!(
                "{} gibt es schon; ein vorhandener Schlüssel wird nicht überschrieben.",
                p.display()
            ))
            .into());
        }
    }
    let key = signing::generate()?;
    write_new(path, signing::secret_key_text(&key).as_bytes(), true)?;
    write_new(&public, signing::public_key_text(&key.verifying_key()).as_bytes(), false)?;
    print::key_made(out, path, &public, &signing::fingerprint(&key.verifying_key()))
}

/// `package build QUELLORDNER --key … --out …`.
fn package_build(src_dir: &Path, key: &Path, target: &Path, out: &mut dyn Write) -> Result<()> {
    let key = signing::read_secret(key)?;
    let built = build::build(src_dir, &key, target, Catalogue::builtin())?;
    print::package_built(out, &built)
}

/// `package verify PAKET [--pubkey DATEI]`: opens and extracts the package into a scratch folder.
fn package_verify(package: &Path, pubkey: Option<&Path>, out: &mut dyn Write) -> Result<()> {
    let mut opened = archive::open(package, &archive::Limits::default(), Catalogue::builtin())?;
    if let Some(pubkey) = pubkey {
        let expected = signing::read_public(pubkey)?;
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
    print::package_verified(out, &opened)
}

/// `aggregate`: reads the reports, writes CSV/JSON (CSV to standard output if neither file is
/// given), and tells on standard error what was read, skipped and ignored.
fn aggregate_reports(
    paths: &[PathBuf],
    csv: Option<&Path>,
    json: Option<&Path>,
    all: bool,
    out: &mut dyn Write,
) -> Result<()> {
    check_aggregate_paths(paths, csv, json)?;
    let result = aggregate::aggregate(paths, all);
    if result.files == 0 && result.skipped.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(ReportError::NothingFound(names.join(", ")).into());
    }
    let table = aggregate::to_csv(&result.rows);
    if let Some(path) = csv {
        files::write_atomic(path, table.as_bytes())?;
    }
    if let Some(path) = json {
        let text = serde_json::to_string_pretty(&result).expect("our types serialize");
        files::write_atomic(path, text.as_bytes())?;
    }
    if csv.is_none() && json.is_none() {
        out.write_all(table.as_bytes()).map_err(|e| Error::io("<stdout>", e))?;
    }
    print::aggregated(&result, csv, json);
    if !result.skipped.is_empty() {
        return Err(
            ReportError::Skipped { skipped: result.skipped.len(), total: result.inputs }.into()
        );
    }
    Ok(())
}

/// Refuses, before anything is read, a path to read that does not exist (a typo would otherwise
/// only show as a skipped file) and outputs that would overwrite a report or each other.
fn check_aggregate_paths(paths: &[PathBuf], csv: Option<&Path>, json: Option<&Path>) -> Result<()> {
    if let Some(missing) = paths.iter().find(|p| std::fs::symlink_metadata(p).is_err()) {
        return Err(Error::validation(
            "paths",
            format!("„{}“ gibt es nicht.", print::shown(missing)),
        ));
    }
    for (field, option, path) in [("csv", "--csv", csv), ("json", "--json", json)] {
        let Some(path) = path else { continue };
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
            return Err(Error::validation(
                field,
                format!(
                    "{option} „{}“ ist eine PDF-Datei; die Übersicht wird nicht in eine PDF-Datei \
                     geschrieben, damit kein Bericht überschrieben wird.",
                    print::shown(path)
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
                format!("--csv und --json nennen dieselbe Datei „{}“.", print::shown(json)),
            ));
        }
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
