import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type CairnHandlers, type LibrarySnapshot, type ModelSnapshot } from '../../../core/api';
import { Cairn } from '../../../core/cairn';
import { RecordsSession } from '../../../core/records/recordsSession';
import { fixturePaths } from '../../../scripts/fixtures/generateFixtures';
import { bridgeCaller } from '../../support/bridgeCall';
import { tinyEmbedderSpec } from '../../support/testEmbedder';

const PACK_FILE = path.resolve(import.meta.dirname, '../../../guidelines/cancers/melanoma.md');

describe('library and model work through the bridge, with progress', () => {
  let cairn: Cairn;
  let dataDir: string;
  let handlers: CairnHandlers;
  const call = bridgeCaller(() => handlers);
  async function settle<S extends { state: string; events: unknown[]; next: number }>(poll: string, taskId: string): Promise<S & { allEvents: unknown[] }> {
    const allEvents: unknown[] = [];
    let after = 0;
    for (;;) {
      const snapshot = await call<S>(poll, { taskId, after });
      allEvents.push(...snapshot.events);
      after = snapshot.next;
      if (snapshot.state !== 'running') return { ...snapshot, allEvents };
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-bridge-work-'));
    cairn = Cairn.open({ dataDir, embedder: tinyEmbedderSpec });
    handlers = createHandlers(cairn, new RecordsSession({ dataDir, keychain: null }));
  });
  afterAll(async () => {
    await cairn.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports a guideline with per-file progress, then removes it', async () => {
    const { taskId } = await call<{ taskId: string }>('library/import', { paths: [PACK_FILE] });
    const done = await settle<LibrarySnapshot>('library/poll', taskId);
    expect(done.state).toBe('done');
    expect(done.result).toMatchObject({ added: [expect.objectContaining({ file: PACK_FILE })], failed: [], cancelled: false });
    expect(done.allEvents).toContainEqual(expect.objectContaining({ type: 'import', progress: expect.objectContaining({ phase: 'embedding', fileIndex: 1, fileCount: 1 }) as object }));
    const [document] = await call<{ id: number }[]>('library/list');
    expect(await call('library/remove', { id: document!.id })).toEqual({ removed: document!.id });
    expect(await call('library/list')).toEqual([]);
  });

  it('reports a file that cannot be imported, in one sentence, and goes on', async () => {
    const empty = path.join(dataDir, 'empty.pdf');
    fs.writeFileSync(empty, '');
    const { taskId } = await call<{ taskId: string }>('library/import', { paths: [empty] });
    const done = await settle<LibrarySnapshot>('library/poll', taskId);
    expect(done.result).toMatchObject({ failed: [{ file: empty, reason: expect.stringMatching(/empty/i) as string }] });
  });

  it('imports a model file with a load check, makes it active, and removes it', async () => {
    const { taskId } = await call<{ taskId: string }>('models/import', { path: fixturePaths.tinyGguf });
    const done = await settle<ModelSnapshot>('models/poll', taskId);
    expect(done.state, JSON.stringify(done.error)).toBe('done');
    const listing = await call<{ activeModel: string | null; installed: { id: string; active: boolean }[] }>('models/list');
    expect(listing.activeModel).toBe(done.result!.id);
    expect(await call('models/remove', { id: done.result!.id })).toMatchObject({ removed: expect.anything() as unknown });
    expect((await call<{ installed: unknown[] }>('models/list')).installed).toEqual([]);
  });

  it('refuses what is not valid before any work starts', async () => {
    expect(await dispatch(handlers, 'library/import', { paths: ['relative.pdf'] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch(handlers, 'models/download', { id: 'no-such-model' })).toMatchObject({ ok: false });
    expect(await dispatch(handlers, 'models/use', { id: 'no-such-model' })).toMatchObject({ ok: false });
  });
});
