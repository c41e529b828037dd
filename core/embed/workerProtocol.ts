import { z } from 'zod';

/**
 * Messages between the main thread and an embedding worker, checked on arrival on both sides.
 * The worker gets its `EmbedderSpec` as `workerData` (checked with `embedderSpecSchema`).
 */
const embedKind = z.enum(['query', 'passage']);
const float32Array = z.custom<Float32Array>((value) => value instanceof Float32Array, 'expected a Float32Array');

/** Main thread → worker. */
export const toWorkerSchema = z.strictObject({
  type: z.literal('embed'),
  requestId: z.number().int().nonnegative(),
  texts: z.array(z.string()),
  kind: embedKind,
});
export type ToWorker = z.infer<typeof toWorkerSchema>;

/** Worker → main thread. */
export const fromWorkerSchema = z.discriminatedUnion('type', [
  /** The model is loaded; `id` and `dims` are the loaded embedder's. */
  z.strictObject({ type: z.literal('ready'), id: z.string(), dims: z.number().int().positive() }),
  /** The model could not be loaded; the worker does nothing more. */
  z.strictObject({ type: z.literal('failed'), name: z.string(), message: z.string() }),
  /** One vector per text of request `requestId`, each with its own (transferred) buffer. */
  z.strictObject({ type: z.literal('vectors'), requestId: z.number().int().nonnegative(), vectors: z.array(float32Array) }),
  /** Request `requestId` failed. */
  z.strictObject({ type: z.literal('error'), requestId: z.number().int().nonnegative(), name: z.string(), message: z.string() }),
]);
export type FromWorker = z.infer<typeof fromWorkerSchema>;

/** An error as plain data, for posting. */
export function describeFailure(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}
