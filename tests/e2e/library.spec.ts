import path from 'node:path';
import { expect, test, watchPage } from './bridgeFixture';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const screenshotDir = path.join(repoRoot, 'docs/screenshots');

test('imports a guideline file from the picker with progress, lists it by cancer type, and removes it', async ({ page, bridge, offsiteRequests }) => {
  test.setTimeout(180_000);
  const watched = watchPage(page);
  await page.goto(bridge.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click();
  await expect(page.getByTestId('library-empty')).toContainText('Your library is empty');

  // The bridge uploads the picked file into the data dir and core imports it from there.
  await page.getByLabel('Choose files to import').setInputFiles(path.join(repoRoot, 'guidelines/cancers/melanoma.md'));
  const live = page.getByTestId('library-import-status');
  await expect(live).toContainText(/Importing file 1 of 1: melanoma\.md|Starting the import/);
  await expect(page.getByTestId('library-import-report')).toContainText('Added 1 document: Melanoma: a starter summary.', { timeout: 150_000 });

  const group = page.getByRole('region', { name: /^Melanoma/ });
  await expect(group.getByTestId('library-document')).toContainText('Melanoma: a starter summary');
  await expect(page.getByTestId('status-documents')).toHaveText('1');
  await page.screenshot({ path: path.join(screenshotDir, 'library.png'), fullPage: true, mask: [page.getByTestId('status-data-dir')] });

  // Remove, from the keyboard, after confirming.
  await group.getByRole('button', { name: 'Remove Melanoma: a starter summary' }).click();
  await expect(page.getByRole('button', { name: 'Yes, remove it' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('library-notice')).toHaveText('Removed Melanoma: a starter summary.');
  await expect(page.getByTestId('library-empty')).toBeVisible();
  await expect(page.getByTestId('status-documents')).toHaveText('0');

  expect(watched.errors).toEqual([]);
  expect(offsiteRequests).toEqual([]);
});
