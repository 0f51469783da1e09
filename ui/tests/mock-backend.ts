// A stand-in for the Tauri backend in front-end tests (loaded only by `vite build --mode mock`).
// It mirrors the core's behaviour for what the tests exercise: an in-memory catalogue, progress
// with validation, the audit trail, the profile with the core's AGS rules, the status report, and
// information packages of the Land (preview, trust of a Land's first key, import with progress
// through a Channel, update review, decisions, events, documents).
//
// Query parameters pick a scenario:
// - `?szenario=leer` starts without a profile and without progress;
// - `?paket=1` starts with version 1 of the Land's package installed, `?paket=2` with version 2
//   installed as an update of version 1 (entries flagged "Bitte prüfen", one archived item);
// - `?paketfehler=signatur` makes picking the package fail (bad signature),
//   `?paketfehler=dokument` makes the import fail halfway (a document was altered);
// - `?berichtfehler=geaendert` makes opening an exported report fail (file changed since),
//   `?berichtfehler=abbruch` makes the save dialog of the report export come back cancelled.
//
// `choose_package` offers the next version: version 1 (first key of the Land) while nothing is
// installed, then version 2 (an update), then version 2 again (unchanged).

import { mockIPC } from '@tauri-apps/api/mocks';
import type {
  AgsCheck,
  AppInfo,
  BlockingParty,
  Change,
  ChangeArea,
  ChangeKind,
  Checklist,
  ChecklistEntry,
  CostShare,
  Deadline,
  Decision,
  Dimension,
  GuidanceNote,
  HistoryEntry,
  HistoryFilter,
  ImportPreview,
  InstalledPackage,
  IpcError,
  Item,
  ItemProgress,
  ItemState,
  Manifest,
  Point,
  Profile,
  ProfileInput,
  Progress,
  ReportExport,
  ReportPreview,
  Score,
  Section,
  ServiceDecision,
  Status,
  StatusReport,
} from '../src/lib/bindings';

const SOURCE = 'Erste Schritte zur Anbindung von Kommunen';

const SECTIONS: Section[] = [
  { id: '1', title: 'Organisation' },
  { id: '2', title: 'EfA-Dimensionen' },
  { id: '3', title: 'Ansprache und Austausch' },
];

const POINTS: Point[] = [
  {
    "id": "1.1",
    "section": "1",
    "title": "Vollzugsebene und Bedarfsträger"
  },
  {
    "id": "1.2",
    "section": "1",
    "title": "Kommunale OZG-Koordination"
  },
  {
    "id": "1.4",
    "section": "1",
    "title": "Fachverfahren"
  },
  {
    "id": "2.F",
    "section": "2",
    "title": "Finanzierung der Mitnutzung"
  },
  {
    "id": "2.L2",
    "section": "2",
    "title": "Nachnutzungsmodell für die Kommunen"
  },
  {
    "id": "2.T1",
    "section": "2",
    "title": "Einbindung der Fachverfahrenshersteller"
  },
  {
    "id": "2.T2",
    "section": "2",
    "title": "Analyse der bestehenden Systeme"
  },
  {
    "id": "3.2",
    "section": "3",
    "title": "Informationsveranstaltungen"
  }
];

const ITEMS: Item[] = [
  {
    "id": "vollzug-zustaendigkeit",
    "point": "1.1",
    "dimension": "organisatorisch",
    "actor": "kommune",
    "title": "Zuständiges Amt für die Leistung festlegen",
    "explanation": "Klären Sie, welche Stelle in Ihrer Verwaltung die Leistung ausführt (zum Beispiel die Vergabestelle) und ob Ihre Kommune für diese Leistung überhaupt zuständig ist."
  },
  {
    "id": "koordination-land",
    "point": "1.2",
    "dimension": "organisatorisch",
    "actor": "land",
    "title": "Land hat kommunale OZG-Koordinator:innen benannt",
    "explanation": "Das Land benennt Ansprechpersonen für die Kommunen. Halten Sie hier fest, ob Sie diese Ansprechpersonen kennen."
  },
  {
    "id": "fachverfahren-bestand",
    "point": "1.4",
    "dimension": "technisch",
    "actor": "kommune",
    "title": "Eingesetzte Fachverfahren erfassen",
    "explanation": "Schreiben Sie auf, mit welcher Software (Fachverfahren) Ihre Verwaltung die Anträge bearbeitet, von welchem Hersteller sie stammt und in welcher Version sie läuft."
  },
  {
    "id": "finanzierung-land",
    "point": "2.F",
    "dimension": "finanziell",
    "actor": "land",
    "title": "Land hat die Finanzierung der Mitnutzung geregelt",
    "explanation": "Land und Kommunen müssen langfristig klären, wer welche Kosten trägt. Halten Sie fest, ob das Land eine Regelung getroffen hat."
  },
  {
    "id": "finanzierung-kosten",
    "point": "2.F",
    "dimension": "finanziell",
    "actor": "kommune",
    "title": "Kosten für die eigene Kommune ermitteln",
    "explanation": "Ermitteln Sie aus den Angaben des Landes, welche einmaligen und laufenden Kosten auf Ihre Kommune zukommen."
  },
  {
    "id": "finanzierung-haushalt",
    "point": "2.F",
    "dimension": "finanziell",
    "actor": "kommune",
    "title": "Mittel im Haushalt einplanen",
    "explanation": "Planen Sie die Kosten für Anbindung, Fachverfahren und laufenden Betrieb im Haushalt ein."
  },
  {
    "id": "nachnutzung-vereinbarung",
    "point": "2.L2",
    "dimension": "rechtlich",
    "actor": "kommune",
    "title": "Nachnutzungsvereinbarung mit dem Land prüfen und abschließen",
    "explanation": "Lassen Sie die Vereinbarung des Landes prüfen, holen Sie die nötigen Beschlüsse ein und unterzeichnen Sie sie."
  },
  {
    "id": "datenschutz-avv",
    "point": "2.L2",
    "dimension": "rechtlich",
    "actor": "kommune",
    "title": "Datenschutz und Auftragsverarbeitung klären",
    "explanation": "Binden Sie Ihre Datenschutzbeauftragte oder Ihren Datenschutzbeauftragten ein und schließen Sie, wo nötig, einen Vertrag zur Auftragsverarbeitung (AVV)."
  },
  {
    "id": "hersteller-beauftragen",
    "point": "2.T1",
    "dimension": "technisch",
    "actor": "kommune",
    "title": "Hersteller des eigenen Fachverfahrens einbinden",
    "explanation": "Fragen Sie Ihren Hersteller oder IT-Dienstleister, ob das Fachverfahren Anträge über FIT-Connect oder OSCI/XTA empfangen kann, und beauftragen Sie die nötigen Arbeiten."
  },
  {
    "id": "anbindungsdaten",
    "point": "2.T2",
    "dimension": "technisch",
    "actor": "kommune",
    "title": "Technische Anbindungsdaten bereitstellen",
    "explanation": "Stellen Sie die Daten bereit, die das Land für die Freischaltung braucht, zum Beispiel die FIT-Connect-Zustellpunkt-ID, den DVDV-Eintrag und die Einträge im Zuständigkeitsfinder."
  },
  {
    "id": "veranstaltung-teilnehmen",
    "point": "3.2",
    "dimension": "organisatorisch",
    "actor": "kommune",
    "title": "An einer Informationsveranstaltung teilnehmen",
    "explanation": "Nehmen Sie an einer Informationsveranstaltung des Landes teil, am besten mit den Personen, die später mit dem Online-Dienst arbeiten."
  }
];

const LAENDER = [
  'Schleswig-Holstein',
  'Hamburg',
  'Niedersachsen',
  'Bremen',
  'Nordrhein-Westfalen',
  'Hessen',
  'Rheinland-Pfalz',
  'Baden-Württemberg',
  'Bayern',
  'Saarland',
  'Berlin',
  'Brandenburg',
  'Mecklenburg-Vorpommern',
  'Sachsen',
  'Sachsen-Anhalt',
  'Thüringen',
];

const DIMENSIONS: [Dimension, string][] = [
  ['finanziell', 'Finanziell'],
  ['rechtlich', 'Rechtlich'],
  ['organisatorisch', 'Organisatorisch'],
  ['technisch', 'Technisch'],
];

const PARTY_LABELS: Record<BlockingParty, string> = {
  land: 'Land',
  hersteller: 'Hersteller',
  fitko: 'FITKO',
  sonstige: 'Sonstige',
};

const STATUS_LABELS: Record<Status, string> = {
  offen: 'Offen',
  in_arbeit: 'In Arbeit',
  erledigt: 'Erledigt',
  nicht_zutreffend: 'Nicht zutreffend',
  extern_blockiert: 'Extern blockiert',
};

const FIELD_LABELS: Record<string, string> = {
  name: 'Name der Kommune',
  ags: 'AGS',
  population: 'Einwohnerzahl',
  coordinator_name: 'OZG-Koordination',
  coordinator_email: 'E-Mail der OZG-Koordination',
  coordinator_phone: 'Telefon der OZG-Koordination',
  status: 'Status',
  blocked_by: 'Blockiert durch',
  blocked_text: 'Beschreibung der Blockade',
  owner: 'Verantwortlich',
  due: 'Fällig am',
  note: 'Notiz',
  version: 'Paketversion',
  decision: 'Entscheidung (Bedarfsträger)',
  decision_reason: 'Begründung',
  attended: 'Teilgenommen',
  review: 'Bitte prüfen',
};

// ---- helpers ---------------------------------------------------------------------------------

function fail(field: string | null, message: string, code = 'validation'): never {
  const error: IpcError = { code, message, field };
  throw error;
}

function quote(input: string): string {
  const clean = [...input].map((c) => (/[\u0000-\u001f\u007f-\u009f]/.test(c) ? '\uFFFD' : c));
  return clean.length > 40 ? `„${clean.slice(0, 40).join('')}…“` : `„${clean.join('')}“`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isoDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function today(): string {
  return isoDay(new Date());
}

function addDays(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return isoDay(d);
}

function daysBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

function now(): string {
  return new Date().toISOString();
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** The core's `text::line` / `text::multiline`. */
function text(
  field: string,
  label: string,
  value: string | null | undefined,
  max: number,
  multiline = false,
): string | null {
  const v = (value ?? '').trim();
  if (v === '') return null;
  const count = [...v].length;
  if (count > max) fail(field, `${label} ist zu lang (${count} Zeichen, höchstens ${max}).`);
  const normalised = multiline ? v.replace(/\r\n/g, '\n') : v;
  const control = multiline ? /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/ : /[\u0000-\u001f\u007f-\u009f]/;
  if (control.test(normalised)) fail(field, `${label} enthält unzulässige Steuerzeichen.`);
  return normalised;
}

/** The core's `progress::parse_date`. */
function parseDate(field: string, label: string, value: string): string {
  const bad = (why: string): never => fail(field, `${label} ${quote(value)}: ${why}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    bad('erwartet wird ein Datum im Format JJJJ-MM-TT, z. B. 2027-03-31.');
  }
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    bad('diesen Tag gibt es nicht.');
  }
  const year = Number(value.slice(0, 4));
  if (year < 2000 || year > 2100) bad('das Jahr muss zwischen 2000 und 2100 liegen.');
  return value;
}

/** The core's `Ags::parse`: returns the 8 digits or fails with the core's message. */
function parseAgs(input: string): string {
  const trimmed = input.trim();
  if (trimmed === '') fail('ags', 'Der Amtliche Gemeindeschlüssel (AGS) fehlt.');
  const shown = quote(trimmed);
  const digits = [...trimmed].filter((c) => c !== ' ').join('');
  const bad = [...digits].find((c) => !/^[0-9]$/.test(c));
  if (bad !== undefined) {
    fail('ags', `AGS ${shown}: „${bad}“ ist keine Ziffer; der AGS besteht aus genau 8 Ziffern.`);
  }
  if (digits.length !== 8) {
    fail('ags', `AGS ${shown} hat ${digits.length} Ziffern; erforderlich sind genau 8.`);
  }
  const code = Number(digits.slice(0, 2));
  if (code < 1 || code > 16) {
    fail(
      'ags',
      `AGS ${shown}: Die ersten beiden Ziffern „${digits.slice(0, 2)}“ sind kein Länderschlüssel; gültig sind 01 bis 16.`,
    );
  }
  return digits;
}

function landOf(ags: string): string {
  return LAENDER[Number(ags.slice(0, 2)) - 1] ?? '';
}

// ---- state -----------------------------------------------------------------------------------

const params = new URLSearchParams(window.location.search);
const empty = params.get('szenario') === 'leer';

const NONE: ItemProgress = {
  status: 'offen',
  blocked_by: null,
  blocked_text: null,
  owner: null,
  due: null,
  note: null,
  updated_at: null,
};

let profile: Profile | null = null;
const progress = new Map<string, ItemProgress>();
const history: HistoryEntry[] = [];
let nextHistoryId = 1;

function record(
  entity: 'profile' | 'item' | 'package' | 'service' | 'event',
  itemId: string | null,
  at: string,
  changes: [string, string | null, string | null][],
): void {
  for (const [field, oldValue, newValue] of changes) {
    history.push({
      id: nextHistoryId++,
      at,
      entity,
      item_id: itemId,
      item_title: itemId === null ? null : (allItems().find((i) => i.id === itemId)?.title ?? null),
      field,
      field_label: FIELD_LABELS[field] ?? 'Sonstiges',
      old_value: oldValue,
      new_value: newValue,
    });
  }
}

function progressOf(itemId: string): ItemProgress {
  return progress.get(itemId) ?? NONE;
}

function itemOf(itemId: string): Item {
  const item = allItems().find((i) => i.id === itemId);
  if (!item) fail(null, `Unbekannte Aufgabe „${itemId}“.`, 'not_found');
  return item;
}

function validateState(state: ItemState): ItemProgress {
  const status = state.status;
  if (!(status in STATUS_LABELS)) {
    fail('status', `Unbekannter Status ${quote(String(status))}.`);
  }
  const owner = text('owner', 'Verantwortlich', state.owner, 200);
  const note = text('note', 'Die Notiz', state.note, 5000, true);
  const blockedText = text('blocked_text', 'Die Beschreibung der Blockade', state.blocked_text, 500);
  const dueRaw = (state.due ?? '').trim();
  const due = dueRaw === '' ? null : parseDate('due', 'Fälligkeitsdatum', dueRaw);
  const blockedBy = state.blocked_by ?? null;
  if (status === 'extern_blockiert') {
    if (blockedBy === null) {
      fail(
        'blocked_by',
        'Bei „Extern blockiert“ muss angegeben werden, wer blockiert (Land, Hersteller, FITKO oder Sonstige).',
      );
    }
    if (blockedBy === 'sonstige' && blockedText === null) {
      fail('blocked_text', 'Bei „Sonstige“ muss beschrieben werden, wer oder was blockiert.');
    }
  } else if (blockedBy !== null) {
    fail(
      'blocked_by',
      `Eine blockierende Stelle gibt es nur beim Status „Extern blockiert“, nicht bei „${STATUS_LABELS[status]}“.`,
    );
  } else if (blockedText !== null) {
    fail('blocked_text', 'Eine Beschreibung der Blockade gibt es nur beim Status „Extern blockiert“.');
  }
  return {
    status,
    blocked_by: blockedBy,
    blocked_text: blockedText,
    owner,
    due,
    note,
    updated_at: null,
  };
}

function setItem(itemId: string, state: ItemState): ChecklistEntry {
  const item = itemOf(itemId);
  const next = validateState(state);
  const old = progressOf(itemId);
  const fields = ['status', 'blocked_by', 'blocked_text', 'owner', 'due', 'note'] as const;
  const changes = fields
    .map((f): [string, string | null, string | null] => [f, old[f], next[f]])
    .filter(([, o, n]) => o !== n);
  if (changes.length === 0) return entryOf(item);
  const at = now();
  next.updated_at = at;
  progress.set(itemId, next);
  record('item', itemId, at, changes);
  return entryOf(item);
}

function validateProfile(input: ProfileInput): Profile {
  const name = text('name', 'Der Name der Kommune', input.name, 200);
  if (name === null) fail('name', 'Der Name der Kommune fehlt.');
  const ags = parseAgs(input.ags ?? '');
  const population = input.population ?? null;
  if (population !== null && (population === 0 || population > 5_000_000)) {
    fail('population', `Einwohnerzahl ${population} ist nicht plausibel; erlaubt sind 1 bis 5000000.`);
  }
  const coordinatorName = text('coordinator_name', 'Der Name der OZG-Koordination', input.coordinator_name, 200);
  const email = text('coordinator_email', 'Die E-Mail-Adresse', input.coordinator_email, 254);
  if (email !== null && !/^[^@\s]+@[^@\s]+\.[^@\s.]+$/.test(email)) {
    fail('coordinator_email', `E-Mail-Adresse ${quote(email)}: nach dem „@“ fehlt eine gültige Domain wie „kommune.de“.`);
  }
  const phone = text('coordinator_phone', 'Die Telefonnummer', input.coordinator_phone, 40);
  if (phone !== null && (!/^[0-9 +\-/()]+$/.test(phone) || phone.replace(/\D/g, '').length < 3)) {
    fail('coordinator_phone', `Telefonnummer ${quote(phone)}: erlaubt sind Ziffern, Leerzeichen und + - / ( ).`);
  }
  return {
    name,
    ags,
    land_code: ags.slice(0, 2),
    land: landOf(ags),
    population,
    coordinator_name: coordinatorName,
    coordinator_email: email,
    coordinator_phone: phone,
  };
}

function setProfile(input: ProfileInput): Profile {
  const next = validateProfile(input);
  const fields = [
    'name',
    'ags',
    'population',
    'coordinator_name',
    'coordinator_email',
    'coordinator_phone',
  ] as const;
  const str = (v: string | number | null | undefined): string | null =>
    v === null || v === undefined ? null : String(v);
  const changes = fields
    .map((f): [string, string | null, string | null] => [f, str(profile?.[f]), str(next[f])])
    .filter(([, o, n]) => o !== n);
  if (changes.length > 0) record('profile', null, now(), changes);
  profile = next;
  return next;
}

function checkAgs(input: string): AgsCheck {
  try {
    const ags = parseAgs(input);
    return { valid: true, normalized: ags, land: landOf(ags), message: null };
  } catch (e) {
    return { valid: false, normalized: null, land: null, message: (e as IpcError).message };
  }
}

function score(items: Item[]): Score {
  let done = 0;
  let applicable = 0;
  for (const item of items) {
    const status = progressOf(item.id).status;
    if (item.actor !== 'kommune' || status === 'nicht_zutreffend') continue;
    applicable += 1;
    if (status === 'erledigt') done += 1;
  }
  return {
    percent: applicable > 0 ? Math.floor((done * 100) / applicable) : null,
    done,
    applicable,
  };
}

function statusReport(): StatusReport {
  const day = today();
  const counts = { offen: 0, in_arbeit: 0, erledigt: 0, nicht_zutreffend: 0, extern_blockiert: 0 };
  const blockers: StatusReport['blockers'] = [];
  const overdue: Deadline[] = [];
  const dueSoon: Deadline[] = [];
  const items = catalogueItems();
  for (const item of items) {
    const p = progressOf(item.id);
    counts[p.status] += 1;
    if (p.status === 'extern_blockiert' && p.blocked_by) {
      blockers.push({
        item_id: item.id,
        title: item.title,
        party: p.blocked_by,
        party_label: PARTY_LABELS[p.blocked_by],
        text: p.blocked_text,
      });
    }
    const open = p.status !== 'erledigt' && p.status !== 'nicht_zutreffend';
    if (open && p.due) {
      const days = daysBetween(day, p.due);
      const d: Deadline = { item_id: item.id, title: item.title, due: p.due, days, status: p.status, owner: p.owner };
      if (days < 0) overdue.push(d);
      else if (days <= 14) dueSoon.push(d);
    }
  }
  const byDue = (a: Deadline, b: Deadline): number =>
    a.due.localeCompare(b.due) || a.item_id.localeCompare(b.item_id);
  return {
    schema: 'anbindungscheck.status/1',
    date: day,
    profile,
    overall: score(items),
    dimensions: DIMENSIONS.map(([dimension, label]) => ({
      dimension,
      label,
      score: score(items.filter((i) => i.dimension === dimension)),
    })),
    counts,
    blockers,
    overdue: overdue.sort(byDue),
    due_soon: dueSoon.sort(byDue),
  };
}

function listHistory(filter: HistoryFilter): HistoryEntry[] {
  if (filter.item_id) itemOf(filter.item_id);
  const since = filter.since ? parseDate('since', 'Von-Datum', filter.since.trim()) : null;
  const until = filter.until ? parseDate('until', 'Bis-Datum', filter.until.trim()) : null;
  return history
    .filter((h) => !filter.item_id || h.item_id === filter.item_id)
    .filter((h) => since === null || h.at.slice(0, 10) >= since)
    .filter((h) => until === null || h.at.slice(0, 10) <= until)
    .sort((a, b) => b.id - a.id)
    .slice(0, filter.limit ?? 500);
}

function checklist(): Checklist {
  return {
    source: SOURCE,
    sections: SECTIONS,
    points: POINTS,
    entries: catalogueItems().map(entryOf),
  };
}

// ---- information packages ------------------------------------------------------------------

/** Markup in package text: must always show as literal text. */
const MARKUP = '<img src=x onerror=alert(1)>';

/** Fingerprint of the Land's key (16 bytes of SHA-256, hex in groups of four, as the core). */
const FINGERPRINT = '3F9A 0C4E 7B21 D860 5A1F 92C3 E47D 0B6A';

/** Version 1 of a package, modelled on examples/paket-vergabe/manifest.json. */
const PACKAGE_V1: Manifest = {
  format: 'anbindungscheck.package/1',
  id: 'ni-vergabe-kommunen',
  version: 1,
  title: 'Informationspaket EfA-Vergabedienste für niedersächsische Kommunen',
  description:
    'Dieses Beispielpaket einer fiktiven Landesstelle zeigt, was ein Land seinen Kommunen für die Anbindung der EfA-Onlinedienste rund um die öffentliche Vergabe mitgibt: Ansprechpersonen, Kosten, das Nachnutzungsmodell, Termine und Unterlagen.',
  land: { code: '03', name: 'Niedersachsen' },
  issued: '2026-11-02',
  valid_until: '2027-12-31',
  contacts: [
    {
      id: 'koordination',
      name: 'Dr. Jana Wöhler',
      role: 'Kommunale OZG-Koordination',
      organisation: 'Landesstelle für digitale Verwaltung (Beispiel)',
      email: 'ozg-koordination@landesstelle.example',
      phone: '+49 511 000-1200',
      taskforce: false,
    },
    {
      id: 'taskforce-leitung',
      name: `Malte Brüggemann ${MARKUP}`,
      role: 'Leitung OZG-Taskforce Vergabe',
      organisation: 'Landesstelle für digitale Verwaltung (Beispiel)',
      email: 'taskforce-vergabe@landesstelle.example',
      phone: '+49 511 000-1210',
      taskforce: true,
    },
    {
      id: 'technik',
      name: 'Aylin Korkmaz',
      role: 'Technische Anbindung (FIT-Connect)',
      organisation: 'IT-Dienstleister des Landes (Beispiel)',
      email: 'anbindung@it-dienstleister.example',
      taskforce: true,
    },
  ],
  services: [
    {
      id: 'praequalifizierung',
      name: 'Präqualifizierung von Unternehmen',
      description: `Unternehmen weisen ihre Eignung für öffentliche Aufträge einmal im Voraus nach. Ihre Vergabestelle greift auf die aktuellen, vollständigen Einträge zu, statt jede Bescheinigung erneut zu prüfen. Testeintrag: ${MARKUP}`,
      leika: ['99001001000000'],
      ozg_id: '10247',
      vollzug: 'Kommune (Vergabestelle)',
      fit_store_contract: 'abgeschlossen',
      reuse_model_status: 'abgeschlossen',
    },
    {
      id: 'bekanntmachung',
      name: 'Bekanntmachung von Vergabeverfahren',
      description:
        'Ausschreibungen werden einheitlich veröffentlicht und an die Bekanntmachungsportale weitergeleitet.',
      leika: ['99001002000000'],
      ozg_id: '10248',
      vollzug: 'Kommune (Vergabestelle)',
      fit_store_contract: 'abgeschlossen',
      reuse_model_status: 'in_vorbereitung',
    },
    {
      id: 'eigenerklaerung',
      name: 'Digitale Eigenerklärungen',
      description:
        'Bietende geben Eigenerklärungen strukturiert online ab; die Vergabestelle erhält sie maschinenlesbar.',
      leika: ['99001003000000'],
      ozg_id: '10249',
      vollzug: 'Kommune (Vergabestelle)',
      fit_store_contract: 'in_vorbereitung',
      reuse_model_status: 'offen',
    },
  ],
  reuse_model: {
    kind: 'verwaltungsvereinbarung',
    description:
      'Das Land gibt die Nutzung der Onlinedienste über eine Verwaltungsvereinbarung unentgeltlich an die Kommunen weiter. Die Kommunen tragen nur die Kosten ihrer eigenen Anbindung und des Betriebs nach der Kostenstaffel.',
    document: 'documents/verwaltungsvereinbarung.pdf',
  },
  costs: [
    {
      note: 'Einmalige Kosten für Einrichtung und Schulung, jährliche Kosten für Betrieb und Support. Beträge in Euro, netto.',
      brackets: [
        { max_population: 10000, one_off_cents: 150000, annual_cents: 60000 },
        { max_population: 50000, one_off_cents: 300000, annual_cents: 120000 },
        { max_population: 200000, one_off_cents: 600000, annual_cents: 240000 },
        { one_off_cents: 1200000, annual_cents: 480000 },
      ],
    },
  ],
  events: [
    {
      id: 'info-2027-01',
      title: 'Informationsveranstaltung: EfA-Vergabedienste für Kommunen',
      description:
        'Vorstellung der Dienste, des Nachnutzungsmodells und der Schritte zur Anbindung, mit Fragerunde.',
      start: '2027-01-20T10:00',
      end: '2027-01-20T12:00',
      online_url: 'https://videokonferenz.landesstelle.example/vergabe-info',
      registration_deadline: '2027-01-13',
    },
    {
      id: 'workshop-technik-2027-02',
      title: `Workshop technische Anbindung (FIT-Connect) ${MARKUP}`,
      start: '2027-02-10T09:30',
      end: '2027-02-10T15:00',
      place: 'Landesstelle für digitale Verwaltung, Musterstraße 1, 30159 Hannover',
      registration_deadline: '2027-01-31',
    },
  ],
  municipalities: [
    {
      name: 'Stadt Musterhausen',
      ags: '03241001',
      role: 'pilot',
      contact: 'Vergabestelle, Frau Lindqvist',
      email: 'vergabe@musterhausen.example',
      services: ['praequalifizierung', 'bekanntmachung'],
    },
    {
      name: 'Gemeinde Beispielfeld',
      ags: '03351006',
      role: 'peer',
      contact: 'Hauptamt, Herr Olschewski',
      services: ['praequalifizierung'],
    },
  ],
  fachverfahren: [
    {
      id: 'vergabemanager',
      product: 'VergabeManager (Beispiel)',
      vendor: 'Muster Software GmbH',
      interface: 'FIT-Connect',
      services: ['praequalifizierung', 'bekanntmachung', 'eigenerklaerung'],
    },
    {
      id: 'ausschreibung-plus',
      product: 'Ausschreibung Plus (Beispiel)',
      vendor: 'Beispiel IT AG',
      interface: 'OSCI/XTA',
      services: ['bekanntmachung'],
    },
  ],
  checklist: {
    additions: [
      {
        id: 'ni-ansprechperson-melden',
        point: '1.2',
        dimension: 'organisatorisch',
        actor: 'kommune',
        title: 'Ansprechperson für die Vergabedienste an das Land melden',
        explanation:
          'Nennen Sie der kommunalen OZG-Koordination des Landes eine Ansprechperson Ihrer Vergabestelle.',
        deadline: '2027-01-15',
      },
      {
        id: 'ni-vereinbarung-unterzeichnen',
        point: '2.L2',
        dimension: 'rechtlich',
        actor: 'kommune',
        title: 'Verwaltungsvereinbarung mit dem Land unterzeichnen',
        explanation:
          'Unterzeichnen Sie die Verwaltungsvereinbarung (siehe Dokumente) und senden Sie sie an die kommunale OZG-Koordination zurück.',
        deadline: '2027-03-31',
      },
      {
        id: 'ni-fragebogen',
        point: '2.T2',
        dimension: 'technisch',
        actor: 'kommune',
        title: 'Fragebogen zur technischen Anbindung ausfüllen',
        explanation:
          'Der Fragebogen fragt Fachverfahren, Übertragungsweg und Ansprechpersonen ab. Er ist Voraussetzung für die Freischaltung.',
        deadline: '2027-02-28',
      },
    ],
    guidance: [
      {
        item: 'finanzierung-kosten',
        text: 'Die Kostenstaffel des Landes steht im Paket unter „Kosten“. Maßgeblich ist die Einwohnerzahl zum 31.12. des Vorjahres.',
      },
      {
        item: 'hersteller-beauftragen',
        text: 'Für den VergabeManager (Beispiel) stellt der Hersteller die FIT-Connect-Schnittstelle ab Version 8.2 bereit.\nBitte nennen Sie im Auftrag die Zustellpunkt-ID.',
      },
    ],
  },
  documents: [
    {
      path: 'documents/verwaltungsvereinbarung.pdf',
      title: 'Verwaltungsvereinbarung zur Nachnutzung (Entwurf)',
      media_type: 'application/pdf',
      size: 248_312,
      sha256: '5d41c0a7e3b29f1864aa0c7d2e9b3f5a61c8e0d4b7a92f3e1c6d8b0a4f2e9c71',
    },
    {
      path: 'documents/kostenstaffel.csv',
      title: 'Kostenstaffel 2027',
      media_type: 'text/csv',
      size: 1_482,
      sha256: 'a3f1e9c27b0d4e6a8c5b1f3d9e7a2c4b6d8f0e1a3c5b7d9f1e3a5c7b9d1f3e5a',
    },
    {
      path: 'documents/anbindungsleitfaden.txt',
      title: 'Leitfaden zur technischen Anbindung',
      media_type: 'text/plain',
      size: 18_940,
      sha256: '0b8e7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d',
    },
  ],
};

/** Version 2: an update that changes, adds and removes a little of everything. */
function packageV2(): Manifest {
  const m = clone(PACKAGE_V1);
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
  if (costs) {
    costs.text =
      'Die Kostenstaffel des Landes steht im Paket unter „Kosten“. Maßgeblich ist die Einwohnerzahl zum 31.12. des Vorjahres.\nNeu: Die jährlichen Kosten werden erst ab dem zweiten Betriebsjahr fällig.';
  }
  const bekanntmachung = m.services.find((s) => s.id === 'bekanntmachung');
  if (bekanntmachung) bekanntmachung.reuse_model_status = 'abgeschlossen';
  const model = m.costs[0];
  if (model) {
    model.brackets = [
      { max_population: 10000, one_off_cents: 150000, annual_cents: 50000 },
      { max_population: 50000, one_off_cents: 300000, annual_cents: 100000 },
      { max_population: 200000, one_off_cents: 600000, annual_cents: 200000 },
      { one_off_cents: 1200000, annual_cents: 400000 },
    ];
  }
  const technik = m.contacts.find((c) => c.id === 'technik');
  if (technik) technik.phone = '+49 511 000-1300';
  const workshop = m.events.find((e) => e.id === 'workshop-technik-2027-02');
  if (workshop) workshop.registration_deadline = '2027-02-03';
  m.events.push({
    id: 'sprechstunde-2027-03',
    title: 'Offene Sprechstunde zur Anbindung',
    description: 'Fragen zu Fragebogen, Zustellpunkt und Freischaltung, ohne Anmeldung.',
    start: '2027-03-03T14:00',
    end: '2027-03-03T15:30',
    online_url: 'https://videokonferenz.landesstelle.example/sprechstunde',
  });
  const staffel = m.documents.find((d) => d.path === 'documents/kostenstaffel.csv');
  if (staffel) {
    staffel.title = 'Kostenstaffel 2027 (aktualisiert)';
    staffel.size = 1_530;
    staffel.sha256 = 'c7e2a9f04b1d3e5a6c8b0f2d4e6a8c0b2d4f6e8a0c2e4a6b8d0f2a4c6e8b0d2f';
  }
  return m;
}

type Installed = {
  manifest: Manifest;
  fingerprint: string;
  imported_at: string;
  decisions: Record<string, ServiceDecision>;
  attended: Set<string>;
};

const installed = new Map<string, Installed>();
/** Land code → fingerprint of the key the municipality trusts. */
const trustedKeys = new Map<string, string>();
/** Checklist items added by packages, in insertion order; archived ones are kept. */
const packageItems = new Map<string, { item: Item; archived: boolean }>();
/** Item ID → why to look at it again ("bitte prüfen"). */
const reviews = new Map<string, string>();
/** The package the clerk picked with `choose_package`. */
let pending: Manifest | null = null;

/** The catalogue: built-in items plus active package items after the built-ins of their point. */
function catalogueItems(): Item[] {
  const order = new Map(POINTS.map((p, i) => [p.id, i]));
  const active = [...packageItems.values()].filter((p) => !p.archived).map((p) => p.item);
  return [...ITEMS, ...active]
    .map((item, i) => ({ item, i }))
    .sort(
      (a, b) =>
        (order.get(a.item.point) ?? 999) - (order.get(b.item.point) ?? 999) ||
        Number(a.item.package !== undefined) - Number(b.item.package !== undefined) ||
        a.i - b.i,
    )
    .map(({ item }) => item);
}

/** Every item ever known: the catalogue and archived package items. */
function allItems(): Item[] {
  return [...ITEMS, ...[...packageItems.values()].map((p) => p.item)];
}

function guidanceFor(itemId: string): GuidanceNote[] {
  const notes: GuidanceNote[] = [];
  for (const p of installed.values()) {
    for (const g of p.manifest.checklist.guidance) {
      if (g.item === itemId) notes.push({ package_title: p.manifest.title, text: g.text });
    }
  }
  return notes;
}

function entryOf(item: Item): ChecklistEntry {
  return {
    item,
    progress: progressOf(item.id),
    guidance: guidanceFor(item.id),
    review: reviews.get(item.id) ?? null,
  };
}

function normalizeFingerprint(text: string): string {
  return text.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
}

const AREA_ORDER: ChangeArea[] = [
  'aufgabe',
  'hinweis',
  'frist',
  'kosten',
  'kontakt',
  'onlinedienst',
  'veranstaltung',
  'kommune',
  'fachverfahren',
  'dokument',
  'nachnutzungsmodell',
];
const KIND_ORDER: ChangeKind[] = ['added', 'changed', 'removed'];

/** The core's `review::compare`: keyed lists, added / changed (unequal) / removed. */
function compare<T>(
  area: ChangeArea,
  oldList: readonly T[],
  newList: readonly T[],
  key: (t: T) => [string, string],
  out: Change[],
): void {
  const index = (list: readonly T[]): Map<string, [T, string]> =>
    new Map(list.map((t) => {
      const [k, title] = key(t);
      return [k, [t, title]];
    }));
  const o = index(oldList);
  const n = index(newList);
  for (const [id, [t, title]] of n) {
    const before = o.get(id);
    if (!before) out.push({ area, kind: 'added', id, title });
    else if (JSON.stringify(before[0]) !== JSON.stringify(t)) out.push({ area, kind: 'changed', id, title });
  }
  for (const [id, [, title]] of o) {
    if (!n.has(id)) out.push({ area, kind: 'removed', id, title });
  }
}

/** The core's `review::changes`. */
function reviewChanges(old: Manifest, next: Manifest): Change[] {
  const out: Change[] = [];
  const oa = old.checklist.additions;
  const na = next.checklist.additions;
  compare('aufgabe', oa, na, (a) => [a.id, a.title], out);
  const content = (a: (typeof na)[number]): string =>
    JSON.stringify([a.title, a.explanation, a.point, a.dimension, a.actor]);
  const items = out.filter((c) => {
    if (c.kind !== 'changed') return true;
    const o = oa.find((a) => a.id === c.id);
    const n = na.find((a) => a.id === c.id);
    return o !== undefined && n !== undefined && content(o) !== content(n);
  });
  out.length = 0;
  out.push(...items);
  for (const n of na) {
    const o = oa.find((a) => a.id === n.id);
    if (o && (o.deadline ?? null) !== (n.deadline ?? null)) {
      out.push({ area: 'frist', kind: 'changed', id: n.id, title: n.title });
    }
  }
  const guidanceTitle = (item: string): string =>
    [...na, ...oa].find((a) => a.id === item)?.title ?? ITEMS.find((i) => i.id === item)?.title ?? item;
  compare('hinweis', old.checklist.guidance, next.checklist.guidance, (g) => [g.item, guidanceTitle(g.item)], out);
  compare('onlinedienst', old.services, next.services, (s) => [s.id, s.name], out);
  compare(
    'kosten',
    old.costs,
    next.costs,
    (c) => {
      const service = [...next.services, ...old.services].find((s) => s.id === c.service);
      return [c.service ?? '', service ? `Kosten für ${service.name}` : 'Kosten für alle Dienste'];
    },
    out,
  );
  compare('kontakt', old.contacts, next.contacts, (c) => [c.id, c.name], out);
  compare('veranstaltung', old.events, next.events, (e) => [e.id, e.title], out);
  for (const n of next.events) {
    const o = old.events.find((e) => e.id === n.id);
    if (o && ((o.registration_deadline ?? null) !== (n.registration_deadline ?? null) || o.start !== n.start)) {
      out.push({ area: 'frist', kind: 'changed', id: n.id, title: n.title });
    }
  }
  compare('kommune', old.municipalities, next.municipalities, (m) => [m.ags, m.name], out);
  compare('fachverfahren', old.fachverfahren, next.fachverfahren, (f) => [f.id, f.product], out);
  compare('dokument', old.documents, next.documents, (d) => [d.path, d.title], out);
  if (JSON.stringify(old.reuse_model) !== JSON.stringify(next.reuse_model)) {
    out.push({ area: 'nachnutzungsmodell', kind: 'changed', id: 'reuse_model', title: next.reuse_model.kind });
  }
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort(
    (a, b) =>
      AREA_ORDER.indexOf(a.area) - AREA_ORDER.indexOf(b.area) ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      cmp(a.id, b.id) ||
      cmp(a.title, b.title),
  );
}

/** The core's `Store::plan`: what importing `m` would do. */
function plan(m: Manifest): ImportPreview {
  const trusted = trustedKeys.get(m.land.code);
  if (trusted !== undefined && trusted !== FINGERPRINT) {
    fail(
      null,
      `Das Paket ist nicht mit einem vertrauenswürdigen Schlüssel des Landes ${m.land.name} signiert (Fingerabdruck ${FINGERPRINT}).`,
      'package_wrong_key',
    );
  }
  const current = installed.get(m.id);
  let action: ImportPreview['action'] = 'new';
  let changes: Change[] = [];
  if (current) {
    if (current.manifest.version > m.version) {
      fail(
        null,
        `Das Paket „${m.id}“ ist älter (Version ${m.version}) als das bereits eingelesene (Version ${current.manifest.version}) und wurde nicht eingelesen.`,
        'package_older',
      );
    }
    if (current.manifest.version === m.version) {
      action = 'unchanged';
    } else {
      action = 'update';
      changes = reviewChanges(current.manifest, m);
    }
  }
  return {
    package_id: m.id,
    title: m.title,
    version: m.version,
    land_code: m.land.code,
    land: m.land.name,
    issued: m.issued,
    valid_until: m.valid_until,
    fingerprint: FINGERPRINT,
    key: trusted === undefined ? 'first_of_land' : 'trusted',
    installed_version: current?.manifest.version ?? null,
    action,
    changes,
    documents: m.documents.length,
    document_bytes: m.documents.reduce((sum, d) => sum + d.size, 0),
  };
}

function checkTrust(p: ImportPreview, trust: string | null): void {
  if (p.key !== 'first_of_land') return;
  if (trust === null) {
    fail(
      null,
      `Das Paket ist das erste von ${p.land}. Bitte prüfen Sie den Fingerabdruck des Schlüssels beim Land (${p.fingerprint}) und bestätigen Sie ihn.`,
      'package_untrusted_key',
    );
  }
  if (normalizeFingerprint(trust) !== normalizeFingerprint(p.fingerprint)) {
    fail(
      null,
      `Der bestätigte Fingerabdruck ${trust.trim()} passt nicht zum Schlüssel des Pakets (${p.fingerprint}).`,
      'package_wrong_key',
    );
  }
}

/** The core's `Store::apply`: one transaction in the real store. */
function apply(m: Manifest, p: ImportPreview): void {
  const at = now();
  if (p.key === 'first_of_land') trustedKeys.set(m.land.code, p.fingerprint);
  const previous = installed.get(m.id);
  installed.set(m.id, {
    manifest: clone(m),
    fingerprint: p.fingerprint,
    imported_at: at,
    decisions: previous?.decisions ?? {},
    attended: previous?.attended ?? new Set(),
  });
  const ids = m.checklist.additions.map((a) => a.id);
  for (const a of m.checklist.additions) {
    const item: Item = {
      id: a.id,
      point: a.point,
      dimension: a.dimension,
      actor: a.actor,
      title: a.title,
      explanation: a.explanation,
      package: m.id,
    };
    if (a.deadline != null) item.deadline = a.deadline;
    packageItems.set(a.id, { item, archived: false });
  }
  for (const [id, entry] of packageItems) {
    if (entry.item.package === m.id && !entry.archived && !ids.includes(id)) {
      entry.archived = true;
      reviews.delete(id);
    }
  }
  for (const c of p.changes) {
    let reason: string | null = null;
    if (c.area === 'aufgabe' && c.kind === 'changed') reason = 'Aufgabe in einer neuen Paketversion geändert';
    else if (c.area === 'frist' && c.kind === 'changed' && ids.includes(c.id)) reason = 'Frist des Landes geändert';
    else if (c.area === 'hinweis' && c.kind !== 'removed') reason = 'Neuer oder geänderter Hinweis des Landes';
    else if (c.area === 'hinweis') reason = 'Hinweis des Landes entfernt';
    if (reason !== null) reviews.set(c.id, reason);
  }
  record('package', m.id, at, [
    ['version', p.installed_version === null ? null : String(p.installed_version), String(m.version)],
  ]);
}

/** The next edition the Land has published, from what is installed. */
function offered(): Manifest {
  const current = installed.get(PACKAGE_V1.id);
  return current ? packageV2() : clone(PACKAGE_V1);
}

function choosePackage(): ImportPreview | null {
  if (params.get('paketfehler') === 'signatur') {
    pending = null;
    fail(
      null,
      'Die Signatur des Manifests ist ungültig: Das Paket wurde nach dem Signieren verändert oder ist beschädigt.',
      'package_signature',
    );
  }
  const m = offered();
  const p = plan(m);
  pending = m;
  return p;
}

/** Imports without the dialog (seeding scenarios): the clerk confirmed the fingerprint. */
function importNow(m: Manifest): void {
  const p = plan(m);
  if (p.action !== 'unchanged') apply(m, p);
}

type Internals = { runCallback: (id: number, data: unknown) => void };

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Sends messages through a `Channel` the app passed as an argument. Under `mockIPC` the argument
 * arrives as the Channel object itself; its `id` is the callback the mock's `transformCallback`
 * registered, and messages go through `runCallback` with the same `{index, message}` framing the
 * Rust side uses (then `{index, end: true}`).
 */
function channel(value: unknown): { send: (p: Progress) => void; end: () => void } {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  const internals = (window as unknown as { __TAURI_INTERNALS__?: Internals }).__TAURI_INTERNALS__;
  let index = 0;
  const post = (data: Record<string, unknown>): void => {
    if (typeof id === 'number' && internals) internals.runCallback(id, { index: index++, ...data });
  };
  return { send: (message) => post({ message }), end: () => post({ end: true }) };
}

async function importPackage(trust: string | null, onProgress: unknown): Promise<ImportPreview> {
  if (pending === null) fail(null, 'Bitte wählen Sie zuerst eine Paketdatei aus.', 'desktop');
  const m = pending;
  const p = plan(m);
  checkTrust(p, trust);
  if (p.action === 'unchanged') {
    pending = null;
    return p;
  }
  const progressChannel = channel(onProgress);
  const total = Math.max(1, p.document_bytes);
  const steps = 5;
  try {
    for (let i = 1; i <= steps; i++) {
      await sleep(120);
      if (params.get('paketfehler') === 'dokument' && i === 3) {
        fail(
          null,
          'Dokument „documents/kostenstaffel.csv“ wurde verändert: Die Prüfsumme stimmt nicht mit dem Manifest überein.',
          'package_document',
        );
      }
      progressChannel.send({ done: Math.round((total * i) / steps), total });
    }
  } finally {
    progressChannel.end();
  }
  apply(m, p);
  pending = null;
  return p;
}

function packageOf(packageId: string): Installed {
  const p = installed.get(packageId);
  if (!p) fail('package', `Unbekanntes Paket „${packageId}“.`);
  return p;
}

function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** The core's `manifest::costs_for`. */
function costsFor(m: Manifest, population: number): CostShare[] {
  const shares: CostShare[] = [];
  for (const model of m.costs) {
    const b = model.brackets.find((x) => x.max_population == null || population <= x.max_population);
    if (!b) continue;
    let bracket: string;
    if (b.max_population != null) {
      bracket = `bis ${groupThousands(b.max_population)} Einwohner`;
    } else {
      const limits = model.brackets.map((x) => x.max_population).filter((x): x is number => x != null);
      bracket = limits.length > 0 ? `über ${groupThousands(Math.max(...limits))} Einwohner` : 'alle Kommunen';
    }
    shares.push({
      service: m.services.find((s) => s.id === model.service)?.name ?? null,
      bracket,
      one_off_cents: b.one_off_cents,
      annual_cents: b.annual_cents,
      note: model.note ?? null,
    });
  }
  return shares;
}

function listPackages(): InstalledPackage[] {
  const population = profile?.population ?? null;
  return [...installed.values()].map((p) => ({
    manifest: p.manifest,
    fingerprint: p.fingerprint,
    imported_at: p.imported_at,
    decisions: p.decisions,
    attended: [...p.attended].sort(),
    documents: p.manifest.documents.map((d) => ({
      path: d.path,
      title: d.title,
      media_type: d.media_type,
      size: d.size,
      sha256: d.sha256,
    })),
    archived_items: [...packageItems.values()]
      .filter((e) => e.archived && e.item.package === p.manifest.id)
      .map((e) => e.item),
    costs_for_municipality: population === null ? [] : costsFor(p.manifest, population),
  }));
}

function setServiceDecision(packageId: string, serviceId: string, input: ServiceDecision): ServiceDecision {
  const p = packageOf(packageId);
  if (!p.manifest.services.some((s) => s.id === serviceId)) {
    fail('service', `Unbekannter Onlinedienst „${serviceId}“.`);
  }
  const decisions: Decision[] = ['ja', 'nein', 'offen'];
  if (!decisions.includes(input.decision)) fail('decision', `Unbekannte Entscheidung ${quote(String(input.decision))}.`);
  const reason = text('reason', 'Die Begründung', input.reason, 2000, true);
  const old = p.decisions[serviceId] ?? { decision: 'offen', reason: null };
  const changes = (
    [
      ['decision', old.decision, input.decision],
      ['decision_reason', old.reason, reason],
    ] as [string, string | null, string | null][]
  ).filter(([, o, n]) => o !== n);
  const saved: ServiceDecision = { decision: input.decision, reason };
  if (changes.length > 0) {
    p.decisions[serviceId] = saved;
    record('service', `${packageId}/${serviceId}`, now(), changes);
  }
  return saved;
}

function setEventAttended(packageId: string, eventId: string, attended: boolean): null {
  const p = packageOf(packageId);
  if (!p.manifest.events.some((e) => e.id === eventId)) {
    fail('event', `Unbekannte Veranstaltung „${eventId}“.`);
  }
  const old = p.attended.has(eventId);
  if (old !== attended) {
    if (attended) p.attended.add(eventId);
    else p.attended.delete(eventId);
    record('event', `${packageId}/${eventId}`, now(), [['attended', old ? 'ja' : 'nein', attended ? 'ja' : 'nein']]);
  }
  return null;
}

function confirmReview(itemId: string): null {
  itemOf(itemId);
  const reason = reviews.get(itemId);
  if (reason !== undefined) {
    reviews.delete(itemId);
    record('item', itemId, now(), [['review', reason, null]]);
  }
  return null;
}

function openDocument(packageId: string, path: string): null {
  const p = packageOf(packageId);
  if (!p.manifest.documents.some((d) => d.path === path)) {
    fail('document', `Unbekanntes Dokument „${path}“.`);
  }
  return null;
}

function exportIcs(packageId: string, eventId: string | null): string | null {
  const p = packageOf(packageId);
  if (eventId !== null && !p.manifest.events.some((e) => e.id === eventId)) {
    fail('event', `Unbekannte Veranstaltung „${eventId}“.`);
  }
  // The Rust side proposes `<event id>.ics` (or `veranstaltungen.ics`) in a save dialog.
  return `/home/sachbearbeitung/Dokumente/${eventId ?? 'veranstaltungen'}.ics`;
}

// ---- readiness report ----------------------------------------------------------------------

const reportExports: ReportExport[] = [];
let nextExportId = 1;

/** The core's `report::preview`: the status report plus what is worth fixing before export. */
function reportPreview(): ReportPreview {
  if (!profile) {
    fail(
      null,
      'Für den Bericht fehlt das Profil Ihrer Kommune. Legen Sie zuerst das Profil an; Name, AGS und Land stehen auf der ersten Seite des Berichts.',
      'report_no_profile',
    );
  }
  const status = statusReport();
  const items = catalogueItems();
  const open = items.filter((i) => {
    const st = progressOf(i.id).status;
    return i.actor === 'kommune' && st !== 'erledigt' && st !== 'nicht_zutreffend';
  });
  const packages = [...installed.values()].map((p) => `${p.manifest.title}, Version ${p.manifest.version}`);
  const services = [...installed.values()].reduce((n, p) => n + p.manifest.services.length, 0);

  const warnings: string[] = [];
  const noOwner = open.filter((i) => !progressOf(i.id).owner).length;
  if (noOwner > 0) {
    warnings.push(
      noOwner === 1
        ? '1 offene Aufgabe der Kommune ohne Verantwortliche.'
        : `${noOwner} offene Aufgaben der Kommune ohne Verantwortliche.`,
    );
  }
  if (status.overdue.length > 0) {
    warnings.push(
      status.overdue.length === 1
        ? `1 Aufgabe ist überfällig: ${status.overdue[0]?.title ?? ''}.`
        : `${status.overdue.length} Aufgaben sind überfällig.`,
    );
  }
  const blockedWithoutText = status.blockers.filter((b) => !b.text).length;
  if (blockedWithoutText > 0) {
    warnings.push(`${blockedWithoutText} extern blockierte Aufgaben ohne Beschreibung des Hindernisses.`);
  }
  if (reviews.size > 0) {
    warnings.push(
      `${reviews.size} Aufgaben sind nach der Aktualisierung des Landespakets noch mit „Bitte prüfen“ markiert.`,
    );
  }
  if (installed.size === 0) {
    warnings.push('Es ist kein Informationspaket des Landes eingelesen; der Bericht nennt keine Onlinedienste des Landes.');
  }
  if (!profile.coordinator_email && !profile.coordinator_phone) {
    warnings.push('Im Profil fehlt eine Kontaktmöglichkeit der Koordination (E-Mail oder Telefon).');
  }

  const day = status.date;
  return {
    report_id: `BB-${profile.ags}-${day.replaceAll('-', '')}`,
    report_date: day,
    municipality: profile.name,
    ags: profile.ags,
    land: profile.land,
    percent: status.overall.percent,
    done: status.overall.done,
    applicable: status.overall.applicable,
    dimensions: status.dimensions.map((d) => [d.label, d.score.percent] as [string, number | null]),
    open_items: open.length,
    blockers: status.blockers.length,
    overdue: status.overdue.length,
    packages,
    services,
    warnings,
  };
}

/** A stand-in for the SHA-256 of the written PDF: 64 hex digits, different for every export. */
function fakeSha256(seed: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    for (const c of `${seed}#${round}`) {
      h ^= c.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

function exportReport(recipient: string | null): ReportExport | null {
  const preview = reportPreview();
  const to = recipient === null ? null : text('recipient', 'Der Empfänger', recipient, 200, false);
  // Rust shows the save dialog ("Bereitschaftsbericht speichern") here.
  if (params.get('berichtfehler') === 'abbruch') return null;
  const id = nextExportId++;
  const saved: ReportExport = {
    id,
    at: now(),
    report_id: preview.report_id,
    report_date: preview.report_date,
    path: `/home/sachbearbeitung/Bereitschaftsbericht-${preview.ags}-${preview.report_date}.pdf`,
    sha256: fakeSha256(`${preview.report_id}/${id}/${to ?? ''}`),
    bytes: 41_230 + preview.packages.length * 6_100 + preview.warnings.length * 380,
    pages: 2 + (preview.packages.length > 0 ? 1 : 0),
    recipient: to,
  };
  reportExports.push(saved);
  return saved;
}

function listReportExports(): ReportExport[] {
  return [...reportExports].sort((a, b) => b.id - a.id);
}

function openReport(exportId: number): null {
  const x = reportExports.find((e) => e.id === exportId);
  if (!x) fail(null, `Unbekannter Export ${exportId}.`, 'not_found');
  if (params.get('berichtfehler') === 'geaendert') {
    fail(
      null,
      `Die Datei ${x.path} wurde nach dem Export verändert. Speichern Sie den Bericht neu, statt die geänderte Datei zu drucken.`,
      'report_changed',
    );
  }
  return null;
}

/** Package commands the app called, for tests: `window.__mockCalls`. */
const calls: { cmd: string; args: unknown }[] = [];
(window as unknown as { __mockCalls: typeof calls }).__mockCalls = calls;

// ---- seed ------------------------------------------------------------------------------------

function seed(): void {
  setProfile({
    name: 'Stadt Musterstadt',
    ags: '09162000',
    population: 48200,
    coordinator_name: 'Anna Schmidt',
    coordinator_email: 'anna.schmidt@musterstadt.example',
    coordinator_phone: '089 1234-567',
  });
  setItem('vollzug-zustaendigkeit', { status: 'erledigt', owner: 'Hauptamt, Frau Yılmaz' });
  setItem('koordination-land', { status: 'erledigt' });
  setItem('fachverfahren-bestand', { status: 'erledigt', owner: 'IT-Stelle' });
  setItem('finanzierung-kosten', {
    status: 'in_arbeit',
    owner: 'Kämmerei, Herr Becker',
    due: addDays(-5),
    note: 'Angaben des Landes liegen vor; Rückfrage zu den laufenden Kosten offen.',
  });
  setItem('datenschutz-avv', { status: 'offen', owner: 'Datenschutzbeauftragte', due: addDays(7) });
  setItem('hersteller-beauftragen', {
    status: 'extern_blockiert',
    blocked_by: 'hersteller',
    blocked_text: 'Schnittstelle zu FIT-Connect erst im nächsten Release.',
    owner: 'IT-Stelle',
  });
  setItem('veranstaltung-teilnehmen', { status: 'nicht_zutreffend' });
}

if (!empty) seed();

// Package scenarios: version 1 installed, or version 2 installed as an update of version 1.
const packageScenario = params.get('paket');
if (packageScenario === '1' || packageScenario === '2') {
  importNow(clone(PACKAGE_V1));
  if (packageScenario === '2') {
    setItem('ni-fragebogen', { status: 'in_arbeit', owner: 'IT-Stelle' });
    setItem('ni-ansprechperson-melden', { status: 'erledigt', owner: 'Vergabestelle' });
    importNow(packageV2());
  }
}

// ---- IPC -------------------------------------------------------------------------------------

function arg<T>(payload: unknown, name: string): T {
  const args = (payload ?? {}) as Record<string, unknown>;
  if (!(name in args)) throw `invalid args \`${name}\`: command requires key ${name}`;
  return args[name] as T;
}

mockIPC((cmd, payload) => {
  switch (cmd) {
    case 'get_status':
      return clone(statusReport());
    case 'get_checklist':
      return clone(checklist());
    case 'set_item':
      return clone(setItem(arg<string>(payload, 'itemId'), clone(arg<ItemState>(payload, 'state'))));
    case 'get_profile':
      return clone(profile);
    case 'set_profile':
      return clone(setProfile(clone(arg<ProfileInput>(payload, 'input'))));
    case 'check_ags':
      return checkAgs(arg<string>(payload, 'ags'));
    case 'list_history':
      return clone(listHistory(arg<HistoryFilter>(payload, 'filter')));
    case 'app_info': {
      const info: AppInfo = {
        version: '0.1.0',
        db_path: '/home/sachbearbeitung/.local/share/de.anbindungscheck/anbindungscheck.sqlite',
      };
      return info;
    }
    case 'choose_package':
      calls.push({ cmd, args: null });
      return clone(choosePackage());
    case 'import_package': {
      const trust = arg<string | null>(payload, 'trust');
      calls.push({ cmd, args: { trust } });
      return importPackage(trust, arg<unknown>(payload, 'onProgress')).then(clone);
    }
    case 'list_packages':
      return clone(listPackages());
    case 'set_service_decision': {
      const args = {
        packageId: arg<string>(payload, 'packageId'),
        serviceId: arg<string>(payload, 'serviceId'),
        decision: clone(arg<ServiceDecision>(payload, 'decision')),
      };
      calls.push({ cmd, args });
      return clone(setServiceDecision(args.packageId, args.serviceId, args.decision));
    }
    case 'set_event_attended': {
      const args = {
        packageId: arg<string>(payload, 'packageId'),
        eventId: arg<string>(payload, 'eventId'),
        attended: arg<boolean>(payload, 'attended'),
      };
      calls.push({ cmd, args });
      return setEventAttended(args.packageId, args.eventId, args.attended);
    }
    case 'confirm_review': {
      const itemId = arg<string>(payload, 'itemId');
      calls.push({ cmd, args: { itemId } });
      return confirmReview(itemId);
    }
    case 'open_document': {
      const args = { packageId: arg<string>(payload, 'packageId'), path: arg<string>(payload, 'path') };
      calls.push({ cmd, args });
      return openDocument(args.packageId, args.path);
    }
    case 'export_ics': {
      const args = {
        packageId: arg<string>(payload, 'packageId'),
        eventId: arg<string | null>(payload, 'eventId'),
      };
      calls.push({ cmd, args });
      return exportIcs(args.packageId, args.eventId);
    }
    case 'report_preview':
      return clone(reportPreview());
    case 'export_report': {
      const recipient = arg<string | null>(payload, 'recipient');
      calls.push({ cmd, args: { recipient } });
      return clone(exportReport(recipient));
    }
    case 'list_report_exports':
      return clone(listReportExports());
    case 'open_report': {
      const exportId = arg<number>(payload, 'exportId');
      calls.push({ cmd, args: { exportId } });
      return openReport(exportId);
    }
    default:
      throw `command ${cmd} not found`;
  }
});
