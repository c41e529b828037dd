import type { Database } from '../sqlite';

/** One schema step. Versions rise in steps of 10; `up` runs inside the migration transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
