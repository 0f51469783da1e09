// The readiness report ("Sachstandsbericht") against the real core through the UI test bridge:
// preview, the hints before export, the PDF export with the keyboard only, the export history with
// "Öffnen und drucken", and the state without a profile. Accessibility: tests/a11y.test.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { calls, gotoView, openApp, tabTo, text, useApp, waitForCall } from './harness.mjs';
import { leer, paket, standard } from './scenarios.mjs';

const VIEW = 'Bericht';
const RECIPIENT = 'Kommunale OZG-Koordination des Landes';

const app = useApp('report');

/** Open items of the municipality (not done, not "nicht zutreffend") without an owner. */
async function unowned(bridge) {
  const checklist = await bridge.invoke('get_checklist');
  return checklist.entries.filter(
    (e) =>
      e.item.actor === 'kommune' &&
      !['erledigt', 'nicht_zutreffend'].includes(e.progress.status) &&
      !e.progress.owner,
  ).length;
}

/** Today in the browser's time zone (Europe/Berlin, see harness.mjs): `20260307` and `07.03.2026`. */
function todayGerman() {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  return { iso: `${parts.year}${parts.month}${parts.day}`, de: `${parts.day}.${parts.month}.${parts.year}` };
}

test('the preview shows the municipality, the readiness and the hints before export', async () => {
  const { page, context, problems, bridge } = await openApp(app);
  await gotoView(page, VIEW);
  assert.equal(await text(page.locator('h1')), 'Sachstandsbericht');
  assert.equal(await page.title(), 'Bericht – Anbindungscheck');
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  assert.equal(await text(nav.locator('[aria-current="page"]')), 'Bericht');

  const { iso, de } = todayGerman();
  const preview = page.getByTestId('report-preview');
  assert.match(await text(preview), /Kommune Stadt Musterstadt/);
  assert.match(await text(preview), /AGS 03241001/);
  assert.match(await text(preview), /Land Niedersachsen/);
  assert.equal(await text(page.getByTestId('report-date')), de);
  // The report number: AGS, date and a short check value of the report's content.
  assert.match(await text(page.getByTestId('report-id')), new RegExp(`^BB-03241001-${iso}-[0-9a-f]{6}$`));
  // The standard scenario on the full catalogue (see app.test.mjs).
  assert.equal(await text(page.getByTestId('report-percent')), '10 %');
  assert.equal(await text(page.getByTestId('report-done')), '2 von 20 Aufgaben erledigt');
  const bars = preview.locator('.bar-row');
  assert.equal(await bars.count(), 4);
  assert.equal(await bars.nth(3).getByRole('img').getAttribute('aria-label'), 'Technisch: 20 Prozent');
  // Open: the items that count and are not done (20 − 2).
  assert.equal(await text(page.getByTestId('report-open')), '18 offen');
  assert.equal(await text(page.getByTestId('report-blockers')), '1 extern blockiert');
  assert.equal(await text(page.getByTestId('report-overdue')), '1 überfällig');
  assert.match(await text(preview), /Kein Informationspaket des Landes eingelesen/);

  // Hints as a real list, one icon each.
  const warnings = page.getByTestId('report-warnings').getByRole('list').getByRole('listitem');
  const items = await warnings.allTextContents();
  assert.deepEqual(
    items.map((t) => t.replace(/\s+/g, ' ').trim()),
    [
      `${await unowned(bridge)} offene Aufgaben der Kommune ohne Verantwortliche.`,
      '1 Aufgabe ist überfällig.',
      'Es ist kein Informationspaket des Landes eingelesen: Der Bericht enthält keine Onlinedienste und Kosten.',
    ],
  );
  assert.equal(await warnings.first().locator('svg[aria-hidden="true"]').count(), 1);
  assert.equal(await text(page.getByTestId('report-history-empty')), 'Noch kein Bericht exportiert.');
  assert.equal(await text(page.getByTestId('report-status')), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('with a package the preview names it as the basis of the report', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(2)]);
  await gotoView(page, VIEW);
  const packages = page.getByTestId('report-packages');
  await packages.waitFor();
  assert.match(await text(packages), /EfA-Vergabedienste für niedersächsische Kommunen, Version 2$/);
  const warnings = await text(page.getByTestId('report-warnings'));
  assert.match(warnings, /„Bitte prüfen“/);
  assert.doesNotMatch(warnings, /kein Informationspaket/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('exporting with the keyboard only adds a row to the history and says where the PDF is', async () => {
  const { page, context, problems, bridge } = await openApp(app);
  const { out } = await bridge.info();
  await gotoView(page, VIEW);
  const { iso } = todayGerman();

  // The recipient field has a visible label; reach it with Tab and type.
  await tabTo(page, () => document.activeElement?.id === 'report-recipient');
  assert.equal(await page.getByLabel('Empfänger (optional)').evaluate((el) => el.id), 'report-recipient');
  await page.keyboard.type(RECIPIENT);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'report-export');
  assert.equal(await text(page.locator('#report-export')), 'Bericht als PDF speichern …');
  await page.keyboard.press('Enter');

  const status = page.getByTestId('report-status');
  await status.filter({ hasText: 'Bericht gespeichert' }).waitFor();
  assert.equal(await status.getAttribute('role'), 'status');
  assert.equal(
    await text(status),
    `Bericht gespeichert: „Sachstandsbericht-03241001-${iso.slice(0, 4)}-${iso.slice(4, 6)}-${iso.slice(6)}.pdf“ im Ordner ${out}.`,
  );
  assert.deepEqual(await calls(page, 'export_report'), [{ recipient: RECIPIENT }]);

  const table = page.locator('table.report-exports');
  assert.equal(await text(table.locator('caption')), 'Exportierte Berichte, neueste zuerst');
  assert.deepEqual(
    (await table.locator('thead th').allTextContents()).map((t) => t.trim()),
    ['Datum/Uhrzeit', 'Bericht-Nr.', 'Empfänger', 'Seiten', 'Aktion'],
  );
  const rows = page.getByTestId('report-export-row');
  assert.equal(await rows.count(), 1);
  const row = rows.first();
  assert.match(await text(row.locator('th[scope="row"]')), /^\d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr$/);
  assert.match(await text(row.locator('td').nth(0)), new RegExp(`^BB-03241001-${iso}-[0-9a-f]{6}$`));
  assert.equal(await text(row.locator('td').nth(1)), RECIPIENT);
  // The pages of the real PDF, as the core counted them when it wrote it.
  const [exported] = await bridge.invoke('list_report_exports');
  assert.ok(exported.pages >= 2, `${exported.pages} pages`);
  assert.equal(await text(row.locator('td').nth(2)), String(exported.pages));
  // The check sum is for the IT department: under "Technische Angaben", in full, as recorded.
  const hashes = page.getByTestId('report-export-hashes');
  assert.equal(await hashes.evaluate((d) => d.open), false);
  await hashes.locator('summary').click();
  assert.match(await text(hashes), new RegExp(`${exported.report_id}: ${exported.sha256}`));

  // A second export without a recipient comes first; "–" is read as "keine Angabe".
  await bridge.pick({ save: [`${out}/Bericht-2.pdf`] });
  await page.locator('#report-recipient').fill('');
  await page.locator('#report-export').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="report-export-row"]').length === 2);
  assert.equal(await text(rows.first().locator('td').nth(1).locator('.visually-hidden')), 'keine Angabe');
  assert.deepEqual((await calls(page, 'export_report'))[1], { recipient: null });
  assert.deepEqual(problems, []);
  await context.close();
});

test('"Öffnen und drucken" opens the right export and names the report', async () => {
  const { page, context, problems, bridge } = await openApp(app);
  const { out } = await bridge.info();
  // Two files (the second export must not overwrite the first, which would then be refused).
  await bridge.pick({ save: [`${out}/Bericht-1.pdf`, `${out}/Bericht-2.pdf`] });
  await gotoView(page, VIEW);
  const { iso } = todayGerman();
  await page.getByLabel('Empfänger (optional)').fill('Landratsamt');
  await page.locator('#report-export').click();
  await page.getByTestId('report-export-row').first().waitFor();
  await page.getByLabel('Empfänger (optional)').fill('Kämmerei');
  await page.locator('#report-export').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="report-export-row"]').length === 2);

  // The older export (id 1) is the second row.
  const older = page.locator('[data-testid="report-export-row"][data-export-id="1"]');
  assert.equal(await text(older.locator('td').nth(1)), 'Landratsamt');
  const button = older.getByRole('button', { name: new RegExp(`^Öffnen und drucken \\(Bericht BB-03241001-${iso}-[0-9a-f]{6} vom \\d\\d\\.\\d\\d\\.\\d{4}, \\d\\d:\\d\\d Uhr\\)$`) });
  assert.equal(await button.count(), 1);
  await button.focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('report-open-status').filter({ hasText: 'geöffnet' }).waitFor();
  assert.deepEqual(await calls(page, 'open_report'), [{ exportId: 1 }]);
  assert.deepEqual(await bridge.opened(), [`${out}/Bericht-1.pdf`], 'the system viewer opened it');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a changed PDF is not opened: the German message shows in an alert', async () => {
  const { page, context, problems, bridge } = await openApp(app);
  await gotoView(page, VIEW);
  await page.locator('#report-export').click();
  await page.getByTestId('report-export-row').first().waitFor();
  // The PDF is changed on disk after the export.
  const [exported] = await bridge.invoke('list_report_exports');
  appendFileSync(exported.path, '% nachträglich geändert\n');
  await page.getByTestId('report-export-row').first().getByRole('button', { name: /Öffnen und drucken/ }).click();
  const alert = page.locator('#report-open-error');
  await alert.waitFor();
  assert.equal(await alert.getAttribute('role'), 'alert');
  assert.match(await text(alert), /^Nicht geöffnet: Die Datei .*\.pdf wurde seit dem Export verändert\./);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'report-open-error');
  assert.deepEqual(await bridge.opened(), [], 'the system viewer was not asked');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a cancelled save dialog changes nothing', async () => {
  const { page, context, problems } = await openApp(app, [standard, (b) => b.pick({ save: [null] })]);
  await gotoView(page, VIEW);
  await page.locator('#report-export').click();
  await waitForCall(page, 'export_report');
  await page.waitForFunction(() => document.getElementById('report-export')?.getAttribute('aria-disabled') === null);
  assert.equal(await text(page.getByTestId('report-status')), '');
  assert.equal(await page.getByTestId('report-export-row').count(), 0);
  assert.equal(await page.locator('[role="alert"]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('without a profile the view says why and leads to the profile', async () => {
  const { page, context, problems } = await openApp(app, [leer]);
  await gotoView(page, VIEW);
  const notice = page.getByTestId('report-no-profile');
  await notice.waitFor();
  assert.match(await text(notice), /Für den Bericht fehlt das Profil der Kommune \(Name und AGS\)/);
  assert.equal(await page.locator('#report-export').count(), 0);
  await notice.getByRole('button', { name: 'Zum Profil' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'view-title');
  assert.equal(await text(page.locator('h1')), 'Profil der Kommune');
  assert.deepEqual(problems, []);
  await context.close();
});
