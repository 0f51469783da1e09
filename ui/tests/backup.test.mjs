// "Datensicherung" against the real core through the UI test bridge: where the data lives, a
// backup with the keyboard only, the backup chosen first, then what it holds and a confirmation (Escape and "Abbrechen"), a
// restore that brings the old data back into every view, and refused or cancelled attempts.
// Accessibility: tests/a11y.test.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { calls, gotoView, openApp, tabTo, text, useApp, waitForCall } from './harness.mjs';
import { leer, standard, todayIso } from './scenarios.mjs';

const VIEW = 'Datensicherung';

const app = useApp('backup');

/** A seed: the next file dialogs answer with `queue` (`{pick, save}`, null = cancelled). */
const dialogs = (queue) => (bridge) => bridge.pick(queue);
/** A seed: the next save dialog names a file in a folder that does not exist. */
const missingFolder = async (bridge) => {
  const { dir } = await bridge.info();
  await bridge.pick({ save: [`${dir}/nicht-da/Sicherung.sqlite`] });
};
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? null);
const dialogOpen = (page) => page.evaluate(() => document.querySelector('dialog[open]') !== null);

/** Chooses a backup with the keyboard (the bridge answers the file dialog) and waits for the confirmation. */
async function openConfirm(page) {
  await tabTo(page, () => document.activeElement?.id === 'backup-restore');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
}

test('the view says where the data lives; a backup made with the keyboard shows file, size and time', async () => {
  const { page, context, problems, bridge } = await openApp(app);
  const { db, out } = await bridge.info();
  const FOLDER = await bridge.invoke('backup_folder');
  await gotoView(page, VIEW);
  assert.equal(await text(page.locator('h1')), 'Datensicherung');
  assert.equal(await page.title(), 'Datensicherung – Anbindungscheck');
  assert.deepEqual(
    (await page.locator('section > h2').allTextContents()).map((t) => t.trim()),
    ['Wo Ihre Daten liegen', 'Sicherung erstellen', 'Sicherung wiederherstellen'],
  );
  assert.equal(await text(page.getByTestId('backup-db-path')), db);
  assert.equal(FOLDER, db.replace(/anbindungscheck\.sqlite$/, 'backups'));
  assert.equal(await text(page.getByTestId('backup-folder')), FOLDER);

  const result = page.getByTestId('backup-result');
  assert.equal(await result.getAttribute('role'), 'status');
  assert.equal(await text(result), '');
  await tabTo(page, () => document.activeElement?.id === 'backup-create');
  assert.equal(await text(page.locator('#backup-create')), 'Sicherung erstellen …');
  await page.keyboard.press('Enter');
  await result.filter({ hasText: 'Sicherung gespeichert.' }).waitFor();
  // The save dialog suggested the name; the bridge's dialog took it in its folder.
  const file = `${out}/Anbindungscheck-Sicherung-03241001-${todayIso()}.sqlite`;
  assert.equal(await text(page.getByTestId('backup-file')), file);
  const mb = statSync(file).size / 1024 / 1024;
  assert.equal(await text(page.getByTestId('backup-size')), `${mb.toFixed(1).replace('.', ',')} MB`);
  assert.match(await text(page.getByTestId('backup-at')), /^\d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr$/);
  assert.deepEqual(await calls(page, 'create_backup'), [null]);
  assert.equal(await activeId(page), 'backup-create', 'focus stays on the button');
  assert.equal(await page.locator('[role="alert"]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('without a profile the file name says so', async () => {
  const { page, context, problems } = await openApp(app, [leer]);
  await gotoView(page, VIEW);
  await page.locator('#backup-create').click();
  await page.getByTestId('backup-file').waitFor();
  assert.match(await text(page.getByTestId('backup-file')), /Anbindungscheck-Sicherung-ohne-Profil-\d{4}-\d\d-\d\d\.sqlite$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a backup that cannot be written shows the German reason, tied to the button', async () => {
  const { page, context, problems, bridge } = await openApp(app, [standard, missingFolder]);
  const { dir } = await bridge.info();
  await gotoView(page, VIEW);
  await page.locator('#backup-create').click();
  const alert = page.locator('#backup-create-error');
  await alert.waitFor();
  assert.equal(await alert.getAttribute('role'), 'alert');
  assert.match(
    await text(alert),
    new RegExp(`^Die Sicherung wurde nicht erstellt: Dateifehler bei ${escape(dir)}/nicht-da: nicht gefunden`),
  );
  assert.equal(await page.locator('#backup-create').getAttribute('aria-describedby'), 'backup-create-error');
  assert.equal(await text(page.getByTestId('backup-result')), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a cancelled save dialog changes nothing', async () => {
  const { page, context, problems } = await openApp(app, [standard, dialogs({ save: [null] })]);
  await gotoView(page, VIEW);
  await page.locator('#backup-create').click();
  await waitForCall(page, 'create_backup');
  await page.waitForFunction(() => document.getElementById('backup-create')?.getAttribute('aria-disabled') === null);
  assert.equal(await text(page.getByTestId('backup-result')), '');
  assert.equal(await page.locator('[role="alert"]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Writes a backup of the current data through the view and returns its file. */
async function backupNow(page) {
  await page.locator('#backup-create').click();
  await page.getByTestId('backup-file').waitFor();
  return text(page.getByTestId('backup-file'));
}

test('the file comes first: the dialog shows what the backup holds; Escape and "Abbrechen" restore nothing', async () => {
  const { page, context, problems, bridge } = await openApp(app);
  const FOLDER = await bridge.invoke('backup_folder');
  await gotoView(page, VIEW);
  const backupFile = await backupNow(page);
  const button = page.locator('#backup-restore');
  assert.equal(await text(button), 'Sicherung auswählen …');

  await bridge.pick({ pick: [backupFile, backupFile] });
  await openConfirm(page);
  const dialog = page.getByTestId('restore-dialog');
  assert.equal(await dialog.evaluate((d) => d.matches(':modal')), true, 'opened with showModal()');
  assert.equal(await dialog.getAttribute('aria-labelledby'), 'restore-title');
  assert.equal(await activeId(page), 'restore-title', 'focus moved into the dialog');
  assert.equal(await text(page.locator('#restore-title')), 'Sicherung wiederherstellen?');
  // What the file holds, before anything is replaced.
  assert.equal(await text(page.getByTestId('restore-name')), 'Stadt Musterstadt, AGS 03241001');
  assert.match(await text(page.getByTestId('restore-last-change')), /^\d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr$/);
  assert.match(await text(page.getByTestId('restore-contents')), new RegExp(`Datei ${escape(backupFile)}$`));
  assert.equal(
    await text(page.locator('#restore-text')),
    `Ihre aktuellen Daten werden durch diese Sicherung ersetzt. Die aktuelle Datenbank wird vorher unter ${FOLDER} aufbewahrt; was Sie seit der Sicherung geändert haben, steht danach nur dort.`,
  );
  assert.equal(await dialog.getAttribute('aria-describedby'), 'restore-text');
  // The button that replaces the data looks like what it does.
  const confirm = page.locator('#restore-confirm');
  assert.equal(await text(confirm), 'Daten ersetzen');
  assert.match((await confirm.getAttribute('class')) ?? '', /button-danger/);
  // The page behind the dialog is inert: Tab stays inside the dialog.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    const inside = await page.evaluate(
      () => document.activeElement === document.body || document.activeElement?.closest('dialog') !== null,
    );
    assert.ok(inside, 'focus stays in the dialog');
  }

  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('dialog[open]') === null);
  await page.waitForFunction(() => document.activeElement?.id === 'backup-restore');
  assert.equal(await text(page.getByTestId('restore-result')), 'Abgebrochen – es wurde nichts geändert.');

  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  await tabTo(page, () => document.activeElement?.textContent?.trim() === 'Abbrechen');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('dialog[open]') === null);
  await page.waitForFunction(() => document.activeElement?.id === 'backup-restore');

  assert.equal((await calls(page, 'choose_backup')).length, 2);
  assert.deepEqual(await calls(page, 'restore_backup'), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a restore brings the data of the backup back into every view and says where the old data is', async () => {
  const { page, context, problems, bridge } = await openApp(app);
  const FOLDER = await bridge.invoke('backup_folder');
  // A backup of "Stadt Musterstadt" first, then the name is changed.
  await gotoView(page, VIEW);
  const backupFile = await backupNow(page);
  await gotoView(page, 'Profil', { back: true });
  await page.locator('#profile-name').fill('Stadt Neuhausen');
  await page.getByRole('button', { name: 'Profil speichern' }).click();
  await page.locator('.save-status', { hasText: 'Gespeichert.' }).waitFor();
  assert.match(await text(page.getByTestId('header-profile')), /^Stadt Neuhausen /);

  // The file dialog of the restore picks the backup just written; the dialog names it.
  await bridge.pick({ pick: [backupFile] });
  await gotoView(page, VIEW, { back: true });
  await openConfirm(page);
  assert.equal(await text(page.getByTestId('restore-name')), 'Stadt Musterstadt, AGS 03241001');
  await tabTo(page, () => document.activeElement?.id === 'restore-confirm');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('dialog[open]') === null);
  await page.waitForFunction(() => document.activeElement?.id === 'backup-restore');
  assert.deepEqual(await calls(page, 'restore_backup'), [null]);

  const result = page.getByTestId('restore-result');
  assert.equal(await result.getAttribute('role'), 'status');
  await result.filter({ hasText: 'wiederhergestellt' }).waitFor();
  assert.match(await text(result), /^Die Sicherung wurde wiederhergestellt\. Alle Ansichten zeigen jetzt die Daten aus der Sicherung: Stadt Musterstadt, AGS 03241001\./);
  assert.equal(await text(page.getByTestId('restore-from')), backupFile);
  assert.match(
    await text(page.getByTestId('restore-kept')),
    new RegExp(`^${FOLDER.replaceAll('.', '\\.')}/anbindungscheck-\\d{8}T\\d{6}\\.\\d{6}Z-v\\d+\\.sqlite$`),
  );
  // The earlier backup result is gone: it described data that is no longer current.
  assert.equal(await text(page.getByTestId('backup-result')), '');

  // The header and the views show the restored data.
  await page.getByTestId('header-profile').filter({ hasText: 'Stadt Musterstadt' }).waitFor();
  await gotoView(page, 'Profil', { back: true });
  await page.waitForFunction(() => document.getElementById('profile-name')?.value === 'Stadt Musterstadt');
  assert.equal(await page.locator('[role="alert"]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a refused file: the reason shows under the button before anything is asked, the data stay', async () => {
  const { page, context, problems, bridge } = await openApp(app, [standard, (b, f) => b.pick({ pick: [f.notABackup] })]);
  await gotoView(page, VIEW);
  await tabTo(page, () => document.activeElement?.id === 'backup-restore');
  await page.keyboard.press('Enter');
  const alert = page.locator('#restore-choose-error');
  await alert.waitFor();
  assert.equal(await alert.getAttribute('role'), 'alert');
  assert.equal(
    await text(alert),
    `Diese Datei kann nicht wiederhergestellt werden: Die Datei ${app.fixtures.notABackup} ist keine Datenbank von Anbindungscheck. Ihre Daten sind unverändert.`,
  );
  assert.equal(await dialogOpen(page), false, 'nothing is asked about a file that cannot be restored');
  assert.equal(await page.locator('#backup-restore').getAttribute('aria-describedby'), 'restore-choose-error');
  assert.equal(await activeId(page), 'backup-restore');
  assert.deepEqual(await calls(page, 'restore_backup'), []);
  assert.match(await text(page.getByTestId('header-profile')), /^Stadt Musterstadt /);

  // Choosing again starts without the old error.
  const backupFile = await backupNow(page);
  await bridge.pick({ pick: [backupFile] });
  await page.locator('#backup-restore').click();
  await page.waitForFunction(() => document.querySelector('dialog[open]') !== null);
  assert.equal(await page.locator('#restore-choose-error').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a cancelled file dialog asks nothing and changes nothing', async () => {
  const { page, context, problems } = await openApp(app, [standard, dialogs({ pick: [null] })]);
  await gotoView(page, VIEW);
  await page.locator('#backup-restore').click();
  await page.getByTestId('restore-result').filter({ hasText: 'Abgebrochen' }).waitFor();
  assert.equal(await text(page.getByTestId('restore-result')), 'Abgebrochen – es wurde nichts geändert.');
  assert.equal(await dialogOpen(page), false);
  assert.deepEqual(await calls(page, 'restore_backup'), []);
  assert.equal(await page.locator('[role="alert"]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
