// Accessibility of every view (axe-core, WCAG 2.1 A/AA) with real data from the core (UI test
// bridge, scenarios: tests/scenarios.mjs), visible focus, and screenshots at 1366×768 into
// test-results/ for a look by eye.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { axeViolations, gotoView, openApp, screenshot, text, useApp } from './harness.mjs';
import { inventar, leer, paket, standard, termineAlle } from './scenarios.mjs';

const AXE = { bypassCSP: true };

const app = useApp('a11y');

/** A seed: the next open dialogs pick the scenario files `names` (packages, bad files, evidence). */
const picks =
  (...names) =>
  (bridge, fixtures) =>
    bridge.pick({ pick: names.map((n) => fixtures[n] ?? fixtures.evidence[n]) });
/** A seed: the next save dialog names a file in a folder that does not exist. */
const missingFolder = async (bridge) => {
  const { dir } = await bridge.info();
  await bridge.pick({ save: [`${dir}/nicht-da/Sicherung.sqlite`] });
};

function assertNoViolations(violations, view) {
  assert.deepEqual(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe violations in ${view}`,
  );
}

test('Übersicht has no axe violations', async () => {
  const { page, context, problems } = await openApp(app, [standard], AXE);
  await page.waitForSelector('[data-testid=overall-percent]');
  assertNoViolations(await axeViolations(page, 'Übersicht'), 'Übersicht');
  await screenshot(page, 'uebersicht');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Übersicht without a profile (hint card) has no axe violations', async () => {
  const { page, context, problems } = await openApp(app, [leer], AXE);
  await page.getByRole('button', { name: 'Profil anlegen' }).waitFor();
  assertNoViolations(await axeViolations(page, 'Übersicht ohne Profil'), 'Übersicht ohne Profil');
  await screenshot(page, 'uebersicht-ohne-profil');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Checkliste with one entry expanded has no axe violations', async () => {
  const { page, context, problems } = await openApp(app, [standard], AXE);
  await gotoView(page, 'Checkliste');
  const entry = page.locator('[data-item="finanzierung-kosten"]');
  await entry.getByRole('button', { name: /Stand bearbeiten/ }).click();
  // Show the extra fields of "Extern blockiert" too, and a field error.
  await entry.getByLabel('Status').selectOption('extern_blockiert');
  await entry.getByRole('button', { name: 'Speichern' }).click();
  await entry.locator('.field-error').waitFor();
  assertNoViolations(await axeViolations(page, 'Checkliste'), 'Checkliste');
  await entry.scrollIntoViewIfNeeded();
  await page.evaluate(() =>
    document.querySelector('[data-item="finanzierung-kosten"]')?.scrollIntoView({ block: 'start' }),
  );
  await screenshot(page, 'checkliste');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Profil, also with a validation error, has no axe violations', async () => {
  const { page, context, problems } = await openApp(app, [standard], AXE);
  await gotoView(page, 'Profil');
  await page.locator('#profile-ags-check', { hasText: 'Land: Niedersachsen' }).waitFor();
  assertNoViolations(await axeViolations(page, 'Profil'), 'Profil');
  await screenshot(page, 'profil');
  await page.getByLabel(/^AGS/).fill('1234');
  await page.getByRole('button', { name: 'Profil speichern' }).click();
  await page.locator('#profile-ags-error').waitFor();
  assertNoViolations(await axeViolations(page, 'Profil mit Fehler'), 'Profil mit Fehler');
  await screenshot(page, 'profil-fehler');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Verlauf has no axe violations', async () => {
  const { page, context, problems } = await openApp(app, [standard], AXE);
  await gotoView(page, 'Verlauf');
  await page.locator('table.history tbody tr').first().waitFor();
  assertNoViolations(await axeViolations(page, 'Verlauf'), 'Verlauf');
  await screenshot(page, 'verlauf');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Informationen des Landes with an installed package has no axe violations', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(1)], AXE);
  await gotoView(page, 'Informationen des Landes');
  await page.locator('article[data-service]').first().waitFor();
  assertNoViolations(await axeViolations(page, 'Informationen des Landes'), 'Informationen des Landes');
  await screenshot(page, 'land');
  // A decision saved, an event ticked and a calendar saved: status messages shown.
  const service = page.locator('[data-service="praequalifizierung"]');
  await service.getByRole('radio', { name: 'Ja' }).check();
  await service.getByLabel(/^Begründung/).fill('Vergabestelle schreibt regelmäßig aus.');
  await service.getByRole('button', { name: /^Speichern\W+Angaben zu/ }).click();
  await service.locator('.save-status', { hasText: 'Gespeichert.' }).waitFor();
  const event = page.locator('[data-event="info-2027-01"]');
  await event.getByRole('checkbox').check();
  await event.getByRole('button', { name: /Als Kalendereintrag speichern/ }).click();
  await page.getByTestId('ics-status').filter({ hasText: 'gespeichert' }).waitFor();
  assertNoViolations(await axeViolations(page, 'Informationen des Landes (bearbeitet)'), 'Informationen des Landes (bearbeitet)');
  await page.evaluate(() => document.getElementById('paket-0-termine')?.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'land-termine');
  await page.evaluate(() => document.getElementById('paket-0-kosten')?.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'land-kosten');
  await page.evaluate(() => document.getElementById('paket-0-dokumente')?.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'land-dokumente');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Informationen des Landes without a package (empty state) has no axe violations', async () => {
  const { page, context, problems } = await openApp(app, [standard], AXE);
  await gotoView(page, 'Informationen des Landes');
  await page.getByTestId('packages-empty').waitFor();
  assertNoViolations(await axeViolations(page, 'Informationen des Landes (leer)'), 'Informationen des Landes (leer)');
  await screenshot(page, 'land-leer');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a service card with phase, connection data (with a field error) and requirements expanded has no axe violations', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(1)], AXE);
  await gotoView(page, 'Informationen des Landes');
  const service = page.locator('[data-service="praequalifizierung"]');
  for (const name of ['phase', 'connection', 'requirements']) {
    await service.locator(`details[data-section="${name}"] > summary`).click();
  }
  await service.locator('#paket-0-dienst-0-phase').selectOption('fragebogen');
  await service.locator('#paket-0-dienst-0-date-freischaltung').fill('2027-03-01');
  await service.getByRole('button', { name: /^Speichern\W+Angaben zu/ }).click();
  await service.locator('.service-save .save-status', { hasText: 'Gespeichert.' }).waitFor();
  await service.locator('#paket-0-dienst-0-conn-fit_connect_destination').fill('keine-uuid');
  await service.getByRole('button', { name: /^Speichern\W+Angaben zu/ }).click();
  await service.locator('#paket-0-dienst-0-conn-fit_connect_destination-error').waitFor();
  await service.locator('#paket-0-dienst-0-req-add').click();
  await service.locator('#paket-0-dienst-0-req-new-description').fill('Rückkanal über FIT-Connect.');
  await service.locator('form.requirement-form').getByRole('button', { name: 'Speichern' }).click();
  await service.locator('li[data-requirement]').waitFor();
  assertNoViolations(await axeViolations(page, 'Onlinedienst aufgeklappt'), 'Onlinedienst aufgeklappt');
  await page.evaluate(() => document.getElementById('paket-0-dienst-0-title')?.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'land-dienst-aufgeklappt');
  await service.locator('li[data-requirement]').getByRole('button', { name: /^Entfernen/ }).click();
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  assertNoViolations(await axeViolations(page, 'Anforderung entfernen'), 'Anforderung entfernen');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Fachverfahren: empty, with entries, the form with a field error and the removal dialog have no axe violations', async () => {
  {
    const { page, context, problems } = await openApp(app, [standard], AXE);
    await gotoView(page, 'Fachverfahren');
    await page.getByTestId('fv-empty').waitFor();
    assertNoViolations(await axeViolations(page, 'Fachverfahren (leer)'), 'Fachverfahren (leer)');
    await screenshot(page, 'fachverfahren-leer');
    assert.deepEqual(problems, []);
    await context.close();
  }
  {
    const { page, context, problems } = await openApp(app, [standard, paket(1), inventar], AXE);
    await gotoView(page, 'Fachverfahren');
    await page.getByTestId('fv-list').waitFor();
    assertNoViolations(await axeViolations(page, 'Fachverfahren'), 'Fachverfahren');
    await screenshot(page, 'fachverfahren');
    await page.getByRole('button', { name: /^Übernehmen/ }).first().click();
    await page.locator('#fv-product').fill('');
    await page.locator('#fv-save').click();
    await page.locator('#fv-product-error').waitFor();
    assertNoViolations(await axeViolations(page, 'Fachverfahren-Formular mit Fehler'), 'Fachverfahren-Formular mit Fehler');
    await screenshot(page, 'fachverfahren-formular');
    await page.locator('#fv-title').scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: /^Entfernen/ }).first().click();
    await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
    assertNoViolations(await axeViolations(page, 'Fachverfahren entfernen'), 'Fachverfahren entfernen');
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('the import dialog with the first-key confirmation has no axe violations', async () => {
  const { page, context, problems } = await openApp(app, [standard, picks('packageV1')], AXE);
  await gotoView(page, 'Informationen des Landes');
  await page.locator('#package-import').click();
  await page.getByTestId('first-key').waitFor();
  assertNoViolations(await axeViolations(page, 'Einlesen (erster Schlüssel)'), 'Einlesen (erster Schlüssel)');
  await screenshot(page, 'import-dialog');
  // The refusal message, too.
  // Playwright does not click aria-disabled buttons; a person can, and so can the keyboard.
  await page.locator('#import-start').focus();
  await page.keyboard.press('Enter');
  await page.locator('#import-trust-error').waitFor();
  assertNoViolations(await axeViolations(page, 'Einlesen (abgelehnt)'), 'Einlesen (abgelehnt)');
  await screenshot(page, 'import-dialog-bestaetigen');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the update preview dialog has no axe violations', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(1), picks('packageV2')], AXE);
  await gotoView(page, 'Informationen des Landes');
  await page.locator('#package-import').click();
  await page.getByTestId('import-update').waitFor();
  assertNoViolations(await axeViolations(page, 'Aktualisierung'), 'Aktualisierung');
  await screenshot(page, 'import-aktualisierung');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Checkliste with "Bitte prüfen" and guidance of the Land has no axe violations', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(2)], AXE);
  await page.getByTestId('review-card').waitFor();
  assertNoViolations(await axeViolations(page, 'Übersicht mit Bitte prüfen'), 'Übersicht mit Bitte prüfen');
  await screenshot(page, 'uebersicht-pruefen');
  await gotoView(page, 'Checkliste');
  await page.getByTestId('review').first().waitFor();
  assertNoViolations(await axeViolations(page, 'Checkliste mit Bitte prüfen'), 'Checkliste mit Bitte prüfen');
  await page.evaluate(() =>
    document.querySelector('[data-item="finanzierung-kosten"]')?.scrollIntoView({ block: 'start' }),
  );
  await screenshot(page, 'checkliste-pruefen');
  await page.getByTestId('review-filter').click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'checkliste-pruefen-filter');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Bericht with hints, an export in the history, and without a profile has no axe violations', async () => {
  {
    const { page, context, problems } = await openApp(app, [standard], AXE);
    await gotoView(page, 'Bericht');
    await page.getByTestId('report-warnings').getByRole('listitem').first().waitFor();
    assertNoViolations(await axeViolations(page, 'Bericht'), 'Bericht');
    await page.getByLabel('Empfänger (optional)').fill('Kommunale OZG-Koordination des Landes');
    await page.locator('#report-export').click();
    await page.getByTestId('report-export-row').first().waitFor();
    await page.getByTestId('report-export-row').first().getByRole('button').click();
    await page.getByTestId('report-open-status').filter({ hasText: 'geöffnet' }).waitFor();
    assertNoViolations(await axeViolations(page, 'Bericht mit Export'), 'Bericht mit Export');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'bericht');
    await page.evaluate(() => document.getElementById('report-form-title')?.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'bericht-exporte');
    assert.deepEqual(problems, []);
    await context.close();
  }
  {
    const { page, context, problems, bridge } = await openApp(app, [standard, paket(2)], AXE);
    await gotoView(page, 'Bericht');
    await page.getByTestId('report-packages').waitFor();
    await page.locator('#report-export').click();
    await page.getByTestId('report-export-row').first().waitFor();
    // The PDF is changed on disk after the export: opening it is refused.
    const [exported] = await bridge.invoke('list_report_exports');
    appendFileSync(exported.path, '% nachträglich geändert\n');
    await page.getByTestId('report-export-row').first().getByRole('button').click();
    await page.locator('#report-open-error').waitFor();
    assertNoViolations(await axeViolations(page, 'Bericht mit Paket und Fehler'), 'Bericht mit Paket und Fehler');
    await screenshot(page, 'bericht-paket');
    assert.deepEqual(problems, []);
    await context.close();
  }
  {
    const { page, context, problems } = await openApp(app, [leer], AXE);
    await gotoView(page, 'Bericht');
    await page.getByTestId('report-no-profile').waitFor();
    assertNoViolations(await axeViolations(page, 'Bericht ohne Profil'), 'Bericht ohne Profil');
    await screenshot(page, 'bericht-ohne-profil');
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('Datensicherung with a backup, a restore, the confirmation and a refusal has no axe violations', async () => {
  {
    const { page, context, problems, bridge } = await openApp(app, [standard], AXE);
    await gotoView(page, 'Datensicherung');
    await page.getByTestId('backup-folder').waitFor();
    assertNoViolations(await axeViolations(page, 'Datensicherung'), 'Datensicherung');
    await page.locator('#backup-create').click();
    await page.getByTestId('backup-file').waitFor();
    // The file dialog of the restore picks the backup just written.
    await bridge.pick({ pick: [await text(page.getByTestId('backup-file'))] });
    assertNoViolations(await axeViolations(page, 'Datensicherung mit Sicherung'), 'Datensicherung mit Sicherung');
    await screenshot(page, 'sicherung');
    await page.locator('#backup-restore').click();
    await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
    assertNoViolations(await axeViolations(page, 'Wiederherstellen (Bestätigung)'), 'Wiederherstellen (Bestätigung)');
    await screenshot(page, 'sicherung-bestaetigen');
    await page.locator('#restore-confirm').click();
    await page.getByTestId('restore-kept').waitFor();
    assertNoViolations(await axeViolations(page, 'Datensicherung wiederhergestellt'), 'Datensicherung wiederhergestellt');
    await screenshot(page, 'sicherung-wiederhergestellt');
    assert.deepEqual(problems, []);
    await context.close();
  }
  {
    const { page, context, problems } = await openApp(app, [standard, picks('notABackup')], AXE);
    await gotoView(page, 'Datensicherung');
    await page.locator('#backup-restore').click();
    await page.locator('#restore-choose-error').waitFor();
    assertNoViolations(await axeViolations(page, 'Wiederherstellen abgelehnt'), 'Wiederherstellen abgelehnt');
    await screenshot(page, 'sicherung-abgelehnt');
    assert.deepEqual(problems, []);
    await context.close();
  }
  {
    const { page, context, problems } = await openApp(app, [standard, missingFolder], AXE);
    await gotoView(page, 'Datensicherung');
    await page.locator('#backup-create').click();
    await page.locator('#backup-create-error').waitFor();
    assertNoViolations(await axeViolations(page, 'Sicherung fehlgeschlagen'), 'Sicherung fehlgeschlagen');
    await screenshot(page, 'sicherung-fehler');
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('Übersicht with deadlines of every kind has no axe violations', async () => {
  const { page, context, problems } = await openApp(app, [standard, termineAlle], AXE);
  await page.locator('li.deadline[data-kind="zertifikat"]').waitFor();
  assertNoViolations(await axeViolations(page, 'Übersicht mit Terminen'), 'Übersicht mit Terminen');
  await page.evaluate(() => document.querySelector('.overview-lists')?.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'uebersicht-termine');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Ansprechpersonen with people, a field error and the removal dialog have no axe violations', async () => {
  const { page, context, problems } = await openApp(app, [standard], AXE);
  await gotoView(page, 'Profil');
  await page.locator('.person').first().waitFor();
  await page.evaluate(() => document.getElementById('people-title')?.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'profil-ansprechpersonen');
  await page.getByLabel('Rolle').selectOption('postfach');
  await page.locator('#person-name').fill('Bürgerbüro');
  await page.locator('#person-save').click();
  await page.locator('#person-email-error').waitFor();
  assertNoViolations(await axeViolations(page, 'Ansprechpersonen mit Fehler'), 'Ansprechpersonen mit Fehler');
  await screenshot(page, 'profil-ansprechpersonen-fehler');
  await page.getByRole('button', { name: /^Entfernen\s*: OZG-Postfach/ }).click();
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  assertNoViolations(await axeViolations(page, 'Ansprechperson entfernen'), 'Ansprechperson entfernen');
  await screenshot(page, 'profil-ansprechperson-entfernen');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Nachweise of an item, a refused file and the removal dialog have no axe violations', async () => {
  const { page, context, problems } = await openApp(app, [standard, picks('wrongType')], AXE);
  await gotoView(page, 'Checkliste');
  const entry = page.locator('[data-item="vollzug-zustaendigkeit"]');
  await entry.locator('button.toggle').click();
  await entry.locator('.evidence-row').first().waitFor();
  await entry.getByRole('button', { name: 'Nachweis hinzufügen …' }).click();
  await entry.getByTestId('evidence-add-error').waitFor();
  assertNoViolations(await axeViolations(page, 'Nachweise'), 'Nachweise');
  await page.evaluate(() =>
    document.querySelector('[data-item="vollzug-zustaendigkeit"] [data-testid="evidence"]')?.scrollIntoView({ block: 'center' }),
  );
  await screenshot(page, 'checkliste-nachweise');
  await entry.getByRole('button', { name: /^Entfernen\s*: Geschäftsverteilungsplan/ }).click();
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  assertNoViolations(await axeViolations(page, 'Nachweis entfernen'), 'Nachweis entfernen');
  await screenshot(page, 'checkliste-nachweis-entfernen');
  assert.deepEqual(problems, []);
  await context.close();
});

/** Outline of the focused element, or null if nothing interactive has focus. */
function focusedOutline(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.textContent ?? '').trim().slice(0, 40),
      style: style.outlineStyle,
      width: parseFloat(style.outlineWidth),
      focusVisible: el.matches(':focus-visible'),
      inViewport: (() => {
        const r = el.getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight && r.width > 0 && r.height > 0;
      })(),
    };
  });
}

test('focus is visible on every element reached with Tab', async () => {
  const { page, context } = await openApp(app);
  await page.waitForSelector('[data-testid=overall-percent]');

  await page.keyboard.press('Tab');
  const first = await focusedOutline(page);
  assert.equal(first?.text, 'Zum Inhalt springen', 'the skip link comes first');
  assert.ok(first.inViewport, 'the skip link shows when focused');
  await screenshot(page, 'fokus-skip-link');

  const seen = [first];
  // The rest of the dashboard: nav links and the links in the lists.
  // Controls in a closed dialog (the workspace switch's) are not reached.
  const tabbable = await page.evaluate(
    () =>
      [...document.querySelectorAll('a[href], button:not([disabled]), input, select, textarea')].filter((el) =>
        el.checkVisibility(),
      ).length,
  );
  assert.ok(tabbable >= 8, `dashboard has ${tabbable} focusable elements`);
  for (let i = 1; i < tabbable; i++) {
    await page.keyboard.press('Tab');
    seen.push(await focusedOutline(page));
  }
  // The checklist has selects, inputs and buttons: check those too.
  await gotoView(page, 'Checkliste');
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    seen.push(await focusedOutline(page));
  }
  await screenshot(page, 'fokus-checkliste');

  const tags = new Set();
  for (const f of seen) {
    assert.ok(f, 'Tab moved focus to an element');
    assert.notEqual(f.style, 'none', `${f.tag} "${f.text}" has an outline`);
    assert.ok(f.width >= 2, `${f.tag} "${f.text}" outline is at least 2px (${f.width})`);
    assert.ok(f.focusVisible, `${f.tag} "${f.text}" matches :focus-visible`);
    tags.add(f.tag);
  }
  for (const tag of ['a', 'button', 'select', 'input']) {
    assert.ok(tags.has(tag), `a focused <${tag}> was checked`);
  }
  await context.close();
});
