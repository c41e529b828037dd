import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createHandlers } from '../../core/api';
import { Cairn } from '../../core/cairn';
import { describeError } from '../../core/errors';
import { resolveDataDir } from '../../core/paths';
import { RecordsSession } from '../../core/records/recordsSession';
import { startBridgeServer } from './server';

/**
 * `npm run bridge [-- --data-dir DIR]`: the real renderer against the real core in any browser.
 * Prints one JSON line `{"url": ...}` on stdout (the e2e tests read it), then serves until stopped.
 */
const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } });
const dataDir = resolveDataDir(values['data-dir']);

try {
  const cairn = Cairn.open({ dataDir });
  // Files the page "picks" arrive here (a browser gives no paths); they stay in the data directory.
  const uploadDir = path.join(dataDir, 'imports', 'uploads');
  fs.mkdirSync(uploadDir, { recursive: true });
  // No OS keychain in a browser session: the records open with the passphrase typed in the page.
  const records = new RecordsSession({ dataDir, keychain: null, keychainWarning: 'Opened in a browser for development: no keychain, so your records need a passphrase.' });
  const server = await startBridgeServer({
    handlers: createHandlers(cairn, records),
    rendererDir: path.resolve(import.meta.dirname, '../../out/renderer'),
    uploadDir,
  });
  process.stdout.write(`${JSON.stringify({ url: server.url, dataDir })}\n`);
  const stop = async () => {
    await server.close();
    records.close();
    await cairn.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  process.stderr.write(`cairn bridge: ${describeError(error)}\n`);
  process.exit(1);
}
