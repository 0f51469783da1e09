import { mount } from 'svelte';
import App from './App.svelte';
import { startup_probe } from './lib/api';
import './app.css';
import './isolation.css';

declare global {
  interface Window {
    /** Set by the shell only when ANBINDUNGSCHECK_STARTUP_PROBE is set (bench/app.sh). */
    __ANBINDUNGSCHECK_STARTUP_PROBE__?: boolean;
  }
}

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing in index.html');

if (window.__ANBINDUNGSCHECK_STARTUP_PROBE__ === true) {
  // Start-up benchmark: once the dashboard shows its readiness figure and that frame is painted,
  // the shell prints the time since it started and exits. The times passed are the page's own
  // (since its navigation started): painted, document loaded, isolation frame ready for IPC.
  let isolationMs = -1;
  window.addEventListener('message', (event) => {
    if (event.data === '__TAURI_ISOLATION_READY__' && isolationMs < 0) {
      isolationMs = performance.now();
    }
  });
  const shown = (): boolean => document.querySelector('[data-testid="overall-percent"]') !== null;
  const observer = new MutationObserver(() => {
    if (!shown()) return;
    observer.disconnect();
    requestAnimationFrame(() =>
      setTimeout(() => {
        const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
        const loadedMs = nav?.domContentLoadedEventEnd ?? -1;
        void startup_probe({ pageMs: performance.now(), loadedMs, isolationMs });
      }, 0),
    );
  });
  observer.observe(target, { childList: true, subtree: true });
}

export default mount(App, { target });
