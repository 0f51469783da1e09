//! The one declaration of every command ([`for_each_command!`]) and what the core makes of it:
//! the list of names ([`NAMES`]) and a dispatcher by name over JSON ([`dispatch`]) for the UI test
//! bridge. The Tauri shell expands the same list into its handlers; the bindings test writes the
//! TypeScript client, the permissions and the capability from it.

use super::{Ctx, IpcError};
use crate::error_code::ErrorCode;

/// Calls `$callback!` with every command of the app, one per line:
/// `name(argument: Type, …) -> Output;`, with `with on_progress` before the arrow for a command
/// that reports progress. Arguments are snake_case here and camelCase on the wire. Each command
/// is the function of the same name in [`crate::api`].
#[macro_export]
macro_rules! for_each_command {
    ($callback:ident) => {
        $callback! {
            /// Adds a document (native dialog) to the Land's package draft; `null` if cancelled.
            add_draft_document(title: Option<String>) -> Option<$crate::api::PackageDraft>;
            /// Reads the report files and folders last dropped on the window into the Land's inbox; `null` if none.
            add_dropped_reports() with on_progress -> Option<$crate::inbox::InboxSummary>;
            /// Adds an evidence file (native dialog) to an item; `null` if cancelled.
            add_evidence(item_id: String, title: Option<String>) -> Option<$crate::evidence::Evidence>;
            /// Adds a member municipality to the Gemeindeverband or Kreis of the profile.
            add_member(input: $crate::profile::Member) -> $crate::profile::Member;
            /// Picks report files (or a folder) and reads them into the Land's inbox; `null` if cancelled.
            add_reports(folder: bool) with on_progress -> Option<$crate::inbox::InboxSummary>;
            /// The version and where the data lives.
            app_info() -> $crate::api::AppInfo;
            /// The folder a restore keeps the current database in.
            backup_folder() -> String;
            /// Live check of an AGS while it is typed.
            check_ags(ags: String) -> $crate::ags::AgsCheck;
            /// Picks a backup (native dialog), checks it and shows what it holds; `null` if cancelled.
            choose_backup() -> Option<$crate::api::BackupPreview>;
            /// Picks a package file (native dialog) and shows what importing it would do.
            choose_package() -> Option<$crate::installed::ImportPreview>;
            /// Closes the app's window (after the user agreed to lose unsaved input).
            close_window() -> ();
            /// Clears the "bitte prüfen" flag of a checklist entry.
            confirm_review(item_id: String) -> ();
            /// Writes a copy of the database where the user chooses; `null` if cancelled.
            create_backup() -> Option<$crate::api::BackupInfo>;
            /// Makes the Land's first signing key, encrypted with the passphrase.
            create_land_key(passphrase: String) -> $crate::land_key::LandKey;
            /// Saves the checklist as an Excel workbook, a row per item (save dialog); `null` if cancelled.
            export_checklist_xlsx() -> Option<String>;
            /// Saves the follow-up list as CSV (save dialog); `null` if cancelled.
            export_follow_up(days: Option<u32>) -> Option<String>;
            /// Saves one event, or all events of a package, as an .ics file; `null` if cancelled.
            export_ics(package_id: String, event_id: Option<String>) -> Option<String>;
            /// Saves the Land's status report (Lagebericht) as PDF (save dialog); stale after `staleDays` (default 90); `null` if cancelled.
            export_land_report(stale_days: Option<u32>) -> Option<String>;
            /// Saves the Land's overview with the follow-up list as an Excel workbook (save dialog); `null` if cancelled.
            export_land_xlsx(stale_days: Option<u32>, days: Option<u32>) -> Option<String>;
            /// Writes the report as a PDF where the user chooses; `null` if cancelled.
            export_report(recipient: Option<String>) -> Option<$crate::exports::ReportExport>;
            /// Saves the checklist as a printable work list (Arbeitsliste) PDF (save dialog); `null` if cancelled.
            export_work_list() -> Option<String>;
            /// The settings of the IT department for this PC, if there are any.
            get_admin_settings() -> Option<$crate::admin_settings::AdminSettings>;
            /// Every checklist item with its progress.
            get_checklist() -> $crate::checklist::Checklist;
            /// What the dashboard shows: readiness, next steps, entries to review, whether the profile is saved.
            get_dashboard() -> $crate::api::Dashboard;
            /// The municipalities to follow up, looking `days` (default 30) ahead and back.
            get_follow_up(days: Option<u32>) -> $crate::report::followup::FollowUpList;
            /// The Fachverfahren inventory, matched with the Land's list.
            get_inventory() -> $crate::inventory::Inventory;
            /// What the Land's package says about the points of the Land's checklist.
            get_land_facts() -> $crate::api::LandFacts;
            /// The whole Land from the newest report of each municipality; stale after `staleDays` (default 90).
            get_land_overview(stale_days: Option<u32>) -> $crate::report::overview::LandOverview;
            /// The Land's profile in its workspace, if saved.
            get_land_profile() -> Option<$crate::land_profile::LandProfile>;
            /// The municipalities' built-in checklist (points and items), for the Land's editor.
            get_municipal_catalogue() -> $crate::catalogue::Catalogue;
            /// One municipality's reports over time, oldest first.
            get_municipality_history(ags: String) -> $crate::report::history::MunicipalityHistory;
            /// The Land's package draft with its problems per field.
            get_package_draft() -> $crate::api::PackageDraft;
            /// The municipality's profile, if saved.
            get_profile() -> Option<$crate::profile::Profile>;
            /// Whether one service is ready today: its checks and verdict.
            get_service_readiness(package_id: String, service_id: String) -> $crate::service_readiness::ServiceReadiness;
            /// What the first screen shows, in one call: workspace, app, header profile, dashboard.
            get_start() -> $crate::api::StartInfo;
            /// The readiness today, with the services' and the overall verdict.
            get_status() -> $crate::readiness::StatusReport;
            /// Picks the municipal directory (GV100AD or CSV) and makes it the Land's list; `null` if cancelled.
            import_directory() -> Option<$crate::api::DirectoryImported>;
            /// Takes over a key file the Land already has (native dialog); `null` if cancelled.
            import_land_key(passphrase: String) -> Option<$crate::land_key::LandKey>;
            /// Imports the package picked with `choose_package`; `trust` confirms a Land's first key.
            import_package(trust: Option<String>) with on_progress -> $crate::installed::ImportPreview;
            /// Reads a Land's revocation certificate (native dialog) and records it; `null` if cancelled.
            import_revocation() -> Option<$crate::api::packages::RevocationImported>;
            /// The evidence of one item, or of every item with `itemId` null, oldest first.
            list_evidence(item_id: Option<String>) -> Vec<$crate::evidence::Evidence>;
            /// The history of changes, newest first.
            list_history(filter: $crate::audit::HistoryFilter) -> Vec<$crate::audit::HistoryEntry>;
            /// The Land's signing keys, newest first.
            list_land_keys() -> Vec<$crate::land_key::LandKey>;
            /// The decisions on services of members that differ from the whole Gemeindeverband or Kreis.
            list_member_decisions() -> Vec<$crate::installed::MemberDecision>;
            /// The member municipalities of the Gemeindeverband or Kreis, by AGS.
            list_members() -> Vec<$crate::profile::Member>;
            /// The installed packages.
            list_packages() -> Vec<$crate::installed::InstalledPackage>;
            /// The people named per role, in role order.
            list_people() -> Vec<$crate::roles::Person>;
            /// The editions of the Land's package published, newest first.
            list_publications() -> Vec<$crate::publication::Publication>;
            /// The reports in the Land's inbox, newest first.
            list_received_reports() -> Vec<$crate::inbox::ReceivedReport>;
            /// Recorded report exports, newest first.
            list_report_exports() -> Vec<$crate::exports::ReportExport>;
            /// Opens a stored document of a package in the system viewer.
            open_document(package_id: String, path: String) -> ();
            /// Opens a stored evidence file in the system viewer; refused if it was changed.
            open_evidence(id: i64) -> ();
            /// Opens an exported report in the system viewer; refused if it was changed.
            open_report(export_id: i64) -> ();
            /// Opens the workspace of `kind` (its database created if missing) and remembers it.
            open_workspace(kind: $crate::workspace_kind::WorkspaceKind) -> $crate::api::WorkspaceInfo;
            /// What a municipality of `population` inhabitants pays under the draft's cost models.
            preview_costs(manifest: $crate::package::manifest::Manifest, population: u32) -> Vec<$crate::package::manifest::CostShare>;
            /// Builds, signs and saves the Land's package (save dialog); `null` if cancelled.
            publish_package(passphrase: String) -> Option<$crate::publication::Publication>;
            /// Takes a document out of the Land's package draft.
            remove_draft_document(path: String) -> $crate::api::PackageDraft;
            /// Detaches evidence from its item (the history keeps it).
            remove_evidence(id: i64) -> ();
            /// Removes a Fachverfahren from the inventory.
            remove_fachverfahren(id: i64) -> ();
            /// Removes a member municipality by its AGS; returns it.
            remove_member(ags: String) -> $crate::profile::Member;
            /// Removes a person.
            remove_person(id: i64) -> ();
            /// Removes a requirement to the Land.
            remove_requirement(id: i64) -> ();
            /// A new signing key, endorsed by the one in use.
            replace_land_key(old_passphrase: String, new_passphrase: String) -> $crate::land_key::LandKey;
            /// What the report would say today; refused while there is no profile.
            report_preview() -> $crate::report::preview::ReportPreview;
            /// Puts the backup chosen with `choose_backup` in place of the database; `null` if none was chosen.
            restore_backup() -> Option<$crate::api::RestoreInfo>;
            /// The review a municipality sees when it imports the draft over the last edition published.
            review_package_draft() -> $crate::package::review::PackageReview;
            /// Revokes one of the Land's keys with the certificate made with it.
            revoke_land_key(fingerprint: String) -> $crate::land_key::LandKey;
            /// Adds a Fachverfahren (`id` null) or changes one.
            save_fachverfahren(id: Option<i64>, input: $crate::inventory::FachverfahrenInput) -> $crate::inventory::InventoryEntry;
            /// Saves the one-page fingerprint PDF of one of the Land's keys (save dialog); `null` if cancelled.
            save_fingerprint_sheet(fingerprint: String) -> Option<String>;
            /// Saves a file of one of the Land's keys (save dialog); `null` if cancelled.
            save_land_key_file(fingerprint: String, file: $crate::api::KeyFile) -> Option<String>;
            /// Stores the Land's package draft as it is; returns it with its problems.
            save_package_draft(manifest: $crate::package::manifest::Manifest) -> $crate::api::PackageDraft;
            /// Adds a person (`id` null) or changes one.
            save_person(id: Option<i64>, input: $crate::roles::PersonInput) -> $crate::roles::Person;
            /// Adds a requirement to the Land (`id` null) or changes one.
            save_requirement(id: Option<i64>, input: $crate::requirements::RequirementInput) -> $crate::requirements::Requirement;
            /// Stores the decision and the state of a service together (the service card's one save); returns both as normalised.
            save_service(package_id: String, service_id: String, decision: $crate::installed::ServiceDecision, state: $crate::service_state::ServiceState) -> $crate::api::SavedService;
            /// Marks an event of a package as attended or not.
            set_event_attended(package_id: String, event_id: String, attended: bool) -> ();
            /// Stores the state of one checklist item.
            set_item(item_id: String, state: $crate::progress::ItemState) -> $crate::checklist::ChecklistEntry;
            /// Stores the Land's profile in its workspace.
            set_land_profile(input: $crate::land_profile::LandProfileInput) -> $crate::land_profile::LandProfile;
            /// Sets a member's own decision on a service; `null` returns it to the decision of the whole.
            set_member_decision(package_id: String, service_id: String, ags: String, decision: Option<$crate::installed::Decision>) -> Option<$crate::installed::MemberDecision>;
            /// Stores the profile.
            set_profile(input: $crate::profile::ProfileInput) -> $crate::profile::Profile;
            /// The page holds unsaved input (or no longer does): closing the window asks first.
            set_unsaved_input(unsaved: bool) -> ();
            /// The dashboard has painted (start-up benchmark of the desktop app only).
            startup_probe(figures: $crate::api::StartupFigures) -> ();
            /// Which workspace is open, and where the files of both lie.
            workspace_info() -> $crate::api::WorkspaceInfo;
        }
    };
}

macro_rules! core_commands {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident ( $($arg:ident : $ty:ty),* ) $(with $progress:ident)? -> $out:ty;
    )*) => {
        /// The name of every command, in declaration order.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];

        /// Runs the command `name` with its arguments as a JSON object (camelCase keys, as the UI
        /// sends them) and returns its output as JSON.
        pub fn dispatch(
            cx: &Ctx,
            name: &str,
            args: serde_json::Value,
        ) -> Result<serde_json::Value, IpcError> {
            let args = if args.is_null() { serde_json::json!({}) } else { args };
            match name {
                $(stringify!($name) => {
                    #[derive(serde::Deserialize)]
                    #[serde(rename_all = "camelCase")]
                    #[allow(dead_code)]
                    struct Args { $($arg: $ty,)* $($progress: Option<serde_json::Value>,)? }
                    let Args { $($arg,)* .. } = serde_json::from_value(args).map_err(bad_args)?;
                    let out: $out = $crate::api::$name(cx, $($arg),*)?;
                    serde_json::to_value(out).map_err(|e| internal(e.to_string()))
                })*
                _ => Err(internal(format!("Unbekannter Befehl „{name}“."))),
            }
        }

        /// The TypeScript client: one function per command (`ui/src/lib/api.ts`).
        #[cfg(test)]
        pub(crate) fn typescript_client(cfg: &ts_rs::Config) -> Vec<ClientCommand> {
            use ts_rs::TS;
            vec![$(ClientCommand {
                name: stringify!($name),
                doc: vec![$($doc),*],
                args: vec![$((stringify!($arg), <$ty as TS>::name(cfg)),)*],
                progress: [$(stringify!($progress)),*].first().copied(),
                output: <$out as TS>::name(cfg),
            }),*]
        }
    };
}

crate::for_each_command!(core_commands);

#[cfg(test)]
/// One command as the TypeScript generators see it (`bindings::client`).
pub struct ClientCommand {
    pub name: &'static str,
    pub doc: Vec<&'static str>,
    /// Argument names (snake_case) with their TypeScript types.
    pub args: Vec<(&'static str, String)>,
    /// The name of the progress channel argument, if the command reports progress.
    pub progress: Option<&'static str>,
    pub output: String,
}

fn bad_args(e: serde_json::Error) -> IpcError {
    internal(format!("Ungültige Argumente: {e}"))
}

fn internal(message: String) -> IpcError {
    IpcError { code: ErrorCode::Internal, message, field: None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::test_desktop::Fixed;
    use crate::api::Workspace;

    #[test]
    fn names_are_sorted_and_unique() {
        assert!(NAMES.windows(2).all(|w| w[0] < w[1]), "{NAMES:?}");
        assert!(NAMES.len() > 30);
    }

    #[test]
    fn dispatch_runs_commands_by_name_over_json() {
        let dir = tempfile::tempdir().unwrap();
        let workspace = Workspace::open(Some(dir.path().join("kommune.sqlite")));
        let desktop = Fixed::default(); // no file: every dialog is cancelled
        let cx = Ctx { workspace: &workspace, desktop: &desktop };
        let input = serde_json::json!({"input": {
            "name": "Gemeinde Musterstadt", "ags": "09162000", "population": null,
            "coordinator_name": null, "coordinator_email": null, "coordinator_phone": null
        }});
        let profile = dispatch(&cx, "set_profile", input).unwrap();
        assert_eq!(profile["name"], "Gemeinde Musterstadt");
        assert_eq!(dispatch(&cx, "get_profile", serde_json::Value::Null).unwrap(), profile);
        // camelCase arguments; an Option may be left out.
        let evidence = dispatch(&cx, "list_evidence", serde_json::json!({})).unwrap();
        assert_eq!(evidence, serde_json::json!([]));
        let err = dispatch(
            &cx,
            "set_item",
            serde_json::json!({"itemId": "x-1", "state": {
                "status": "offen", "owner": null, "due": null, "note": null, "blocked_by": null
            }}),
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound, "{err:?}");
        // Cancelled dialogs come back as null.
        assert_eq!(
            dispatch(&cx, "create_backup", serde_json::json!({})).unwrap(),
            serde_json::Value::Null
        );
        // Unknown commands and bad arguments are refused.
        assert_eq!(
            dispatch(&cx, "drop_database", serde_json::json!({})).unwrap_err().code,
            ErrorCode::Internal
        );
        let err = dispatch(&cx, "remove_person", serde_json::json!({"id": "eins"})).unwrap_err();
        assert_eq!(err.code, ErrorCode::Internal);
    }
}
