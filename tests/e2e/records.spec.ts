import path from 'node:path';
import { expect, test, watchPage } from './bridgeFixture';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const screenshotDir = path.join(repoRoot, 'docs/screenshots');
const note = path.join(repoRoot, 'tests/fixtures/records/melanoma-oncology-note-2026-01.txt');
const passphrase = 'granite kettle orchard';

test('My records: set a passphrase, add a record, review and correct it, then delete everything', async ({ page, bridge, offsiteRequests }) => {
  test.setTimeout(120_000);
  const watched = watchPage(page);
  await page.goto(bridge.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'My records' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My records');

  // The bridge has no keychain: a new passphrase, typed twice.
  await expect(page.getByRole('heading', { name: 'Set up your records' })).toBeVisible();
  await expect(page.getByText(/encrypted and kept only on this computer/)).toBeVisible();
  await page.getByLabel('Choose a passphrase').fill(passphrase);
  await page.getByLabel('Type the passphrase again').fill(passphrase);
  await page.getByRole('button', { name: 'Protect and open my records' }).click();
  await expect(page.getByRole('heading', { name: 'Add records' })).toBeVisible();

  // The file goes through the bridge's upload, then core reads it.
  await page.getByLabel('Choose record files to add').setInputFiles(note);
  const uploads = page.getByTestId('records-uploads');
  await expect(uploads).toContainText(/melanoma-oncology-note-2026-01\.txt: Found: cancer type, stage/, { timeout: 60_000 });
  await expect(page.getByRole('table', { name: 'Record files on this computer' })).toContainText('melanoma-oncology-note-2026-01.txt');

  const cancerType = page.getByTestId('field-cancerType');
  await expect(cancerType.getByTestId('field-value')).toContainText(/melanoma/i);
  const stage = page.getByTestId('field-stage');
  await expect(stage.getByTestId('field-value')).toHaveText('IV');
  await expect(stage.getByTestId('field-source')).toContainText('from melanoma-oncology-note-2026-01.txt');
  await expect(stage.getByTestId('field-checked')).toHaveText('Not checked yet');
  await stage.getByText('Show where this comes from').click();
  await expect(stage.locator('blockquote').first()).toContainText(/stage IV/i);

  // Correct the stage from the keyboard.
  await stage.getByRole('button', { name: 'Edit Stage' }).click();
  const box = stage.getByLabel('New value for Stage');
  await expect(box).toBeFocused();
  await box.fill('IVA');
  await box.press('Enter');
  await expect(stage.getByTestId('field-value')).toHaveText('IVA');
  await expect(stage.getByTestId('field-source')).toHaveText('Source: you');
  await expect(stage.getByTestId('field-checked')).toHaveText('✓ Checked');
  await page.screenshot({ path: path.join(screenshotDir, 'records.png'), fullPage: true, mask: [page.getByTestId('status-data-dir')] });

  // Delete all: only after ticking the box.
  await page.getByRole('button', { name: 'Delete all my data…' }).click();
  const everything = page.getByRole('button', { name: 'Delete everything' });
  await expect(everything).toBeDisabled();
  await page.getByRole('checkbox', { name: /I understand/ }).check();
  await everything.click();
  await expect(page.getByRole('status').filter({ hasText: 'All your data was deleted' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Set up your records' })).toBeVisible();

  expect(watched.errors).toEqual([]);
  expect(offsiteRequests).toEqual([]);
});
