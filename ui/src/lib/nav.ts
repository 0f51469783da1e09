// The app's views; no router, just a state variable in App.svelte.

export type View =
  | 'overview'
  | 'checklist'
  | 'packages'
  | 'inventory'
  | 'report'
  | 'profile'
  | 'history'
  | 'backup';

export const NAV: readonly { view: View; label: string; hash: string }[] = [
  { view: 'overview', label: 'Übersicht', hash: 'uebersicht' },
  { view: 'checklist', label: 'Checkliste', hash: 'checkliste' },
  { view: 'packages', label: 'Informationen des Landes', hash: 'land' },
  { view: 'inventory', label: 'Fachverfahren', hash: 'fachverfahren' },
  { view: 'report', label: 'Bericht', hash: 'bericht' },
  { view: 'profile', label: 'Profil', hash: 'profil' },
  { view: 'history', label: 'Verlauf', hash: 'verlauf' },
  { view: 'backup', label: 'Datensicherung', hash: 'sicherung' },
];

export function viewTitle(view: View): string {
  return NAV.find((n) => n.view === view)?.label ?? '';
}
