// Behaviour of the views against the real core through the UI test bridge (scenarios:
// tests/scenarios.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gotoView, openApp, tabTo, text, useApp } from './harness.mjs';
import { leer } from './scenarios.mjs';

const app = useApp('app');

test('the dashboard shows the overall percent and four dimension bars', async () => {
  const { page, context, problems } = await openApp(app);
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await text(page.locator('h1')), 'Übersicht');
  // The standard scenario on the full catalogue: 2 of the 20 items that count are done.
  assert.equal(await text(page.getByTestId('overall-percent')), '10 %');
  assert.equal(await text(page.getByTestId('overall-done')), '2 von 20 Aufgaben erledigt');

  const rows = page.locator('.bar-row');
  assert.equal(await rows.count(), 4);
  const expected = [
    ['Finanziell', '0 %', 'Finanziell: 0 Prozent, 0 von 2 Aufgaben erledigt'],
    ['Rechtlich', '0 %', 'Rechtlich: 0 Prozent, 0 von 2 Aufgaben erledigt'],
    ['Organisatorisch', '9 %', 'Organisatorisch: 9 Prozent, 1 von 11 Aufgaben erledigt'],
    ['Technisch', '20 %', 'Technisch: 20 Prozent, 1 von 5 Aufgaben erledigt'],
  ];
  for (const [i, [label, percent, name]] of expected.entries()) {
    const row = rows.nth(i);
    assert.equal(await text(row.locator('.bar-label')), label);
    assert.equal(await text(row.locator('.bar-value strong')), percent);
    const bar = row.getByRole('img');
    assert.equal(await bar.getAttribute('aria-label'), name);
    const width = await row.locator('.bar-fill').evaluate((el) => el.style.width);
    assert.equal(width, percent.replace(' ', ''));
  }

  // Counts per status, and the three lists with links into the checklist.
  assert.equal(await text(page.locator('.count[data-status="offen"]')), '16 Offen');
  assert.match(await text(page.getByTestId('others-counts')), /^Dazu 17 Aufgaben des Landes, die Sie mitverfolgen: 1 erledigt, 16 noch nicht\. Sie zählen nicht zum Sachstand\.$/);
  assert.equal(await text(page.locator('.count[data-status="extern_blockiert"]')), '1 Extern blockiert');
  const blocked = page.locator('section[aria-labelledby="blocked-title"]');
  assert.match(await text(blocked), /Hersteller des eigenen Fachverfahrens einbinden Blockiert durch: Hersteller Schnittstelle zu FIT-Connect/);
  const overdue = page.locator('section[aria-labelledby="overdue-title"]');
  assert.match(await text(overdue), /Kosten für die eigene Kommune ermitteln Fällig am \d\d\.\d\d\.\d{4} · seit 5 Tagen/);
  const soon = page.locator('section[aria-labelledby="soon-title"]');
  assert.match(await text(soon), /Datenschutz und Auftragsverarbeitung klären Fällig am \d\d\.\d\d\.\d{4} · in 7 Tagen/);
  assert.equal(await page.getByText('Legen Sie zuerst das Profil Ihrer Kommune an', { exact: false }).count(), 0);

  // A link opens the item in the checklist, expanded and focused.
  await overdue.getByRole('link', { name: 'Kosten für die eigene Kommune ermitteln' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'aufgabe-finanzierung-kosten-title');
  assert.equal(await text(page.locator('nav a[aria-current="page"]')), 'Checkliste');
  const toggle = page.locator('[data-item="finanzierung-kosten"] button.toggle');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('#form-finanzierung-kosten-status').inputValue(), 'in_arbeit');
  assert.deepEqual(problems, []);
  await context.close();
});

test('without a profile the dashboard shows the hint card and "–" explained', async () => {
  const { page, context, problems } = await openApp(app, [leer]);
  const hint = page.locator('section[aria-labelledby="hint-profile"]');
  await hint.waitFor();
  assert.match(await text(hint), /Legen Sie zuerst das Profil Ihrer Kommune an/);
  assert.equal(await page.getByTestId('header-profile').count(), 0);
  // Empty lists say so in a sentence.
  assert.equal(await text(page.locator('section[aria-labelledby="blocked-title"] .empty')), 'Keine Aufgabe ist extern blockiert.');
  assert.equal(await text(page.locator('section[aria-labelledby="overdue-title"] .empty')), 'Nichts ist überfällig.');
  assert.equal(await text(page.locator('section[aria-labelledby="soon-title"] .empty')), 'In den nächsten 30 Tagen ist nichts fällig.');
  await hint.getByRole('button', { name: 'Profil anlegen' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'view-title');
  assert.equal(await text(page.locator('h1')), 'Profil der Kommune');

  // All items of the municipality "nicht zutreffend": no percent, but an explanation.
  await gotoView(page, 'Checkliste');
  const ids = await page.locator('article.entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-item')));
  for (const id of ids) {
    const entry = page.locator(`[data-item="${id}"]`);
    await entry.locator('button.toggle').click();
    await entry.getByLabel('Status').selectOption('nicht_zutreffend');
    await entry.getByRole('button', { name: 'Speichern' }).click();
    await entry.getByText('Gespeichert.').waitFor();
  }
  await gotoView(page, 'Übersicht');
  await page.getByTestId('overall-percent').waitFor();
  assert.equal(await text(page.getByTestId('overall-percent')), '–');
  assert.match(await text(page.locator('.readiness')), /Noch kein Stand/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('setting a status with the keyboard only updates the badge and the dashboard', async () => {
  const { page, context, problems } = await openApp(app);
  await page.getByTestId('overall-percent').waitFor();
  assert.equal(await text(page.getByTestId('overall-percent')), '10 %');

  await gotoView(page, 'Checkliste');
  const entry = page.locator('[data-item="finanzierung-haushalt"]');
  assert.equal(await text(entry.locator('.badge')), 'Offen');

  const toggleSelector = '[data-item="finanzierung-haushalt"] button.toggle';
  await tabTo(page, (sel) => document.activeElement === document.querySelector(sel), toggleSelector);
  await page.keyboard.press('Enter');
  assert.equal(await entry.locator('button.toggle').getAttribute('aria-expanded'), 'true');

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'form-finanzierung-haushalt-status');
  await page.keyboard.press('ArrowDown'); // Offen -> In Arbeit
  await page.keyboard.press('ArrowDown'); // In Arbeit -> Erledigt
  assert.equal(await page.locator('#form-finanzierung-haushalt-status').inputValue(), 'erledigt');

  await tabTo(
    page,
    () => document.activeElement?.matches('[data-item="finanzierung-haushalt"] button[type=submit]') === true,
  );
  await page.keyboard.press('Enter');
  const saved = entry.locator('.save-status');
  await saved.filter({ hasText: 'Gespeichert.' }).waitFor();
  assert.equal(await saved.getAttribute('role'), 'status');
  assert.equal(await text(entry.locator('.badge')), 'Erledigt');
  assert.match(await text(entry.locator('.updated')), /^Zuletzt geändert: \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr$/);

  await gotoView(page, 'Übersicht', { back: true });
  await page.getByTestId('overall-percent').waitFor();
  assert.equal(await text(page.getByTestId('overall-percent')), '15 %');
  assert.equal(await text(page.getByTestId('overall-done')), '3 von 20 Aufgaben erledigt');
  assert.equal(
    await page.locator('.bar-row[data-dimension="finanziell"] [role="img"]').getAttribute('aria-label'),
    'Finanziell: 50 Prozent, 1 von 2 Aufgaben erledigt',
  );
  // One counting model: the status counts are the municipality's own tasks, as the headline.
  assert.equal(await text(page.locator('.count[data-status="erledigt"]')), '3 Erledigt');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a server validation error in the item form is tied to its field', async () => {
  const { page, context, problems } = await openApp(app);
  await gotoView(page, 'Checkliste');
  const entry = page.locator('[data-item="finanzierung-kosten"]');
  await entry.locator('button.toggle').click();
  await entry.getByLabel('Status').selectOption('extern_blockiert');
  await entry.getByRole('button', { name: 'Speichern' }).click();
  const field = page.locator('#form-finanzierung-kosten-blocked_by');
  await page.waitForFunction(() => document.activeElement?.id === 'form-finanzierung-kosten-blocked_by');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  const described = await field.getAttribute('aria-describedby');
  assert.match(await text(page.locator(`#${described}`)), /Bei „Extern blockiert“ muss angegeben werden, wer blockiert/);
  assert.equal(await text(entry.locator('.badge')), 'In Arbeit', 'nothing was saved');

  // Blocked by the municipality's IT service provider, with what it is waiting for.
  const options = await field.locator('option').allTextContents();
  assert.deepEqual(options.map((o) => o.trim()), [
    'Bitte wählen',
    'Land',
    'Hersteller',
    'FITKO',
    'IT-Dienstleister',
    'Rat / Gremium',
    'Sonstige',
  ]);
  await field.selectOption('it_dienstleister');
  await entry.getByLabel('Beschreibung der Blockade').fill('Rechenzentrum stellt erst im Mai um');
  await entry.getByRole('button', { name: 'Speichern' }).click();
  await entry.locator('.badge', { hasText: 'Extern blockiert' }).waitFor();
  assert.match(await text(entry.locator('.entry-state')), /Blockiert durch IT-Dienstleister: Rechenzentrum stellt erst im Mai um/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the profile form checks the AGS live and ties the server error to the field', async () => {
  const { page, context, problems } = await openApp(app);
  await gotoView(page, 'Profil');
  const ags = page.locator('#profile-ags');
  const check = page.locator('#profile-ags-check');
  await check.filter({ hasText: 'Land: Niedersachsen' }).waitFor();
  assert.equal(await check.getAttribute('aria-live'), 'polite');
  assert.ok((await ags.getAttribute('aria-describedby')).split(' ').includes('profile-ags-check'));

  // Every input has a label.
  const unlabelled = await page.locator('form input, form select, form textarea').evaluateAll((els) =>
    els.filter((el) => el.labels === null || el.labels.length === 0).map((el) => el.id),
  );
  assert.deepEqual(unlabelled, []);

  await ags.fill('');
  await ags.pressSequentially('1234');
  await check.filter({ hasText: 'Schlüssel „1234“ hat 4 Ziffern; erforderlich sind 8 (AGS) oder 12 (ARS).' }).waitFor();
  assert.equal(await ags.getAttribute('aria-invalid'), null, 'no error state while typing');

  await ags.fill('');
  await ags.pressSequentially('09162000');
  await check.filter({ hasText: 'Land: Bayern' }).waitFor();
  await ags.fill('');
  await ags.pressSequentially('1234');
  await check.filter({ hasText: '4 Ziffern' }).waitFor();

  await page.getByRole('button', { name: 'Profil speichern' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'profile-ags');
  assert.equal(await ags.getAttribute('aria-invalid'), 'true');
  const ids = (await ags.getAttribute('aria-describedby')).split(' ');
  assert.ok(ids.includes('profile-ags-error'), `aria-describedby: ${ids.join(' ')}`);
  assert.equal(
    await text(page.locator('#profile-ags-error')),
    'Schlüssel „1234“ hat 4 Ziffern; erforderlich sind 8 (AGS) oder 12 (ARS).',
  );
  // The header still shows the stored profile.
  assert.match(await text(page.getByTestId('header-profile')), /Stadt Musterstadt AGS 03241001 · Niedersachsen/);

  // Typing clears the error; a valid profile is saved and the header follows.
  await ags.fill('12054000');
  assert.equal(await ags.getAttribute('aria-invalid'), null);
  await check.filter({ hasText: 'Land: Brandenburg' }).waitFor();
  await page.locator('#profile-name').fill('Stadt Potsdam-Muster');
  await page.getByRole('button', { name: 'Profil speichern' }).click();
  await page.locator('.save-status', { hasText: 'Gespeichert.' }).waitFor();
  assert.match(
    await text(page.getByTestId('header-profile')),
    /Stadt Potsdam-Muster AGS 12054000 · Brandenburg/,
  );

  // A bad population is refused at its field before anything is sent.
  await page.locator('#profile-population').fill('12,5');
  await page.getByRole('button', { name: 'Profil speichern' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'profile-population');
  assert.equal(await page.locator('#profile-population').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(problems, []);
  await context.close();
});

test('markup typed by the clerk is shown as literal text', async () => {
  const payload = '<img src=x onerror=alert(1)>';
  const { page, context, problems } = await openApp(app);
  await gotoView(page, 'Checkliste');
  const entry = page.locator('[data-item="finanzierung-kosten"]');
  await entry.locator('button.toggle').click();
  await entry.getByLabel('Verantwortlich').fill(payload);
  await entry.getByLabel('Notiz').fill(`Achtung ${payload} Ende`);
  await entry.getByRole('button', { name: 'Speichern' }).click();
  await entry.getByText('Gespeichert.').waitFor();

  assert.equal(await text(entry.getByTestId('owner')), payload);
  assert.equal(await text(entry.getByTestId('note')), `Achtung ${payload} Ende`);
  assert.equal(await page.locator('img').count(), 0);

  await gotoView(page, 'Übersicht', { back: true });
  const overdue = page.locator('section[aria-labelledby="overdue-title"]');
  await overdue.waitFor();
  assert.ok((await text(overdue)).includes(`Verantwortlich: ${payload}`));

  await gotoView(page, 'Verlauf');
  await page.locator('table.history tbody tr').first().waitFor();
  assert.ok((await text(page.locator('table.history'))).includes(payload));
  assert.equal(await page.locator('img').count(), 0);
  assert.deepEqual(problems, [], 'no alert dialog, no errors');
  await context.close();
});

test('the history is a real table with German labels and filters', async () => {
  const { page, context, problems } = await openApp(app);
  await gotoView(page, 'Verlauf');
  const table = page.locator('table.history');
  await table.locator('tbody tr').first().waitFor();
  assert.equal(await text(table.locator('caption')), 'Änderungen, neueste zuerst');
  const headers = await table.locator('thead th').evaluateAll((ths) =>
    ths.map((th) => `${th.textContent.trim()}/${th.getAttribute('scope')}`),
  );
  assert.deepEqual(headers, ['Zeitpunkt/col', 'Bereich/col', 'Feld/col', 'Alt/col', 'Neu/col']);

  const rows = async () =>
    table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.replace(/\s+/g, ' ').trim())),
    );
  const all = await rows();
  const body = all.flat().join(' | ');
  for (const key of ['in_arbeit', 'extern_blockiert', 'nicht_zutreffend', 'hersteller']) {
    assert.ok(!body.includes(key), `raw key ${key} is not shown`);
  }
  assert.ok(
    all.some((r) => r[1] === 'An einer Informationsveranstaltung teilnehmen' && r[2] === 'Status' && r[3] === 'Offen' && r[4] === 'Nicht zutreffend'),
  );
  assert.ok(all.some((r) => r[2] === 'Blockiert durch' && r[4] === 'Hersteller'));
  assert.ok(all.some((r) => r[1] === 'Profil' && r[2] === 'AGS / ARS' && r[4] === '03241001'));
  assert.ok(all.some((r) => r[2] === 'Fällig am' && /^\d\d\.\d\d\.\d{4}$/.test(r[4])));
  assert.ok(all.every((r) => /^\d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr$/.test(r[0])));

  await page.getByLabel('Nur eine Aufgabe zeigen').selectOption('hersteller-beauftragen');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('table.history tbody tr td:nth-child(2)')].every(
      (td) => td.textContent.trim() === 'Hersteller des eigenen Fachverfahrens einbinden',
    ),
  );
  assert.equal((await rows()).length, 4);

  await page.getByLabel('Von').fill('2099-01-01');
  await page.locator('.empty', { hasText: 'Für diese Filter wurden keine Änderungen gefunden.' }).waitFor();
  await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('table.history tbody tr').length === n, all.length);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the shell: skip link, nav with aria-current, footer with version and data path', async () => {
  const { page, context, problems } = await openApp(app);
  assert.equal(await page.title(), 'Anbindungscheck');
  assert.equal(await page.locator('html').getAttribute('lang'), 'de');
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  assert.deepEqual(
    await nav.getByRole('link').allTextContents(),
    ['Übersicht', 'Checkliste', 'Informationen des Landes', 'Fachverfahren', 'Bericht', 'Profil', 'Verlauf', 'Datensicherung'],
  );
  assert.equal(await text(nav.locator('[aria-current="page"]')), 'Übersicht');
  await page.getByText('Anbindungscheck 0.1.0').waitFor();
  // No file path for the clerk: where the data lies is said under "Datensicherung".
  assert.match(await text(page.locator('footer')), /Ihre Daten werden nur auf diesem Rechner gespeichert/);
  assert.doesNotMatch(await text(page.locator('footer')), /\.sqlite|\//);

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Zum Inhalt springen');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'inhalt');

  await gotoView(page, 'Verlauf', { back: true });
  assert.equal(await page.title(), 'Verlauf – Anbindungscheck');
  assert.equal(await nav.locator('[aria-current]').count(), 1);
  assert.equal(await page.locator('h1').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});
