// Forms that hold input not saved yet, and the one question before such input is thrown away
// (changing the view, switching the workspace, closing a task's form).
import { SvelteSet } from 'svelte/reactivity';

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
