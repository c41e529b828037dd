import type { Database } from './sqlite';

/** What the vector table was built with. Search never mixes vectors from two embedders. */
export interface VectorIndexSpec {
  embedderId: string;
  dims: number;
}

export interface EnsureVectorIndexResult {
  /** True when the table was (re)created empty: every chunk needs embedding again. */
  created: boolean;
  previous: VectorIndexSpec | null;
}

const MAX_DIMS = 8192;

export function readVectorIndexSpec(db: Database): VectorIndexSpec | null {
  const row = db.prepare('SELECT embedder_id AS embedderId, dims FROM vector_index WHERE id = 1').get() as
    | VectorIndexSpec
    | undefined;
  return row ?? null;
}

/**
 * Makes `chunk_vectors` (sqlite-vec vec0, cosine distance) match the active embedder. When the
 * embedder or its width changed, the old vectors are dropped in the same transaction that
 * records the new embedder, so a half-switched index can't exist.
 */
export function ensureVectorIndex(db: Database, spec: VectorIndexSpec): EnsureVectorIndexResult {
  if (!Number.isInteger(spec.dims) || spec.dims < 1 || spec.dims > MAX_DIMS) {
    throw new RangeError(`Embedding width must be a whole number from 1 to ${MAX_DIMS}, got ${spec.dims}.`);
  }
  if (!spec.embedderId.trim()) throw new RangeError('Embedder id must not be empty.');

  const previous = readVectorIndexSpec(db);
  const tableExists = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'chunk_vectors'")
    .get() !== undefined;
  if (tableExists && previous?.embedderId === spec.embedderId && previous.dims === spec.dims) {
    return { created: false, previous };
  }

  db.transaction(() => {
    db.exec('DROP TRIGGER IF EXISTS chunk_vectors_delete; DROP TABLE IF EXISTS chunk_vectors;');
    // vec0 takes its width in the DDL; dims is a checked integer.
    db.exec(`CREATE VIRTUAL TABLE chunk_vectors USING vec0(
      chunk_id INTEGER PRIMARY KEY,
      embedding FLOAT[${spec.dims}] distance_metric=cosine
    )`);
    db.exec(`CREATE TRIGGER chunk_vectors_delete AFTER DELETE ON chunks BEGIN
      DELETE FROM chunk_vectors WHERE chunk_id = old.id;
    END`);
    db.prepare(
      `INSERT INTO vector_index (id, embedder_id, dims, created_at) VALUES (1, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET embedder_id = excluded.embedder_id, dims = excluded.dims, created_at = excluded.created_at`,
    ).run(spec.embedderId, spec.dims, new Date().toISOString());
  }).immediate();

  return { created: true, previous };
}
