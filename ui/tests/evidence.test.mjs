// Evidence files of checklist items ("Nachweise") against the real core: the list in the
// expanded item (title, file, size in German format, date, the SHA-256 folded away under
// "Technische Angaben"), the count on the collapsed entry, adding through the native file dialog
// (driven from Rust; the web view names no path), removing after a confirmation, and the refusals
// (too big, wrong type) in German next to the button.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bridgeOf, calls, gotoView, openApp, tabTo, text, useApp } from './harness.mjs';
import { standard } from './scenarios.mjs';

const app = useApp('evidence');

/** A seed: the next file dialogs of "Nachweis hinzufügen" answer with these fixtures (null = cancelled). */
const picks = (...names) => (bridge, fixtures) =>
  bridge.pick({ pick: names.map((n) => (n === null ? null : fixtures.evidence[n])) });

/** The text a sighted clerk reads (without the visually hidden parts for screen readers). */
const shown = (locator) =>
  locator.evaluate((el) => {
    const copy = el.cloneNode(true);
    for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? null);
const dialogOpen = (page) => page.evaluate(() => document.querySelector('dialog[open]') !== null);

/** Opens the checklist and expands the item; resolves to its entry once its evidence is loaded. */
async function expand(page, itemId) {
  await gotoView(page, 'Checkliste');
  const entry = page.locator(`[data-item="${itemId}"]`);
  await entry.locator('button.toggle').click();
  await entry.getByTestId('evidence').locator('form').waitFor();
  return entry;
}

test('the collapsed entries show how many evidence files they have, as text', async () => {
  const { page, context, problems } = await openApp(app);
  await gotoView(page, 'Checkliste');
  const count = (id) => page.locator(`[data-item="${id}"] [data-testid="evidence-count"]`);
  await count('vollzug-zustaendigkeit').waitFor();
  assert.equal(await text(count('vollzug-zustaendigkeit')), '2 Nachweise');
  assert.equal(await text(count('finanzierung-kosten')), '1 Nachweis');
  assert.equal(await count('datenschutz-avv').count(), 0, 'no count without evidence');
  // The icon is decoration; the words carry the meaning.
  assert.equal(await count('vollzug-zustaendigkeit').locator('svg').getAttribute('aria-hidden'), 'true');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the expanded item lists its evidence: title, file, size, date and the SHA-256', async () => {
  const { page, context, problems } = await openApp(app);
  const entry = await expand(page, 'vollzug-zustaendigkeit');
  const section = entry.getByTestId('evidence');
  assert.equal(await shown(section.locator('h4')), 'Nachweise 2');
  const title = await text(entry.locator('h3'));
  assert.equal(await text(section.locator('h4 .visually-hidden')), `zu „${title}“: 2 Nachweise`);
  const rows = section.locator('.evidence-row');
  assert.equal(await rows.count(), 2);
  const first = rows.first();
  assert.equal(await text(first.locator('.evidence-title')), 'Ratsbeschluss zur Zuständigkeit');
  assert.equal(await text(first.locator('.evidence-file')), 'Ratsbeschluss-2026-09.pdf');
  assert.equal(await text(first.getByTestId('evidence-size')), '1,2 MB');
  assert.equal(await text(rows.nth(1).getByTestId('evidence-size')), '48 KB');
  assert.equal(await text(first.getByTestId('evidence-type')), 'PDF');
  assert.match(await shown(first.locator('.evidence-facts')), /Hinzugefügt am \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr/);

  // The hash is for the IT department: folded away under "Technische Angaben", in full.
  const sha = first.getByTestId('evidence-sha');
  assert.equal(await sha.evaluate((d) => d.open), false);
  assert.equal(await sha.locator('.code').isVisible(), false);
  await sha.locator('summary').click();
  const full = await text(sha.locator('.code'));
  assert.match(full, /^[0-9a-f]{64}$/);

  // "Öffnen" asks Rust to open the stored file (by ID, never by path).
  await first.getByRole('button', { name: /^Öffnen/ }).click();
  await page.getByTestId('evidence-status').filter({ hasText: 'Geöffnet' }).first().waitFor();
  const opened = await calls(page, 'open_evidence');
  assert.equal(opened.length, 1);
  assert.deepEqual(Object.keys(opened[0]), ['id']);
  assert.equal(typeof opened[0].id, 'number');
  // The system viewer got the stored copy (named by its hash), not the picked file.
  const viewed = await bridgeOf(page).opened();
  assert.equal(viewed.length, 1);
  assert.ok(viewed[0].includes(full), viewed[0]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('adding evidence: optional title, the file is picked in Rust; list and count update', async () => {
  const { page, context, problems } = await openApp(app, [standard, picks('picked', 'picked')]);
  const entry = await expand(page, 'datenschutz-avv');
  const section = entry.getByTestId('evidence');
  assert.match(await text(section.locator('.evidence-none')), /Noch kein Nachweis/);
  assert.equal(await entry.getByTestId('evidence-count').count(), 0);

  const add = section.getByRole('button', { name: 'Nachweis hinzufügen …' });
  assert.equal(await add.getAttribute('aria-haspopup'), 'dialog');
  await section.getByLabel(/^Titel des Nachweises/).fill('AVV mit dem Land (unterschrieben)');
  await add.click();
  const status = section.getByTestId('evidence-status');
  await status.filter({ hasText: 'hinzugefügt' }).waitFor();
  assert.equal(await status.getAttribute('role'), 'status');
  assert.equal(await text(status), 'Nachweis hinzugefügt: AVV mit dem Land (unterschrieben).');
  assert.deepEqual(await calls(page, 'add_evidence'), [
    { itemId: 'datenschutz-avv', title: 'AVV mit dem Land (unterschrieben)' },
  ]);
  const rows = section.locator('.evidence-row');
  assert.equal(await rows.count(), 1);
  assert.equal(await text(rows.first().locator('.evidence-title')), 'AVV mit dem Land (unterschrieben)');
  assert.equal(await text(rows.first().getByTestId('evidence-size')), '1,2 MB');
  assert.equal(await section.getByLabel(/^Titel des Nachweises/).inputValue(), '', 'title cleared');
  assert.equal(await text(entry.getByTestId('evidence-count')), '1 Nachweis');

  // Without a title: the file name counts, the title is sent as null.
  await add.click();
  await page.waitForFunction(
    () => document.querySelectorAll('[data-item="datenschutz-avv"] .evidence-row').length === 2,
  );
  assert.deepEqual((await calls(page, 'add_evidence')).at(-1), { itemId: 'datenschutz-avv', title: null });
  assert.equal(await text(rows.nth(1).locator('.evidence-title')), 'Ratsbeschluss-2026-11');
  assert.equal(await text(entry.getByTestId('evidence-count')), '2 Nachweise');

  // The history records it.
  await gotoView(page, 'Verlauf', { back: true });
  await page.locator('table.history tbody tr').first().waitFor();
  assert.match(await text(page.locator('table.history')), /AVV mit dem Land \(unterschrieben\) \(Ratsbeschluss-2026-11\.pdf, SHA-256 [0-9a-f]{64}\)/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('removing evidence asks first; cancelling keeps it', async () => {
  const { page, context, problems } = await openApp(app);
  const entry = await expand(page, 'vollzug-zustaendigkeit');
  const section = entry.getByTestId('evidence');
  const remove = section.getByRole('button', { name: /^Entfernen\s*: Geschäftsverteilungsplan$/ });
  await remove.click();
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  const dialog = page.getByTestId('nachweise-vollzug-zustaendigkeit-remove-dialog');
  assert.equal(await dialog.evaluate((d) => d.matches(':modal')), true);
  assert.equal(await activeId(page), 'nachweise-vollzug-zustaendigkeit-remove-title');
  assert.match(await text(dialog), /„Geschäftsverteilungsplan“ \(GVP-Hauptamt\.odt\) wird von der Aufgabe entfernt/);
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  assert.equal(await dialogOpen(page), false);
  assert.equal(await remove.evaluate((b) => b === document.activeElement), true, 'focus back on the button');
  assert.equal(await section.locator('.evidence-row').count(), 2);
  assert.deepEqual(await calls(page, 'remove_evidence'), []);

  await remove.click();
  await dialog.getByRole('button', { name: 'Entfernen' }).click();
  await section.getByTestId('evidence-status').filter({ hasText: 'entfernt' }).waitFor();
  assert.equal(await text(section.getByTestId('evidence-status')), 'Nachweis entfernt: Geschäftsverteilungsplan.');
  assert.equal(await section.locator('.evidence-row').count(), 1);
  assert.equal(await text(entry.getByTestId('evidence-count')), '1 Nachweis');
  assert.equal(await activeId(page), 'nachweise-vollzug-zustaendigkeit-title');
  assert.equal((await calls(page, 'remove_evidence')).length, 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a confirmation counts when it is given, even if the next removal is asked at once', async () => {
  const { page, context, problems } = await openApp(app);
  const entry = await expand(page, 'vollzug-zustaendigkeit');
  const section = entry.getByTestId('evidence');
  await section.getByRole('button', { name: /^Entfernen\s*: Geschäftsverteilungsplan$/ }).click();
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  // The close event is a task of its own: the second question comes before it arrives.
  await page.evaluate(() => {
    document.getElementById('nachweise-vollzug-zustaendigkeit-remove-confirm').click();
    const next = [...document.querySelectorAll('[data-item="vollzug-zustaendigkeit"] .evidence-row button')]
      .find((b) => /^Entfernen\s*: Ratsbeschluss zur Zuständigkeit$/.test(b.textContent.trim()));
    next.click();
  });
  await section.getByTestId('evidence-status').filter({ hasText: 'entfernt' }).waitFor();
  assert.deepEqual((await calls(page, 'remove_evidence')).length, 1, 'the first removal went ahead');
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
  const dialog = page.getByTestId('nachweise-vollzug-zustaendigkeit-remove-dialog');
  assert.equal(await dialogOpen(page), true, 'the second question stays open');
  assert.match(await text(dialog), /„Ratsbeschluss zur Zuständigkeit“/);
  await dialog.getByRole('button', { name: 'Entfernen' }).click();
  await page.waitForFunction(
    () => document.querySelectorAll('[data-item="vollzug-zustaendigkeit"] .evidence-row').length === 0,
  );
  assert.equal((await calls(page, 'remove_evidence')).length, 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a file that is too big or of the wrong type is refused in German next to the button', async () => {
  for (const [file, expected] of [
    // The file has 31 MB; the message names its own size.
    ['tooBig', /^Nicht hinzugefügt: Die Datei ist zu groß \(31 MB\); erlaubt sind höchstens 25 MB\.$/],
    ['wrongType', /^Nicht hinzugefügt: Dateityp „\.exe“ wird nicht angenommen; erlaubt sind: pdf, png/],
  ]) {
    const { page, context, problems } = await openApp(app, [standard, picks(file)]);
    const entry = await expand(page, 'datenschutz-avv');
    const section = entry.getByTestId('evidence');
    const add = section.getByRole('button', { name: 'Nachweis hinzufügen …' });
    await add.click();
    const error = section.getByTestId('evidence-add-error');
    await error.waitFor();
    assert.equal(await error.getAttribute('role'), 'alert');
    assert.match(await text(error), expected);
    const errorId = await error.getAttribute('id');
    assert.equal(await add.getAttribute('aria-describedby'), errorId, 'the button names the error');
    assert.equal(await section.locator('.evidence-row').count(), 0);
    assert.equal(await entry.getByTestId('evidence-count').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a cancelled file dialog adds nothing and says so; a bad title is shown at the title field', async () => {
  const { page, context, problems } = await openApp(app, [standard, picks(null)]);
  const entry = await expand(page, 'datenschutz-avv');
  const section = entry.getByTestId('evidence');
  // Keyboard only: Tab from the title field to the button, Enter.
  const titleId = 'nachweise-datenschutz-avv-title-input';
  await tabTo(page, (id) => document.activeElement?.id === id, titleId);
  await page.keyboard.type('Entwurf AVV');
  await page.keyboard.press('Tab');
  assert.equal(await activeId(page), 'nachweise-datenschutz-avv-add');
  await page.keyboard.press('Enter');
  await section.getByTestId('evidence-status').filter({ hasText: 'Abgebrochen' }).waitFor();
  assert.equal(
    await text(section.getByTestId('evidence-status')),
    'Abgebrochen – es wurde kein Nachweis hinzugefügt.',
  );
  assert.equal(await section.locator('.evidence-row').count(), 0);
  assert.equal(await section.getByLabel(/^Titel des Nachweises/).inputValue(), 'Entwurf AVV', 'title kept');

  // A title over 200 characters (pasted past maxlength): the core's message, at the field.
  await page.evaluate((id) => {
    const input = document.getElementById(id);
    input.value = 'x'.repeat(201);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, titleId);
  await section.getByRole('button', { name: 'Nachweis hinzufügen …' }).click();
  await page.locator('#nachweise-datenschutz-avv-title-error').waitFor();
  assert.equal(await activeId(page), titleId);
  const input = page.locator(`#${titleId}`);
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.equal(
    await input.getAttribute('aria-describedby'),
    'nachweise-datenschutz-avv-title-hint nachweise-datenschutz-avv-title-error',
  );
  assert.match(await text(page.locator('#nachweise-datenschutz-avv-title-error')), /Der Titel ist zu lang \(201 Zeichen, höchstens 200\)/);
  assert.deepEqual(problems, []);
  await context.close();
});
