import type { Database } from '../store/sqlite';
import type { Chunk } from './chunkSections';
import type { DocumentFormat, ParsedSection } from './import/types';

export interface DocumentRecord {
  title: string;
  publisher: string | null;
  edition: string | null;
  cancerTypes: string[];
  sourcePath: string | null;
  sourceUrl: string | null;
  licenseNote: string | null;
  format: DocumentFormat;
  /** sha256 of the document's own text: the same content is never stored twice. */
  contentHash: string;
  /** sha256 of the file it came from: importing the same file again changes nothing. */
  fileHash: string | null;
  builtIn: boolean;
}

export interface NewDocument {
  record: DocumentRecord;
  sections: readonly ParsedSection[];
  sectionPaths: readonly string[];
  chunks: readonly Chunk[];
  /** One per chunk, from the embedder that built the index. */
  vectors: readonly Float32Array[];
}

/**
 * Writes one document with its sections, chunks, BM25 rows and vectors in one transaction (a
 * savepoint when the caller already holds one): a crash never leaves half a document.
 */
export function writeDocument(db: Database, document: NewDocument): number {
  if (document.vectors.length !== document.chunks.length) {
    throw new Error(`writeDocument: ${document.chunks.length} chunks but ${document.vectors.length} vectors.`);
  }
  const { record } = document;
  return db.transaction(() => {
    const documentId = Number(
      db
        .prepare(
          `INSERT INTO documents (title, publisher, edition, cancer_types, source_path, source_url, license_note, format, content_hash, file_hash, built_in, imported_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(record.title, record.publisher, record.edition, JSON.stringify(record.cancerTypes), record.sourcePath, record.sourceUrl, record.licenseNote, record.format, record.contentHash, record.fileHash, record.builtIn ? 1 : 0, new Date().toISOString())
        .lastInsertRowid,
    );

    const insertSection = db.prepare(
      'INSERT INTO sections (document_id, parent_id, ord, heading, path, level, page_start, page_end, sources) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?)',
    );
    const sectionIds = document.sections.map((section, ord) => {
      const pages = section.paragraphs.map((p) => p.page).filter((p): p is number => p !== undefined);
      return Number(
        insertSection.run(documentId, ord, section.heading, document.sectionPaths[ord] ?? '', section.level, pages.length ? Math.min(...pages) : null, pages.length ? Math.max(...pages) : null, JSON.stringify(section.sources ?? [])).lastInsertRowid,
      );
    });

    const insertChunk = db.prepare('INSERT INTO chunks (document_id, section_id, ord, external_id, section_path, page, text) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insertFts = db.prepare('INSERT INTO chunks_fts (rowid, title, section_path, text) VALUES (?, ?, ?, ?)');
    const insertVector = db.prepare('INSERT INTO chunk_vectors (chunk_id, embedding) VALUES (?, ?)');
    document.chunks.forEach((chunk, ord) => {
      const chunkId = insertChunk.run(documentId, sectionIds[chunk.sectionIndex] ?? null, ord, chunk.externalId, chunk.sectionPath, chunk.page, chunk.text).lastInsertRowid;
      insertFts.run(chunkId, record.title, chunk.sectionPath, chunk.text);
      insertVector.run(BigInt(chunkId), document.vectors[ord]!);
    });
    return documentId;
  })();
}

/** Ids of the documents imported from a file path (a JSONL file gives several). */
export function documentsFromSource(db: Database, sourcePath: string): { id: number; fileHash: string | null }[] {
  return db.prepare('SELECT id, file_hash AS fileHash FROM documents WHERE source_path = ?').all(sourcePath) as { id: number; fileHash: string | null }[];
}

export function documentWithContent(db: Database, contentHash: string): { id: number; title: string } | undefined {
  return db.prepare('SELECT id, title FROM documents WHERE content_hash = ?').get(contentHash) as { id: number; title: string } | undefined;
}

export function deleteDocument(db: Database, documentId: number): boolean {
  return db.prepare('DELETE FROM documents WHERE id = ?').run(documentId).changes > 0;
}
