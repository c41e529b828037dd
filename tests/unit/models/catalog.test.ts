import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CairnError } from '../../../core/errors';
import { catalogFiles, defaultCatalogFile, findCatalogEntry, isVerifiable, loadCatalog } from '../../../core/models';
import { tempDir } from '../../support/tempDir';

function loadFailure(content: unknown): CairnError {
  const file = path.join(tempDir(), 'catalog.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  try {
    loadCatalog(file);
  } catch (error) {
    expect(error).toBeInstanceOf(CairnError);
    return error as CairnError;
  }
  throw new Error('expected the catalog to be refused');
}

describe('the model catalog', () => {
  it('models/catalog.json validates: chat models and the bge-small embedding model', () => {
    expect(defaultCatalogFile()).toBe(path.resolve(import.meta.dirname, '../../../models/catalog.json'));
    const catalog = loadCatalog();

    const chat = catalog.models.filter((m) => m.kind === 'chat');
    expect(chat.length).toBeGreaterThanOrEqual(2);
    expect(chat.filter((m) => m.default)).toHaveLength(1);
    const bge = findCatalogEntry(catalog, 'bge-small-en-v1.5');
    expect(bge.kind).toBe('embedding');
    expect(catalogFiles(bge).map((f) => f.path)).toContain('Xenova/bge-small-en-v1.5/onnx/model.onnx');

    for (const entry of catalog.models) {
      for (const file of catalogFiles(entry)) {
        expect(file.url.startsWith(`https://huggingface.co/${entry.repo}/resolve/`)).toBe(true);
        // No invented checksums: an unknown one is null, and the entry is then unverifiable.
        if (file.sha256 === null) expect(isVerifiable(entry)).toBe(false);
      }
    }
  });

  it('refuses a catalog that is not valid, in one sentence', () => {
    const good = JSON.parse(fs.readFileSync(defaultCatalogFile(), 'utf8')) as { models: Array<Record<string, unknown>> };
    const withChat = (change: Record<string, unknown>) => ({ ...good, models: [{ ...good.models[0], ...change }] });

    expect(loadFailure('{ not json').message).toMatch(/^The model catalog .* cannot be read: /);
    expect(loadFailure(withChat({ file: { path: 'a.gguf', url: 'http://example.org/a.gguf', sizeBytes: null, sha256: null } })).message).toMatch(/models\.0\.file\.url/);
    expect(loadFailure(withChat({ file: { path: '../a.gguf', url: 'https://example.org/a.gguf', sizeBytes: null, sha256: null } })).message).toMatch(/models\.0\.file\.path/);
    expect(loadFailure(withChat({ file: { path: 'a.gguf', url: 'https://example.org/a.gguf', sizeBytes: null, sha256: 'not-a-hash' } })).message).toMatch(/sha256/);
    expect(loadFailure({ ...good, models: [good.models[0], good.models[0]] }).message).toMatch(/duplicate id/);
    expect(loadFailure({ ...good, models: [good.models[0], good.models[0]] }).code).toBe('INTERNAL');
  });

  it('names the catalog ids when an id is unknown', () => {
    const error = (() => {
      try {
        findCatalogEntry(loadCatalog(), 'gpt-17');
      } catch (e) {
        return e as CairnError;
      }
      throw new Error('expected MODEL_NOT_FOUND');
    })();
    expect(error.code).toBe('MODEL_NOT_FOUND');
    expect(error.message).toMatch(/^There is no model "gpt-17" in the catalog; choose one of: .*qwen2\.5-1\.5b-instruct-q4_k_m/);
  });
});
