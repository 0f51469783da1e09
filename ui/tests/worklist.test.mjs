// The checklist handed to the desk, against the real core through the UI test bridge: saved as a
// spreadsheet and as the work list to print (the bridge answers the save dialog), with the result
// announced in the status line, a cancelled dialog saying nothing, and a failed save shown as an
// error while the page keeps working.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, gotoView, openApp, screenshot, text, useApp } from './harness.mjs';

const app = useApp('worklist');

/** The text of a PDF as a reader gets it (`pdftotext`), or null where it is not installed. */
function pdfText(path) {
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  } catch (e) {
    if (e.code === 'ENOENT') return null;
    throw e;
  }
}

test('the checklist is saved as a spreadsheet and as a work list to print', async () => {
  const { page, context, problems, bridge } = await openApp(app, undefined, { bypassCSP: true });
  await gotoView(page, 'Checkliste');
  const out = (await bridge.info()).out;
  const status = page.getByTestId('checklist-exported');
  assert.equal(await status.getAttribute('role'), 'status');
  assert.equal(await text(status), '');

  // The spreadsheet: a workbook in the folder the dialog answered with, named in the status.
  await page.getByRole('button', { name: 'Als Tabelle speichern …' }).click();
  await status.filter({ hasText: 'Tabelle' }).waitFor();
  const xlsxName = /„(.+)“/.exec(await text(status))?.[1];
  assert.match(xlsxName ?? '', /^Checkliste-\d{4}-\d\d-\d\d\.xlsx$/, await text(status));
  const xlsx = readFileSync(join(out, xlsxName));
  assert.equal(xlsx.subarray(0, 2).toString(), 'PK', 'a workbook is a ZIP file');
  assert.ok(xlsx.includes('xl/worksheets/sheet1.xml'), 'the workbook has its sheet');

  // The work list, with the keyboard only: the municipality, the items and their owners.
  const print = page.getByRole('button', { name: 'Arbeitsliste drucken …' });
  await print.focus();
  await page.keyboard.press('Enter');
  await status.filter({ hasText: 'Arbeitsliste' }).waitFor();
  assert.match(await text(status), /^Die Arbeitsliste wurde gespeichert: „Arbeitsliste-\d{4}-\d\d-\d\d\.pdf“\./);
  const pdfName = /„(.+)“/.exec(await text(status))?.[1];
  const pdfPath = join(out, pdfName);
  assert.equal(readFileSync(pdfPath).subarray(0, 5).toString(), '%PDF-');
  const pdf = pdfText(pdfPath);
  if (pdf !== null) {
    for (const needle of ['Arbeitsliste', 'Stadt Musterstadt', 'Kämmerei, Herr Becker', 'Extern blockiert', 'Notizen']) {
      assert.ok(pdf.includes(needle), `${needle} missing in the work list:\n${pdf}`);
    }
  }
  const saves = (await bridge.calls()).filter((c) => c.cmd.startsWith('export_')).map((c) => c.cmd);
  assert.deepEqual(saves, ['export_checklist_xlsx', 'export_work_list']);
  await page.getByRole('heading', { name: 'Tabelle und Arbeitsliste' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'checkliste-weitergeben');

  // Cancelled: nothing is said, nothing is written.
  await bridge.pick({ save: [null] });
  await page.getByRole('button', { name: 'Als Tabelle speichern …' }).click();
  await page.getByRole('button', { name: 'Als Tabelle speichern …' }).and(page.locator(':enabled')).waitFor();
  assert.equal(await text(status), '');
  assert.equal(await page.getByRole('alert').count(), 0);

  // A folder that does not exist: the error is shown, no file is left, and the next save works.
  const missing = join(out, 'fehlt', 'Arbeitsliste.pdf');
  await bridge.pick({ save: [missing] });
  await print.click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await text(alert), /^Nicht gespeichert: /);
  assert.equal(existsSync(join(out, 'fehlt')), false);
  assert.deepEqual(await axeViolations(page, 'Checkliste mit Fehler beim Speichern'), []);
  await print.click();
  await status.filter({ hasText: 'Arbeitsliste' }).waitFor();
  assert.equal(await alert.count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
