// The dashboard's deadlines of every kind against the real core (scenario `termineAlle`): checklist
// items, registration deadlines of events, planned phases of services, expiring agreements and
// certificates; each with its date, the days in words, its kind as text and an icon (not colour
// alone), title and context; items link to the checklist, the others to the Land's information.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, text, useApp, waitForCall } from './harness.mjs';
import { leer, standard, termineAlle } from './scenarios.mjs';

const app = useApp('deadlines');
const ALL = [standard, termineAlle];

const DATE = '\\d\\d\\.\\d\\d\\.\\d{4}';
const PACKAGE = 'Informationspaket EfA-Vergabedienste für niedersächsische Kommunen';

/** The rows of a deadline list as [kind, text of the row]. */
async function rows(list) {
  return list.locator('li.deadline').evaluateAll((lis) =>
    lis.map((li) => [li.getAttribute('data-kind'), (li.textContent ?? '').replace(/\s+/g, ' ').trim()]),
  );
}

test('overdue and due within 30 days: every kind with date, days, kind, title and context', async () => {
  const { page, context, problems } = await openApp(app, ALL);
  const overdue = page.locator('section[aria-labelledby="overdue-title"]');
  const soon = page.locator('section[aria-labelledby="soon-title"]');
  await overdue.locator('li.deadline').first().waitFor();
  assert.equal(await text(page.locator('#soon-title')), 'In den nächsten 30 Tagen fällig 4');

  // Oldest first; the words say what is late, with "abgelaufen" for what expires.
  const late = await rows(overdue);
  assert.deepEqual(late.map(([kind]) => kind), ['aufgabe', 'phase', 'zertifikat']);
  const lateText = late.map(([, t]) => t);
  assert.match(lateText[0], new RegExp(`^Aufgabe Kosten für die eigene Kommune ermitteln Fällig am ${DATE} · seit 5 Tagen überfällig Verantwortlich: Kämmerei, Herr Becker$`));
  assert.match(lateText[1], new RegExp(`^Phasentermin Präqualifizierung von Unternehmen \\(Informationen des Landes\\) Phase „Freischaltung“ Geplant für ${DATE} · seit 3 Tagen überfällig$`));
  assert.match(lateText[2], new RegExp(`^Zertifikat läuft ab Bekanntmachung von Vergabeverfahren \\(Informationen des Landes\\) Läuft ab am ${DATE} · seit 1 Tag abgelaufen$`));

  const upcoming = await rows(soon);
  assert.deepEqual(upcoming.map(([kind]) => kind), ['aufgabe', 'anmeldeschluss', 'phase', 'vereinbarung']);
  const upText = upcoming.map(([, t]) => t);
  assert.match(upText[0], new RegExp(`^Aufgabe Datenschutz und Auftragsverarbeitung klären Fällig am ${DATE} · in 7 Tagen`));
  assert.match(upText[1], new RegExp(`^Anmeldeschluss Informationsveranstaltung: EfA-Vergabedienste für Kommunen \\(Informationen des Landes\\) ${PACKAGE} Anmeldeschluss am ${DATE} · in 9 Tagen$`));
  assert.match(upText[2], new RegExp(`^Phasentermin Digitale Eigenerklärungen \\(Informationen des Landes\\) Phase „Produktionstest“ Geplant für ${DATE} · in 12 Tagen$`));
  assert.match(upText[3], new RegExp(`^Vereinbarung läuft ab Präqualifizierung von Unternehmen \\(Informationen des Landes\\) Läuft ab am ${DATE} · in 25 Tagen$`));
  // A certificate expiring in 60 days is not shown yet.
  assert.equal(upText.some((t) => t.startsWith('Zertifikat')), false);

  // Each kind has its own shape, hidden from screen readers (the kind is said in words).
  const icons = await page.locator('li.deadline .deadline-kind svg').evaluateAll((svgs) =>
    svgs.map((s) => [s.getAttribute('aria-hidden'), s.innerHTML.replace(/\s+/g, ' ').slice(0, 30)]),
  );
  assert.ok(icons.every(([hidden]) => hidden === 'true'));
  const shapes = new Set(icons.map(([, shape]) => shape));
  assert.equal(shapes.size, 5, 'five kinds, five shapes');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an item deadline opens the item; any other opens the information of the Land', async () => {
  const { page, context, problems } = await openApp(app, ALL);
  const overdue = page.locator('section[aria-labelledby="overdue-title"]');
  await overdue.locator('li.deadline').first().waitFor();
  const link = overdue.getByRole('link', { name: 'Präqualifizierung von Unternehmen (Informationen des Landes)' });
  assert.equal(await link.getAttribute('href'), '#land');
  await link.click();
  await page.waitForFunction(() => document.activeElement?.id === 'view-title');
  assert.equal(await text(page.locator('h1')), 'Informationen des Landes');
  assert.equal(await text(page.locator('nav a[aria-current="page"]')), 'Informationen des Landes');

  await page.locator('nav a', { hasText: 'Übersicht' }).click();
  const soon = page.locator('section[aria-labelledby="soon-title"]');
  await soon.locator('li.deadline').first().waitFor();
  await soon.getByRole('link', { name: 'Datenschutz und Auftragsverarbeitung klären' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'aufgabe-datenschutz-avv-title');
  assert.equal(await text(page.locator('nav a[aria-current="page"]')), 'Checkliste');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an event marked as attended leaves the list; nothing due says so in a sentence', async () => {
  {
    const { page, context, problems } = await openApp(app, ALL);
    const soon = page.locator('section[aria-labelledby="soon-title"]');
    await soon.locator('li.deadline').first().waitFor();
    assert.equal(await soon.locator('li[data-kind="anmeldeschluss"]').count(), 1);
    await page.locator('nav a', { hasText: 'Informationen des Landes' }).click();
    const event = page.locator('[data-event="info-2027-01"]');
    await event.getByRole('checkbox').check();
    await waitForCall(page, 'set_event_attended');
    await page.locator('nav a', { hasText: 'Übersicht' }).click();
    await soon.locator('li.deadline').first().waitFor();
    assert.equal(await soon.locator('li[data-kind="anmeldeschluss"]').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  }
  {
    const { page, context, problems } = await openApp(app, [leer]);
    await page.locator('section[aria-labelledby="overdue-title"] .empty').waitFor();
    assert.equal(await text(page.locator('section[aria-labelledby="overdue-title"] .empty')), 'Nichts ist überfällig.');
    assert.equal(
      await text(page.locator('section[aria-labelledby="soon-title"] .empty')),
      'In den nächsten 30 Tagen ist nichts fällig.',
    );
    assert.deepEqual(problems, []);
    await context.close();
  }
});
