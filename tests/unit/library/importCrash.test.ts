import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { describe, expect, it } from 'vitest';
import { Cairn } from '../../../core/cairn';
import { connect } from '../../../core/store/sqlite';
import { EVAL_PASSAGES } from '../../support/evalCorpus';
import { tempDir } from '../../support/tempDir';
import { tinyEmbedderSpec } from '../../support/testEmbedder';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** Imports in a child process and SIGKILLs it when it reports `phase`. */
function importAndKill(dataDir: string, file: string, phase: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/importChild.ts', dataDir, file], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    const seen: string[] = [];
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      seen.push(line);
      if (line === phase) child.kill('SIGKILL');
    });
    child.on('exit', () => resolve(seen));
    child.on('error', reject);
  });
}

function libraryState(dataDir: string) {
  const db = connect(path.join(dataDir, 'cairn.db'), { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      documents: (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n,
      chunks: (db.prepare('SELECT count(*) AS n FROM chunks').get() as { n: number }).n,
      ftsRows: (db.prepare('SELECT count(*) AS n FROM chunks_fts').get() as { n: number }).n,
      vectors: (db.prepare('SELECT count(*) AS n FROM chunk_vectors').get() as { n: number }).n,
      emptyDocuments: (db.prepare('SELECT count(*) AS n FROM documents d WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.document_id = d.id)').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('an import killed part-way', () => {
  it.each(['embedding', 'writing'])('leaves the library as it was when killed while %s', async (phase) => {
    const dataDir = tempDir();
    const work = tempDir();
    const note = path.join(work, 'note.md');
    fs.writeFileSync(note, '# Melanoma notes\n\nSurgery can remove a melanoma that has not spread.\n');
    const cairn = Cairn.open({ dataDir, embedder: tinyEmbedderSpec });
    await cairn.importLibrary([note]);
    await cairn.close();
    const before = libraryState(dataDir);
    expect(before.documents).toBe(1);

    const seen = await importAndKill(dataDir, EVAL_PASSAGES, phase);
    expect(seen).toContain(phase);
    expect(seen).not.toContain('done');

    const after = libraryState(dataDir);
    expect(after.integrity).toBe('ok');
    if (phase === 'embedding') {
      expect(after).toEqual(before);
    } else {
      // The kill lands inside the write transaction or just after its commit: either way the
      // library is whole, with the file's documents all there or none of them.
      expect(after.ftsRows).toBe(after.chunks);
      expect(after.vectors).toBe(after.chunks);
      expect(after.emptyDocuments).toBe(0);
      if (after.documents !== before.documents) expect(after.documents).toBeGreaterThan(90);
    }
  });

  it('imports completely when run again after the crash', async () => {
    const dataDir = tempDir();
    await importAndKill(dataDir, EVAL_PASSAGES, 'writing');
    const cairn = Cairn.open({ dataDir, embedder: tinyEmbedderSpec });
    try {
      const report = await cairn.importLibrary([EVAL_PASSAGES]);
      expect(report.failed).toEqual([]);
      expect(report.added.length).toBeGreaterThan(90);
    } finally {
      await cairn.close();
    }
    const state = libraryState(dataDir);
    expect(state).toMatchObject({ integrity: 'ok', emptyDocuments: 0 });
    expect(state.ftsRows).toBe(state.chunks);
    expect(state.vectors).toBe(state.chunks);
  });
});
