import path from 'node:path';
import type { Page } from '@playwright/test';
import { expectFitsAt200Percent, expectNoSeriousViolations, expectVisibleFocusOnTab } from './axe';
import { expect, test, watchPage } from './bridgeFixture';

const note = path.resolve(import.meta.dirname, '../fixtures/records/melanoma-oncology-note-2026-01.txt');
const PASSPHRASE = 'lantern meadow quartz';
const QUESTION = 'Is surgery an option for metastatic melanoma?';

/** axe-core's WCAG 2.1 A/AA rules, the 200% text layout check and (outside dialogs) a Tab walk for visible focus, on the screen as it is. */
async function check(page: Page, screen: string, { dialog = false } = {}) {
  await test.step(screen, async () => {
    await expectNoSeriousViolations(page, screen);
    await expectFitsAt200Percent(page, screen, { checkOverlap: !dialog });
    if (!dialog) await expectVisibleFocusOnTab(page, screen);
  });
}

async function open(page: Page, label: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(label);
}

test('every screen passes axe-core (WCAG 2.1 AA: no serious or critical violations) and fits 200% text at 1280 px', async ({ page, libraryBridge, offsiteRequests }) => {
  test.setTimeout(240_000);
  const watched = watchPage(page);
  await page.goto(libraryBridge.url);
  await expect(page.getByTestId('status-documents')).toHaveText('1');

  await check(page, 'Ask');
  const box = page.getByRole('textbox', { name: 'Your question' });
  await box.fill(QUESTION);
  await box.press('Enter');
  const answer = page.getByRole('article', { name: 'Surgery for Metastatic Melanoma' });
  await expect(answer).toBeVisible({ timeout: 90_000 });
  await check(page, 'Ask with an answer');

  await answer.getByRole('region', { name: 'Sources' }).getByRole('button').first().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('passage-text')).toBeVisible();
  await check(page, 'Ask with the source dialog open', { dialog: true });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await open(page, 'Library');
  await check(page, 'Library');

  await open(page, 'My records');
  await expect(page.getByRole('heading', { name: 'Set up your records' })).toBeVisible();
  await check(page, 'My records, locked');
  await page.getByLabel('Choose a passphrase').fill(PASSPHRASE);
  await page.getByLabel('Type the passphrase again').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Protect and open my records' }).click();
  await page.getByLabel('Choose record files to add').setInputFiles(note);
  await expect(page.getByTestId('records-uploads')).toContainText(/Found: cancer type, stage/, { timeout: 60_000 });
  await expect(page.getByRole('table', { name: 'Record files on this computer' })).toContainText('melanoma-oncology-note-2026-01.txt');
  await check(page, 'My records, open with a record');

  await open(page, 'Appointment prep');
  await expect(page.getByRole('region', { name: 'Your records are locked' })).toHaveCount(0);
  await check(page, 'Appointment prep');

  await open(page, 'History');
  await check(page, 'History');

  await open(page, 'Settings');
  await check(page, 'Settings');

  expect(watched.errors).toEqual([]);
  expect(offsiteRequests).toEqual([]);
});
