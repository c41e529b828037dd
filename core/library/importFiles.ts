import fs from 'node:fs';
import path from 'node:path';
import type { Embedder } from '../embed/types';
import { firstLineOf } from '../errors';
import { detectCancerTypes, isKnownCancerType } from '../lexicon';
import type { Database } from '../store/sqlite';
import { ensureVectorIndex } from '../store/vectorIndex';
import { chunkSections, sectionPaths, type Chunk } from './chunkSections';
import { sha256 } from './fileHash';
import { detectFormat, parseFile } from './import';
import { ImportRejected, type ParsedDocument } from './import/types';
import { deleteDocument, documentsFromSource, documentWithContent, writeDocument } from './writeDocument';

/** Files larger than this are refused before they are read. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

export type ImportPhase = 'reading' | 'parsing' | 'embedding' | 'writing';

export interface ImportProgress {
  phase: ImportPhase;
  file: string;
  /** 1-based position of the file in the batch, and the batch size. */
  fileIndex: number;
  fileCount: number;
  page?: number;
  pages?: number;
  chunksEmbedded?: number;
  chunksTotal?: number;
  message?: string;
}

export interface ImportedDocument {
  file: string;
  documentId: number;
  title: string;
  chunks: number;
  /** True when it replaced an older version of the same file. */
  replaced: boolean;
}

export interface ImportReport {
  added: ImportedDocument[];
  skipped: { file: string; reason: string }[];
  failed: { file: string; reason: string }[];
  /** True when the import was cancelled; documents finished before that are kept. */
  cancelled: boolean;
}

export interface ImportOptions {
  embedder: Embedder;
  /** Where originals are kept (the data directory's `imports/`). */
  importsDir: string;
  /** Marks the documents as Cairn's built-in pack. */
  builtIn?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

const EMBED_BATCH = 32;

/**
 * Imports files and folders into the library. Each document is all-or-nothing: parsed, chunked
 * and embedded first, then written in one transaction. A file that cannot be imported gets a
 * one-line reason in the report and the rest of the batch goes on; nothing already in the
 * library is touched except the older version of a file being re-imported.
 */
export async function importFiles(db: Database, inputs: readonly string[], options: ImportOptions): Promise<ImportReport> {
  const report: ImportReport = { added: [], skipped: [], failed: [], cancelled: false };
  const files = expandInputs(inputs, report);
  ensureVectorIndex(db, { embedderId: options.embedder.id, dims: options.embedder.dims });

  for (const [index, file] of files.entries()) {
    if (options.signal?.aborted) {
      report.cancelled = true;
      break;
    }
    const progress = (update: Omit<ImportProgress, 'file' | 'fileIndex' | 'fileCount'>) =>
      options.onProgress?.({ ...update, file, fileIndex: index + 1, fileCount: files.length });
    try {
      await importFile(db, file, options, report, progress);
    } catch (error) {
      if (isAbort(error)) {
        report.cancelled = true;
        break;
      }
      report.failed.push({ file, reason: error instanceof ImportRejected ? error.message : `Could not import: ${firstLineOf(error)}` });
    }
  }
  return report;
}

async function importFile(
  db: Database,
  file: string,
  options: ImportOptions,
  report: ImportReport,
  progress: (update: Omit<ImportProgress, 'file' | 'fileIndex' | 'fileCount'>) => void,
): Promise<void> {
  progress({ phase: 'reading' });
  const size = fs.statSync(file).size;
  if (size === 0) throw new ImportRejected('The file is empty.');
  if (size > MAX_IMPORT_BYTES) {
    throw new ImportRejected(`The file is too large (${formatMegabytes(size)}; Cairn imports files up to ${formatMegabytes(MAX_IMPORT_BYTES)}).`);
  }
  const bytes = fs.readFileSync(file);
  const fileHash = sha256(bytes);
  const previous = documentsFromSource(db, file);
  if (previous.length > 0 && previous.every((doc) => doc.fileHash === fileHash)) {
    report.skipped.push({ file, reason: 'Already in the library, unchanged.' });
    return;
  }

  const format = detectFormat(path.basename(file), bytes);
  if (!format) throw new ImportRejected('Cairn cannot read this kind of file (it imports PDF, HTML, Markdown, text and JSONL).');
  progress({ phase: 'parsing' });
  const parsed = await parseFile(bytes, {
    format,
    fileName: path.basename(file),
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (p) => progress({ phase: 'parsing', ...p }),
  });
  keepOriginal(options.importsDir, file, fileHash);

  const ready: { document: ParsedDocument; contentHash: string; chunks: Chunk[]; vectors: Float32Array[]; paths: string[] }[] = [];
  const replacing = new Set(previous.map((doc) => doc.id));
  for (const document of parsed) {
    const contentHash = sha256(Buffer.from(JSON.stringify([document.title, document.sections])));
    const same = documentWithContent(db, contentHash);
    if (same && !replacing.has(same.id)) {
      report.skipped.push({ file, reason: `"${document.title}" is already in the library.` });
      continue;
    }
    const chunks = chunkSections(document.sections);
    if (chunks.length === 0) {
      report.failed.push({ file, reason: `"${document.title}" has no text to import.` });
      continue;
    }
    const vectors = await embedChunks(options.embedder, document.title, chunks, options.signal, progress);
    ready.push({ document, contentHash, chunks, vectors, paths: sectionPaths(document.sections) });
  }

  progress({ phase: 'writing' });
  // Every document of a file, and the removal of the file's older version, in one transaction:
  // after a crash the library holds the old version or the new one, never a mix.
  const written = db.transaction(() => {
    for (const id of replacing) deleteDocument(db, id);
    return ready.map(({ document, contentHash, chunks, vectors, paths }) =>
      writeDocument(db, {
        record: {
          title: document.title,
          publisher: document.publisher ?? null,
          edition: document.edition ?? null,
          cancerTypes: cancerTypesOf(document),
          sourcePath: file,
          sourceUrl: document.sourceUrl ?? null,
          licenseNote: document.licenseNote ?? null,
          format: document.format,
          contentHash,
          fileHash,
          builtIn: options.builtIn ?? document.builtIn ?? false,
        },
        sections: document.sections,
        sectionPaths: paths,
        chunks,
        vectors,
      }),
    );
  }).immediate();
  ready.forEach(({ document, chunks }, i) =>
    report.added.push({ file, documentId: written[i]!, title: document.title, chunks: chunks.length, replaced: previous.length > 0 }),
  );
}

/** What the embedder sees: the title and heading path give a chunk its topic. */
export function embeddingText(title: string, sectionPath: string, text: string): string {
  return `${title}${sectionPath ? ` — ${sectionPath}` : ''}\n${text}`;
}

async function embedChunks(
  embedder: Embedder,
  title: string,
  chunks: readonly Chunk[],
  signal: AbortSignal | undefined,
  progress: (update: Omit<ImportProgress, 'file' | 'fileIndex' | 'fileCount'>) => void,
): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  for (let start = 0; start < chunks.length; start += EMBED_BATCH) {
    signal?.throwIfAborted();
    const batch = chunks.slice(start, start + EMBED_BATCH).map((chunk) => embeddingText(title, chunk.sectionPath, chunk.text));
    vectors.push(...(await embedder.embed(batch, 'passage', signal ? { signal } : {})));
    progress({ phase: 'embedding', chunksEmbedded: vectors.length, chunksTotal: chunks.length });
  }
  return vectors;
}

/** Canonical cancer types: declared ones (mapped to canonical names when known) plus the title's. */
export function cancerTypesOf(document: ParsedDocument): string[] {
  const declared = document.cancerTypes ?? [];
  const found = new Set<string>();
  for (const type of declared) {
    const canonical = isKnownCancerType(type) ? [type] : detectCancerTypes(type);
    // A declared type Cairn does not know is kept as written: it is still the person's label.
    for (const name of canonical.length ? canonical : [type]) found.add(name);
  }
  for (const name of detectCancerTypes(document.title)) found.add(name);
  return [...found];
}

/** Files to import: each named file, and every file inside each named folder (recursively). */
function expandInputs(inputs: readonly string[], report: ImportReport): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    const full = path.resolve(input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      report.failed.push({ file: full, reason: 'No such file or folder.' });
      continue;
    }
    if (stat.isDirectory()) {
      const entries = fs.readdirSync(full, { recursive: true, withFileTypes: true });
      for (const entry of entries) {
        if (entry.isFile() && !entry.name.startsWith('.')) files.push(path.join(entry.parentPath, entry.name));
      }
    } else {
      files.push(full);
    }
  }
  return [...new Set(files)].sort();
}

/** Keeps a copy of the original in the data directory, so the person can see what Cairn has. */
function keepOriginal(importsDir: string, file: string, fileHash: string): void {
  fs.mkdirSync(importsDir, { recursive: true });
  const target = path.join(importsDir, `${fileHash.slice(0, 16)}${path.extname(file).toLowerCase()}`);
  if (!fs.existsSync(target)) fs.copyFileSync(file, target);
}

function formatMegabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
