// Typed wrappers over the Tauri commands of the shell. Argument names are camelCase here; Tauri
// maps them to the snake_case parameters of the Rust commands (`itemId` -> `item_id`).

import { invoke, type Channel } from '@tauri-apps/api/core';
import type {
  AgsCheck,
  AppInfo,
  Checklist,
  ChecklistEntry,
  HistoryEntry,
  HistoryFilter,
  ImportPreview,
  InstalledPackage,
  IpcError,
  ItemState,
  Profile,
  ProfileInput,
  Progress,
  ReportExport,
  ReportPreview,
  ServiceDecision,
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
