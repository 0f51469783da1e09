// The Fachverfahren inventory against the real core (UI test bridge): the empty state,
// adding with the keyboard only, the core's error at its field, changing, removing after a
// confirmation, the match with the Land's list, and taking over an entry of the Land's list.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calls, gotoView, historyRows, openApp, screenshot, tabTo, text, useApp } from './harness.mjs';
import { standard, paket, inventar } from './scenarios.mjs';

const VIEW = 'Fachverfahren';

const app = useApp('inventory');

const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? null);
const focusOn = (page, id) => tabTo(page, (target) => document.activeElement?.id === target, id);

/** The rows of the inventory table, each as its cells' texts. */
const rows = (page) =>
  page.locator('[data-testid="fv-list"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())),
  );
const landOnly = (page) =>
  page.locator('[data-testid="fv-land-only"] tbody th').evaluateAll((ths) => ths.map((th) => th.textContent?.trim()));

test('without a package: the empty state explains what to do, the nav entry follows the Land', async () => {
  const { page, context, problems } = await openApp(app);
  const nav = await page.locator('nav[aria-label="Hauptnavigation"] a').allTextContents();
  assert.equal(nav.indexOf('Fachverfahren'), nav.indexOf('Informationen des Landes') + 1);
  assert.equal(await page.locator('nav a', { hasText: /^Fachverfahren$/ }).getAttribute('href'), '#fachverfahren');
  await gotoView(page, VIEW);
  assert.equal(await text(page.locator('h1')), 'Fachverfahren');
  assert.equal(await page.title(), 'Fachverfahren – Anbindungscheck');
  const empty = page.getByTestId('fv-empty');
  assert.match(await text(empty), /Noch keine Fachverfahren erfasst/);
  assert.match(await text(empty), /Fachverfahren hinzufügen/);
  assert.match(await text(page.getByTestId('fv-no-package')), /Sobald Sie das Informationspaket des Landes eingelesen haben/);

  // The form says why there are no services yet; the core refuses a missing product at the field.
  await page.locator('#fv-add').click();
  await page.getByTestId('fv-form').waitFor();
  assert.equal(await activeId(page), 'fv-title');
  assert.match(await text(page.locator('.fv-no-services')), /noch kein Informationspaket des Landes eingelesen/);
  await page.locator('#fv-save').click();
  await page.locator('#fv-product-error').waitFor();
  assert.equal(await text(page.locator('#fv-product-error')), 'Das Produkt fehlt.');
  assert.equal(await page.locator('#fv-product').getAttribute('aria-invalid'), 'true');
  assert.match((await page.locator('#fv-product').getAttribute('aria-describedby')) ?? '', /fv-product-error/);
  assert.equal(await activeId(page), 'fv-product');
  await screenshot(page, 'fachverfahren-leer');

  // The link in the form leads to the Land's packages.
  await page.getByRole('button', { name: 'Zu den Informationen des Landes' }).first().click();
  await page.waitForFunction(() => document.querySelector('nav a[aria-current="page"]')?.textContent?.trim() === 'Informationen des Landes');
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard only: a Fachverfahren is added (Tab, typing, Space, Enter)', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(1)]);
  await gotoView(page, VIEW);
  await focusOn(page, 'fv-add');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'fv-title');
  await focusOn(page, 'fv-product');
  await page.keyboard.type('Eigenbau Vergabe');
  await page.keyboard.press('Tab');
  assert.equal(await activeId(page), 'fv-vendor');
  await page.keyboard.type('IT-Stelle der Stadt');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2.3');
  // The first service: Space ticks it.
  await focusOn(page, 'fv-service-0-0');
  await page.keyboard.press('Space');
  assert.equal(await page.locator('#fv-service-0-0').isChecked(), true);
  // The date is only enabled once the vendor is commissioned.
  assert.equal(await page.locator('#fv-commissioned_on').isDisabled(), true);
  assert.match(await text(page.locator('#fv-commissioned_on-hint')), /Erst möglich, wenn der Hersteller beauftragt ist/);
  await focusOn(page, 'fv-vendor_commissioned');
  await page.keyboard.press('Space');
  assert.equal(await page.locator('#fv-commissioned_on').isDisabled(), false);
  await page.keyboard.press('Space');
  assert.equal(await page.locator('#fv-commissioned_on').isDisabled(), true, 'unticked again');
  await focusOn(page, 'fv-save');
  await page.keyboard.press('Enter');

  await page.getByTestId('fv-status').filter({ hasText: 'Hinzugefügt: Eigenbau Vergabe.' }).waitFor();
  assert.equal(await page.getByTestId('fv-status').getAttribute('role'), 'status');
  assert.equal(await page.getByTestId('fv-form').count(), 0, 'the form closes');
  assert.deepEqual(await rows(page), [
    [
      'Eigenbau Vergabe IT-Stelle der Stadt Version 2.3',
      'Präqualifizierung von Unternehmen',
      'FIT-Connect',
      'nein',
      'Offen',
      'nein',
      'Bearbeiten: Eigenbau Vergabe Entfernen: Eigenbau Vergabe',
    ],
  ]);
  assert.equal(await activeId(page), 'fv-edit-1', 'focus on the new row');
  assert.deepEqual((await calls(page, 'save_fachverfahren')).at(-1), {
    id: null,
    input: {
      product: 'Eigenbau Vergabe',
      vendor: 'IT-Stelle der Stadt',
      version: '2.3',
      services: ['praequalifizierung'],
      interface: 'fit_connect',
      vendor_commissioned: false,
      commissioned_on: null,
      analysis: 'offen',
      note: null,
    },
  });
  // Not in the Land's list: both of the Land's entries are still offered.
  assert.deepEqual(await landOnly(page), ['VergabeManager (Beispiel)', 'Ausschreibung Plus (Beispiel)']);

  // The history shows interface and analysis by their German labels, as the core does.
  const history = (await historyRows(page)).filter((r) => r[1] === 'Fachverfahren');
  assert.ok(history.some((r) => r[2] === 'Produkt' && r[4] === 'Eigenbau Vergabe'));
  assert.ok(history.some((r) => r[2] === 'Schnittstelle' && r[4] === 'FIT-Connect'));
  assert.ok(history.some((r) => r[2] === 'Analysestand' && r[4] === 'Offen'));
  assert.ok(history.some((r) => r[2] === 'Hersteller beauftragt' && r[4] === 'nein'));
  // The services by their names, never by their keys.
  assert.ok(history.some((r) => r[4] === 'Präqualifizierung von Unternehmen'), JSON.stringify(history));
  assert.ok(!history.some((r) => r[4].includes('praequalifizierung')));
  assert.ok(!history.some((r) => r[2] === 'Sonstiges'), 'every field has its German name');
  assert.deepEqual(problems, []);
  await context.close();
});

test('taking over an entry of the Land\'s list pre-fills the form; saved, it is matched', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(1)]);
  await gotoView(page, VIEW);
  assert.match(await text(page.locator('#fv-land-title')), /Vom Land gelistet, bei Ihnen noch nicht erfasst/);
  assert.deepEqual(await landOnly(page), ['VergabeManager (Beispiel)', 'Ausschreibung Plus (Beispiel)']);
  await screenshot(page, 'fachverfahren-land');

  await page.getByRole('button', { name: /^Übernehmen.*Ausschreibung Plus/ }).click();
  const form = page.getByTestId('fv-form');
  await form.waitFor();
  assert.equal(await text(form.locator('h2')), 'Fachverfahren aus der Liste des Landes übernehmen');
  assert.match(await text(page.getByTestId('fv-intro')), /Vorbelegt aus der Liste des Landes/);
  assert.equal(await page.locator('#fv-product').inputValue(), 'Ausschreibung Plus (Beispiel)');
  assert.equal(await page.locator('#fv-vendor').inputValue(), 'Beispiel IT AG');
  assert.equal(await page.locator('#fv-interface').inputValue(), 'osci_xta');
  const checked = await form.locator('.fv-service-list input:checked').evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(checked, ['bekanntmachung']);
  assert.deepEqual(await calls(page, 'save_fachverfahren'), [], 'nothing is saved before "Speichern"');

  await page.locator('#fv-version').fill('5.0');
  await page.locator('#fv-vendor_commissioned').check();
  await page.locator('#fv-commissioned_on').fill('2026-09-01');
  await page.locator('#fv-analysis').selectOption('abgeschlossen');
  await screenshot(page, 'fachverfahren-uebernehmen');
  await page.locator('#fv-save').click();
  await page.getByTestId('fv-status').filter({ hasText: 'Hinzugefügt: Ausschreibung Plus (Beispiel).' }).waitFor();
  const [row] = await rows(page);
  assert.deepEqual(row?.slice(0, 6), [
    'Ausschreibung Plus (Beispiel) Beispiel IT AG Version 5.0',
    'Bekanntmachung von Vergabeverfahren',
    'OSCI/XTA',
    'ja, am 01.09.2026',
    'Abgeschlossen',
    'ja – Ausschreibung Plus (Beispiel)',
  ]);
  assert.deepEqual(await landOnly(page), ['VergabeManager (Beispiel)']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an entry is changed, and removed only after a confirmation', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(1), inventar]);
  await gotoView(page, VIEW);
  // Matched with the Land's list regardless of spelling ("Vergabemanager" / "VergabeManager").
  const [row] = await rows(page);
  assert.equal(row?.[0], 'Vergabemanager (Beispiel) Muster Software GmbH Version 8.1');
  assert.equal(row?.[3], 'ja, am 01.09.2026');
  assert.equal(row?.[5], 'ja – VergabeManager (Beispiel)');
  assert.deepEqual(await landOnly(page), ['Ausschreibung Plus (Beispiel)']);
  await screenshot(page, 'fachverfahren');

  await page.locator('#fv-edit-1').click();
  const form = page.getByTestId('fv-form');
  await form.waitFor();
  assert.equal(await text(form.locator('h2')), 'Fachverfahren bearbeiten: Vergabemanager (Beispiel)');
  assert.equal(await page.locator('#fv-version').inputValue(), '8.1');
  assert.equal(await page.locator('#fv-commissioned_on').inputValue(), '01.09.2026');
  await page.locator('#fv-version').fill('8.2');
  await page.locator('#fv-vendor_commissioned').uncheck();
  assert.equal(await page.locator('#fv-commissioned_on').isDisabled(), true);
  await page.locator('#fv-save').click();
  await page.getByTestId('fv-status').filter({ hasText: 'Gespeichert: Vergabemanager (Beispiel).' }).waitFor();
  const [changed] = await rows(page);
  assert.equal(changed?.[0], 'Vergabemanager (Beispiel) Muster Software GmbH Version 8.2');
  assert.equal(changed?.[3], 'nein');
  const last = (await calls(page, 'save_fachverfahren')).at(-1);
  assert.equal(last.id, 1);
  assert.equal(last.input.vendor_commissioned, false);
  assert.equal(last.input.commissioned_on, null, 'no date without a commissioned vendor');

  // "Abbrechen" keeps it.
  await page.getByRole('button', { name: /^Entfernen.*Vergabemanager/ }).click();
  const dialog = page.getByTestId('fv-remove-dialog');
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  assert.equal(await text(dialog.locator('h2')), 'Fachverfahren entfernen?');
  assert.match(await text(dialog), /„Vergabemanager \(Beispiel\)“ von Muster Software GmbH wird aus Ihrer Liste entfernt\./);
  await screenshot(page, 'fachverfahren-entfernen');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('dialog[open]') === null);
  assert.equal((await rows(page)).length, 1);
  assert.deepEqual(await calls(page, 'remove_fachverfahren'), []);

  await page.getByRole('button', { name: /^Entfernen.*Vergabemanager/ }).click();
  await dialog.getByRole('button', { name: 'Entfernen' }).click();
  await page.getByTestId('fv-status').filter({ hasText: 'Entfernt: Vergabemanager (Beispiel).' }).waitFor();
  assert.deepEqual(await calls(page, 'remove_fachverfahren'), [{ id: 1 }]);
  assert.equal(await page.getByTestId('fv-list').count(), 0);
  assert.ok(await page.getByTestId('fv-empty').isVisible());
  assert.deepEqual(await landOnly(page), ['VergabeManager (Beispiel)', 'Ausschreibung Plus (Beispiel)']);
  assert.deepEqual(problems, []);
  await context.close();
});
