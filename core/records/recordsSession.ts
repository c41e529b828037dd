import { CairnError } from '../errors';
import { deleteAllData, type DeleteAllResult } from './deleteAllData';
import { Records } from './records';
import { addKeyringSlot, keyringSlots, unlockKeyring, type KeyProtector } from './store/keyring';

/** What the app shows before the records are open. */
export interface RecordsStatus {
  /** True once records (or a key) exist in this data directory. */
  exists: boolean;
  unlocked: boolean;
  /** True when opening needs the person's passphrase (no usable keychain slot). */
  needsPassphrase: boolean;
  /** The OS keychain that keeps the key, or null. */
  keychain: string | null;
  /** Why the keychain is not used, when it is not (e.g. Linux without a secret service). */
  keychainWarning: string | null;
}

export interface RecordsSessionOptions {
  dataDir: string;
  nativeBinding?: string;
  /** The OS keychain (the desktop app's `safeStorage`), or null where there is none. */
  keychain: KeyProtector | null;
  keychainWarning?: string | null;
}

/**
 * The records as the app holds them: locked until opened, then kept open. With a keychain the
 * key is made and unwrapped without asking; a store made with a passphrase (on the command line)
 * asks for it once, then the keychain keeps the key too. Without a keychain, a passphrase
 * every session.
 */
export class RecordsSession {
  #records: Records | null = null;

  constructor(private readonly options: RecordsSessionOptions) {}

  status(): RecordsStatus {
    const slots = keyringSlots(this.options.dataDir);
    const keychain = this.options.keychain;
    return {
      exists: slots !== null,
      unlocked: this.isOpen,
      needsPassphrase: !this.isOpen && (keychain === null || (slots !== null && slots.os === null)),
      keychain: slots?.os ?? (slots === null ? (keychain?.backend ?? null) : null),
      keychainWarning: this.options.keychainWarning ?? null,
    };
  }

  /** Whether the records are open now (no file is read, unlike `status()`). */
  get isOpen(): boolean {
    return this.#records !== null;
  }

  /** Opens the records: with the keychain when it can, else with `passphrase`. */
  unlock(passphrase?: string): RecordsStatus {
    if (this.#records) return this.status();
    const { dataDir, keychain } = this.options;
    const slots = keyringSlots(dataDir);
    const open = (unlock: Parameters<typeof Records.open>[0]['unlock']) =>
      Records.open({ dataDir, unlock, ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}) });

    if (keychain && (slots === null || slots.os !== null)) {
      this.#records = open({ kind: 'os', protector: keychain });
      // A passphrase given at creation is kept as a second way in (for the command line).
      if (slots === null && passphrase) addKeyringSlot(dataDir, unlockKeyring(dataDir, { kind: 'os', protector: keychain }), { kind: 'passphrase', passphrase });
      return this.status();
    }
    if (!passphrase) throw new CairnError('RECORDS_LOCKED', 'Type your passphrase to open your records.');
    this.#records = open({ kind: 'passphrase', passphrase });
    if (keychain) addKeyringSlot(dataDir, unlockKeyring(dataDir, { kind: 'passphrase', passphrase }), { kind: 'os', protector: keychain });
    return this.status();
  }

  /** The open records. @throws CairnError RECORDS_LOCKED when they are not open yet. */
  records(): Records {
    if (!this.#records) throw new CairnError('RECORDS_LOCKED', 'Your records are locked; open them first.');
    return this.#records;
  }

  /** Deletes every record, the profile, the edits and the key (no passphrase needed). */
  deleteAll(): DeleteAllResult {
    this.close();
    return deleteAllData(this.options.dataDir, this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {});
  }

  close(): void {
    this.#records?.close();
    this.#records = null;
  }
}
