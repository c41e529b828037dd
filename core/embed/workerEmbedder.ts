import os from 'node:os';
import { rejectOnAbort, throwIfAborted } from './abort';
import { embedderIdentity, embedderSpecSchema, type EmbedderSpec } from './spec';
import type { EmbedKind, Embedder } from './types';
import { EmbedWorkerPool } from './workerPool';

export interface WorkerEmbedderOptions {
  /**
   * Worker threads, each with its own copy of the model. Default: for USE-lite, one per core
   * beyond the first, at most 2 (so 1 on a 2-core machine, leaving a core for the rest of the app;
   * there 2 workers embed 1.4-1.9× faster, depending on what else runs); for transformers models 1
   * (onnxruntime already uses every core).
   */
  workers?: number;
  /** Most texts sent to a worker at once. Default 16; smaller batches stop sooner on abort. */
  maxTextsPerRequest?: number;
}

/**
 * Runs the embedder `spec` names in worker threads, so the calling thread stays responsive. `id`
 * and `dims` are known at once (a transformers model's from its config.json, which also checks
 * that it is installed); the model loads in the background and the first `embed` waits for it.
 * A load failure rejects every `embed`. Abort rejects at once with an `AbortError` and sends no
 * further texts (a request a worker already has runs to its end).
 */
export async function createWorkerEmbedder(spec: EmbedderSpec, options: WorkerEmbedderOptions = {}): Promise<Embedder> {
  const checked = embedderSpecSchema.parse(spec);
  const identity = embedderIdentity(checked);
  const workers = options.workers ?? defaultWorkers(checked);
  const maxTexts = options.maxTextsPerRequest ?? 16;
  if (!Number.isInteger(maxTexts) || maxTexts < 1) throw new RangeError(`maxTextsPerRequest must be a positive integer, got ${maxTexts}.`);
  const pool = new EmbedWorkerPool(checked, workers, identity);
  let disposed = false;

  return {
    ...identity,
    async embed(texts: readonly string[], kind: EmbedKind, embedOptions: { signal?: AbortSignal } = {}): Promise<Float32Array[]> {
      const { signal } = embedOptions;
      if (disposed) throw new Error('This embedder has been disposed.');
      throwIfAborted(signal);
      if (texts.length === 0) return [];
      // Split so every worker gets a share, in requests of at most `maxTexts`.
      const size = Math.min(maxTexts, Math.ceil(texts.length / pool.size));
      const requests: Promise<Float32Array[]>[] = [];
      for (let start = 0; start < texts.length; start += size) requests.push(pool.run(texts.slice(start, start + size), kind, signal));
      const all = Promise.all(requests);
      return (await (signal ? rejectOnAbort(all, signal) : all)).flat();
    },
    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      await pool.close();
    },
  };
}

function defaultWorkers(spec: EmbedderSpec): number {
  if (spec.kind !== 'use-lite') return 1;
  return Math.max(1, Math.min(2, os.availableParallelism() - 1));
}
