import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type CairnHandlers } from '../../../core/api';
import { Cairn } from '../../../core/cairn';
import { RecordsSession } from '../../../core/records/recordsSession';
import { keyringSlots, type KeyProtector } from '../../../core/records/store/keyring';
import { fixturePaths } from '../../../scripts/fixtures/generateFixtures';
import { tempDir } from '../../support/tempDir';

/** A stand-in for the OS keychain (Electron safeStorage needs a desktop session). */
const keychain: KeyProtector = {
  backend: 'gnome_libsecret',
  encrypt: (plain) => Buffer.from(plain.map((byte) => byte ^ 0xa5)),
  decrypt: (wrapped) => Buffer.from(wrapped.map((byte) => byte ^ 0xa5)),
};

describe('records through the app bridge', () => {
  const open: { cairn: Cairn; session: RecordsSession }[] = [];
  const bridge = (dataDir: string, protector: KeyProtector | null) => {
    const cairn = Cairn.open({ dataDir });
    const session = new RecordsSession({ dataDir, keychain: protector });
    open.push({ cairn, session });
    const handlers: CairnHandlers = createHandlers(cairn, session);
    return <K extends keyof CairnHandlers>(name: K, input?: unknown) => dispatch(handlers, name, input);
  };
  afterEach(async () => {
    for (const { cairn, session } of open.splice(0)) {
      session.close();
      await cairn.close();
    }
  });

  it('opens with the keychain without asking, imports, corrects and deletes everything', async () => {
    const dataDir = tempDir();
    const call = bridge(dataDir, keychain);
    expect(await call('records/status')).toMatchObject({ ok: true, value: { exists: false, unlocked: false, needsPassphrase: false, keychain: 'gnome_libsecret' } });
    expect(await call('records/list')).toMatchObject({ ok: false, error: { code: 'RECORDS_LOCKED' } });
    expect(await call('records/unlock', {})).toMatchObject({ ok: true, value: { exists: true, unlocked: true } });
    expect(keyringSlots(dataDir)).toEqual({ passphrase: false, os: 'gnome_libsecret' });

    const imported = await call('records/import', { path: path.join(fixturePaths.recordsDir, 'breast-pathology-2025-06.txt') });
    expect(imported).toMatchObject({ ok: true, value: { alreadyImported: false, profile: { cancerType: { value: 'Breast cancer' } } } });
    const edited = await call('records/edit', { field: 'stage', action: 'set', value: 'IIB' });
    expect(edited).toMatchObject({ ok: true, value: { profile: { stage: { value: 'IIB', source: 'person' } } } });
    expect(await call('records/edit', { field: 'stage', action: 'set', value: 'stage seven' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    expect(await call('records/deleteAll', { confirm: true })).toMatchObject({ ok: true, value: { removed: expect.arrayContaining(['records.db', 'records-key.json']) as string[] } });
    expect(await call('records/status')).toMatchObject({ ok: true, value: { exists: false, unlocked: false } });
  });

  it('asks once for the passphrase of records made on the command line, then lets the keychain keep the key', async () => {
    const dataDir = tempDir();
    const cli = new RecordsSession({ dataDir, keychain: null });
    cli.unlock('command line passphrase');
    cli.close();

    const call = bridge(dataDir, keychain);
    expect(await call('records/status')).toMatchObject({ ok: true, value: { exists: true, needsPassphrase: true, keychain: null } });
    expect(await call('records/unlock', {})).toMatchObject({ ok: false, error: { code: 'RECORDS_LOCKED' } });
    expect(await call('records/unlock', { passphrase: 'wrong passphrase' })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    expect(await call('records/unlock', { passphrase: 'command line passphrase' })).toMatchObject({ ok: true, value: { unlocked: true } });
    expect(keyringSlots(dataDir)).toEqual({ passphrase: true, os: 'gnome_libsecret' });

    const next = bridge(dataDir, keychain);
    expect(await next('records/unlock', {})).toMatchObject({ ok: true, value: { unlocked: true } });
  });

  it('validates what the page sends', async () => {
    const call = bridge(tempDir(), keychain);
    await call('records/unlock', {});
    expect(await call('records/import', { path: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('records/remove', { id: -1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('records/list', { profileId: '../other' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('records/deleteAll', { confirm: false })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('records/remove', { id: 99 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
