import type { z } from 'zod';
import type { Database } from './sqlite';

/**
 * Small typed settings kept in the library database (e.g. the chosen embedder). Values are JSON,
 * validated with the caller's schema on the way out: a value that no longer fits reads as unset.
 */
export function readSetting<T>(db: Database, key: string, schema: z.ZodType<T>): T | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return undefined;
  const parsed = schema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : undefined;
}

export function writeSetting<T>(db: Database, key: string, schema: z.ZodType<T>, value: T): void {
  const checked = schema.parse(value);
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(checked));
}
