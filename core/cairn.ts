import { countLibrary, listDocuments } from './library';
import { openStore, readVectorIndexSpec, schemaVersion, type Store } from './store';
import type { AppStatus, DocumentSummary } from './types';
import { CAIRN_VERSION } from './version';

export interface OpenCairnOptions {
  /** The data directory (see `resolveDataDir`). Created if missing. */
  dataDir: string;
  /** A `better_sqlite3.node` built for the running runtime (the desktop app in development). */
  nativeBinding?: string;
}

/**
 * The engine behind every front end: the desktop app (through IPC), the HTTP bridge and the
 * command line all call this object and nothing below it.
 */
export class Cairn {
  readonly #store: Store;

  private constructor(store: Store) {
    this.#store = store;
  }

  static open(options: OpenCairnOptions): Cairn {
    return new Cairn(openStore(options));
  }

  get dataDir(): string {
    return this.#store.dataDir;
  }

  status(): AppStatus {
    const { db } = this.#store;
    return {
      version: CAIRN_VERSION,
      dataDir: this.#store.dataDir,
      databaseFile: this.#store.file,
      schemaVersion: schemaVersion(db),
      library: countLibrary(db),
      vectorIndex: readVectorIndexSpec(db),
    };
  }

  listDocuments(): DocumentSummary[] {
    return listDocuments(this.#store.db);
  }

  close(): void {
    this.#store.close();
  }
}
