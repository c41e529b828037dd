import path from 'node:path';
import { expect, test, watchPage } from './bridgeFixture';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const screenshotDir = path.join(repoRoot, 'docs/screenshots');
const note = path.join(repoRoot, 'tests/fixtures/records/melanoma-oncology-note-2026-01.txt');
const passphrase = 'granite kettle orchard';
const QUESTION = 'Is surgery an option for metastatic melanoma?';

// The library holds guidelines/cancers/melanoma.md (the `libraryBridge` default); reading the note
// and the first question load the models in the bridge process.
test.setTimeout(180_000);

test('upload a record, edit a field, then ask a personalized question', async ({ page, libraryBridge, offsiteRequests }) => {
  const watched = watchPage(page);
  await page.goto(libraryBridge.url);
  const mask = [page.getByTestId('status-data-dir')];
  await expect(page.getByTestId('status-documents')).toHaveText('1');
  const nav = page.getByRole('navigation', { name: 'Main' });

  // My records: a new passphrase, then the oncology note.
  await nav.getByRole('button', { name: 'My records' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My records');
  await expect(page.getByRole('heading', { name: 'Set up your records' })).toBeVisible();
  await page.getByLabel('Choose a passphrase').fill(passphrase);
  await page.getByLabel('Type the passphrase again').fill(passphrase);
  await page.getByRole('button', { name: 'Protect and open my records' }).click();
  await expect(page.getByRole('heading', { name: 'Add records' })).toBeVisible();

  await page.getByLabel('Choose record files to add').setInputFiles(note);
  await expect(page.getByTestId('records-uploads')).toContainText(/melanoma-oncology-note-2026-01\.txt: Found: cancer type, stage/, { timeout: 60_000 });
  const stage = page.getByTestId('field-stage');
  await expect(stage.getByTestId('field-value')).toHaveText('IV');

  // The person corrects the stage: the answer must use their value, not the extracted one.
  await stage.getByRole('button', { name: 'Edit Stage' }).click();
  const box = stage.getByLabel('New value for Stage');
  await expect(box).toBeFocused();
  await box.fill('IVA');
  await box.press('Enter');
  await expect(stage.getByTestId('field-value')).toHaveText('IVA');
  await expect(stage.getByTestId('field-source')).toHaveText('Source: you');

  // Ask, with the records open.
  await nav.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ask');
  const question = page.getByRole('textbox', { name: 'Your question' });
  await question.fill(QUESTION);
  await question.press('Enter');

  const answer = page.getByRole('article', { name: 'Surgery for Metastatic Melanoma' });
  await expect(answer).toBeVisible({ timeout: 90_000 });
  await expect(answer.getByRole('heading', { level: 2 })).toBeFocused();

  // The chip names the person's own values (core/answer/profile.ts `profileFacts`).
  const chip = answer.getByTestId('personalization');
  await expect(chip).toBeVisible();
  await expect(chip).toContainText(/^Personalized to: /);
  await expect(chip).toContainText(/melanoma/i);
  await expect(chip).toContainText('stage IVA');
  await expect(chip).toContainText('BRAF V600E');
  await expect(chip).not.toContainText(/stage IV(?!A)/);

  // Important context starts from what the records say (a plain section, found by its heading).
  const context = answer.locator('section').filter({ has: page.getByRole('heading', { level: 3, name: 'Important context', exact: true }) });
  await expect(context).toContainText('What your records say, and what your team will weigh:');
  await expect(context.getByRole('listitem').filter({ hasText: /^Your stage: IVA\b/ })).toHaveCount(1);
  await expect(context).toContainText('Your BRAF result: positive (V600E).');

  // The records are in: the footer no longer invites adding them.
  const footer = answer.getByTestId('answer-footer');
  await expect(footer).toContainText('This information is for educational purposes only.');
  await expect(footer).not.toContainText('Add your records');
  // The answer alone: the rest of the Ask screen (welcome, suggestions) is covered by other screenshots.
  await answer.screenshot({ path: path.join(screenshotDir, 'ask-personalized.png'), mask });

  // History is kept while the records are open: the question is listed.
  await nav.getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('History');
  const entries = page.getByRole('list', { name: 'Past answers' }).getByRole('listitem');
  await expect(entries).toHaveCount(1);
  await expect(entries.first().getByRole('heading', { level: 2 })).toHaveText(QUESTION);
  await expect(entries.first()).toContainText('Surgery for Metastatic Melanoma');

  expect(watched.errors).toEqual([]);
  expect(offsiteRequests).toEqual([]);
});
