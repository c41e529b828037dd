import { rejectOnAbort, throwIfAborted } from './abort';
import { runInBatches } from './batching';
import { createSerialQueue } from './serialQueue';
import { readTransformersModel, type TransformersEmbedderOptions } from './transformersModel';
import type { EmbedKind, Embedder } from './types';
import { unitRows } from './vectors';

export type { TransformersEmbedderOptions } from './transformersModel';

/**
 * An ONNX sentence-embedding model (e.g. bge-small-en-v1.5) from a local folder through
 * @huggingface/transformers, on the CPU. Never downloads: remote models are switched off and the
 * folder is read by its absolute path. Pools token vectors (cls or mean, see `pooling`), applies the
 * query/passage prefixes, and returns unit vectors of the config's `hidden_size`.
 * A missing folder rejects with `EmbeddingModelNotInstalledError` before anything is loaded.
 */
export async function createTransformersEmbedder(options: TransformersEmbedderOptions): Promise<Embedder> {
  const info = readTransformersModel(options);
  const batchSize = options.batchSize ?? 16;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}.`);

  // Imported here, not at the top: transformers.js and onnxruntime are large.
  const { env, pipeline } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  // An absolute path is not a hub id, so transformers.js reads the folder itself (not env.localModelPath).
  const extractor = await pipeline('feature-extraction', options.modelDir, { dtype: info.dtype, device: 'cpu', local_files_only: true });

  const runBatch = async (texts: string[]): Promise<Float32Array[]> => {
    const output = await extractor(texts, { pooling: info.pooling, normalize: true });
    try {
      const [rows, dims] = output.dims;
      if (!(output.data instanceof Float32Array) || rows !== texts.length || dims !== info.dims) {
        throw new Error(`${options.modelId} returned ${output.type} [${output.dims.join(', ')}] for ${texts.length} texts of ${info.dims} dims.`);
      }
      return unitRows(output.data, texts.length, info.dims);
    } finally {
      output.dispose();
    }
  };

  const queue = createSerialQueue();
  let disposed = false;

  return {
    id: info.id,
    dims: info.dims,
    embed(texts: readonly string[], kind: EmbedKind, embedOptions: { signal?: AbortSignal } = {}): Promise<Float32Array[]> {
      const { signal } = embedOptions;
      const prefix = kind === 'query' ? info.queryPrefix : info.passagePrefix;
      const result = queue.run(async () => {
        if (disposed) throw new Error('This embedder has been disposed.');
        throwIfAborted(signal);
        const prefixed = texts.map((text) => prefix + text);
        return runInBatches(prefixed, { batchSize, cost: (text) => text.length, signal }, runBatch);
      });
      return signal ? rejectOnAbort(result, signal) : result;
    },
    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      await queue.idle();
      await extractor.dispose();
    },
  };
}
