// Dates as people in a German office write them (TT.MM.JJJJ, TT.MM.JJJJ HH:MM) and as the core
// stores them (YYYY-MM-DD, YYYY-MM-DDTHH:MM), independent of the operating system's locale.

const GERMAN = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2})[:.](\d{2})(?:\s*Uhr)?)?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

/** A day of the calendar (no time zone: the date as written). */
export type Day = { year: number; month: number; day: number };

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Whether the day exists (no 31.04., no 29.02. outside leap years). */
export function exists({ year, month, day }: Day): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoOf(d: Day): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

/** The day of an ISO date (`YYYY-MM-DD…`), or `null`. */
export function dayOf(iso: string): Day | null {
  const m = ISO.exec(iso);
  if (!m) return null;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return exists(d) ? d : null;
}

/**
 * What the core stores for what was typed: the ISO date (with `withTime` the ISO date and time),
 * `''` for nothing, and the text itself when it is no date, so that the core names the mistake
 * under the field.
 */
export function parseGerman(text: string, withTime = false): string {
  const t = text.trim();
  if (t === '') return '';
  const german = GERMAN.exec(t);
  const iso = german ? null : ISO.exec(t);
  const m = german ?? iso;
  if (!m) return t;
  const [y, mo, d] = german ? [m[3], m[2], m[1]] : [m[1], m[2], m[3]];
  const day = { year: Number(y), month: Number(mo), day: Number(d) };
  if (!exists(day)) return t;
  const [h, min] = [m[4], m[5]];
  if (!withTime) return h === undefined ? isoOf(day) : t;
  if (h === undefined || Number(h) > 23 || Number(min) > 59) return t;
  return `${isoOf(day)}T${pad(Number(h))}:${min}`;
}

/** An ISO date (or date and time) as it is shown: `01.03.2027`, `01.03.2027 10:00`; other text as it is. */
export function toGerman(value: string): string {
  const m = ISO.exec(value);
  if (!m) return value;
  const date = `${m[3]}.${m[2]}.${m[1]}`;
  return m[4] === undefined ? date : `${date} ${m[4]}:${m[5]}`;
}

/** The day `n` days after `d` (before, if negative). */
export function addDays(d: Day, n: number): Day {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** The same day `n` months later (the month's last day where it is shorter). */
export function addMonths(d: Day, n: number): Day {
  const index = d.year * 12 + (d.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

/** Monday = 0 … Sunday = 6. */
export function weekday(d: Day): number {
  return (new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() + 6) % 7;
}

export function sameDay(a: Day | null, b: Day | null): boolean {
  return a !== null && b !== null && a.year === b.year && a.month === b.month && a.day === b.day;
}

export function today(): Day {
  const t = new Date();
  return { year: t.getFullYear(), month: t.getMonth() + 1, day: t.getDate() };
}

export const MONTHS = [
  'Januar',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
] as const;

export const WEEKDAYS = [
  ['Mo', 'Montag'],
  ['Di', 'Dienstag'],
  ['Mi', 'Mittwoch'],
  ['Do', 'Donnerstag'],
  ['Fr', 'Freitag'],
  ['Sa', 'Samstag'],
  ['So', 'Sonntag'],
] as const;

/** „Montag, 1. März 2027“: how a day is read out. */
export function spoken(d: Day): string {
  return `${WEEKDAYS[weekday(d)]?.[1] ?? ''}, ${d.day}. ${MONTHS[d.month - 1] ?? ''} ${d.year}`;
}
