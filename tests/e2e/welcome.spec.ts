import path from 'node:path';
import { expect, test, watchPage } from './bridgeFixture';

const screenshotDir = path.resolve(import.meta.dirname, '../../docs/screenshots');

test('first run: the welcome says what stays here and what is installed, Start closes it for good', async ({ page, bridge, offsiteRequests }) => {
  const watched = watchPage(page);
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto(bridge.url);

  const welcome = page.getByRole('region', { name: 'Welcome to Cairn' });
  await expect(welcome).toBeVisible();
  // The Ask screen is below it, as usual.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ask');
  await expect(welcome.getByTestId('welcome-privacy')).toContainText('Nothing is sent anywhere.');
  // A fresh data folder from the bridge: no pack imported yet, no index, no answer model.
  await expect(welcome.getByTestId('welcome-pack')).toHaveText('Not installed. Add guidelines in the Library.');
  await expect(welcome.getByTestId('welcome-embedder')).toContainText('It indexes the guidelines on this computer');
  await expect(welcome.getByTestId('welcome-model')).toHaveText('None. Cairn answers in extractive mode, with sentences from the guidelines, each cited.');
  await expect(welcome.getByTestId('welcome-recommended')).toContainText(/Recommended: .+, a download of about [\d.]+ [GM]B, needs about \d+ GB of memory\./);
  await expect(welcome.getByTestId('welcome-resume')).toContainText('continues where it stopped');
  await expect(welcome.getByRole('button', { name: /^Download( without a checksum)?: / }).first()).toBeEnabled();
  await expect(welcome.getByLabel('Choose a GGUF model file')).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'welcome.png'), fullPage: true, mask: [page.getByTestId('status-data-dir')] });

  await welcome.getByRole('button', { name: 'Start using Cairn' }).click();
  await expect(welcome).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Your question' })).toBeFocused();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ask');
  await expect(page.getByTestId('status-documents')).toHaveText('0');
  await expect(page.getByRole('region', { name: 'Welcome to Cairn' })).toHaveCount(0);

  expect(watched.errors).toEqual([]);
  expect(offsiteRequests).toEqual([]);
});
