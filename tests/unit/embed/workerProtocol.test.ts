import { describe, expect, it } from 'vitest';
import { fromWorkerSchema, toWorkerSchema } from '../../../core/embed/workerProtocol';

describe('embedding worker messages', () => {
  it('accept well-formed messages', () => {
    expect(toWorkerSchema.safeParse({ type: 'embed', requestId: 3, texts: ['a'], kind: 'query' }).success).toBe(true);
    expect(fromWorkerSchema.safeParse({ type: 'vectors', requestId: 3, vectors: [new Float32Array(4)] }).success).toBe(true);
    expect(fromWorkerSchema.safeParse({ type: 'ready', id: 'use-lite', dims: 512 }).success).toBe(true);
  });

  it('reject malformed ones', () => {
    expect(toWorkerSchema.safeParse({ type: 'embed', requestId: -1, texts: ['a'], kind: 'query' }).success).toBe(false);
    expect(toWorkerSchema.safeParse({ type: 'embed', requestId: 1, texts: [1], kind: 'query' }).success).toBe(false);
    expect(toWorkerSchema.safeParse({ type: 'embed', requestId: 1, texts: [], kind: 'document' }).success).toBe(false);
    expect(fromWorkerSchema.safeParse({ type: 'vectors', requestId: 1, vectors: [[0.1, 0.2]] }).success).toBe(false);
    expect(fromWorkerSchema.safeParse({ type: 'ready', id: 'use-lite', dims: 0 }).success).toBe(false);
    expect(fromWorkerSchema.safeParse({ type: 'surprise' }).success).toBe(false);
  });
});

describe('the worker script in the packaged app', () => {
  it('is started from the unpacked copy beside the asar archive', async () => {
    const { unpackedPath } = await import('../../../core/embed/startEmbedWorker');
    expect(unpackedPath('/opt/Cairn/resources/app.asar/out/main/embedWorker.js')).toBe('/opt/Cairn/resources/app.asar.unpacked/out/main/embedWorker.js');
    expect(unpackedPath('C:\\Cairn\\resources\\app.asar\\out\\main\\embedWorker.js')).toBe('C:\\Cairn\\resources\\app.asar.unpacked\\out\\main\\embedWorker.js');
    expect(unpackedPath('/work/cairn/out/main/embedWorker.js')).toBe('/work/cairn/out/main/embedWorker.js');
  });
});
