// The municipality's work on a service of the Land's package, against the real core (UI test
// bridge, scenarios: tests/scenarios.mjs): phase with dates, connection data with the core's
// format checks shown at the field, pilot interest and training, all saved with the card's one
// "Speichern"; unsaved input is asked about before it is lost; requirements to the Land (add,
// edit, remove after a confirmation), and the card operated with the keyboard only.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bridgeOf, calls, gotoView, historyRows, openApp, screenshot, tabTo, text, useApp } from './harness.mjs';
import { standard, paket } from './scenarios.mjs';

const VIEW = 'Informationen des Landes';
/** Element IDs of the first service card ("Präqualifizierung von Unternehmen"). */
const BASE = 'paket-0-dienst-0';
const CONN = `${BASE}-conn`;

const app = useApp('services');

const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? null);
const card = (page) => page.locator('[data-service="praequalifizierung"]');
const section = (page, name) => card(page).locator(`details[data-section="${name}"]`);

async function open(page, name) {
  const details = section(page, name);
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.open === true, `[data-service="praequalifizierung"] details[data-section="${name}"]`);
  return details;
}

/** The card's one save button and its status line. */
const saveButton = (page) => card(page).locator('.service-save button[type="submit"]');
const saveStatus = (page) => card(page).locator('.service-save .save-status');

async function saveCard(page) {
  await saveButton(page).click();
  await saveStatus(page).filter({ hasText: /^Gespeichert\.$/ }).waitFor();
}

/** The IDs an element's aria-describedby names. */
const describedBy = async (locator) => ((await locator.getAttribute('aria-describedby')) ?? '').split(/\s+/);

test('phase and dates are saved; the steps say their state in words; the summary shows it', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(1)]);
  await gotoView(page, VIEW);
  // Collapsed at first: the card stays short.
  assert.equal(await section(page, 'phase').evaluate((d) => d.open), false);
  assert.equal(await text(card(page).getByTestId('phase-summary')), 'noch nicht begonnen');
  assert.equal(await text(card(page).getByTestId('connection-summary')), '0 von 7 Angaben');
  assert.equal(await text(card(page).getByTestId('requirements-summary')), 'keine');

  const phase = await open(page, 'phase');
  const select = page.locator(`#${BASE}-phase`);
  assert.equal(await text(page.locator(`label[for="${BASE}-phase"]`)), 'Aktuelle Phase');
  assert.deepEqual(await select.locator('option').allTextContents(), [
    'Noch nicht begonnen',
    'Interesse',
    'Voraussetzungen',
    'Fragebogen',
    'Freischaltung',
    'Produktionstest',
    'In Betrieb',
  ]);
  // Before the start every phase is "noch nicht erreicht", every date "geplant / Frist".
  const states = () => phase.locator('.phase-step').evaluateAll((li) => li.map((l) => l.dataset.state));
  assert.deepEqual(await states(), ['todo', 'todo', 'todo', 'todo', 'todo', 'todo']);
  await select.selectOption('fragebogen');
  assert.deepEqual(await states(), ['done', 'done', 'current', 'todo', 'todo', 'todo']);
  const step = (p) => phase.locator(`.phase-step[data-phase="${p}"]`);
  assert.equal(await text(step('interesse').locator('.phase-state')), 'erreicht');
  assert.equal(await text(step('fragebogen').locator('.phase-state')), 'aktuelle Phase');
  assert.equal(await text(step('freischaltung').locator('.phase-state')), 'noch nicht erreicht');
  assert.equal(await text(step('interesse').locator('label')), 'erreicht am: Interesse');
  assert.equal(await text(step('fragebogen').locator('label')), 'erreicht am: Fragebogen');
  assert.equal(await text(step('freischaltung').locator('label')), 'geplant / Frist: Freischaltung');
  // Every step has its own icon shape, not just a colour.
  const icons = await phase.locator('.phase-marker svg').evaluateAll((svgs) => svgs.map((s) => s.innerHTML.length > 0));
  assert.ok(icons.every(Boolean));

  await page.locator(`#${BASE}-date-interesse`).fill('2026-10-01');
  await page.locator(`#${BASE}-date-fragebogen`).fill('2026-12-15');
  await page.locator(`#${BASE}-date-freischaltung`).fill('2027-03-01');
  assert.equal(await text(saveStatus(page)), 'Nicht gespeicherte Änderungen');
  await saveCard(page);
  assert.equal(await saveStatus(page).getAttribute('role'), 'status');
  assert.equal(await saveButton(page).evaluate((b) => b === document.activeElement), true, 'the focus stays on "Speichern"');
  const [saved] = await calls(page, 'save_service');
  assert.equal(saved.packageId, 'ni-vergabe-kommunen');
  assert.equal(saved.serviceId, 'praequalifizierung');
  assert.equal(saved.state.phase, 'fragebogen');
  assert.deepEqual(saved.state.phase_dates, [
    { phase: 'interesse', date: '2026-10-01' },
    { phase: 'fragebogen', date: '2026-12-15' },
    { phase: 'freischaltung', date: '2027-03-01' },
  ]);
  assert.equal(
    await text(card(page).getByTestId('phase-summary')),
    'Fragebogen (Schritt 3 von 6) · geplant: Freischaltung am 01.03.2027',
  );
  await screenshot(page, 'dienst-phase');

  // Reloading the view shows the stored state.
  await gotoView(page, 'Übersicht', { back: true });
  await gotoView(page, VIEW);
  assert.equal(await text(card(page).getByTestId('phase-summary')), 'Fragebogen (Schritt 3 von 6) · geplant: Freischaltung am 01.03.2027');
  await open(page, 'phase');
  assert.equal(await page.locator(`#${BASE}-phase`).inputValue(), 'fragebogen');
  assert.equal(await page.locator(`#${BASE}-date-freischaltung`).inputValue(), '01.03.2027');

  // The history shows the phase by its German label, as the core does.
  const history = await historyRows(page);
  assert.ok(history.some((r) => r[2] === 'Phase' && r[3] === '–' && r[4] === 'Fragebogen'));
  assert.ok(
    history.some(
      (r) => r[2] === 'Termine der Phasen' && r[4] === 'Interesse: 01.10.2026, Fragebogen: 15.12.2026, Freischaltung: 01.03.2027',
    ),
  );
  assert.ok(!history.some((r) => r[4] === 'fragebogen'), 'no raw phase key');
  assert.deepEqual(problems, []);
  await context.close();
});

test('connection data: saved with pilot interest and training; a bad value is shown at its field and focused', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(1)]);
  await gotoView(page, VIEW);
  // A phase first: saving the connection data must keep it.
  await open(page, 'phase');
  await page.locator(`#${BASE}-phase`).selectOption('voraussetzungen');
  await saveCard(page);

  const conn = await open(page, 'connection');
  // Every field has a visible label and a hint tied to it.
  const labels = {
    ou_id: 'Organisationseinheit-ID',
    pvog_url: 'PVOG-Link',
    dvdv_key: 'DVDV-Kennung',
    fit_connect_destination: 'FIT-Connect-Zustellpunkt-ID',
    transport_route: 'Transportweg',
    agreement_expires: 'Vereinbarung gültig bis',
    certificate_expires: 'Zertifikat gültig bis',
    pilot_interest: 'Ihre Kommune möchte Pilotkommune sein',
    training_needed: 'Schulungsbedarf',
  };
  for (const [field, label] of Object.entries(labels)) {
    const id = `${CONN}-${field}`;
    assert.equal(await text(page.locator(`label[for="${id}"]`)), label);
    assert.ok(await page.locator(`label[for="${id}"]`).isVisible(), `${label} is visible`);
    assert.ok((await describedBy(page.locator(`#${id}`))).includes(`${id}-hint`), `${label} has a hint`);
  }
  assert.match(await text(page.locator(`#${CONN}-dvdv_key-hint`)), /z\. B\. ags:09162000/);
  assert.match(await text(page.locator(`#${CONN}-fit_connect_destination-hint`)), /Die Kennung, die Sie vom Land erhalten/);
  assert.deepEqual(await page.locator(`#${CONN}-transport_route option`).allTextContents(), [
    'Noch nicht festgelegt',
    'FIT-Connect',
    'OSCI/XTA',
    'Übergangslösung',
  ]);

  await page.locator(`#${CONN}-ou_id`).fill('9162000-OE-17');
  await page.locator(`#${CONN}-pvog_url`).fill('http://www.pvog.de/leistung/99123');
  await page.locator(`#${CONN}-dvdv_key`).fill('ags:09162000');
  await page.locator(`#${CONN}-fit_connect_destination`).fill('3f2a9c1e7b4d');
  await page.locator(`#${CONN}-transport_route`).selectOption('fit_connect');
  await page.locator(`#${CONN}-agreement_expires`).fill('2028-12-31');
  await page.locator(`#${CONN}-certificate_expires`).fill('2027-06-30');
  await conn.getByLabel('Ihre Kommune möchte Pilotkommune sein').check();
  await conn.getByLabel('Schulungsbedarf').check();
  const save = saveButton(page);
  await save.click();

  // The core checks the fields in order: first the link (not https).
  const pvog = page.locator(`#${CONN}-pvog_url`);
  const pvogError = page.locator(`#${CONN}-pvog_url-error`);
  await pvogError.waitFor();
  assert.match(await text(pvogError), /Der PVOG-Link „http:\/\/www\.pvog\.de\/leistung\/99123“ hat nicht das erwartete Format: ein Link, der mit „https:\/\/“ beginnt/);
  assert.equal(await pvog.getAttribute('aria-invalid'), 'true');
  assert.ok((await describedBy(pvog)).includes(`${CONN}-pvog_url-error`), 'the error is tied to the field');
  assert.equal(await activeId(page), `${CONN}-pvog_url`, 'focus moves to the bad field');
  assert.equal(await conn.locator('.field-error').count(), 1, 'only the bad field is marked');
  assert.equal(await text(saveStatus(page)), 'Nicht gespeicherte Änderungen');
  await screenshot(page, 'dienst-anschluss-fehler');

  // Then the UUID.
  await pvog.fill('https://www.pvog.de/leistung/99123');
  await save.click();
  const uuid = page.locator(`#${CONN}-fit_connect_destination`);
  await page.locator(`#${CONN}-fit_connect_destination-error`).waitFor();
  assert.match(await text(page.locator(`#${CONN}-fit_connect_destination-error`)), /36 Zeichen in fünf Gruppen/);
  assert.equal(await uuid.getAttribute('aria-invalid'), 'true');
  assert.ok((await describedBy(uuid)).includes(`${CONN}-fit_connect_destination-error`));
  assert.equal(await activeId(page), `${CONN}-fit_connect_destination`);
  assert.equal(await pvog.getAttribute('aria-invalid'), null, 'the fixed field is no longer marked');

  await uuid.fill('3F2A9C1E-7B4D-4E2A-9F10-2C6D8E4B1A57');
  await saveCard(page);
  assert.equal(await conn.locator('.field-error').count(), 0);
  assert.equal(await uuid.inputValue(), '3f2a9c1e-7b4d-4e2a-9f10-2c6d8e4b1a57', 'shown as the core stored it');
  const last = (await calls(page, 'save_service')).at(-1);
  assert.equal(last.state.phase, 'voraussetzungen', 'the phase is kept');
  assert.deepEqual(last.state.connection, {
    ou_id: '9162000-OE-17',
    pvog_url: 'https://www.pvog.de/leistung/99123',
    dvdv_key: 'ags:09162000',
    fit_connect_destination: '3F2A9C1E-7B4D-4E2A-9F10-2C6D8E4B1A57',
    transport_route: 'fit_connect',
  });
  assert.equal(last.state.pilot_interest, true);
  assert.equal(last.state.training_needed, true);
  assert.equal(
    await text(card(page).getByTestId('connection-summary')),
    '7 von 7 Angaben · Zertifikat bis 30.06.2027 · Pilotinteresse · Schulungsbedarf',
  );
  await page.evaluate((id) => document.getElementById(id)?.scrollIntoView({ block: 'start' }), `${BASE}-title`);
  await screenshot(page, 'dienst-anschluss');
  assert.deepEqual(problems, []);
  await context.close();
});

test('requirements to the Land: added, changed, and removed only after a confirmation', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(1)]);
  await gotoView(page, VIEW);
  const reqs = await open(page, 'requirements');
  assert.match(await text(reqs), /Noch keine Anforderungen zu diesem Dienst\./);
  await page.locator(`#${BASE}-req-add`).click();
  const form = reqs.locator('form.requirement-form');
  await form.waitFor();
  assert.equal(await activeId(page), `${BASE}-req-new-kind`, 'focus moves into the form');

  // Without a description the core refuses, at the field.
  await form.getByRole('button', { name: 'Speichern' }).click();
  const description = page.locator(`#${BASE}-req-new-description`);
  await page.locator(`#${BASE}-req-new-description-error`).waitFor();
  assert.equal(await text(page.locator(`#${BASE}-req-new-description-error`)), 'Die Beschreibung fehlt.');
  assert.equal(await description.getAttribute('aria-invalid'), 'true');
  assert.equal(await activeId(page), `${BASE}-req-new-description`);

  await page.locator(`#${BASE}-req-new-kind`).selectOption('funktionswunsch');
  await page.locator(`#${BASE}-req-new-area`).selectOption('technisch');
  await page.locator(`#${BASE}-req-new-priority`).selectOption('hoch');
  await description.fill('Rückkanal über FIT-Connect, damit Bescheide digital zugestellt werden.');
  await form.getByRole('button', { name: 'Speichern' }).click();
  const item = reqs.locator('li[data-requirement]');
  await item.first().waitFor();
  assert.equal(await item.count(), 1);
  assert.equal(await text(item.locator('.requirement-tags')), 'Funktionswunsch Bereich: Technisch Priorität: Hoch');
  assert.equal(await text(item.locator('.requirement-text')), 'Rückkanal über FIT-Connect, damit Bescheide digital zugestellt werden.');
  assert.equal(await text(reqs.locator('.requirement-status')), 'Anforderung hinzugefügt.');
  assert.equal(await reqs.locator('.requirement-status').getAttribute('role'), 'status');
  assert.equal(await activeId(page), `${BASE}-req-add`);
  assert.equal(await text(card(page).getByTestId('requirements-summary')), '1 Eintrag');
  assert.deepEqual((await calls(page, 'save_requirement')).at(-1), 
    {
      id: null,
      input: {
        package_id: 'ni-vergabe-kommunen',
        service_id: 'praequalifizierung',
        kind: 'funktionswunsch',
        area: 'technisch',
        priority: 'hoch',
        description: 'Rückkanal über FIT-Connect, damit Bescheide digital zugestellt werden.',
      },
    },
  );

  // Edit.
  await item.getByRole('button', { name: /^Bearbeiten/ }).click();
  const edit = item.locator('form.requirement-form');
  await edit.waitFor();
  assert.equal(await edit.locator('select').first().inputValue(), 'funktionswunsch');
  await edit.locator('textarea').fill('Rückkanal über FIT-Connect für Bescheide.');
  await edit.locator('select').nth(2).selectOption('mittel');
  await edit.getByRole('button', { name: 'Speichern' }).click();
  await reqs.locator('.requirement-status', { hasText: 'Anforderung gespeichert.' }).waitFor();
  assert.equal(await text(item.locator('.requirement-text')), 'Rückkanal über FIT-Connect für Bescheide.');
  assert.match(await text(item.locator('.requirement-tags')), /Priorität: Mittel/);
  assert.equal((await calls(page, 'save_requirement')).at(-1).id, 1);
  await screenshot(page, 'dienst-anforderungen');

  // Remove: "Abbrechen" keeps it, and the focus returns to the button.
  const remove = item.getByRole('button', { name: /^Entfernen/ });
  await remove.click();
  const dialog = page.getByTestId(`${BASE}-req-remove-dialog`);
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  assert.equal(await dialog.evaluate((d) => d.matches(':modal')), true);
  assert.equal(await text(dialog.locator('h2')), 'Anforderung entfernen?');
  assert.match(await text(dialog), /„Rückkanal über FIT-Connect für Bescheide\.“ wird entfernt\./);
  await screenshot(page, 'dienst-anforderung-entfernen');
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  await page.waitForFunction(() => document.querySelector('dialog[open]') === null);
  assert.equal(await item.count(), 1);
  assert.deepEqual(await calls(page, 'remove_requirement'), []);
  assert.equal(await remove.evaluate((b) => b === document.activeElement), true, 'focus is back on "Entfernen"');

  await remove.click();
  await dialog.getByRole('button', { name: 'Entfernen' }).click();
  await reqs.locator('.requirement-status', { hasText: 'Anforderung entfernt.' }).waitFor();
  assert.equal(await item.count(), 0);
  assert.deepEqual(await calls(page, 'remove_requirement'), [{ id: 1 }]);
  assert.equal(await text(card(page).getByTestId('requirements-summary')), 'keine');
  assert.equal(await activeId(page), `${BASE}-req-add`);

  // The history shows kind, area and priority by their German labels, as the core does.
  const history = await historyRows(page);
  assert.ok(history.some((r) => r[2] === 'Art' && r[4] === 'Funktionswunsch'));
  assert.ok(history.some((r) => r[2] === 'Bereich' && r[4] === 'Technisch'));
  assert.ok(history.some((r) => r[2] === 'Priorität' && r[3] === 'Hoch' && r[4] === 'Mittel'));
  assert.ok(history.some((r) => r[2] === 'Beschreibung' && r[3] === 'Rückkanal über FIT-Connect für Bescheide.' && r[4] === '–'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard only: open the sections with Enter, tick the checkboxes with Space, save', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(1)]);
  await gotoView(page, VIEW);
  const summary = (name) =>
    `[data-service="praequalifizierung"] details[data-section="${name}"] > summary`;

  // "Anschlussdaten": Enter opens it; type, Space for the checkbox, Enter on "Speichern".
  await tabTo(page, (sel) => document.activeElement === document.querySelector(sel), summary('connection'));
  await page.keyboard.press('Enter');
  assert.equal(await section(page, 'connection').evaluate((d) => d.open), true);
  await tabTo(page, (id) => document.activeElement?.id === id, `${CONN}-ou_id`);
  await page.keyboard.type('9162000-OE-17');
  await page.keyboard.press('Tab');
  await page.keyboard.type('https://www.pvog.de/leistung/99123');
  await tabTo(page, (id) => document.activeElement?.id === id, `${CONN}-pilot_interest`);
  await page.keyboard.press('Space');
  assert.equal(await page.locator(`#${CONN}-pilot_interest`).isChecked(), true);
  await tabTo(page, () => document.activeElement?.textContent?.trim().startsWith('Speichern') === true);
  await page.keyboard.press('Enter');
  await saveStatus(page).filter({ hasText: /^Gespeichert\.$/ }).waitFor();
  const saved = (await calls(page, 'save_service')).at(-1);
  assert.equal(saved.state.connection.ou_id, '9162000-OE-17');
  assert.equal(saved.state.connection.pvog_url, 'https://www.pvog.de/leistung/99123');
  assert.equal(saved.state.pilot_interest, true);

  // "Anforderungen an das Land": Space opens it; add one with Enter.
  await tabTo(page, (sel) => document.activeElement === document.querySelector(sel), summary('requirements'));
  await page.keyboard.press('Space');
  assert.equal(await section(page, 'requirements').evaluate((d) => d.open), true);
  await page.keyboard.press('Tab');
  assert.equal(await activeId(page), `${BASE}-req-add`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.activeElement?.id === id, `${BASE}-req-new-kind`);
  await tabTo(page, (id) => document.activeElement?.id === id, `${BASE}-req-new-description`);
  await page.keyboard.type('Schulung für die Vergabestelle vor dem Start.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await section(page, 'requirements').locator('.requirement-status', { hasText: 'Anforderung hinzugefügt.' }).waitFor();
  assert.equal(
    await text(section(page, 'requirements').locator('.requirement-text')),
    'Schulung für die Vergabestelle vor dem Start.',
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('one save for the card; unsaved input is asked about before it is lost; an error opens its part', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(1)]);
  await gotoView(page, VIEW);
  // One "Speichern" per card: the parts have none of their own.
  assert.equal(await card(page).locator('form.service-form button[type="submit"]').count(), 1);

  // The decision and a connection detail, then away to the dashboard: the app asks first.
  await card(page).getByLabel('Ja', { exact: true }).check();
  await open(page, 'connection');
  await page.locator(`#${CONN}-ou_id`).fill('9162000-OE-17');
  assert.equal(await text(saveStatus(page)), 'Nicht gespeicherte Änderungen');
  await page.locator('nav').getByRole('link', { name: 'Übersicht' }).click();
  const dialog = page.getByTestId('discard-dialog');
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  assert.equal(await text(dialog.locator('h2')), 'Nicht gespeicherte Änderungen');
  await screenshot(page, 'dienst-ungespeichert');
  // "Zurück zur Eingabe": the view and the input stay.
  await dialog.getByRole('button', { name: 'Zurück zur Eingabe' }).click();
  await page.waitForFunction(() => document.querySelector('dialog[open]') === null);
  assert.equal(await page.locator(`#${CONN}-ou_id`).inputValue(), '9162000-OE-17');
  assert.deepEqual(await calls(page, 'save_service'), []);

  // A bad value in a part the clerk closed: saving opens the part and focuses the field.
  await page.locator(`#${CONN}-pvog_url`).fill('http://falsch');
  await section(page, 'connection').locator('summary').click();
  assert.equal(await section(page, 'connection').evaluate((d) => d.open), false);
  await saveButton(page).click();
  await page.locator(`#${CONN}-pvog_url-error`).waitFor();
  assert.equal(await section(page, 'connection').evaluate((d) => d.open), true);
  assert.equal(await activeId(page), `${CONN}-pvog_url`);
  const packages = await bridgeOf(page).invoke('list_packages');
  assert.deepEqual(packages[0].decisions, {}, 'a refused card writes nothing, the decision neither');

  // Saved together, in one call; then leaving asks nothing.
  await page.locator(`#${CONN}-pvog_url`).fill('');
  await saveCard(page);
  const saved = (await calls(page, 'save_service')).at(-1);
  assert.equal(saved.decision.decision, 'ja');
  assert.equal(saved.state.connection.ou_id, '9162000-OE-17');
  await page.locator('nav').getByRole('link', { name: 'Übersicht' }).click();
  await page.locator('#view-title', { hasText: 'Übersicht' }).waitFor();
  assert.equal(await page.locator('dialog[open]').count(), 0);

  // "Verwerfen" lets the input go.
  await gotoView(page, VIEW);
  await open(page, 'connection');
  await page.locator(`#${CONN}-dvdv_key`).fill('ags:09162000');
  await page.locator('nav').getByRole('link', { name: 'Übersicht' }).click();
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  await dialog.getByRole('button', { name: 'Verwerfen' }).click();
  await page.locator('#view-title', { hasText: 'Übersicht' }).waitFor();
  await gotoView(page, VIEW);
  await open(page, 'connection');
  assert.equal(await page.locator(`#${CONN}-dvdv_key`).inputValue(), '');
  assert.equal((await calls(page, 'save_service')).length, 2, 'the refused save and the one that stored');
  assert.deepEqual(problems, []);
  await context.close();
});
