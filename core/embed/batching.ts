import { setImmediate as nextTurn } from 'node:timers/promises';
import { throwIfAborted } from './abort';

/**
 * Runs `runBatch` over `items` in batches of at most `batchSize`, with items of similar `cost`
 * (e.g. token count) batched together so padding is small, and returns the results in the
 * original order. Batches run one after another; between them the event loop gets a turn (so
 * timers, I/O and an abort can happen) and `signal` is checked.
 */
export async function runInBatches<T, R>(
  items: readonly T[],
  options: {
    batchSize: number;
    cost?: (item: T) => number;
    signal?: AbortSignal | undefined;
  },
  runBatch: (batch: T[]) => Promise<R[]>,
): Promise<R[]> {
  const { batchSize, cost, signal } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}.`);
  const order = items.map((_, i) => i);
  if (cost) {
    const costs = items.map(cost);
    order.sort((a, b) => (costs[a] ?? 0) - (costs[b] ?? 0) || a - b);
  }
  const results = new Array<R>(items.length);
  for (let start = 0; start < order.length; start += batchSize) {
    if (start > 0) await nextTurn();
    throwIfAborted(signal);
    const indices = order.slice(start, start + batchSize);
    const out = await runBatch(indices.map((i) => items[i] as T));
    if (out.length !== indices.length) throw new Error(`A batch of ${indices.length} gave ${out.length} results.`);
    indices.forEach((index, k) => (results[index] = out[k] as R));
  }
  throwIfAborted(signal);
  return results;
}
