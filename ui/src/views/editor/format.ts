// Amounts and numbers as the Land types them in the editor (German notation), and the source
// points of the checklist that a Land's additional item can belong to.

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

/**
 * The source points of the checklist (the built-in catalogue's, `src/catalogue.json`): an
 * additional item of the Land belongs to one of them.
 */
export const POINTS: readonly (readonly [string, string])[] = [
  ['1.1', 'Vollzugsebene und Bedarfsträger'],
  ['1.2', 'Kommunale OZG-Koordination'],
  ['1.3', 'Vollzugsteam / OZG-Taskforce'],
  ['1.4', 'Fachverfahren'],
  ['1.5', 'Pilotkommunen'],
  ['1.6', 'Vernetzung, Schulungen und Erfahrungen'],
  ['2.F', 'Finanzierung der Mitnutzung'],
  ['2.L1', 'SaaS-Nachnutzungsvertrag mit der FITKO'],
  ['2.L2', 'Nachnutzungsmodell für die Kommunen'],
  ['2.O1', 'Betrieb und Zuständigkeiten'],
  ['2.O2', 'Meldeweg für Anforderungen'],
  ['2.T1', 'Einbindung der Fachverfahrenshersteller'],
  ['2.T2', 'Analyse der bestehenden Systeme'],
  ['3.1', 'Informations- und Anbindungsunterlagen'],
  ['3.2', 'Informationsveranstaltungen'],
  ['3.3', 'Austausch unter Kommunen'],
];
