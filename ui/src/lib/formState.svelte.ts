import { tick } from 'svelte';
import { toIpcError } from './api';
import type { IpcError } from './bindings';

/** The field of `fields` that the core's error names; null if it names none of them. */
export function fieldOf<F extends string>(error: IpcError | null, fields: readonly F[]): F | null {
  const field = error?.field;
  return field && (fields as readonly string[]).includes(field) ? (field as F) : null;
}

/**
 * A form that saves to the core: whether it is saving, the core's error, and a status line. An
 * error that names one of the form's fields is shown at that field; any other above the form.
 */
export class FormState<F extends string = string> {
  saving = $state(false);
  error = $state<IpcError | null>(null);
  /** The polite status after saving; cleared when the clerk changes something. */
  message = $state('');
  /** The field the error is shown at, or null. */
  field = $derived.by(() => fieldOf(this.error, this.#fields()));
  #fields: () => readonly F[];

  /** `fields`: the form's fields by the core's names (a function if some are not always shown). */
  constructor(fields: readonly F[] | (() => readonly F[]) = []) {
    this.#fields = typeof fields === 'function' ? fields : () => fields;
  }

  /** The message to show at `field`, if the error is about it. */
  errorFor = (field: F): string | null => (this.field === field ? (this.error?.message ?? null) : null);

  changed = (): void => {
    this.message = '';
  };

  /** The clerk changed `field`: its error (if it was about it) and the status line go. */
  fieldChanged = (field: F): void => {
    if (this.field === field) this.error = null;
    this.changed();
  };

  /**
   * Saves once at a time. `save` returns the status line ('' for none); `after` runs once it is
   * set, e.g. to tell the parent. On an error, once it is shown, the focus moves to the element
   * with the ID `focusId()` gives (the bad field or the form's error).
   */
  async submit(
    event: SubmitEvent,
    save: () => Promise<string>,
    focusId: () => string,
    after?: () => void,
  ): Promise<void> {
    event.preventDefault();
    if (this.saving) return;
    this.saving = true;
    this.error = null;
    this.message = '';
    try {
      this.message = await save();
      after?.();
    } catch (e) {
      this.error = toIpcError(e);
      await tick();
      document.getElementById(focusId())?.focus();
    } finally {
      this.saving = false;
    }
  }
}
