import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordsKeychain, type KeychainStorage } from '../../../electron/recordsKeychain';

/** Electron's safeStorage needs the OS keychain; this one encrypts with a fixed AES key so the round trip is real. */
function fakeSafeStorage(backend: ReturnType<KeychainStorage['getSelectedStorageBackend']>, available = true): KeychainStorage {
  const key = crypto.randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => {
      const iv = crypto.randomBytes(16);
      const cipher = crypto.createCipheriv('aes-256-cbc', key, iv);
      return Buffer.concat([iv, cipher.update(text, 'utf8'), cipher.final()]);
    },
    decryptString: (data) => {
      const decipher = crypto.createDecipheriv('aes-256-cbc', key, data.subarray(0, 16));
      return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]).toString('utf8');
    },
  };
}

describe('the OS keychain for the records key', () => {
  it('wraps and unwraps the 32-byte key, naming the backend', () => {
    const state = recordsKeychain(fakeSafeStorage('gnome_libsecret'), 'linux');
    expect(state.warning).toBeNull();
    const key = crypto.randomBytes(32);
    const wrapped = state.protector!.encrypt(key);
    expect(wrapped.includes(key)).toBe(false);
    expect(state.protector!.decrypt(wrapped).equals(key)).toBe(true);
    expect(state.protector!.backend).toBe('gnome_libsecret');
  });

  it('names the platform keychain on macOS and Windows', () => {
    expect(recordsKeychain(fakeSafeStorage('unknown'), 'darwin').protector?.backend).toBe('keychain');
    expect(recordsKeychain(fakeSafeStorage('unknown'), 'win32').protector?.backend).toBe('dpapi');
  });

  it('refuses the plain-text fallback on Linux and says why', () => {
    const state = recordsKeychain(fakeSafeStorage('basic_text'), 'linux');
    expect(state.protector).toBeNull();
    expect(state.warning).toMatch(/no keychain service/);
  });

  it('asks for a passphrase when encryption is unavailable', () => {
    expect(recordsKeychain(fakeSafeStorage('kwallet5', false), 'linux').warning).toMatch(/passphrase/);
  });
});
