// Words and figures of the Land's view of its municipalities.

import type { MunicipalityRow, Named } from '../../lib/bindings';
import { formatNumber } from '../../lib/labels';

/** `1 Kommune`, `2.100 Kommunen`: a count with its noun in singular or plural. */
export function counted(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** `1 Kommune`, `2.100 Kommunen`. */
export function municipalitiesText(n: number): string {
  return counted(n, 'Kommune', 'Kommunen');
}

/** A percentage of the core (whole numbers) as text; `–` without a value. */
export function percentText(value: number | null): string {
  return value === null ? '–' : `${value} %`;
}

const ONE_DECIMAL = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });

/** A mean or median (may have a fraction): `42,5 %`; `–` without a value. */
export function averageText(value: number | null): string {
  return value === null ? '–' : `${ONE_DECIMAL.format(value)} %`;
}

/** The Kreis as the clerk reads it: its name from the directory, else its key. */
export function kreisName(kreis: string | null, kreisAgs: string): string {
  return kreis ?? `Kreis ${kreisAgs}`;
}

/** `Stadt Musterstadt (03241001)`. */
export function namedText(n: Named): string {
  return `${n.name} (${n.ags})`;
}

/** German order of names (umlauts where they belong, numbers by value). */
export const COLLATOR = new Intl.Collator('de-DE', { numeric: true, sensitivity: 'base' });

/** The report state of a row for sorting: current first, then stale, then none. */
export function reportRank(row: MunicipalityRow): number {
  return row.missing ? 2 : row.stale ? 1 : 0;
}

/** A whole number from a number input, or null if it is empty; NaN if it is no whole number. */
export function wholeNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  return Number.isInteger(n) ? n : Number.NaN;
}
