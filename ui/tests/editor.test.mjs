// The Land's package editor: without a profile it leads there; with one, the Land fills in the
// package section by section, sees the core's problems under their fields as it types, the costs
// for a sample municipality, adds a document through the file dialog, finds the draft again
// after a reload, and previews what a municipality will see on import. Checked with axe-core and
// kept as screenshots.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, bridgeOf, gotoView, openApp, screenshot, text, useApp } from './harness.mjs';
import { join } from 'node:path';
import { addDays, cli, EXAMPLE_DOCUMENTS, exampleManifest, leer } from './scenarios.mjs';

const app = useApp('editor');

function assertNoViolations(violations, view) {
  assert.deepEqual(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe violations in ${view}`,
  );
}

/** A Land workspace with the profile of Niedersachsen. */
async function landProfile(bridge) {
  await bridge.invoke('set_land_profile', {
    input: { land_code: '03', name: 'Ministerium für Inneres und Sport, OZG-Koordination' },
  });
}

/** Waits until the draft as typed is stored. */
async function saved(page) {
  await page.waitForFunction(
    () => document.querySelector('[data-testid=ed-save-status]')?.textContent?.trim() === 'Entwurf gespeichert',
  );
}

/** Expands a section of the editor (by its key) with the button in its heading. */
async function expand(page, key) {
  const toggle = page.locator(`#ed-${key}-toggle`);
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

const errorOf = (page, id) => page.locator(`#${id}-error`);

test('without a profile of the Land the editor says so and leads to the profile', async () => {
  const { page, context, problems } = await openApp(app, [leer], { bypassCSP: true, workspace: 'land' });
  await page.getByRole('heading', { name: 'Übersicht', level: 1 }).waitFor();
  assert.deepEqual(await page.locator('nav a').allTextContents(), [
    'Übersicht',
    'Kommunen',
    'Checkliste des Landes',
    'Informationspaket',
    'Schlüssel',
    'Profil',
    'Verlauf',
    'Datensicherung',
  ]);
  await gotoView(page, 'Informationspaket');
  const notice = page.getByTestId('ed-no-profile');
  await notice.waitFor();
  assert.match(await text(notice), /Bitte legen Sie zuerst das Profil des Landes an/);
  assertNoViolations(await axeViolations(page, 'Informationspaket ohne Profil'), 'Informationspaket ohne Profil');
  await notice.getByRole('button', { name: 'Zum Profil des Landes' }).click();
  await page.getByRole('heading', { name: 'Profil des Landes', level: 1 }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'view-title');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Land writes its package, sees problems at their fields, and finds the draft again', async () => {
  const { page, context, problems } = await openApp(app, [leer, landProfile], { bypassCSP: true, workspace: 'land' });
  await gotoView(page, 'Informationspaket');
  const summary = page.getByTestId('ed-summary');
  await summary.waitFor();
  // A new package: version 1, a title from the Land's name, and one thing missing.
  assert.equal(await text(page.getByTestId('ed-version')), '1');
  assert.equal(await page.locator('#ed-title').inputValue(), 'Informationspaket des Landes Niedersachsen');
  assert.equal(await page.locator('#ed-id').inputValue(), 'niedersachsen-anbindung');
  assert.match(await text(summary), /Noch zu klären vor dem Veröffentlichen: 1 Punkt/);
  assert.match(await text(summary), /Rechtliches Nachnutzungsmodell: Beschreibung des Nachnutzungsmodells ist leer\./);

  // The summary's link opens the section and moves the focus to the field.
  await summary.getByRole('link', { name: /Nachnutzungsmodells ist leer/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'ed-reuse_model-description');
  assert.match(await text(errorOf(page, 'ed-reuse_model-description')), /Beschreibung des Nachnutzungsmodells ist leer/);
  assert.equal(await page.locator('#ed-reuse_model-description').getAttribute('aria-invalid'), 'true');
  await page.locator('#ed-reuse_model-description').fill(
    'Das Land schließt den Nachnutzungsvertrag über den FIT-Store und gibt die Nutzung unentgeltlich an die Kommunen weiter.',
  );
  await saved(page);
  assert.equal(await errorOf(page, 'ed-reuse_model-description').count(), 0);
  assert.equal(await page.locator('#ed-reuse_model-description').getAttribute('aria-invalid'), null);
  assert.match(await text(summary), /Der Entwurf ist vollständig/);

  // Package: title and validity; a validity before the issue date is a problem at its field.
  await page.locator('#ed-title').fill('EfA-Vergabedienste für Kommunen in Niedersachsen');
  await page.locator('#ed-valid_until').fill('2000-01-01');
  await saved(page);
  assert.match(await text(errorOf(page, 'ed-valid_until')), /liegt vor dem Ausgabedatum/);
  await page.locator('#ed-valid_until').fill(addDays(365));
  await saved(page);
  assert.equal(await errorOf(page, 'ed-valid_until').count(), 0);

  // Two services; a LeiKa key of the wrong length shows under the field until it is fixed.
  await expand(page, 'dienste');
  await page.getByRole('button', { name: 'Onlinedienst hinzufügen' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'ed-services-0-name');
  assert.equal(await page.locator('#ed-services-0-id').inputValue(), 'dienst-1');
  await page.locator('#ed-services-0-name').fill('Präqualifizierung von Unternehmen');
  await page.locator('#ed-services-0-leika').fill('9900100100');
  await page.locator('#ed-services-0-ozg_id').fill('10247');
  await page.locator('#ed-services-0-fit_store_contract').selectOption('abgeschlossen');
  await page.getByRole('button', { name: 'Onlinedienst hinzufügen' }).click();
  assert.equal(await page.locator('#ed-services-1-id').inputValue(), 'dienst-2');
  await page.locator('#ed-services-1-name').fill('Bekanntmachung von Vergabeverfahren');
  await page.locator('#ed-services-1-id').fill('bekanntmachung');
  await saved(page);
  const leikaError = errorOf(page, 'ed-services-0-leika');
  assert.match(await text(leikaError), /LeiKa-Schlüssel „9900100100“ muss aus 14 Ziffern bestehen/);
  assert.match(
    await page.locator('#ed-services-0-leika').getAttribute('aria-describedby'),
    /ed-services-0-leika-error/,
  );
  assert.equal(await text(page.getByTestId('ed-dienste-issues')), '1 Punkt offen');
  assert.match(await text(summary), /Onlinedienst 1: Dienst „dienst-1“: LeiKa-Schlüssel/);
  // The whole editor, expanded and with a problem at a field, passes axe.
  await page.getByRole('button', { name: 'Alle Abschnitte aufklappen' }).click();
  assertNoViolations(await axeViolations(page, 'Informationspaket mit Fehler'), 'Informationspaket mit Fehler');
  await page.locator('#ed-services-0-leika').scrollIntoViewIfNeeded();
  await screenshot(page, 'editor-fehler');
  await page.getByRole('button', { name: 'Alle zuklappen' }).click();
  await expand(page, 'dienste');
  await page.locator('#ed-services-0-leika').fill('99001001000000');
  await saved(page);
  assert.equal(await leikaError.count(), 0);
  assert.equal(await page.getByTestId('ed-dienste-issues').count(), 0);

  // Costs: one model with two brackets, and what a municipality of a sample size pays.
  await expand(page, 'kosten');
  await page.getByRole('button', { name: 'Kostenmodell hinzufügen' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'ed-costs-0-service');
  await page.locator('#ed-costs-0-brackets-0-max_population').fill('10.000');
  await page.locator('#ed-costs-0-brackets-0-one_off_cents').fill('1.500,00');
  await page.locator('#ed-costs-0-brackets-0-annual_cents').fill('600');
  await page.getByRole('button', { name: 'Staffel hinzufügen' }).click();
  await page.locator('#ed-costs-0-brackets-1-one_off_cents').fill('3000');
  await page.locator('#ed-costs-0-brackets-1-annual_cents').fill('1.200,50');
  const preview = page.getByTestId('cost-preview');
  await page.locator('#ed-sample-population').fill('20000');
  await page.waitForFunction(
    () => document.querySelector('[data-testid=cost-preview-one-off]')?.textContent?.includes('3.000,00'),
  );
  assert.match(await text(preview.getByTestId('cost-preview-share')), /Alle Onlinedienste · über 10\.000/);
  assert.equal(await text(preview.getByTestId('cost-preview-annual')), '1.200,50 €');
  await page.locator('#ed-sample-population').fill('8.000');
  await page.waitForFunction(
    () => document.querySelector('[data-testid=cost-preview-one-off]')?.textContent?.includes('1.500,00'),
  );
  assert.equal(await text(preview.getByTestId('cost-preview-annual')), '600,00 €');
  // An amount that is no amount stays as typed and says so; the draft keeps the last good one.
  await page.locator('#ed-costs-0-brackets-0-annual_cents').fill('6oo');
  assert.match(await text(errorOf(page, 'ed-costs-0-brackets-0-annual_cents')), /Betrag in Euro/);
  await page.locator('#ed-costs-0-brackets-0-annual_cents').fill('600,00');
  assert.equal(await errorOf(page, 'ed-costs-0-brackets-0-annual_cents').count(), 0);
  await saved(page);
  await page.locator('[data-section=kosten]').scrollIntoViewIfNeeded();
  await screenshot(page, 'editor-kosten');

  // An event, online.
  await expand(page, 'veranstaltungen');
  await page.getByRole('button', { name: 'Veranstaltung hinzufügen' }).click();
  await page.locator('#ed-events-0-title').fill('Informationsveranstaltung EfA-Vergabe');
  await page.locator('#ed-events-0-start').fill(`${addDays(30)}T10:00`);
  // Shown the German way, whatever the system's locale.
  assert.equal(await page.locator('#ed-events-0-end').inputValue(), `${addDays(30).split('-').reverse().join('.')} 12:00`);
  await saved(page);
  assert.match(await text(errorOf(page, 'ed-events-0-place')), /hat weder Ort noch Link/);
  await page.locator('#ed-events-0-online_url').fill('https://konferenz.niedersachsen.de/efa-vergabe');
  await saved(page);
  assert.equal(await errorOf(page, 'ed-events-0-place').count(), 0);

  // A document through the file dialog, then chosen as the agreement.
  await expand(page, 'dokumente');
  await bridgeOf(page).pick({ pick: [app.fixtures.evidence.kosten] });
  await page.getByRole('button', { name: 'Dokument hinzufügen …' }).click();
  await page.getByTestId('ed-document').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'ed-documents-0-title');
  assert.equal(await page.locator('#ed-documents-0-title').inputValue(), 'Kosten-EfA-Vergabe');
  assert.match(await text(page.getByTestId('ed-document')), /PDF · 312 KB · documents\/Kosten-EfA-Vergabe\.pdf/);
  await page.locator('#ed-documents-0-title').fill('Kostenübersicht EfA-Vergabe');
  await expand(page, 'nachnutzung');
  await page.locator('#ed-reuse_model-document').selectOption({ label: 'Kostenübersicht EfA-Vergabe' });
  await saved(page);
  assert.match(await text(summary), /Der Entwurf ist vollständig/);
  await page.getByRole('button', { name: 'Alle zuklappen' }).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  // The chevrons turn in 0.15 s.
  await page.waitForTimeout(250);
  await screenshot(page, 'editor-uebersicht');

  // The draft is stored: a reload shows it as it was typed.
  await page.reload();
  await page.waitForSelector('h1');
  await gotoView(page, 'Informationspaket');
  await summary.waitFor();
  assert.match(await text(summary), /Der Entwurf ist vollständig/);
  assert.equal(await page.locator('#ed-title').inputValue(), 'EfA-Vergabedienste für Kommunen in Niedersachsen');
  assert.match(await text(page.locator('#ed-dienste-toggle')), /2 Onlinedienste/);
  assert.equal(await page.locator('#ed-services-1-id').inputValue(), 'bekanntmachung');
  assert.equal(await page.locator('#ed-services-0-leika').inputValue(), '99001001000000');
  assert.equal(await page.locator('#ed-costs-0-brackets-1-annual_cents').inputValue(), '1.200,50');
  assert.equal(await page.locator('#ed-costs-0-brackets-0-max_population').inputValue(), '10000');
  assert.equal(await page.locator('#ed-documents-0-title').inputValue(), 'Kostenübersicht EfA-Vergabe');
  const stored = (await bridgeOf(page).invoke('get_package_draft')).manifest;
  assert.deepEqual(stored.costs[0].brackets, [
    { max_population: 10000, one_off_cents: 150000, annual_cents: 60000 },
    { one_off_cents: 300000, annual_cents: 120050 },
  ]);
  assert.equal(stored.reuse_model.document, 'documents/Kosten-EfA-Vergabe.pdf');
  assert.deepEqual(stored.services[0].leika, ['99001001000000']);

  // The preview: a new package for every municipality, with what they will find in it.
  await page.getByRole('button', { name: 'Vorschau für die Kommunen' }).click();
  const dialog = page.getByTestId('review-dialog');
  await dialog.getByTestId('review-action').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'review-title');
  assert.match(await text(dialog.getByTestId('review-action')), /Neues Paket: Die Kommunen lesen es zum ersten Mal ein/);
  assert.equal(await dialog.getByTestId('review-update').count(), 0);
  assert.equal(await dialog.getByTestId('review-open').count(), 0);
  assert.match(await text(dialog), /Version 1/);
  assert.match(await text(dialog.getByTestId('review-costs')), /über 10\.000 Einwohner\): einmalig 3\.000,00 €, jährlich 1\.200,50 €/);
  assert.match(await text(dialog), /Informationsveranstaltung EfA-Vergabe: .*10:00–12:00 Uhr/);
  assertNoViolations(await axeViolations(page, 'Vorschau für die Kommunen'), 'Vorschau für die Kommunen');
  await screenshot(page, 'editor-vorschau');
  await dialog.getByRole('button', { name: 'Schließen' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'ed-preview');

  assert.deepEqual(problems, []);
  await context.close();
});

test('removing an entry asks first, and cancelling keeps it', async () => {
  const { page, context, problems } = await openApp(app, [leer, landProfile], { bypassCSP: true, workspace: 'land' });
  await gotoView(page, 'Informationspaket');
  await page.getByTestId('ed-summary').waitFor();
  await expand(page, 'kontakte');
  await page.getByRole('button', { name: 'Ansprechperson hinzufügen' }).click();
  await page.locator('#ed-contacts-0-name').fill('Malte Brüggemann');
  await page.locator('#ed-contacts-0-role').fill('OZG-Taskforce');
  await page.getByLabel('Gehört zur OZG-Taskforce').check();
  await saved(page);
  const remove = page.locator('#ed-contacts-0-entry-remove');
  await remove.click();
  const dialog = page.getByTestId('ed-remove-dialog');
  await dialog.waitFor();
  assert.match(await text(dialog), /„Malte Brüggemann“ wird aus dem Entwurf entfernt/);
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'ed-contacts-0-entry-remove');
  assert.equal(await page.locator('#ed-contacts-0-name').inputValue(), 'Malte Brüggemann');
  await remove.click();
  await dialog.getByRole('button', { name: 'Entfernen' }).click();
  assert.equal(await page.locator('#ed-contacts-0-name').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'ed-contacts-add');
  await saved(page);
  assert.deepEqual((await bridgeOf(page).invoke('get_package_draft')).manifest.contacts, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('municipalities, Fachverfahren and the checklist refer to the services and items there are', async () => {
  const { page, context, problems } = await openApp(app, [leer, landProfile], { bypassCSP: true, workspace: 'land' });
  await gotoView(page, 'Informationspaket');
  await page.getByTestId('ed-summary').waitFor();
  await expand(page, 'nachnutzung');
  await page.locator('#ed-reuse_model-description').fill('Unentgeltliche Weitergabe über den FIT-Store.');
  await expand(page, 'dienste');
  await page.getByRole('button', { name: 'Onlinedienst hinzufügen' }).click();
  await page.locator('#ed-services-0-name').fill('Präqualifizierung von Unternehmen');
  await page.locator('#ed-services-0-id').fill('praequalifizierung');

  await expand(page, 'kommunen');
  await page.getByRole('button', { name: 'Kommune hinzufügen' }).click();
  await page.locator('#ed-municipalities-0-name').fill('Region Hannover');
  await page.locator('#ed-municipalities-0-ags').fill('03241001');
  await page.locator('#ed-municipalities-0-contact').fill('Vergabestelle, Frau Lindner');
  await page.locator('#ed-municipalities-0-services').check();

  await expand(page, 'fachverfahren');
  await page.getByRole('button', { name: 'Fachverfahren hinzufügen' }).click();
  assert.equal(await page.locator('#ed-fachverfahren-0-id').inputValue(), 'fv-1');
  await page.locator('#ed-fachverfahren-0-product').fill('VergabeManager');
  await page.locator('#ed-fachverfahren-0-vendor').fill('Beispiel Software GmbH');
  await page.locator('#ed-fachverfahren-0-services').check();

  await expand(page, 'checkliste');
  await page.getByRole('button', { name: 'Zusatzaufgabe hinzufügen' }).click();
  await page.locator('#ed-checklist-additions-0-title').fill('Ansprechperson der Vergabestelle an das Land melden');
  await page.locator('#ed-checklist-additions-0-explanation').fill('Nennen Sie der OZG-Koordination eine Ansprechperson.');
  await page.locator('#ed-checklist-additions-0-point').selectOption('1.2');
  await page.locator('#ed-checklist-additions-0-deadline').fill(addDays(60));
  await page.getByRole('button', { name: 'Hinweis hinzufügen' }).click();
  await page.locator('#ed-checklist-guidance-0-text').fill('Die Vereinbarung liegt dem Paket bei.');
  await saved(page);
  // No task chosen yet: the core says so at the field. The choice offers the municipalities'
  // tasks and the Land's own addition.
  await errorOf(page, 'ed-checklist-guidance-0-item').waitFor();
  const offered = await page.locator('#ed-checklist-guidance-0-item option').allTextContents();
  assert.ok(offered.includes('Nr. 22: Nachnutzungsvereinbarung mit dem Land prüfen und abschließen'), offered.join(' | '));
  assert.ok(offered.includes('Ansprechperson der Vergabestelle an das Land melden (Zusatzaufgabe)'), offered.join(' | '));
  await page.locator('#ed-checklist-guidance-0-item').selectOption('nachnutzung-vereinbarung');
  await saved(page);
  assert.equal(await errorOf(page, 'ed-checklist-guidance-0-item').count(), 0);
  assert.match(await text(page.getByTestId('ed-summary')), /Der Entwurf ist vollständig/);

  // Without the service, the municipality and the Fachverfahren still name it, and say so.
  await page.locator('#ed-services-0-entry-remove').click();
  await page.getByTestId('ed-remove-dialog').getByRole('button', { name: 'Entfernen' }).click();
  await saved(page);
  assert.equal(await page.getByLabel('praequalifizierung (nicht mehr im Paket)').first().isChecked(), true);
  assert.match(
    await text(errorOf(page, 'ed-municipalities-0-services')),
    /Kommune „Region Hannover“ verweist auf den Onlinedienst „praequalifizierung“, den das Paket nicht enthält\./,
  );
  assert.match(await text(errorOf(page, 'ed-fachverfahren-0-services')), /Fachverfahren „fv-1“ verweist/);
  assert.match(await text(page.getByTestId('ed-summary')), /Noch zu klären vor dem Veröffentlichen: 2 Punkte/);
  assertNoViolations(await axeViolations(page, 'Informationspaket: Kommunen und Checkliste'), 'Informationspaket: Kommunen und Checkliste');
  await page.locator('[data-section=kommunen]').scrollIntoViewIfNeeded();
  await screenshot(page, 'editor-kommunen');
  await page.locator('[data-section=checkliste]').scrollIntoViewIfNeeded();
  await screenshot(page, 'editor-checkliste');

  // Unticking the name that is gone settles it.
  await page.locator('#ed-municipalities-0-services').uncheck();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'ed-municipalities-0-services');
  await page.locator('#ed-fachverfahren-0-services').uncheck();
  await saved(page);
  assert.match(await text(page.getByTestId('ed-summary')), /Der Entwurf ist vollständig/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Land publishes its package, a municipality imports it, and the next edition shows its review', async () => {
  const PASS = 'Ein langer Satz als Passphrase';
  // The example package as the draft, its documents added through the dialog, and a key.
  const draftWithKey = async (bridge) => {
    await landProfile(bridge);
    const manifest = exampleManifest();
    const documents = manifest.documents;
    manifest.documents = [];
    manifest.reuse_model.document = null;
    await bridge.invoke('save_package_draft', { manifest });
    for (const d of documents) {
      await bridge.pick({ pick: [join(EXAMPLE_DOCUMENTS, d.path.replace('documents/', ''))] });
      await bridge.invoke('add_draft_document', { title: d.title });
    }
    const draft = await bridge.invoke('get_package_draft');
    draft.manifest.reuse_model.document = 'documents/verwaltungsvereinbarung.pdf';
    await bridge.invoke('save_package_draft', { manifest: draft.manifest });
    await bridge.invoke('create_land_key', { passphrase: PASS });
  };
  const { page, context, problems, bridge } = await openApp(app, [draftWithKey], { bypassCSP: true, workspace: 'land' });
  const { dir } = await bridge.info();
  await gotoView(page, 'Informationspaket');
  const panel = page.getByTestId('publish');
  await panel.scrollIntoViewIfNeeded();
  assert.match(await text(panel), /Version 1 wird mit dem Schlüssel .* signiert/);

  // A wrong passphrase is said at the field, nothing is published.
  await panel.getByLabel(/Passphrase des Schlüssels/).fill('nicht die richtige Passphrase');
  await panel.getByRole('button', { name: 'Veröffentlichen …' }).click();
  await page.locator('#publish-passphrase-error').waitFor();
  assert.match(await text(page.locator('#publish-passphrase-error')), /Passphrase ist falsch/);
  assert.deepEqual(await bridge.invoke('list_publications'), []);
  assertNoViolations(await axeViolations(page, 'Veröffentlichen'), 'Veröffentlichen');
  await screenshot(page, 'editor-veroeffentlichen');

  await bridge.pick({ save: [join(dir, 'paket-v1.zip')] });
  await panel.getByLabel(/Passphrase des Schlüssels/).fill(PASS);
  await panel.getByRole('button', { name: 'Veröffentlichen …' }).click();
  const notice = page.getByTestId('ed-published');
  await notice.waitFor();
  assert.match(await text(notice), /Version 1 ist veröffentlicht und gespeichert unter .*paket-v1\.zip/);
  assert.match(await text(notice), /Der Entwurf unten ist jetzt Version 2\./);
  await screenshot(page, 'editor-veroeffentlicht');

  // A municipality imports the published file and finds its services.
  const [key] = await bridge.invoke('list_land_keys');
  const kommune = join(dir, 'kommune.sqlite');
  cli('--db', kommune, 'import', join(dir, 'paket-v1.zip'), '--trust', key.fingerprint);
  const packages = JSON.parse(cli('--db', kommune, 'packages', '--json'));
  assert.deepEqual(
    packages[0].manifest.services.map((s) => s.id),
    exampleManifest().services.map((s) => s.id),
  );

  // Version 2 with one changed task: the preview shows the update as the municipality will.
  const draft = await bridge.invoke('get_package_draft');
  assert.equal(draft.manifest.version, 2);
  await expand(page, 'checkliste');
  const title = page.locator('#ed-checklist-additions-0-title');
  await title.fill('Verwaltungsvereinbarung mit dem Land unterschreiben');
  await saved(page);
  await page.getByRole('button', { name: 'Vorschau für die Kommunen' }).click();
  const dialog = page.getByTestId('review-dialog');
  await dialog.getByTestId('review-update').waitFor();
  assert.match(await text(dialog.getByTestId('review-update')), /Aktualisierung von Version 1 auf 2/);
  assert.match(await text(dialog.getByTestId('review-update')), /geändert Verwaltungsvereinbarung mit dem Land unterschreiben/);
  await screenshot(page, 'editor-vorschau-version-2');
  await dialog.getByRole('button', { name: 'Schließen' }).click();

  await bridge.pick({ save: [join(dir, 'paket-v2.zip')] });
  await panel.getByLabel(/Passphrase des Schlüssels/).fill(PASS);
  await panel.getByRole('button', { name: 'Veröffentlichen …' }).click();
  await page.getByTestId('ed-published').filter({ hasText: 'Version 2 ist veröffentlicht' }).waitFor();
  cli('--db', kommune, 'import', join(dir, 'paket-v2.zip'));
  const items = JSON.parse(cli('--db', kommune, 'items', '--json'));
  const changed = items.find((e) => e.item.id === exampleManifest().checklist.additions[0].id);
  assert.equal(changed.item.title, 'Verwaltungsvereinbarung mit dem Land unterschreiben');
  assert.ok(changed.review, 'the changed task is flagged for review');
  assert.equal((await bridge.invoke('list_publications')).length, 2);
  assert.deepEqual(problems, []);
  await context.close();
});
