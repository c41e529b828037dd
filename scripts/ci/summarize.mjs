// Prints one closing line for CI, "N passed, N failed", from the JSON reports `npm test` wrote.
import fs from 'node:fs';

const counts = { passed: 0, failed: 0, skipped: 0 };

/** @param {string} file @returns {any} */
function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const vitest = read('reports/vitest.json');
if (vitest) {
  counts.passed += vitest.numPassedTests;
  counts.failed += vitest.numFailedTests;
  counts.skipped += vitest.numPendingTests + vitest.numTodoTests;
}

const playwright = read('reports/playwright.json');
if (playwright) {
  counts.passed += playwright.stats.expected;
  counts.failed += playwright.stats.unexpected + playwright.stats.flaky;
  counts.skipped += playwright.stats.skipped;
}

if (!vitest || !playwright) counts.failed += 1; // a missing report means a suite did not finish
process.stdout.write(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
process.exitCode = counts.failed > 0 || counts.passed === 0 ? 1 : 0;
