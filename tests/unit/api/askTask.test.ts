import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type AskSnapshot, type CairnHandlers } from '../../../core/api';
import { TaskRegistry } from '../../../core/api/tasks';
import { Cairn } from '../../../core/cairn';
import { RecordsSession } from '../../../core/records/recordsSession';
import { bridgeCaller } from '../../support/bridgeCall';
import { tinyEmbedderSpec } from '../../support/testEmbedder';

const PACK_FILE = path.resolve(import.meta.dirname, '../../../guidelines/cancers/melanoma.md');

describe('asking through the bridge: start, poll, open a source', () => {
  let cairn: Cairn;
  let dataDir: string;
  let handlers: CairnHandlers;
  const call = bridgeCaller(() => handlers);
  const finish = async (taskId: string): Promise<AskSnapshot> => {
    for (;;) {
      const snapshot = await call<AskSnapshot>('ask/poll', { taskId, after: 0 });
      if (snapshot.state !== 'running') return snapshot;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-ask-task-'));
    cairn = Cairn.open({ dataDir, embedder: tinyEmbedderSpec });
    await cairn.importLibrary([PACK_FILE]);
    handlers = createHandlers(cairn, new RecordsSession({ dataDir, keychain: null }));
  }, 60_000);
  afterAll(async () => {
    await cairn.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers with sources, and each source opens its passage', async () => {
    const { taskId } = await call<{ taskId: string }>('ask/start', { question: 'Is surgery an option for metastatic melanoma?', mode: 'extractive' });
    const done = await finish(taskId);
    expect(done.state).toBe('done');
    expect(done.result?.mode).toBe('extractive');
    expect(done.result?.sources.length).toBeGreaterThan(0);
    const source = done.result!.sources[0]!;
    const passage = await call<{ text: string; title: string; section: string }>('library/passage', { chunkId: source.chunkId });
    expect(passage.title).toBe(source.guideline);
    expect(passage.text).toContain(source.excerpt.replace(/…$/, '').slice(0, 40));
  });

  it('refuses an empty question and unknown tasks in plain words', async () => {
    expect(await dispatch(handlers, 'ask/start', { question: '   ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('Type a question.') as string } });
    expect(await dispatch(handlers, 'ask/poll', { taskId: crypto.randomUUID(), after: 0 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatch(handlers, 'library/passage', { chunkId: 999999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('TaskRegistry', () => {
  it('streams events to pollers, and a cancelled task ends as cancelled', async () => {
    const tasks = new TaskRegistry();
    const id = tasks.start<string, string>('demo', ({ signal, emit }) =>
      new Promise((resolve, reject) => {
        emit('first');
        signal.addEventListener('abort', () => reject(new Error('stopped')));
        setTimeout(() => resolve('never'), 10_000);
      }),
    );
    expect(tasks.poll(id, 'demo', 0)).toMatchObject({ state: 'running', events: ['first'], next: 1 });
    expect(tasks.poll(id, 'demo', 1).events).toEqual([]);
    expect(tasks.cancel(id, 'demo')).toEqual({ cancelled: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tasks.poll(id, 'demo', 1)).toMatchObject({ state: 'cancelled', error: null });
    expect(() => tasks.poll(id, 'other-kind', 0)).toThrow(/start it again/);
  });

  it('reports a failure with one plain sentence', async () => {
    const tasks = new TaskRegistry();
    const id = tasks.start('demo', () => Promise.reject(new Error('disk full\nstack...')));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tasks.poll(id, 'demo', 0)).toMatchObject({ state: 'failed', error: { code: 'INTERNAL', message: 'Unexpected error: disk full' } });
  });
});
