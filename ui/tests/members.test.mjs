// A Gemeindeverband on the profile page against the real core (UI test bridge): the kind and the
// key (an ARS), the key's errors at the field, and the members section: added with AGS and name,
// errors under the field that has the focus, removed after a confirmation, named in the history.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calls, gotoView, historyRows, openApp, screenshot, text, useApp } from './harness.mjs';
import { PACKAGE_ID, paket, standard } from './scenarios.mjs';

const app = useApp('members');

const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? null);
const dialogOpen = (page) => page.evaluate(() => document.querySelector('dialog[open]') !== null);

test('a Samtgemeinde enters its ARS and its members; a Gemeinde has no members section', async () => {
  const { page, context, problems } = await openApp(app);
  await gotoView(page, 'Profil');
  await page.locator('#profile-kind').waitFor();
  assert.equal(await page.locator('#profile-kind').inputValue(), 'gemeinde');
  assert.equal(await page.getByTestId('members').count(), 0, 'a Gemeinde has no members');
  assert.match(await text(page.locator('label[for="profile-ags"]')), /^AGS\b(?! oder)/);

  // A Samtgemeinde with an AGS: the key's error, at the key, which gets the focus.
  await page.getByLabel('Art der Kommune').selectOption('samtgemeinde');
  assert.match(await text(page.locator('label[for="profile-ags"]')), /^ARS/);
  await page.getByRole('button', { name: 'Profil speichern' }).click();
  await page.locator('#profile-ags-error').waitFor();
  assert.equal(await activeId(page), 'profile-ags');
  assert.match(await text(page.locator('#profile-ags-error')), /hat keinen AGS, sondern einen Amtlichen Regionalschlüssel/);
  assert.equal(await page.getByTestId('members').count(), 0);

  // With its ARS it is saved, and the members section appears.
  await page.locator('#profile-ags').fill('0324 1541 8000');
  await page.locator('#profile-ags-check').filter({ hasText: 'Niedersachsen' }).waitFor();
  await page.getByRole('button', { name: 'Profil speichern' }).click();
  const section = page.getByTestId('members');
  await section.waitFor();
  assert.equal((await calls(page, 'set_profile')).at(-1).input.kind, 'samtgemeinde');
  assert.equal(await page.locator('#profile-ags').inputValue(), '032415418000');
  assert.equal(await text(section.locator('#members-title')), 'Mitgliedsgemeinden');
  assert.equal(await text(section.locator('.members-none')), 'Noch keine Mitgliedsgemeinde eingetragen.');

  // Add two members.
  const status = page.getByTestId('members-status');
  for (const [ags, name] of [['03241012', 'Bedorf'], ['03241011', 'Adorf']]) {
    await page.locator('#member-ags').fill(ags);
    await page.locator('#member-name').fill(name);
    await section.getByRole('button', { name: 'Hinzufügen' }).click();
    await status.filter({ hasText: name }).waitFor();
  }
  assert.equal(await text(status), 'Eingetragen: Adorf (AGS 03241011).');
  assert.equal(await activeId(page), 'member-ags', 'ready for the next member');
  assert.deepEqual(await section.locator('.member').evaluateAll((li) => li.map((l) => l.dataset.ags)), [
    '03241011',
    '03241012',
  ]);

  // Refused members: the error is under the field, which gets the focus; the input is kept.
  const refusals = [
    ['03251011', 'Cedorf', 'member-ags', /anderen Kreis/],
    ['03241011', 'Adorf', 'member-ags', /ist schon Mitglied \(„Adorf“\)/],
    ['0324101', 'Cedorf', 'member-ags', /hat 7 Ziffern/],
    ['03241013', ' ', 'member-name', /Der Name der Mitgliedsgemeinde fehlt/],
  ];
  for (const [ags, name, field, message] of refusals) {
    await page.locator('#member-ags').fill(ags);
    await page.locator('#member-name').fill(name);
    await section.getByRole('button', { name: 'Hinzufügen' }).click();
    await page.locator(`#${field}-error`).waitFor();
    assert.equal(await activeId(page), field, `${ags} ${name}`);
    assert.match(await text(page.locator(`#${field}-error`)), message);
    assert.equal(await page.locator(`#${field}`).getAttribute('aria-invalid'), 'true');
    assert.match((await page.locator(`#${field}`).getAttribute('aria-describedby')) ?? '', new RegExp(`${field}-error`));
    assert.equal(await page.locator('#member-ags').inputValue(), ags, 'input is kept');
  }
  assert.equal(await section.locator('.member').count(), 2);

  // Remove: "Abbrechen" keeps the member, "Entfernen" in the dialog removes it.
  const remove = section.getByRole('button', { name: /^Entfernen\s*: Bedorf$/ });
  await screenshot(page, 'profil-mitglieder');
  await remove.click();
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  const dialog = page.getByTestId('member-remove-dialog');
  assert.match(await text(dialog), /Bedorf \(AGS 03241012\) wird aus den Mitgliedsgemeinden entfernt/);
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  assert.equal(await dialogOpen(page), false);
  assert.deepEqual(await calls(page, 'remove_member'), []);
  await remove.click();
  await page.locator('#member-remove-confirm').click();
  await status.filter({ hasText: 'Entfernt' }).waitFor();
  assert.equal(await text(status), 'Entfernt: Bedorf (AGS 03241012).');
  assert.equal(await activeId(page), 'members-title');
  assert.deepEqual(await calls(page, 'remove_member'), [{ ags: '03241012' }]);
  assert.equal(await section.locator('.member').count(), 1);

  // The last refused member is still typed in: leaving the view asks first.
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Verlauf' }).click();
  await page.getByTestId('discard-dialog').getByRole('button', { name: 'Verwerfen' }).click();

  // The history names the kind by its label and the members by name and AGS.
  const history = await historyRows(page);
  const profile = history.filter((r) => r[1] === 'Profil');
  assert.ok(profile.some((r) => r[2] === 'Art der Kommune' && r[3] === 'Gemeinde' && r[4] === 'Samtgemeinde'));
  assert.ok(profile.some((r) => r[2] === 'Mitglied' && r[3] === '–' && r[4] === 'Adorf (03241011)'));
  assert.ok(profile.some((r) => r[2] === 'Mitglied' && r[3] === 'Bedorf (03241012)' && r[4] === '–'));
  assert.deepEqual(problems, []);
  await context.close();
});

/** A Samtgemeinde (the standard scenario's Kommune, its key an ARS) with two members. */
async function samtgemeinde(bridge) {
  await bridge.invoke('set_profile', {
    input: { name: 'Samtgemeinde Musterland', ags: '032415418000', kind: 'samtgemeinde', population: 48200 },
  });
  for (const [ags, name] of [['03241011', 'Adorf'], ['03241012', 'Bedorf']]) {
    await bridge.invoke('add_member', { input: { ags, name } });
  }
}

test('a member decides otherwise on a service; back to the decision of the whole', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(1), samtgemeinde]);
  await gotoView(page, 'Informationen des Landes');
  const service = page.locator('[data-service="praequalifizierung"]');
  const details = service.getByTestId('member-decisions');
  await details.waitFor();
  await details.locator('summary').click();
  const bedorf = details.getByLabel(/^Bedorf \(03241012\), Präqualifizierung/);
  assert.equal(await bedorf.inputValue(), '');
  await bedorf.selectOption('nein');
  const status = details.getByRole('status');
  await status.filter({ hasText: 'Bedorf' }).waitFor();
  assert.equal(await text(status), 'Gespeichert: Bedorf – Nein.');
  assert.deepEqual((await calls(page, 'set_member_decision')).at(-1), {
    packageId: PACKAGE_ID,
    serviceId: 'praequalifizierung',
    ags: '03241012',
    decision: 'nein',
  });
  await bedorf.selectOption('');
  await status.filter({ hasText: 'folgt' }).waitFor();
  assert.equal((await calls(page, 'set_member_decision')).at(-1).decision, null);

  // Kept when the view is opened again.
  await bedorf.selectOption('ja');
  await status.filter({ hasText: 'Ja' }).waitFor();
  await gotoView(page, 'Profil', { back: true });
  await gotoView(page, 'Informationen des Landes');
  const again = page.locator('[data-service="praequalifizierung"]').getByTestId('member-decisions');
  await again.waitFor();
  await again.locator('summary').click();
  assert.equal(await again.getByLabel(/^Bedorf/).inputValue(), 'ja');
  assert.equal(await again.getByLabel(/^Adorf/).inputValue(), '');
  await again.scrollIntoViewIfNeeded();
  await screenshot(page, 'dienst-mitglieder');
  assert.deepEqual(problems, []);
  await context.close();
});
