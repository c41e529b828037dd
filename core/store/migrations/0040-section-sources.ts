import type { Migration } from './types';

/** The public sources a section summarizes (built-in pack sections name theirs), as a JSON list. */
export const sectionSources: Migration = {
  version: 40,
  name: 'section-sources',
  up(db) {
    db.exec(`ALTER TABLE sections ADD COLUMN sources TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sources));`);
  },
};
