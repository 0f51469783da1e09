// Shared setup of the front-end tests: builds the real app with the mocked backend
// (`vite build --mode mock`), serves it on a free local port and drives it in headless Chromium.

import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { build } from 'vite';
import { chromium } from 'playwright-core';

export const UI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RESULTS_DIR = join(UI_DIR, 'test-results');
export const AXE_PATH = join(UI_DIR, 'node_modules', 'axe-core', 'axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'";

/** Builds the app with the mock backend into dist-test/<name>. */
export async function buildMockApp(name) {
  const outDir = join(UI_DIR, 'dist-test', name);
  await build({
    root: UI_DIR,
    mode: 'mock',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

/** A tiny static server on 127.0.0.1 and a free port; resolves to { url, close }. */
export async function serve(dir) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const file = normalize(join(root, path === '/' ? 'index.html' : path));
      if (file !== root && !file.startsWith(root + sep)) throw new Error('outside root');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        // As strict as a Tauri CSP can be: the app needs no inline code and nothing remote.
        'content-security-policy': CSP,
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/**
 * Opens the app in a fresh page (fresh mock state) at 1366×768. Collects page errors, console
 * errors (CSP violations among them), dialogs and any request that leaves the local server.
 */
export async function openApp(browser, baseUrl, query = '', { bypassCSP = false } = {}) {
  const context = await browser.newContext({
    // axe-core is injected as an inline script, which the server's CSP forbids; the axe tests
    // bypass the CSP, all other tests run under it.
    bypassCSP,
    viewport: { width: 1366, height: 768 },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // Chromium asks for /favicon.ico on its own; the app has none and needs none.
    if (m.type() === 'error' && !/favicon/.test(m.location().url ?? '')) problems.push(`console error: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog opened: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(baseUrl)) problems.push(`remote request: ${r.url()}`);
  });
  await page.goto(baseUrl + query);
  await page.waitForSelector('h1');
  return { page, context, problems };
}

/** Runs axe-core with the WCAG 2.1 A/AA tags; returns the violations, printed if any. */
export async function axeViolations(page, label) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    AXE_TAGS,
  );
  for (const v of result.violations) {
    console.error(`[axe] ${label}: ${v.id} (${v.impact}): ${v.help}`);
    for (const n of v.nodes) console.error(`    ${n.target.join(' ')}: ${n.failureSummary}`);
  }
  return result.violations;
}

export async function screenshot(page, name) {
  await mkdir(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`) });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}-full.png`), fullPage: true });
}

/** Presses Tab (or Shift+Tab) until the focused element matches `predicate`; keyboard only. */
export async function tabTo(page, predicate, arg, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate(predicate, arg)) return;
  }
  const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`focus never reached the target; last focused: ${active}`);
}

/**
 * Navigates with the keyboard: Tab (or Shift+Tab with `back`, from inside the page) to the nav
 * link, then Enter.
 */
export async function gotoView(page, label, { back = false } = {}) {
  await tabTo(
    page,
    (text) =>
      document.activeElement?.closest('nav') != null &&
      document.activeElement?.textContent?.trim() === text,
    label,
    { back },
  );
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (text) => document.querySelector('nav a[aria-current="page"]')?.textContent?.trim() === text,
    label,
  );
  await page.waitForFunction(() => !document.querySelector('.loading'));
}

/**
 * The usual set-up of a test file: before its tests, serves the app with the mock backend and
 * starts Chromium; after them, closes both. `npm test` builds that app once for all files and
 * names it in `UI_TEST_DIST`; a file run alone builds its own as `name`. The returned object holds
 * `server` and `browser` once the set-up has run.
 */
export function useMockApp(name) {
  const app = { server: null, browser: null };
  before(async () => {
    const dist = process.env.UI_TEST_DIST;
    app.server = await serve(dist ? resolve(UI_DIR, dist) : await buildMockApp(name));
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

/** The text of an element, whitespace collapsed. */
export const text = (locator) => locator.evaluate((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim());

/** The arguments of every call of the backend command `cmd` so far. */
export const calls = (page, cmd) =>
  page.evaluate((c) => window.__mockCalls.filter((x) => x.cmd === c).map((x) => x.args), cmd);

/**
 * The rows of the history ("Verlauf") as the clerk reads them, newest first: `[Zeitpunkt, Bereich,
 * Feld, Alt, Neu]` (an empty value as "–"). Opens the view with the keyboard from the current one.
 */
export async function historyRows(page) {
  await gotoView(page, 'Verlauf', { back: true });
  const rows = page.locator('table.history tbody tr');
  await rows.first().waitFor();
  return rows.evaluateAll((trs) =>
    trs.map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => {
        const copy = td.cloneNode(true);
        for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
        return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
      }),
    ),
  );
}
