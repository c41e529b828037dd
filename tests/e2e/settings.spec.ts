import path from 'node:path';
import { expect, test, watchPage } from './bridgeFixture';

const screenshotDir = path.resolve(import.meta.dirname, '../../docs/screenshots');

test('Settings: no network requests, the data folder, and the largest text without horizontal scrolling', async ({ page, bridge, offsiteRequests }) => {
  const watched = watchPage(page);
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto(bridge.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');

  await expect(page.getByTestId('privacy-empty')).toHaveText('Cairn has not made any network request.');
  await expect(page.getByTestId('settings-data-dir')).toHaveText(bridge.dataDir);
  await expect(page.getByRole('region', { name: 'Models' })).toContainText('Cairn works without a model');
  await expect(page.getByTestId('models-active')).toContainText('No model is in use');
  await expect(page.getByTestId('models-catalog')).toContainText('Qwen2.5 1.5B Instruct');

  const rootFontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const before = await rootFontSize();
  await page.getByRole('radio', { name: 'Largest (150%)' }).check();
  await expect(page.locator('html')).toHaveClass(/text-size-largest/);
  expect(await rootFontSize()).toBeCloseTo(before * 1.5, 0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'the page scrolls sideways at the largest text size').toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(screenshotDir, 'settings.png'), fullPage: true, mask: [page.getByTestId('status-data-dir'), page.getByTestId('settings-data-dir')] });

  // The choice is kept: after a reload the root is still at the largest size.
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/text-size-largest/);
  expect(await rootFontSize()).toBeCloseTo(before * 1.5, 0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click();
  const libraryOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(libraryOverflow, 'the Library scrolls sideways at the largest text size').toBeLessThanOrEqual(0);

  expect(watched.errors).toEqual([]);
  expect(offsiteRequests).toEqual([]);
});
