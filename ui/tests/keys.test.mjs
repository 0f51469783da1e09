// The municipality's side of the Land's keys: a package signed with a new key the old one
// endorsed is read with a note, a revocation the Land sent is read in "Informationen des
// Landes", and a package signed with the revoked key is refused.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, bridgeOf, gotoView, openApp, screenshot, text, useApp } from './harness.mjs';
import { paket, standard } from './scenarios.mjs';

const app = useApp('keys');

test('a new key endorsed by the old one is taken over, and a revoked key is refused', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(1)], { bypassCSP: true });
  const fixtures = app.fixtures;
  await gotoView(page, 'Informationen des Landes');

  await bridgeOf(page).pick({ pick: [fixtures.packageNewKey] });
  await page.getByRole('button', { name: /Paket einlesen/ }).first().click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.waitFor();
  const note = dialog.getByTestId('key-change');
  assert.match(await text(note), /Das Land verwendet einen neuen Schlüssel\. Der bisherige Schlüssel .* hat den neuen Schlüssel .* bestätigt\./);
  assert.equal(await dialog.getByTestId('first-key').count(), 0, 'no fingerprint check for an endorsed key');
  const axe = await axeViolations(page, 'Einlesen mit neuem Schlüssel');
  assert.deepEqual(axe.map((v) => v.id), []);
  await screenshot(page, 'einlesen-neuer-schluessel');
  await dialog.getByRole('button', { name: 'Einlesen' }).click();
  await page.getByTestId('package-status').filter({ hasText: 'Paket eingelesen.' }).waitFor();

  // The Land's revocation of its first key, read on its own.
  await bridgeOf(page).pick({ pick: [fixtures.revocation] });
  await page.getByRole('button', { name: 'Widerruf einlesen …' }).click();
  const status = page.getByTestId('package-status');
  await status.filter({ hasText: 'widerrufen' }).waitFor();
  assert.match(await text(status), /Der Schlüssel .* des Landes Niedersachsen wurde vom Land am .* widerrufen/);
  assert.match(await text(status), /Pakete mit diesem Schlüssel werden künftig abgelehnt\./);
  // Read again, nothing changes.
  await bridgeOf(page).pick({ pick: [fixtures.revocation] });
  await page.getByRole('button', { name: 'Widerruf einlesen …' }).click();
  await status.filter({ hasText: 'schon bekannt' }).waitFor();

  // A package signed with the revoked key is refused, and says why.
  await bridgeOf(page).pick({ pick: [fixtures.packageV1] });
  await page.getByRole('button', { name: /Paket einlesen/ }).first().click();
  const refused = page.locator('#package-choose-error');
  await refused.waitFor();
  assert.match(await text(refused), /widerrufen/);
  await screenshot(page, 'widerrufener-schluessel');
  assert.deepEqual(problems, []);
  await context.close();
});
