import DatabaseConstructor from 'better-sqlite3-multiple-ciphers';
import * as sqliteVec from 'sqlite-vec';

/**
 * The project's one SQLite binding: better-sqlite3-multiple-ciphers (better-sqlite3's API, with
 * SQLite3 Multiple Ciphers bundled so the records store can be encrypted later without a second
 * binding; see docs/ARCHITECTURE.md). Everything else imports `Database` from here.
 */
export type Database = DatabaseConstructor.Database;

export interface ConnectOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
  /**
   * Path of a `better_sqlite3.node` built for the running runtime. The desktop app in development
   * passes one built for Electron's ABI, so node_modules stays built for Node (and for `npm test`).
   */
  nativeBinding?: string;
}

/** Opens a connection with sqlite-vec loaded. Sets no pragmas: callers choose them. */
export function connect(file: string, options: ConnectOptions = {}): Database {
  const db = new DatabaseConstructor(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.fileMustExist ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    sqliteVec.load(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
