// Typed wrappers over the Tauri commands of the shell. Argument names are camelCase here; Tauri
// maps them to the snake_case parameters of the Rust commands (`itemId` -> `item_id`).

import { invoke, type Channel } from '@tauri-apps/api/core';
import type {
  AgsCheck,
  AppInfo,
  Checklist,
  ChecklistEntry,
  Evidence,
  FachverfahrenInput,
  HistoryEntry,
  HistoryFilter,
  ImportPreview,
  InstalledPackage,
  Inventory,
  InventoryEntry,
  IpcError,
  ItemState,
  Person,
  PersonInput,
  Profile,
  ProfileInput,
  Progress,
  ReportExport,
  ReportPreview,
  Requirement,
  RequirementInput,
  ServiceDecision,
  ServiceState,
  StatusReport,
} from './bindings';

export type { IpcError };

// One wrapper per command, named like the command, taking the command's arguments as one object.

export function get_status(): Promise<StatusReport> {
  return call<StatusReport>('get_status');
}

export function get_checklist(): Promise<Checklist> {
  return call<Checklist>('get_checklist');
}

export function set_item(args: { itemId: string; state: ItemState }): Promise<ChecklistEntry> {
  return call<ChecklistEntry>('set_item', args);
}

export function get_profile(): Promise<Profile | null> {
  return call<Profile | null>('get_profile');
}

export function set_profile(args: { input: ProfileInput }): Promise<Profile> {
  return call<Profile>('set_profile', args);
}

/** Live check of an AGS while typing; validation is the core's, the UI shows the answer. */
export function check_ags(args: { ags: string }): Promise<AgsCheck> {
  return call<AgsCheck>('check_ags', args);
}

export function list_history(args: { filter: HistoryFilter }): Promise<HistoryEntry[]> {
  return call<HistoryEntry[]>('list_history', args);
}

export function app_info(): Promise<AppInfo> {
  return call<AppInfo>('app_info');
}

// People per role ("Ansprechpersonen"). Validation (e-mail, phone, the mailbox's address) is the
// core's.

/** The people named per role, in role order. */
export function list_people(): Promise<Person[]> {
  return call<Person[]>('list_people');
}

/** Adds a person (`id` null) or changes one; resolves to the person as stored. */
export function save_person(args: { id: number | null; input: PersonInput }): Promise<Person> {
  return call<Person>('save_person', args);
}

export function remove_person(args: { id: number }): Promise<null> {
  return call<null>('remove_person', args);
}

// Evidence files of checklist items ("Nachweise"). The file dialog and the system viewer are
// driven from Rust: the web view never names a file path. Size, type and hash checks are the
// core's.

/** The evidence of one item, or of every item with `itemId` null, oldest first. */
export function list_evidence(args: { itemId: string | null }): Promise<Evidence[]> {
  return call<Evidence[]>('list_evidence', args);
}

/**
 * Lets the clerk pick a file (native dialog) and attaches it to the item, titled `title` or else
 * by its file name; `null` if the clerk cancelled. Rejects if the file is too big or of a type
 * that is not accepted.
 */
export function add_evidence(args: { itemId: string; title: string | null }): Promise<Evidence | null> {
  return call<Evidence | null>('add_evidence', args);
}

/** Detaches evidence from its item (the history keeps it). */
export function remove_evidence(args: { id: number }): Promise<null> {
  return call<null>('remove_evidence', args);
}

/** Opens a stored evidence file in the system viewer; rejects if the file was changed. */
export function open_evidence(args: { id: number }): Promise<null> {
  return call<null>('open_evidence', args);
}

// Information packages of the Land. File dialogs and the system viewer are driven from Rust: the
// web view never names a file path of its own.

/** Lets the clerk pick a package file (native dialog); `null` if cancelled. Writes nothing. */
export function choose_package(): Promise<ImportPreview | null> {
  return call<ImportPreview | null>('choose_package');
}

/**
 * Imports the package picked with {@link choose_package}. `trust` is the fingerprint the clerk
 * confirmed, only for the first package of a Land; progress arrives through `onProgress`.
 */
export function import_package(args: {
  trust: string | null;
  onProgress: Channel<Progress>;
}): Promise<ImportPreview> {
  return call<ImportPreview>('import_package', args);
}

export function list_packages(): Promise<InstalledPackage[]> {
  return call<InstalledPackage[]>('list_packages');
}

export function set_service_decision(args: {
  packageId: string;
  serviceId: string;
  decision: ServiceDecision;
}): Promise<ServiceDecision> {
  return call<ServiceDecision>('set_service_decision', args);
}

export function set_event_attended(args: {
  packageId: string;
  eventId: string;
  attended: boolean;
}): Promise<null> {
  return call<null>('set_event_attended', args);
}

/** Clears the "bitte prüfen" flag of a checklist entry. */
export function confirm_review(args: { itemId: string }): Promise<null> {
  return call<null>('confirm_review', args);
}

/** Opens a stored document of an imported package in the system viewer. */
export function open_document(args: { packageId: string; path: string }): Promise<null> {
  return call<null>('open_document', args);
}

/**
 * Saves one event (or, with `eventId` null, all events of the package) as an .ics file where the
 * clerk chooses; resolves to the saved path, or `null` if the clerk cancelled.
 */
export function export_ics(args: { packageId: string; eventId: string | null }): Promise<string | null> {
  return call<string | null>('export_ics', args);
}

// The municipality's work on a service (phase, connection data, requirements to the Land) and
// its Fachverfahren inventory. Every check (formats, dates, known services) is the core's.

/** Stores the state of a service; resolves to it as the core normalised it. */
export function set_service_state(args: {
  packageId: string;
  serviceId: string;
  state: ServiceState;
}): Promise<ServiceState> {
  return call<ServiceState>('set_service_state', args);
}

/** Adds a requirement to the Land (`id` null) or changes one. */
export function save_requirement(args: { id: number | null; input: RequirementInput }): Promise<Requirement> {
  return call<Requirement>('save_requirement', args);
}

export function remove_requirement(args: { id: number }): Promise<null> {
  return call<null>('remove_requirement', args);
}

/** The Fachverfahren inventory, matched with the Land's list. */
export function get_inventory(): Promise<Inventory> {
  return call<Inventory>('get_inventory');
}

/** Adds a Fachverfahren (`id` null) or changes one. */
export function save_fachverfahren(args: {
  id: number | null;
  input: FachverfahrenInput;
}): Promise<InventoryEntry> {
  return call<InventoryEntry>('save_fachverfahren', args);
}

export function remove_fachverfahren(args: { id: number }): Promise<null> {
  return call<null>('remove_fachverfahren', args);
}

// Readiness report ("Bereitschaftsbericht"). The save dialog and the system viewer are driven from
// Rust, like the package files: the web view never names a file path of its own.

/** What the report would say today; rejects while there is no profile. */
export function report_preview(): Promise<ReportPreview> {
  return call<ReportPreview>('report_preview');
}

/**
 * Writes the report as a PDF where the clerk chooses (native save dialog) and records the export;
 * `null` if the clerk cancelled.
 */
export function export_report(args: { recipient: string | null }): Promise<ReportExport | null> {
  return call<ReportExport | null>('export_report', args);
}

/** Recorded exports, newest first. */
export function list_report_exports(): Promise<ReportExport[]> {
  return call<ReportExport[]>('list_report_exports');
}

/** Opens an exported PDF in the system viewer (for printing); fails if the file was changed. */
export function open_report(args: { exportId: number }): Promise<null> {
  return call<null>('open_report', args);
}

// Backups ("Datensicherung"). The file dialogs are driven from Rust; the checks of a backup
// (intact, ours, not from a newer version) are the core's. These two types live in the shell
// (src-tauri/src/backup.rs), not in the core, so they are written here by hand.

/** A backup the clerk saved. */
export type BackupInfo = {
  /** Where it was saved. */
  path: string;
  /** Its size in bytes. */
  bytes: number;
  /** When it was written (RFC 3339, UTC). */
  at: string;
};

/** A restored backup. */
export type RestoreInfo = {
  /** The backup that is now the database. */
  from: string;
  /** Where the previous database was kept; `null` if there was none. */
  kept: string | null;
};

/** The folder a restore keeps the current database in (`backups/` next to it). */
export function backup_folder(): Promise<string> {
  return call<string>('backup_folder');
}

/** Writes a copy of the database where the clerk chooses (native save dialog); `null` if cancelled. */
export function create_backup(): Promise<BackupInfo | null> {
  return call<BackupInfo | null>('create_backup');
}

/**
 * Lets the clerk pick a backup (native dialog) and puts it in place of the database, keeping the
 * current one; `null` if cancelled. Rejects, with the database unchanged, if the file is refused.
 */
export function restore_backup(): Promise<RestoreInfo | null> {
  return call<RestoreInfo | null>('restore_backup');
}

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
    typeof o['message'] === 'string' &&
    (o['field'] === undefined || o['field'] === null || typeof o['field'] === 'string')
  );
}
