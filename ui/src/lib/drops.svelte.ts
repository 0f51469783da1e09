// Report files and folders dropped on the window. The desktop shell keeps their paths and only
// tells the page that something was dropped (the `anbindungscheck:dropped` event on `window`);
// the inbox then reads them with `add_dropped_reports`, so the page never names a path. A drop
// in the Land's workspace opens the Kommunen view, whose inbox reads it; elsewhere it is ignored.

/** The event the shell fires on `window` after a drop. */
export const DROPPED_EVENT = 'anbindungscheck:dropped';

/** Drops not read yet (a count, so that a second drop during reading is not lost). */
export const drops = $state({ pending: 0 });

let listening = false;

/** Starts listening for drops (once). */
export function listenForDrops(): void {
  if (listening) return;
  listening = true;
  window.addEventListener(DROPPED_EVENT, () => {
    drops.pending += 1;
  });
}
