// Readiness per online service, against the real core (UI test bridge): the dashboard lists the
// services with their verdict next to the overall verdict, the service card lists its checks
// with a symbol and the state in words, and a change on the card (the decision) is checked
// again at once. Rules: docs/readiness.md.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, bridgeOf, gotoView, openApp, screenshot, status, text, useApp } from './harness.mjs';
import { inventar, paket, saveService, standard } from './scenarios.mjs';

const app = useApp('readiness');

/** Everything the first service needs, entered through the core as the card would. */
async function readyService(bridge) {
  await saveService(bridge, 'praequalifizierung', {
    decision: 'ja',
    state: {
      phase: 'produktionstest',
      phase_dates: [],
      connection: {
        ou_id: '03241001-OE-17',
        pvog_url: 'https://www.pvog.example/leistung/99123',
        fit_connect_destination: '3f2a9c1e-7b4d-4e2a-9f10-2c6d8e4b1a57',
        transport_route: 'fit_connect',
      },
      agreement_expires: '2099-12-31',
      certificate_expires: '2099-06-30',
      pilot_interest: false,
      training_needed: false,
    },
  });
}

const card = (page, id) => page.locator(`[data-service="${id}"]`);
const checks = (locator) =>
  locator.locator('li.check').evaluateAll((lis) =>
    lis.map((li) => ({
      check: li.dataset.check,
      state: li.dataset.state,
      symbol: li.querySelector('.check-symbol')?.textContent?.trim(),
      hidden: li.querySelector('.check-symbol')?.getAttribute('aria-hidden'),
      words: li.querySelector('.check-state')?.textContent?.trim(),
    })),
  );

test('dashboard: the overall verdict names the services not ready, the list shows each verdict', async () => {
  const { page, problems } = await openApp(app, [standard, paket(1)], { bypassCSP: true });
  const verdict = page.getByTestId('verdict');
  assert.equal(await verdict.getAttribute('data-ready'), 'false');
  assert.equal(await text(verdict.locator('h2')), 'Ist Ihre Kommune bereit für die Anbindung?');
  assert.equal(await verdict.locator('.verdict-symbol').getAttribute('aria-hidden'), 'true');
  assert.match(await text(page.getByTestId('verdict-text')), /, 3 von 3 Onlinediensten noch nicht bereit\.$/);
  const rows = page.getByTestId('service-readiness-list').locator('li');
  assert.deepEqual(
    await rows.evaluateAll((lis) => lis.map((li) => [li.dataset.service, li.dataset.verdict])),
    [
      ['praequalifizierung', 'nicht_bereit'],
      ['bekanntmachung', 'nicht_bereit'],
      ['eigenerklaerung', 'nicht_bereit'],
    ],
  );
  const first = rows.first();
  assert.equal(await text(first.locator('.service-verdict')), 'noch nicht bereit');
  assert.match(await text(first.locator('.item-text')), /^Es fehlt: Entscheidung Bedarfsträger, Phase der Anbindung/);
  assert.equal(await first.locator('.service-symbol').getAttribute('aria-hidden'), 'true');
  assert.equal(await text(page.locator('#services-title .count-pill')), '0 von 3 bereit');

  // One service made ready and one declined: the list and the count follow, the overall
  // verdict still waits for the checklist and the third service.
  const bridge = bridgeOf(page);
  await readyService(bridge);
  await inventar(bridge);
  await saveService(bridge, 'bekanntmachung', { decision: 'nein', reason: 'Keine eigenen Vergaben' });
  await gotoView(page, 'Checkliste');
  await gotoView(page, 'Übersicht', { back: true });
  assert.deepEqual(
    await rows.evaluateAll((lis) => lis.map((li) => [li.dataset.verdict, li.querySelector('.service-verdict').textContent.trim()])),
    [
      ['bereit', 'bereit'],
      ['nicht_benoetigt', 'nicht benötigt'],
      ['nicht_bereit', 'noch nicht bereit'],
    ],
  );
  assert.equal(await text(page.locator('#services-title .count-pill')), '1 von 2 bereit');
  assert.match(await text(page.getByTestId('verdict-text')), /, 1 von 2 Onlinediensten noch nicht bereit\.$/);
  const core = await status(page);
  assert.equal(core.verdict.ready, false);
  assert.equal(await text(page.getByTestId('verdict-text')), core.verdict.text);
  await screenshot(page, 'readiness-dashboard');
  assert.deepEqual(await axeViolations(page, 'dashboard with services'), []);
  assert.deepEqual(problems, []);
});

test('service card: each check by symbol and in words; a saved decision is checked again', async () => {
  const { page, problems } = await openApp(app, [standard, paket(1), inventar, readyService], { bypassCSP: true });
  await gotoView(page, 'Informationen des Landes');

  const ready = card(page, 'praequalifizierung').getByTestId('service-readiness');
  await ready.locator('li.check').first().waitFor();
  assert.equal(await ready.getAttribute('data-verdict'), 'bereit');
  assert.match(await text(ready.getByTestId('readiness-summary')), /^Bereit\.$/);
  const fine = await checks(ready);
  assert.deepEqual(
    fine.map((c) => c.check),
    ['entscheidung', 'phase', 'anschlussdaten', 'vereinbarung', 'zertifikat', 'fachverfahren', 'hersteller'],
  );
  assert.ok(fine.every((c) => c.state === 'ok' && c.symbol === '✓' && c.words === 'erfüllt' && c.hidden === 'true'), JSON.stringify(fine));

  // A service with nothing entered but the inventory's Fachverfahren: ✗ and "fehlt" for the
  // five checks of its own, ✓ and "erfüllt" for the Fachverfahren and its vendor.
  const open = card(page, 'bekanntmachung').getByTestId('service-readiness');
  assert.equal(await open.getAttribute('data-verdict'), 'nicht_bereit');
  assert.deepEqual(
    (await checks(open)).map((c) => [c.check, c.symbol, c.words]),
    [
      ['entscheidung', '✗', 'fehlt'],
      ['phase', '✗', 'fehlt'],
      ['anschlussdaten', '✗', 'fehlt'],
      ['vereinbarung', '✗', 'fehlt'],
      ['zertifikat', '✗', 'fehlt'],
      ['fachverfahren', '✓', 'erfüllt'],
      ['hersteller', '✓', 'erfüllt'],
    ],
  );
  assert.match(
    await text(open.getByTestId('readiness-summary')),
    /^Noch nicht bereit, weil Sie noch nicht entschieden haben, ob Ihre Kommune Bedarfsträger ist, /,
  );
  assert.match(await text(open.locator('li.check[data-check="entscheidung"]')), /Entscheidung Bedarfsträger: fehlt – Sie haben noch nicht entschieden/);

  // Declining the service on the card: it is checked again and no longer counts.
  const form = card(page, 'bekanntmachung').locator('form.service-form');
  await form.getByRole('radio', { name: 'Nein' }).check();
  await form.getByRole('button', { name: /^Speichern\W+Angaben zu/ }).click();
  await open.and(page.locator('[data-verdict="nicht_benoetigt"]')).waitFor();
  assert.equal(await open.locator('li.check').count(), 0);
  assert.match(await text(open.getByTestId('readiness-summary')), /^Nicht benötigt: Sie haben entschieden, dass Ihre Kommune nicht Bedarfsträger ist\.$/);

  await card(page, 'praequalifizierung').scrollIntoViewIfNeeded();
  await screenshot(page, 'readiness-service-card');
  assert.deepEqual(await axeViolations(page, 'service card with readiness'), []);
  assert.deepEqual(problems, []);
});
