import type { Embedder } from '../embed/types';
import type { Database } from '../store/sqlite';
import { ensureVectorIndex } from '../store/vectorIndex';
import { embeddingText } from './importFiles';

export interface ReindexProgress {
  embedded: number;
  total: number;
}

export interface ReindexResult {
  embedderId: string;
  /** True when the index was rebuilt from scratch because the embedder changed. */
  rebuilt: boolean;
  embedded: number;
}

const BATCH = 32;

/**
 * Makes every chunk's vector come from `embedder`. When the embedder changed, the old vectors are
 * dropped first (search never mixes two models); then every chunk without a vector is embedded,
 * batch by batch, each batch written in its own transaction, so an interrupted re-index resumes
 * where it stopped.
 */
export async function reindexLibrary(
  db: Database,
  embedder: Embedder,
  options: { signal?: AbortSignal; onProgress?: (progress: ReindexProgress) => void } = {},
): Promise<ReindexResult> {
  const { created } = ensureVectorIndex(db, { embedderId: embedder.id, dims: embedder.dims });
  const missing = db
    .prepare(
      `SELECT c.id, d.title, c.section_path AS section, c.text FROM chunks c JOIN documents d ON d.id = c.document_id
        WHERE c.id NOT IN (SELECT chunk_id FROM chunk_vectors) ORDER BY c.id`,
    )
    .all() as { id: number; title: string; section: string; text: string }[];
  const insert = db.prepare('INSERT INTO chunk_vectors (chunk_id, embedding) VALUES (?, ?)');
  options.onProgress?.({ embedded: 0, total: missing.length });
  for (let start = 0; start < missing.length; start += BATCH) {
    options.signal?.throwIfAborted();
    const batch = missing.slice(start, start + BATCH);
    const vectors = await embedder.embed(batch.map((c) => embeddingText(c.title, c.section, c.text)), 'passage', options.signal ? { signal: options.signal } : {});
    db.transaction(() => batch.forEach((chunk, i) => insert.run(BigInt(chunk.id), vectors[i]!)))();
    options.onProgress?.({ embedded: start + batch.length, total: missing.length });
  }
  return { embedderId: embedder.id, rebuilt: created, embedded: missing.length };
}
