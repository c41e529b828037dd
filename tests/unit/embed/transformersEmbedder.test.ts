import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder, EmbeddingModelNotInstalledError, type Embedder } from '../../../core/embed';
import { createTransformersEmbedder } from '../../../core/embed/transformersEmbedder';
import { readTransformersModel } from '../../../core/embed/transformersModel';
import { fixturePaths } from '../../../scripts/fixtures/generateFixtures';
import { expectUnitVectors, maxAbsDifference, MELANOMA } from './helpers';

const modelDir = path.join(fixturePaths.onnxRoot, 'cairn-test', 'tiny-embedder');
const modelId = fixturePaths.onnxModelId;
const QUERY_PREFIX = 'Represent this sentence for searching relevant passages: ';

describe('transformers embedder on the tiny fixture model', () => {
  let plain: Embedder;
  let prefixed: Embedder;
  const tempDirs: string[] = [];

  const copyOfModel = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-embed-'));
    tempDirs.push(dir);
    fs.cpSync(modelDir, dir, { recursive: true });
    return dir;
  };

  beforeAll(async () => {
    [plain, prefixed] = await Promise.all([
      createEmbedder({ kind: 'transformers', modelDir, modelId }, { inWorker: false }),
      createTransformersEmbedder({ modelDir, modelId, queryPrefix: QUERY_PREFIX }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([plain?.dispose(), prefixed?.dispose()]);
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes id from the model id and dims from config.json, and returns unit vectors', async () => {
    expect(plain.id).toBe(`transformers:${modelId}`);
    expect(plain.dims).toBe(32);
    const vectors = await plain.embed([MELANOMA.question, MELANOMA.related, 'x'], 'passage');
    expect(vectors).toHaveLength(3);
    expectUnitVectors(vectors, 32);
  });

  it('puts the query prefix before queries only', async () => {
    const [asQuery] = await prefixed.embed([MELANOMA.question], 'query');
    const [asPassage] = await prefixed.embed([MELANOMA.question], 'passage');
    const [withPrefixAsPassage] = await prefixed.embed([QUERY_PREFIX + MELANOMA.question], 'passage');
    expect(maxAbsDifference([asQuery!], [asPassage!])).toBeGreaterThan(1e-3);
    expect(maxAbsDifference([asQuery!], [withPrefixAsPassage!])).toBeLessThan(1e-6);
    // Without a prefix, query and passage embed alike.
    const [q, p] = [(await plain.embed(['melanoma'], 'query'))[0]!, (await plain.embed(['melanoma'], 'passage'))[0]!];
    expect(maxAbsDifference([q], [p])).toBe(0);
  });

  it('gives the same vectors in batches as one by one', async () => {
    const texts = [MELANOMA.related, 'short', MELANOMA.question, 'a much longer sentence about breast cancer surgery and radiation therapy options'];
    const batched = await plain.embed(texts, 'passage');
    const single: Float32Array[] = [];
    for (const text of texts) single.push(...(await plain.embed([text], 'passage')));
    expect(maxAbsDifference(batched, single)).toBeLessThan(1e-5);
  });

  it('honours the pooling option', async () => {
    const cls = await createTransformersEmbedder({ modelDir, modelId, pooling: 'cls' });
    try {
      const [a] = await cls.embed([MELANOMA.related], 'passage');
      const [b] = await plain.embed([MELANOMA.related], 'passage');
      expectUnitVectors([a!], 32);
      expect(maxAbsDifference([a!], [b!])).toBeGreaterThan(1e-3);
    } finally {
      await cls.dispose();
    }
  });

  it('rejects with an AbortError when the signal has aborted', async () => {
    await expect(plain.embed(['melanoma'], 'query', { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('says clearly when the model folder is missing', async () => {
    const missing = path.join(os.tmpdir(), 'cairn-no-such-model');
    const attempt = createTransformersEmbedder({ modelDir: missing, modelId: 'Xenova/bge-small-en-v1.5' });
    await expect(attempt).rejects.toBeInstanceOf(EmbeddingModelNotInstalledError);
    await expect(attempt).rejects.toThrow(`The embedding model Xenova/bge-small-en-v1.5 is not installed in ${missing}.`);
  });

  it('says clearly when the weights are missing, and refuses a relative folder', () => {
    const dir = copyOfModel();
    fs.rmSync(path.join(dir, 'onnx'), { recursive: true });
    expect(() => readTransformersModel({ modelDir: dir, modelId })).toThrow(EmbeddingModelNotInstalledError);
    expect(() => readTransformersModel({ modelDir: 'models/tiny', modelId })).toThrow(/absolute path/);
  });

  it('picks pooling, prefixes and weights from the folder and the known-model table', () => {
    expect(readTransformersModel({ modelDir, modelId })).toEqual({
      id: `transformers:${modelId}`,
      dims: 32,
      dtype: 'fp32',
      pooling: 'mean',
      queryPrefix: '',
      passagePrefix: '',
    });
    expect(readTransformersModel({ modelDir, modelId: 'Xenova/bge-small-en-v1.5' })).toMatchObject({ pooling: 'cls', queryPrefix: QUERY_PREFIX, passagePrefix: '' });
    expect(readTransformersModel({ modelDir, modelId: 'Xenova/bge-small-en-v1.5', queryPrefix: '', pooling: 'mean' })).toMatchObject({ pooling: 'mean', queryPrefix: '' });
    expect(readTransformersModel({ modelDir, modelId: 'Xenova/multilingual-e5-small' })).toMatchObject({ pooling: 'mean', queryPrefix: 'query: ', passagePrefix: 'passage: ' });

    const dir = copyOfModel();
    fs.mkdirSync(path.join(dir, '1_Pooling'));
    fs.writeFileSync(path.join(dir, '1_Pooling', 'config.json'), JSON.stringify({ pooling_mode_cls_token: true, pooling_mode_mean_tokens: false }));
    fs.renameSync(path.join(dir, 'onnx', 'model.onnx'), path.join(dir, 'onnx', 'model_quantized.onnx'));
    expect(readTransformersModel({ modelDir: dir, modelId })).toMatchObject({ pooling: 'cls', dtype: 'q8' });
  });
});
