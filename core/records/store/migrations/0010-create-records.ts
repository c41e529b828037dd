import type { Migration } from '../../../store/migrations';

/**
 * The encrypted records store: each imported record with its original bytes, its text and what
 * was extracted from it, and the person's own edits to the profile. The combined profile is
 * computed from these on read, so an edit or a removed record never leaves a stale copy behind.
 */
export const createRecords: Migration = {
  version: 10,
  name: 'create-records',
  up(db) {
    db.exec(`
      CREATE TABLE records (
        id             INTEGER PRIMARY KEY,
        profile_id     TEXT    NOT NULL,
        file_name      TEXT    NOT NULL,
        format         TEXT    NOT NULL,
        sha256         TEXT    NOT NULL,
        byte_size      INTEGER NOT NULL,
        original       BLOB    NOT NULL,
        record_date    TEXT,
        imported_at    TEXT    NOT NULL,
        record_text    TEXT    NOT NULL,
        extracted      TEXT    NOT NULL,
        UNIQUE (profile_id, sha256)
      );
      CREATE INDEX records_by_profile ON records (profile_id, record_date);

      CREATE TABLE profile_edits (
        profile_id TEXT NOT NULL,
        field      TEXT NOT NULL,
        action     TEXT NOT NULL CHECK (action IN ('confirm', 'set', 'remove')),
        value      TEXT,
        edited_at  TEXT NOT NULL,
        PRIMARY KEY (profile_id, field)
      );
    `);
  },
};
