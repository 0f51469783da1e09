//! Dispatch: one short function per subcommand that gathers its arguments, makes one call into
//! the command layer (`anbindungscheck::api`) and hands the result to `print`. The database is
//! resolved here, and the command line decides when a database a command created but left empty
//! is removed again (the command layer knows how).

use std::io::Write;
use std::path::{Path, PathBuf};

use anbindungscheck::ags::{Ags, Ars, Land};
use anbindungscheck::api::land::{KeyStatements, RevocationReason};
use anbindungscheck::api::{self, land, ApiError, Ctx, NewDatabase, Result, Workspace};
use anbindungscheck::audit::HistoryFilter;
use anbindungscheck::land_profile::LandProfileInput;
use anbindungscheck::profile::{Member, ProfilePatch};
use anbindungscheck::progress::{self, ItemPatch};
use anbindungscheck::readiness::StatusReport;
use anbindungscheck::report::{followup, ReportError};
use anbindungscheck::workspace_kind::WorkspaceKind;
use anbindungscheck::{paths, Error};

use crate::args::{
    Cli, Command, InboxCommand, ItemCommand, ItemsArgs, LandCommand, MemberCommand, PackageCommand,
    ProfileArgs, ProfileCommand, StatusArgs,
};
use crate::desktop::CommandLine;
use crate::{passphrase, print};

/// Runs one command, writing its output to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<()> {
    let command = match cli.command {
        Command::Package(command) => return package_command(command, out),
        Command::Aggregate { paths, csv, json, all } => {
            return aggregate(&paths, csv.as_deref(), json.as_deref(), all, out)
        }
        command => command,
    };
    let kind = match &command {
        Command::Land(_) | Command::Inbox(_) => WorkspaceKind::Land,
        _ => WorkspaceKind::Kommune,
    };
    let db = match cli.db.or_else(|| paths::db_path_of(kind)) {
        Some(db) => db,
        None => {
            return Err(Error::validation(
                "db",
                "Kein Datenbankpfad: bitte --db PFAD angeben oder ANBINDUNGSCHECK_DB setzen.",
            )
            .into())
        }
    };
    if let Command::Restore { input } = &command {
        return restore(&db, input, out);
    }
    let new = NewDatabase::before_open(&db);
    let result = {
        let workspace = match &command {
            // What both workspaces do alike works on either kind of database.
            Command::History { .. } | Command::Backup { .. } => Workspace::open_either(db, kind),
            _ => Workspace::open_as(Some(db), kind),
        };
        workspace.check().and_then(|()| execute(command, &workspace, out))
    };
    // A new database that ends up empty (a failed command, or one that only reads, as after a
    // mistyped `--db`) is not left behind, nor are the folders made for it.
    if let Some(new) = new {
        new.remove_if_unused();
    }
    result
}

/// The commands that work on the municipality's database.
fn execute(command: Command, workspace: &Workspace, out: &mut dyn Write) -> Result<()> {
    match command {
        Command::Status(args) => status(workspace, args, out, print::status),
        Command::Land(command) => land_command(command, workspace, out),
        Command::Inbox(command) => inbox_command(command, workspace, out),
        Command::Profile(ProfileCommand::Show { json }) => profile_show(workspace, json, out),
        Command::Profile(ProfileCommand::Set(args)) => profile_set(workspace, args, out),
        Command::Member(MemberCommand::Add { ags, name }) => {
            let member = api::add_member(&cx(workspace, &PLAIN), Member { ags, name })?;
            print::member_added(out, &member)
        }
        Command::Member(MemberCommand::Remove { ags }) => {
            print::member_removed(out, &api::remove_member(&cx(workspace, &PLAIN), ags)?)
        }
        Command::Members { json } => {
            let members = api::list_members(&cx(workspace, &PLAIN))?;
            if json {
                return print::json(out, &members);
            }
            let profile = api::get_profile(&cx(workspace, &PLAIN))?;
            print::members(out, profile.as_ref(), &members)
        }
        Command::Item(command) => item_set(workspace, command, out),
        Command::Items(args) => items(workspace, args, out),
        Command::Package(_) | Command::Restore { .. } | Command::Aggregate { .. } => {
            unreachable!("handled before the database is opened")
        }
        Command::Backup { out: target } => backup(workspace, target, out),
        Command::Report { out: target, date } => report(workspace, &target, date, out),
        Command::Import { package, trust, dry_run } => {
            import(workspace, package, trust, dry_run, out)
        }
        Command::ImportRevocation { file } => import_revocation(workspace, file, out),
        Command::Packages { json } => packages(workspace, json, out),
        Command::History { json, item, since, until, limit } => {
            let filter = HistoryFilter { item_id: item, since, until, limit: Some(limit) };
            history(workspace, filter, json, out)
        }
    }
}

/// The command line's desktop: no file, today the local date.
const PLAIN: CommandLine = CommandLine { file: None, today: None };

fn cx<'a>(workspace: &'a Workspace, desktop: &'a CommandLine) -> Ctx<'a> {
    Ctx { workspace, desktop }
}

/// The answer of a file "dialog", which on the command line always names the file given.
fn answered<T>(value: Option<T>) -> Result<T> {
    value.ok_or_else(|| ApiError::Desktop("Es wurde keine Datei angegeben.".into()))
}

/// The Land's package commands; they need no database.
fn package_command(command: PackageCommand, out: &mut dyn Write) -> Result<()> {
    match command {
        PackageCommand::Keygen { out: path, land, passphrase_file } => {
            let land = Land::from_input(&land)?;
            let pass = passphrase::read(passphrase_file.as_deref(), &shown(&path), true)?;
            print::key_made(out, &land::generate_key(&path, land, &pass)?)
        }
        PackageCommand::KeyConvert { key, out: path, land, passphrase_file } => {
            let land = Land::from_input(&land)?;
            let pass = passphrase::read(passphrase_file.as_deref(), &shown(&path), true)?;
            print::key_made(out, &land::convert_key(&key, land, &pass, &path)?)
        }
        PackageCommand::Build {
            src_dir,
            key,
            out: target,
            passphrase_file,
            endorsement,
            revocation,
        } => {
            let pass = passphrase::read(passphrase_file.as_deref(), &shown(&key), false)?;
            let statements = KeyStatements { endorsement, revocations: revocation };
            let built = land::build_package(&src_dir, &key, &pass, &statements, &target)?;
            print::package_built(out, &built)
        }
        PackageCommand::Endorse { old, new, out: target, passphrase_file, new_passphrase_file } => {
            let old_pass = passphrase::read(passphrase_file.as_deref(), &shown(&old), false)?;
            let new_pass = passphrase::read(new_passphrase_file.as_deref(), &shown(&new), false)?;
            let made = land::endorse_key(&old, &old_pass, &new, &new_pass, &target)?;
            print::endorsement_made(out, &made)
        }
        PackageCommand::Revoke { key, out: target, reason, passphrase_file } => {
            let reason: RevocationReason = reason.parse()?;
            let pass = passphrase::read(passphrase_file.as_deref(), &shown(&key), false)?;
            print::revocation_made(out, &land::revoke_key(&key, &pass, reason, &target)?)
        }
        PackageCommand::Verify { package, pubkey } => {
            print::package_verified(out, &land::verify_package(&package, pubkey.as_deref())?)
        }
    }
}

/// A path as it is named in a prompt.
fn shown(path: &Path) -> String {
    anbindungscheck::text::printable(&path.display().to_string(), false)
}

/// `import-revocation WIDERRUF`: the pick "dialog" answers with the file.
fn import_revocation(workspace: &Workspace, file: PathBuf, out: &mut dyn Write) -> Result<()> {
    let desktop = CommandLine { file: Some(file), today: None };
    let done = answered(api::packages::import_revocation(&cx(workspace, &desktop))?)?;
    print::revocation_imported(out, &done)
}

/// `status` and `land status`: the readiness on `today` (default: the local date), as JSON or
/// as `text` prints it.
fn status(
    workspace: &Workspace,
    args: StatusArgs,
    out: &mut dyn Write,
    text: impl FnOnce(&mut dyn Write, &StatusReport) -> Result<()>,
) -> Result<()> {
    let today = args.today.map(|day| progress::parse_date("today", "Datum", &day)).transpose()?;
    let report = api::get_status(&cx(workspace, &CommandLine { file: None, today }))?;
    if args.json {
        print::json(out, &report)
    } else {
        text(out, &report)
    }
}

/// `profile show`.
fn profile_show(workspace: &Workspace, json: bool, out: &mut dyn Write) -> Result<()> {
    let profile = api::get_profile(&cx(workspace, &PLAIN))?;
    if json {
        return print::json(out, &profile);
    }
    let members = api::list_members(&cx(workspace, &PLAIN))?;
    print::profile(out, profile.as_ref(), members.len())
}

/// `profile set`: the stored profile with the given fields replaced.
fn profile_set(workspace: &Workspace, args: ProfileArgs, out: &mut dyn Write) -> Result<()> {
    // `--ags` takes only an AGS and `--ars` only an ARS, each with its own message.
    let ags = match (args.ags, args.ars) {
        (Some(_), Some(_)) => {
            return Err(Error::validation(
                "ars",
                "Bitte nur einen Schlüssel angeben: --ags (8 Ziffern) oder --ars (12 Ziffern).",
            )
            .into())
        }
        (Some(ags), None) => Some(Ags::parse(&ags)?.to_string()),
        (None, Some(ars)) => Some(Ars::parse(&ars)?.to_string()),
        (None, None) => None,
    };
    let patch = ProfilePatch {
        name: args.name,
        ags,
        kind: args.kind.as_deref().map(str::parse).transpose()?,
        population: args.population,
        coordinator_name: args.coordinator_name,
        coordinator_email: args.coordinator_email,
        coordinator_phone: args.coordinator_phone,
    };
    let profile = api::patch_profile(&cx(workspace, &PLAIN), patch)?;
    print::profile_saved(out, &profile)
}

/// The commands of the Land's workspace; `workspace` is a Land's.
fn land_command(command: LandCommand, workspace: &Workspace, out: &mut dyn Write) -> Result<()> {
    match command {
        LandCommand::Setup { land_code, name } => {
            let cx = cx(workspace, &PLAIN);
            let stored = api::get_land_profile(&cx)?;
            let input = LandProfileInput {
                land_code: land_code
                    .or_else(|| stored.as_ref().map(|p| p.land_code.clone()))
                    .unwrap_or_default(),
                name: name.or_else(|| stored.map(|p| p.name)).unwrap_or_default(),
            };
            print::land_profile_saved(out, &api::set_land_profile(&cx, input)?)
        }
        LandCommand::Items(args) => items(workspace, args, out),
        LandCommand::Item(command) => item_set(workspace, command, out),
        LandCommand::ExportDraft { dir } => {
            api::export_draft_source(&cx(workspace, &PLAIN), &dir)?;
            print::draft_exported(out, &dir)
        }
        LandCommand::ImportDraft { dir } => {
            print::draft_imported(out, &api::import_draft_source(&cx(workspace, &PLAIN), &dir)?)
        }
        LandCommand::Status(args) => {
            let land = api::get_land_profile(&cx(workspace, &PLAIN))?;
            status(workspace, args, out, |out, report| {
                print::land_status(out, report, land.as_ref())
            })
        }
    }
}

/// The Land's inbox; `workspace` is a Land's.
fn inbox_command(command: InboxCommand, workspace: &Workspace, out: &mut dyn Write) -> Result<()> {
    match command {
        InboxCommand::Add { paths, json } => {
            let summary = api::add_reports_from(&cx(workspace, &PLAIN), &paths)?;
            if json {
                print::json(out, &summary)?;
            } else {
                print::inbox_added(out, &summary)?;
            }
            if summary.refused.is_empty() {
                Ok(())
            } else {
                let (skipped, total) = (summary.refused.len(), summary.files as usize);
                Err(Error::from(ReportError::Skipped { skipped, total }).into())
            }
        }
        InboxCommand::Directory { file } => print::directory_imported(
            out,
            &api::import_directory_file(&cx(workspace, &PLAIN), &file)?,
        ),
        InboxCommand::Overview { json, days, today } => {
            let today =
                today.map(|day| progress::parse_date("today", "Datum", &day)).transpose()?;
            let desktop = CommandLine { file: None, today };
            let overview = api::get_land_overview(&cx(workspace, &desktop), days)?;
            if json {
                return print::json(out, &overview);
            }
            print::land_overview(out, &overview)
        }
        InboxCommand::Followup { days, csv, json, today } => {
            let today =
                today.map(|day| progress::parse_date("today", "Datum", &day)).transpose()?;
            let desktop = CommandLine { file: None, today };
            let list = api::get_follow_up(&cx(workspace, &desktop), days)?;
            if let Some(csv) = &csv {
                anbindungscheck::files::write_atomic(csv, followup::to_csv(&list).as_bytes())?;
            }
            if json {
                return print::json(out, &list);
            }
            print::follow_up(out, &list, csv.as_deref())
        }
        InboxCommand::Export { xlsx, csv, days, followup_days, today } => {
            let today =
                today.map(|day| progress::parse_date("today", "Datum", &day)).transpose()?;
            let desktop = CommandLine { file: None, today };
            let exported = api::write_land_export(
                &cx(workspace, &desktop),
                xlsx.as_deref(),
                csv.as_deref(),
                days,
                followup_days,
            )?;
            print::land_exported(out, &exported)
        }
        InboxCommand::Report { output, days, today } => {
            let today =
                today.map(|day| progress::parse_date("today", "Datum", &day)).transpose()?;
            let desktop = CommandLine { file: None, today };
            let pages = api::write_land_report(&cx(workspace, &desktop), &output, days)?;
            print::land_report_written(out, &output, pages)
        }
        InboxCommand::List { json } => {
            let reports = api::list_received_reports(&cx(workspace, &PLAIN))?;
            if json {
                return print::json(out, &reports);
            }
            print::received_reports(out, &reports)
        }
    }
}

/// `item set` (and `land item set`): the item's progress with the given fields changed.
fn item_set(workspace: &Workspace, command: ItemCommand, out: &mut dyn Write) -> Result<()> {
    let ItemCommand::Set { item_id, status, owner, due, note, blocked_by } = command;
    let patch = ItemPatch {
        status: status.as_deref().map(str::parse).transpose()?,
        blocked_by,
        owner,
        due,
        note,
    };
    let entry = api::patch_item(&cx(workspace, &PLAIN), item_id, patch)?;
    print::item_saved(out, &entry)
}

/// `items`: the checklist; with `--xlsx`/`--pdf` written as a spreadsheet and/or a work list
/// instead. Both are made before either is written, and each file is written whole or not at all.
fn items(workspace: &Workspace, args: ItemsArgs, out: &mut dyn Write) -> Result<()> {
    let ItemsArgs { json, xlsx, pdf, today } = args;
    if xlsx.is_none() && pdf.is_none() {
        let checklist = api::get_checklist(&cx(workspace, &PLAIN))?;
        if json {
            return print::json(out, &checklist.entries);
        }
        return print::items(out, &checklist.entries);
    }
    let today = today.map(|day| progress::parse_date("today", "Datum", &day)).transpose()?;
    let desktop = CommandLine { file: None, today };
    let cx = cx(workspace, &desktop);
    let workbook = xlsx.as_ref().map(|_| api::checklist_xlsx(&cx)).transpose()?;
    let list = pdf.as_ref().map(|_| api::work_list(&cx)).transpose()?;
    if let (Some(path), Some((bytes, items))) = (&xlsx, &workbook) {
        anbindungscheck::files::write_atomic(path, bytes)?;
        print::checklist_xlsx_written(out, path, *items)?;
    }
    if let (Some(path), Some(rendered)) = (&pdf, &list) {
        anbindungscheck::files::write_atomic(path, &rendered.bytes)?;
        print::work_list_written(out, path, rendered.pages)?;
    }
    Ok(())
}

/// `backup ZIEL`: the save "dialog" answers with the target.
fn backup(workspace: &Workspace, target: PathBuf, out: &mut dyn Write) -> Result<()> {
    let desktop = CommandLine { file: Some(target.clone()), today: None };
    answered(api::create_backup(&cx(workspace, &desktop))?)?;
    print::backup_written(out, &target)
}

/// `restore QUELLE`: replaces the database at `db`, then names the municipality restored.
fn restore(db: &Path, input: &Path, out: &mut dyn Write) -> Result<()> {
    let restored = api::restore_file(db, input)?;
    print::restored(out, input, restored.profile.as_ref(), restored.kept.as_deref())
}

/// `report --out DATEI.pdf`: renders the report for `date` (default: the local date).
fn report(
    workspace: &Workspace,
    target: &Path,
    date: Option<String>,
    out: &mut dyn Write,
) -> Result<()> {
    let today = date.map(|day| progress::parse_date("date", "Berichtsdatum", &day)).transpose()?;
    let written = api::write_report(&cx(workspace, &CommandLine { file: None, today }), target)?;
    print::report_written(out, target, &written)
}

/// `import PAKET`: shows what the package changes, then (unless `dry_run`) imports it. The pick
/// "dialog" answers with the package.
fn import(
    workspace: &Workspace,
    package: PathBuf,
    trust: Option<String>,
    dry_run: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let desktop = CommandLine { file: Some(package), today: None };
    let cx = cx(workspace, &desktop);
    let preview = answered(api::choose_package(&cx)?)?;
    print::import_preview(out, &preview)?;
    if dry_run {
        return print::dry_run(out);
    }
    let done = api::import_package(&cx, trust)?;
    print::imported(out, &done)
}

/// `packages`: the imported packages.
fn packages(workspace: &Workspace, json: bool, out: &mut dyn Write) -> Result<()> {
    let packages = api::list_packages(&cx(workspace, &PLAIN))?;
    if json {
        return print::json(out, &packages);
    }
    print::packages(out, &packages)
}

/// `history`: the recorded changes, newest first.
fn history(
    workspace: &Workspace,
    filter: HistoryFilter,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let entries = api::list_history(&cx(workspace, &PLAIN), filter)?;
    if json {
        return print::json(out, &entries);
    }
    print::history(out, &entries)
}

/// `aggregate`: reads the reports and writes CSV/JSON (CSV to standard output if neither file is
/// given), tells on standard error what was read, skipped and ignored, and fails with the
/// `report_skipped` error (exit code 3) if files were skipped.
fn aggregate(
    paths: &[PathBuf],
    csv: Option<&Path>,
    json: Option<&Path>,
    all: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let done = land::aggregate_reports(paths, csv, json, all)?;
    if csv.is_none() && json.is_none() {
        print::table(out, &done.csv)?;
    }
    print::aggregated(&done.aggregate, csv, json);
    Ok(done.all_read()?)
}
