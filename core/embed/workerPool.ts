import type { Worker } from 'node:worker_threads';
import { EmbedAbortError } from './abort';
import type { EmbedderSpec } from './spec';
import { startEmbedWorker } from './startEmbedWorker';
import type { EmbedKind } from './types';
import { fromWorkerSchema, type FromWorker, type ToWorker } from './workerProtocol';

interface Task {
  texts: readonly string[];
  kind: EmbedKind;
  signal: AbortSignal | undefined;
  resolve(vectors: Float32Array[]): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** The request the worker is on, if any. */
  current: { requestId: number; task: Task } | null;
  /** Resolves once the model has loaded or failed (or the worker exited). */
  loaded: Promise<void>;
  markLoaded(): void;
  /** Resolves when the request in flight is answered. */
  answered: Promise<void>;
  markAnswered(): void;
}

/** How long `close` waits for a worker to finish loading or embedding before stopping it anyway. */
const CLOSE_GRACE_MS = 15_000;

/**
 * Worker threads that each load the same embedder and take requests from one queue. A request
 * whose signal has aborted by the time a worker is free is dropped unsent. If any worker fails
 * (load error, crash, bad message), the pool stops: every pending and later request rejects with
 * that error. Idle workers do not keep the process alive.
 */
export class EmbedWorkerPool {
  readonly #slots: Slot[];
  readonly #queue: Task[] = [];
  readonly #expected: { id: string; dims: number };
  #nextRequestId = 0;
  #failure: Error | null = null;

  constructor(spec: EmbedderSpec, size: number, expected: { id: string; dims: number }) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`workers must be a positive integer, got ${size}.`);
    this.#expected = expected;
    this.#slots = Array.from({ length: size }, () => this.#start(spec));
    this.#updateRefs();
  }

  get size(): number {
    return this.#slots.length;
  }

  /** Embeds `texts` on the next free worker. */
  run(texts: readonly string[], kind: EmbedKind, signal?: AbortSignal): Promise<Float32Array[]> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#queue.push({ texts, kind, signal, resolve, reject });
      this.#dispatch();
    });
  }

  /**
   * Stops every worker; queued requests reject. A worker is stopped only once it is quiet (model
   * loaded, no request running): terminating a thread inside onnxruntime's native code aborts the
   * whole process.
   */
  async close(): Promise<void> {
    const error = new Error('The embedder has been disposed.');
    for (const task of this.#queue.splice(0)) task.reject(error);
    await Promise.all(
      this.#slots.map(async (slot) => {
        const quiet = slot.loaded.then(() => (slot.current ? slot.answered : undefined));
        await Promise.race([quiet, new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())]);
        slot.worker.removeAllListeners();
        await slot.worker.terminate();
      }),
    );
    this.#failure ??= error;
  }

  #start(spec: EmbedderSpec): Slot {
    const worker = startEmbedWorker(spec);
    let markLoaded = () => {};
    const loaded = new Promise<void>((resolve) => (markLoaded = resolve));
    const slot: Slot = { worker, ready: false, current: null, loaded, markLoaded, answered: Promise.resolve(), markAnswered: () => {} };
    worker.once('exit', () => {
      slot.markLoaded();
      slot.markAnswered();
    });
    worker.on('message', (raw: unknown) => this.#onMessage(slot, raw));
    worker.on('messageerror', (error) => this.#fail(new Error('An embedding worker sent a message that could not be read.', { cause: error })));
    worker.on('error', (error) => this.#fail(new Error(`The embedding worker crashed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => this.#fail(new Error(`The embedding worker stopped unexpectedly (exit code ${code}).`)));
    return slot;
  }

  #onMessage(slot: Slot, raw: unknown): void {
    const parsed = fromWorkerSchema.safeParse(raw);
    if (!parsed.success) return this.#fail(new Error(`An embedding worker sent a malformed message: ${parsed.error.message}`));
    const message: FromWorker = parsed.data;
    switch (message.type) {
      case 'ready': {
        const { id, dims } = this.#expected;
        if (message.id !== id || message.dims !== dims) {
          return this.#fail(new Error(`The embedding worker loaded ${message.id} (${message.dims} dims), not ${id} (${dims} dims).`));
        }
        slot.ready = true;
        slot.markLoaded();
        return this.#dispatch();
      }
      case 'failed':
        slot.markLoaded();
        return this.#fail(Object.assign(new Error(message.message), { name: message.name }));
      case 'vectors':
      case 'error': {
        const current = slot.current;
        if (!current || current.requestId !== message.requestId) {
          return this.#fail(new Error(`An embedding worker answered request ${message.requestId}, which it was not working on.`));
        }
        slot.current = null;
        slot.markAnswered();
        if (message.type === 'error') current.task.reject(workerError(message));
        else if (message.vectors.length !== current.task.texts.length || message.vectors.some((v) => v.length !== this.#expected.dims)) {
          current.task.reject(new Error(`The embedding worker returned ${message.vectors.length} vectors for ${current.task.texts.length} texts.`));
        } else current.task.resolve(message.vectors);
        return this.#dispatch();
      }
    }
  }

  /** Hands queued requests to free, ready workers. */
  #dispatch(): void {
    for (const slot of this.#slots) {
      if (!slot.ready || slot.current) continue;
      let task = this.#queue.shift();
      while (task?.signal?.aborted) {
        task.reject(new EmbedAbortError(task.signal.reason));
        task = this.#queue.shift();
      }
      if (!task) break;
      const requestId = this.#nextRequestId++;
      slot.current = { requestId, task };
      slot.answered = new Promise<void>((resolve) => (slot.markAnswered = resolve));
      const message: ToWorker = { type: 'embed', requestId, texts: [...task.texts], kind: task.kind };
      slot.worker.postMessage(message);
    }
    this.#updateRefs();
  }

  #fail(error: Error): void {
    if (this.#failure) return;
    this.#failure = error;
    for (const slot of this.#slots) {
      slot.current?.task.reject(error);
      slot.current = null;
      slot.ready = false;
      slot.worker.removeAllListeners('message');
      void slot.worker.terminate();
    }
    for (const task of this.#queue.splice(0)) task.reject(error);
    this.#updateRefs();
  }

  /** Workers hold the process open only while there is work for them. */
  #updateRefs(): void {
    const busy = !this.#failure && (this.#queue.length > 0 || this.#slots.some((slot) => slot.current));
    for (const slot of this.#slots) {
      if (busy) slot.worker.ref();
      else slot.worker.unref();
    }
  }
}

function workerError(message: { name: string; message: string }): Error {
  if (message.name === 'AbortError') return new EmbedAbortError();
  return Object.assign(new Error(message.message), { name: message.name });
}
