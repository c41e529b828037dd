import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeTextGuidelinePdf } from '../../scripts/fixtures/guidelinePdfs';
import { expect, test as base, watchPage } from './bridgeFixture';

const screenshotDir = path.resolve(import.meta.dirname, '../../docs/screenshots');
const QUESTION = 'Is surgery an option for metastatic melanoma?';
const TITLE = 'Melanoma: Treatment Guide';

/** The library holds one imported PDF: the 3-page test guideline, written to a temp folder first. */
const test = base.extend<{ libraryFiles: string[] }>({
  // Playwright reads the fixture's dependencies from this (empty) destructuring pattern.
  // eslint-disable-next-line no-empty-pattern
  libraryFiles: async ({}, use) => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-e2e-pdf-'));
    try {
      const file = path.join(folder, 'melanoma-treatment-guide.pdf');
      fs.writeFileSync(file, await makeTextGuidelinePdf());
      await use([file]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  },
});

test.setTimeout(120_000);

test('a source from an imported PDF opens its passage with the page as printed, and pages through the PDF', async ({ page, libraryBridge, offsiteRequests }) => {
  const watched = watchPage(page);
  await page.goto(libraryBridge.url);
  const mask = [page.getByTestId('status-data-dir')];
  await expect(page.getByTestId('status-documents')).toHaveText('1');

  const box = page.getByRole('textbox', { name: 'Your question' });
  await box.fill(QUESTION);
  await box.press('Enter');
  await expect(page.getByTestId('ask-status')).toContainText('The answer is ready', { timeout: 90_000 });
  const answer = page.getByRole('article');
  const sources = answer.getByRole('region', { name: 'Sources' }).getByRole('listitem');
  await expect(sources.first()).toContainText(TITLE);

  await sources.first().getByRole('button').click();
  const dialog = page.getByRole('dialog', { name: `Source 1: ${TITLE}` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('passage-text')).not.toBeEmpty();
  const pdfPage = dialog.getByRole('region', { name: 'The page in the PDF' });
  const number = pdfPage.getByTestId('pdf-page-number');
  await expect(number).toHaveText(/^Page [1-3] of 3$/);
  const first = Number(/^Page (\d)/.exec((await number.textContent()) ?? '')?.[1]);
  await expect(dialog).toContainText(`Page${first}`);

  const image = pdfPage.getByRole('img', { name: new RegExp(`^Page ${first} of 3 of “${TITLE}”, as printed in the PDF`) });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(918);
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalHeight)).toBe(1188);
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.screenshot({ path: path.join(screenshotDir, 'ask-source-pdf.png'), mask });

  // Next or Previous page draws another page; "Back to page N" returns to the passage's page.
  const step = first < 3 ? 'Next page' : 'Previous page';
  const other = first < 3 ? first + 1 : first - 1;
  await pdfPage.getByRole('button', { name: step }).click();
  await expect(number).toHaveText(`Page ${other} of 3`);
  await expect(pdfPage.getByRole('img', { name: new RegExp(`^Page ${other} of 3`) })).toBeVisible();
  await pdfPage.getByRole('button', { name: `Back to page ${first}` }).click();
  await expect(number).toHaveText(`Page ${first} of 3`);
  await expect(pdfPage.getByRole('img', { name: new RegExp(`^Page ${first} of 3`) })).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(watched.errors).toEqual([]);
  expect(offsiteRequests).toEqual([]);
});
