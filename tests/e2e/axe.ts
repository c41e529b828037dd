import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './bridgeFixture';

/** The WCAG 2.1 A and AA rules axe-core runs. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core on the page as it is and soft-asserts that no rule of impact serious or critical
 * fails, printing each one with the elements it found (axe is injected with Playwright's evaluate,
 * which the page's CSP does not apply to, and needs no network).
 */
export async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const report = serious
    .map((violation) => {
      const nodes = violation.nodes.map((node) => `    ${node.target.join(' ')}\n      ${node.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`);
      return `  [${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})\n${nodes.join('\n')}`;
    })
    .join('\n');
  expect.soft(serious.length, `axe: serious or critical violations on ${screen}:\n${report}`).toBe(0);
}

/**
 * With the root text at 200% (a CSSOM property, which the CSP allows, unlike a style attribute),
 * soft-asserts that the page does not scroll sideways and that nothing in the main area or the
 * status panel overlaps the navigation; then puts the text size back.
 */
export async function expectFitsAt200Percent(page: Page, screen: string, { checkOverlap = true } = {}): Promise<void> {
  await page.evaluate(() => {
    document.documentElement.style.fontSize = '200%';
  });
  try {
    const layout = await page.evaluate(() => {
      const scroller = document.scrollingElement ?? document.documentElement;
      const nav = document.querySelector('nav[aria-label="Main"]')!.getBoundingClientRect();
      const overlapping: string[] = [];
      for (const element of document.querySelectorAll('header *, main *, aside *')) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        const style = getComputedStyle(element);
        if (style.visibility === 'hidden' || style.position === 'fixed') continue;
        if (element.closest('dialog, [role="dialog"]')) continue;
        const overlaps = box.left < nav.right - 1 && box.right > nav.left + 1 && box.top < nav.bottom - 1 && box.bottom > nav.top + 1;
        if (overlaps) overlapping.push(`${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).replace(/ /g, '.')}` : ''}: ${(element.textContent ?? '').slice(0, 40)}`);
      }
      return { scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth, overlapping: overlapping.slice(0, 10) };
    });
    expect.soft(layout.scrollWidth, `${screen} at 200% text scrolls sideways (${layout.scrollWidth} > ${layout.clientWidth})`).toBeLessThanOrEqual(layout.clientWidth + 1);
    if (checkOverlap) expect.soft(layout.overlapping, `${screen} at 200% text: elements overlap the navigation`).toEqual([]);
  } finally {
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '';
    });
  }
}

/**
 * Tabs through the page from the top (up to `limit` stops) and soft-asserts that every element
 * that takes the focus shows it (an outline or a box shadow) and has an accessible name or label.
 */
export async function expectVisibleFocusOnTab(page: Page, screen: string, limit = 40): Promise<void> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const problems: string[] = [];
  const seen = new Set<string>();
  for (let stop = 0; stop < limit; stop += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return null;
      const style = getComputedStyle(element);
      const shown = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      const id = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} “${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}”`;
      return { id, path: Array.from(document.querySelectorAll('*')).indexOf(element), shown };
    });
    if (!focused) break;
    if (seen.has(`${focused.path}`)) break;
    seen.add(`${focused.path}`);
    if (!focused.shown) problems.push(focused.id);
  }
  expect.soft(seen.size, `${screen}: nothing takes the keyboard focus`).toBeGreaterThan(0);
  expect.soft(problems, `${screen}: focused without a visible focus indicator`).toEqual([]);
}
