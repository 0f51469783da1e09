// Typed wrappers over the Tauri commands of the shell. Argument names are camelCase here; Tauri
// maps them to the snake_case parameters of the Rust commands (`itemId` -> `item_id`).

import { invoke } from '@tauri-apps/api/core';
import type {
  AgsCheck,
  AppInfo,
  Checklist,
  ChecklistEntry,
  HistoryEntry,
  HistoryFilter,
  IpcError,
  ItemState,
  Profile,
  ProfileInput,
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
