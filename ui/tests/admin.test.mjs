// The IT department's settings for every user of a PC (einstellungen.json) against the real
// core: what the Datensicherung view shows, the Land's key trusted without the clerk's check,
// save dialogs starting in the folder set, switching the workspace and restoring turned off, and
// a file that cannot be read said plainly (and turning nothing on).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calls, gotoView, openApp, screenshot, text, useApp } from './harness.mjs';
import { standard } from './scenarios.mjs';

const app = useApp('admin');
const FOLDER = join(tmpdir(), 'Anbindungscheck-Ablage');

const picks =
  (...names) =>
  (bridge, fixtures) =>
    bridge.pick({ pick: names.map((n) => fixtures[n]) });

function settings(fixtures) {
  return {
    arbeitsbereich: 'kommune',
    vertrauenswuerdige_schluessel: [{ land: 'NI', fingerabdruck: fixtures.fingerprint }],
    ablageordner: FOLDER,
    abgeschaltet: ['arbeitsbereich_wechseln', 'wiederherstellen'],
  };
}

test('the settings are shown, the Land’s key needs no check, dialogs start in the folder, and what is off is off', async () => {
  const fixtures = app.fixtures;
  const { page, context, problems, bridge } = await openApp(app, [standard, picks('packageV1')], {
    adminSettings: settings(fixtures),
  });
  await page.getByTestId('header-profile').waitFor();
  assert.equal(await page.getByTestId('switch-workspace').count(), 0, 'no switch in the header');

  await gotoView(page, 'Datensicherung');
  const card = page.getByTestId('admin-settings');
  assert.equal(await text(card.locator('h2')), 'Von Ihrer IT-Abteilung festgelegt');
  assert.equal(await text(card.getByTestId('admin-workspace')), 'Kommune');
  assert.equal(await text(card.getByTestId('admin-key')), fixtures.fingerprint);
  assert.equal(await text(card.getByTestId('admin-folder')), FOLDER);
  assert.equal(await text(card.getByTestId('admin-disabled')), 'Arbeitsbereich wechseln, Sicherung wiederherstellen');
  assert.match(await text(page.getByTestId('restore-off')), /hat Ihre IT-Abteilung auf diesem Rechner abgeschaltet/);
  assert.equal(await page.locator('#backup-restore').count(), 0);
  await screenshot(page, 'datensicherung-it-abteilung');

  // The core refuses too, whatever a page asks.
  await assert.rejects(bridge.invoke('choose_backup'), /Sicherung wiederherstellen“ hat Ihre IT-Abteilung/);
  await assert.rejects(bridge.invoke('open_workspace', { kind: 'land' }), /Arbeitsbereich wechseln“ hat Ihre IT-Abteilung/);

  // A save dialog starts in the IT department's folder.
  await page.locator('#backup-create').click();
  await page.getByTestId('backup-result').waitFor();
  const dialogs = await bridge.request('GET', '/test/dialogs');
  assert.equal(dialogs.at(-1).kind, 'save');
  assert.equal(dialogs.at(-1).folder, FOLDER);

  // The first package of Niedersachsen: the key is the IT department's, no check needed.
  await gotoView(page, 'Informationen des Landes', { back: true });
  await page.locator('#package-import').click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('key-preset').waitFor();
  assert.match(await text(dialog.getByTestId('key-preset')), /Ihre IT-Abteilung hat den Schlüssel des Landes Niedersachsen/);
  assert.equal(await page.locator('#import-trust').count(), 0, 'no check box to tick');
  await screenshot(page, 'paket-schluessel-it-abteilung');
  await page.locator('#import-start').click();
  await page.getByText('Paket eingelesen.').waitFor();
  assert.deepEqual((await calls(page, 'import_package')).at(-1), { trust: null });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a settings file that cannot be read is said plainly and turns nothing on', async () => {
  const { page, context, problems, bridge } = await openApp(app, [standard], {
    adminSettings: '{ "abgeschaltet": ["internet"] }',
  });
  await gotoView(page, 'Datensicherung');
  const card = page.getByTestId('admin-settings');
  assert.equal(await text(card.locator('h2')), 'Einstellungen Ihrer IT-Abteilung');
  assert.match(await text(card), /sind ungültig und werden nicht angewandt: „abgeschaltet“: „internet“ ist keine Funktion/);
  // What the settings could turn off stays off while they cannot be read.
  assert.equal(await page.locator('#backup-restore').count(), 0);
  assert.equal(await page.getByTestId('switch-workspace').count(), 0);
  await assert.rejects(bridge.invoke('choose_backup'), /ungültig/);
  assert.deepEqual(problems, []);
  await context.close();
});
