import type { Migration } from './types';

/**
 * The guideline library: documents, their sections, the chunks retrieval works on, and a BM25
 * index over the chunks. The vector table is not here: its width depends on the active embedder,
 * so `vectorIndex.ts` creates it (and records which embedder built it in `vector_index`).
 */
export const createLibrary: Migration = {
  version: 10,
  name: 'create-library',
  up(db) {
    db.exec(`
      CREATE TABLE documents (
        id            INTEGER PRIMARY KEY,
        title         TEXT NOT NULL,
        publisher     TEXT,
        edition       TEXT,
        cancer_types  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(cancer_types)),
        source_path   TEXT,
        source_url    TEXT,
        license_note  TEXT,
        format        TEXT NOT NULL,
        content_hash  TEXT NOT NULL,
        built_in      INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
        imported_at   TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX documents_content_hash ON documents(content_hash);
      CREATE INDEX documents_source_path ON documents(source_path);

      CREATE TABLE sections (
        id           INTEGER PRIMARY KEY,
        document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        parent_id    INTEGER REFERENCES sections(id) ON DELETE CASCADE,
        ord          INTEGER NOT NULL,
        heading      TEXT NOT NULL,
        path         TEXT NOT NULL,
        level        INTEGER NOT NULL,
        page_start   INTEGER,
        page_end     INTEGER
      ) STRICT;
      CREATE INDEX sections_document ON sections(document_id, ord);

      CREATE TABLE chunks (
        id            INTEGER PRIMARY KEY,
        document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        section_id    INTEGER REFERENCES sections(id) ON DELETE CASCADE,
        ord           INTEGER NOT NULL,
        external_id   TEXT,
        section_path  TEXT NOT NULL DEFAULT '',
        page          INTEGER,
        text          TEXT NOT NULL
      ) STRICT;
      CREATE INDEX chunks_document ON chunks(document_id, ord);
      CREATE INDEX chunks_section ON chunks(section_id);
      CREATE INDEX chunks_external_id ON chunks(external_id) WHERE external_id IS NOT NULL;

      CREATE VIRTUAL TABLE chunks_fts USING fts5(
        text, section_path,
        content = 'chunks', content_rowid = 'id',
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER chunks_fts_insert AFTER INSERT ON chunks BEGIN
        INSERT INTO chunks_fts(rowid, text, section_path) VALUES (new.id, new.text, new.section_path);
      END;
      CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
        INSERT INTO chunks_fts(chunks_fts, rowid, text, section_path)
          VALUES ('delete', old.id, old.text, old.section_path);
      END;
      CREATE TRIGGER chunks_fts_update AFTER UPDATE OF text, section_path ON chunks BEGIN
        INSERT INTO chunks_fts(chunks_fts, rowid, text, section_path)
          VALUES ('delete', old.id, old.text, old.section_path);
        INSERT INTO chunks_fts(rowid, text, section_path) VALUES (new.id, new.text, new.section_path);
      END;

      CREATE TABLE vector_index (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        embedder_id  TEXT NOT NULL,
        dims         INTEGER NOT NULL CHECK (dims > 0),
        created_at   TEXT NOT NULL
      ) STRICT;
    `);
  },
};
