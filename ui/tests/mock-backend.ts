// A stand-in for the Tauri backend in front-end tests (loaded only by `vite build --mode mock`).
// It mirrors the core's behaviour for what the tests exercise: an in-memory catalogue, progress
// with validation, the audit trail, the profile with the core's AGS rules, and the status report.
// `?szenario=leer` starts without a profile and without progress.

import { mockIPC } from '@tauri-apps/api/mocks';
import type {
  AgsCheck,
  AppInfo,
  BlockingParty,
  Checklist,
  ChecklistEntry,
  Deadline,
  Dimension,
  HistoryEntry,
  HistoryFilter,
  IpcError,
  Item,
  ItemProgress,
  ItemState,
  Point,
  Profile,
  ProfileInput,
  Score,
  Section,
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

const empty = new URLSearchParams(window.location.search).get('szenario') === 'leer';

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
  entity: 'profile' | 'item',
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
      item_title: itemId === null ? null : (ITEMS.find((i) => i.id === itemId)?.title ?? null),
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
  const item = ITEMS.find((i) => i.id === itemId);
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
  if (changes.length === 0) return { item, progress: old };
  const at = now();
  next.updated_at = at;
  progress.set(itemId, next);
  record('item', itemId, at, changes);
  return { item, progress: next };
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
  for (const item of ITEMS) {
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
    overall: score(ITEMS),
    dimensions: DIMENSIONS.map(([dimension, label]) => ({
      dimension,
      label,
      score: score(ITEMS.filter((i) => i.dimension === dimension)),
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
    entries: ITEMS.map((item) => ({ item, progress: progressOf(item.id) })),
  };
}

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
    default:
      throw `command ${cmd} not found`;
  }
});
