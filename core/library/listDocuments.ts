import { parseStringList } from '../store/jsonList';
import type { Database } from '../store/sqlite';
import type { DocumentSummary, LibraryCounts } from '../types';

interface DocumentRow {
  id: number;
  title: string;
  publisher: string | null;
  edition: string | null;
  cancerTypes: string;
  format: string;
  builtIn: number;
  sourcePath: string | null;
  sourceUrl: string | null;
  importedAt: string;
  chunkCount: number;
}

/** Every document, built-in pack first, then by title, with its chunk count. */
export function listDocuments(db: Database): DocumentSummary[] {
  const rows = db
    .prepare(
      `SELECT d.id, d.title, d.publisher, d.edition, d.cancer_types AS cancerTypes, d.format,
              d.built_in AS builtIn, d.source_path AS sourcePath, d.source_url AS sourceUrl,
              d.imported_at AS importedAt,
              (SELECT count(*) FROM chunks c WHERE c.document_id = d.id) AS chunkCount
         FROM documents d
        ORDER BY d.built_in DESC, d.title COLLATE NOCASE, d.id`,
    )
    .all() as DocumentRow[];
  return rows.map((row) => ({
    ...row,
    cancerTypes: parseStringList(row.cancerTypes),
    builtIn: row.builtIn === 1,
  }));
}

export function countLibrary(db: Database): LibraryCounts {
  const documents = db
    .prepare('SELECT count(*) AS total, coalesce(sum(built_in), 0) AS builtIn FROM documents')
    .get() as { total: number; builtIn: number };
  const chunks = (db.prepare('SELECT count(*) AS n FROM chunks').get() as { n: number }).n;
  const hasVectors = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'chunk_vectors'")
    .get() !== undefined;
  const embeddedChunks = hasVectors
    ? (db.prepare('SELECT count(*) AS n FROM chunk_vectors').get() as { n: number }).n
    : 0;
  return { documents: documents.total, builtInDocuments: documents.builtIn, chunks, embeddedChunks };
}
