import path from 'node:path';
import { expect, test, watchPage } from './bridgeFixture';

const screenshotDir = path.resolve(import.meta.dirname, '../../docs/screenshots');
const QUESTION = 'Is surgery an option for metastatic melanoma?';

// The library holds guidelines/cancers/melanoma.md (the `libraryBridge` default); the first
// question also loads the embedder in the bridge process.
test.setTimeout(120_000);

test('asks a question in Chromium and reads the answer, its sources and passages from the real core', async ({ page, libraryBridge, offsiteRequests }) => {
  const watched = watchPage(page);
  await page.goto(libraryBridge.url);
  const mask = [page.getByTestId('status-data-dir')];
  await expect(page.getByTestId('status-documents')).toHaveText('1');

  // Suggested questions come from the library's cancer types.
  const suggestions = page.getByRole('region', { name: 'Suggested questions' });
  await expect(suggestions).toContainText('About Melanoma:');
  await expect(suggestions.getByRole('button', { name: QUESTION })).toBeVisible();

  // Keyboard: type the question and press Enter.
  const box = page.getByRole('textbox', { name: 'Your question' });
  await box.fill(QUESTION);
  await box.press('Enter');

  const answer = page.getByRole('article', { name: 'Surgery for Metastatic Melanoma' });
  await expect(answer).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('ask-status')).toHaveText('The answer is ready: Surgery for Metastatic Melanoma.');
  await expect(answer.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(answer.getByTestId('answer-notice')).toContainText('For informational purposes only');
  await expect(answer.getByTestId('answer-notice')).toContainText('It is not medical advice.');
  await expect(answer).toContainText('Short answer:');
  expect(await answer.getByRole('heading', { level: 3 }).count()).toBeGreaterThanOrEqual(4);
  await expect(answer.getByRole('heading', { level: 3, name: 'Questions to ask your oncology team' })).toBeVisible();
  await expect(answer.getByRole('heading', { level: 3, name: 'Key takeaway' })).toBeVisible();
  const sources = answer.getByRole('region', { name: 'Sources' }).getByRole('listitem');
  expect(await sources.count()).toBeGreaterThan(0);
  await expect(sources.first()).toContainText('Melanoma: a starter summary, section “');
  await expect(answer.getByTestId('answer-footer')).toContainText('This information is for educational purposes only.');
  await expect(answer.getByRole('heading', { level: 3, name: 'Related resources' })).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'ask-answer.png'), mask, fullPage: true });

  // A source opens its passage, with its document and section; Escape closes it and returns the focus.
  const firstSource = sources.first().getByRole('button');
  const sourceLabel = (await firstSource.textContent()) ?? '';
  const section = /section “(.+?)”/.exec(sourceLabel)?.[1];
  expect(section, sourceLabel).toBeTruthy();
  const excerpt = (await sources.first().locator('blockquote').textContent()) ?? '';
  await firstSource.click();
  const dialog = page.getByRole('dialog', { name: 'Source 1: Melanoma: a starter summary' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('passage-section')).toHaveText(section!);
  await expect(dialog.getByTestId('passage-text')).toContainText(excerpt.replace(/…$/, '').slice(0, 60));
  await expect(dialog).toContainText('Cairn starter pack');
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.screenshot({ path: path.join(screenshotDir, 'ask-source.png'), mask });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(firstSource).toBeFocused();

  // A citation marker in the text opens the passage it cites, from the keyboard.
  const marker = answer.getByRole('button', { name: /^Source \d+$/ }).first();
  const cited = (await marker.getAttribute('aria-label'))!;
  await marker.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: new RegExp(`^${cited}: `) })).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).press('Enter');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(marker).toBeFocused();

  // A question goes to the appointment list and shows on the Appointment prep screen.
  const questions = answer.getByRole('region', { name: 'Questions to ask your oncology team' });
  const firstQuestion = (await questions.locator('.question-text').first().textContent())!;
  await questions.getByRole('button', { name: 'Add to my appointment list' }).first().click();
  await expect(questions.getByRole('button', { name: 'Added' })).toHaveCount(1);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Appointment prep' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Appointment prep');
  await expect(page.getByRole('list', { name: 'My appointment questions' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'My appointment questions' })).toContainText(firstQuestion);

  expect(watched.errors).toEqual([]);
  expect(offsiteRequests).toEqual([]);
});

test('the answer and the passage fit a window zoomed to 200%', async ({ page, libraryBridge, offsiteRequests }) => {
  const watched = watchPage(page);
  // 200% browser zoom in a 1280-pixel window leaves 640 CSS pixels.
  await page.setViewportSize({ width: 640, height: 430 });
  await page.goto(libraryBridge.url);
  await expect(page.getByTestId('status-documents')).toHaveText('1');
  await page.getByRole('region', { name: 'Suggested questions' }).getByRole('button', { name: QUESTION }).click();
  const answer = page.getByRole('article', { name: 'Surgery for Metastatic Melanoma' });
  await expect(answer).toBeVisible({ timeout: 90_000 });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await answer.getByRole('region', { name: 'Sources' }).getByRole('button').first().click();
  await expect(page.getByRole('dialog').getByTestId('passage-text')).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  // A click on the backdrop, beside the dialog, closes it.
  await page.mouse.click(4, 200);
  await expect(page.getByRole('dialog')).toBeHidden();
  expect(watched.errors).toEqual([]);
  expect(offsiteRequests).toEqual([]);
});
