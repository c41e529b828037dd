import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { test as base, expect, type Page, type Request } from '@playwright/test';

const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface Bridge {
  url: string;
  dataDir: string;
}

/**
 * Starts the real core behind the HTTP bridge (`scripts/bridge/serve.ts`) on a fresh data dir, and
 * records every request the page makes: anything not on 127.0.0.1 is aborted and fails the test.
 * `libraryBridge` is the same on a data dir whose library already holds `libraryFiles` (imported
 * with the command line, without the built-in pack), for screens that need guidelines to answer from.
 */
export const test = base.extend<{ bridge: Bridge; libraryFiles: string[]; libraryBridge: Bridge; offsiteRequests: string[] }>({
  // Playwright reads the fixture's dependencies from this (empty) destructuring pattern.
  // eslint-disable-next-line no-empty-pattern
  bridge: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-e2e-'));
    await runBridge(dataDir, use);
  },
  libraryFiles: [['guidelines/cancers/melanoma.md'], { option: true }],
  libraryBridge: [
    async ({ libraryFiles }, use) => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-e2e-'));
      try {
        await execFileAsync(process.execPath, ['--import', 'tsx', 'scripts/cairn.ts', '--data-dir', dataDir, 'library', 'import', ...libraryFiles], {
          cwd: repoRoot,
          env: { ...process.env, CAIRN_BUILTIN_PACK: 'none' },
        });
      } catch (error) {
        fs.rmSync(dataDir, { recursive: true, force: true });
        throw error;
      }
      await runBridge(dataDir, use);
    },
    // Importing embeds every passage: more time than the test itself needs.
    { timeout: 180_000 },
  ],
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

const execFileAsync = promisify(execFile);

/** Serves `dataDir` with the bridge for the length of a test, then stops it and removes the data dir. */
async function runBridge(dataDir: string, use: (bridge: Bridge) => Promise<void>): Promise<void> {
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
}

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
