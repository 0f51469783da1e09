// The Land's information packages against the real core (UI test bridge, scenarios:
// tests/scenarios.mjs, real signed packages): import with the fingerprint check, update preview,
// services, costs, events, documents, the "Bitte prüfen" flags in the checklist and on the
// dashboard, and package text shown only as literal text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { calls, gotoView, openApp, screenshot, tabTo, text, UI_DIR, useApp, waitForCall } from './harness.mjs';
import { MARKUP, PACKAGE_ID, paket, standard } from './scenarios.mjs';

const VIEW = 'Informationen des Landes';
/** The documents of the example package, which every scenario package carries. */
const DOCUMENTS = join(UI_DIR, '..', 'examples', 'paket-vergabe', 'documents');
const documentBytes = (name) => statSync(join(DOCUMENTS, name)).size;
const documentSha = (name) => createHash('sha256').update(readFileSync(join(DOCUMENTS, name))).digest('hex');
const DOCUMENT_BYTES = ['verwaltungsvereinbarung.pdf', 'kostenstaffel.csv', 'anbindungsleitfaden.txt']
  .map(documentBytes)
  .reduce((a, b) => a + b, 0);

const app = useApp('packages');

/** A seed: the next open dialogs pick the scenario files `names` (`app.fixtures[name]`). */
const picks =
  (...names) =>
  (bridge, fixtures) =>
    bridge.pick({ pick: names.map((n) => fixtures[n]) });

const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? null);
const dialogOpen = (page) => page.evaluate(() => document.querySelector('dialog[open]') !== null);

test('importing the first package with the keyboard only: the fingerprint must be confirmed', async () => {
  const { page, context, problems } = await openApp(app, [standard, picks('packageV1')]);
  const FINGERPRINT = app.fixtures.fingerprint;
  await gotoView(page, VIEW);
  assert.equal(await text(page.locator('h1')), 'Informationen des Landes');
  assert.equal(await page.title(), 'Informationen des Landes – Anbindungscheck');
  const empty = page.getByTestId('packages-empty');
  assert.match(await text(empty), /Noch kein Informationspaket eingelesen/);
  assert.match(await text(empty), /signiert/);

  // Tab to the button and open the dialog.
  await tabTo(page, () => document.activeElement?.id === 'package-import');
  assert.equal(await text(page.locator('#package-import')), 'Paket einlesen …');
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('import-dialog');
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  assert.equal(await dialog.evaluate((d) => d.matches(':modal')), true, 'opened with showModal()');
  assert.equal(await dialog.getAttribute('aria-labelledby'), 'import-title');
  assert.equal(await activeId(page), 'import-title', 'focus moved into the dialog');
  assert.match(await text(dialog), /Informationspaket EfA-Vergabedienste für niedersächsische Kommunen/);
  assert.match(await text(dialog), /Land Niedersachsen/);
  assert.match(await text(page.getByTestId('import-valid-until')), /^31\.12\.2027$/);
  assert.match(await text(dialog), /3 Dokumente/);

  // First key of the Land: the fingerprint, large and grouped.
  const box = page.getByTestId('first-key');
  assert.match(await text(box), /Erstes Paket des Landes Niedersachsen/);
  assert.equal(await text(page.getByTestId('fingerprint')), FINGERPRINT);
  assert.equal(
    await page.getByTestId('fingerprint').locator('.fingerprint-group').count(),
    FINGERPRINT.split(' ').length,
  );
  const font = await page.getByTestId('fingerprint').evaluate((el) => getComputedStyle(el).fontFamily);
  assert.match(font, /mono/i);

  // "Einlesen" refuses (aria-disabled, still focusable) and says why.
  const start = page.locator('#import-start');
  assert.equal(await start.getAttribute('aria-disabled'), 'true');
  assert.equal(await start.evaluate((b) => b.disabled), false, 'not a silent disabled button');
  await tabTo(page, () => document.activeElement?.id === 'import-start');
  await page.keyboard.press('Enter');
  const refusal = page.locator('#import-trust-error');
  await refusal.waitFor();
  assert.equal(
    await text(refusal),
    'Bitte bestätigen Sie zuerst, dass Sie den Fingerabdruck mit dem Land abgeglichen haben.',
  );
  assert.equal(await refusal.getAttribute('role'), 'alert');
  assert.equal(await activeId(page), 'import-trust', 'focus goes to the checkbox');
  assert.equal(await page.locator('#import-trust').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await calls(page, 'import_package'), [], 'nothing was imported');
  assert.ok(await dialogOpen(page));

  // Tick the checkbox with Space, then import.
  await page.keyboard.press('Space');
  assert.equal(await page.locator('#import-trust').isChecked(), true);
  assert.equal(await start.getAttribute('aria-disabled'), null);
  assert.equal(await refusal.count(), 0);
  await tabTo(page, () => document.activeElement?.id === 'import-start');
  // The bridge answers with the command's progress messages and its result at once: the request
  // is held while the progress shows, and every state of the bar is recorded as it is rendered.
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route('**/invoke/import_package', async (route) => {
    await held;
    await route.continue();
  });
  await page.evaluate(() => {
    window.__bars = [];
    const record = (bar) => {
      const box = bar.parentElement;
      window.__bars.push({
        tag: bar.tagName,
        max: bar.getAttribute('max'),
        value: bar.getAttribute('value'),
        label: box?.querySelector('label[for="import-progress-bar"]')?.textContent?.trim() ?? null,
        percent: box?.querySelector('.progress-percent')?.textContent?.trim() ?? null,
      });
    };
    new MutationObserver((records) => {
      for (const r of records) {
        const nodes = r.type === 'childList' ? [...r.addedNodes] : [r.target];
        for (const node of nodes) {
          if (!(node instanceof Element)) continue;
          const bar = node.id === 'import-progress-bar' ? node : node.querySelector('#import-progress-bar');
          if (bar) record(bar);
        }
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value', 'max'] });
  });
  await page.keyboard.press('Enter');

  // Progress from the Channel, in a real <progress> with a label: while the core works, the bar
  // has no value yet; the core's messages then fill it, its maximum being the documents' bytes.
  const waiting = page.locator('#import-progress-bar');
  await waiting.waitFor();
  assert.equal(await waiting.evaluate((el) => el.tagName), 'PROGRESS');
  assert.equal(await text(page.locator('label[for="import-progress-bar"]')), 'Paket wird eingelesen …');
  assert.match(await text(page.locator('.progress-percent')), /^\d{1,3} %$/);
  await screenshot(page, 'import-fortschritt');
  release();

  // Done: the dialog closes, focus returns to the button, the view shows the package.
  await page.waitForFunction(() => document.querySelector('dialog[open]') === null);
  const bars = (await page.evaluate(() => window.__bars)).filter((b) => b.value !== null);
  assert.ok(bars.length > 0, 'the bar showed the progress');
  for (const bar of bars) {
    assert.equal(bar.tag, 'PROGRESS');
    assert.equal(Number(bar.max), DOCUMENT_BYTES);
    assert.equal(bar.label, 'Paket wird eingelesen …');
    assert.match(bar.percent, /^\d{1,3} %$/);
  }
  assert.ok(bars.some((b) => Number(b.value) > 0), JSON.stringify(bars));
  await page.getByTestId('package-status').filter({ hasText: 'Paket eingelesen.' }).waitFor();
  assert.equal(await page.getByTestId('package-status').getAttribute('role'), 'status');
  await page.waitForFunction(() => document.activeElement?.id === 'package-import');
  assert.deepEqual(await calls(page, 'import_package'), [{ trust: FINGERPRINT }]);
  assert.equal(
    await text(page.locator('h2.package-title')),
    'Informationspaket EfA-Vergabedienste für niedersächsische Kommunen',
  );
  assert.equal(await page.locator('article[data-service]').count(), 3);
  assert.equal(await text(page.locator('[data-service="bekanntmachung"] h4')), 'Bekanntmachung von Vergabeverfahren');
  assert.equal(await page.getByTestId('packages-empty').count(), 0);

  // The package's items are now in the checklist.
  await gotoView(page, 'Checkliste', { back: true });
  const added = page.locator('[data-item="ni-vereinbarung-unterzeichnen"]');
  assert.match(await text(added), /Aufgabe aus dem Paket des Landes/);
  assert.equal(await text(added.getByTestId('land-deadline')), '31.03.2027');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Escape and "Abbrechen" close the dialog without importing; focus returns', async () => {
  const { page, context, problems } = await openApp(app, [standard, picks('packageV1', 'packageV1')]);
  await gotoView(page, VIEW);
  await page.locator('#package-import').click();
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('dialog[open]') === null);
  await page.waitForFunction(() => document.activeElement?.id === 'package-import');

  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  await page.getByRole('button', { name: 'Abbrechen' }).click();
  await page.waitForFunction(() => document.querySelector('dialog[open]') === null);
  await page.waitForFunction(() => document.activeElement?.id === 'package-import');
  assert.deepEqual(await calls(page, 'import_package'), []);
  assert.equal(await text(page.getByTestId('package-status')), '');
  assert.ok(await page.getByTestId('packages-empty').isVisible());
  assert.deepEqual(problems, []);
  await context.close();
});

test('the late close event of a dialog does not close the next one', async () => {
  const { page, context, problems } = await openApp(app, [standard, picks('packageV1', 'packageV1')]);
  await gotoView(page, VIEW);
  await page.locator('#package-import').click();
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  // The close event of a dialog is a task of its own; a click in the same task (like a fast
  // keypress that the browser handles first) picks a package before that event arrives.
  await page.evaluate(() => {
    document.querySelector('dialog[open]').close();
    document.getElementById('package-import').click();
  });
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  // Give the old dialog's close event and any reaction to it time to run.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
  assert.equal(await dialogOpen(page), true, 'the new dialog stays open');
  assert.equal(await activeId(page), 'import-title');
  assert.deepEqual(await calls(page, 'choose_package'), [null, null]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an update shows what changes, grouped by area; afterwards items are flagged or archived', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(1), picks('packageV2')]);
  await gotoView(page, VIEW);
  assert.equal(await text(page.getByTestId('package-version')), '1');
  await page.locator('#package-import').click();
  const update = page.getByTestId('import-update');
  await update.waitFor();
  assert.equal(await page.getByTestId('first-key').count(), 0, 'the key is trusted now');
  assert.equal(await text(update.locator('h3')), 'Aktualisierung von Version 1 auf 2');
  assert.match(await text(update), /Ihr Stand bei unveränderten Aufgaben bleibt erhalten/);
  assert.match(await text(update), /Geänderte Aufgaben werden mit „Bitte prüfen“ markiert/);
  assert.match(await text(update), /Entfernte Aufgaben werden mit ihrem Verlauf archiviert/);

  const group = (area) => update.locator(`.change-group[data-area="${area}"]`);
  const rows = (area) =>
    group(area).locator('li').evaluateAll((lis) => lis.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
  assert.equal(await text(group('aufgabe').locator('.change-area')), 'Aufgabe 3');
  assert.deepEqual(await rows('aufgabe'), [
    'neu Einträge im Zuständigkeitsfinder prüfen',
    'geändert Fragebogen zur technischen Anbindung ausfüllen',
    'entfernt Ansprechperson für die Vergabedienste an das Land melden',
  ]);
  assert.deepEqual(await rows('hinweis'), ['geändert Kosten für die eigene Kommune ermitteln']);
  assert.match(await text(group('frist').locator('.change-area')), /^Frist/);
  assert.match(await text(group('kosten').locator('.change-area')), /^Kosten/);
  assert.match(await text(group('kontakt').locator('.change-area')), /^Kontakt/);
  assert.match(await text(group('onlinedienst').locator('.change-area')), /^Onlinedienst/);
  assert.match(await text(group('veranstaltung').locator('.change-area')), /^Veranstaltung/);
  assert.match(await text(group('dokument').locator('.change-area')), /^Dokument/);
  // A changed event title with markup is listed as literal text.
  assert.ok((await rows('frist')).some((r) => r.includes(`(FIT-Connect) ${MARKUP}`)));
  assert.equal(await page.locator('img').count(), 0);

  assert.equal(await page.locator('#import-start').getAttribute('aria-disabled'), null);
  await page.locator('#import-start').click();
  await page.waitForFunction(() => document.querySelector('dialog[open]') === null);
  await page.getByTestId('package-status').filter({ hasText: 'Paket eingelesen.' }).waitFor();
  assert.deepEqual(await calls(page, 'import_package'), [{ trust: null }]);
  await page.waitForFunction(() => document.querySelector('[data-testid="package-version"]')?.textContent === '2');
  const archived = page.getByTestId('archived-item');
  assert.deepEqual(await archived.allTextContents(), ['Ansprechperson für die Vergabedienste an das Land melden']);
  assert.match(await text(page.locator('section[aria-labelledby="paket-0-archiv-title"]')), /Verlauf bleiben erhalten/);
  assert.equal(await page.locator('article[data-event]').count(), 3);

  await gotoView(page, 'Checkliste', { back: true });
  assert.equal(await text(page.getByTestId('review-count')), 'Bitte prüfen: 3 Aufgaben');
  assert.equal(await page.locator('[data-item="ni-ansprechperson-melden"]').count(), 0, 'archived');
  assert.equal(await page.locator('[data-item="ni-zustaendigkeitsfinder"]').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the same version again: "bereits eingelesen", only "Schließen"', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(2), picks('packageV2')]);
  await gotoView(page, VIEW);
  await page.locator('#package-import').click();
  const dialog = page.getByTestId('import-dialog');
  await page.getByTestId('import-unchanged').waitFor();
  assert.match(await text(page.getByTestId('import-unchanged')), /Diese Version ist bereits eingelesen\./);
  assert.deepEqual(await dialog.locator('button').allTextContents(), ['Schließen']);
  await dialog.getByRole('button', { name: 'Schließen' }).click();
  await page.waitForFunction(() => document.querySelector('dialog[open]') === null);
  await page.waitForFunction(() => document.activeElement?.id === 'package-import');
  assert.equal(await text(page.getByTestId('package-status')), '');
  assert.deepEqual(await calls(page, 'import_package'), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('refused packages: the German message is shown as an alert (in the view and in the dialog)', async () => {
  const a = await openApp(app, [standard, picks('packageBadSignature')]);
  await gotoView(a.page, VIEW);
  await a.page.locator('#package-import').click();
  const alert = a.page.locator('#package-choose-error');
  await alert.waitFor();
  assert.equal(await alert.getAttribute('role'), 'alert');
  assert.match(await text(alert), /Die Signatur des Manifests ist ungültig/);
  assert.equal(await dialogOpen(a.page), false);
  assert.deepEqual(a.problems, []);
  await a.context.close();

  const b = await openApp(app, [standard, picks('packageBadDocument')]);
  await gotoView(b.page, VIEW);
  await b.page.locator('#package-import').click();
  await b.page.locator('#import-trust').check();
  await b.page.locator('#import-start').click();
  const error = b.page.locator('#import-error');
  await error.waitFor();
  assert.equal(await error.getAttribute('role'), 'alert');
  assert.match(await text(error), /Dokument „documents\/kostenstaffel\.csv“ wurde verändert/);
  assert.ok(await dialogOpen(b.page), 'the dialog stays open');
  await b.page.waitForFunction(() => document.activeElement?.id === 'import-error');
  assert.equal(await b.page.locator('#import-progress-bar').count(), 0);
  assert.deepEqual(b.problems, []);
  await b.context.close();
});

test('a package of another Land than the profile is refused at the preview; nothing is imported', async () => {
  const bremen = (bridge) => bridge.invoke('set_profile', { input: { name: 'Stadt Bremen', ags: '04011000' } });
  const { page, context, problems, bridge } = await openApp(app, [bremen, picks('packageV1')]);
  await gotoView(page, VIEW);
  await page.locator('#package-import').click();
  const alert = page.locator('#package-choose-error');
  await alert.waitFor();
  assert.equal(await alert.getAttribute('role'), 'alert');
  assert.equal(
    await text(alert),
    'Das Paket wurde nicht eingelesen: Dieses Informationspaket ist für Kommunen in Niedersachsen. ' +
      'Ihre Kommune liegt laut Profil in Bremen (AGS 04011000). Es wurde nichts eingelesen.',
  );
  await page.waitForFunction(() => document.activeElement?.id === 'package-choose-error');
  assert.equal(await dialogOpen(page), false, 'no dialog to confirm');
  assert.deepEqual(await bridge.invoke('list_packages'), []);
  // Nor does the import itself take it (defence in depth, the same message).
  await assert.rejects(bridge.invoke('import_package', { trust: app.fixtures.fingerprint }), (e) => {
    assert.equal(e.ipc.code, 'package_other_land');
    assert.match(e.ipc.message, /laut Profil in Bremen \(AGS 04011000\)/);
    return true;
  });
  assert.deepEqual(await bridge.invoke('list_packages'), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a service decision (radio and reason) is saved and shown after reloading the view', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(1)]);
  await gotoView(page, VIEW);
  const service = page.locator('[data-service="praequalifizierung"]');
  assert.match(await text(service), /LeiKa-Schlüssel 99001001000000/);
  assert.match(await text(service), /OZG-ID 10247/);
  assert.match(await text(service), /Vollzugsebene Industrie- und Handelskammern \(amtliches Verzeichnis nach § 48 Abs\. 8 VgV\)/);
  assert.match(await text(service), /FIT-Store-Vertrag des Landes abgeschlossen/);
  const eigen = page.locator('[data-service="eigenerklaerung"]');
  assert.match(await text(eigen), /FIT-Store-Vertrag des Landes in Vorbereitung/);
  assert.match(await text(eigen), /Nachnutzungsmodell des Landes offen/);

  const group = service.getByRole('group', { name: /Ist Ihre Kommune Bedarfsträger\?/ });
  assert.equal(await group.getByRole('radio').count(), 3);
  assert.equal(await group.getByRole('radio', { name: 'Offen' }).isChecked(), true);
  await group.getByRole('radio', { name: 'Ja' }).check();
  const reason = service.getByLabel(/^Begründung/);
  await reason.fill('Unsere Vergabestelle schreibt jährlich über 40 Verfahren aus.\nBeschluss vom 12.03.');
  await service.getByRole('button', { name: /^Speichern\W+Angaben zu/ }).click();
  await service.locator('.save-status', { hasText: 'Gespeichert.' }).waitFor();
  const saved = await calls(page, 'save_service');
  assert.equal(saved.length, 1);
  assert.equal(saved[0].packageId, PACKAGE_ID);
  assert.equal(saved[0].serviceId, 'praequalifizierung');
  assert.deepEqual(saved[0].decision, {
    decision: 'ja',
    reason: 'Unsere Vergabestelle schreibt jährlich über 40 Verfahren aus.\nBeschluss vom 12.03.',
  });

  await gotoView(page, 'Übersicht', { back: true });
  await gotoView(page, VIEW);
  const again = page.locator('[data-service="praequalifizierung"]');
  assert.equal(await again.getByRole('radio', { name: 'Ja' }).isChecked(), true);
  assert.equal(
    await again.getByLabel(/^Begründung/).inputValue(),
    'Unsere Vergabestelle schreibt jährlich über 40 Verfahren aus.\nBeschluss vom 12.03.',
  );
  assert.equal(
    await page.locator('[data-service="bekanntmachung"]').getByRole('radio', { name: 'Offen' }).isChecked(),
    true,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('costs: the amount for the population in German currency, the bracket table, the hint without population', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(1)]);
  await gotoView(page, VIEW);
  const share = page.getByTestId('cost-share');
  assert.equal(await share.count(), 1);
  const raw = (l) => l.evaluate((el) => el.textContent);
  assert.equal(await raw(page.getByTestId('cost-one-off')), '3.000,00\u00a0€');
  assert.equal(await raw(page.getByTestId('cost-annual')), '1.200,00\u00a0€');
  assert.match(await text(share), /Staffel bis 50\.000 Einwohner \(Ihre Kommune: 48\.200 Einwohner\)/);
  assert.match(await text(share), /Beträge in Euro, netto/);

  const table = page.locator('table.cost-table');
  assert.equal(await text(table.locator('caption')), 'Kostenstaffel des Landes: alle Onlinedienste des Pakets');
  assert.deepEqual(
    await table.locator('thead th').evaluateAll((ths) => ths.map((th) => `${th.textContent.trim()}/${th.getAttribute('scope')}`)),
    ['Einwohnerzahl/col', 'Einmalig/col', 'Jährlich/col'],
  );
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.replace(/\s+/g, ' ').trim())),
  );
  assert.deepEqual(rows, [
    ['bis 10.000', '1.500,00 €', '600,00 €'],
    ['10.001 bis 50.000 Ihre Kommune', '3.000,00 €', '1.200,00 €'],
    ['50.001 bis 200.000', '6.000,00 €', '2.400,00 €'],
    ['über 200.000', '12.000,00 €', '4.800,00 €'],
  ]);
  assert.equal(await table.locator('tbody th[scope="row"]').count(), 4);

  // Without a population: a hint with a way to the profile.
  await gotoView(page, 'Profil', { back: true });
  await page.locator('#profile-population').fill('');
  await page.getByRole('button', { name: 'Profil speichern' }).click();
  await page.locator('.save-status', { hasText: 'Gespeichert.' }).waitFor();
  await gotoView(page, VIEW, { back: true });
  const hint = page.getByTestId('costs-hint');
  assert.match(await text(hint), /fehlt die Einwohnerzahl/);
  assert.equal(await page.getByTestId('cost-share').count(), 0);
  assert.equal(await page.locator('table.cost-table tr.mine').count(), 0);
  await hint.getByRole('button', { name: 'Einwohnerzahl im Profil eintragen' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'view-title');
  assert.equal(await text(page.locator('h1')), 'Profil der Kommune');
  assert.deepEqual(problems, []);
  await context.close();
});

test('events: German date, link as text, "Teilgenommen" persists, calendar export with the event id', async () => {
  const { page, context, problems, bridge } = await openApp(app, [standard, paket(1)]);
  const { out } = await bridge.info();
  await gotoView(page, VIEW);
  const info = page.locator('[data-event="info-2027-01"]');
  assert.equal(await text(info.getByTestId('event-time')), 'Mi., 20.01.2027, 10:00–12:00 Uhr');
  assert.equal(await text(info.getByTestId('event-url')), 'https://videokonferenz.landesstelle.example/vergabe-info');
  assert.equal(await info.locator('a').count(), 0, 'the online link is not clickable');
  assert.match(await text(info), /Anmeldung bis 13\.01\.2027/);
  const workshop = page.locator('[data-event="workshop-technik-2027-02"]');
  assert.equal(await text(workshop.getByTestId('event-time')), 'Mi., 10.02.2027, 09:30–15:00 Uhr');
  assert.match(await text(workshop), /Ort Landesstelle für digitale Verwaltung, Musterstraße 1, 30159 Hannover/);
  assert.equal(await page.locator('.package a[href^="http"]').count(), 0);

  const attended = info.getByRole('checkbox', { name: /^Teilgenommen/ });
  assert.equal(await attended.isChecked(), false);
  await attended.check();
  await waitForCall(page, 'set_event_attended');
  assert.deepEqual(await calls(page, 'set_event_attended'), [
    { packageId: PACKAGE_ID, eventId: 'info-2027-01', attended: true },
  ]);

  await info.getByRole('button', { name: /^Als Kalendereintrag speichern/ }).click();
  const status = page.getByTestId('ics-status');
  await status.filter({ hasText: 'gespeichert' }).waitFor();
  assert.equal(await status.getAttribute('role'), 'status');
  // The save dialog suggested the event's id as the name; the bridge's dialog took it.
  assert.equal(await text(status), `Kalendereintrag gespeichert: „info-2027-01.ics“ im Ordner ${out}.`);
  assert.match(readFileSync(`${out}/info-2027-01.ics`, 'utf8'), /^BEGIN:VCALENDAR/);
  await page.getByTestId('ics-all').click();
  await status.filter({ hasText: 'Alle Termine' }).waitFor();
  assert.equal(await text(status), `Alle Termine gespeichert: „veranstaltungen.ics“ im Ordner ${out}.`);
  assert.ok(existsSync(`${out}/veranstaltungen.ics`));
  assert.deepEqual(await calls(page, 'export_ics'), [
    { packageId: PACKAGE_ID, eventId: 'info-2027-01' },
    { packageId: PACKAGE_ID, eventId: null },
  ]);

  // Reload the view: the checkbox is still ticked; unticking persists too.
  await gotoView(page, 'Übersicht', { back: true });
  await gotoView(page, VIEW);
  const again = page.locator('[data-event="info-2027-01"]').getByRole('checkbox', { name: /^Teilgenommen/ });
  assert.equal(await again.isChecked(), true);
  assert.equal(
    await page.locator('[data-event="workshop-technik-2027-02"]').getByRole('checkbox').isChecked(),
    false,
  );
  await again.uncheck();
  await waitForCall(page, 'set_event_attended', 2);
  await gotoView(page, 'Übersicht', { back: true });
  await gotoView(page, VIEW);
  assert.equal(
    await page.locator('[data-event="info-2027-01"]').getByRole('checkbox', { name: /^Teilgenommen/ }).isChecked(),
    false,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('markup from the package shows as literal text and creates no element', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(1)]);
  await gotoView(page, VIEW);
  const description = page.locator('[data-service="praequalifizierung"]').getByTestId('service-description');
  assert.ok((await text(description)).endsWith(`Testeintrag: ${MARKUP}`));
  const names = await page.getByTestId('contact').locator('.contact-name').allTextContents();
  assert.ok(names.includes(`Malte Brüggemann ${MARKUP}`), names.join(' | '));
  assert.equal(
    await text(page.locator('[data-event="workshop-technik-2027-02"] h4')),
    `Workshop technische Anbindung (FIT-Connect) ${MARKUP}`,
  );
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(await page.locator('.package [onerror]').count(), 0);
  // Give a would-be onerror handler the chance to run: no dialog, no error.
  await page.waitForTimeout(100);
  assert.deepEqual(problems, [], 'no alert dialog, no errors');
  await context.close();
});

test('the table of contents, the re-use model and the documents', async () => {
  const { page, context, problems, bridge } = await openApp(app, [standard, paket(1)]);
  await gotoView(page, VIEW);
  const toc = page.getByRole('navigation', { name: 'Inhalt des Pakets' });
  assert.deepEqual(await toc.getByRole('link').allTextContents(), [
    'Onlinedienste',
    'Kosten für Ihre Kommune',
    'Nachnutzungsmodell',
    'Ansprechpersonen',
    'Veranstaltungen',
    'Pilot- und Partnerkommunen',
    'Fachverfahren des Landes',
    'Dokumente',
  ]);
  await toc.getByRole('link', { name: 'Dokumente' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'paket-0-dokumente-title');

  // Headings: h1, h2 per package, h3 per part.
  const h3 = await page.locator('.package h3').allTextContents();
  assert.ok(h3.some((h) => h.startsWith('Onlinedienste')));
  assert.equal(await page.locator('.package h2').count(), 1);

  assert.equal(await text(page.getByTestId('reuse-kind')), 'Verwaltungsvereinbarung');
  await page.getByRole('button', { name: '„Verwaltungsvereinbarung zur Nachnutzung (Entwurf)“ öffnen' }).click();
  await waitForCall(page, 'open_document');

  const docs = page.getByTestId('document');
  assert.equal(await docs.count(), 3);
  const cells = await docs.evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].slice(0, 3).map((c) => c.textContent.replace(/\s+/g, ' ').trim())),
  );
  // The example's documents are all under 1 KB: their sizes are shown in bytes.
  const bytes = (name) => {
    const size = documentBytes(name);
    assert.ok(size > 1 && size < 1024, `${name}: ${size} bytes`);
    return `${size} Bytes`;
  };
  assert.deepEqual(cells, [
    ['Verwaltungsvereinbarung zur Nachnutzung (Entwurf)', 'PDF', bytes('verwaltungsvereinbarung.pdf')],
    ['Kostenstaffel 2027', 'CSV (Tabelle)', bytes('kostenstaffel.csv')],
    ['Leitfaden zur technischen Anbindung', 'Text', bytes('anbindungsleitfaden.txt')],
  ]);
  const sha = docs.first().getByLabel('SHA-256 von „Verwaltungsvereinbarung zur Nachnutzung (Entwurf)“');
  assert.equal(await sha.inputValue(), documentSha('verwaltungsvereinbarung.pdf'));
  await docs.nth(1).getByRole('button', { name: /^Öffnen\W+Kostenstaffel 2027$/ }).click();
  await waitForCall(page, 'open_document', 2);
  assert.deepEqual(await calls(page, 'open_document'), [
    { packageId: PACKAGE_ID, path: 'documents/verwaltungsvereinbarung.pdf' },
    { packageId: PACKAGE_ID, path: 'documents/kostenstaffel.csv' },
  ]);
  // The system viewer was asked to open the stored copies (named by their SHA-256).
  const opened = await bridge.opened();
  assert.equal(opened.length, 2, opened.join(' | '));
  assert.ok(opened[0].endsWith(`/${documentSha('verwaltungsvereinbarung.pdf')}.pdf`), opened[0]);
  assert.ok(opened[1].endsWith(`/${documentSha('kostenstaffel.csv')}.csv`), opened[1]);

  // Contacts and the tables of municipalities and Fachverfahren.
  const taskforce = await page.getByTestId('contact').evaluateAll((lis) =>
    lis.map((li) => li.querySelector('.taskforce') !== null),
  );
  assert.deepEqual(taskforce, [false, true, true]);
  const tableRows = (part) =>
    page.locator(`section[aria-labelledby="paket-0-${part}-title"] tbody tr`).evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent.replace(/\s+/g, ' ').trim()).join(' | ')),
    );
  assert.deepEqual(await tableRows('kommunen'), [
    'Stadt Musterhausen | 03241001 | Pilotkommune | Vergabestelle, Frau Lindqvist vergabe@musterhausen.example | Präqualifizierung von Unternehmen, Bekanntmachung von Vergabeverfahren',
    'Gemeinde Beispielfeld | 03351006 | Partnerkommune | Hauptamt, Herr Olschewski | Präqualifizierung von Unternehmen',
  ]);
  assert.deepEqual(await tableRows('fachverfahren'), [
    'VergabeManager (Beispiel) | Muster Software GmbH | FIT-Connect | Präqualifizierung von Unternehmen, Bekanntmachung von Vergabeverfahren, Digitale Eigenerklärungen',
    'Ausschreibung Plus (Beispiel) | Beispiel IT AG | OSCI/XTA | Bekanntmachung von Vergabeverfahren',
  ]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('checklist: "Bitte prüfen" with reason, "Geprüft" clears it; guidance of the Land; filter', async () => {
  const { page, context, problems } = await openApp(app, [standard, paket(2)]);
  await page.getByTestId('review-card').waitFor();
  assert.equal(await text(page.getByTestId('review-card-count')), '3');
  await page.getByRole('link', { name: '3 Aufgaben in der Checkliste ansehen' }).click();
  await page.waitForFunction(() => document.querySelector('nav a[aria-current="page"]')?.textContent?.trim() === 'Checkliste');
  await page.getByTestId('review-summary').waitFor();
  const toggle = page.getByTestId('review-filter');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true', 'the dashboard link filters');
  assert.equal(await page.locator('article.entry').count(), 3);
  assert.equal(await text(page.getByTestId('review-count')), 'Bitte prüfen: 3 Aufgaben');

  const entry = page.locator('[data-item="ni-fragebogen"]');
  const flag = entry.getByTestId('review');
  assert.match(await text(flag), /^Bitte prüfen Aufgabe in einer neuen Paketversion geändert Geprüft/);
  assert.equal(await flag.locator('svg').count(), 1, 'text plus icon');
  assert.equal(await text(entry.locator('.badge')), 'In Arbeit', 'progress is kept');
  assert.match(
    await text(page.locator('[data-item="ni-vereinbarung-unterzeichnen"]').getByTestId('review-reason')),
    /Frist des Landes geändert/,
  );
  assert.equal(await text(page.locator('[data-item="ni-vereinbarung-unterzeichnen"]').getByTestId('land-deadline')), '30.04.2027');

  // Guidance of the Land: package title and text with its line breaks.
  const kosten = page.locator('[data-item="finanzierung-kosten"]');
  const guidance = kosten.getByTestId('guidance');
  assert.match(await text(guidance), /^Hinweis des Landes aus „Informationspaket EfA-Vergabedienste für niedersächsische Kommunen“/);
  assert.equal(await guidance.locator('.guidance-text').evaluate((el) => getComputedStyle(el).whiteSpace), 'pre-line');
  assert.match(await guidance.locator('.guidance-text').evaluate((el) => el.textContent), /Vorjahres\.\nNeu:/);
  assert.match(await text(kosten.getByTestId('review-reason')), /Neuer oder geänderter Hinweis des Landes/);

  // "Geprüft" clears the flag; the entry stays in view while the filter is on.
  await entry.getByRole('button', { name: /^Geprüft\W+Fragebogen zur technischen Anbindung ausfüllen$/ }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'aufgabe-ni-fragebogen-title');
  assert.equal(await entry.getByTestId('review').count(), 0);
  assert.equal(await text(entry.locator('.review-status')), 'Als geprüft markiert.');
  assert.equal(await text(page.getByTestId('review-count')), 'Bitte prüfen: 2 Aufgaben');
  assert.deepEqual(await calls(page, 'confirm_review'), [{ itemId: 'ni-fragebogen' }]);

  // Filter off: all entries; on again: only the two still flagged.
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  assert.ok((await page.locator('article.entry').count()) > 10);
  await toggle.click();
  assert.equal(await page.locator('article.entry').count(), 2);
  await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');

  // Guidance without review on a built-in item, and the dashboard count follows.
  const hersteller = page.locator('[data-item="hersteller-beauftragen"]');
  assert.equal(await hersteller.getByTestId('guidance').count(), 1);
  assert.equal(await hersteller.getByTestId('review').count(), 0);
  await gotoView(page, 'Übersicht', { back: true });
  await page.getByTestId('review-card').waitFor();
  assert.equal(await text(page.getByTestId('review-card-count')), '2');
  assert.deepEqual(problems, []);
  await context.close();
});
