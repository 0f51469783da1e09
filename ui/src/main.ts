import { mount } from 'svelte';
import App from './App.svelte';
import { startup_probe } from './lib/api';
import './app.css';
import './isolation.css';

declare global {
  interface Window {
    /** Set by the shell only when ANBINDUNGSCHECK_STARTUP_PROBE is set (bench/app.sh). */
    __ANBINDUNGSCHECK_STARTUP_PROBE__?: { isolationMs: number };
  }
}

/** Reports the painted dashboard to the start-up probe of the benchmark (`bench/app.sh`). */
function probe(target: HTMLElement, isolation: { isolationMs: number }): void {
  // Once the dashboard shows its readiness figure and that frame is painted, the shell prints the
  // time since it started. The times passed are the page's own (since its navigation started):
  // painted, this script run, isolation frame ready for IPC (noted by the shell's injected
  // script), and the first contentful paint.
  const loadedMs = performance.now();
  const shown = (): boolean => document.querySelector('[data-testid="overall-percent"]') !== null;
  const observer = new MutationObserver(() => {
    if (!shown()) return;
    observer.disconnect();
    requestAnimationFrame(() =>
      setTimeout(() => {
        const [paint] = performance.getEntriesByName('first-contentful-paint');
        void startup_probe({
          figures: {
            origin_ms: performance.timeOrigin,
            page_ms: performance.now(),
            loaded_ms: loadedMs,
            isolation_ms: isolation.isolationMs,
            paint_ms: paint?.startTime ?? -1,
          },
        });
      }, 0),
    );
  });
  observer.observe(target, { childList: true, subtree: true });
}

function start(): void {
  const target = document.getElementById('app');
  if (!target) throw new Error('#app is missing in index.html');
  const isolation = window.__ANBINDUNGSCHECK_STARTUP_PROBE__;
  if (isolation) probe(target, isolation);
  mount(App, { target });
}

// The script is loaded `async` (index.html): the document is complete without waiting for it, so
// that Tauri's isolation frame, which is added once the document is loaded, loads while this
// script is parsed and run.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
