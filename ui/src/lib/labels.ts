// German labels for the core's keys, and date formatting for the UI.

// The keys and labels of the core's closed lists are generated from the Rust types
// (`ui/src/lib/enums.ts`); this module re-exports them next to what only the UI needs.
export * from './enums';

import {
  BLOCKING_PARTIES,
  BLOCKING_PARTY_LABELS,
  DECISIONS,
  DIMENSIONS,
  KOMMUNE_KINDS,
  PHASES,
  ROLES,
  STATUSES,
  STATUS_LABELS,
  TRANSPORT_ROUTES,
} from './enums';
import type {
  BlockingParty,
  CostBracket,
  DeadlineKind,
  Decision,
  Dimension,
  Interface,
  KommuneKind,
  Phase,
  Role,
  Status,
  TransportRoute,
} from './bindings';

export function isKommuneKind(value: string): value is KommuneKind {
  return (KOMMUNE_KINDS as readonly string[]).includes(value);
}

/** A Gemeindeverband (Amt, Verbandsgemeinde, Samtgemeinde, Verwaltungsgemeinschaft). */
export function isVerband(kind: KommuneKind): boolean {
  return ['amt', 'verbandsgemeinde', 'samtgemeinde', 'verwaltungsgemeinschaft'].includes(kind);
}

/** Whether a Kommune of this kind acts for member municipalities (as the core's `has_members`). */
export function hasMembers(kind: KommuneKind): boolean {
  return isVerband(kind) || kind === 'kreis';
}

export function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}

export function isBlockingParty(value: string): value is BlockingParty {
  return (BLOCKING_PARTIES as readonly string[]).includes(value);
}

export function isDimension(value: string): value is Dimension {
  return (DIMENSIONS as readonly string[]).includes(value);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `2025-03-07` → `07.03.2025`; anything else is returned unchanged. */
export function formatDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate.trim());
  return m ? `${m[3]}.${m[2]}.${m[1]}` : isoDate;
}

/** An RFC 3339 timestamp in local time: `07.03.2025, 14:05 Uhr`. */
export function formatDateTime(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  return (
    `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}, ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())} Uhr`
  );
}

/** "seit 1 Tag", "seit 5 Tagen" for overdue deadlines (days is negative). */
export function overdueText(days: number): string {
  const n = Math.abs(days);
  return n === 1 ? 'seit 1 Tag' : `seit ${n} Tagen`;
}

/** "heute", "morgen", "in 5 Tagen" for upcoming deadlines. */
export function dueInText(days: number): string {
  if (days <= 0) return 'heute';
  if (days === 1) return 'morgen';
  return `in ${days} Tagen`;
}

/** "1 Aufgabe", "3 Aufgaben". */
export function tasks(n: number): string {
  return n === 1 ? '1 Aufgabe' : `${n} Aufgaben`;
}

/** A recorded value of the audit trail as the clerk reads it. */
export function historyValue(field: string, value: string | null): string | null {
  if (value === null || value === '') return null;
  if (field === 'status' && isStatus(value)) return STATUS_LABELS[value];
  if (field === 'blocked_by' && isBlockingParty(value)) return BLOCKING_PARTY_LABELS[value];
  if (['due', 'commissioned_on', 'agreement_expires', 'certificate_expires'].includes(field)) return formatDate(value);
  if (field === 'population') {
    const n = Number(value);
    return Number.isInteger(n) ? formatNumber(n) : value;
  }
  return value;
}

/** Today's date in local time as `YYYY-MM-DD`. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** 48200 → `48.200` (German digit grouping, independent of the system locale). */
export function formatNumber(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

// ---- information packages of the Land ----------------------------------------------------------

export function isDecision(value: string): value is Decision {
  return (DECISIONS as readonly string[]).includes(value);
}

const EURO = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });

/** 300000 (cents) → `3.000,00 €` (with a no-break space before the sign). */
export function formatEuro(cents: number): string {
  return EURO.format(cents / 100);
}

const DECIMAL = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });

/** File sizes as the clerk reads them: `812 Bytes`, `2,4 KB`, `245 KB`, `1,3 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return bytes === 1 ? '1 Byte' : `${formatNumber(bytes)} Bytes`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${DECIMAL.format(kb < 10 ? kb : Math.round(kb))} KB`;
  const mb = kb / 1024;
  return `${DECIMAL.format(mb < 10 ? mb : Math.round(mb))} MB`;
}

const MEDIA_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'text/plain': 'Text',
  'text/csv': 'CSV (Tabelle)',
  'text/markdown': 'Markdown-Text',
  'text/html': 'HTML',
  'application/json': 'JSON',
  'application/xml': 'XML',
  'text/xml': 'XML',
  'application/zip': 'ZIP-Archiv',
  'image/png': 'PNG-Bild',
  'image/jpeg': 'JPEG-Bild',
  'image/svg+xml': 'SVG-Grafik',
  'application/msword': 'Word',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.ms-excel': 'Excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel-Tabelle',
  'application/vnd.ms-powerpoint': 'PowerPoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  'application/vnd.oasis.opendocument.text': 'OpenDocument-Text',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument-Tabelle',
  'application/vnd.oasis.opendocument.presentation': 'OpenDocument-Präsentation',
  'message/rfc822': 'E-Mail',
};

/** A media type in words: `application/pdf` → `PDF`; unknown types as they are. */
export function mediaTypeLabel(mediaType: string): string {
  const key = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return MEDIA_TYPES[key] ?? mediaType;
}

const WEEKDAYS = ['So.', 'Mo.', 'Di.', 'Mi.', 'Do.', 'Fr.', 'Sa.'];

type LocalTime = { day: string; time: string; weekday: string; date: string };

function localTime(value: string): LocalTime | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi] = m as unknown as [string, string, string, string, string, string];
  const weekday = WEEKDAYS[new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDay()];
  if (weekday === undefined) return null;
  return { day: `${y}-${mo}-${d}`, time: `${h}:${mi}`, weekday, date: `${d}.${mo}.${y}` };
}

/**
 * The time of an event (local times `YYYY-MM-DDTHH:MM`): `Mi., 20.01.2027, 10:00–12:00 Uhr`, or
 * with both days if it spans several.
 */
export function formatEventTime(start: string, end: string): string {
  const s = localTime(start);
  const e = localTime(end);
  if (!s || !e) return `${start} – ${end}`;
  if (s.day === e.day) return `${s.weekday}, ${s.date}, ${s.time}–${e.time} Uhr`;
  return `${s.weekday}, ${s.date}, ${s.time} Uhr – ${e.weekday}, ${e.date}, ${e.time} Uhr`;
}

/** The start of an event (local time `YYYY-MM-DDTHH:MM`): `Mi., 20.01.2027, 10:00 Uhr`. */
export function formatEventStart(start: string): string {
  const s = localTime(start);
  return s ? `${s.weekday}, ${s.date}, ${s.time} Uhr` : start;
}

/** A key fingerprint in groups of four hex digits, as the Land reads it out. */
export function fingerprintGroups(fingerprint: string): string[] {
  const hex = fingerprint.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  return hex.match(/.{1,4}/g) ?? [];
}

/** The population range of a cost bracket: `bis 10.000`, `10.001 bis 50.000`, `über 200.000`. */
export function bracketLabel(brackets: readonly CostBracket[], index: number): string {
  const b = brackets[index];
  if (!b) return '';
  const prev = index > 0 ? (brackets[index - 1]?.max_population ?? null) : null;
  const max = b.max_population ?? null;
  if (max === null) {
    return prev === null ? 'alle Kommunen' : `über ${formatNumber(prev)}`;
  }
  return prev === null ? `bis ${formatNumber(max)}` : `${formatNumber(prev + 1)} bis ${formatNumber(max)}`;
}

/** Index of the bracket that applies to `population` (the first that fits), or -1. */
export function bracketIndex(brackets: readonly CostBracket[], population: number): number {
  return brackets.findIndex((b) => b.max_population == null || population <= b.max_population);
}

/** "1 Dokument", "3 Dokumente". */
export function documentsText(n: number): string {
  return n === 1 ? '1 Dokument' : `${n} Dokumente`;
}

// ---- services: phase, connection data, requirements; Fachverfahren inventory ------------------

export function isPhase(value: string): value is Phase {
  return (PHASES as readonly string[]).includes(value);
}

export function isTransportRoute(value: string): value is TransportRoute {
  return (TRANSPORT_ROUTES as readonly string[]).includes(value);
}

/**
 * The Land names interfaces in free text ("FIT-Connect", "OSCI/XTA"); the matching key for the
 * form, or null if it is none of ours.
 */
export function interfaceFromText(text: string): Interface | null {
  const t = text.toLowerCase().replace(/[^a-z]/g, '');
  if (t.includes('fitconnect')) return 'fit_connect';
  if (t.includes('osci') || t.includes('xta')) return 'osci_xta';
  return null;
}

// ---- people, evidence, deadlines ---------------------------------------------------------------

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** "1 Nachweis", "3 Nachweise". */
export function evidenceText(n: number): string {
  return n === 1 ? '1 Nachweis' : `${n} Nachweise`;
}

/** Dates up to this many days ahead count as "due soon" (the core's `DUE_SOON_DAYS`). */
export const DUE_SOON_DAYS = 30;

/** What the date of a deadline is, by kind. */
export const DEADLINE_DATE_LABELS: Record<DeadlineKind, string> = {
  aufgabe: 'Fällig am',
  anmeldeschluss: 'Anmeldeschluss am',
  phase: 'Geplant für',
  vereinbarung: 'Läuft ab am',
  zertifikat: 'Läuft ab am',
};

/** "seit 3 Tagen überfällig"; for an agreement or a certificate "seit 3 Tagen abgelaufen". */
export function overdueDeadlineText(kind: DeadlineKind, days: number): string {
  const expired = kind === 'vereinbarung' || kind === 'zertifikat';
  return `${overdueText(days)} ${expired ? 'abgelaufen' : 'überfällig'}`;
}
