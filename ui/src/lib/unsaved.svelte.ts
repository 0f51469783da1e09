// Forms that hold input not saved yet, and the one question before such input is thrown away
// (changing the view, switching the workspace, closing a task's form or the window).
import { SvelteSet } from 'svelte/reactivity';
import { close_window, set_unsaved_input } from './api';

const dirty = new SvelteSet<object>();
let question: (() => Promise<boolean>) | null = null;

/** Marks `form` as holding unsaved input, or not. */
export function markUnsaved(form: object, unsaved: boolean): void {
  if (unsaved) dirty.add(form);
  else dirty.delete(form);
}

/** How many forms hold unsaved input. */
export function unsavedCount(): number {
  return dirty.size;
}

/** The dialog that asks whether to discard (set once by the app's frame). */
export function setDiscardQuestion(ask: () => Promise<boolean>): void {
  question = ask;
}

/**
 * Whether unsaved input of `forms` (of every form if none is given) may be thrown away: true if
 * there is none, else what the clerk answers.
 */
export async function discardAllowed(...forms: object[]): Promise<boolean> {
  const any = forms.length > 0 ? forms.some((f) => dirty.has(f)) : dirty.size > 0;
  if (!any || question === null) return true;
  return question();
}

/** The event on `window` by which the desktop shell passes on a request to close the window. */
export const CLOSE_EVENT = 'anbindungscheck:close-requested';

/**
 * Closing the window asks about unsaved input, too. The shell is told whenever there is some or
 * no longer is; while there is, it holds the next request to close the window back and sends
 * `CLOSE_EVENT`. The page asks, then closes the window or has the next request held back again.
 * Called once while the app's frame starts.
 */
export function guardWindowClose(): void {
  let armed = false;
  $effect(() => {
    const unsaved = dirty.size > 0;
    if (unsaved === armed) return;
    armed = unsaved;
    // If the shell cannot be told, the window closes without asking, as before.
    set_unsaved_input({ unsaved }).catch(() => {});
  });
  window.addEventListener(CLOSE_EVENT, () => {
    // A failed call leaves the next close request unguarded: the window then closes.
    void discardAllowed()
      .then((discard) => (discard ? close_window() : set_unsaved_input({ unsaved: true })))
      .catch(() => {});
  });
}
