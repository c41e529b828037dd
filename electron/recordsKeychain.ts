import type { SafeStorage } from 'electron';
import type { KeyProtector } from '../core/records/store/keyring';

/** The parts of Electron's `safeStorage` the records key needs (Electron 41 has only the sync API). */
export type KeychainStorage = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

export type KeychainState = { protector: KeyProtector; warning: null } | { protector: null; warning: string };

/**
 * The OS keychain as a key protector for the records key: macOS Keychain, Windows DPAPI, or on
 * Linux kwallet/libsecret. On Linux without a secret service Electron falls back to
 * `basic_text`, which protects nothing: then there is no protector, and the app asks for a
 * passphrase instead, saying why.
 */
export function recordsKeychain(safeStorage: KeychainStorage, platform: NodeJS.Platform): KeychainState {
  if (!safeStorage.isEncryptionAvailable()) {
    return { protector: null, warning: "This computer's keychain is not available, so Cairn protects your records with a passphrase." };
  }
  const backend = platform === 'darwin' ? 'keychain' : platform === 'win32' ? 'dpapi' : safeStorage.getSelectedStorageBackend();
  if (backend === 'basic_text' || backend === 'unknown') {
    return { protector: null, warning: 'This computer has no keychain service (such as GNOME Keyring or KWallet), so Cairn protects your records with a passphrase.' };
  }
  return {
    warning: null,
    protector: {
      backend,
      // safeStorage encrypts strings; the 32-byte key travels as hex and is wiped from the buffer copy after use.
      encrypt: (plain) => safeStorage.encryptString(plain.toString('hex')),
      decrypt: (wrapped) => Buffer.from(safeStorage.decryptString(wrapped), 'hex'),
    },
  };
}
