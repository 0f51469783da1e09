// The app's views per workspace; no router, just a state variable in App.svelte.

import type { WorkspaceKind } from './bindings';

export type View =
  | 'overview'
  | 'checklist'
  | 'packages'
  | 'inventory'
  | 'editor'
  | 'report'
  | 'profile'
  | 'history'
  | 'backup'
  | 'keys'
  | 'municipalities';

/** What the checklist shows when a link opens it: only the entries flagged „Bitte prüfen“, or only
 * the own open tasks without a responsible person. */
export type ChecklistFilter = 'bitte_pruefen' | 'ohne_verantwortliche';

export type NavEntry = { view: View; label: string; hash: string };

const MUNICIPAL_NAV: readonly NavEntry[] = [
  { view: 'overview', label: 'Übersicht', hash: 'uebersicht' },
  { view: 'checklist', label: 'Checkliste', hash: 'checkliste' },
  { view: 'packages', label: 'Informationen des Landes', hash: 'land' },
  { view: 'inventory', label: 'Fachverfahren', hash: 'fachverfahren' },
  { view: 'report', label: 'Bericht', hash: 'bericht' },
  { view: 'profile', label: 'Profil', hash: 'profil' },
  { view: 'history', label: 'Verlauf', hash: 'verlauf' },
  { view: 'backup', label: 'Datensicherung', hash: 'sicherung' },
];

const LAND_NAV: readonly NavEntry[] = [
  { view: 'overview', label: 'Übersicht', hash: 'uebersicht' },
  { view: 'municipalities', label: 'Kommunen', hash: 'kommunen' },
  { view: 'checklist', label: 'Checkliste des Landes', hash: 'checkliste' },
  { view: 'editor', label: 'Informationspaket', hash: 'paket' },
  { view: 'keys', label: 'Schlüssel', hash: 'schluessel' },
  { view: 'profile', label: 'Profil', hash: 'profil' },
  { view: 'history', label: 'Verlauf', hash: 'verlauf' },
  { view: 'backup', label: 'Datensicherung', hash: 'sicherung' },
];

/** The navigation of a workspace. */
export function navFor(kind: WorkspaceKind): readonly NavEntry[] {
  return kind === 'land' ? LAND_NAV : MUNICIPAL_NAV;
}

export function viewTitle(kind: WorkspaceKind, view: View): string {
  return navFor(kind).find((n) => n.view === view)?.label ?? '';
}
