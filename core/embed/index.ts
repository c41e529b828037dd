/**
 * Turning text into vectors: USE-lite (built in) or a local transformers.js model, in this thread
 * or in worker threads.
 */
import { createInProcessEmbedder } from './inProcess';
import type { EmbedderSpec } from './spec';
import type { Embedder } from './types';
import { createWorkerEmbedder, type WorkerEmbedderOptions } from './workerEmbedder';

export { EmbedAbortError, isAbortError } from './abort';
export { embedderIdentity, embedderSpecSchema, type EmbedderSpec } from './spec';
export { createTransformersEmbedder } from './transformersEmbedder';
export { EmbeddingModelNotInstalledError, type Pooling, type TransformersDtype, type TransformersEmbedderOptions } from './transformersModel';
export type { EmbedKind, Embedder } from './types';
export { createUseLiteEmbedder, USE_LITE_DIMS, USE_LITE_ID, USE_LITE_MAX_TOKENS, type UseLiteOptions } from './useLite';
export { createWorkerEmbedder, type WorkerEmbedderOptions } from './workerEmbedder';

export interface CreateEmbedderOptions extends WorkerEmbedderOptions {
  /** Run the model in worker threads (default) or in the calling thread. */
  inWorker?: boolean;
}

/** The embedder `spec` names: in worker threads by default (see `createWorkerEmbedder`), else loaded here. */
export function createEmbedder(spec: EmbedderSpec, options: CreateEmbedderOptions = {}): Promise<Embedder> {
  const { inWorker = true, ...workerOptions } = options;
  return inWorker ? createWorkerEmbedder(spec, workerOptions) : createInProcessEmbedder(spec);
}
