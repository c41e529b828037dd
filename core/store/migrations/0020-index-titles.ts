import type { Migration } from './types';

/**
 * Retrieval needs the document title and section path in the BM25 index with their own weights,
 * so `chunks_fts` becomes a table with its own content (title, section_path, text) written by the
 * importer, and removed with its chunk by a trigger. Documents also remember the hash of the file
 * they came from, so importing the same file again changes nothing. Settings hold the choice of
 * embedder.
 */
export const indexTitles: Migration = {
  version: 20,
  name: 'index-titles',
  up(db) {
    db.exec(`
      DROP TRIGGER chunks_fts_insert;
      DROP TRIGGER chunks_fts_delete;
      DROP TRIGGER chunks_fts_update;
      DROP TABLE chunks_fts;

      CREATE VIRTUAL TABLE chunks_fts USING fts5(
        title, section_path, text,
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
      INSERT INTO chunks_fts (rowid, title, section_path, text)
        SELECT c.id, d.title, c.section_path, c.text FROM chunks c JOIN documents d ON d.id = c.document_id;
      CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
        DELETE FROM chunks_fts WHERE rowid = old.id;
      END;

      ALTER TABLE documents ADD COLUMN file_hash TEXT;
      CREATE INDEX documents_file_hash ON documents(file_hash);

      CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;
    `);
  },
};
