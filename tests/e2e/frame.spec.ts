import path from 'node:path';
import { expect, test, watchPage } from './bridgeFixture';

const screenshotDir = path.resolve(import.meta.dirname, '../../docs/screenshots');

test('the Cairn frame loads in Chromium and shows status from the real core', async ({ page, bridge, offsiteRequests }) => {
  const watched = watchPage(page);
  await page.goto(bridge.url);

  await expect(page.getByRole('banner')).toContainText('Cairn');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const label of ['Ask', 'Library', 'My records', 'Appointment prep', 'History', 'Settings']) {
    await expect(nav.getByRole('button', { name: label, exact: true })).toBeVisible();
  }
  // The status view is filled by core through the bridge.
  await expect(page.getByTestId('status-data-dir')).toHaveText(bridge.dataDir);
  await expect(page.getByTestId('status-documents')).toHaveText('0');
  await expect(page.getByTestId('status-chunks')).toHaveText('0');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ask');
  await page.screenshot({ path: path.join(screenshotDir, 'frame-ask.png'), mask: [page.getByTestId('status-data-dir')] });

  await nav.getByRole('button', { name: 'Library' }).click();
  await expect(page.getByRole('button', { name: 'Library' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('library-empty')).toContainText('Your library is empty');
  await page.screenshot({ path: path.join(screenshotDir, 'frame-library.png'), mask: [page.getByTestId('status-data-dir')] });

  // Keyboard: Tab reaches the navigation and Enter switches screens.
  await page.getByRole('button', { name: 'Settings' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');

  expect(watched.errors).toEqual([]);
  expect(offsiteRequests).toEqual([]);
});

test('the page runs under the strict Content-Security-Policy and without Node', async ({ page, bridge }) => {
  const response = await page.goto(bridge.url);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByTestId('status-documents')).toHaveText('0');
  const probe = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective));
    const inline = document.createElement('script');
    inline.textContent = 'window.__inline = true';
    document.head.appendChild(inline);
    const remote = document.createElement('img');
    remote.src = 'https://example.com/pixel.png';
    document.body.appendChild(remote);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const page = window as { __inline?: boolean; require?: unknown; process?: unknown };
    return { inlineScriptRan: page.__inline === true, violations: [...new Set(violations)].sort(), hasRequire: 'require' in page, hasProcess: 'process' in page };
  });
  expect(probe).toEqual({ inlineScriptRan: false, violations: ['img-src', 'script-src-elem'], hasRequire: false, hasProcess: false });
});

test('the bridge refuses calls without the token', async ({ page, bridge }) => {
  await page.goto(bridge.url);
  const origin = new URL(bridge.url).origin;
  const status = await page.evaluate(async (base) => {
    const response = await fetch(`${base}/api/invoke`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'app/status' }) });
    return response.status;
  }, origin);
  expect(status).toBe(401);
});
