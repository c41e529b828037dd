import type { Embedder } from '../embed/types';
import { cancerTypeAffinity, detectCancerTypes, detectIntents, headingIntents, type Intent } from '../lexicon';
import { parseStringList } from '../store/jsonList';
import type { Database } from '../store/sqlite';
import { readVectorIndexSpec } from '../store/vectorIndex';
import { commonTermFilter, toFtsQuery } from './ftsQuery';

export interface SearchResult {
  chunkId: number;
  documentId: number;
  /** The source's own id for the passage (a JSONL `passage_id`), when it has one. */
  externalId: string | null;
  title: string;
  /** The document's publisher and edition, for citing it. */
  publisher: string | null;
  edition: string | null;
  section: string;
  page: number | null;
  score: number;
  text: string;
  cancerTypes: string[];
  /** The public sources the passage's section summarizes, when its document names them (built-in pack). */
  basedOn: string[];
}

export interface QueryUnderstanding {
  cancerTypes: string[];
  intents: Intent[];
}

export interface SearchResponse {
  results: SearchResult[];
  understanding: QueryUnderstanding;
  /** False when the vector index was built by another embedder (re-index needed): BM25 only. */
  usedVectors: boolean;
  timings: { bm25Ms: number; embedMs: number; knnMs: number; totalMs: number };
}

export interface SearchOptions {
  /** Results to return. Default 10. */
  k?: number;
  /** The embedder that built the index; without it (or with another one) search is BM25 only. */
  embedder?: Embedder | null;
  /** Cancer types to prefer when the question names none (e.g. from the patient's profile). */
  preferCancerTypes?: string[];
  /**
   * Which signals to use. Default: everything. The benchmark turns parts off to measure them
   * against plain BM25, plain vectors and plain reciprocal-rank fusion.
   */
  signals?: { bm25?: boolean; vectors?: boolean; cancerType?: boolean; intent?: boolean };
  signal?: AbortSignal;
}

/** How many candidates each retriever contributes before fusion. */
const CANDIDATES = 100;
/** Reciprocal-rank-fusion constant. */
const RRF_K = 60;
/** BM25 column weights: title, section path, text. */
const BM25_WEIGHTS = [4, 2, 1] as const;
const WEIGHT = { bm25: 1, vector: 1, structured: 1, cancerType: 1.2, intent: 0.6, secondaryIntent: 0.3 } as const;
/** How many chunks the structured list contributes. */
const STRUCTURED_CANDIDATES = 30;

/**
 * Hybrid retrieval: BM25 over title, section and text (FTS5) and cosine KNN over the chunk vectors
 * (sqlite-vec), fused by reciprocal rank, then raised for chunks of documents about the cancer
 * type the question names (or its family) and for sections that answer what it asks (treatment,
 * stages, ...). Documents about other cancers are ranked lower, never hidden.
 */
export async function hybridSearch(db: Database, query: string, options: SearchOptions = {}): Promise<SearchResponse> {
  const started = performance.now();
  const k = options.k ?? 10;
  const named = detectCancerTypes(query);
  const understanding: QueryUnderstanding = { cancerTypes: named.length ? named : (options.preferCancerTypes ?? []), intents: detectIntents(query) };

  const signals = { bm25: true, vectors: true, cancerType: true, intent: true, ...options.signals };
  // The question's cancer types are searched by their full names too ("NSCLC" also looks for
  // "non-small cell lung cancer"), since documents spell them out.
  const expanded = signals.cancerType ? [query, ...understanding.cancerTypes].join(' ') : query;

  // The query is embedded (in the embedder's worker) while BM25 runs here.
  const spec = readVectorIndexSpec(db);
  const usedVectors = Boolean(signals.vectors && options.embedder && spec && spec.embedderId === options.embedder.id && spec.dims === options.embedder.dims);
  const embedStart = performance.now();
  let embedMs = 0;
  const embedding = usedVectors && options.embedder
    ? options.embedder.embed([query], 'query', options.signal ? { signal: options.signal } : {}).then((vectors) => {
        embedMs = performance.now() - embedStart;
        return vectors[0]!;
      })
    : null;
  embedding?.catch(() => undefined); // awaited below; keeps a rejection from going unhandled meanwhile

  const bm25Start = performance.now();
  const bm25 = signals.bm25 ? bm25Ranks(db, expanded) : new Map<number, number>();
  const bm25Ms = performance.now() - bm25Start;

  let knnMs = 0;
  let vector = new Map<number, number>();
  if (embedding) {
    const queryVector = await embedding;
    const knnStart = performance.now();
    vector = knnRanks(db, queryVector);
    knnMs = performance.now() - knnStart;
  }

  // A third list from the library's structure: the sections that answer what the question asks
  // (its intent) in the documents about the cancer it names.
  const structured = signals.cancerType && signals.intent ? structuredRanks(db, understanding, bm25) : new Map<number, number>();

  const fused = new Map<number, number>();
  for (const [id, rank] of bm25) fused.set(id, WEIGHT.bm25 / (RRF_K + rank));
  for (const [id, rank] of vector) fused.set(id, (fused.get(id) ?? 0) + WEIGHT.vector / (RRF_K + rank));
  for (const [id, rank] of structured) fused.set(id, (fused.get(id) ?? 0) + WEIGHT.structured / (RRF_K + rank));
  if (fused.size === 0) return { results: [], understanding, usedVectors, timings: { bm25Ms, embedMs, knnMs, totalMs: performance.now() - started } };

  const rows = loadChunks(db, [...fused.keys()]);
  const scored = rows.map((row) => {
    const cancerTypes = parseStringList(row.cancerTypes);
    const typeFit = signals.cancerType ? bestAffinity(understanding.cancerTypes, cancerTypes) : 0;
    const sectionIntents = headingIntents(row.section);
    const [primary, secondary] = signals.intent ? understanding.intents : [];
    const intentFit = (primary && sectionIntents.includes(primary) ? WEIGHT.intent : 0) + (secondary && sectionIntents.includes(secondary) ? WEIGHT.secondaryIntent : 0);
    const score = (fused.get(row.chunkId) ?? 0) * (1 + WEIGHT.cancerType * typeFit + intentFit);
    return { ...row, cancerTypes, basedOn: parseStringList(row.basedOn), score };
  });
  scored.sort((a, b) => b.score - a.score || a.chunkId - b.chunkId);

  const results = scored.slice(0, k).map(({ cancerTypes, ...row }) => ({ ...row, cancerTypes, score: round(row.score * 1000) }));
  return { results, understanding, usedVectors, timings: { bm25Ms, embedMs, knnMs, totalMs: performance.now() - started } };
}

function bm25Ranks(db: Database, query: string): Map<number, number> {
  const fts = toFtsQuery(query, commonTermFilter(db));
  if (!fts) return new Map();
  const rows = db
    .prepare(`SELECT rowid AS id FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY bm25(chunks_fts, ${BM25_WEIGHTS.join(', ')}) LIMIT ${CANDIDATES}`)
    .all(fts) as { id: number }[];
  return new Map(rows.map((row, i) => [row.id, i + 1]));
}

function knnRanks(db: Database, queryVector: Float32Array): Map<number, number> {
  const rows = db
    .prepare(`SELECT chunk_id AS id FROM chunk_vectors WHERE embedding MATCH ? AND k = ${CANDIDATES} ORDER BY distance`)
    .all(queryVector) as { id: number }[];
  return new Map(rows.map((row, i) => [row.id, i + 1]));
}

/**
 * Chunks of documents about the question's cancer type (or its family) in sections that answer
 * its primary intent; best type fit first, then by BM25 rank, then in reading order.
 */
function structuredRanks(db: Database, understanding: QueryUnderstanding, bm25: Map<number, number>): Map<number, number> {
  const [intent] = understanding.intents;
  if (!intent || understanding.cancerTypes.length === 0) return new Map();
  const documents = (db.prepare('SELECT id, cancer_types AS cancerTypes FROM documents').all() as { id: number; cancerTypes: string }[])
    .map((doc) => ({ id: doc.id, fit: bestAffinity(understanding.cancerTypes, parseStringList(doc.cancerTypes)) }))
    .filter((doc) => doc.fit > 0);
  if (documents.length === 0) return new Map();
  const fit = new Map(documents.map((doc) => [doc.id, doc.fit]));
  const chunks = (
    db
      .prepare('SELECT id, document_id AS documentId, section_path AS section, ord FROM chunks WHERE document_id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(documents.map((doc) => doc.id))) as { id: number; documentId: number; section: string; ord: number }[]
  ).filter((chunk) => headingIntents(chunk.section).includes(intent));
  chunks.sort(
    (a, b) =>
      (fit.get(b.documentId) ?? 0) - (fit.get(a.documentId) ?? 0) ||
      (bm25.get(a.id) ?? Infinity) - (bm25.get(b.id) ?? Infinity) ||
      a.documentId - b.documentId ||
      a.ord - b.ord,
  );
  return new Map(chunks.slice(0, STRUCTURED_CANDIDATES).map((chunk, i) => [chunk.id, i + 1]));
}

/** A result as stored: cancer types and sources still JSON, no score yet. */
type ChunkRow = Omit<SearchResult, 'score' | 'cancerTypes' | 'basedOn'> & { cancerTypes: string; basedOn: string };

function loadChunks(db: Database, ids: number[]): ChunkRow[] {
  return db
    .prepare(
      `SELECT c.id AS chunkId, c.document_id AS documentId, c.external_id AS externalId, d.title, d.publisher, d.edition, c.section_path AS section,
              c.page, c.text, d.cancer_types AS cancerTypes, coalesce(s.sources, '[]') AS basedOn
         FROM chunks c JOIN documents d ON d.id = c.document_id LEFT JOIN sections s ON s.id = c.section_id
        WHERE c.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as ChunkRow[];
}

function bestAffinity(questionTypes: readonly string[], documentTypes: readonly string[]): number {
  let best = 0;
  for (const q of questionTypes) for (const d of documentTypes) best = Math.max(best, cancerTypeAffinity(q, d));
  return best;
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}
