// The Land's view of its municipalities ("Kommunen"): the official directory and the
// municipalities' reports come in (a folder with a report of another Land and a file that is no
// report, the same report twice), the table of all municipalities sorted and filtered, the
// figures per Kreis and per service, the lists the Land acts on and the follow-up list with its
// CSV; reports dropped on the window and one municipality's history of reports; and 2,100
// municipalities shown a few hundred at a time.
//
// The reports are real: municipal databases made through the core's commands (a bridge on each
// database), written as PDF reports by the command line tool with the days they describe.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  axeViolations,
  BRIDGE,
  Bridge,
  bridgeOf,
  dropped,
  gotoView,
  openApp,
  screenshot,
  text,
  UI_DIR,
  useApp,
} from './harness.mjs';
import { addDays, cli, importPackage, PACKAGE_ID, saveService, todayIso } from './scenarios.mjs';

const app = useApp('municipalities');

const LAND_NAME = 'Niedersächsisches Ministerium für Inneres und Sport, OZG-Koordination';

/** The Land's profile (Niedersachsen). */
async function landProfile(bridge) {
  await bridge.invoke('set_land_profile', { input: { land_code: '03', name: LAND_NAME } });
}

function assertNoViolations(violations, view) {
  assert.deepEqual(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe violations in ${view}`,
  );
}

// ---- the municipalities and their reports --------------------------------------------------

/**
 * The municipalities of the scenario: three of the Land report (one of them long ago), one of
 * the Land does not, one of another Land sends its report all the same.
 */
const MUNICIPALITIES = [
  {
    name: 'Stadt Alfeld (Leine)',
    ags: '03254002',
    population: 18544,
    contact: ['Jana Voß', 'ozg@alfeld.example', '05181 703-0'],
    date: addDays(-10),
    decisions: { praequalifizierung: 'ja', bekanntmachung: 'ja', eigenerklaerung: 'nein' },
    states: {
      praequalifizierung: { phase: 'fragebogen', pilot_interest: true, training_needed: true, certificate_expires: addDays(20) },
      bekanntmachung: { phase: 'interesse' },
    },
    items: {
      'vollzug-zustaendigkeit': { status: 'erledigt' },
      'koordination-land': { status: 'erledigt' },
      'hersteller-beauftragen': {
        status: 'extern_blockiert',
        blocked_by: 'hersteller',
        blocked_text: 'Schnittstelle zu FIT-Connect erst im nächsten Release.',
      },
    },
    fachverfahren: { product: 'VergabeManager (Beispiel)', vendor: 'Muster Software GmbH' },
    // A report of before its tasks were done, for its history.
    earlier: addDays(-40),
  },
  {
    name: 'Gemeinde Algermissen',
    ags: '03254003',
    population: 7893,
    contact: ['Tim Öztürk', 'hauptamt@algermissen.example', null],
    date: addDays(-120),
    decisions: { praequalifizierung: 'nein', bekanntmachung: 'ja' },
    states: { bekanntmachung: { phase: 'interesse', training_needed: true } },
    items: { 'koordination-land': { status: 'erledigt' } },
  },
  {
    name: 'Göttingen, Stadt',
    ags: '03159016',
    population: 118911,
    contact: ['Referat Digitalisierung', 'digital@goettingen.example', '0551 400-0'],
    date: addDays(-3),
    decisions: { praequalifizierung: 'offen' },
    states: { praequalifizierung: { pilot_interest: true } },
    items: {
      'vollzug-zustaendigkeit': { status: 'erledigt' },
      'koordination-land': { status: 'erledigt' },
      'fachverfahren-bestand': { status: 'erledigt' },
      'finanzierung-kosten': { status: 'erledigt' },
    },
    fachverfahren: { product: 'eVergabe Kommunal', vendor: 'Nordsoft GmbH' },
    requirement: {
      service_id: 'praequalifizierung',
      kind: 'anforderung',
      area: 'technisch',
      priority: 'hoch',
      description: 'Anbindung an das Vergabeportal des Landes über FIT-Connect',
    },
  },
  {
    name: 'Stadt Musterstadt',
    ags: '09162000',
    population: 48200,
    contact: ['Anna Schmidt', 'anna.schmidt@musterstadt.example', null],
    date: addDays(-2),
    noPackage: true,
  },
];

/** The directory's own Land: the three that report and one that does not. */
const DIRECTORY = [
  ['03241001', 'Hannover, Landeshauptstadt', '03241', 'Region Hannover', 548186],
  ['03254002', 'Alfeld (Leine), Stadt', '03254', 'Hildesheim', 18544],
  ['03254003', 'Algermissen', '03254', 'Hildesheim', 7893],
  ['03159016', 'Göttingen, Stadt', '03159', 'Göttingen', 118911],
];

/** The CSV list: the directory's municipalities and one of Bayern. */
function directoryCsv() {
  const lines = ['AGS;Name;Einwohner', ...DIRECTORY.map(([ags, name, , , p]) => `${ags};${name};${p}`)];
  lines.push('09162000;München, Landeshauptstadt;1.510.378');
  return `${lines.join('\r\n')}\r\n`;
}

/** One GV100AD record of 220 characters (record description of the Statistisches Bundesamt). */
function gvRecord(satzart, key, verband, name, population = null) {
  const numbers =
    population === null
      ? ''
      : `${String(1234).padStart(11, '0')}${String(population).padStart(11, '0')}${String(population >> 1).padStart(11, '0')}`;
  const line = `${satzart}20250630${key.padEnd(8)}${verband.padEnd(4)}${name.padEnd(50)}${''.padEnd(50)}${'  '}    ${numbers}`;
  return line.padEnd(220);
}

/** GV100AD with the Kreise named: `entries` of `[ags, name, kreisAgs, kreis, population]`. */
function gv100ad(entries, others = []) {
  const lines = [gvRecord('10', '03', '', 'Niedersachsen')];
  const kreise = new Set();
  for (const [ags, name, kreisAgs, kreis, population] of entries) {
    if (!kreise.has(kreisAgs)) {
      kreise.add(kreisAgs);
      lines.push(gvRecord('40', kreisAgs, '', kreis));
    }
    lines.push(gvRecord('60', ags, '0000', name, population));
  }
  for (const [ags, name, population] of others) lines.push(gvRecord('60', ags, '0000', name, population));
  return `${lines.join('\r\n')}\r\n`;
}

/** 2,100 municipalities in 42 Kreise of Niedersachsen, for the table's paging. */
function manyMunicipalities() {
  const entries = [];
  for (let k = 0; k < 42; k++) {
    const kreisAgs = `03${String(101 + k)}`;
    for (let g = 0; g < 50; g++) {
      const ags = `${kreisAgs}${String(g + 1).padStart(3, '0')}`;
      entries.push([ags, `Gemeinde ${k + 1}-${g + 1}`, kreisAgs, `Landkreis Nummer ${k + 1}`, 1000 + ((k * 50 + g) * 7919) % 90000]);
    }
  }
  return entries;
}


/** A bridge on the municipal database `db` (kept), for making a municipality's state. */
async function municipalBridge(db) {
  const env = { ...process.env, ANBINDUNGSCHECK_WORKSPACE: 'kommune' };
  const child = spawn(BRIDGE, ['--db', db], { stdio: ['pipe', 'pipe', 'inherit'], env });
  const url = await new Promise((ok, fail) => {
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`the bridge exited (${code}) before it listened`)));
    createInterface({ input: child.stdout }).once('line', ok);
  });
  child.removeAllListeners('exit');
  child.stdout.resume();
  return new Bridge(url.trim(), child);
}

/** The municipality `m`'s report as a PDF in `dir`, made through the core's commands. */
async function municipalReport(fixtures, work, dir, m, earlierDir) {
  const db = join(work, `${m.ags}.sqlite`);
  let bridge = await municipalBridge(db);
  try {
    const [coordinator_name, coordinator_email, coordinator_phone] = m.contact;
    await bridge.invoke('set_profile', {
      input: { name: m.name, ags: m.ags, population: m.population, coordinator_name, coordinator_email, coordinator_phone },
    });
    if (!m.noPackage) {
      await importPackage(bridge, fixtures.packageV1, fixtures.fingerprint);
      for (const [serviceId, decision] of Object.entries(m.decisions ?? {})) {
        await saveService(bridge, serviceId, { decision });
      }
      for (const [serviceId, state] of Object.entries(m.states ?? {})) {
        await saveService(bridge, serviceId, { state });
      }
      if (m.fachverfahren) {
        await bridge.invoke('save_fachverfahren', {
          id: null,
          input: {
            ...m.fachverfahren,
            version: null,
            services: ['praequalifizierung'],
            interface: 'fit_connect',
            vendor_commissioned: false,
            commissioned_on: null,
            analysis: 'offen',
            note: null,
          },
        });
      }
      if (m.requirement) {
        await bridge.invoke('save_requirement', { id: null, input: { package_id: PACKAGE_ID, ...m.requirement } });
      }
    }
    if (m.earlier) {
      await bridge.stop();
      cli('--db', db, 'report', '-o', join(earlierDir, `Bericht-${m.ags}-frueher.pdf`), '--date', m.earlier);
      bridge = await municipalBridge(db);
    }
    for (const [itemId, state] of Object.entries(m.items ?? {})) {
      await bridge.invoke('set_item', {
        itemId,
        state: { owner: null, due: null, note: null, blocked_by: null, blocked_text: null, ...state },
      });
    }
  } finally {
    await bridge.stop();
  }
  const file = join(dir, `Bericht-${m.ags}.pdf`);
  cli('--db', db, 'report', '-o', file, '--date', m.date);
  return file;
}

/**
 * The files of this test, made once per day and per build (under ui/dist-test): a folder of
 * reports (in a subfolder, with a PDF that is no report and a text file), the directory as CSV
 * and as GV100AD, and the GV100AD of 2,100 municipalities.
 */
async function reportFixtures(fixtures) {
  const key = createHash('sha256')
    .update(readFileSync(new URL(import.meta.url)))
    .update(fixtures.dir)
    .update(String(statSync(BRIDGE).mtimeMs))
    .update(todayIso())
    .digest('hex')
    .slice(0, 16);
  const base = join(UI_DIR, 'dist-test');
  const dir = join(base, `kommunen-${key}`);
  const paths = {
    reports: join(dir, 'Berichte'),
    alfeld: join(dir, 'Berichte', 'Hildesheim', 'Bericht-03254002.pdf'),
    alfeldEarlier: join(dir, 'Frueher', 'Bericht-03254002-frueher.pdf'),
    csv: join(dir, 'Gemeinden.csv'),
    gv100ad: join(dir, 'GV100AD_30062025.txt'),
    many: join(dir, 'GV100AD_2100.txt'),
  };
  if (existsSync(join(dir, 'done'))) return paths;
  mkdirSync(base, { recursive: true });
  const tmp = mkdtempSync(join(base, '.kommunen-'));
  const reports = join(tmp, 'Berichte');
  const work = join(tmp, 'datenbanken');
  mkdirSync(join(reports, 'Hildesheim'), { recursive: true });
  mkdirSync(work);
  mkdirSync(join(tmp, 'Frueher'));
  for (const m of MUNICIPALITIES) {
    const sub = m.ags.startsWith('03254') ? join(reports, 'Hildesheim') : reports;
    await municipalReport(fixtures, work, sub, m, join(tmp, 'Frueher'));
  }
  rmSync(work, { recursive: true, force: true });
  writeFileSync(join(reports, 'Rechnung-Druckerei.pdf'), '%PDF-1.7\n% keine Berichtsdaten\n%%EOF\n');
  writeFileSync(join(reports, 'Notizen.txt'), 'Kein Bericht.\n');
  writeFileSync(join(tmp, 'Gemeinden.csv'), `\uFEFF${directoryCsv()}`);
  writeFileSync(join(tmp, 'GV100AD_30062025.txt'), gv100ad(DIRECTORY, [['09162000', 'München, Landeshauptstadt', 1510378]]));
  writeFileSync(join(tmp, 'GV100AD_2100.txt'), gv100ad(manyMunicipalities()));
  writeFileSync(join(tmp, 'done'), '');
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true });
  }
  return paths;
}

// ---- the tests -----------------------------------------------------------------------------

/** The names in the table's rows, in order. */
const tableNames = (page) =>
  page.locator('[data-testid="mu-table"] tbody th').evaluateAll((ths) =>
    ths.map((th) => th.firstChild?.textContent?.trim() ?? ''),
  );

/** The rows of the Land's overview (as the core has them) sorted by `key`, nulls last. */
function expectedOrder(rows, key, sign) {
  const collator = new Intl.Collator('de-DE', { numeric: true, sensitivity: 'base' });
  return [...rows]
    .sort((a, b) => {
      const x = a[key];
      const y = b[key];
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
      } else if (x !== y) {
        return sign * (typeof x === 'number' ? x - y : collator.compare(x, y));
      }
      return collator.compare(a.name, b.name);
    })
    .map((r) => r.name);
}

test('the directory and the reports come in, and the Land sees every municipality', async () => {
  const files = await reportFixtures(app.fixtures);
  const { page, context, problems } = await openApp(app, [landProfile], { workspace: 'land', bypassCSP: true });
  const bridge = bridgeOf(page);
  assert.deepEqual(await page.locator('nav a').allTextContents(), [
    'Übersicht',
    'Kommunen',
    'Checkliste des Landes',
    'Informationspaket',
    'Schlüssel',
    'Profil',
    'Verlauf',
    'Datensicherung',
  ]);
  await gotoView(page, 'Kommunen');
  await page.getByRole('heading', { name: 'Kommunen', level: 1 }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'view-title');
  await page.getByRole('heading', { name: 'Noch keine Kommunen' }).waitFor();
  assert.equal(await text(page.getByTestId('mu-reported')), '0 von 0 Kommunen haben berichtet');
  await screenshot(page, 'kommunen-leer');

  // The directory as a CSV list: the Land's municipalities taken, Bayern's counted.
  await bridge.pick({ pick: [files.csv] });
  await page.getByRole('button', { name: 'Gemeindeverzeichnis einlesen …' }).click();
  const directory = page.getByTestId('directory-result');
  await directory.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'directory-result-title');
  assert.match(await text(directory), /Liste \(CSV\): 4 Kommunen sind jetzt die Kommunen des Landes\./);
  assert.equal(await text(page.getByTestId('directory-other-lands')), 'Kommunen anderer Länder, nicht übernommen: Bayern (1).');
  await page.getByTestId('mu-reported').filter({ hasText: '0 von 4 Kommunen' }).waitFor();
  // Without Kreis names in the list, the Kreis is named by its key.
  assert.ok((await text(page.getByTestId('mu-table'))).includes('Kreis 03254'));

  // The same as GV100AD, with the Kreise named and the directory's date.
  await bridge.pick({ pick: [files.gv100ad] });
  await page.getByRole('button', { name: 'Gemeindeverzeichnis einlesen …' }).click();
  await directory.filter({ hasText: 'Stand 30.06.2025' }).waitFor();
  assert.match(
    await text(directory),
    /Gemeindeverzeichnis GV100AD, Stand 30\.06\.2025: 4 Kommunen in 3 Kreisen sind jetzt die Kommunen des Landes\./,
  );
  await page.getByTestId('mu-table').filter({ hasText: 'Hildesheim' }).waitFor();

  // A folder with its subfolders: three reports of the Land, one of Bayern, one PDF that is none.
  await bridge.pick({ pick: [files.reports] });
  await page.getByRole('button', { name: 'Ordner einlesen …' }).click();
  const result = page.getByTestId('inbox-result');
  await result.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'inbox-result-title');
  assert.equal(await text(page.getByTestId('inbox-added')), '3 Berichte neu aufgenommen');
  assert.equal(await text(page.getByTestId('inbox-duplicates')), '0 Berichte schon vorhanden, nicht doppelt gezählt');
  assert.match(await text(result), /5 Dateien geprüft/);
  assert.match(await text(page.getByTestId('inbox-set-aside')), /Stadt Musterstadt \(AGS 09162000\) · Bericht vom \d\d\.\d\d\.\d{4} Bericht-09162000\.pdf/);
  const refused = page.getByTestId('inbox-refused');
  assert.match(await text(refused), /Rechnung-Druckerei\.pdf Das PDF ist beschädigt/);
  assert.equal(await refused.locator('li').count(), 1, 'the text file is not looked at');
  await page.getByTestId('mu-reported').filter({ hasText: '3 von 4 Kommunen haben berichtet' }).waitFor();
  assert.equal(await text(page.getByTestId('mu-stale')), '1 Bericht ist veraltet');
  assert.equal(await text(page.getByTestId('mu-missing')), '1 ohne Bericht');
  // All ten columns fit the window's width, without scrolling sideways.
  const [scroll, client] = await page.locator('.mu-scroll').evaluate((e) => [e.scrollWidth, e.clientWidth]);
  assert.ok(scroll <= client, `the table is ${scroll} px wide in ${client} px`);
  await screenshot(page, 'kommunen-eingelesen');

  // The same report once more: nothing new.
  await bridge.pick({ pick: [files.alfeld] });
  await page.getByRole('button', { name: 'Berichte einlesen …' }).click();
  await page.getByTestId('inbox-duplicates').filter({ hasText: '1 Bericht schon vorhanden' }).waitFor();
  assert.equal(await text(page.getByTestId('inbox-added')), '0 Berichte neu aufgenommen');
  assert.equal(await page.getByTestId('inbox-refused').count(), 0);
  assert.equal((await bridge.invoke('list_received_reports')).length, 3);

  // The table: every municipality, the one without a report marked as such, the old one stale.
  const table = page.getByTestId('mu-table');
  assert.equal(await text(page.getByTestId('mu-count')), 'Alle 4 Kommunen angezeigt.');
  const row = (ags) => table.locator(`tr[data-ags="${ags}"]`);
  const cells = (ags) => row(ags).locator('th, td').allTextContents();
  assert.deepEqual((await cells('03241001')).map((c) => c.trim()), [
    'Hannover, Landeshauptstadt',
    '03241001',
    'Region Hannover',
    '548.186',
    '–',
    '–',
    '–',
    '–',
    '–',
    'kein Bericht',
  ]);
  assert.match(await text(row('03254003').locator('td').last()), /^\d\d\.\d\d\.\d{4} veraltet$/);
  assert.match(await text(row('03254002').locator('th')), /^Alfeld \(Leine\), Stadt 1 Aufgabe extern blockiert$/);
  assert.equal(await text(row('03159016').locator('td').nth(2)), '118.911');

  // Sorted by a column: the button says so with aria-sort; without a value at the end.
  const overview = await bridge.invoke('get_land_overview', { staleDays: null });
  assert.deepEqual(await tableNames(page), expectedOrder(overview.rows, 'name', 1));
  const readinessHeader = table.locator('th[data-column="readiness"]');
  await readinessHeader.getByRole('button', { name: 'Gesamt' }).click();
  assert.equal(await readinessHeader.getAttribute('aria-sort'), 'ascending');
  assert.equal(await table.locator('th[data-column="name"]').getAttribute('aria-sort'), null);
  assert.deepEqual(await tableNames(page), expectedOrder(overview.rows, 'readiness', 1));
  await readinessHeader.getByRole('button', { name: 'Gesamt' }).click();
  assert.equal(await readinessHeader.getAttribute('aria-sort'), 'descending');
  const descending = expectedOrder(overview.rows, 'readiness', -1);
  assert.deepEqual(await tableNames(page), descending);
  assert.equal(descending.at(-1), 'Hannover, Landeshauptstadt');
  assert.match(await text(table.locator('caption')), /sortiert nach Gesamt, absteigend/);

  // Filters: a Kreis, then a service's decision.
  await page.getByLabel('Kreis', { exact: true }).selectOption({ label: 'Hildesheim' });
  assert.deepEqual(await tableNames(page), ['Alfeld (Leine), Stadt', 'Algermissen']);
  assert.equal(await text(page.getByTestId('mu-count')), '2 Kommunen von 4 entsprechen den Filtern; alle angezeigt.');
  assert.equal(await page.getByLabel('Entscheidung', { exact: true }).isDisabled(), true);
  await page.getByLabel('Onlinedienst', { exact: true }).selectOption('praequalifizierung');
  await page.getByLabel('Entscheidung', { exact: true }).selectOption('ja');
  assert.deepEqual(await tableNames(page), ['Alfeld (Leine), Stadt']);
  await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
  assert.equal(await text(page.getByTestId('mu-count')), 'Alle 4 Kommunen angezeigt.');
  await page.getByLabel('Bericht', { exact: true }).selectOption('ohne_oder_veraltet');
  assert.deepEqual(await tableNames(page), ['Algermissen', 'Hannover, Landeshauptstadt']);
  await page.getByLabel('Nur extern blockierte').check();
  assert.equal(await text(page.getByTestId('mu-count')), 'Keine der 4 Kommunen entspricht den Filtern.');
  await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
  await page.getByLabel('von', { exact: true }).fill('10');
  assert.deepEqual(await tableNames(page), ['Göttingen, Stadt']);
  await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();

  // Stale after more days: the old report is not stale any more.
  await page.getByLabel('Veraltet nach … Tagen').fill('200');
  await page.getByLabel('Veraltet nach … Tagen').press('Enter');
  await page.getByTestId('mu-stale').filter({ hasText: '0 Berichte sind veraltet' }).waitFor();
  assert.equal(await row('03254003').locator('.mark-stale').count(), 0);
  await page.getByLabel('Veraltet nach … Tagen').fill('90');
  await page.getByLabel('Veraltet nach … Tagen').press('Enter');
  await page.getByTestId('mu-stale').filter({ hasText: '1 Bericht ist veraltet' }).waitFor();

  // Per Kreis.
  await page.getByRole('button', { name: /Nach Kreisen/ }).click();
  const kreise = page.getByTestId('kreis-table');
  await kreise.waitFor();
  const kreis = (k) => kreise.locator(`tr[data-kreis="${k}"]`).locator('th, td').allTextContents();
  const hildesheim = overview.kreise.find((k) => k.kreis_ags === '03254');
  const mean = `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(hildesheim.mean)} %`;
  assert.deepEqual((await kreis('03254')).map((c) => c.replace(/\s+/g, ' ').trim()), [
    'Hildesheim 03254',
    '2 von 2',
    mean,
    `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(hildesheim.median)} %`,
  ]);
  assert.deepEqual((await kreis('03241')).map((c) => c.replace(/\s+/g, ' ').trim()), ['Region Hannover 03241', '0 von 1', '–', '–']);

  // Per service: the decisions counted, the phases, who takes part, pilots and training.
  await page.getByRole('button', { name: /Nach Onlinediensten/ }).click();
  const pq = page.locator('[data-service="praequalifizierung"]');
  await pq.waitFor();
  assert.equal(await text(pq.getByTestId('decision-counts')), 'Ja: 1 Nein: 1 Offen: 1');
  assert.equal(await text(pq.getByTestId('phase-counts')), 'Phasen: Fragebogen 1');
  const bk = page.locator('[data-service="bekanntmachung"]');
  assert.equal(await text(bk.getByTestId('decision-counts')), 'Ja: 2 Nein: 0 Offen: 1');
  assert.equal(await text(bk.getByTestId('phase-counts')), 'Phasen: Interesse 2');
  await bk.getByTestId('bedarfstraeger').locator('summary').click();
  await bk.getByTestId('bedarfstraeger').locator('li').first().waitFor();
  assert.equal(await text(bk.getByTestId('bedarfstraeger').locator('summary')), 'Bedarfsträger (Ja): 2 Kommunen');
  assert.deepEqual(await bk.getByTestId('bedarfstraeger').locator('li').allTextContents(), [
    'Gemeinde Algermissen (03254003)',
    'Stadt Alfeld (Leine) (03254002)',
  ]);
  await pq.getByTestId('pilots').locator('summary').click();
  await pq.getByTestId('pilots').locator('li').first().waitFor();
  assert.deepEqual(await pq.getByTestId('pilots').locator('li').allTextContents(), [
    'Göttingen, Stadt (03159016)',
    'Stadt Alfeld (Leine) (03254002)',
  ]);
  assert.equal(await text(page.locator('[data-service="eigenerklaerung"]').getByTestId('pilots')), 'Pilotinteresse: keine');

  // The lists to act on.
  await page.getByRole('button', { name: /Fachverfahren/ }).click();
  const fv = page.getByTestId('fachverfahren-table');
  await fv.waitFor();
  assert.match(await text(fv.locator('tr', { hasText: 'eVergabe Kommunal' })), /Nordsoft GmbH 1 Kommune vom Land nicht gelistet/);
  assert.match(await text(fv.locator('tr', { hasText: 'VergabeManager' })), /Muster Software GmbH 1 Kommune gelistet/);
  await page.getByRole('button', { name: /Externe Blockaden/ }).click();
  const blockers = page.getByTestId('blocker-list');
  await blockers.locator('summary').first().click();
  await blockers.locator('li li').first().waitFor();
  assert.match(
    await text(blockers),
    /Hersteller: Schnittstelle zu FIT-Connect erst im nächsten Release\. 1 Kommune Stadt Alfeld \(Leine\) \(03254002\)/,
  );
  await page.getByRole('button', { name: /Anforderungen an das Land/ }).click();
  const requirements = page.getByTestId('requirement-table');
  assert.deepEqual(await requirements.locator('tbody tr').first().locator('td').allTextContents(), [
    'Präqualifizierung von Unternehmen',
    'Hoch',
    'Anforderung Technisch',
    'Anbindung an das Vergabeportal des Landes über FIT-Connect',
    'Göttingen, Stadt 03159016',
  ]);

  // Follow-up: without a report, stale, a certificate ending within 30 days.
  await page.getByRole('button', { name: /Nachfassen/ }).click();
  const followUp = page.getByTestId('fu-table');
  await followUp.waitFor();
  assert.equal(await text(page.getByTestId('fu-count')), '3 Kommunen nachzufassen.');
  const fu = (ags) => followUp.locator(`tr[data-ags="${ags}"]`);
  const fuCells = async (ags) =>
    (await fu(ags).locator('th, td').allTextContents()).map((c) => c.replace(/\s+/g, ' ').trim()).join(' | ');
  assert.equal(await fuCells('03241001'), 'Hannover, Landeshauptstadt 03241001 | Noch kein Bericht eingegangen. | – | keine Angabe');
  assert.match(
    await fuCells('03254003'),
    /^Algermissen 03254003 \| Letzter Bericht vom (\d\d\.\d\d\.\d{4}) \(120 Tage alt\)\. \| \1 \| Tim Öztürk hauptamt@algermissen\.example$/,
  );
  assert.match(
    await fuCells('03254002'),
    /\| Zertifikat für „Präqualifizierung von Unternehmen“ läuft am \d\d\.\d\d\.\d{4} ab\. \| .* \| Jana Voß ozg@alfeld\.example Tel\. 05181 703-0$/,
  );
  assert.equal(await fu('03254002').getByRole('link', { name: 'ozg@alfeld.example' }).getAttribute('href'), 'mailto:ozg@alfeld.example');
  assert.equal(
    await page.getByTestId('fu-mail-all').getAttribute('href'),
    'mailto:?bcc=hauptamt@algermissen.example,ozg@alfeld.example&subject=Anbindung%20der%20EfA-Onlinedienste',
  );
  // Fewer days: the certificate is no reason yet.
  await page.getByLabel('Zeitraum in Tagen').fill('10');
  await page.getByLabel('Zeitraum in Tagen').press('Enter');
  await page.getByTestId('fu-count').filter({ hasText: '2 Kommunen' }).waitFor();
  await page.getByLabel('Zeitraum in Tagen').fill('30');
  await page.getByLabel('Zeitraum in Tagen').press('Enter');
  await page.getByTestId('fu-count').filter({ hasText: '3 Kommunen' }).waitFor();
  await page.getByRole('button', { name: 'Als CSV speichern …' }).click();
  const saved = page.getByTestId('fu-saved');
  await saved.filter({ hasText: 'gespeichert:' }).waitFor();
  const folder = (await bridge.info()).out;
  const csvPath = join(folder, `Nachfassliste-${todayIso()}.csv`);
  assert.equal(await text(saved), `Nachfassliste gespeichert: „Nachfassliste-${todayIso()}.csv“ im Ordner ${folder}.`);
  const csv = readFileSync(csvPath, 'utf8');
  assert.ok(csv.startsWith('\uFEFFAGS;Kommune;Gründe;Letzter Bericht;Ansprechperson;E-Mail;Telefon\r\n'), csv);
  assert.match(csv, /03241001;Hannover, Landeshauptstadt;Noch kein Bericht eingegangen\.;/);
  assert.equal(csv.trim().split('\r\n').length, 4);
  const exported = (await bridge.calls()).filter((c) => c.cmd === 'export_follow_up').map((c) => c.args);
  assert.deepEqual(exported, [{ days: 30 }]);

  // The events of the package and who came (3.2).
  await page.getByRole('button', { name: /Veranstaltungen/ }).click();
  const events = page.getByTestId('event-list');
  await events.waitFor();
  const overviewNow = await bridge.invoke('get_land_overview', { staleDays: null });
  assert.ok(overviewNow.events.length > 0, 'the example package has events');
  assert.equal(await events.locator(':scope > li').count(), overviewNow.events.length);
  assert.match(await text(events.locator(':scope > li').first()), /, \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr Teilgenommen: /);

  // Handed on: the workbook and the status report, saved where the coordinator chooses.
  const out = (await bridge.info()).out;
  const exportedFile = async (button, what) => {
    await page.getByRole('button', { name: button }).click();
    const status = page.getByTestId('mu-exported').filter({ hasText: what });
    await status.waitFor();
    const name = /„(.+)“/.exec(await text(status))?.[1];
    assert.ok(name, await text(status));
    return readFileSync(join(out, name));
  };
  const xlsx = await exportedFile('Als Excel-Arbeitsmappe speichern …', 'Excel-Arbeitsmappe');
  assert.equal(xlsx.subarray(0, 2).toString(), 'PK', 'a workbook is a ZIP file');
  const pdf = await exportedFile('Lagebericht als PDF speichern …', 'Lagebericht');
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.ok(pdf.includes('Lagebericht'), 'the status report names itself');
  await events.scrollIntoViewIfNeeded();
  await screenshot(page, 'kommunen-veranstaltungen-weitergeben');

  // Everything open, checked with axe-core.
  await page.getByRole('button', { name: /Nach Onlinediensten/ }).scrollIntoViewIfNeeded();
  assertNoViolations(await axeViolations(page, 'Kommunen'), 'Kommunen');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'kommunen-alles');
  await page.getByRole('button', { name: /Nach Kreisen/ }).scrollIntoViewIfNeeded();
  await screenshot(page, 'kommunen-kreise');
  await page.getByRole('button', { name: /Nach Onlinediensten/ }).scrollIntoViewIfNeeded();
  await screenshot(page, 'kommunen-dienste');
  await page.getByRole('button', { name: /Nachfassen/ }).scrollIntoViewIfNeeded();
  await screenshot(page, 'kommunen-nachfassen');
  assert.deepEqual(problems, []);
  await context.close();
});

test('reports dropped on the window are read, and a municipality’s history opens from the table', async () => {
  const files = await reportFixtures(app.fixtures);
  const directory = async (bridge) => {
    await bridge.pick({ pick: [files.gv100ad] });
    await bridge.invoke('import_directory');
  };
  const { page, problems } = await openApp(app, [landProfile, directory], { workspace: 'land', bypassCSP: true });
  const bridge = bridgeOf(page);

  // Dropped on the Übersicht: the Kommunen view opens and its inbox reads the folder.
  assert.equal(await text(page.locator('nav a[aria-current="page"]')), 'Übersicht');
  await bridge.drop([files.reports]);
  await dropped(page);
  await page.getByTestId('inbox-result').waitFor();
  assert.equal(await text(page.locator('nav a[aria-current="page"]')), 'Kommunen');
  assert.equal(await text(page.getByTestId('inbox-added')), '3 Berichte neu aufgenommen');
  assert.match(await text(page.getByTestId('inbox-drop-hint')), /Berichte hierher ziehen/);
  // Dropped while the view is shown: Alfeld's earlier report, read the same way.
  await bridge.drop([files.alfeldEarlier]);
  await dropped(page);
  await page.getByTestId('inbox-added').filter({ hasText: '1 Bericht neu aufgenommen' }).waitFor();
  const reads = (await bridge.calls()).filter((c) => c.cmd === 'add_dropped_reports');
  assert.equal(reads.length, 2);
  assert.equal((await bridge.invoke('list_received_reports')).length, 4);

  // Alfeld's history: both reports, the older first, as a chart and as a table.
  const opener = page.locator('#mu-name-03254002');
  await opener.click();
  const dialog = page.getByTestId('history-dialog');
  await dialog.getByTestId('history-table').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'mh-title');
  assert.equal(await text(dialog.locator('h2')), 'Alfeld (Leine), Stadt (AGS 03254002)');
  const history = await bridge.invoke('get_municipality_history', { ags: '03254002' });
  assert.deepEqual(
    history.points.map((p) => p.report_date),
    [addDays(-40), addDays(-10)],
  );
  const rows = dialog.locator('[data-testid="history-table"] tbody tr');
  assert.equal(await rows.count(), 2);
  const german = (iso) => iso.split('-').reverse().join('.');
  assert.equal(await text(rows.first().locator('th')), german(addDays(-40)));
  assert.equal(await text(rows.nth(1).locator('td').first()), `${history.points[1].readiness} %`);
  const chart = dialog.getByTestId('history-chart');
  assert.equal(await chart.locator('circle').count(), 2);
  assert.match(await text(chart), new RegExp(`${german(addDays(-40))}.*${german(addDays(-10))}`));
  assert.match(await text(chart), /0 %.*100 %/);
  await screenshot(page, 'kommunen-verlauf');
  assertNoViolations(await axeViolations(page, 'Verlauf einer Kommune'), 'the history dialog');

  // Escape closes it; the focus is back on the name.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'mu-name-03254002');
  // So does "Schließen"; a municipality without a report has an empty history.
  await page.locator('#mu-name-03241001').click();
  await dialog.getByTestId('history-empty').waitFor();
  await dialog.getByTestId('history-close').click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'mu-name-03241001');
  assert.deepEqual(problems, []);
});

test('without the Land’s profile, reports and the directory are refused and the profile is one step away', async () => {
  const files = await reportFixtures(app.fixtures);
  const { page, context, problems } = await openApp(app, [], { workspace: 'land', bypassCSP: true });
  await gotoView(page, 'Kommunen');
  await bridgeOf(page).pick({ pick: [files.reports] });
  await page.getByRole('button', { name: 'Ordner einlesen …' }).click();
  const error = page.getByTestId('inbox-error');
  await error.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'inbox-error');
  assert.match(await text(error), /^Die Berichte wurden nicht eingelesen: Bitte legen Sie zuerst das Profil des Landes an/);
  await bridgeOf(page).pick({ pick: [files.csv] });
  await page.getByRole('button', { name: 'Gemeindeverzeichnis einlesen …' }).click();
  await error.filter({ hasText: 'Das Verzeichnis wurde nicht eingelesen' }).waitFor();
  assertNoViolations(await axeViolations(page, 'Kommunen ohne Profil'), 'Kommunen ohne Profil');
  await screenshot(page, 'kommunen-ohne-profil');
  await error.getByRole('button', { name: 'Zum Profil des Landes' }).click();
  await page.getByRole('heading', { name: 'Profil des Landes', level: 1 }).waitFor();
  assert.equal((await bridgeOf(page).invoke('list_received_reports')).length, 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('2,100 municipalities are shown 200 at a time, sorted and filtered quickly', async () => {
  const files = await reportFixtures(app.fixtures);
  const directory = async (bridge) => {
    await bridge.pick({ pick: [files.many] });
    await bridge.invoke('import_directory');
  };
  const { page, context, problems } = await openApp(app, [landProfile, directory], { workspace: 'land', bypassCSP: true });
  await gotoView(page, 'Kommunen');
  const count = page.getByTestId('mu-count');
  await count.waitFor();
  assert.equal(await text(page.getByTestId('mu-reported')), '0 von 2.100 Kommunen haben berichtet');
  assert.equal(await text(count), '200 von 2.100 Kommunen angezeigt.');
  const rows = page.locator('[data-testid="mu-table"] tbody tr');
  assert.equal(await rows.count(), 200);

  // More rows: the first new one takes the focus.
  await page.getByRole('button', { name: 'Weitere 200 anzeigen' }).click();
  await count.filter({ hasText: '400 von 2.100' }).waitFor();
  assert.equal(await rows.count(), 400);
  const focused = await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-ags'));
  assert.equal(focused, await rows.nth(200).getAttribute('data-ags'));

  // Sorting all of them starts again with the first 200, and is quick.
  const started = Date.now();
  await page.getByRole('button', { name: /^Ein.?wohner$/ }).click();
  await count.filter({ hasText: '200 von 2.100' }).waitFor();
  const took = Date.now() - started;
  assert.ok(took < 1500, `sorting took ${took} ms`);
  const populations = await rows.evaluateAll((trs) =>
    trs.map((tr) => Number(tr.querySelectorAll('td')[2].textContent.replace(/\./g, ''))),
  );
  assert.deepEqual(populations, [...populations].sort((a, b) => a - b));
  assert.equal(
    await page.locator('th[data-column="population"]').getAttribute('aria-sort'),
    'ascending',
  );

  // A Kreis of 50, all shown; a search by AGS.
  await page.getByLabel('Kreis', { exact: true }).selectOption({ label: 'Landkreis Nummer 7' });
  assert.equal(await text(count), '50 Kommunen von 2.100 entsprechen den Filtern; alle angezeigt.');
  assert.equal(await page.getByRole('button', { name: /^Weitere/ }).count(), 0);
  await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
  await page.getByLabel('Name oder AGS').fill('03142');
  await count.filter({ hasText: '50 Kommunen von 2.100' }).waitFor();
  await page.evaluate(() => document.getElementById('mu-liste-toggle')?.scrollIntoView());
  await screenshot(page, 'kommunen-2100-gefiltert');
  assert.equal(await page.getByLabel('Kreis', { exact: true }).locator('option').count(), 43);

  // The follow-up list names all 2,100 and shows 200 of them.
  await page.getByRole('button', { name: /Nachfassen/ }).click();
  await page.getByTestId('fu-count').filter({ hasText: '2.100 Kommunen nachzufassen, 200 angezeigt.' }).waitFor();
  assert.equal(await page.locator('[data-testid="fu-table"] tbody tr').count(), 200);
  assert.equal(await page.getByTestId('fu-mail-all').count(), 0, 'no addresses, no e-mail to all');
  await screenshot(page, 'kommunen-2100');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Land’s checklist shows what the municipalities’ reports say about a point', async () => {
  const files = await reportFixtures(app.fixtures);
  const reports = async (bridge) => {
    await bridge.pick({ pick: [files.reports] });
    await bridge.invoke('add_reports', { folder: true });
  };
  const { page, context, problems } = await openApp(app, [landProfile, reports], { workspace: 'land', bypassCSP: true });
  await gotoView(page, 'Checkliste des Landes');
  const services = page.locator('[data-item="land-vollzugsebene"] [data-testid=report-facts]');
  await services.waitFor();
  assert.match(await text(services), /^In den Berichten der Kommunen Berichte von 3 der 3 Kommunen/);
  assert.match(await text(services), /Bedarfsträger, \d+ nicht, \d+ noch offen/);
  // Points the reports say nothing about show nothing.
  assert.equal(await page.locator('[data-item="land-austausch"] [data-testid=report-facts]').count(), 0);
  assertNoViolations(await axeViolations(page, 'Checkliste des Landes mit Berichtsangaben'), 'Checkliste');
  await services.scrollIntoViewIfNeeded();
  await screenshot(page, 'land-checkliste-berichtsangaben');
  await services.getByRole('button', { name: 'Zu den Kommunen' }).click();
  await page.getByRole('heading', { name: 'Kommunen', level: 1 }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
