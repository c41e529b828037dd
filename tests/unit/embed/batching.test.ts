import { describe, expect, it } from 'vitest';
import { runInBatches } from '../../../core/embed/batching';

describe('runInBatches', () => {
  it('batches items of similar cost together and returns results in the original order', async () => {
    const items = ['ccc', 'a', 'bbbb', 'dd', 'e', 'ffffff'];
    const batches: string[][] = [];
    const results = await runInBatches(items, { batchSize: 2, cost: (s) => s.length }, async (batch) => {
      batches.push(batch);
      return batch.map((s) => s.toUpperCase());
    });
    expect(results).toEqual(items.map((s) => s.toUpperCase()));
    expect(batches).toEqual([['a', 'e'], ['dd', 'ccc'], ['bbbb', 'ffffff']]);
  });

  it('keeps the input order without a cost', async () => {
    const batches: number[][] = [];
    await runInBatches([5, 4, 3, 2, 1], { batchSize: 3 }, async (batch) => (batches.push(batch), batch));
    expect(batches).toEqual([[5, 4, 3], [2, 1]]);
  });

  it('stops before the next batch once the signal aborts', async () => {
    const controller = new AbortController();
    let calls = 0;
    const run = runInBatches([1, 2, 3, 4], { batchSize: 1, signal: controller.signal }, async (batch) => {
      calls++;
      controller.abort();
      return batch;
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(1);
  });

  it('rejects a batch that returns the wrong number of results, and a bad batch size', async () => {
    await expect(runInBatches([1, 2], { batchSize: 2 }, async () => [1])).rejects.toThrow(/gave 1 results/);
    await expect(runInBatches([1], { batchSize: 0 }, async (b) => b)).rejects.toThrow(RangeError);
  });
});
