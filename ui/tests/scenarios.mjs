// Scenarios of the UI tests: seed functions that create real state in a fresh bridge (the real
// core) through its commands, and the files they need (real signed information packages of the
// Land, evidence files, bad files for the error cases), prepared once per test run.
//
// A seed is `async (bridge, fixtures) => void`; `openApp(app, [seed, …])` runs them in order
// before the page loads. Dates are relative to today, as the clerk would see them.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, inflateRawSync } from 'node:zlib';

const UI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO = resolve(UI_DIR, '..');
/** The command line tool that builds the packages (`cargo build -p anbindungscheck`). */
export const CLI = resolve(UI_DIR, process.env.ANBINDUNGSCHECK_CLI ?? '../target/debug/anbindungscheck');
const EXAMPLE = join(REPO, 'examples', 'paket-vergabe');

export const MARKUP = '<img src=x onerror=alert(1)>';
export const PACKAGE_ID = 'ni-vergabe-kommunen';

// ---- dates ---------------------------------------------------------------------------------

/** Today in the browser's time zone (Europe/Berlin, see harness.mjs) as `YYYY-MM-DD`. */
export function todayIso() {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** Today plus `days` as `YYYY-MM-DD`. */
export function addDays(days) {
  const d = new Date(`${todayIso()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ---- packages ------------------------------------------------------------------------------

/**
 * Version 1 of the Land's package: the example package (examples/paket-vergabe) with markup in
 * a contact, a service and an event (shown as text, never as HTML) and a third addition.
 */
export function manifestV1() {
  const m = JSON.parse(readFileSync(join(EXAMPLE, 'manifest.json'), 'utf8'));
  m.contacts[1].name = `Malte Brüggemann ${MARKUP}`;
  m.services[0].description = `${m.services[0].description} Testeintrag: ${MARKUP}`;
  m.events[1].title = `Workshop technische Anbindung (FIT-Connect) ${MARKUP}`;
  m.checklist.additions.unshift({
    id: 'ni-ansprechperson-melden',
    point: '1.2',
    dimension: 'organisatorisch',
    actor: 'kommune',
    title: 'Ansprechperson für die Vergabedienste an das Land melden',
    explanation: 'Nennen Sie der kommunalen OZG-Koordination des Landes eine Ansprechperson Ihrer Vergabestelle.',
    deadline: '2027-01-15',
  });
  const guidance = m.checklist.guidance[1];
  guidance.text = guidance.text.replace('bereit. Bitte', 'bereit.\nBitte');
  return m;
}

/** Version 2: an update of version 1 (changed, added and one removed entry of every kind). */
export function manifestV2() {
  const m = manifestV1();
  m.version = 2;
  m.issued = '2027-02-15';
  const additions = m.checklist.additions.filter((a) => a.id !== 'ni-ansprechperson-melden');
  for (const a of additions) {
    if (a.id === 'ni-vereinbarung-unterzeichnen') a.deadline = '2027-04-30';
    if (a.id === 'ni-fragebogen') {
      a.explanation =
        'Der Fragebogen fragt Fachverfahren, Übertragungsweg, Zustellpunkt-ID und Ansprechpersonen ab. Er ist Voraussetzung für die Freischaltung; das Land schickt ihn Ihnen ab Februar zu.';
    }
  }
  additions.push({
    id: 'ni-zustaendigkeitsfinder',
    point: '2.T2',
    dimension: 'technisch',
    actor: 'kommune',
    title: 'Einträge im Zuständigkeitsfinder prüfen',
    explanation:
      'Prüfen Sie, ob Ihre Vergabestelle im Zuständigkeitsfinder mit den Leistungen der Vergabedienste eingetragen ist.',
    deadline: '2027-05-31',
  });
  m.checklist.additions = additions;
  const costs = m.checklist.guidance.find((g) => g.item === 'finanzierung-kosten');
  costs.text =
    'Die Kostenstaffel des Landes steht im Paket unter „Kosten“. Maßgeblich ist die Einwohnerzahl zum 31.12. des Vorjahres.\nNeu: Die jährlichen Kosten werden erst ab dem zweiten Betriebsjahr fällig.';
  m.services.find((s) => s.id === 'bekanntmachung').reuse_model_status = 'abgeschlossen';
  m.costs[0].brackets = [
    { max_population: 10000, one_off_cents: 150000, annual_cents: 50000 },
    { max_population: 50000, one_off_cents: 300000, annual_cents: 100000 },
    { max_population: 200000, one_off_cents: 600000, annual_cents: 200000 },
    { one_off_cents: 1200000, annual_cents: 400000 },
  ];
  m.contacts.find((c) => c.id === 'technik').phone = '+49 511 000-1300';
  m.events.find((e) => e.id === 'workshop-technik-2027-02').registration_deadline = '2027-02-03';
  m.events.push({
    id: 'sprechstunde-2027-03',
    title: 'Offene Sprechstunde zur Anbindung',
    description: 'Fragen zu Fragebogen, Zustellpunkt und Freischaltung, ohne Anmeldung.',
    start: '2027-03-03T14:00',
    end: '2027-03-03T15:30',
    online_url: 'https://videokonferenz.landesstelle.example/sprechstunde',
  });
  m.documents.find((d) => d.path === 'documents/kostenstaffel.csv').title = 'Kostenstaffel 2027 (aktualisiert)';
  return m;
}

export function cli(...args) {
  return execFileSync(CLI, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The example package's manifest, parsed, and the folder of its documents. */
export function exampleManifest() {
  return JSON.parse(readFileSync(join(EXAMPLE, 'manifest.json'), 'utf8'));
}
export const EXAMPLE_DOCUMENTS = join(EXAMPLE, 'documents');

/** Builds and signs a package from `manifest` with the example's documents (and `changes`). */
function buildPackage(dir, name, manifest, key, changes = {}, extra = []) {
  const src = join(dir, `${name}-src`);
  cpSync(join(EXAMPLE, 'documents'), join(src, 'documents'), { recursive: true });
  for (const [path, content] of Object.entries(changes)) writeFileSync(join(src, path), content);
  writeFileSync(join(src, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const out = join(dir, `${name}.zip`);
  cli('package', 'build', src, '--key', key, '--passphrase-file', `${key}.passphrase`, ...extra, '-o', out);
  return out;
}

// A zip reader and writer just big enough to alter one entry of a built package.

function readZip(file) {
  const buf = readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const packed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + packed);
    entries.push({ name, data: method === 0 ? Buffer.from(raw) : inflateRawSync(raw).subarray(0, size) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function writeZip(file, entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const n = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(head, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(file, Buffer.concat([...locals, dir, end]));
}

/** A copy of the package `from` with one byte of the entry `name` flipped. */
function flipByte(from, to, name, at) {
  const entries = readZip(from);
  const entry = entries.find((e) => e.name === name);
  if (!entry) throw new Error(`${name} not in ${from}`);
  entry.data[at(entry.data)] ^= 0x01;
  writeZip(to, entries);
  return to;
}

// ---- evidence files ------------------------------------------------------------------------

/** A PDF of exactly `size` bytes. */
function pdf(size) {
  const head = Buffer.from('%PDF-1.7\n% Nachweis für die UI-Tests\n');
  return Buffer.concat([head, Buffer.alloc(size - head.length, 0x20)]);
}

/** An ODF text document (its `mimetype` entry first, as the core checks) of `size` bytes. */
function odt(size) {
  const head = Buffer.alloc(30);
  head.writeUInt32LE(0x04034b50, 0);
  head.writeUInt16LE(8, 26);
  const start = Buffer.concat([head, Buffer.from('mimetypeapplication/vnd.oasis.opendocument.text')]);
  return Buffer.concat([start, Buffer.alloc(size - start.length)]);
}

// ---- fixtures ------------------------------------------------------------------------------

/**
 * Prepares the files of every scenario once per test run (per day and per CLI build) under
 * ui/dist-test/fixtures-<key>, and returns their paths.
 */
export function prepareFixtures() {
  const inputs = createHash('sha256')
    .update(readFileSync(new URL(import.meta.url)))
    .update(readFileSync(join(EXAMPLE, 'manifest.json')))
    .update(String(statSync(CLI).mtimeMs))
    .update(todayIso())
    .digest('hex')
    .slice(0, 16);
  const base = join(UI_DIR, 'dist-test');
  const dir = join(base, `fixtures-${inputs}`);
  if (!existsSync(join(dir, 'done'))) {
    mkdirSync(base, { recursive: true });
    const tmp = mkdtempSync(join(base, '.fixtures-'));
    makeFixtures(tmp);
    writeFileSync(join(tmp, 'done'), '');
    try {
      renameSync(tmp, dir);
    } catch {
      // Another test file made them meanwhile.
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  return fixturePaths(dir);
}

function fixturePaths(dir) {
  const evidence = join(dir, 'nachweise');
  return {
    dir,
    key: join(dir, 'land.key'),
    fingerprint: readFileSync(join(dir, 'fingerprint.txt'), 'utf8').trim(),
    packageV1: join(dir, 'paket-v1.zip'),
    packageV2: join(dir, 'paket-v2.zip'),
    packageDates: join(dir, 'paket-v1-termine.zip'),
    packageNewKey: join(dir, 'paket-v2-neuer-schluessel.zip'),
    revocation: join(dir, 'land.key.rev'),
    packageBadSignature: join(dir, 'paket-signatur.zip'),
    packageBadDocument: join(dir, 'paket-dokument.zip'),
    notABackup: join(dir, 'adressen.sqlite'),
    evidence: {
      ratsbeschluss: join(evidence, 'Ratsbeschluss-2026-09.pdf'),
      gvp: join(evidence, 'GVP-Hauptamt.odt'),
      kosten: join(evidence, 'Kosten-EfA-Vergabe.pdf'),
      picked: join(evidence, 'Ratsbeschluss-2026-11.pdf'),
      tooBig: join(evidence, 'Luftbild-Rathaus.pdf'),
      wrongType: join(evidence, 'Installationsprogramm.exe'),
    },
  };
}

function makeFixtures(dir) {
  const key = join(dir, 'land.key');
  // The key's passphrase next to it (the scenarios' own key; a Land keeps its elsewhere).
  writeFileSync(`${key}.passphrase`, 'Passphrase der Szenarien des Landes\n');
  const out = cli('package', 'keygen', '--out', key, '--land', '03', '--passphrase-file', `${key}.passphrase`);
  const fingerprint = out.match(/[0-9A-F]{4}(?: [0-9A-F]{4}){7,}/)?.[0];
  if (!fingerprint) throw new Error(`no fingerprint in: ${out}`);
  writeFileSync(join(dir, 'fingerprint.txt'), fingerprint);
  const v1 = buildPackage(dir, 'paket-v1', manifestV1(), key);
  const staffel = readFileSync(join(EXAMPLE, 'documents', 'kostenstaffel.csv'), 'utf8');
  buildPackage(dir, 'paket-v2', manifestV2(), key, {
    'documents/kostenstaffel.csv': `${staffel.trimEnd()}\n# Stand: Februar 2027\n`,
  });
  const dates = manifestV1();
  dates.events.find((e) => e.id === 'info-2027-01').registration_deadline = addDays(9);
  buildPackage(dir, 'paket-v1-termine', dates, key);
  // Version 2 signed by a new key of the Land, which the first key endorses.
  const newKey = join(dir, 'land-neu.key');
  writeFileSync(`${newKey}.passphrase`, 'Neue Passphrase der Szenarien des Landes\n');
  cli('package', 'keygen', '--out', newKey, '--land', '03', '--passphrase-file', `${newKey}.passphrase`);
  const endorsement = join(dir, 'bestaetigung.txt');
  cli(
    'package', 'endorse', '--old', key, '--passphrase-file', `${key}.passphrase`,
    '--new', newKey, '--new-passphrase-file', `${newKey}.passphrase`, '-o', endorsement,
  );
  buildPackage(dir, 'paket-v2-neuer-schluessel', manifestV2(), newKey, {}, ['--endorsement', endorsement]);
  // One byte of the signed manifest, or of a document, changed after signing.
  flipByte(v1, join(dir, 'paket-signatur.zip'), 'manifest.json', (d) => d.indexOf('Beispielpaket'));
  flipByte(v1, join(dir, 'paket-dokument.zip'), 'documents/kostenstaffel.csv', (d) => d.length >> 1);
  // Not a backup of this app: a text file named like one.
  writeFileSync(join(dir, 'adressen.sqlite'), 'Name;Straße;Ort\nMuster;Hauptstraße 1;Musterstadt\n');

  const evidence = join(dir, 'nachweise');
  mkdirSync(evidence);
  writeFileSync(join(evidence, 'Ratsbeschluss-2026-09.pdf'), pdf(1_258_291));
  writeFileSync(join(evidence, 'GVP-Hauptamt.odt'), odt(48_640));
  writeFileSync(join(evidence, 'Kosten-EfA-Vergabe.pdf'), pdf(318_976));
  writeFileSync(join(evidence, 'Ratsbeschluss-2026-11.pdf'), pdf(1_258_291));
  // 31 MB without writing them: a sparse file.
  const big = openSync(join(evidence, 'Luftbild-Rathaus.pdf'), 'w');
  writeFileSync(big, pdf(1024));
  ftruncateSync(big, 31 * 1024 * 1024);
  closeSync(big);
  writeFileSync(join(evidence, 'Installationsprogramm.exe'), Buffer.from('MZ\x90\x00 kein Nachweis'));
}

// ---- seeds ---------------------------------------------------------------------------------

/** A profile, items in every state (due dates relative to today), people and evidence. */
export async function standard(bridge, fixtures) {
  await bridge.invoke('set_profile', {
    input: {
      name: 'Stadt Musterstadt',
      ags: '03241001',
      population: 48200,
      coordinator_name: 'Anna Schmidt',
      coordinator_email: 'anna.schmidt@musterstadt.example',
      coordinator_phone: '089 1234-567',
    },
  });
  const item = (itemId, state) =>
    bridge.invoke('set_item', {
      itemId,
      state: { owner: null, due: null, note: null, blocked_by: null, blocked_text: null, ...state },
    });
  await item('vollzug-zustaendigkeit', { status: 'erledigt', owner: 'Hauptamt, Frau Yılmaz' });
  await item('koordination-land', { status: 'erledigt' });
  await item('fachverfahren-bestand', { status: 'erledigt', owner: 'IT-Stelle' });
  await item('finanzierung-kosten', {
    status: 'in_arbeit',
    owner: 'Kämmerei, Herr Becker',
    due: addDays(-5),
    note: 'Angaben des Landes liegen vor; Rückfrage zu den laufenden Kosten offen.',
  });
  await item('datenschutz-avv', { status: 'offen', owner: 'Datenschutzbeauftragte', due: addDays(7) });
  await item('hersteller-beauftragen', {
    status: 'extern_blockiert',
    blocked_by: 'hersteller',
    blocked_text: 'Schnittstelle zu FIT-Connect erst im nächsten Release.',
    owner: 'IT-Stelle',
  });
  await item('veranstaltung-teilnehmen', { status: 'nicht_zutreffend' });
  const person = (input) =>
    bridge.invoke('save_person', { id: null, input: { email: null, phone: null, ...input } });
  await person({
    role: 'ozg_koordination',
    name: 'Jonas Weber',
    email: 'jonas.weber@musterstadt.example',
    phone: '089 1234-568',
  });
  await person({ role: 'projektleitung', name: 'Kämmerei, Herr Becker', phone: '089 1234-210' });
  await person({ role: 'technik', name: 'IT-Stelle, Herr Okafor', email: 'it@musterstadt.example' });
  await person({ role: 'datenschutz', name: 'Dr. Petra Vogel', email: 'datenschutz@musterstadt.example' });
  await person({ role: 'postfach', name: 'OZG-Postfach', email: 'ozg@musterstadt.example' });
  const evidence = async (itemId, title, file) => {
    await bridge.pick({ pick: [file] });
    await bridge.invoke('add_evidence', { itemId, title });
  };
  await evidence('vollzug-zustaendigkeit', 'Ratsbeschluss zur Zuständigkeit', fixtures.evidence.ratsbeschluss);
  await evidence('vollzug-zustaendigkeit', 'Geschäftsverteilungsplan', fixtures.evidence.gvp);
  await evidence('finanzierung-kosten', 'Kostenaufstellung des Landes', fixtures.evidence.kosten);
}

/** Nothing: no profile, no progress. */
export async function leer() {}

/** Imports the package `file` as the clerk would, confirming the Land's first key. */
export async function importPackage(bridge, file, fingerprint) {
  await bridge.pick({ pick: [file] });
  const preview = await bridge.invoke('choose_package');
  const first = preview.key === 'first_of_land';
  await bridge.invoke('import_package', { trust: first ? fingerprint : null });
}

/**
 * Version 1 of the Land's package installed; with `version` 2, version 2 installed as an update
 * of version 1 after two of its items were worked on (entries flagged "Bitte prüfen").
 */
export const paket = (version) =>
  async function paketSeed(bridge, fixtures) {
    await importPackage(bridge, fixtures.packageV1, fixtures.fingerprint);
    if (version === 2) {
      const item = (itemId, state) =>
        bridge.invoke('set_item', {
          itemId,
          state: { due: null, note: null, blocked_by: null, blocked_text: null, ...state },
        });
      await item('ni-fragebogen', { status: 'in_arbeit', owner: 'IT-Stelle' });
      await item('ni-ansprechperson-melden', { status: 'erledigt', owner: 'Vergabestelle' });
      await importPackage(bridge, fixtures.packageV2, fixtures.fingerprint);
    }
  };

/** One Fachverfahren in the inventory, matched with the Land's list (needs a package). */
export async function inventar(bridge) {
  await bridge.invoke('save_fachverfahren', {
    id: null,
    input: {
      product: 'Vergabemanager (Beispiel)',
      vendor: 'Muster Software GmbH',
      version: '8.1',
      services: ['praequalifizierung', 'bekanntmachung'],
      interface: 'fit_connect',
      vendor_commissioned: true,
      commissioned_on: '2026-09-01',
      analysis: 'in_pruefung',
      note: null,
    },
  });
}

/**
 * Dates of every kind on the dashboard: version 1 of the package with an Anmeldeschluss in 9
 * days, and dates of its services (overdue, within the next 30 days and later).
 */
export async function termineAlle(bridge, fixtures) {
  await importPackage(bridge, fixtures.packageDates, fixtures.fingerprint);
  const state = (serviceId, change) => saveService(bridge, serviceId, { state: change });
  await state('praequalifizierung', {
    phase_dates: [{ phase: 'freischaltung', date: addDays(-3) }],
    agreement_expires: addDays(25),
  });
  await state('bekanntmachung', { certificate_expires: addDays(-1) });
  await state('eigenerklaerung', {
    phase_dates: [{ phase: 'produktionstest', date: addDays(12) }],
    certificate_expires: addDays(60),
  });
}

const EMPTY_SERVICE_STATE = {
  phase: null,
  phase_dates: [],
  connection: {},
  agreement_expires: null,
  certificate_expires: null,
  pilot_interest: false,
  training_needed: false,
};

/**
 * Saves a service of the example package as its card does (`save_service`), keeping what is
 * stored and changing `decision` (a key such as 'ja') and the parts of the state in `state`.
 */
export async function saveService(bridge, serviceId, { decision, reason = null, state = {} }) {
  const [pkg] = await bridge.invoke('list_packages');
  const stored = pkg.decisions[serviceId] ?? { decision: 'offen', reason: null };
  await bridge.invoke('save_service', {
    packageId: PACKAGE_ID,
    serviceId,
    decision: decision === undefined ? stored : { decision, reason },
    state: { ...EMPTY_SERVICE_STATE, ...(pkg.service_states[serviceId] ?? {}), ...state },
  });
}
