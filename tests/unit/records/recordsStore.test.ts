import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CairnError } from '../../../core/errors';
import { addKeyringSlot, keyringPath, keyringSlots, unlockKeyring, type KeyProtector } from '../../../core/records/store/keyring';
import { openRecordsStore, recordsDatabasePath } from '../../../core/records/store/openRecordsStore';
import { connect } from '../../../core/store/sqlite';
import { tempDir } from '../../support/tempDir';

const passphrase = { kind: 'passphrase', passphrase: 'correct horse battery' } as const;
const MARKER = 'Zanzibar-4471 adenocarcinoma';

/** A stand-in for Electron safeStorage: the real one needs the OS keychain. XOR is enough to prove the slot round-trips. */
const fakeKeychain = (backend = 'gnome_libsecret'): KeyProtector => ({
  backend,
  encrypt: (plain) => Buffer.from(plain.map((byte) => byte ^ 0x5a)),
  decrypt: (wrapped) => Buffer.from(wrapped.map((byte) => byte ^ 0x5a)),
});

function everyFileContains(dir: string, needle: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => fs.readFileSync(file).includes(needle));
}

describe('the encrypted records store', () => {
  it('keeps record text unreadable on disk, and readable with the passphrase', () => {
    const dataDir = tempDir();
    const store = openRecordsStore({ dataDir, unlock: passphrase });
    store.db.prepare("INSERT INTO profile_edits (profile_id, field, action, value, edited_at) VALUES ('me', 'note', 'set', ?, 'now')").run(JSON.stringify(MARKER));
    // Before close: the text sits in the WAL, which must be encrypted too.
    expect(everyFileContains(dataDir, MARKER)).toEqual([]);
    store.close();
    expect(everyFileContains(dataDir, MARKER)).toEqual([]);
    expect(fs.readFileSync(recordsDatabasePath(dataDir)).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    // The keyring holds no key in the clear: it only has wrapped slots.
    expect(Object.keys(JSON.parse(fs.readFileSync(keyringPath(dataDir), 'utf8')) as object)).toEqual(['format', 'version', 'createdAt', 'slots']);

    const again = openRecordsStore({ dataDir, unlock: passphrase });
    expect(again.db.prepare('SELECT value FROM profile_edits').pluck().get()).toBe(JSON.stringify(MARKER));
    again.close();
  });

  it('refuses a wrong passphrase with one sentence, and a plain SQLite connection cannot read the file', () => {
    const dataDir = tempDir();
    openRecordsStore({ dataDir, unlock: passphrase }).close();
    expect(() => openRecordsStore({ dataDir, unlock: { kind: 'passphrase', passphrase: 'wrong horse battery' } })).toThrowError(
      expect.objectContaining({ code: 'WRONG_PASSPHRASE', message: 'That passphrase does not unlock your records.' }) as Error,
    );
    const plain = connect(recordsDatabasePath(dataDir));
    expect(() => plain.prepare('SELECT count(*) FROM sqlite_schema').get()).toThrow(/not a database/);
    plain.close();
  });

  it('refuses passphrases shorter than 8 characters when creating the store', () => {
    const dataDir = tempDir();
    expect(() => openRecordsStore({ dataDir, unlock: { kind: 'passphrase', passphrase: 'short' } })).toThrow(CairnError);
    expect(fs.existsSync(keyringPath(dataDir))).toBe(false);
  });

  it('opens the same store from the OS keychain slot once one is added, and notes its backend', () => {
    const dataDir = tempDir();
    openRecordsStore({ dataDir, unlock: passphrase }).close();
    expect(() => openRecordsStore({ dataDir, unlock: { kind: 'os', protector: fakeKeychain() } })).toThrowError(expect.objectContaining({ code: 'RECORDS_LOCKED' }) as Error);
    addKeyringSlot(dataDir, unlockKeyring(dataDir, passphrase), { kind: 'os', protector: fakeKeychain() });
    expect(keyringSlots(dataDir)).toEqual({ passphrase: true, os: 'gnome_libsecret' });
    const store = openRecordsStore({ dataDir, unlock: { kind: 'os', protector: fakeKeychain() } });
    expect(store.db.prepare('SELECT count(*) FROM records').pluck().get()).toBe(0);
    store.close();
  });

  it('will not keep the key in a keychain that stores it as plain text', () => {
    const dataDir = tempDir();
    expect(() => openRecordsStore({ dataDir, unlock: { kind: 'os', protector: fakeKeychain('basic_text') } })).toThrow(/no keychain/);
  });

  it('refuses to start over when the key file is gone but the store is not', () => {
    const dataDir = tempDir();
    openRecordsStore({ dataDir, unlock: passphrase }).close();
    fs.rmSync(keyringPath(dataDir));
    expect(() => openRecordsStore({ dataDir, unlock: passphrase })).toThrow(/key file is gone/);
  });
});
