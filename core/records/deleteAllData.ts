import fs from 'node:fs';
import path from 'node:path';
import { dataDirLayout } from '../paths';
import { openStore } from '../store';
import { destroyKeyring, keyringPath } from './store/keyring';
import { recordsDatabasePath } from './store/openRecordsStore';
import { compact } from './store/recordsRepository';

export interface DeleteAllResult {
  /** Files removed from the data directory (records store, its journal files, the key). */
  removed: string[];
}

/**
 * "Delete all my data": the records store with every original, text, extracted fact and edit,
 * its journal files and the key. Without the key no copy of the store (a backup, a recovered
 * sector) can be read again. The library database is then VACUUMed, so nothing personal that
 * ever passed through it survives in free pages. Works without the passphrase: forgetting it
 * must not stop anyone from deleting their records. The guideline library is not personal data
 * and stays.
 */
export function deleteAllData(dataDir: string, options: { nativeBinding?: string } = {}): DeleteAllResult {
  const database = recordsDatabasePath(dataDir);
  const candidates = [database, `${database}-wal`, `${database}-shm`, `${database}-journal`, keyringPath(dataDir)];
  const removed = candidates.filter((file) => fs.existsSync(file));
  for (const file of removed) {
    if (file === keyringPath(dataDir)) destroyKeyring(dataDir);
    else fs.rmSync(file, { force: true });
  }
  if (fs.existsSync(path.join(dataDir, dataDirLayout.database))) {
    const store = openStore({ dataDir, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    try {
      compact(store);
    } finally {
      store.close();
    }
  }
  return { removed: removed.map((file) => path.basename(file)) };
}
