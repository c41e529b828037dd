import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVAL_PASSAGES } from '../../support/evalCorpus';
import { runCliCapture } from '../../support/runCliCapture';
import { tempDir } from '../../support/tempDir';
import { tinyEmbedderSpec } from '../../support/testEmbedder';

const tinyModelDir = tinyEmbedderSpec.kind === 'transformers' ? tinyEmbedderSpec.modelDir : '';

describe('cairn library import, search, reindex and eval', () => {
  it('works end to end with JSON output', async () => {
    const dataDir = tempDir();
    const work = tempDir();
    const cli = (...argv: string[]) => runCliCapture([...argv, '--data-dir', dataDir]);

    // Choose the (tiny, fast) embedder for this library; it is remembered.
    const chosen = await cli('library', 'reindex', '--embedder', `transformers:${tinyModelDir}`, '--json');
    expect(chosen.code).toBe(0);
    expect(JSON.parse(chosen.stdout)).toEqual({ embedderId: 'transformers:cairn-test/tiny-embedder', rebuilt: true, embedded: 0 });

    fs.writeFileSync(path.join(work, 'melanoma.md'), '# Melanoma\n\n## Surgery\nSurgery can remove melanoma that has spread to a few places.\n');
    fs.writeFileSync(path.join(work, 'passages.jsonl'), fs.readFileSync(EVAL_PASSAGES, 'utf8').split('\n').slice(0, 20).join('\n'));
    const imported = await cli('library', 'import', work, '--json');
    expect(imported.code).toBe(0);
    const report = JSON.parse(imported.stdout) as { added: { title: string }[]; failed: unknown[] };
    expect(report.failed).toEqual([]);
    expect(report.added.map((d) => d.title)).toContain('Melanoma');

    const search = await cli('search', 'surgery for melanoma that has spread', '--k', '2', '--json');
    expect(search.code).toBe(0);
    const { results } = JSON.parse(search.stdout) as { results: Record<string, unknown>[] };
    expect(results).toHaveLength(2);
    expect(Object.keys(results[0]!).sort()).toEqual(['chunkId', 'documentId', 'externalId', 'page', 'score', 'section', 'text', 'title']);
    expect(results[0]).toMatchObject({ title: 'Melanoma', section: 'Melanoma › Surgery', externalId: null });

    const questions = path.join(work, 'questions.jsonl');
    fs.writeFileSync(questions, [
      JSON.stringify({ question: 'What is (are) Adult Acute Lymphoblastic Leukemia ?', gold_passage_ids: ['cgov-0000001_1-1'] }),
      JSON.stringify({ q: 'What are the symptoms of adult acute lymphoblastic leukemia?', gold: ['cgov-0000001_1-3'] }),
    ].join('\n'));
    const evaluation = await cli('eval', 'retrieval', '--passages', path.join(work, 'passages.jsonl'), '--questions', questions, '--json');
    expect(evaluation.code).toBe(0);
    expect(JSON.parse(evaluation.stdout)).toMatchObject({ n: 2, recallAt5: expect.any(Number), mrrAt10: expect.any(Number), p50Ms: expect.any(Number), p95Ms: expect.any(Number) });
    expect(JSON.parse(evaluation.stdout).recallAt5).toBeGreaterThan(0);

    const listed = JSON.parse((await cli('library', 'list', '--json')).stdout) as { documents: { title: string; chunkCount: number }[] };
    expect(listed.documents.length).toBe(report.added.length);

    const human = await cli('search', 'melanoma surgery');
    expect(human.stdout).toMatch(/^1\. Melanoma › Melanoma › Surgery/);
  });

  it('reports bad files and exits 1, with the report still on stdout', async () => {
    const dataDir = tempDir();
    const work = tempDir();
    await runCliCapture(['library', 'reindex', '--embedder', `transformers:${tinyModelDir}`, '--data-dir', dataDir]);
    fs.writeFileSync(path.join(work, 'empty.txt'), '');
    fs.writeFileSync(path.join(work, 'ok.md'), '# Notes\n\nSome text about radiation therapy.\n');
    const result = await runCliCapture(['library', 'import', work, '--json', '--data-dir', dataDir]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ added: [{ title: 'Notes' }], failed: [{ reason: 'The file is empty.' }] });
    expect(result.stderr).toBe('cairn: 1 file(s) could not be imported (see the report).\n');
  });

  it('rejects a bad --embedder and a bad questions file with one line', async () => {
    const dataDir = tempDir();
    const bad = await runCliCapture(['library', 'reindex', '--embedder', 'word2vec', '--data-dir', dataDir]);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toMatch(/Use "use-lite" or "transformers:<model folder>"/);
    const missing = await runCliCapture(['library', 'reindex', '--embedder', 'transformers:/nowhere/model', '--data-dir', dataDir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^cairn: The embedding model .* is not installed/);
    const questions = path.join(tempDir(), 'q.jsonl');
    fs.writeFileSync(questions, '{"q": "x"}\n');
    const evaluation = await runCliCapture(['eval', 'retrieval', '--passages', EVAL_PASSAGES, '--questions', questions, '--data-dir', dataDir]);
    expect(evaluation.code).toBe(1);
    expect(evaluation.stderr).toMatch(/^cairn: Line 1 of .* has no gold passage ids/);
    expect(evaluation.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('cairn library edit and remove', () => {
  it('corrects metadata that retrieval uses, and removes a document', async () => {
    const dataDir = tempDir();
    const work = tempDir();
    const cli = (...argv: string[]) => runCliCapture([...argv, '--data-dir', dataDir]);
    await cli('library', 'reindex', '--embedder', `transformers:${tinyModelDir}`);
    fs.writeFileSync(path.join(work, 'leaflet.md'), '# Leaflet 12\n\n## Care\nWatchful waiting is common for early stages.\n');
    const imported = JSON.parse((await cli('library', 'import', work, '--json')).stdout) as { added: { documentId: number }[] };
    const id = imported.added[0]!.documentId;

    const edited = await cli('library', 'edit', String(id), '--title', 'CLL leaflet', '--publisher', 'Clinic', '--cancer-types', 'Chronic lymphocytic leukemia', '--json');
    expect(edited.code).toBe(0);
    expect(JSON.parse(edited.stdout)).toMatchObject({ id, title: 'CLL leaflet', publisher: 'Clinic', cancerTypes: ['Chronic lymphocytic leukemia'] });
    const search = JSON.parse((await cli('search', 'leaflet', '--json')).stdout) as { results: { title: string }[] };
    expect(search.results[0]!.title).toBe('CLL leaflet');

    expect((await cli('library', 'edit', '999', '--title', 'x')).stderr).toBe('cairn: There is no document 999 in the library.\n');
    expect((await cli('library', 'remove', String(id), '--json')).stdout).toContain(`"removed": ${id}`);
    expect(JSON.parse((await cli('library', 'list', '--json')).stdout)).toEqual({ documents: [] });
    expect(JSON.parse((await cli('status', '--json')).stdout).library).toMatchObject({ chunks: 0, embeddedChunks: 0 });
  });
});

describe('cairn ask', () => {
  it('answers with --json and reads a --profile file; bad profiles get one line', async () => {
    const dataDir = tempDir();
    const work = tempDir();
    const cli = (...argv: string[]) => runCliCapture([...argv, '--data-dir', dataDir]);
    await cli('library', 'reindex', '--embedder', `transformers:${tinyModelDir}`);
    fs.writeFileSync(path.join(work, 'melanoma.md'), '# Melanoma\n\n## Surgery for metastatic melanoma\nSurgery may remove a few tumors that have spread when all of them can be taken out.\n\n## Main treatment\nImmunotherapy and targeted therapy are the main treatments for stage IV melanoma.\n');
    await cli('library', 'import', work);
    const profile = path.join(work, 'profile.json');
    fs.writeFileSync(profile, JSON.stringify({ profile: { cancerType: { value: 'melanoma' }, biomarkers: [{ name: 'BRAF', status: 'positive', detail: 'V600E' }] } }));

    const answered = await cli('ask', 'Is surgery an option for metastatic melanoma?', '--profile', profile, '--json');
    expect(answered.code).toBe(0);
    expect(JSON.parse(answered.stdout)).toMatchObject({ mode: 'extractive', cancerType: 'Melanoma', personalization: { used: expect.arrayContaining(['BRAF V600E']) } });
    const text = await cli('ask', 'Is surgery an option for metastatic melanoma?');
    expect(text.stdout).toMatch(/For informational purposes only[\s\S]*## Surgery for Metastatic Melanoma[\s\S]*Questions to ask your oncology team[\s\S]*Sources\n1\. Melanoma/);

    fs.writeFileSync(profile, '{"stage": {"value": 4}}');
    const bad = await cli('ask', 'Is surgery an option?', '--profile', profile);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^cairn: The profile .* is not a Cairn patient profile/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const empty = await cli('ask', '  ');
    expect(empty).toMatchObject({ code: 1, stderr: 'cairn: Please type a question.\n' });
  });
});
