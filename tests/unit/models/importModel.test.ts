import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Llama } from 'node-llama-cpp';
import { afterEach, describe, expect, it } from 'vitest';
import { CairnError } from '../../../core/errors';
import { importModelFile, ModelRegistry, type Catalog } from '../../../core/models';
import { openStore, type Store } from '../../../core/store';
import { fixturePaths } from '../../../scripts/fixtures/generateFixtures';
import { TINY_GGUF } from '../../../scripts/fixtures/tinyGguf';
import { getTestLlama } from '../../support/llama';
import { tempDir } from '../../support/tempDir';

const stores: Store[] = [];

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

function openRegistry(): ModelRegistry {
  const store = openStore({ dataDir: tempDir() });
  stores.push(store);
  return new ModelRegistry(store.db, store.dataDir);
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The CairnError the import rejects with; nothing may have been copied or registered. */
async function rejected(registry: ModelRegistry, file: string, llama: Llama | (() => Promise<Llama>) = getTestLlama): Promise<CairnError> {
  const error = await importModelFile(registry, file, { llama }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CairnError);
  expect((error as CairnError).message).not.toContain('\n');
  expect(registry.list()).toEqual([]);
  expect(fs.readdirSync(registry.modelsDir)).toEqual([]);
  return error as CairnError;
}

function writeTemp(name: string, bytes: Uint8Array | string): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe('importModelFile', () => {
  it('checks, loads, copies and registers the fixture GGUF; it becomes the active model', async () => {
    const registry = openRegistry();
    const copyProgress: number[] = [];

    const model = await importModelFile(registry, fixturePaths.tinyGguf, { llama: getTestLlama, onProgress: (p) => copyProgress.push(p.copiedBytes) });

    const size = fs.statSync(fixturePaths.tinyGguf).size;
    expect(model).toMatchObject({
      id: 'tiny-chat',
      name: TINY_GGUF.name,
      kind: 'chat',
      file: path.join(registry.modelsDir, 'tiny-chat.gguf'),
      sizeBytes: size,
      sha256: sha256(fixturePaths.tinyGguf),
      source: 'import',
      architecture: 'llama',
      contextLength: TINY_GGUF.contextLength,
    });
    expect(Date.parse(model.addedAt)).not.toBeNaN();
    expect(sha256(model.file)).toBe(model.sha256);
    expect(fs.readdirSync(registry.modelsDir)).toEqual(['tiny-chat.gguf']);
    expect(copyProgress.at(-1)).toBe(size);
    expect(registry.list()).toEqual([model]);
    expect(registry.activeId()).toBe('tiny-chat');
  });

  it('registers in place without copying, and removing it leaves the file alone', async () => {
    const registry = openRegistry();
    const outside = writeTemp('outside.gguf', fs.readFileSync(fixturePaths.tinyGguf));

    const model = await importModelFile(registry, outside, { inPlace: true, llama: getTestLlama, name: 'My model' });

    expect(model).toMatchObject({ id: 'outside', name: 'My model', file: outside });
    expect(fs.readdirSync(registry.modelsDir)).toEqual([]);
    expect(registry.remove('outside')).toMatchObject({ deletedFile: false });
    expect(fs.existsSync(outside)).toBe(true);
  });

  it('recognises a catalog model by its file name while the catalog has no sha256', async () => {
    const registry = openRegistry();
    const catalog: Catalog = {
      version: 1,
      note: '',
      models: [
        {
          id: 'tiny',
          name: 'Tiny from the catalog',
          kind: 'chat',
          publisher: 'Cairn tests',
          repo: 'cairn/tiny',
          revision: null,
          file: { path: 'tiny-chat.gguf', url: 'https://models.test/tiny-chat.gguf', sizeBytes: null, sha256: null },
          approxSizeMB: 1,
          license: 'MIT',
          licenseUrl: 'https://models.test/license',
          ramGB: 1,
          contextLength: 2048,
          chatTemplate: 'ChatML',
          note: '',
        },
      ],
    };

    const model = await importModelFile(registry, fixturePaths.tinyGguf, { catalog, llama: getTestLlama });

    expect(model).toMatchObject({ id: 'tiny', name: 'Tiny from the catalog', source: 'import' });
  });

  it('rejects a truncated GGUF (an interrupted copy)', async () => {
    const bytes = fs.readFileSync(fixturePaths.tinyGguf);
    const error = await rejected(openRegistry(), writeTemp('cut.gguf', bytes.subarray(0, Math.floor(bytes.length / 2))));

    expect(error.code).toBe('INVALID_MODEL');
    expect(error.message).toMatch(/^The model file is damaged: it is \d+ bytes long but its header describes \d+ bytes \(an incomplete download or copy\?\)\.$/);
  });

  it('rejects random bytes behind a GGUF header', async () => {
    const bytes = Buffer.alloc(64 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    bytes.write('GGUF', 0, 'latin1');
    bytes.writeUInt32LE(3, 4);
    const error = await rejected(openRegistry(), writeTemp('random.gguf', bytes));

    expect(error.code).toBe('INVALID_MODEL');
    expect(error.message).toMatch(/^The model file is damaged: /);
  });

  it('rejects a file that is not GGUF, and a missing file', async () => {
    const registry = openRegistry();
    const notGguf = await rejected(registry, writeTemp('notes.gguf', 'These are my notes, not a model.\n'));
    expect(notGguf).toMatchObject({ code: 'INVALID_MODEL', message: 'This file is not a GGUF model.' });

    const missing = await rejected(registry, path.join(tempDir(), 'nowhere.gguf'));
    expect(missing.code).toBe('MODEL_NOT_FOUND');
    expect(missing.message).toMatch(/^There is no file at .*nowhere\.gguf\.$/);
  });

  it('turns a llama.cpp load failure into one sentence', async () => {
    const failingLlama = {
      loadModel: () => Promise.reject(new Error('Failed to load model')),
    } as unknown as Llama;

    const error = await rejected(openRegistry(), fixturePaths.tinyGguf, failingLlama);

    expect(error).toMatchObject({ code: 'INVALID_MODEL', message: 'The model file is damaged or not supported: llama.cpp could not load it (architecture "llama").' });
  });
});
