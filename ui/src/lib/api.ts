// Generated from the command list of the core (src/api/commands.rs). Do not edit.
// One function per command, taking its arguments as one object with camelCase names.

import { invoke, type Channel } from '@tauri-apps/api/core';
import type {
  AdminSettings,
  AgsCheck,
  AppInfo,
  BackupInfo,
  BackupPreview,
  Catalogue,
  Checklist,
  ChecklistEntry,
  CostShare,
  Dashboard,
  Decision,
  DirectoryImported,
  ErrorCode,
  Evidence,
  FachverfahrenInput,
  FollowUpList,
  HistoryEntry,
  HistoryFilter,
  ImportPreview,
  InboxSummary,
  InstalledPackage,
  Inventory,
  InventoryEntry,
  IpcError,
  ItemState,
  KeyFile,
  LandFacts,
  LandKey,
  LandOverview,
  LandProfile,
  LandProfileInput,
  Manifest,
  Member,
  MemberDecision,
  MunicipalityHistory,
  PackageDraft,
  PackageReview,
  Person,
  PersonInput,
  Profile,
  ProfileInput,
  Progress,
  Publication,
  ReceivedReport,
  ReportExport,
  ReportPreview,
  Requirement,
  RequirementInput,
  RestoreInfo,
  RevocationImported,
  SavedService,
  ServiceDecision,
  ServiceReadiness,
  ServiceState,
  StartInfo,
  StartupFigures,
  StatusReport,
  WorkspaceInfo,
  WorkspaceKind,
} from './bindings';

export type { ErrorCode, IpcError };

/** Adds a document (native dialog) to the Land's package draft; `null` if cancelled. */
export function add_draft_document(args: { title: string | null }): Promise<PackageDraft | null> {
  return call<PackageDraft | null>('add_draft_document', args);
}

/** Reads the report files and folders last dropped on the window into the Land's inbox; `null` if none. */
export function add_dropped_reports(args: { onProgress: Channel<Progress> }): Promise<InboxSummary | null> {
  return call<InboxSummary | null>('add_dropped_reports', args);
}

/** Adds an evidence file (native dialog) to an item; `null` if cancelled. */
export function add_evidence(args: { itemId: string; title: string | null }): Promise<Evidence | null> {
  return call<Evidence | null>('add_evidence', args);
}

/** Adds a member municipality to the Gemeindeverband or Kreis of the profile. */
export function add_member(args: { input: Member }): Promise<Member> {
  return call<Member>('add_member', args);
}

/** Picks report files (or a folder) and reads them into the Land's inbox; `null` if cancelled. */
export function add_reports(args: { folder: boolean; onProgress: Channel<Progress> }): Promise<InboxSummary | null> {
  return call<InboxSummary | null>('add_reports', args);
}

/** The version and where the data lives. */
export function app_info(): Promise<AppInfo> {
  return call<AppInfo>('app_info');
}

/** The folder a restore keeps the current database in. */
export function backup_folder(): Promise<string> {
  return call<string>('backup_folder');
}

/** Live check of an AGS while it is typed. */
export function check_ags(args: { ags: string }): Promise<AgsCheck> {
  return call<AgsCheck>('check_ags', args);
}

/** Picks a backup (native dialog), checks it and shows what it holds; `null` if cancelled. */
export function choose_backup(): Promise<BackupPreview | null> {
  return call<BackupPreview | null>('choose_backup');
}

/** Picks a package file (native dialog) and shows what importing it would do. */
export function choose_package(): Promise<ImportPreview | null> {
  return call<ImportPreview | null>('choose_package');
}

/** Closes the app's window (after the user agreed to lose unsaved input). */
export function close_window(): Promise<null> {
  return call<null>('close_window');
}

/** Clears the "bitte prüfen" flag of a checklist entry. */
export function confirm_review(args: { itemId: string }): Promise<null> {
  return call<null>('confirm_review', args);
}

/** Writes a copy of the database where the user chooses; `null` if cancelled. */
export function create_backup(): Promise<BackupInfo | null> {
  return call<BackupInfo | null>('create_backup');
}

/** Makes the Land's first signing key, encrypted with the passphrase. */
export function create_land_key(args: { passphrase: string }): Promise<LandKey> {
  return call<LandKey>('create_land_key', args);
}

/** Saves the checklist as an Excel workbook, a row per item (save dialog); `null` if cancelled. */
export function export_checklist_xlsx(): Promise<string | null> {
  return call<string | null>('export_checklist_xlsx');
}

/** Saves the follow-up list as CSV (save dialog); `null` if cancelled. */
export function export_follow_up(args: { days: number | null }): Promise<string | null> {
  return call<string | null>('export_follow_up', args);
}

/** Saves one event, or all events of a package, as an .ics file; `null` if cancelled. */
export function export_ics(args: { packageId: string; eventId: string | null }): Promise<string | null> {
  return call<string | null>('export_ics', args);
}

/** Saves the Land's status report (Lagebericht) as PDF (save dialog); stale after `staleDays` (default 90); `null` if cancelled. */
export function export_land_report(args: { staleDays: number | null }): Promise<string | null> {
  return call<string | null>('export_land_report', args);
}

/** Saves the Land's overview with the follow-up list as an Excel workbook (save dialog); `null` if cancelled. */
export function export_land_xlsx(args: { staleDays: number | null; days: number | null }): Promise<string | null> {
  return call<string | null>('export_land_xlsx', args);
}

/** Writes the report as a PDF where the user chooses; `null` if cancelled. */
export function export_report(args: { recipient: string | null }): Promise<ReportExport | null> {
  return call<ReportExport | null>('export_report', args);
}

/** Saves the checklist as a printable work list (Arbeitsliste) PDF (save dialog); `null` if cancelled. */
export function export_work_list(): Promise<string | null> {
  return call<string | null>('export_work_list');
}

/** The settings of the IT department for this PC, if there are any. */
export function get_admin_settings(): Promise<AdminSettings | null> {
  return call<AdminSettings | null>('get_admin_settings');
}

/** Every checklist item with its progress. */
export function get_checklist(): Promise<Checklist> {
  return call<Checklist>('get_checklist');
}

/** What the dashboard shows: readiness, next steps, entries to review, whether the profile is saved. */
export function get_dashboard(): Promise<Dashboard> {
  return call<Dashboard>('get_dashboard');
}

/** The municipalities to follow up, looking `days` (default 30) ahead and back. */
export function get_follow_up(args: { days: number | null }): Promise<FollowUpList> {
  return call<FollowUpList>('get_follow_up', args);
}

/** The Fachverfahren inventory, matched with the Land's list. */
export function get_inventory(): Promise<Inventory> {
  return call<Inventory>('get_inventory');
}

/** What the Land's package says about the points of the Land's checklist. */
export function get_land_facts(): Promise<LandFacts> {
  return call<LandFacts>('get_land_facts');
}

/** The whole Land from the newest report of each municipality; stale after `staleDays` (default 90). */
export function get_land_overview(args: { staleDays: number | null }): Promise<LandOverview> {
  return call<LandOverview>('get_land_overview', args);
}

/** The Land's profile in its workspace, if saved. */
export function get_land_profile(): Promise<LandProfile | null> {
  return call<LandProfile | null>('get_land_profile');
}

/** The municipalities' built-in checklist (points and items), for the Land's editor. */
export function get_municipal_catalogue(): Promise<Catalogue> {
  return call<Catalogue>('get_municipal_catalogue');
}

/** One municipality's reports over time, oldest first. */
export function get_municipality_history(args: { ags: string }): Promise<MunicipalityHistory> {
  return call<MunicipalityHistory>('get_municipality_history', args);
}

/** The Land's package draft with its problems per field. */
export function get_package_draft(): Promise<PackageDraft> {
  return call<PackageDraft>('get_package_draft');
}

/** The municipality's profile, if saved. */
export function get_profile(): Promise<Profile | null> {
  return call<Profile | null>('get_profile');
}

/** Whether one service is ready today: its checks and verdict. */
export function get_service_readiness(args: { packageId: string; serviceId: string }): Promise<ServiceReadiness> {
  return call<ServiceReadiness>('get_service_readiness', args);
}

/** What the first screen shows, in one call: workspace, app, header profile, dashboard. */
export function get_start(): Promise<StartInfo> {
  return call<StartInfo>('get_start');
}

/** The readiness today, with the services' and the overall verdict. */
export function get_status(): Promise<StatusReport> {
  return call<StatusReport>('get_status');
}

/** Picks the municipal directory (GV100AD or CSV) and makes it the Land's list; `null` if cancelled. */
export function import_directory(): Promise<DirectoryImported | null> {
  return call<DirectoryImported | null>('import_directory');
}

/** Takes over a key file the Land already has (native dialog); `null` if cancelled. */
export function import_land_key(args: { passphrase: string }): Promise<LandKey | null> {
  return call<LandKey | null>('import_land_key', args);
}

/** Imports the package picked with `choose_package`; `trust` confirms a Land's first key. */
export function import_package(args: { trust: string | null; onProgress: Channel<Progress> }): Promise<ImportPreview> {
  return call<ImportPreview>('import_package', args);
}

/** Reads a Land's revocation certificate (native dialog) and records it; `null` if cancelled. */
export function import_revocation(): Promise<RevocationImported | null> {
  return call<RevocationImported | null>('import_revocation');
}

/** The evidence of one item, or of every item with `itemId` null, oldest first. */
export function list_evidence(args: { itemId: string | null }): Promise<Array<Evidence>> {
  return call<Array<Evidence>>('list_evidence', args);
}

/** The history of changes, newest first. */
export function list_history(args: { filter: HistoryFilter }): Promise<Array<HistoryEntry>> {
  return call<Array<HistoryEntry>>('list_history', args);
}

/** The Land's signing keys, newest first. */
export function list_land_keys(): Promise<Array<LandKey>> {
  return call<Array<LandKey>>('list_land_keys');
}

/** The decisions on services of members that differ from the whole Gemeindeverband or Kreis. */
export function list_member_decisions(): Promise<Array<MemberDecision>> {
  return call<Array<MemberDecision>>('list_member_decisions');
}

/** The member municipalities of the Gemeindeverband or Kreis, by AGS. */
export function list_members(): Promise<Array<Member>> {
  return call<Array<Member>>('list_members');
}

/** The installed packages. */
export function list_packages(): Promise<Array<InstalledPackage>> {
  return call<Array<InstalledPackage>>('list_packages');
}

/** The people named per role, in role order. */
export function list_people(): Promise<Array<Person>> {
  return call<Array<Person>>('list_people');
}

/** The editions of the Land's package published, newest first. */
export function list_publications(): Promise<Array<Publication>> {
  return call<Array<Publication>>('list_publications');
}

/** The reports in the Land's inbox, newest first. */
export function list_received_reports(): Promise<Array<ReceivedReport>> {
  return call<Array<ReceivedReport>>('list_received_reports');
}

/** Recorded report exports, newest first. */
export function list_report_exports(): Promise<Array<ReportExport>> {
  return call<Array<ReportExport>>('list_report_exports');
}

/** Opens a stored document of a package in the system viewer. */
export function open_document(args: { packageId: string; path: string }): Promise<null> {
  return call<null>('open_document', args);
}

/** Opens a stored evidence file in the system viewer; refused if it was changed. */
export function open_evidence(args: { id: number }): Promise<null> {
  return call<null>('open_evidence', args);
}

/** Opens an exported report in the system viewer; refused if it was changed. */
export function open_report(args: { exportId: number }): Promise<null> {
  return call<null>('open_report', args);
}

/** Opens the workspace of `kind` (its database created if missing) and remembers it. */
export function open_workspace(args: { kind: WorkspaceKind }): Promise<WorkspaceInfo> {
  return call<WorkspaceInfo>('open_workspace', args);
}

/** What a municipality of `population` inhabitants pays under the draft's cost models. */
export function preview_costs(args: { manifest: Manifest; population: number }): Promise<Array<CostShare>> {
  return call<Array<CostShare>>('preview_costs', args);
}

/** Builds, signs and saves the Land's package (save dialog); `null` if cancelled. */
export function publish_package(args: { passphrase: string }): Promise<Publication | null> {
  return call<Publication | null>('publish_package', args);
}

/** Takes a document out of the Land's package draft. */
export function remove_draft_document(args: { path: string }): Promise<PackageDraft> {
  return call<PackageDraft>('remove_draft_document', args);
}

/** Detaches evidence from its item (the history keeps it). */
export function remove_evidence(args: { id: number }): Promise<null> {
  return call<null>('remove_evidence', args);
}

/** Removes a Fachverfahren from the inventory. */
export function remove_fachverfahren(args: { id: number }): Promise<null> {
  return call<null>('remove_fachverfahren', args);
}

/** Removes a member municipality by its AGS; returns it. */
export function remove_member(args: { ags: string }): Promise<Member> {
  return call<Member>('remove_member', args);
}

/** Removes a person. */
export function remove_person(args: { id: number }): Promise<null> {
  return call<null>('remove_person', args);
}

/** Removes a requirement to the Land. */
export function remove_requirement(args: { id: number }): Promise<null> {
  return call<null>('remove_requirement', args);
}

/** A new signing key, endorsed by the one in use. */
export function replace_land_key(args: { oldPassphrase: string; newPassphrase: string }): Promise<LandKey> {
  return call<LandKey>('replace_land_key', args);
}

/** What the report would say today; refused while there is no profile. */
export function report_preview(): Promise<ReportPreview> {
  return call<ReportPreview>('report_preview');
}

/** Puts the backup chosen with `choose_backup` in place of the database; `null` if none was chosen. */
export function restore_backup(): Promise<RestoreInfo | null> {
  return call<RestoreInfo | null>('restore_backup');
}

/** The review a municipality sees when it imports the draft over the last edition published. */
export function review_package_draft(): Promise<PackageReview> {
  return call<PackageReview>('review_package_draft');
}

/** Revokes one of the Land's keys with the certificate made with it. */
export function revoke_land_key(args: { fingerprint: string }): Promise<LandKey> {
  return call<LandKey>('revoke_land_key', args);
}

/** Adds a Fachverfahren (`id` null) or changes one. */
export function save_fachverfahren(args: { id: number | null; input: FachverfahrenInput }): Promise<InventoryEntry> {
  return call<InventoryEntry>('save_fachverfahren', args);
}

/** Saves the one-page fingerprint PDF of one of the Land's keys (save dialog); `null` if cancelled. */
export function save_fingerprint_sheet(args: { fingerprint: string }): Promise<string | null> {
  return call<string | null>('save_fingerprint_sheet', args);
}

/** Saves a file of one of the Land's keys (save dialog); `null` if cancelled. */
export function save_land_key_file(args: { fingerprint: string; file: KeyFile }): Promise<string | null> {
  return call<string | null>('save_land_key_file', args);
}

/** Stores the Land's package draft as it is; returns it with its problems. */
export function save_package_draft(args: { manifest: Manifest }): Promise<PackageDraft> {
  return call<PackageDraft>('save_package_draft', args);
}

/** Adds a person (`id` null) or changes one. */
export function save_person(args: { id: number | null; input: PersonInput }): Promise<Person> {
  return call<Person>('save_person', args);
}

/** Adds a requirement to the Land (`id` null) or changes one. */
export function save_requirement(args: { id: number | null; input: RequirementInput }): Promise<Requirement> {
  return call<Requirement>('save_requirement', args);
}

/** Stores the decision and the state of a service together (the service card's one save); returns both as normalised. */
export function save_service(args: { packageId: string; serviceId: string; decision: ServiceDecision; state: ServiceState }): Promise<SavedService> {
  return call<SavedService>('save_service', args);
}

/** Marks an event of a package as attended or not. */
export function set_event_attended(args: { packageId: string; eventId: string; attended: boolean }): Promise<null> {
  return call<null>('set_event_attended', args);
}

/** Stores the state of one checklist item. */
export function set_item(args: { itemId: string; state: ItemState }): Promise<ChecklistEntry> {
  return call<ChecklistEntry>('set_item', args);
}

/** Stores the Land's profile in its workspace. */
export function set_land_profile(args: { input: LandProfileInput }): Promise<LandProfile> {
  return call<LandProfile>('set_land_profile', args);
}

/** Sets a member's own decision on a service; `null` returns it to the decision of the whole. */
export function set_member_decision(args: { packageId: string; serviceId: string; ags: string; decision: Decision | null }): Promise<MemberDecision | null> {
  return call<MemberDecision | null>('set_member_decision', args);
}

/** Stores the profile. */
export function set_profile(args: { input: ProfileInput }): Promise<Profile> {
  return call<Profile>('set_profile', args);
}

/** The page holds unsaved input (or no longer does): closing the window asks first. */
export function set_unsaved_input(args: { unsaved: boolean }): Promise<null> {
  return call<null>('set_unsaved_input', args);
}

/** The dashboard has painted (start-up benchmark of the desktop app only). */
export function startup_probe(args: { figures: StartupFigures }): Promise<null> {
  return call<null>('startup_probe', args);
}

/** Which workspace is open, and where the files of both lie. */
export function workspace_info(): Promise<WorkspaceInfo> {
  return call<WorkspaceInfo>('workspace_info');
}

const ERROR_CODES: ReadonlySet<string> = new Set(['validation', 'not_found', 'schema_newer', 'database_foreign', 'database_remote', 'workspace_wrong_kind', 'workspace_unchosen', 'database', 'io', 'package_io', 'package_limits', 'package_not_zip', 'package_structure', 'package_unsafe_path', 'package_document', 'package_signature', 'package_untrusted_key', 'package_wrong_key', 'package_manifest', 'package_format', 'package_invalid', 'package_older', 'package_other_land', 'package_key', 'package_build', 'key_passphrase', 'key_endorsement', 'key_revocation', 'key_revoked', 'report_no_profile', 'report_glyph', 'report_pdf', 'report_workbook', 'report_not_pdf', 'report_too_large', 'report_damaged', 'report_no_data', 'report_schema', 'report_data', 'report_implausible', 'report_skipped', 'report_nothing_found', 'desktop', 'internal']);

/** Invokes a command; every rejection becomes an {@link IpcError}. */
async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toIpcError(e);
  }
}

/**
 * Turns anything a command can reject with into an IpcError: the core's `{code, message, field}`
 * as is, a plain string (e.g. Tauri's own "invalid args" or "command not found") or an Error.
 */
export function toIpcError(e: unknown): IpcError {
  if (isIpcError(e)) {
    return { code: e.code, message: e.message, field: e.field ?? null };
  }
  if (typeof e === 'string' && e.trim() !== '') {
    return { code: 'internal', message: `Interner Fehler: ${e}`, field: null };
  }
  if (e instanceof Error && e.message !== '') {
    return { code: 'internal', message: `Interner Fehler: ${e.message}`, field: null };
  }
  return {
    code: 'internal',
    message: 'Unbekannter Fehler bei der Verbindung zur Anwendung.',
    field: null,
  };
}

function isIpcError(e: unknown): e is IpcError {
  if (typeof e !== 'object' || e === null) return false;
  const o = e as Record<string, unknown>;
  return (
    typeof o['code'] === 'string' &&
    ERROR_CODES.has(o['code']) &&
    typeof o['message'] === 'string' &&
    (o['field'] === undefined || o['field'] === null || typeof o['field'] === 'string')
  );
}
