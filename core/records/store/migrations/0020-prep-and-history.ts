import type { Migration } from '../../../store/migrations';

/**
 * The appointment list (questions the person collects for their oncology team, with their own
 * notes, in their order) and the history of answers. Both are personal, so both live in the
 * encrypted records store.
 */
export const prepAndHistory: Migration = {
  version: 20,
  name: 'prep-and-history',
  up(db) {
    db.exec(`
      CREATE TABLE prep_items (
        id          INTEGER PRIMARY KEY,
        profile_id  TEXT    NOT NULL,
        ord         INTEGER NOT NULL,
        question    TEXT    NOT NULL,
        why         TEXT    NOT NULL DEFAULT '',
        note        TEXT    NOT NULL DEFAULT '',
        asked_about TEXT,
        added_at    TEXT    NOT NULL
      );
      CREATE INDEX prep_items_order ON prep_items (profile_id, ord);

      CREATE TABLE history (
        id          INTEGER PRIMARY KEY,
        profile_id  TEXT    NOT NULL,
        question    TEXT    NOT NULL,
        title       TEXT    NOT NULL,
        mode        TEXT    NOT NULL,
        answer      TEXT    NOT NULL,
        asked_at    TEXT    NOT NULL
      );
      CREATE INDEX history_by_time ON history (profile_id, asked_at);
    `);
  },
};
