// The German date field, in a browser set to US English on purpose: dates show and are typed as
// TT.MM.JJJJ, an empty field is empty, the calendar works by keyboard alone, and a date that does
// not exist is refused by the core under the field.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, calls, gotoView, openApp, screenshot, text, useApp } from './harness.mjs';
import { standard } from './scenarios.mjs';

const app = useApp('dates');
const US = { locale: 'en-US', bypassCSP: true };
const ITEM = 'finanzierung-haushalt';

async function openForm(page) {
  await gotoView(page, 'Checkliste');
  const entry = page.locator(`[data-item="${ITEM}"]`);
  await entry.getByRole('button', { name: /Stand bearbeiten/ }).click();
  return entry;
}

const focused = (page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id);

test('a due date is typed as TT.MM.JJJJ under en-US, shown the German way and stored as a date', async () => {
  const { page, context, problems } = await openApp(app, [standard], US);
  const entry = await openForm(page);
  const due = entry.locator(`#form-${ITEM}-due`);
  assert.equal(await due.inputValue(), '', 'empty when empty: no date in grey');
  assert.equal(await due.getAttribute('placeholder'), 'TT.MM.JJJJ');
  assert.equal(await due.getAttribute('type'), 'text');

  await due.fill('5.3.2027');
  await due.blur();
  assert.equal(await due.inputValue(), '05.03.2027');
  await entry.getByRole('button', { name: /^Speichern/ }).click();
  await entry.locator('.save-status').filter({ hasText: 'Gespeichert.' }).waitFor();
  const saved = (await calls(page, 'set_item')).at(-1) ?? (await calls(page, 'patch_item')).at(-1);
  assert.equal(saved.state?.due ?? saved.patch?.due, '2027-03-05');
  assert.match(await text(entry), /05\.03\.2027/);
  assert.doesNotMatch(await text(entry), /03\/05\/2027|3\/5\/2027/);

  // A day that does not exist goes to the core, which names the field.
  if ((await entry.locator('button.toggle').getAttribute('aria-expanded')) !== 'true') {
    await entry.locator('button.toggle').click();
  }
  await due.fill('31.02.2027');
  await entry.getByRole('button', { name: /^Speichern/ }).click();
  const error = entry.locator(`#form-${ITEM}-due-error`);
  await error.waitFor();
  assert.match(await text(error), /„31\.02\.2027“: diesen Tag gibt es nicht/);
  assert.equal(await due.getAttribute('aria-invalid'), 'true');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the calendar works by keyboard alone and gives the focus back', async () => {
  const { page, context, problems } = await openApp(app, [standard], US);
  const entry = await openForm(page);
  const due = entry.locator(`#form-${ITEM}-due`);
  await due.fill('15.01.2027');
  const button = entry.getByRole('button', { name: /^Kalender: Fällig/ });
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  await button.focus();
  await page.keyboard.press('Enter');
  const calendar = entry.getByRole('dialog');
  await calendar.waitFor();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  assert.equal(await text(calendar.locator('h3')), 'Januar 2027');
  // The focus is on the chosen day, read out in full.
  assert.equal(await focused(page), 'Freitag, 15. Januar 2027');
  assert.equal(await calendar.locator('[aria-pressed="true"]').getAttribute('aria-label'), 'Freitag, 15. Januar 2027');
  assert.deepEqual(await calendar.locator('thead th').allTextContents(), ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So']);
  await screenshot(page, 'datum-kalender');
  const violations = await axeViolations(page, 'Kalender');
  assert.deepEqual(violations.map((v) => v.id), []);

  await page.keyboard.press('ArrowRight'); // Sa 16.01.
  await page.keyboard.press('ArrowDown'); // Sa 23.01.
  await page.keyboard.press('PageDown'); // Di 23.02.
  assert.equal(await focused(page), 'Dienstag, 23. Februar 2027');
  assert.equal(await text(calendar.locator('h3')), 'Februar 2027');
  await page.keyboard.press('Home'); // Mo 22.02.
  await page.keyboard.press('End'); // So 28.02.
  assert.equal(await focused(page), 'Sonntag, 28. Februar 2027');
  await page.keyboard.press('ArrowRight'); // Mo 01.03., across the month
  await page.keyboard.press('Enter');
  await calendar.waitFor({ state: 'detached' });
  assert.equal(await due.inputValue(), '01.03.2027');
  assert.equal(await page.evaluate(() => document.activeElement?.id), `form-${ITEM}-due`);

  // Escape closes without picking and gives the focus back to the button.
  await button.click();
  await calendar.waitFor();
  await page.keyboard.press('Escape');
  await calendar.waitFor({ state: 'detached' });
  assert.equal(await due.inputValue(), '01.03.2027');
  assert.match((await focused(page)) ?? '', /^$|Kalender/);
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('calendar-button')), true);

  await entry.getByRole('button', { name: /^Speichern/ }).click();
  await entry.locator('.save-status').filter({ hasText: 'Gespeichert.' }).waitFor();
  const saved = (await calls(page, 'set_item')).at(-1) ?? (await calls(page, 'patch_item')).at(-1);
  assert.equal(saved.state?.due ?? saved.patch?.due, '2027-03-01');
  assert.deepEqual(problems, []);
  await context.close();
});
