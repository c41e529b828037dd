/**
 * Entry point of an embedding worker thread (see workerEmbedder.ts): loads the embedder named by
 * `workerData`, says `ready`, then answers `embed` requests one at a time, transferring the vectors.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createInProcessEmbedder } from './inProcess';
import { embedderSpecSchema } from './spec';
import type { Embedder } from './types';
import { describeFailure, toWorkerSchema, type FromWorker } from './workerProtocol';

const port = parentPort;
if (!port) throw new Error('embedWorker.ts runs only as a worker thread.');

const post = (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

async function serve(embedder: Embedder, raw: unknown): Promise<void> {
  const parsed = toWorkerSchema.safeParse(raw);
  if (!parsed.success) {
    const requestId = (raw as { requestId?: unknown } | null)?.requestId;
    if (typeof requestId === 'number' && Number.isInteger(requestId) && requestId >= 0) {
      post({ type: 'error', requestId, name: 'TypeError', message: `Bad embed request: ${parsed.error.message}` });
    }
    return;
  }
  const { requestId, texts, kind } = parsed.data;
  try {
    const vectors = await embedder.embed(texts, kind);
    post({ type: 'vectors', requestId, vectors }, [...new Set(vectors.map((v) => v.buffer as ArrayBuffer))]);
  } catch (error) {
    post({ type: 'error', requestId, ...describeFailure(error) });
  }
}

try {
  const embedder = await createInProcessEmbedder(embedderSpecSchema.parse(workerData));
  port.on('message', (raw: unknown) => void serve(embedder, raw));
  post({ type: 'ready', id: embedder.id, dims: embedder.dims });
} catch (error) {
  post({ type: 'failed', ...describeFailure(error) });
  port.close();
}
