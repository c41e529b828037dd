import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { ensureVectorIndex, openStore, readVectorIndexSpec, type Store } from '../../../core/store';
import { readEvalPassages, type EvalPassage } from '../../support/evalCorpus';

// Real text: NCI patient summaries from ../shared/eval (MedQuAD, CC BY 4.0; see evalCorpus.ts).
const DIMS = 256;

/** A hashed bag-of-words vector: crude, but real vectors from real text, normalised. */
function hashedVector(text: string): Float32Array {
  const vector = new Float32Array(DIMS);
  for (const word of text.toLowerCase().match(/[a-z]{3,}/g) ?? []) {
    let hash = 2166136261;
    for (let i = 0; i < word.length; i += 1) hash = Math.imul(hash ^ word.charCodeAt(i), 16777619);
    vector[(hash >>> 0) % DIMS]! += 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((v) => v / norm);
}

function cosineDistance(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i += 1) dot += a[i]! * b[i]!;
  return 1 - dot;
}

describe('FTS5 and vec0 on real passages', () => {
  let store: Store;
  let passages: EvalPassage[];
  const vectors = new Map<number, Float32Array>();
  let dataDir: string;

  beforeAll(() => {
    // Lives for the whole file (tempDir() is removed after each test).
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-search-'));
    store = openStore({ dataDir });
    passages = readEvalPassages().filter((_, i) => i % 6 === 0); // ~120 passages across many cancers
    ensureVectorIndex(store.db, { embedderId: 'test/hashed-bow', dims: DIMS });
    const insertDoc = store.db.prepare("INSERT INTO documents (title, source_url, format, content_hash, imported_at) VALUES (?, ?, 'jsonl', ?, 'now')");
    const insertChunk = store.db.prepare('INSERT INTO chunks (document_id, ord, external_id, section_path, text) VALUES (?, 0, ?, ?, ?)');
    const insertFts = store.db.prepare('INSERT INTO chunks_fts (rowid, title, section_path, text) VALUES (?, ?, ?, ?)');
    const insertVector = store.db.prepare('INSERT INTO chunk_vectors (chunk_id, embedding) VALUES (?, ?)');
    store.db.transaction(() => {
      for (const p of passages) {
        const doc = insertDoc.run(p.focus, p.url, p.passage_id).lastInsertRowid;
        const chunk = Number(insertChunk.run(doc, p.passage_id, p.section, p.text).lastInsertRowid);
        insertFts.run(chunk, p.focus, p.section, p.text);
        const vector = hashedVector(p.text);
        vectors.set(chunk, vector);
        insertVector.run(BigInt(chunk), vector);
      }
    })();
  });

  afterAll(() => {
    store?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds passages with a BM25-ranked FTS5 query', () => {
    const rows = store.db
      .prepare(
        `SELECT c.external_id AS id, d.title AS title FROM chunks_fts
           JOIN chunks c ON c.id = chunks_fts.rowid JOIN documents d ON d.id = c.document_id
          WHERE chunks_fts MATCH ? ORDER BY bm25(chunks_fts) LIMIT 5`,
      )
      .all('melanoma AND skin') as { id: string; title: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.title).toMatch(/melanoma|skin/i);
    // Porter stemming: "treatments" matches "treatment".
    const stemmed = store.db.prepare("SELECT count(*) AS n FROM chunks_fts WHERE chunks_fts MATCH 'treatments'").get() as { n: number };
    expect(stemmed.n).toBeGreaterThan(0);
  });

  it('returns the same nearest neighbours from vec0 as a brute-force cosine scan', () => {
    const target = passages[7]!;
    const query = hashedVector(target.text);
    const knn = store.db
      .prepare('SELECT chunk_id AS id, distance FROM chunk_vectors WHERE embedding MATCH ? AND k = 5 ORDER BY distance')
      .all(query) as { id: number; distance: number }[];
    const brute = [...vectors.entries()]
      .map(([id, v]) => ({ id, distance: cosineDistance(query, v) }))
      .sort((a, b) => a.distance - b.distance)
      .slice(0, 5);
    expect(knn.map((r) => r.id)).toEqual(brute.map((r) => r.id));
    knn.forEach((row, i) => expect(row.distance).toBeCloseTo(brute[i]!.distance, 5));
    const top = store.db.prepare('SELECT text FROM chunks WHERE id = ?').get(knn[0]!.id) as { text: string };
    expect(top.text).toBe(target.text);
    expect(knn[0]!.distance).toBeCloseTo(0, 5);
  });

  it('drops a chunk’s vector and BM25 row with the chunk', () => {
    const [id] = vectors.keys();
    expect(store.db.prepare('SELECT count(*) AS n FROM chunks_fts WHERE rowid = ?').get(id)).toEqual({ n: 1 });
    store.db.prepare('DELETE FROM chunks WHERE id = ?').run(id);
    expect(store.db.prepare('SELECT count(*) AS n FROM chunk_vectors WHERE chunk_id = ?').get(BigInt(id!))).toEqual({ n: 0 });
    expect(store.db.prepare('SELECT count(*) AS n FROM chunks_fts WHERE rowid = ?').get(id)).toEqual({ n: 0 });
  });

  it('starts an empty index when the embedder changes, and never mixes vectors', () => {
    expect(ensureVectorIndex(store.db, { embedderId: 'test/hashed-bow', dims: DIMS }).created).toBe(false);
    const switched = ensureVectorIndex(store.db, { embedderId: 'test/other', dims: 64 });
    expect(switched).toEqual({ created: true, previous: { embedderId: 'test/hashed-bow', dims: DIMS } });
    expect(readVectorIndexSpec(store.db)).toEqual({ embedderId: 'test/other', dims: 64 });
    expect(store.db.prepare('SELECT count(*) AS n FROM chunk_vectors').get()).toEqual({ n: 0 });
    expect(() => store.db.prepare('INSERT INTO chunk_vectors (chunk_id, embedding) VALUES (?, ?)').run(1n, new Float32Array(DIMS))).toThrow(/dimension/i);
    expect(() => ensureVectorIndex(store.db, { embedderId: 'x', dims: 0 })).toThrow(RangeError);
  });
});
