import { CairnError } from '../errors';
import type { Database } from '../store';
import type { PassageView } from '../types';

/** The passage a citation points at, with its document, section and page. */
export function readPassage(db: Database, chunkId: number): PassageView {
  const row = db
    .prepare(
      `SELECT c.id AS chunkId, c.document_id AS documentId, d.title, d.publisher, d.edition, c.section_path AS section,
              c.page, c.text, d.format, d.built_in AS builtIn, d.source_url AS sourceUrl
         FROM chunks c JOIN documents d ON d.id = c.document_id
        WHERE c.id = ?`,
    )
    .get(chunkId) as (Omit<PassageView, 'builtIn'> & { builtIn: number }) | undefined;
  if (!row) throw new CairnError('NOT_FOUND', 'That passage is no longer in the library (its document was removed or re-imported).');
  return { ...row, builtIn: row.builtIn === 1 };
}
