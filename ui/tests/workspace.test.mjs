// The two workspaces of one installation: the first-start choice, the Land's workspace with its
// own checklist and profile, switching between the workspaces, and the Land's views checked with
// axe-core and kept as screenshots.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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
    'Kommunen',
    'Checkliste des Landes',
    'Informationspaket',
    'Schlüssel',
    'Profil',
    'Verlauf',
    'Datensicherung',
  ]);
  await page.getByText('Legen Sie zuerst das Profil des Landes an.').waitFor();
  assert.equal(await text(page.getByTestId('overall-percent')), '0 %');
  assert.equal(await text(page.getByTestId('overall-done')), '0 von 17 Aufgaben erledigt');
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

  // The Land's checklist: the source document's precondition and 16 points, worked on like the municipality's.
  await gotoView(page, 'Checkliste des Landes');
  const entries = page.locator('[data-item]');
  assert.equal(await entries.count(), 17);
  const entry = page.locator('[data-item="land-taskforce"]');
  assert.match(await text(entry), /Bildung eines Vollzugsteams bzw\. OZG-Taskforce/);
  await entry.getByRole('button', { name: /Stand bearbeiten/ }).click();
  assert.equal(await entry.getByText('Das Land handelt; Sie halten den Stand fest.').count(), 0);
  await entry.getByLabel('Status').selectOption('erledigt');
  await entry.getByLabel(/Verantwortlich/).fill('Referat 21');
  await entry.getByRole('button', { name: 'Speichern' }).click();
  await entry.getByRole('status').filter({ hasText: /^Gespeichert/ }).waitFor();
  assertNoViolations(await axeViolations(page, 'Checkliste des Landes'), 'Checkliste des Landes');
  await screenshot(page, 'land-checkliste');

  await gotoView(page, 'Übersicht', { back: true });
  assert.equal(await text(page.getByTestId('overall-percent')), '5 %');
  assert.equal(await text(page.getByTestId('overall-done')), '1 von 17 Aufgaben erledigt');
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
  assert.match(await text(dialog), /Der Arbeitsbereich „Land \(OZG-Koordination\)“ wird dabei neu angelegt\./);
  assert.doesNotMatch(await text(dialog), /\.sqlite/);
  assertNoViolations(await axeViolations(page, 'Arbeitsbereich wechseln'), 'Arbeitsbereich wechseln');
  await screenshot(page, 'arbeitsbereich-wechseln');
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  assert.equal(await text(page.getByTestId('workspace-name')), 'Kommune');

  await page.getByTestId('switch-workspace').click();
  await dialog.getByRole('button', { name: '„Land (OZG-Koordination)“ öffnen' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=workspace-name]')?.textContent?.includes('Land'));
  await page.waitForFunction(() => !document.querySelector('.loading'));
  assert.equal(await text(page.getByTestId('overall-done')), '0 von 17 Aufgaben erledigt');
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

test('the Land’s checklist shows what its package draft says about a point', async () => {
  const land = async (bridge) => {
    await bridge.invoke('set_land_profile', { input: { land_code: '03', name: 'MI, OZG-Koordination' } });
    const { manifest } = await bridge.invoke('get_package_draft');
    manifest.contacts = [
      { id: 'mueller', name: 'Petra Müller', role: 'OZG-Koordination', taskforce: true },
      { id: 'yilmaz', name: 'Deniz Yılmaz', role: 'Technik', taskforce: false },
    ];
    await bridge.invoke('save_package_draft', { manifest });
  };
  const { page, context, problems } = await openApp(app, [land], { bypassCSP: true, workspace: 'land' });
  await gotoView(page, 'Checkliste des Landes');
  const contacts = page.locator('[data-item="land-ozg-koordination"] [data-testid=package-facts]');
  await contacts.waitFor();
  assert.match(await text(contacts), /Im Informationspaket Entwurf des Informationspakets, Version 1/);
  assert.match(await text(contacts), /2 Ansprechpersonen: Petra Müller, Deniz Yılmaz/);
  const taskforce = page.locator('[data-item="land-taskforce"] [data-testid=package-facts]');
  assert.match(await text(taskforce), /1 Person in der OZG-Taskforce: Petra Müller/);
  // Points the package says nothing about show nothing.
  assert.equal(await page.locator('[data-item="land-austausch"] [data-testid=package-facts]').count(), 0);
  assertNoViolations(await axeViolations(page, 'Checkliste des Landes mit Paketangaben'), 'Checkliste');
  await contacts.scrollIntoViewIfNeeded();
  await screenshot(page, 'land-checkliste-paketangaben');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Land makes a key, changes it and revokes the old one in the app', async () => {
  const profile = (bridge) =>
    bridge.invoke('set_land_profile', { input: { land_code: '03', name: 'MI, OZG-Koordination' } });
  const { page, context, problems, bridge } = await openApp(app, [profile], { bypassCSP: true, workspace: 'land' });
  await gotoView(page, 'Schlüssel');
  await page.getByRole('heading', { name: 'Signaturschlüssel erzeugen' }).waitFor();

  // Too short, and two different passphrases: each said at its field.
  await page.getByLabel(/^Passphrase \(Pflichtfeld\)/).fill('kurz');
  await page.getByLabel(/^Passphrase wiederholen/).fill('kurz');
  await page.getByRole('button', { name: 'Schlüssel erzeugen' }).click();
  await page.locator('#key-passphrase-error').waitFor();
  assert.match(await text(page.locator('#key-passphrase-error')), /mindestens 12 Zeichen/i);
  await page.getByLabel(/^Passphrase \(Pflichtfeld\)/).fill('Ein langer Satz als Passphrase');
  await page.getByLabel(/^Passphrase wiederholen/).fill('Ein langer Satz als Passphrase.');
  await page.getByRole('button', { name: 'Schlüssel erzeugen' }).click();
  await page.locator('#key-repeat-error').waitFor();
  assert.equal((await bridge.invoke('list_land_keys')).length, 0);
  await page.getByLabel(/^Passphrase wiederholen/).fill('Ein langer Satz als Passphrase');
  await page.getByRole('button', { name: 'Schlüssel erzeugen' }).click();
  const active = page.getByTestId('active-key');
  await active.waitFor();
  const [first] = await bridge.invoke('list_land_keys');
  assert.match(await text(active), new RegExp(first.fingerprint.replace(/ /g, '\\s*')));
  assertNoViolations(await axeViolations(page, 'Schlüssel'), 'Schlüssel');
  await screenshot(page, 'land-schluessel');

  // The fingerprint sheet and the revocation certificate go through the save dialog.
  const { dir } = await bridge.info();
  await bridge.pick({ save: [`${dir}/fingerabdruck.pdf`] });
  await active.getByRole('button', { name: 'Fingerabdruck als PDF speichern' }).click();
  await page.getByTestId('key-status').filter({ hasText: 'fingerabdruck.pdf' }).waitFor();
  assert.ok(readFileSync(`${dir}/fingerabdruck.pdf`).subarray(0, 5).equals(Buffer.from('%PDF-')));
  await bridge.pick({ save: [`${dir}/widerruf.rev`] });
  await active.getByRole('button', { name: 'Widerrufszertifikat speichern' }).click();
  await page.getByTestId('key-status').filter({ hasText: 'widerruf.rev' }).waitFor();

  // A wrong old passphrase is named at its field; then the key changes.
  await page.getByLabel(/Passphrase des bisherigen Schlüssels/).fill('Das ist sie nicht, leider');
  await page.getByLabel(/^Passphrase des neuen Schlüssels/).fill('Noch ein langer Satz, der neue');
  await page.getByLabel(/^Neue Passphrase wiederholen/).fill('Noch ein langer Satz, der neue');
  await page.getByRole('button', { name: 'Neuen Schlüssel erzeugen' }).click();
  await page.locator('#key-old_passphrase-error').waitFor();
  assert.match(await text(page.locator('#key-old_passphrase-error')), /Passphrase ist falsch/);
  await page.getByLabel(/Passphrase des bisherigen Schlüssels/).fill('Ein langer Satz als Passphrase');
  await page.getByRole('button', { name: 'Neuen Schlüssel erzeugen' }).click();
  await page.getByRole('status').filter({ hasText: 'Der neue Schlüssel ist in Gebrauch' }).waitFor();
  const rows = page.getByTestId('key-row');
  assert.deepEqual(await rows.evaluateAll((r) => r.map((x) => x.dataset.state)), ['aktiv', 'abgeloest']);

  // Revoking the old key asks first.
  await rows.nth(1).getByRole('button', { name: /Widerrufen/ }).click();
  const dialog = page.getByTestId('revoke-dialog');
  await dialog.waitFor();
  assertNoViolations(await axeViolations(page, 'Schlüssel widerrufen'), 'Schlüssel widerrufen');
  await screenshot(page, 'land-schluessel-widerrufen');
  await dialog.getByRole('button', { name: 'Endgültig widerrufen' }).click();
  await page.getByTestId('key-status').filter({ hasText: 'ist widerrufen' }).waitFor();
  assert.deepEqual(await rows.evaluateAll((r) => r.map((x) => x.dataset.state)), ['aktiv', 'widerrufen']);
  await screenshot(page, 'land-schluessel-gewechselt');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Land takes over the key file it already has', async () => {
  const profile = (bridge) =>
    bridge.invoke('set_land_profile', { input: { land_code: '03', name: 'MI, OZG-Koordination' } });
  const { page, context, problems, bridge } = await openApp(app, [profile], { bypassCSP: true, workspace: 'land' });
  await gotoView(page, 'Schlüssel');
  const form = page.getByRole('form', { name: 'Vorhandene Schlüsseldatei übernehmen' });
  await bridge.pick({ pick: [app.fixtures.key] });
  await form.getByLabel(/Passphrase der Schlüsseldatei/).fill('nicht die richtige Passphrase');
  await form.getByRole('button', { name: 'Schlüsseldatei wählen …' }).click();
  await page.locator('#key-import_passphrase-error').waitFor();
  assert.match(await text(page.locator('#key-import_passphrase-error')), /Passphrase ist falsch/);
  await bridge.pick({ pick: [app.fixtures.key] });
  await form.getByLabel(/Passphrase der Schlüsseldatei/).fill('Passphrase der Szenarien des Landes');
  await form.getByRole('button', { name: 'Schlüsseldatei wählen …' }).click();
  await page.getByTestId('active-key').waitFor();
  const [key] = await bridge.invoke('list_land_keys');
  assert.equal(key.fingerprint, app.fixtures.fingerprint);
  assert.deepEqual(problems, []);
  await context.close();
});
