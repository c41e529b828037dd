import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { NetworkLog } from '../../../core/privacy/networkLog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeError } from '../../../core/errors';
import { ModelRegistry } from '../../../core/models';
import { openStore } from '../../../core/store';
import { registerModelsCommands } from '../../../scripts/cli/modelsCommands';
import { fixturePaths } from '../../../scripts/fixtures/generateFixtures';
import { getTestLlama } from '../../support/llama';
import { tempDir } from '../../support/tempDir';
import { startFileServer, type FileServer } from './fileServer';

const gguf = fs.readFileSync(fixturePaths.tinyGguf);
const ggufSha256 = createHash('sha256').update(gguf).digest('hex');
/** The catalog's https URLs are served by the local server (the tests never leave 127.0.0.1). */
const CATALOG_HOST = 'https://models.cairn.test';

let server: FileServer;
let fetchCount = 0;

beforeAll(async () => {
  server = await startFileServer(gguf, 'tiny-chat.gguf');
});

afterAll(async () => {
  await server.close();
});

const localFetch: typeof fetch = (input, init) => {
  fetchCount++;
  const url = String(input instanceof Request ? input.url : input).replace(CATALOG_HOST, new URL(server.url).origin);
  return fetch(url, init);
};

function writeCatalog(sha256: string | null): string {
  const file = path.join(tempDir(), 'catalog.json');
  const entry = {
    id: 'tiny',
    name: 'Tiny chat',
    kind: 'chat',
    default: true,
    publisher: 'Cairn tests',
    repo: 'cairn/tiny',
    revision: null,
    file: { path: 'tiny-chat.gguf', url: `${CATALOG_HOST}/tiny-chat.gguf`, sizeBytes: sha256 ? gguf.length : null, sha256 },
    approxSizeMB: 0.2,
    license: 'MIT',
    licenseUrl: `${CATALOG_HOST}/license`,
    ramGB: 1,
    contextLength: 2048,
    chatTemplate: 'ChatML',
    note: 'test model',
  };
  fs.writeFileSync(file, JSON.stringify({ version: 1, note: '', models: [entry] }));
  return file;
}

/** Another valid model: the fixture with one letter of its `general.name` changed. */
function otherModel(): Buffer {
  const bytes = Buffer.from(gguf);
  const at = bytes.indexOf('cairn-tiny-chat', 0, 'latin1');
  expect(at).toBeGreaterThan(0);
  bytes.write('X', at + 'cairn-tiny-cha'.length, 'latin1');
  return bytes;
}

interface Run {
  ok: boolean;
  stdout: string;
  stderr: string;
  /** The one-line message `runCli` would print for a failure. */
  error: string;
}

/**
 * Runs `models …` the way program.ts will once it registers these commands (its `withCairn` opens
 * `Cairn`, whose `models` is this same registry on the same store).
 */
async function run(dataDir: string, catalogFile: string, ...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), env: {} };
  const program = new Command('cairn').option('--json').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerModelsCommands(program, {
    io,
    catalogFile,
    fetchImpl: localFetch,
    llama: getTestLlama,
    progress: 'quiet',
    withCairn: async (command, work) => {
      const store = openStore({ dataDir });
      try {
        return await work({ models: new ModelRegistry(store.db, store.dataDir), networkLog: new NetworkLog(store.db) }, command.optsWithGlobals<{ json?: boolean }>());
      } finally {
        store.close();
      }
    },
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return { ok: true, stdout, stderr, error: '' };
  } catch (error) {
    return { ok: false, stdout, stderr, error: describeError(error) };
  }
}

describe('cairn models', () => {
  it('refuses to download a model without a published checksum unless --allow-unverified', async () => {
    const dataDir = tempDir();
    const catalog = writeCatalog(null);
    fetchCount = 0;

    const refused = await run(dataDir, catalog, 'models', 'download', 'tiny', '--json');
    expect(refused.ok).toBe(false);
    expect(refused.stdout).toBe('');
    expect(refused.error).toBe(
      'The catalog has no published checksum for Tiny chat yet, so Cairn cannot check that the download is complete and unaltered; to download it anyway, run the command again with --allow-unverified.',
    );
    expect(fetchCount).toBe(0);

    const allowed = await run(dataDir, catalog, 'models', 'download', 'tiny', '--allow-unverified', '--json');
    expect(allowed.ok).toBe(true);
    expect(allowed.stderr).toMatch(/^Warning: Tiny chat has no published checksum; downloading it WITHOUT an integrity check/);
    const result = JSON.parse(allowed.stdout) as { model: { id: string; file: string; sha256: string; source: string }; active: boolean; verified: boolean };
    expect(result).toMatchObject({ model: { id: 'tiny', sha256: ggufSha256, source: 'download' }, active: true, verified: false });
    expect(result.model.file).toBe(path.join(dataDir, 'models', 'tiny-chat.gguf'));
  });

  it('downloads a verified model, lists it, switches and removes models', async () => {
    const dataDir = tempDir();
    const catalog = writeCatalog(ggufSha256);

    const downloaded = await run(dataDir, catalog, 'models', 'download', 'tiny');
    expect(downloaded.ok).toBe(true);
    expect(downloaded.stderr).toBe('');
    expect(downloaded.stdout).toMatch(/^Downloaded Tiny chat \(\d+ KB, checksum verified\) to .*tiny-chat\.gguf\nCairn answers with it\.\n$/);
    // The privacy panel lists the download's requests (to the catalog's host; this test's fetch sends them to a local server), and nothing else.
    const store = openStore({ dataDir });
    const requests = new NetworkLog(store.db).list();
    store.close();
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((entry) => entry.purpose === 'model download: Tiny chat' && entry.outcome === 'sent' && entry.url.startsWith(CATALOG_HOST))).toBe(true);

    // The same bytes under another name are the catalog model, installed already: no second copy.
    const sameBytes = path.join(tempDir(), 'copy-of-tiny.gguf');
    fs.copyFileSync(fixturePaths.tinyGguf, sameBytes);
    const duplicate = await run(dataDir, catalog, 'models', 'import', sameBytes, '--json');
    expect(JSON.parse(duplicate.stdout)).toMatchObject({ model: { id: 'tiny', source: 'download' }, active: true });
    expect(fs.readdirSync(path.join(dataDir, 'models'))).toEqual(['tiny-chat.gguf']);

    const other = path.join(tempDir(), 'other-model.gguf');
    fs.writeFileSync(other, otherModel());
    const imported = await run(dataDir, catalog, 'models', 'import', other, '--json');
    expect(imported.ok).toBe(true);
    expect(JSON.parse(imported.stdout)).toMatchObject({ model: { id: 'other-model', name: 'cairn-tiny-chaX', source: 'import' }, active: false });

    const listed = JSON.parse((await run(dataDir, catalog, 'models', 'list', '--json')).stdout) as {
      catalog: Array<{ id: string; installed: boolean; active: boolean; verified: boolean }>;
      installed: Array<{ id: string; active: boolean; inCatalog: boolean }>;
      activeModel: string | null;
    };
    expect(listed.catalog).toEqual([expect.objectContaining({ id: 'tiny', installed: true, active: true, verified: true })]);
    expect(listed.installed.map((m) => [m.id, m.active, m.inCatalog])).toEqual([
      ['tiny', true, true],
      ['other-model', false, false],
    ]);

    const used = await run(dataDir, catalog, 'models', 'use', 'other-model');
    expect(used.stdout).toBe('Cairn will answer with cairn-tiny-chaX ("other-model").\n');
    const human = await run(dataDir, catalog, 'models', 'list');
    expect(human.stdout).toMatch(/^ID +Name +Kind/);
    expect(human.stdout).toMatch(/Imported:\n/);
    expect(human.stdout).toMatch(/Answer model: other-model\n$/);

    const removed = await run(dataDir, catalog, 'models', 'remove', 'tiny', '--json');
    expect(JSON.parse(removed.stdout)).toMatchObject({ removed: 'tiny', deletedFile: true });
    expect(fs.existsSync(path.join(dataDir, 'models', 'tiny-chat.gguf'))).toBe(false);

    const unknown = await run(dataDir, catalog, 'models', 'use', 'tiny');
    expect(unknown).toMatchObject({ ok: false, stdout: '', error: 'No model "tiny" is installed; installed: other-model.' });
  });

  it('reports a file that is not a model in one line', async () => {
    const notModel = path.join(tempDir(), 'readme.txt');
    fs.writeFileSync(notModel, 'hello');
    const result = await run(tempDir(), writeCatalog(null), 'models', 'import', notModel, '--json');
    expect(result).toMatchObject({ ok: false, stdout: '', error: 'This file is not a GGUF model.' });
  });
});
