import { CairnError } from '../errors';
import type { Database } from './sqlite';
import type { Migration } from './migrations';

export interface MigrationResult {
  from: number;
  to: number;
  applied: string[];
}

/** Checks that versions are positive whole numbers that only rise. A programming error if not. */
export function assertMigrationOrder(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const migration of migrations) {
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new Error(
        `Migration ${migration.version}-${migration.name} is out of order (after ${previous}).`,
      );
    }
    previous = migration.version;
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to the newest migration. All pending migrations run in one transaction:
 * either every one is applied and `user_version` moves, or nothing changes. A database written by
 * a newer Cairn (a version this build does not know) is refused, never downgraded.
 */
export function migrate(db: Database, migrations: readonly Migration[]): MigrationResult {
  assertMigrationOrder(migrations);
  const from = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new CairnError(
      'DATABASE_TOO_NEW',
      `This library was written by a newer version of Cairn (schema ${from}; this version knows up to ${latest}). Update Cairn to open it.`,
    );
  }
  const pending = migrations.filter((migration) => migration.version > from);
  if (pending.length === 0) return { from, to: from, applied: [] };

  db.transaction(() => {
    for (const migration of pending) migration.up(db);
    // PRAGMA takes no bound parameters; the value is an integer we checked above.
    db.pragma(`user_version = ${latest}`);
  }).immediate();

  return { from, to: latest, applied: pending.map((m) => `${m.version}-${m.name}`) };
}
