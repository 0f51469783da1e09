// German labels for the core's keys, and date formatting for the UI.

import type { Actor, BlockingParty, Dimension, Status } from './bindings';

export const STATUSES: readonly Status[] = [
  'offen',
  'in_arbeit',
  'erledigt',
  'nicht_zutreffend',
  'extern_blockiert',
];

export const STATUS_LABELS: Record<Status, string> = {
  offen: 'Offen',
  in_arbeit: 'In Arbeit',
  erledigt: 'Erledigt',
  nicht_zutreffend: 'Nicht zutreffend',
  extern_blockiert: 'Extern blockiert',
};

export const BLOCKING_PARTIES: readonly BlockingParty[] = ['land', 'hersteller', 'fitko', 'sonstige'];

export const BLOCKING_PARTY_LABELS: Record<BlockingParty, string> = {
  land: 'Land',
  hersteller: 'Hersteller',
  fitko: 'FITKO',
  sonstige: 'Sonstige',
};

export const DIMENSIONS: readonly Dimension[] = [
  'finanziell',
  'rechtlich',
  'organisatorisch',
  'technisch',
];

export const DIMENSION_LABELS: Record<Dimension, string> = {
  finanziell: 'Finanziell',
  rechtlich: 'Rechtlich',
  organisatorisch: 'Organisatorisch',
  technisch: 'Technisch',
};

export const ACTOR_LABELS: Record<Actor, string> = {
  kommune: 'Kommune',
  land: 'Land',
};

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
  if (field === 'due') return formatDate(value);
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
