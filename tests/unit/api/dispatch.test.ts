import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, createHandlers, dispatch, type CairnHandlers } from '../../../core/api';
import { Cairn } from '../../../core/cairn';
import { RecordsSession } from '../../../core/records/recordsSession';
import { tempDir } from '../../support/tempDir';

describe('bridge dispatch over the real core', () => {
  let cairn: Cairn;
  let handlers: CairnHandlers;

  beforeEach(() => {
    cairn = Cairn.open({ dataDir: tempDir() });
    handlers = createHandlers(cairn, new RecordsSession({ dataDir: cairn.dataDir, keychain: null }));
  });
  afterEach(() => cairn.close());

  it('answers a valid call', async () => {
    const result = await dispatch(handlers, 'app/status', undefined);
    expect(result).toMatchObject({ ok: true, value: { dataDir: cairn.dataDir, library: { documents: 0 } } });
    expect(await dispatch(handlers, 'library/list', undefined)).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['an unknown method', 'fs/read-file', undefined, 'UNKNOWN_METHOD'],
    ['a prototype key', '__proto__', undefined, 'UNKNOWN_METHOD'],
    ['a non-string name', 42, undefined, 'UNKNOWN_METHOD'],
    ['unexpected input', 'library/list', { path: '/etc/passwd' }, 'INVALID_INPUT'],
  ])('refuses %s before any handler runs', async (_what, name, input, code) => {
    const result = await dispatch(handlers, name, input);
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (!result.ok) expect(result.error.message).not.toContain('\n');
  });

  it('turns a failing handler into a plain error result', async () => {
    await cairn.close();
    const result = await dispatch(handlers, 'app/status', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/^Unexpected error: /) } });
  });

  it('gives clients a typed API that throws the error with its code', async () => {
    const api = createApiClient((name, input) => dispatch(handlers, name, input));
    expect((await api.invoke('app/status')).library.chunks).toBe(0);
    const broken = createApiClient(async () => ({ ok: false, error: { code: 'INVALID_INPUT', message: 'No.' } }));
    await expect(broken.invoke('library/list')).rejects.toMatchObject({ name: 'BridgeError', code: 'INVALID_INPUT', message: 'No.' });
  });
});
