// The views the dashboard does not show are loaded when first opened, so that the first start
// parses and keeps only what the dashboard needs (docs/performance.md, "Desktop app").

import type { WorkspaceKind } from './bindings';
import type { View } from './nav';

export const viewModules = {
  checklist: () => import('../views/Checklist.svelte'),
  packages: () => import('../views/Packages.svelte'),
  editor: () => import('../views/PackageEditor.svelte'),
  inventory: () => import('../views/Inventory.svelte'),
  report: () => import('../views/Report.svelte'),
  municipalities: () => import('../views/LandMunicipalities.svelte'),
  keys: () => import('../views/LandKeys.svelte'),
  profile: () => import('../views/Profile.svelte'),
  landProfile: () => import('../views/LandProfile.svelte'),
  history: () => import('../views/History.svelte'),
  backup: () => import('../views/Backup.svelte'),
};

export type ViewModule = keyof typeof viewModules;

/** The loaded view components, by module. */
export type LoadedViews = {
  [K in ViewModule]?: Awaited<ReturnType<(typeof viewModules)[K]>>['default'];
};

/** The module that shows `view` in the workspace `kind` (none for the dashboard, which is part of
 * the first load). */
export function moduleFor(kind: WorkspaceKind, view: View): ViewModule | null {
  if (view === 'overview') return null;
  if (view === 'profile' && kind === 'land') return 'landProfile';
  return view;
}

/** `loaded` with the module of `view` added (itself if it is there already or not needed). */
export async function withView(loaded: LoadedViews, kind: WorkspaceKind, view: View): Promise<LoadedViews> {
  const key = moduleFor(kind, view);
  if (key === null || loaded[key]) return loaded;
  const module = await viewModules[key]();
  return { ...loaded, [key]: module.default };
}
