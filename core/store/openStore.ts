import fs from 'node:fs';
import path from 'node:path';
import { CairnError, firstLineOf } from '../errors';
import { dataDirLayout } from '../paths';
import { prepareDataDir } from './dataDir';
import { migrate, schemaVersion, type MigrationResult } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';
import { connect, type Database } from './sqlite';

/** 'CAIR' in ASCII: marks a SQLite file as Cairn's, so a foreign database is never touched. */
export const CAIRN_APPLICATION_ID = 0x43414952;
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface OpenStoreOptions {
  /** The data directory; created if missing. */
  dataDir: string;
  /** See `ConnectOptions.nativeBinding`. */
  nativeBinding?: string;
  /** Defaults to every migration this build has; tests pass their own lists. */
  migrations?: readonly Migration[];
}

export interface Store {
  readonly db: Database;
  readonly file: string;
  readonly dataDir: string;
  readonly migration: MigrationResult;
  close(): void;
}

/**
 * Opens (or creates) `cairn.db` in the data directory: checks that an existing file is an intact
 * Cairn database before writing a byte to it, then turns on WAL and foreign keys, loads
 * sqlite-vec and runs pending migrations in one transaction.
 */
export function openStore(options: OpenStoreOptions): Store {
  const dataDir = path.resolve(options.dataDir);
  prepareDataDir(dataDir);
  const file = path.join(dataDir, dataDirLayout.database);
  const connectOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};

  if (fileHasContent(file)) verifyExistingDatabase(file, connectOptions);

  const db = connect(file, connectOptions);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Vector search reads every vector; memory-mapped reads skip copying them through the page
    // cache (about a third faster on a 100k-chunk library).
    db.pragma('mmap_size = 1073741824');
    if (schemaVersion(db) === 0) db.pragma(`application_id = ${CAIRN_APPLICATION_ID}`);
    const migration = migrate(db, options.migrations ?? MIGRATIONS);
    return {
      db,
      file,
      dataDir,
      migration,
      close: () => {
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

function fileHasContent(file: string): boolean {
  try {
    return fs.statSync(file).size > 0;
  } catch {
    return false;
  }
}

/** Read-only checks, so a damaged or foreign file is reported and left exactly as it was. */
function verifyExistingDatabase(file: string, connectOptions: { nativeBinding?: string }): void {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, header.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) {
    throw new CairnError('DATABASE_FOREIGN', `${file} is not a Cairn database (it is not an SQLite file, or it is encrypted). Cairn left it untouched; move it away or choose another data directory.`);
  }

  let db: Database | undefined;
  try {
    db = connect(file, { ...connectOptions, readonly: true, fileMustExist: true });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const tableCount = (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n;
    if (applicationId !== CAIRN_APPLICATION_ID && (applicationId !== 0 || tableCount > 0)) {
      throw new CairnError('DATABASE_FOREIGN', `${file} is an SQLite database that belongs to another program. Cairn left it untouched; choose another data directory.`);
    }
  } catch (error) {
    if (error instanceof CairnError) throw error;
    throw new CairnError('DATABASE_DAMAGED', `The library database ${file} is damaged (${firstLineOf(error)}). Cairn left it untouched; restore it from a backup or move it away to start a new library.`, { cause: error });
  } finally {
    db?.close();
  }
}
