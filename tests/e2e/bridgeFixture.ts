import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { test as base, expect, type Page, type Request } from '@playwright/test';

const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface Bridge {
  url: string;
  dataDir: string;
}

/**
 * Starts the real core behind the HTTP bridge (`scripts/bridge/serve.ts`) on a fresh data dir, and
 * records every request the page makes: anything not on 127.0.0.1 is aborted and fails the test.
 */
export const test = base.extend<{ bridge: Bridge; offsiteRequests: string[] }>({
  // Playwright reads the fixture's dependencies from this (empty) destructuring pattern.
  // eslint-disable-next-line no-empty-pattern
  bridge: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-e2e-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bridge/serve.ts', '--data-dir', dataDir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const first = await firstLine(child);
      await use(JSON.parse(first) as Bridge);
    } finally {
      child.kill('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
  offsiteRequests: async ({ page }, use) => {
    const offsite: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      offsite.push(url.href);
      return route.abort('blockedbyclient');
    });
    await use(offsite);
    expect(offsite, 'the page tried to reach the network').toEqual([]);
  },
});

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`The bridge exited with code ${code} before it was ready.`)));
  });
}

/** Collects console errors and failed requests, so a broken page fails loudly. */
export function watchPage(page: Page): { errors: string[] } {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('requestfailed', (request: Request) => errors.push(`${request.url()}: ${request.failure()?.errorText}`));
  return { errors };
}

export { expect };
