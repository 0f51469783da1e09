import { tick } from 'svelte';
import { toIpcError } from './api';
import type { IpcError } from './bindings';

/** A form that saves to the core: whether it is saving, the core's error, and a status line. */
export class FormState {
  saving = $state(false);
  error = $state<IpcError | null>(null);
  /** The polite status after saving; cleared when the clerk changes something. */
  message = $state('');

  changed = (): void => {
    this.message = '';
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
