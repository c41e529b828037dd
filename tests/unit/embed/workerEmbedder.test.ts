import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder, createWorkerEmbedder, EmbeddingModelNotInstalledError, type Embedder } from '../../../core/embed';
import { fixturePaths } from '../../../scripts/fixtures/generateFixtures';
import { expectUnitVectors, LONG_TEXT, maxAbsDifference, MELANOMA } from './helpers';

const tinyModel = { kind: 'transformers', modelDir: path.join(fixturePaths.onnxRoot, 'cairn-test', 'tiny-embedder'), modelId: fixturePaths.onnxModelId } as const;
const texts = [MELANOMA.question, MELANOMA.related, MELANOMA.unrelated, LONG_TEXT, ''];

describe('USE-lite in a worker thread', () => {
  let inWorker: Embedder;
  let inProcess: Embedder;

  beforeAll(async () => {
    inWorker = await createEmbedder({ kind: 'use-lite' }, { workers: 1, maxTextsPerRequest: 4 });
    inProcess = await createEmbedder({ kind: 'use-lite' }, { inWorker: false });
  });

  afterAll(async () => {
    await Promise.all([inWorker?.dispose(), inProcess?.dispose()]);
  });

  it('knows its id and dims before the model has loaded', () => {
    expect([inWorker.id, inWorker.dims]).toEqual(['use-lite', 512]);
  });

  it('returns the same vectors as the in-process embedder', async () => {
    const fromWorker = await inWorker.embed(texts, 'passage');
    expectUnitVectors(fromWorker, 512);
    expect(maxAbsDifference(fromWorker, await inProcess.embed(texts, 'passage'))).toBeLessThan(1e-6);
    expect(await inWorker.embed([], 'query')).toEqual([]);
  });

  it('rejects at once on abort, sends no further texts, and keeps serving', async () => {
    await expect(inWorker.embed([MELANOMA.question], 'query', { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });

    // 96 long texts in requests of 4: ~7 s of work if every request were sent.
    const controller = new AbortController();
    const many = Array.from({ length: 96 }, (_, i) => `${i} ${LONG_TEXT}`);
    const pending = inWorker.embed(many, 'passage', { signal: controller.signal });
    let abortedAt = 0;
    setTimeout(() => {
      abortedAt = performance.now();
      controller.abort();
    }, 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - abortedAt).toBeLessThan(250);

    const started = performance.now();
    const [vector] = await inWorker.embed([MELANOMA.question], 'query');
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(maxAbsDifference([vector!], await inProcess.embed([MELANOMA.question], 'query'))).toBeLessThan(1e-6);
  });
});

describe('transformers models in worker threads', () => {
  it('match the in-process embedder, with prefixes, across a pool of two workers', async () => {
    const spec = { ...tinyModel, queryPrefix: 'query: ' };
    const pool = await createWorkerEmbedder(spec, { workers: 2, maxTextsPerRequest: 2 });
    const local = await createEmbedder(spec, { inWorker: false });
    try {
      expect([pool.id, pool.dims]).toEqual([`transformers:${tinyModel.modelId}`, 32]);
      const many = Array.from({ length: 9 }, (_, i) => `${MELANOMA.related} ${i}`);
      for (const kind of ['query', 'passage'] as const) {
        expect(maxAbsDifference(await pool.embed(many, kind), await local.embed(many, kind))).toBeLessThan(1e-6);
      }
      const [query] = await pool.embed(['melanoma'], 'query');
      const [passage] = await pool.embed(['melanoma'], 'passage');
      expect(maxAbsDifference([query!], [passage!])).toBeGreaterThan(1e-3);
    } finally {
      await Promise.all([pool.dispose(), local.dispose()]);
    }
  });

  it('reports a missing model before starting a worker', async () => {
    const modelDir = path.join(os.tmpdir(), 'cairn-missing-model');
    await expect(createWorkerEmbedder({ kind: 'transformers', modelDir, modelId: 'Xenova/bge-small-en-v1.5' })).rejects.toThrow(EmbeddingModelNotInstalledError);
  });

  it('rejects every embed when the worker cannot load the model', async () => {
    const modelDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-broken-model-'));
    try {
      fs.cpSync(tinyModel.modelDir, modelDir, { recursive: true });
      fs.writeFileSync(path.join(modelDir, 'onnx', 'model.onnx'), 'not an onnx file');
      const broken = await createWorkerEmbedder({ ...tinyModel, modelDir });
      expect(broken.dims).toBe(32);
      // The worker's own load error comes through (onnxruntime cannot parse the file).
      await expect(broken.embed(['melanoma'], 'query')).rejects.toThrow(/model\.onnx/);
      await expect(broken.embed(['again'], 'query')).rejects.toThrow(/model\.onnx/);
      await broken.dispose();
    } finally {
      fs.rmSync(modelDir, { recursive: true, force: true });
    }
  });

  it('rejects pending and later calls after dispose', async () => {
    const embedder = await createWorkerEmbedder(tinyModel);
    const pending = expect(embedder.embed(['melanoma'], 'passage')).rejects.toThrow(/disposed/);
    await embedder.dispose();
    await pending;
    await expect(embedder.embed(['melanoma'], 'passage')).rejects.toThrow(/disposed/);
    await embedder.dispose();
  });

  it('refuses a malformed spec', async () => {
    // @ts-expect-error: not a kind of embedder
    await expect(createWorkerEmbedder({ kind: 'word2vec' })).rejects.toThrow();
    await expect(createWorkerEmbedder({ kind: 'use-lite', maxTokens: 500 })).rejects.toThrow();
  });
});
