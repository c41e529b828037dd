import { z } from 'zod';
import { CairnError } from '../errors';
import type { Database } from '../store/sqlite';

/** What a person may correct about a document; the text itself comes only from the file. */
export const documentEditSchema = z.strictObject({
  title: z.string().trim().min(1).max(500).optional(),
  publisher: z.string().trim().max(500).nullable().optional(),
  edition: z.string().trim().max(100).nullable().optional(),
  cancerTypes: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
});
export type DocumentEdit = z.infer<typeof documentEditSchema>;

/**
 * Applies a person's corrections to a document's metadata (e.g. the cancer types it covers,
 * which retrieval uses). The BM25 index carries the title, so a new title is written there too.
 */
export function editDocument(db: Database, documentId: number, edit: DocumentEdit): void {
  const changes = documentEditSchema.parse(edit);
  db.transaction(() => {
    const exists = db.prepare('SELECT 1 FROM documents WHERE id = ?').get(documentId);
    if (!exists) throw new CairnError('INVALID_INPUT', `There is no document ${documentId} in the library.`);
    if (changes.title !== undefined) {
      db.prepare('UPDATE documents SET title = ? WHERE id = ?').run(changes.title, documentId);
      db.prepare('UPDATE chunks_fts SET title = ? WHERE rowid IN (SELECT id FROM chunks WHERE document_id = ?)').run(changes.title, documentId);
    }
    if (changes.publisher !== undefined) db.prepare('UPDATE documents SET publisher = ? WHERE id = ?').run(changes.publisher || null, documentId);
    if (changes.edition !== undefined) db.prepare('UPDATE documents SET edition = ? WHERE id = ?').run(changes.edition || null, documentId);
    if (changes.cancerTypes !== undefined) {
      db.prepare('UPDATE documents SET cancer_types = ? WHERE id = ?').run(JSON.stringify([...new Set(changes.cancerTypes)]), documentId);
    }
  })();
}
