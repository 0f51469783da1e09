// Amounts and numbers as the Land types them in the editor (German notation).

/** Cents as the amount field shows them: 125050 → `1.250,50`, 0 → `0`. */
export function centsToInput(cents: number): string {
  if (cents === 0) return '0';
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  const grouped = String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return rest === 0 ? grouped : `${grouped},${String(rest).padStart(2, '0')}`;
}

/**
 * An amount in euros as typed (`1.250,50`, `1250,5`, `1250`, `1 250 €`) in cents; empty is 0;
 * null if it is no amount.
 */
export function inputToCents(text: string): number | null {
  let t = text.replace(/[\s\u00a0€]/g, '');
  if (t === '') return 0;
  if (t.includes(',')) {
    if (!/^\d{1,3}(\.\d{3})*(,\d{1,2})?$/.test(t) && !/^\d+(,\d{1,2})?$/.test(t)) return null;
    t = t.replaceAll('.', '').replace(',', '.');
  } else if (/^\d{1,3}(\.\d{3})+$/.test(t)) {
    t = t.replaceAll('.', '');
  } else if (!/^\d+(\.\d{1,2})?$/.test(t)) {
    return null;
  }
  const cents = Math.round(Number(t) * 100);
  return Number.isSafeInteger(cents) ? cents : null;
}

/** A population as typed (`20000`, `20.000`): a whole number, null for empty; undefined if invalid. */
export function inputToPopulation(text: string): number | null | undefined {
  const t = text.replace(/[\s\u00a0.]/g, '');
  if (t === '') return null;
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return n <= 4294967295 ? n : undefined;
}
