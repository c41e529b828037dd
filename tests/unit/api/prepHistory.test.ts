import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type AskSnapshot, type CairnHandlers } from '../../../core/api';
import { Cairn } from '../../../core/cairn';
import { RecordsSession } from '../../../core/records/recordsSession';
import type { KeyProtector } from '../../../core/records/store/keyring';
import { bridgeCaller } from '../../support/bridgeCall';
import { pdfText } from '../../support/pdfText';
import { tinyEmbedderSpec } from '../../support/testEmbedder';

const keychain: KeyProtector = {
  backend: 'gnome_libsecret',
  encrypt: (plain) => Buffer.from(plain.map((byte) => byte ^ 0x3c)),
  decrypt: (wrapped) => Buffer.from(wrapped.map((byte) => byte ^ 0x3c)),
};

describe('the appointment list and the history of answers', () => {
  let cairn: Cairn;
  let session: RecordsSession;
  let dataDir: string;
  let handlers: CairnHandlers;
  const call = bridgeCaller(() => handlers);

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-prep-'));
    cairn = Cairn.open({ dataDir, embedder: tinyEmbedderSpec });
    await cairn.importLibrary([path.resolve(import.meta.dirname, '../../../guidelines/cancers/melanoma.md')]);
    session = new RecordsSession({ dataDir, keychain });
    handlers = createHandlers(cairn, session);
  }, 60_000);
  afterAll(async () => {
    session.close();
    await cairn.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('needs the records open, since both are personal', async () => {
    expect(await dispatch(handlers, 'prep/list', undefined)).toMatchObject({ ok: false, error: { code: 'RECORDS_LOCKED' } });
    await call('records/unlock', {});
  });

  it('keeps an answer in the history, finds it, reopens it and deletes it', async () => {
    const { taskId } = await call<{ taskId: string }>('ask/start', { question: 'Is surgery an option for metastatic melanoma?', mode: 'extractive' });
    let snapshot: AskSnapshot;
    do {
      await new Promise((resolve) => setTimeout(resolve, 20));
      snapshot = await call<AskSnapshot>('ask/poll', { taskId, after: 0 });
    } while (snapshot.state === 'running');
    const history = await call<{ id: number; question: string; title: string }[]>('history/list', {});
    expect(history).toEqual([expect.objectContaining({ question: 'Is surgery an option for metastatic melanoma?', title: snapshot.result!.title })]);
    expect(await call('history/list', { search: 'SURGERY' })).toHaveLength(1);
    expect(await call('history/list', { search: 'pancreas' })).toHaveLength(0);
    expect(await call('history/get', { id: history[0]!.id })).toEqual(snapshot.result);
    await call('history/delete', { id: history[0]!.id });
    expect(await call('history/list')).toEqual([]);
  });

  it('collects questions once each, in the order the person wants, with their notes, and prints them', async () => {
    await call('prep/add', { question: 'Could surgery remove the tumors in my liver?', why: 'Surgery is sometimes possible when there are only a few tumors.' });
    await call('prep/add', { question: 'Which treatments fit my BRAF V600E result?', why: 'Some medicines work only for this change.' });
    let list = await call<{ id: number; question: string; note: string }[]>('prep/add', { question: 'Could surgery remove the tumors in my liver?' });
    expect(list.map((item) => item.question)).toEqual(['Could surgery remove the tumors in my liver?', 'Which treatments fit my BRAF V600E result?']);
    list = await call('prep/reorder', { ids: [list[1]!.id, list[0]!.id] });
    list = await call('prep/update', { id: list[0]!.id, note: 'Ask about trials too ≥ 2 options' });
    expect(list[0]).toMatchObject({ question: 'Which treatments fit my BRAF V600E result?', note: 'Ask about trials too ≥ 2 options' });
    expect(await dispatch(handlers, 'prep/reorder', { ids: [list[0]!.id] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const { fileName, base64 } = await call<{ fileName: string; base64: string }>('prep/pdf');
    expect(fileName).toMatch(/^cairn-questions-\d{4}-\d{2}-\d{2}\.pdf$/);
    const text = (await pdfText(new Uint8Array(Buffer.from(base64, 'base64')))).replace(/\s+/g, ' ');
    expect(text).toContain('Questions for my oncology team');
    expect(text.indexOf('1. Which treatments fit my BRAF V600E result?')).toBeGreaterThan(-1);
    expect(text.indexOf('2. Could surgery remove the tumors in my liver?')).toBeGreaterThan(text.indexOf('1. Which treatments'));
    expect(text).toContain('My note: Ask about trials too >= 2 options');
    expect(text).toContain('not medical advice');
  });
});
