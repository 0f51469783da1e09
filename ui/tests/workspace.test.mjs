// The two workspaces of one installation: the first-start choice, the Land's workspace with its
// own checklist and profile, switching between the workspaces, and the Land's views checked with
// axe-core and kept as screenshots.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, bridgeOf, gotoView, openApp, screenshot, text, useApp } from './harness.mjs';
import { leer, standard } from './scenarios.mjs';

const app = useApp('workspace');

function assertNoViolations(violations, view) {
  assert.deepEqual(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe violations in ${view}`,
  );
}

const navLabels = (page) => page.locator('nav a').allTextContents();

test('the first start asks who works, and the Land works through its own checklist', async () => {
  const { page, context, problems } = await openApp(app, [leer], { bypassCSP: true, workspace: null });
  await page.getByRole('heading', { name: 'Willkommen bei Anbindungscheck' }).waitFor();
  assert.deepEqual(await navLabels(page), [], 'no navigation before the choice');
  assertNoViolations(await axeViolations(page, 'Willkommen'), 'Willkommen');
  await screenshot(page, 'willkommen');

  // Without a choice the form says what is missing.
  await page.getByRole('button', { name: 'Arbeitsbereich öffnen' }).click();
  await page.getByRole('alert').filter({ hasText: 'Bitte wählen Sie' }).waitFor();
  assert.equal((await bridgeOf(page).calls()).filter((c) => c.cmd === 'open_workspace').length, 0);

  await page.getByRole('radio', { name: /Land \(OZG-Koordination\)/ }).check();
  await page.getByRole('button', { name: 'Arbeitsbereich öffnen' }).click();
  await page.getByRole('heading', { name: 'Übersicht', level: 1 }).waitFor();
  await page.waitForFunction(() => !document.querySelector('.loading'));
  assert.equal(await text(page.getByTestId('workspace-name')), 'Land (OZG-Koordination)');
  assert.deepEqual(await navLabels(page), [
    'Übersicht',
    'Checkliste des Landes',
    'Informationspaket',
    'Profil',
    'Verlauf',
    'Datensicherung',
  ]);
  await page.getByText('Legen Sie zuerst das Profil des Landes an.').waitFor();
  assert.equal(await text(page.getByTestId('overall-percent')), '0 %');
  assert.equal(await text(page.getByTestId('overall-done')), '0 von 16 Aufgaben erledigt');
  const info = await bridgeOf(page).invoke('workspace_info');
  assert.equal(info.kind, 'land');
  assert.match(info.path, /anbindungscheck-land\.sqlite$/);

  // The Land's profile.
  await gotoView(page, 'Profil');
  await page.getByRole('heading', { name: 'Profil des Landes' }).waitFor();
  await page.getByRole('button', { name: 'Profil speichern' }).click();
  await page.locator('#land-profile-land_code-error').waitFor();
  assert.match(await text(page.locator('#land-profile-land_code-error')), /Bitte wählen Sie das Land/);
  await page.getByLabel(/^Land/).selectOption('03');
  await page.getByLabel(/Name der OZG-Koordination/).fill('Ministerium für Inneres und Sport, OZG-Koordination');
  await page.getByRole('button', { name: 'Profil speichern' }).click();
  await page.getByRole('status').filter({ hasText: 'Gespeichert.' }).waitFor();
  assert.equal(
    await text(page.getByTestId('header-profile')),
    'Ministerium für Inneres und Sport, OZG-Koordination Niedersachsen',
  );
  assertNoViolations(await axeViolations(page, 'Profil des Landes'), 'Profil des Landes');
  await screenshot(page, 'land-profil');

  // The Land's checklist: the source document's 16 points, worked on like the municipality's.
  await gotoView(page, 'Checkliste des Landes');
  const entries = page.locator('[data-item]');
  assert.equal(await entries.count(), 16);
  const entry = page.locator('[data-item="land-taskforce"]');
  assert.match(await text(entry), /Bildung eines Vollzugsteams bzw\. OZG-Taskforce/);
  await entry.getByRole('button', { name: /Stand bearbeiten/ }).click();
  assert.equal(await entry.getByText('Das Land handelt; Sie halten den Stand fest.').count(), 0);
  await entry.getByLabel('Status').selectOption('erledigt');
  await entry.getByLabel(/Verantwortlich/).fill('Referat 21');
  await entry.getByRole('button', { name: 'Speichern' }).click();
  await entry.getByRole('status').filter({ hasText: 'Gespeichert' }).waitFor();
  assertNoViolations(await axeViolations(page, 'Checkliste des Landes'), 'Checkliste des Landes');
  await screenshot(page, 'land-checkliste');

  await gotoView(page, 'Übersicht', { back: true });
  assert.equal(await text(page.getByTestId('overall-percent')), '6 %');
  assert.equal(await text(page.getByTestId('overall-done')), '1 von 16 Aufgaben erledigt');
  assert.equal(await page.getByText('Legen Sie zuerst das Profil des Landes an.').count(), 0);
  assertNoViolations(await axeViolations(page, 'Übersicht des Landes'), 'Übersicht des Landes');
  await screenshot(page, 'land-uebersicht');

  // The municipality's commands are refused in the Land's workspace, naming both workspaces.
  const refused = await bridgeOf(page).request('POST', '/invoke/get_profile', {});
  assert.equal(refused.error.code, 'workspace_wrong_kind');
  assert.match(refused.error.message, /„Kommune“.*„Land \(OZG-Koordination\)“/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the header switches between the workspaces and each keeps its data', async () => {
  const { page, context, problems } = await openApp(app, [standard], { bypassCSP: true });
  await page.getByTestId('header-profile').waitFor();
  assert.equal(await text(page.getByTestId('workspace-name')), 'Kommune');

  // Cancelling changes nothing.
  await page.getByTestId('switch-workspace').click();
  const dialog = page.getByTestId('switch-dialog');
  await dialog.waitFor();
  assert.match(await text(dialog), /öffnet den Arbeitsbereich „Land \(OZG-Koordination\)“/);
  assert.match(await text(dialog), /Die Datenbank wird neu angelegt: .*anbindungscheck-land\.sqlite/);
  assertNoViolations(await axeViolations(page, 'Arbeitsbereich wechseln'), 'Arbeitsbereich wechseln');
  await screenshot(page, 'arbeitsbereich-wechseln');
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  assert.equal(await text(page.getByTestId('workspace-name')), 'Kommune');

  await page.getByTestId('switch-workspace').click();
  await dialog.getByRole('button', { name: '„Land (OZG-Koordination)“ öffnen' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=workspace-name]')?.textContent?.includes('Land'));
  await page.waitForFunction(() => !document.querySelector('.loading'));
  assert.equal(await text(page.getByTestId('overall-done')), '0 von 16 Aufgaben erledigt');
  assert.equal(await page.getByTestId('header-profile').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'view-title');

  // And back: the municipality's data is still there.
  await page.getByTestId('switch-workspace').click();
  await dialog.getByRole('button', { name: '„Kommune“ öffnen' }).click();
  await page.getByTestId('header-profile').filter({ hasText: 'Stadt Musterstadt' }).waitFor();
  assert.equal(await text(page.getByTestId('workspace-name')), 'Kommune');
  assert.ok((await navLabels(page)).includes('Informationen des Landes'));
  assert.deepEqual(problems, []);
  await context.close();
});
