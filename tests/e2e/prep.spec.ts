import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { pdfText as readPdfText } from '../support/pdfText';
import { expect, test, watchPage } from './bridgeFixture';

const screenshotDir = path.resolve(import.meta.dirname, '../../docs/screenshots');
const PASSPHRASE = 'blue heron at dawn';
const QUESTION = 'How often will I have scans after surgery?';
const SECOND = 'Can I keep working during treatment?';
const NOTE = 'Bring the CT report from March';

/** The PDF's text on one line. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await readPdfText(bytes)).replace(/\s+/g, ' ');
}

/** The bridge has no keychain: the records open with a passphrase typed in the notice (the first time, it is chosen). */
async function openRecords(page: Page) {
  const notice = page.getByRole('region', { name: 'Your records are locked' });
  await expect(notice).toBeVisible();
  await notice.getByLabel('Choose a passphrase for your records').fill(PASSPHRASE);
  await notice.getByRole('button', { name: 'Open my records' }).click();
  await expect(notice).toBeHidden();
}

test('adds questions and a note, reorders them, and exports the list as a PDF with them in it', async ({ page, bridge, offsiteRequests }) => {
  const watched = watchPage(page);
  await page.goto(bridge.url);
  const mask = [page.getByTestId('status-data-dir')];
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Appointment prep' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Appointment prep');
  await openRecords(page);
  await expect(page.getByTestId('appointment-empty')).toContainText('No questions yet.');

  // Add two questions with the keyboard.
  const form = page.getByRole('form', { name: 'Add my own question' });
  const box = form.getByRole('textbox', { name: 'Your question' });
  await box.fill(QUESTION);
  await box.press('Enter');
  await box.fill(SECOND);
  await box.press('Enter');
  const list = page.getByRole('list', { name: 'My appointment questions' });
  await expect(list.getByRole('heading', { level: 3 })).toHaveText([QUESTION, SECOND]);

  // Reorder from the keyboard: the focus stays on the button that was pressed.
  const moveDown = list.getByRole('listitem').filter({ hasText: QUESTION }).getByRole('button', { name: 'Move down' });
  await moveDown.focus();
  await page.keyboard.press('Enter');
  await expect(list.getByRole('heading', { level: 3 })).toHaveText([SECOND, QUESTION]);
  await expect(list.getByRole('listitem').filter({ hasText: QUESTION }).getByRole('button', { name: 'Move down' })).toBeFocused();

  // A note, saved on leaving the field.
  const item = list.getByRole('listitem').filter({ hasText: QUESTION });
  await item.getByRole('textbox', { name: 'My note' }).fill(NOTE);
  await item.getByRole('textbox', { name: 'My note' }).press('Tab');
  await expect(item.getByRole('button', { name: 'Note saved' })).toBeVisible();

  // Export: the PDF comes as a download; its text holds the questions and the note.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save as PDF' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^cairn-questions-\d{4}-\d{2}-\d{2}\.pdf$/);
  const bytes = new Uint8Array(fs.readFileSync(await download.path()));
  expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  const text = await pdfText(bytes);
  expect(text).toContain(QUESTION);
  expect(text).toContain(SECOND);
  expect(text).toContain(NOTE);
  expect(text.indexOf(SECOND)).toBeLessThan(text.indexOf(QUESTION));
  await expect(page.getByRole('status').filter({ hasText: 'Saved your list as' })).toHaveText(`Saved your list as ${download.suggestedFilename()}.`);

  await page.screenshot({ path: path.join(screenshotDir, 'prep.png'), mask, fullPage: true });

  // The list is kept in the records: it is still there after a reload (the bridge keeps them open).
  await page.reload();
  await nav.getByRole('button', { name: 'Appointment prep' }).click();
  await expect(list.getByRole('heading', { level: 3 })).toHaveText([SECOND, QUESTION]);
  await expect(list.getByRole('listitem').filter({ hasText: QUESTION }).getByRole('textbox', { name: 'My note' })).toHaveValue(NOTE);

  // 200% text: the screen reflows without sideways scrolling.
  await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
  const overflow = await page.locator('.prep-screen').evaluate((element) => element.scrollWidth - element.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await page.evaluate(() => (document.documentElement.style.fontSize = ''));

  // History: kept with the records; empty here (no question was asked in this session).
  await nav.getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('History');
  await expect(page.getByTestId('history-empty')).toContainText('No past answers yet.');
  await expect(page.getByRole('searchbox', { name: 'Search past answers' })).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'history.png'), mask });

  expect(watched.errors).toEqual([]);
  expect(offsiteRequests).toEqual([]);
});
