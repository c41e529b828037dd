import type { Migration } from './types';

/**
 * A read-only view of the BM25 index's vocabulary (`fts5vocab`, one row per term with the number
 * of chunks that contain it), so search can leave out terms found in most chunks: their BM25
 * weight is ~0 anyway, and on a large library they cost most of the query time.
 */
export const termStatistics: Migration = {
  version: 30,
  name: 'term-statistics',
  up(db) {
    db.exec('CREATE VIRTUAL TABLE chunks_fts_vocab USING fts5vocab(chunks_fts, row);');
  },
};
