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
//   `?berichtfehler=abbruch` makes the save dialog of the report export come back cancelled;
// - `?sicherungfehler=fremd` makes the restore refuse the picked file (not ours),
//   `?sicherungfehler=schreiben` makes writing a backup fail (no permission),
//   `?sicherungfehler=abbruch` makes both file dialogs of the backup page come back cancelled;
// - `?nachweis=gross` makes the file picked for evidence too big, `?nachweis=typ` of a type that
//   is not accepted, `?nachweis=abbruch` cancels the file dialog (default: a PDF is picked);
// - `?termine=alle` installs version 1 of the package with dates of every kind on the dashboard
//   (an Anmeldeschluss, planned phases, an agreement and a certificate that expire);
// - `?inventar=1` (with `?paket=1` or `2`) starts with one Fachverfahren in the inventory.
//
// Backups: the state right after seeding is "the backup on disk"; `create_backup` replaces it
// with the current state and `restore_backup` brings it back (profile, progress, history).
//
// `choose_package` offers the next version: version 1 (first key of the Land) while nothing is
// installed, then version 2 (an update), then version 2 again (unchanged).

import { mockIPC } from '@tauri-apps/api/mocks';
import {
  ANALYSES,
  ANALYSIS_LABELS,
  AREAS,
  AREA_LABELS,
  BLOCKING_PARTY_LABELS,
  CHANGE_AREAS,
  CHANGE_KINDS,
  DEADLINE_KINDS,
  DEADLINE_KIND_LABELS,
  DIMENSIONS,
  DIMENSION_LABELS,
  ENTITY_FIELD_LABELS,
  FIELD_LABELS,
  INTERFACES,
  INTERFACE_LABELS,
  PHASES,
  PHASE_LABELS,
  PRIORITIES,
  PRIORITY_LABELS,
  REQUIREMENT_KINDS,
  REQUIREMENT_KIND_LABELS,
  ROLES,
  ROLE_LABELS,
  STATUS_LABELS,
  TRANSPORT_ROUTES,
  TRANSPORT_ROUTE_LABELS,
} from '../src/lib/enums';
import type {
  AgsCheck,
  BackupInfo,
  ErrorCode,
  RestoreInfo,
  AppInfo,
  Change,
  ChangeArea,
  Checklist,
  ChecklistEntry,
  CostShare,
  Deadline,
  DeadlineKind,
  Decision,
  Evidence,
  FachverfahrenInput,
  GuidanceNote,
  HistoryEntry,
  HistoryFilter,
  ImportPreview,
  InstalledPackage,
  Inventory,
  InventoryEntry,
  IpcError,
  Item,
  ItemProgress,
  ItemState,
  LandFachverfahren,
  Manifest,
  Person,
  PersonInput,
  Phase,
  PhaseDate,
  Point,
  Profile,
  ProfileInput,
  Progress,
  ReportExport,
  ReportPreview,
  Requirement,
  RequirementInput,
  Score,
  Section,
  ServiceDecision,
  ServiceState,
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

/** The core's `audit::field_label`: the German name of a recorded field. */
function fieldLabel(entity: string, field: string): string {
  const own = ENTITY_FIELD_LABELS.find(([e, f]) => e === entity && f === field);
  return own?.[2] ?? FIELD_LABELS[field] ?? 'Sonstiges';
}

/** The core's `audit::label_of`: the recorded keys of these fields by their German label. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  status: STATUS_LABELS,
  blocked_by: BLOCKING_PARTY_LABELS,
  role: ROLE_LABELS,
  phase: PHASE_LABELS,
  transport_route: TRANSPORT_ROUTE_LABELS,
  interface: INTERFACE_LABELS,
  analysis: ANALYSIS_LABELS,
  kind: REQUIREMENT_KIND_LABELS,
  area: AREA_LABELS,
  priority: PRIORITY_LABELS,
};

// ---- helpers ---------------------------------------------------------------------------------

function fail(field: string | null, message: string, code: ErrorCode = 'validation'): never {
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
  entity: 'profile' | 'item' | 'package' | 'service' | 'event' | 'person' | 'fachverfahren' | 'evidence' | 'requirement',
  itemId: string | null,
  at: string,
  changes: [string, string | null, string | null][],
): void {
  const itemTitle = itemId === null ? null : (allItems().find((i) => i.id === itemId)?.title ?? null);
  // Like the core's audit::subject (simplified: services and events by their ID).
  const subject =
    entity === 'profile'
      ? 'Profil'
      : entity === 'item' || entity === 'evidence'
        ? (itemTitle ?? itemId ?? '')
        : entity === 'person'
          ? 'Ansprechpersonen'
          : entity === 'fachverfahren'
            ? 'Fachverfahren'
            : `${entity === 'event' ? 'Veranstaltung' : entity === 'package' ? 'Informationspaket' : 'Onlinedienst'} ${itemId ?? ''}`;
  const display = (field: string, value: string | null): string | null =>
    value === null ? null : (VALUE_LABELS[field]?.[value] ?? value);
  for (const [field, oldValue, newValue] of changes) {
    history.push({
      id: nextHistoryId++,
      at,
      entity,
      item_id: itemId,
      item_title: itemTitle,
      subject,
      field,
      field_label: fieldLabel(entity, field),
      old_value: oldValue,
      new_value: newValue,
      old_display: display(field, oldValue),
      new_display: display(field, newValue),
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
        party_label: BLOCKING_PARTY_LABELS[p.blocked_by],
        text: p.blocked_text,
      });
    }
    const open = p.status !== 'erledigt' && p.status !== 'nicht_zutreffend';
    // The municipality's own due date, or else the Land's deadline.
    const due = p.due ?? item.deadline ?? null;
    if (open && due) {
      const d: Deadline = {
        kind: 'aufgabe',
        kind_label: DEADLINE_KIND_LABELS.aufgabe,
        item_id: item.id,
        context: null,
        title: item.title,
        due,
        days: daysBetween(day, due),
        status: p.status,
        owner: p.owner,
      };
      if (d.days < 0) overdue.push(d);
      else if (d.days <= DUE_SOON_DAYS) dueSoon.push(d);
    }
  }
  for (const d of otherDeadlines(day)) {
    if (d.days < 0) overdue.push(d);
    else if (d.days <= DUE_SOON_DAYS) dueSoon.push(d);
  }
  const byDue = (a: Deadline, b: Deadline): number =>
    a.due.localeCompare(b.due) ||
    DEADLINE_KINDS.indexOf(a.kind) - DEADLINE_KINDS.indexOf(b.kind) ||
    (a.item_id ?? '').localeCompare(b.item_id ?? '') ||
    a.title.localeCompare(b.title);
  return {
    schema: 'anbindungscheck.status/1',
    date: day,
    profile,
    overall: score(items),
    dimensions: DIMENSIONS.map((dimension) => ({
      dimension,
      label: DIMENSION_LABELS[dimension],
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
      CHANGE_AREAS.indexOf(a.area) - CHANGE_AREAS.indexOf(b.area) ||
      CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind) ||
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
    service_states: Object.fromEntries(
      p.manifest.services.flatMap((sv) => {
        const st = serviceStates.get(`${p.manifest.id}/${sv.id}`);
        return st ? [[sv.id, st] as const] : [];
      }),
    ),
    requirements: requirements.filter((r) => r.package_id === p.manifest.id),
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
      'validation',
    );
  }
  return null;
}

// ---- backups ---------------------------------------------------------------------------------

const DB_PATH = '/home/sachbearbeitung/.local/share/de.anbindungscheck/anbindungscheck.sqlite';
const BACKUP_FOLDER = '/home/sachbearbeitung/.local/share/de.anbindungscheck/backups';

type Snapshot = { profile: Profile | null; progress: [string, ItemProgress][]; history: HistoryEntry[] };
let backupSnapshot: Snapshot | null = null;
let backupFile = '/home/sachbearbeitung/Dokumente/Anbindungscheck-Sicherung-09162000-2026-01-15.sqlite';

function snapshot(): Snapshot {
  return clone({ profile, progress: [...progress.entries()], history });
}

function createBackup(): BackupInfo | null {
  // Rust shows the save dialog ("Sicherung speichern") here.
  const error = params.get('sicherungfehler');
  if (error === 'abbruch') return null;
  const name = `Anbindungscheck-Sicherung-${profile?.ags ?? 'ohne-Profil'}-${today()}.sqlite`;
  const path = `/media/usb-stick/${name}`;
  if (error === 'schreiben') {
    fail(null, `Dateifehler bei ${path}: Keine Berechtigung (os error 13)`, 'io');
  }
  backupSnapshot = snapshot();
  backupFile = path;
  return { path, bytes: 1_572_864 + history.length * 512, at: now() };
}

function restoreBackup(): RestoreInfo | null {
  // Rust shows the file dialog ("Sicherung wiederherstellen") here.
  const error = params.get('sicherungfehler');
  if (error === 'abbruch') return null;
  if (error === 'fremd') {
    fail(
      null,
      'Die Datei /home/sachbearbeitung/Downloads/adressen.sqlite ist keine Datenbank von Anbindungscheck.',
      'database_foreign',
    );
  }
  const snap = clone(backupSnapshot ?? initialSnapshot);
  profile = snap.profile;
  progress.clear();
  for (const [id, p] of snap.progress) progress.set(id, p);
  history.length = 0;
  history.push(...snap.history);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.(\d{3})Z$/, '.$1000Z');
  return { from: backupFile, kept: `${BACKUP_FOLDER}/anbindungscheck-${stamp}-v7.sqlite` };
}

/** Package commands the app called, for tests: `window.__mockCalls`. */
const calls: { cmd: string; args: unknown }[] = [];
(window as unknown as { __mockCalls: typeof calls }).__mockCalls = calls;

// ---- deadlines of every kind, people, evidence -------------------------------------------------

/** The core's `DUE_SOON_DAYS`. */
const DUE_SOON_DAYS = 30;


/**
 * Dates of services (planned phases, expiry of the agreement and of the certificate). The
 * `?termine=alle` scenario fills this list.
 */
const serviceDates: {
  kind: DeadlineKind;
  packageId: string;
  serviceId: string;
  context: string | null;
  due: string;
}[] = [];

function otherDeadline(kind: DeadlineKind, context: string | null, title: string, due: string, day: string): Deadline {
  return {
    kind,
    kind_label: DEADLINE_KIND_LABELS[kind],
    item_id: null,
    context,
    title,
    due,
    days: daysBetween(day, due),
    status: null,
    owner: null,
  };
}

/** The core's `Store::other_deadlines`: registration deadlines and the services' dates. */
function otherDeadlines(day: string): Deadline[] {
  const out: Deadline[] = [];
  for (const p of installed.values()) {
    for (const e of p.manifest.events) {
      const due = e.registration_deadline ?? null;
      if (due !== null && due >= day && !p.attended.has(e.id)) {
        out.push(otherDeadline('anmeldeschluss', p.manifest.title, e.title, due, day));
      }
    }
  }
  for (const d of serviceDates) {
    const p = installed.get(d.packageId);
    const service = p?.manifest.services.find((s) => s.id === d.serviceId);
    if (!p || !service || p.decisions[d.serviceId]?.decision === 'nein') continue;
    out.push(otherDeadline(d.kind, d.context, service.name, d.due, day));
  }
  return out;
}


const people: Person[] = [];
let nextPersonId = 1;

/** The core's `profile::check_email` (the common cases). */
function checkEmail(field: string, email: string): void {
  const bad = (why: string): never => fail(field, `E-Mail-Adresse ${quote(email)}: ${why}`);
  const at = email.indexOf('@');
  if (at < 0) bad('das Zeichen „@“ fehlt.');
  if (/\s/.test(email)) bad('sie darf keine Leerzeichen enthalten.');
  if (at === 0) bad('vor dem „@“ fehlt der Name.');
  const domain = email.slice(at + 1);
  if (domain.includes('@')) bad('sie enthält mehr als ein „@“.');
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((l) => l === '')) {
    bad('nach dem „@“ fehlt eine gültige Domain wie „kommune.de“.');
  }
}

/** The core's `PersonInput::validate`. */
function validatePerson(input: PersonInput): Person {
  const role = input.role;
  if (!(role in ROLE_LABELS)) fail('role', `Unbekannte Rolle ${quote(String(role))}.`);
  const name = text('name', 'Der Name', input.name, 200);
  if (name === null) fail('name', 'Der Name fehlt.');
  const email = text('email', 'Die E-Mail-Adresse', input.email, 254);
  if (email !== null) checkEmail('email', email);
  if (role === 'postfach' && email === null) {
    fail('email', 'Für das Funktionspostfach fehlt die E-Mail-Adresse.');
  }
  const phone = text('phone', 'Die Telefonnummer', input.phone, 40);
  if (phone !== null && (!/^[0-9 +\-/()]+$/.test(phone) || phone.replace(/\D/g, '').length < 3)) {
    fail('phone', `Telefonnummer ${quote(phone)}: erlaubt sind Ziffern, Leerzeichen und + - / ( ).`);
  }
  return { id: 0, role, role_label: ROLE_LABELS[role], name, email, phone };
}

function listPeople(): Person[] {
  return [...people].sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.id - b.id);
}

function savePerson(id: number | null, input: PersonInput): Person {
  const next = validatePerson(input);
  const at = now();
  const fields = ['role', 'name', 'email', 'phone'] as const;
  if (id === null) {
    next.id = nextPersonId++;
    people.push(next);
    const changes = fields
      .map((f): [string, string | null, string | null] => [f, null, next[f]])
      .filter(([, , n]) => n !== null);
    record('person', `person/${next.id}`, at, changes);
    return next;
  }
  const index = people.findIndex((p) => p.id === id);
  const old = people[index];
  if (!old) fail('person', `Person Nr. ${id} gibt es nicht (mehr).`);
  next.id = id;
  people[index] = next;
  const changes = fields
    .map((f): [string, string | null, string | null] => [f, old[f], next[f]])
    .filter(([, o, n]) => o !== n);
  if (changes.length > 0) record('person', `person/${id}`, at, changes);
  return next;
}

function removePerson(id: number): null {
  const index = people.findIndex((p) => p.id === id);
  const old = people[index];
  if (!old) fail('person', `Person Nr. ${id} gibt es nicht (mehr).`);
  people.splice(index, 1);
  record('person', `person/${id}`, now(), [['name', old.name, null]]);
  return null;
}

type StoredEvidence = Evidence & { removed: boolean };
const evidence: StoredEvidence[] = [];
let nextEvidenceId = 1;

const EVIDENCE_EXTENSIONS = ['pdf', 'png', 'jpg', 'jpeg', 'odt', 'ods', 'docx', 'txt', 'csv'];

function shown(e: StoredEvidence): Evidence {
  const { removed: _removed, ...rest } = e;
  return rest;
}

function storeEvidence(
  itemId: string,
  title: string,
  fileName: string,
  mediaType: string,
  size: number,
  at = now(),
): Evidence {
  const e: StoredEvidence = {
    id: nextEvidenceId++,
    item_id: itemId,
    title,
    file_name: fileName,
    media_type: mediaType,
    size,
    sha256: fakeSha256(`${itemId}/${fileName}/${size}/${nextEvidenceId}`),
    added_at: at,
    removed: false,
  };
  evidence.push(e);
  record('evidence', itemId, at, [['evidence', null, `${title} (${fileName}, SHA-256 ${e.sha256})`]]);
  return shown(e);
}

function listEvidence(itemId: string | null): Evidence[] {
  return evidence.filter((e) => !e.removed && (itemId === null || e.item_id === itemId)).map(shown);
}

/** `add_evidence`: Rust shows the file dialog ("Nachweis hinzufügen") here; a file is "picked". */
function addEvidence(itemId: string, title: string | null): Evidence | null {
  itemOf(itemId);
  const given = text('title', 'Der Titel', title, 200);
  const scenario = params.get('nachweis');
  if (scenario === 'abbruch') return null;
  if (scenario === 'gross') {
    fail('file', 'Die Datei ist zu groß (31 MB); erlaubt sind höchstens 25 MB.');
  }
  if (scenario === 'typ') {
    fail('file', `Dateityp „.exe“ wird nicht angenommen; erlaubt sind: ${EVIDENCE_EXTENSIONS.join(', ')}.`);
  }
  const fileName = 'Ratsbeschluss-2026-11.pdf';
  return storeEvidence(itemId, given ?? 'Ratsbeschluss-2026-11', fileName, 'application/pdf', 1_258_291);
}

function removeEvidence(id: number): null {
  const e = evidence.find((x) => x.id === id && !x.removed);
  if (!e) fail('evidence', `Nachweis Nr. ${id} gibt es nicht (mehr).`);
  e.removed = true;
  record('evidence', e.item_id, now(), [['evidence', `${e.title} (${e.file_name}, SHA-256 ${e.sha256})`, null]]);
  return null;
}

function openEvidence(id: number): null {
  if (!evidence.some((x) => x.id === id && !x.removed)) {
    fail('evidence', `Nachweis Nr. ${id} gibt es nicht (mehr).`);
  }
  return null;
}

// ---- services (phase, connection data, requirements) and the Fachverfahren inventory ---------


/** Service states by `<package ID>/<service ID>`. */
const serviceStates = new Map<string, ServiceState>();
const requirements: Requirement[] = [];
let nextRequirementId = 1;
const fachverfahren: (FachverfahrenInput & { id: number; updated_at: string })[] = [];
let nextFachverfahrenId = 1;

/** The core's `Store::known_service`. */
function knownService(packageId: string, serviceId: string): void {
  const p = packageOf(packageId);
  if (!p.manifest.services.some((s) => s.id === serviceId)) {
    fail('service', `Unbekannter Onlinedienst „${serviceId}“.`);
  }
}

/** The core's `service_state::checked`: length, then the format, naming what is expected. */
function checkedField(
  field: string,
  label: string,
  value: string | null | undefined,
  max: number,
  format: (v: string) => string | null,
): string | null {
  const v = text(field, label, value, max);
  if (v === null) return null;
  const expected = format(v);
  if (expected !== null) fail(field, `${label} ${quote(v)} hat nicht das erwartete Format: ${expected}`);
  return v;
}

function optionalDate(field: string, label: string, value: string | null | undefined): string | null {
  const v = (value ?? '').trim();
  return v === '' ? null : parseDate(field, label, v);
}

/** The core's `ServiceState::validate`. */
function validateServiceState(s: ServiceState): ServiceState {
  const dates: PhaseDate[] = [];
  for (const pd of s.phase_dates ?? []) {
    if (!PHASES.includes(pd.phase)) fail('phase', `Unbekannte Phase ${quote(String(pd.phase))}.`);
    if (dates.some((d) => d.phase === pd.phase)) {
      fail('phase_dates', `Für die Phase „${PHASE_LABELS[pd.phase]}“ ist mehr als ein Datum angegeben.`);
    }
    const date = optionalDate('phase_dates', `Datum der Phase „${PHASE_LABELS[pd.phase]}“`, pd.date);
    if (date !== null) dates.push({ phase: pd.phase, date });
  }
  dates.sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase));
  const phase = s.phase ?? null;
  if (phase !== null && !PHASES.includes(phase)) fail('phase', `Unbekannte Phase ${quote(String(phase))}.`);
  const c = s.connection ?? {};
  const ouId = checkedField('ou_id', 'Die Organisationseinheit-ID', c.ou_id, 64, (v) =>
    /^[A-Za-z0-9\-_.:]+$/.test(v) ? null : 'erlaubt sind Buchstaben, Ziffern und - _ . : (ohne Leerzeichen).',
  );
  const pvogUrl = checkedField('pvog_url', 'Der PVOG-Link', c.pvog_url, 500, (v) => {
    const expected = 'ein Link, der mit „https://“ beginnt, z. B. https://www.pvog.de/…';
    if (!v.startsWith('https://')) return expected;
    const host = v.slice(8).split(/[/?#]/)[0] ?? '';
    const hostOk = host.includes('.') && !host.startsWith('.') && !host.endsWith('.') && /^[A-Za-z0-9\-.:]+$/.test(host);
    return hostOk && !/[\s<>"\\`]/.test(v) ? null : expected;
  });
  const dvdvKey = checkedField('dvdv_key', 'Die DVDV-Kennung', c.dvdv_key, 80, (v) => {
    const expected = 'Präfix und Kennung mit Doppelpunkt, z. B. ags:09162000.';
    const i = v.indexOf(':');
    if (i < 0) return expected;
    const prefix = v.slice(0, i);
    const id = v.slice(i + 1);
    if (!/^[a-z0-9]{2,10}$/.test(prefix) || !/^[A-Za-z0-9\-_.]{1,64}$/.test(id)) return expected;
    if (prefix === 'ags') {
      try {
        parseAgs(id);
      } catch {
        return 'nach „ags:“ folgt ein gültiger Amtlicher Gemeindeschlüssel (8 Ziffern).';
      }
    }
    return null;
  });
  const destination = checkedField(
    'fit_connect_destination',
    'Die FIT-Connect-Zustellpunkt-ID',
    c.fit_connect_destination,
    36,
    (v) =>
      /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(v)
        ? null
        : 'eine UUID wie 3f2a9c1e-7b4d-4e2a-9f10-2c6d8e4b1a57.',
  );
  const route = c.transport_route ?? null;
  if (route !== null && !TRANSPORT_ROUTES.includes(route)) fail('transport_route', `Unbekannter Transportweg ${quote(String(route))}.`);
  return {
    phase,
    phase_dates: dates,
    connection: {
      ou_id: ouId,
      pvog_url: pvogUrl,
      dvdv_key: dvdvKey,
      fit_connect_destination: destination === null ? null : destination.toLowerCase(),
      transport_route: route,
    },
    agreement_expires: optionalDate('agreement_expires', 'Ablaufdatum der Vereinbarung', s.agreement_expires),
    certificate_expires: optionalDate('certificate_expires', 'Ablaufdatum des Zertifikats', s.certificate_expires),
    pilot_interest: s.pilot_interest === true,
    training_needed: s.training_needed === true,
  };
}

/** The audited fields of a service state (the core's `state_fields`). */
function stateFields(s: ServiceState | undefined): [string, string | null][] {
  const c = s?.connection ?? {};
  const dates = (s?.phase_dates ?? []).map((p) => `${PHASE_LABELS[p.phase]}: ${p.date}`).join(', ');
  return [
    ['phase', s?.phase ?? null],
    ['phase_dates', dates === '' ? null : dates],
    ['ou_id', c.ou_id ?? null],
    ['pvog_url', c.pvog_url ?? null],
    ['dvdv_key', c.dvdv_key ?? null],
    ['fit_connect_destination', c.fit_connect_destination ?? null],
    ['transport_route', c.transport_route ?? null],
    ['agreement_expires', s?.agreement_expires ?? null],
    ['certificate_expires', s?.certificate_expires ?? null],
    ['pilot_interest', s?.pilot_interest ? 'ja' : null],
    ['training_needed', s?.training_needed ? 'ja' : null],
  ];
}

function setServiceState(packageId: string, serviceId: string, input: ServiceState): ServiceState {
  knownService(packageId, serviceId);
  const next = validateServiceState(input);
  const key = `${packageId}/${serviceId}`;
  const old = stateFields(serviceStates.get(key));
  const changes = stateFields(next)
    .map(([f, n], i): [string, string | null, string | null] => [f, old[i]?.[1] ?? null, n])
    .filter(([, o, n]) => o !== n);
  if (changes.length > 0) {
    serviceStates.set(key, next);
    record('service', key, now(), changes);
  }
  return next;
}

/** The core's `Store::save_requirement`. */
function saveRequirement(id: number | null, input: RequirementInput): Requirement {
  const description = text('description', 'Die Beschreibung', input.description, 4000, true);
  if (description === null) fail('description', 'Die Beschreibung fehlt.');
  if (!REQUIREMENT_KINDS.includes(input.kind)) fail('kind', `Unbekannte Art ${quote(String(input.kind))}.`);
  if (!AREAS.includes(input.area)) fail('area', `Unbekannter Bereich ${quote(String(input.area))}.`);
  if (!PRIORITIES.includes(input.priority)) fail('priority', `Unbekannte Priorität ${quote(String(input.priority))}.`);
  knownService(input.package_id, input.service_id);
  const at = now();
  const fields = (r: RequirementInput | undefined): [string, string | null][] => [
    ['kind', r?.kind ?? null],
    ['area', r?.area ?? null],
    ['description', r?.description ?? null],
    ['priority', r?.priority ?? null],
  ];
  const r: RequirementInput = { ...input, description };
  let saved: Requirement;
  let old: [string, string | null][];
  if (id === null) {
    saved = { id: nextRequirementId++, created_at: at, updated_at: at, ...r };
    requirements.push(saved);
    old = fields(undefined);
  } else {
    const index = requirements.findIndex(
      (x) => x.id === id && x.package_id === r.package_id && x.service_id === r.service_id,
    );
    const before = requirements[index];
    if (!before) fail('requirement', `Anforderung Nr. ${id} gibt es nicht (mehr).`);
    old = fields(before);
    saved = { ...before, ...r, updated_at: at };
    requirements[index] = saved;
  }
  const changes = fields(r)
    .map(([f, n], i): [string, string | null, string | null] => [f, old[i]?.[1] ?? null, n])
    .filter(([, o, n]) => o !== n);
  record('requirement', `${r.package_id}/${r.service_id}`, at, changes);
  return saved;
}

function removeRequirement(id: number): null {
  const index = requirements.findIndex((x) => x.id === id);
  const r = requirements[index];
  if (!r) fail('requirement', `Anforderung Nr. ${id} gibt es nicht (mehr).`);
  requirements.splice(index, 1);
  record('requirement', `${r.package_id}/${r.service_id}`, now(), [['description', r.description, null]]);
  return null;
}

/** The core's `FachverfahrenInput::validate`. */
function validateFachverfahren(f: FachverfahrenInput): FachverfahrenInput {
  const product = text('product', 'Das Produkt', f.product, 200);
  if (product === null) fail('product', 'Das Produkt fehlt.');
  const vendor = text('vendor', 'Der Hersteller', f.vendor, 200);
  if (vendor === null) fail('vendor', 'Der Hersteller fehlt.');
  const version = text('version', 'Die Version', f.version, 50);
  const known = [...installed.values()].flatMap((p) => p.manifest.services.map((s) => s.id));
  const services: string[] = [];
  for (const id of f.services ?? []) {
    if (!known.includes(id)) fail('services', `Unbekannter Onlinedienst ${quote(id)}.`);
    if (!services.includes(id)) services.push(id);
  }
  if (!INTERFACES.includes(f.interface)) fail('interface', `Unbekannte Schnittstelle ${quote(String(f.interface))}.`);
  if (!ANALYSES.includes(f.analysis)) fail('analysis', `Unbekannter Analysestand ${quote(String(f.analysis))}.`);
  const day = (f.commissioned_on ?? '').trim();
  let commissionedOn: string | null = null;
  if (day !== '') {
    if (!f.vendor_commissioned) {
      fail('commissioned_on', 'Ein Beauftragungsdatum gibt es nur, wenn der Hersteller beauftragt ist.');
    }
    commissionedOn = parseDate('commissioned_on', 'Beauftragt am', day);
  }
  const note = text('note', 'Die Notiz', f.note, 2000, true);
  return {
    product,
    vendor,
    version,
    services,
    interface: f.interface,
    vendor_commissioned: f.vendor_commissioned === true,
    commissioned_on: commissionedOn,
    analysis: f.analysis,
    note,
  };
}

/** The core's `inventory::match_key`. */
function matchKey(product: string, vendor: string): string {
  const norm = (s: string): string => [...s.toLowerCase()].filter((c) => /[\p{L}\p{N}]/u.test(c)).join('');
  return `${norm(product)}\u001f${norm(vendor)}`;
}

/** The core's `Store::inventory`: the entries matched with the Land's list. */
function inventory(): Inventory {
  const land: LandFachverfahren[] = [...installed.values()].flatMap((p) =>
    p.manifest.fachverfahren.map((f) => ({
      package_id: p.manifest.id,
      id: f.id,
      product: f.product,
      vendor: f.vendor,
      interface: f.interface,
      services: [...f.services],
    })),
  );
  const entries: InventoryEntry[] = fachverfahren.map((f) => {
    const key = matchKey(f.product, f.vendor);
    return { ...f, land_match: land.find((l) => matchKey(l.product, l.vendor) === key) ?? null };
  });
  const landOnly = land.filter((l) => !entries.some((e) => e.land_match?.package_id === l.package_id && e.land_match.id === l.id));
  return { entries, land_only: landOnly };
}

/** The audited fields of a Fachverfahren (the core's `fachverfahren_fields`). */
function fachverfahrenFields(f: FachverfahrenInput | undefined): [string, string | null][] {
  return [
    ['product', f?.product ?? null],
    ['vendor', f?.vendor ?? null],
    ['version', f?.version ?? null],
    ['services', f ? f.services.join(', ') || null : null],
    ['interface', f?.interface ?? null],
    ['vendor_commissioned', f ? (f.vendor_commissioned ? 'ja' : 'nein') : null],
    ['commissioned_on', f?.commissioned_on ?? null],
    ['analysis', f?.analysis ?? null],
  ];
}

function saveFachverfahren(id: number | null, input: FachverfahrenInput): InventoryEntry {
  const f = validateFachverfahren(input);
  const at = now();
  let old: [string, string | null][];
  let savedId: number;
  if (id === null) {
    savedId = nextFachverfahrenId++;
    fachverfahren.push({ ...f, id: savedId, updated_at: at });
    old = fachverfahrenFields(undefined);
  } else {
    const index = fachverfahren.findIndex((x) => x.id === id);
    const before = fachverfahren[index];
    if (!before) fail('fachverfahren', `Fachverfahren Nr. ${id} gibt es nicht (mehr).`);
    old = fachverfahrenFields(before);
    fachverfahren[index] = { ...f, id, updated_at: at };
    savedId = id;
  }
  const changes = fachverfahrenFields(f)
    .map(([k, n], i): [string, string | null, string | null] => [k, old[i]?.[1] ?? null, n])
    .filter(([, o, n]) => o !== n);
  record('fachverfahren', `fachverfahren/${savedId}`, at, changes);
  const entry = inventory().entries.find((e) => e.id === savedId);
  if (!entry) fail('fachverfahren', `Fachverfahren Nr. ${savedId} gibt es nicht (mehr).`);
  return entry;
}

function removeFachverfahren(id: number): null {
  const index = fachverfahren.findIndex((x) => x.id === id);
  const f = fachverfahren[index];
  if (!f) fail('fachverfahren', `Fachverfahren Nr. ${id} gibt es nicht (mehr).`);
  fachverfahren.splice(index, 1);
  record('fachverfahren', `fachverfahren/${id}`, now(), [['product', f.product, null]]);
  return null;
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
  savePerson(null, {
    role: 'ozg_koordination',
    name: 'Anna Schmidt',
    email: 'anna.schmidt@musterstadt.example',
    phone: '089 1234-567',
  });
  savePerson(null, { role: 'projektleitung', name: 'Kämmerei, Herr Becker', phone: '089 1234-210' });
  savePerson(null, { role: 'technik', name: 'IT-Stelle, Herr Okafor', email: 'it@musterstadt.example' });
  savePerson(null, { role: 'datenschutz', name: 'Dr. Petra Vogel', email: 'datenschutz@musterstadt.example' });
  savePerson(null, { role: 'postfach', name: 'OZG-Postfach', email: 'ozg@musterstadt.example' });
  const earlier = new Date(Date.now() - 3 * 86_400_000).toISOString();
  storeEvidence('vollzug-zustaendigkeit', 'Ratsbeschluss zur Zuständigkeit', 'Ratsbeschluss-2026-09.pdf', 'application/pdf', 1_258_291, earlier);
  storeEvidence('vollzug-zustaendigkeit', 'Geschäftsverteilungsplan', 'GVP-Hauptamt.odt', 'application/vnd.oasis.opendocument.text', 48_640, earlier);
  storeEvidence('finanzierung-kosten', 'Kostenaufstellung des Landes', 'Kosten-EfA-Vergabe.pdf', 'application/pdf', 318_976, earlier);
}

if (!empty) seed();

/** The state right after seeding: what the backup on disk holds until the clerk writes one. */
const initialSnapshot = snapshot();

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

// `?inventar=1` (with a package): one Fachverfahren already in the inventory, matched with the
// Land's list; the other one of the Land's list is not entered yet.
if (params.get('inventar') === '1' && installed.size > 0) {
  saveFachverfahren(null, {
    product: 'Vergabemanager (Beispiel)',
    vendor: 'Muster Software GmbH',
    version: '8.1',
    services: ['praequalifizierung', 'bekanntmachung'],
    interface: 'fit_connect',
    vendor_commissioned: true,
    commissioned_on: '2026-09-01',
    analysis: 'in_pruefung',
    note: null,
  });
}

// Dates of every kind on the dashboard: the package with an Anmeldeschluss soon, and dates of its
// services (overdue and within the next 30 days).
if (params.get('termine') === 'alle') {
  if (!installed.has(PACKAGE_V1.id)) {
    const m = clone(PACKAGE_V1);
    const info = m.events.find((e) => e.id === 'info-2027-01');
    if (info) info.registration_deadline = addDays(9);
    importNow(m);
  }
  const id = PACKAGE_V1.id;
  serviceDates.push(
    { kind: 'phase', packageId: id, serviceId: 'praequalifizierung', context: 'Phase „Freischaltung“', due: addDays(-3) },
    { kind: 'zertifikat', packageId: id, serviceId: 'bekanntmachung', context: null, due: addDays(-1) },
    { kind: 'phase', packageId: id, serviceId: 'eigenerklaerung', context: 'Phase „Produktionstest“', due: addDays(12) },
    { kind: 'vereinbarung', packageId: id, serviceId: 'praequalifizierung', context: null, due: addDays(25) },
    { kind: 'zertifikat', packageId: id, serviceId: 'eigenerklaerung', context: null, due: addDays(60) },
  );
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
      const info: AppInfo = { version: '0.1.0', db_path: DB_PATH };
      return info;
    }
    case 'backup_folder':
      return BACKUP_FOLDER;
    case 'create_backup':
      calls.push({ cmd, args: null });
      return clone(createBackup());
    case 'restore_backup':
      calls.push({ cmd, args: null });
      return clone(restoreBackup());
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
    case 'list_people':
      return clone(listPeople());
    case 'save_person': {
      const args = { id: arg<number | null>(payload, 'id'), input: clone(arg<PersonInput>(payload, 'input')) };
      calls.push({ cmd, args });
      return clone(savePerson(args.id, args.input));
    }
    case 'remove_person': {
      const id = arg<number>(payload, 'id');
      calls.push({ cmd, args: { id } });
      return removePerson(id);
    }
    case 'list_evidence':
      return clone(listEvidence(arg<string | null>(payload, 'itemId')));
    case 'add_evidence': {
      const args = { itemId: arg<string>(payload, 'itemId'), title: arg<string | null>(payload, 'title') };
      calls.push({ cmd, args });
      return clone(addEvidence(args.itemId, args.title));
    }
    case 'remove_evidence': {
      const id = arg<number>(payload, 'id');
      calls.push({ cmd, args: { id } });
      return removeEvidence(id);
    }
    case 'open_evidence': {
      const id = arg<number>(payload, 'id');
      calls.push({ cmd, args: { id } });
      return openEvidence(id);
    }
    case 'set_service_state': {
      const args = {
        packageId: arg<string>(payload, 'packageId'),
        serviceId: arg<string>(payload, 'serviceId'),
        state: clone(arg<ServiceState>(payload, 'state')),
      };
      calls.push({ cmd, args });
      return clone(setServiceState(args.packageId, args.serviceId, args.state));
    }
    case 'save_requirement': {
      const args = { id: arg<number | null>(payload, 'id'), input: clone(arg<RequirementInput>(payload, 'input')) };
      calls.push({ cmd, args });
      return clone(saveRequirement(args.id, args.input));
    }
    case 'remove_requirement': {
      const id = arg<number>(payload, 'id');
      calls.push({ cmd, args: { id } });
      return removeRequirement(id);
    }
    case 'get_inventory':
      return clone(inventory());
    case 'save_fachverfahren': {
      const args = { id: arg<number | null>(payload, 'id'), input: clone(arg<FachverfahrenInput>(payload, 'input')) };
      calls.push({ cmd, args });
      return clone(saveFachverfahren(args.id, args.input));
    }
    case 'remove_fachverfahren': {
      const id = arg<number>(payload, 'id');
      calls.push({ cmd, args: { id } });
      return removeFachverfahren(id);
    }
    default:
      throw `command ${cmd} not found`;
  }
});
