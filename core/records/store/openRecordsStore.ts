import fs from 'node:fs';
import path from 'node:path';
import { CairnError, firstLineOf } from '../../errors';
import { dataDirLayout } from '../../paths';
import { prepareDataDir } from '../../store/dataDir';
import { migrate } from '../../store/migrate';
import { connect, type Database } from '../../store/sqlite';
import { createKeyring, keyringExists, unlockKeyring, type RecordsUnlock } from './keyring';
import { RECORDS_MIGRATIONS } from './migrations';

/** 'CRCD': marks the encrypted file as Cairn's records store. */
export const RECORDS_APPLICATION_ID = 0x43524344;

export interface RecordsStore {
  readonly db: Database;
  readonly file: string;
  readonly dataDir: string;
  close(): void;
}

export interface OpenRecordsOptions {
  dataDir: string;
  unlock: RecordsUnlock;
  /** See `ConnectOptions.nativeBinding`. */
  nativeBinding?: string;
}

export function recordsDatabasePath(dataDir: string): string {
  return path.join(dataDir, dataDirLayout.recordsDatabase);
}

/**
 * Opens `records.db`, encrypted with SQLite3 Multiple Ciphers (ChaCha20-Poly1305, every page
 * authenticated) under the key from the keyring; on first use makes the key and the file.
 * Temp tables and sorts stay in memory (an encrypted database's temp files would be plain), and
 * deleted rows are overwritten (secure_delete), so removed text does not linger in free pages.
 */
export function openRecordsStore(options: OpenRecordsOptions): RecordsStore {
  const dataDir = path.resolve(options.dataDir);
  prepareDataDir(dataDir);
  const file = recordsDatabasePath(dataDir);
  const fresh = !keyringExists(dataDir);
  if (fresh && fileHasContent(file)) {
    throw new CairnError('RECORDS_LOCKED', `${file} exists but its key file is gone, so it cannot be opened. Move it away to start new records.`);
  }
  const key = fresh ? createKeyring(dataDir, options.unlock) : unlockKeyring(dataDir, options.unlock);
  const db = connect(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma("cipher = 'chacha20'");
    // A raw 256-bit key (x'..'): no key derivation on every open; the keyring did that once.
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    key.fill(0);
    probe(db, file);
    db.pragma('temp_store = MEMORY');
    db.pragma('secure_delete = ON');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    if (applicationId === 0) db.pragma(`application_id = ${RECORDS_APPLICATION_ID}`);
    else if (applicationId !== RECORDS_APPLICATION_ID) throw new CairnError('DATABASE_FOREIGN', `${file} is not Cairn's records store. Cairn left it untouched.`);
    migrate(db, RECORDS_MIGRATIONS);
    return {
      db,
      file,
      dataDir,
      close: () => {
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A wrong key is not refused by `PRAGMA key`; the first read is. */
function probe(db: Database, file: string): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    throw new CairnError('RECORDS_LOCKED', `The records store ${file} cannot be opened with its key (${firstLineOf(error)}); it may be damaged or from another installation.`, { cause: error });
  }
}

function fileHasContent(file: string): boolean {
  try {
    return fs.statSync(file).size > 0;
  } catch {
    return false;
  }
}
