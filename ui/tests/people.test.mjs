// People per role ("Ansprechpersonen" on the profile page) against the real core (UI test bridge): listed per
// role, added, edited and removed after a confirmation, errors at the field, keyboard only; and
// offered as owners in the checklist (the owner field stays free text); closing the window with
// unsaved input.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calls, gotoView, historyRows, openApp, tabTo, text, useApp, waitForCall } from './harness.mjs';

const app = useApp('people');

/** The text a sighted clerk reads (without the visually hidden parts for screen readers). */
const shown = (locator) =>
  locator.evaluate((el) => {
    const copy = el.cloneNode(true);
    for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? null);
const dialogOpen = (page) => page.evaluate(() => document.querySelector('dialog[open]') !== null);

async function openPeople(page) {
  await gotoView(page, 'Profil');
  const section = page.getByTestId('people');
  await section.locator('.people-role').first().waitFor();
  return section;
}

test('people are listed per role; adding, editing and removing (after a confirmation)', async () => {
  const { page, context, problems } = await openApp(app);
  const section = await openPeople(page);
  assert.equal(await text(section.locator('#people-title')), 'Ansprechpersonen');

  // Every role, in the core's order; roles without anyone say so.
  const roles = await section.locator('.people-role h3').allTextContents();
  assert.deepEqual(roles.map((r) => r.trim()), [
    'Stellvertretung OZG-Umsetzung',
    'Projektleitung',
    'Technik',
    'Fachbereich',
    'Datenschutz',
    'Informationssicherheit',
    'Betrieb / erste Anlaufstelle',
    'Funktionspostfach',
  ]);
  const role = (r) => section.locator(`.people-role[data-role="${r}"]`);
  assert.match(await shown(role('ozg_koordination')), /Jonas Weber jonas\.weber@musterstadt\.example 089 1234-568/);
  // The Ansprechperson für die OZG-Umsetzung herself is in one place: the profile above.
  assert.match(await text(section.locator('.people-lead')), /Die Ansprechperson für die OZG-Umsetzung steht oben\s+im Profil/);
  assert.equal(await section.getByText('Anna Schmidt').count(), 0);
  assert.equal(await page.locator('#person-role').inputValue(), 'projektleitung');
  assert.equal(await text(role('fachlichkeit').locator('.people-none')), 'Noch niemand benannt.');
  // The list of a role is named by its heading.
  assert.equal(
    await role('datenschutz').getByRole('list').getAttribute('aria-labelledby'),
    'people-role-datenschutz',
  );

  // Add.
  await page.getByLabel('Rolle').selectOption('fachlichkeit');
  await page.locator('#person-name').fill('Vergabestelle, Frau Demir');
  await page.locator('#person-email').fill('vergabe@musterstadt.example');
  await page.locator('#person-phone').fill('089 1234-330');
  await page.getByRole('button', { name: 'Hinzufügen' }).click();
  const status = page.getByTestId('people-status');
  await status.filter({ hasText: /^Gespeichert:/ }).waitFor();
  assert.equal(await status.getAttribute('role'), 'status');
  assert.equal(await text(status), 'Gespeichert: Vergabestelle, Frau Demir (Fachbereich).');
  assert.match(await shown(role('fachlichkeit')), /Vergabestelle, Frau Demir vergabe@musterstadt\.example 089 1234-330/);
  assert.equal(await role('fachlichkeit').locator('.people-none').count(), 0);
  assert.equal(await page.locator('#person-name').inputValue(), '', 'the form is empty again');
  assert.deepEqual((await calls(page, 'save_person')).at(-1), {
    id: null,
    input: {
      role: 'fachlichkeit',
      name: 'Vergabestelle, Frau Demir',
      email: 'vergabe@musterstadt.example',
      phone: '089 1234-330',
    },
  });

  // Edit: the form takes the person, focus moves to its first field.
  await page.getByRole('button', { name: /^Bearbeiten\s*: Dr\. Petra Vogel, Datenschutz$/ }).click();
  assert.equal(await activeId(page), 'person-role');
  assert.equal(await text(page.locator('#person-form-title')), 'Ansprechperson bearbeiten');
  assert.equal(await page.locator('#person-role').inputValue(), 'datenschutz');
  assert.equal(await page.locator('#person-name').inputValue(), 'Dr. Petra Vogel');
  await page.locator('#person-phone').fill('089 1234-800');
  await page.getByRole('button', { name: 'Änderungen speichern' }).click();
  await status.filter({ hasText: 'Dr. Petra Vogel' }).waitFor();
  assert.match(await shown(role('datenschutz')), /Dr\. Petra Vogel datenschutz@musterstadt\.example 089 1234-800/);
  const edited = (await calls(page, 'save_person')).at(-1);
  assert.equal(typeof edited.id, 'number');
  assert.equal(await text(page.locator('#person-form-title')), 'Ansprechperson hinzufügen');
  assert.match((await activeId(page)) ?? '', /^person-\d+-edit$/, 'focus back on the person');

  // Remove: a modal confirmation; "Abbrechen" keeps the person and puts the focus back.
  const remove = page.getByRole('button', { name: /^Entfernen\s*: Kämmerei, Herr Becker, Projektleitung$/ });
  await remove.click();
  const dialog = page.getByTestId('person-remove-dialog');
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  assert.equal(await dialog.evaluate((d) => d.matches(':modal')), true);
  assert.equal(await activeId(page), 'person-remove-title');
  assert.match(await text(dialog), /Kämmerei, Herr Becker \(Projektleitung\) wird aus den Ansprechpersonen entfernt/);
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  assert.equal(await dialogOpen(page), false);
  assert.equal(await remove.evaluate((b) => b === document.activeElement), true);
  assert.match(await shown(role('projektleitung')), /Kämmerei, Herr Becker/);
  assert.deepEqual(await calls(page, 'remove_person'), []);

  await remove.click();
  await page.locator('#person-remove-confirm').click();
  await status.filter({ hasText: 'Entfernt' }).waitFor();
  assert.equal(await text(status), 'Entfernt: Kämmerei, Herr Becker (Projektleitung).');
  assert.equal(await text(role('projektleitung').locator('.people-none')), 'Noch niemand benannt.');
  assert.equal(await activeId(page), 'people-title');
  assert.equal((await calls(page, 'remove_person')).length, 1);

  // The history names the changes, the role by its German label (as the core does), not its key.
  const history = await historyRows(page);
  const person = history.filter((r) => r[1] === 'Ansprechpersonen');
  assert.ok(person.some((r) => r[2] === 'Rolle' && r[3] === '–' && r[4] === 'Fachbereich'));
  assert.ok(person.some((r) => r[2] === 'Name' && r[4] === 'Vergabestelle, Frau Demir'));
  assert.ok(person.some((r) => r[2] === 'Telefon' && r[4] === '089 1234-800'));
  assert.ok(person.some((r) => r[2] === 'Name' && r[3] === 'Kämmerei, Herr Becker' && r[4] === '–'));
  assert.ok(!history.flat().includes('fachlichkeit'), 'no raw role key');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a refused person: the error is at the field, which gets the focus; the rest is kept', async () => {
  const { page, context, problems } = await openApp(app);
  await openPeople(page);

  // A functional mailbox without an e-mail address.
  await page.getByLabel('Rolle').selectOption('postfach');
  await page.locator('#person-name').fill('Bürgerbüro');
  await page.getByRole('button', { name: 'Hinzufügen' }).click();
  const email = page.locator('#person-email');
  await page.locator('#person-email-error').waitFor();
  assert.equal(await activeId(page), 'person-email');
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  assert.equal(await email.getAttribute('aria-describedby'), 'person-email-hint person-email-error');
  assert.equal(
    await text(page.locator('#person-email-error')),
    'Für das Funktionspostfach fehlt die E-Mail-Adresse.',
  );
  assert.equal(await page.locator('#person-name').inputValue(), 'Bürgerbüro', 'input is kept');
  assert.equal(await page.locator('#person-name').getAttribute('aria-invalid'), null);

  // Typing clears the error; a bad address is named.
  await email.fill('buergerbuero');
  assert.equal(await page.locator('#person-email-error').count(), 0);
  assert.equal(await email.getAttribute('aria-invalid'), null);
  await page.getByRole('button', { name: 'Hinzufügen' }).click();
  await page.locator('#person-email-error').waitFor();
  assert.match(await text(page.locator('#person-email-error')), /E-Mail-Adresse „buergerbuero“: das Zeichen „@“ fehlt/);

  // No name: the name field.
  await email.fill('buergerbuero@musterstadt.example');
  await page.locator('#person-name').fill('  ');
  await page.getByRole('button', { name: 'Hinzufügen' }).click();
  await page.locator('#person-name-error').waitFor();
  assert.equal(await activeId(page), 'person-name');
  assert.equal(await text(page.locator('#person-name-error')), 'Der Name fehlt.');
  assert.equal(
    await page.locator('#person-name').getAttribute('aria-describedby'),
    'person-name-hint person-name-error',
  );

  // A bad phone number.
  await page.locator('#person-name').fill('Bürgerbüro');
  await page.locator('#person-phone').fill('ruf mich an');
  await page.getByRole('button', { name: 'Hinzufügen' }).click();
  await page.locator('#person-phone-error').waitFor();
  assert.equal(await activeId(page), 'person-phone');
  assert.match(await text(page.locator('#person-phone-error')), /Telefonnummer „ruf mich an“/);
  assert.equal(await page.getByTestId('people-status').textContent(), 'Nicht gespeicherte Änderungen');

  // Nothing was stored along the way.
  const section = page.getByTestId('people');
  assert.equal(await section.getByText('Bürgerbüro').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard only: add a person, then remove one through the confirmation', async () => {
  const { page, context, problems } = await openApp(app);
  await openPeople(page);

  await tabTo(page, () => document.activeElement?.id === 'person-role');
  await page.keyboard.press('ArrowDown'); // Projektleitung -> Technik
  assert.equal(await page.locator('#person-role').inputValue(), 'technik');
  await page.keyboard.press('Tab');
  assert.equal(await activeId(page), 'person-name');
  await page.keyboard.type('Rechenzentrum, Frau Lange');
  await page.keyboard.press('Tab');
  assert.equal(await activeId(page), 'person-email');
  await page.keyboard.type('lange@rz.example');
  await page.keyboard.press('Tab');
  assert.equal(await activeId(page), 'person-phone');
  await page.keyboard.type('0911 555-12');
  await page.keyboard.press('Enter'); // submits the form
  const status = page.getByTestId('people-status');
  await status.filter({ hasText: 'Rechenzentrum' }).waitFor();
  assert.equal(await text(status), 'Gespeichert: Rechenzentrum, Frau Lange (Technik).');
  assert.equal(await activeId(page), 'person-role', 'ready for the next person');
  const technik = page.locator('.people-role[data-role="technik"]');
  assert.match(await shown(technik), /Rechenzentrum, Frau Lange lange@rz\.example 0911 555-12/);

  // Remove with the keyboard: Escape cancels, Enter on "Entfernen" in the dialog confirms.
  const label = 'Entfernen: Rechenzentrum, Frau Lange, Technik';
  await tabTo(page, (name) => document.activeElement?.textContent?.replace(/\s+/g, ' ').trim() === name, label, {
    back: true,
  });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('dialog[open]') === null);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.replace(/\s+/g, ' ').trim()), label);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  await page.keyboard.press('Tab');
  assert.equal(await activeId(page), 'person-remove-confirm');
  await page.keyboard.press('Enter');
  await status.filter({ hasText: 'Entfernt' }).waitFor();
  assert.equal(await technik.getByText('Rechenzentrum, Frau Lange').count(), 0);
  assert.equal(await activeId(page), 'people-title');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the owner field of an item offers the people as "Name (Rolle)" and stores the name', async () => {
  const { page, context, problems } = await openApp(app);
  await page.getByTestId('overall-percent').waitFor();
  await gotoView(page, 'Checkliste');
  const entry = page.locator('[data-item="finanzierung-haushalt"]');
  await entry.locator('button.toggle').click();
  const owner = entry.getByLabel('Verantwortlich');
  // The suggestions arrive with the people, after the form is shown.
  await entry.locator('input[list]').waitFor();
  const listId = await owner.getAttribute('list');
  assert.equal(listId, 'form-finanzierung-haushalt-owner-people');
  const options = await page.locator(`datalist#${listId} option`).evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(options, [
    'Anna Schmidt (Ansprechperson für die OZG-Umsetzung)',
    'Jonas Weber (Stellvertretung OZG-Umsetzung)',
    'Kämmerei, Herr Becker (Projektleitung)',
    'IT-Stelle, Herr Okafor (Technik)',
    'Dr. Petra Vogel (Datenschutz)',
    'OZG-Postfach (Funktionspostfach)',
  ]);
  assert.match(
    (await owner.getAttribute('aria-describedby')) ?? '',
    /form-finanzierung-haushalt-owner-hint/,
  );

  // Picking a suggestion puts in the name only.
  await owner.fill('Kämmerei, Herr Becker (Projektleitung)');
  assert.equal(await owner.inputValue(), 'Kämmerei, Herr Becker');
  await entry.getByRole('button', { name: 'Speichern' }).click();
  await entry.getByText('Gespeichert.').waitFor();
  assert.equal(await text(entry.getByTestId('owner')), 'Kämmerei, Herr Becker');

  // Free text stays possible.
  await owner.fill('Bauamt, Frau Kurz');
  await entry.getByRole('button', { name: 'Speichern' }).click();
  await page.waitForFunction(
    () => document.querySelector('[data-item="finanzierung-haushalt"] [data-testid="owner"]')?.textContent === 'Bauamt, Frau Kurz',
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('closing the window asks about unsaved input first, and only then', async () => {
  const { page, context, problems } = await openApp(app);
  // What the desktop shell does when the window's close button is pressed while it is guarded.
  const closeRequest = () => page.evaluate(() => window.dispatchEvent(new Event('anbindungscheck:close-requested')));
  const guards = () => calls(page, 'set_unsaved_input');
  const closes = async () => (await calls(page, 'close_window')).length;
  const dialog = page.getByTestId('discard-dialog');
  await openPeople(page);
  assert.deepEqual(await guards(), [], 'nothing unsaved, nothing guarded');

  // Typing guards the window; "Zurück zur Eingabe" keeps the input and the guard.
  await page.locator('#person-name').fill('Kämmerei, Frau Roth');
  await waitForCall(page, 'set_unsaved_input');
  assert.deepEqual(await guards(), [{ unsaved: true }]);
  await closeRequest();
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  assert.equal(await text(dialog.locator('h2')), 'Nicht gespeicherte Änderungen');
  await dialog.getByRole('button', { name: 'Zurück zur Eingabe' }).click();
  await waitForCall(page, 'set_unsaved_input', 2);
  assert.deepEqual((await guards()).at(-1), { unsaved: true }, 'the next request is held back again');
  assert.equal(await closes(), 0);
  assert.equal(await page.locator('#person-name').inputValue(), 'Kämmerei, Frau Roth');

  // Saved: the guard goes.
  await page.getByRole('button', { name: 'Hinzufügen' }).click();
  await page.getByTestId('people-status').filter({ hasText: /^Gespeichert:/ }).waitFor();
  await waitForCall(page, 'set_unsaved_input', 3);
  assert.deepEqual((await guards()).at(-1), { unsaved: false });

  // Unsaved again, and "Verwerfen": the window closes.
  await page.locator('#person-phone').fill('089 1234-400');
  await waitForCall(page, 'set_unsaved_input', 4);
  await closeRequest();
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  await dialog.getByRole('button', { name: 'Verwerfen' }).click();
  await waitForCall(page, 'close_window');
  assert.equal(await closes(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});
