import { onDestroy, tick } from 'svelte';
import { toIpcError } from './api';
import type { IpcError } from './bindings';
import { markUnsaved } from './unsaved.svelte';

/** The field of `fields` that the core's error names; null if it names none of them. */
export function fieldOf<F extends string>(error: IpcError | null, fields: readonly F[]): F | null {
  const field = error?.field;
  return field && (fields as readonly string[]).includes(field) ? (field as F) : null;
}

/**
 * A form that saves to the core: whether it is saving, the core's error, whether it holds unsaved
 * input, and a status line. An error that names one of the form's fields is shown at that field;
 * any other above the form. Made while a component starts; its unsaved input counts until it is
 * saved or the component goes.
 */
export class FormState<F extends string = string> {
  saving = $state(false);
  error = $state<IpcError | null>(null);
  /** The polite status after saving; cleared when the clerk changes something. */
  message = $state('');
  /** The clerk changed something since the form was opened or last saved. */
  dirty = $state(false);
  /** Whether the status line says that there is unsaved input (a note, not a success). */
  pending = $derived(this.message === '' && this.dirty);
  /** The status line to show: the last message, or that there is unsaved input. */
  line = $derived(this.pending ? 'Nicht gespeicherte Änderungen' : this.message);
  /** The field the error is shown at, or null. */
  field = $derived.by(() => fieldOf(this.error, this.#fields()));
  #fields: () => readonly F[];

  #tracked: boolean;

  /**
   * `fields`: the form's fields by the core's names (a function if some are not always shown).
   * `unsaved: false` for a form that starts an action rather than keeping data (its input is not
   * asked about when the clerk leaves).
   */
  constructor(fields: readonly F[] | (() => readonly F[]) = [], { unsaved = true } = {}) {
    this.#fields = typeof fields === 'function' ? fields : () => fields;
    this.#tracked = unsaved;
    onDestroy(() => markUnsaved(this, false));
  }

  #setDirty(dirty: boolean): void {
    if (!this.#tracked) return;
    this.dirty = dirty;
    markUnsaved(this, dirty);
  }

  /** The message to show at `field`, if the error is about it. */
  errorFor = (field: F): string | null => (this.field === field ? (this.error?.message ?? null) : null);

  changed = (): void => {
    this.message = '';
    this.#setDirty(true);
  };

  /** The clerk changed `field`: its error (if it was about it) and the status line go. */
  fieldChanged = (field: F): void => {
    if (this.field === field) this.error = null;
    this.changed();
  };

  /**
   * Saves once at a time. `save` returns the status line ('' for none); `after` runs once it is
   * set, e.g. to tell the parent. On an error, once it is shown, the focus moves to the element
   * with the ID `focusId()` gives (the bad field or the form's error), opening the collapsed part
   * it is in; after saving, a focus that was lost goes to the button that saved.
   */
  async submit(
    event: SubmitEvent,
    save: () => Promise<string>,
    focusId: () => string,
    after?: () => void,
  ): Promise<void> {
    event.preventDefault();
    if (this.saving) return;
    // A click does not focus a button in every engine (WebKit): the focus goes to the button
    // that saves, so that it is not lost and the keyboard goes on from there.
    const submitter = event.submitter;
    if (submitter && (document.activeElement === null || document.activeElement === document.body)) {
      submitter.focus();
    }
    this.saving = true;
    this.error = null;
    this.message = '';
    try {
      this.message = await save();
      this.#setDirty(false);
      after?.();
      // What was focused may have been drawn anew. (`after` may have put it somewhere on purpose.)
      await tick();
      const active = document.activeElement;
      if (submitter?.isConnected && (active === null || active === document.body)) submitter.focus();
    } catch (e) {
      this.error = toIpcError(e);
      await tick();
      const target = document.getElementById(focusId());
      const part = target?.closest('details');
      if (part) part.open = true;
      target?.focus();
    } finally {
      this.saving = false;
    }
  }
}
