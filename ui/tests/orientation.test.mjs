// Finding one's way in the municipality's workspace against the real core (UI test bridge): the
// header stays in view on long pages, the dashboard's next steps and where they lead, the focus
// after switching views and after closing a dialog, and dialogs that fit a laptop with a taskbar
// (1366×680).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, bridgeOf, gotoView, openApp, screenshot, tabTo, text, useApp } from './harness.mjs';
import { importPackage, standard } from './scenarios.mjs';

const app = useApp('orientation');

/** A fresh profile and nothing else: no package, no task worked on, no report. */
async function profil(bridge) {
  await bridge.invoke('set_profile', {
    input: {
      name: 'Gemeinde Beispielfeld',
      ags: '03241001',
      population: 5200,
      coordinator_name: 'Jonas Weber',
      coordinator_email: 'j.weber@beispielfeld.example',
      coordinator_phone: null,
    },
  });
}

/** The next steps as the clerk reads them: `[kind, text]`. */
const steps = (page) =>
  page
    .getByTestId('next-steps')
    .locator('li')
    .evaluateAll((lis) =>
      lis.map((li) => [li.dataset.step, (li.querySelector('.next-step-text')?.textContent ?? '').trim()]),
    );

/** Own open tasks without a responsible person, counted from the core's checklist. */
async function unownedTasks(bridge) {
  const checklist = await bridge.invoke('get_checklist');
  return checklist.entries.filter(
    (e) =>
      e.item.actor === checklist.owner &&
      e.progress.status !== 'erledigt' &&
      e.progress.status !== 'nicht_zutreffend' &&
      !(e.progress.owner ?? '').trim(),
  );
}

/** Opens the dashboard again, so that it loads what changed meanwhile. */
async function reloadOverview(page) {
  await gotoView(page, 'Verlauf', { back: true });
  await gotoView(page, 'Übersicht', { back: true });
  await page.getByTestId('next-steps').waitFor();
}

/** Where the focus is and whether it shows. */
const focus = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const style = el ? getComputedStyle(el) : null;
    return {
      id: el?.id ?? null,
      tag: el?.tagName ?? null,
      text: (el?.textContent ?? '').trim(),
      outline: style?.outlineStyle ?? null,
      width: style ? parseFloat(style.outlineWidth) : 0,
    };
  });

async function assertHeadingFocused(page, heading) {
  await page.waitForFunction(() => document.activeElement?.id === 'view-title');
  const f = await focus(page);
  assert.equal(f.id, 'view-title', 'the view heading has the focus');
  assert.equal(f.text, heading);
  assert.notEqual(f.outline, 'none', 'the focus on the heading shows');
  assert.ok(f.width > 0, `the heading's outline is drawn (${f.width}px)`);
}

test('the header with the municipality and the navigation stays in view on a long page', async () => {
  const { page, context, problems } = await openApp(app, [standard]);
  await gotoView(page, 'Checkliste');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForFunction(() => window.scrollY > 1000);
  const header = await page.evaluate(() => {
    const r = document.querySelector('.app-header').getBoundingClientRect();
    const name = document.querySelector('[data-testid="header-profile"] .municipality-name').getBoundingClientRect();
    const nav = document.querySelector('nav[aria-label="Hauptnavigation"]').getBoundingClientRect();
    return { top: r.top, height: r.height, nameTop: name.top, nameBottom: name.bottom, navBottom: nav.bottom };
  });
  assert.ok(header.top >= 0, `header top ${header.top}`);
  assert.ok(header.nameTop >= 0 && header.nameBottom <= header.height, 'the municipality name is in view');
  assert.ok(header.navBottom <= header.height + 1, 'the navigation is in view');
  assert.ok(header.height <= 100, `the header stays compact (${header.height}px)`);
  assert.equal(await text(page.locator('.municipality-name')), 'Stadt Musterstadt');
  await screenshot(page, 'orientierung-kopfzeile');

  // Whatever takes the focus further up stops below the header, not under it.
  await tabTo(page, () => document.activeElement?.getAttribute('data-testid') === 'unowned-filter', undefined, {
    back: true,
    max: 400,
  });
  const { top, headerBottom } = await page.evaluate(() => ({
    top: document.activeElement.getBoundingClientRect().top,
    headerBottom: document.querySelector('.app-header').getBoundingClientRect().bottom,
  }));
  assert.ok(top >= headerBottom, `the focused button (top ${top}) is below the header (${headerBottom})`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('next steps of a fresh profile, after a package import and once every task has a person', async () => {
  const { page, context, problems } = await openApp(app, [profil]);
  const bridge = bridgeOf(page);
  const box = page.getByTestId('next-steps');
  await box.waitFor();
  assert.equal(await text(box.locator('h2')), 'Nächste Schritte');
  const unowned = (await unownedTasks(bridge)).length;
  assert.ok(unowned > 4, `a fresh checklist has open tasks without a person (${unowned})`);
  assert.deepEqual(await steps(page), [
    ['paket', 'Informationspaket des Landes einlesen'],
    ['verantwortliche', `${unowned} Aufgaben ohne Verantwortliche`],
    ['bericht', 'Sachstandsbericht erstellen'],
  ]);
  await screenshot(page, 'orientierung-naechste-schritte');

  // After the package: the decision on its services is open; the package's tasks add to the count.
  await importPackage(bridge, app.fixtures.packageV1, app.fixtures.fingerprint);
  await reloadOverview(page);
  const withPackage = await steps(page);
  const services = (await bridge.invoke('get_status')).services.length;
  assert.ok(services > 1);
  assert.deepEqual(
    withPackage.map(([kind]) => kind),
    ['verantwortliche', 'entscheidung', 'bericht'],
  );
  assert.equal(withPackage[0][1], `${(await unownedTasks(bridge)).length} Aufgaben ohne Verantwortliche`);
  assert.equal(withPackage[1][1], `Bedarfsträger-Entscheidung für ${services} Onlinedienste offen`);

  // Every open task gets a person: that step is gone.
  for (const e of await unownedTasks(bridge)) {
    await bridge.invoke('set_item', {
      itemId: e.item.id,
      state: { status: e.progress.status, owner: 'Hauptamt', due: null, note: null, blocked_by: null, blocked_text: null },
    });
  }
  await reloadOverview(page);
  assert.deepEqual(
    (await steps(page)).map(([kind]) => kind),
    ['entscheidung', 'bericht'],
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('a next step leads to its view, filtered, with the focus on the heading', async () => {
  const { page, context, problems } = await openApp(app, [profil]);
  const bridge = bridgeOf(page);
  const unowned = (await unownedTasks(bridge)).length;
  await page.getByTestId('next-steps').waitFor();

  await page.locator('[data-step="verantwortliche"] a').click();
  await page.waitForFunction(() => document.querySelector('nav a[aria-current="page"]')?.textContent?.trim() === 'Checkliste');
  await assertHeadingFocused(page, 'Checkliste');
  assert.equal(await page.getByTestId('unowned-filter').getAttribute('aria-pressed'), 'true');
  assert.match(await text(page.locator('.result-count')), new RegExp(`^${unowned} Aufgaben von \\d+ angezeigt\\.$`));
  assert.equal(await page.title(), 'Checkliste – Anbindungscheck');
  await screenshot(page, 'orientierung-checkliste-ohne-verantwortliche');

  await gotoView(page, 'Übersicht', { back: true });
  await page.locator('[data-step="paket"] a').click();
  await assertHeadingFocused(page, 'Informationen des Landes');

  await gotoView(page, 'Übersicht', { back: true });
  await page.locator('[data-step="bericht"] a').click();
  await assertHeadingFocused(page, 'Sachstandsbericht');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an overdue date as next step shows the list on the dashboard, below the header', async () => {
  const { page, context, problems } = await openApp(app, [standard]);
  await page.getByTestId('next-steps').waitFor();
  const first = (await steps(page))[0];
  assert.deepEqual(first, ['paket', 'Informationspaket des Landes einlesen']);
  assert.deepEqual((await steps(page))[1], ['ueberfaellig', '1 Termin ist überfällig']);
  await page.locator('[data-step="ueberfaellig"] a').click();
  await page.waitForFunction(() => document.activeElement?.id === 'overdue-title');
  const f = await focus(page);
  assert.notEqual(f.outline, 'none');
  const { top, headerBottom } = await page.evaluate(() => ({
    top: document.getElementById('overdue-title').getBoundingClientRect().top,
    headerBottom: document.querySelector('.app-header').getBoundingClientRect().bottom,
  }));
  assert.ok(top >= headerBottom, `the list's heading (top ${top}) is below the header (${headerBottom})`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('switching views by the navigation: the focus is on the heading and shows', async () => {
  const { page, context, problems } = await openApp(app, [standard]);
  // With the keyboard …
  await gotoView(page, 'Fachverfahren');
  await assertHeadingFocused(page, 'Fachverfahren');
  // … and with the mouse.
  await page.locator('nav a', { hasText: 'Verlauf' }).click();
  await assertHeadingFocused(page, 'Verlauf');
  await page.locator('nav a', { hasText: 'Übersicht' }).click();
  await assertHeadingFocused(page, 'Übersicht');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the fingerprint dialog fits 1366×680 and gives the focus back when it closes', async () => {
  const { page, context, problems } = await openApp(app, [profil]);
  await page.setViewportSize({ width: 1366, height: 680 });
  await bridgeOf(page).pick({ pick: [app.fixtures.packageV1] });
  await gotoView(page, 'Informationen des Landes');
  await page.locator('#package-import').click();
  const dialog = page.getByTestId('import-dialog');
  await page.getByTestId('first-key').waitFor();
  const fit = await page.evaluate(() => {
    const d = document.querySelector('dialog[open]').getBoundingClientRect();
    const b = document.getElementById('import-start').getBoundingClientRect();
    return {
      dialog: { top: d.top, bottom: d.bottom, left: d.left, right: d.right },
      button: { top: b.top, bottom: b.bottom },
      pageScrolls: document.documentElement.scrollTop,
      overflow: document.querySelector('dialog[open]').scrollHeight - document.querySelector('dialog[open]').clientHeight,
      viewport: { width: window.innerWidth, height: window.innerHeight },
    };
  });
  assert.ok(fit.dialog.top >= 0 && fit.dialog.bottom <= fit.viewport.height, `dialog ${JSON.stringify(fit.dialog)}`);
  assert.ok(fit.dialog.left >= 0 && fit.dialog.right <= fit.viewport.width);
  assert.ok(
    fit.button.top >= fit.dialog.top && fit.button.bottom <= fit.dialog.bottom,
    `the button "Einlesen" is in view (${JSON.stringify(fit.button)})`,
  );
  assert.equal(fit.pageScrolls, 0, 'the page did not scroll');
  assert.ok(fit.overflow <= 1, `everything fits without scrolling inside the dialog (${fit.overflow}px more)`);
  // The checkbox and "Einlesen" are reachable with the keyboard, without scrolling by hand.
  await tabTo(page, () => document.activeElement?.id === 'import-trust');
  const check = await page.locator('#import-trust').boundingBox();
  assert.ok(check.y >= fit.dialog.top && check.y + check.height <= fit.dialog.bottom, 'the checkbox scrolled into view');
  await screenshot(page, 'orientierung-fingerabdruck-680');

  // Escape closes it; the focus goes back to the button that opened it.
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('dialog[open]') === null);
  await dialog.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.id === 'package-import');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a question fits 1366×680; closed with "Abbrechen" or Escape it gives the focus back to its button', async () => {
  const { page, context, problems } = await openApp(app, [standard]);
  await page.setViewportSize({ width: 1366, height: 680 });
  const opener = page.getByTestId('switch-workspace');
  await opener.click();
  await page.getByTestId('switch-dialog').waitFor();
  const box = await page.getByTestId('switch-dialog').boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 680, 'the question fits 1366×680');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'switch-title');
  await page.locator('#switch-cancel').click();
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'switch-workspace');
  await opener.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'switch-workspace');
  assert.deepEqual(problems, []);
  await context.close();
});

test('axe: the dashboard with its next steps and the checklist filtered', async () => {
  const { page, context } = await openApp(app, [profil], { bypassCSP: true });
  await page.getByTestId('next-steps').waitFor();
  assert.deepEqual(await axeViolations(page, 'Übersicht mit nächsten Schritten'), []);
  await page.locator('[data-step="verantwortliche"] a').click();
  await page.getByTestId('unowned-filter').waitFor();
  assert.deepEqual(await axeViolations(page, 'Checkliste ohne Verantwortliche'), []);
  await context.close();
});

test("the Land's header with its name stays in view as well", async () => {
  const seed = (bridge) =>
    bridge.invoke('set_land_profile', {
      input: { land_code: '03', name: 'Ministerium für Inneres und Sport, OZG-Koordination' },
    });
  const { page, context, problems } = await openApp(app, [seed], { workspace: 'land' });
  await gotoView(page, 'Checkliste des Landes');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForFunction(() => window.scrollY > 500);
  const header = await page.evaluate(() => {
    const r = document.querySelector('.app-header').getBoundingClientRect();
    const name = document.querySelector('[data-testid="header-profile"] .municipality-name').getBoundingClientRect();
    return { top: r.top, height: r.height, nameBottom: name.bottom };
  });
  assert.ok(header.top >= 0, `header top ${header.top}`);
  assert.ok(header.nameBottom <= header.height, "the Land's name is in view");
  assert.equal(await text(page.locator('.municipality-name')), 'Ministerium für Inneres und Sport, OZG-Koordination');
  assert.equal(await page.getByTestId('next-steps').count(), 0, 'the next steps are the municipality’s');
  await screenshot(page, 'orientierung-kopfzeile-land');
  assert.deepEqual(problems, []);
  await context.close();
});

test('selects look like fields to fill in; disabled fields look disabled', async () => {
  const { page, context, problems } = await openApp(app, [standard]);
  await gotoView(page, 'Checkliste');
  const look = (selector) =>
    page.locator(selector).evaluate((el) => {
      const s = getComputedStyle(el);
      return { bg: s.backgroundColor, border: s.borderTopColor, style: s.borderTopStyle, image: s.backgroundImage };
    });
  const select = await look('#filter-status');
  assert.equal(select.bg, 'rgb(255, 255, 255)', 'an enabled select is white like a text field');
  assert.equal(select.border, (await look('#filter-query')).border, 'with the border of a text field');
  assert.match(select.image, /gradient/, 'and the arrow of a list');
  // "Filter zurücksetzen" is disabled while no filter is set; a disabled select looks like it.
  await page.locator('#filter-status').evaluate((el) => (el.disabled = true));
  const disabled = await look('#filter-status');
  assert.notEqual(disabled.bg, select.bg);
  assert.equal(disabled.style, 'dashed');
  await page.locator('.filter-bar').screenshot({ path: `${process.cwd()}/test-results/orientierung-auswahlfelder.png` });
  assert.deepEqual(problems, []);
  await context.close();
});
