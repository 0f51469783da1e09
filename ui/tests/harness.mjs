// Shared setup of the front-end tests: builds the real app for the UI test bridge
// (`vite build --mode bridge`), starts one bridge (`bridge/`, the real core on a fresh database)
// per test, seeds the test's scenario through real commands (tests/scenarios.mjs) and drives the
// app in headless Chromium. Only what has no meaning outside the desktop is stubbed by the bridge:
// the file dialogs answer with files the test prepared, the system viewer records what it opens.

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdir } from 'node:fs/promises';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { prepareFixtures, standard } from './scenarios.mjs';

export { CLI } from './scenarios.mjs';

export const UI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RESULTS_DIR = join(UI_DIR, 'test-results');
export const AXE_PATH = join(UI_DIR, 'node_modules', 'axe-core', 'axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The time zone of the test pages, and of this process and every program it starts (the
 * bridge, the command line tool): around midnight their "today" would differ otherwise. */
const PAGE_TIME_ZONE = 'Europe/Berlin';
process.env.TZ = PAGE_TIME_ZONE;
/** The UI test bridge (`cargo build -p anbindungscheck-bridge`); the CLI is in scenarios.mjs. */
export const BRIDGE = resolve(UI_DIR, process.env.ANBINDUNGSCHECK_BRIDGE ?? '../target/debug/anbindungscheck-bridge');

/** Builds the app for the UI test bridge into dist-test/<name>. */
export async function buildBridgeApp(name) {
  const outDir = join(UI_DIR, 'dist-test', name);
  await build({
    root: UI_DIR,
    mode: 'bridge',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

/** A running bridge: the real core on a fresh database, and the test hooks around it. */
export class Bridge {
  constructor(url, child) {
    this.url = url;
    this.child = child;
    /** Calls made while seeding, left out of `calls`. */
    this.seeded = 0;
  }

  async request(method, path, body) {
    const response = await fetch(new URL(path, this.url), {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  }

  /** Runs a command of the core; throws with the core's error. */
  async invoke(cmd, args) {
    const answer = await this.request('POST', `/invoke/${cmd}`, args);
    if ('error' in answer) {
      const e = answer.error;
      throw Object.assign(new Error(`${cmd}: ${e.code}: ${e.message}`), { ipc: e });
    }
    return answer.ok;
  }

  /** Queues what the next file dialogs answer: `{pick: [path | null], save: [path | null]}`. */
  pick(queue) {
    return this.request('POST', '/test/pick', queue);
  }

  /**
   * Files and folders "dropped on the window"; then `dropped(page)` tells the page, as the shell
   * does.
   */
  drop(paths) {
    return this.request('POST', '/test/drop', { paths });
  }

  /** The commands called since seeding: `[{cmd, args}]`. */
  async calls() {
    return (await this.request('GET', '/test/calls')).slice(this.seeded);
  }

  /** The files the system viewer was asked to open. */
  opened() {
    return this.request('GET', '/test/opened');
  }

  /** `{dir, db, out}`: the bridge's folder, its database and the default save folder. */
  info() {
    return this.request('GET', '/test/info');
  }

  /** Stops the bridge (closing its stdin ends it) and waits for it. */
  stop() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    const exited = new Promise((ok) => this.child.once('exit', ok));
    this.child.stdin.end();
    return exited;
  }
}

/**
 * Starts a bridge that serves the UI build `dist`. Its new database is a workspace of kind
 * `workspace` (`'kommune'` or `'land'`), or, with `null`, the app asks at first start.
 * `adminSettings` is the IT department's settings file (an object written as JSON, or the file's
 * text); without it the bridge sees none, whatever this machine has.
 */
export async function startBridge(dist, workspace = 'kommune', adminSettings = null) {
  const env = { ...process.env };
  delete env.ANBINDUNGSCHECK_WORKSPACE;
  if (workspace) env.ANBINDUNGSCHECK_WORKSPACE = workspace;
  // Without settings: a file that is never there. With them: a folder of its own, removed when
  // the bridge ends (a shared temporary folder full of leftovers slows the native file dialogs of
  // the end-to-end tests).
  let settingsDir = null;
  env.ANBINDUNGSCHECK_ADMIN_SETTINGS = join(tmpdir(), 'anbindungscheck-ohne-einstellungen', 'einstellungen.json');
  if (adminSettings !== null) {
    settingsDir = mkdtempSync(join(tmpdir(), 'anbindungscheck-einstellungen-'));
    env.ANBINDUNGSCHECK_ADMIN_SETTINGS = join(settingsDir, 'einstellungen.json');
    writeFileSync(env.ANBINDUNGSCHECK_ADMIN_SETTINGS, typeof adminSettings === 'string' ? adminSettings : JSON.stringify(adminSettings));
  }
  const child = spawn(BRIDGE, ['--static', dist], { stdio: ['pipe', 'pipe', 'inherit'], env });
  if (settingsDir !== null) child.once('exit', () => rmSync(settingsDir, { recursive: true, force: true }));
  const url = await new Promise((ok, fail) => {
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`the bridge ${BRIDGE} exited (${code}) before it listened`)));
    createInterface({ input: child.stdout }).once('line', ok);
  });
  child.removeAllListeners('exit');
  child.stdout.resume();
  return new Bridge(url.trim(), child);
}

/** The bridge behind each page opened with `openApp`. */
const bridges = new WeakMap();

/** The bridge a page of `openApp` talks to. */
export const bridgeOf = (page) => bridges.get(page);

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
 * Opens the app of `useApp` in a fresh page at 1366×768: starts a bridge on a fresh database,
 * runs the scenario's seed functions (tests/scenarios.mjs; default: `standard`) and stops the
 * bridge when the context closes. Collects page errors, console errors (CSP violations among
 * them; the bridge serves the app with its strict CSP), dialogs and any request that leaves the
 * bridge. Resolves to `{page, context, problems, bridge}`.
 */
export async function openApp(
  app,
  seeds = [standard],
  { bypassCSP = false, workspace = 'kommune', locale = 'de-DE', adminSettings = null } = {},
) {
  const bridge = await startBridge(app.dist, workspace, adminSettings);
  app.bridges.add(bridge);
  try {
    for (const seed of seeds) await seed(bridge, app.fixtures);
    bridge.seeded = (await bridge.request('GET', '/test/calls')).length;
  } catch (e) {
    await bridge.stop();
    throw e;
  }
  const opened = await openPage(app.browser, bridge.url, { bypassCSP, locale }, (page) => bridges.set(page, bridge));
  opened.context.on('close', () => void bridge.stop());
  return { ...opened, bridge };
}

async function openPage(browser, baseUrl, { bypassCSP, locale = 'de-DE' }, register) {
  const context = await browser.newContext({
    // axe-core is injected as an inline script, which the bridge's CSP forbids; the axe tests
    // bypass the CSP, all other tests run under it.
    bypassCSP,
    viewport: { width: 1366, height: 768 },
    locale,
    timezoneId: PAGE_TIME_ZONE,
  });
  const page = await context.newPage();
  register(page);
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
  await page.goto(baseUrl);
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
 * The usual set-up of a test file: before its tests, prepares the scenario files (once per test
 * run) and starts Chromium; after them, closes it and stops any bridge left. `npm test` builds
 * the app for the bridge once for all files and names it in `UI_TEST_DIST`; a file run alone
 * builds its own as `name`. `openApp(app, …)` starts one bridge per test.
 */
export function useApp(name) {
  const app = { dist: null, browser: null, fixtures: null, bridges: new Set() };
  before(async () => {
    const dist = process.env.UI_TEST_DIST;
    app.dist = dist ? resolve(UI_DIR, dist) : await buildBridgeApp(name);
    app.fixtures = prepareFixtures();
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await Promise.all([...app.bridges].map((b) => b.stop()));
  });
  return app;
}

/** What the shell does after a drop on the window: the event on the page's `window`. */
export const dropped = (page) => page.evaluate(() => window.dispatchEvent(new Event('anbindungscheck:dropped')));

/** The text of an element, whitespace collapsed. */
export const text = (locator) => locator.evaluate((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim());

/** The arguments of every call of the backend command `cmd` so far (since seeding). */
export async function calls(page, cmd) {
  return (await bridges.get(page).calls()).filter((x) => x.cmd === cmd).map((x) => x.args);
}

/** Waits until the page called the backend command `cmd` at least `count` times. */
export async function waitForCall(page, cmd, count = 1) {
  for (let i = 0; i < 500; i++) {
    if ((await calls(page, cmd)).length >= count) return;
    await new Promise((ok) => setTimeout(ok, 10));
  }
  throw new Error(`${cmd} was not called ${count} times`);
}

/** The readiness the core reports today (`get_status`) for the page's bridge. */
export const status = (page) => bridges.get(page).invoke('get_status');

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
