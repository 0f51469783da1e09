// Reports the painted line the way the app's start-up probe does (ui/src/main.ts), once the
// isolation frame is ready for IPC (the app's dashboard cannot show its data before).
const loadedMs = performance.now();
let isolationMs = -1;
let painted = false;
function report() {
  if (!painted || isolationMs < 0) return;
  const [paint] = performance.getEntriesByName('first-contentful-paint');
  void window.__TAURI_INTERNALS__.invoke('probe', {
    originMs: performance.timeOrigin,
    pageMs: performance.now(),
    loadedMs,
    isolationMs,
    paintMs: paint ? paint.startTime : -1,
  });
}
window.addEventListener('message', (event) => {
  if (event.data === '__TAURI_ISOLATION_READY__' && isolationMs < 0) {
    isolationMs = performance.now();
    report();
  }
});
requestAnimationFrame(() =>
  setTimeout(() => {
    painted = true;
    report();
  }, 0),
);
