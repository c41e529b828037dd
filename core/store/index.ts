export { openStore, CAIRN_APPLICATION_ID, type Store, type OpenStoreOptions } from './openStore';
export { migrate, schemaVersion, assertMigrationOrder, type MigrationResult } from './migrate';
export { MIGRATIONS, type Migration } from './migrations';
export { ensureVectorIndex, readVectorIndexSpec, type VectorIndexSpec } from './vectorIndex';
export { connect, type Database } from './sqlite';
export { readSetting, writeSetting } from './settings';
