import fs from 'node:fs';
import { z } from 'zod';
import { CairnError } from '../errors';
import type { SearchResponse } from './hybridSearch';

/** One question of a retrieval test set: `q` or `question`, gold passage ids in `gold` or `gold_passage_ids`. */
const QuestionRow = z
  .object({
    q: z.string().optional(),
    question: z.string().optional(),
    gold: z.array(z.string()).optional(),
    gold_passage_ids: z.array(z.string()).optional(),
  })
  .refine((row) => (row.q ?? row.question)?.trim(), { message: 'has no question ("q" or "question")' })
  .refine((row) => (row.gold ?? row.gold_passage_ids)?.length, { message: 'has no gold passage ids ("gold" or "gold_passage_ids")' });

export interface EvalQuestion {
  question: string;
  gold: string[];
}

export interface RetrievalEvalResult {
  n: number;
  k: number;
  recallAt5: number;
  /** Recall at the requested k (equal to recallAt5 when k is 5). */
  recallAtK: number;
  mrrAt10: number;
  p50Ms: number;
  p95Ms: number;
}

export function readEvalQuestions(file: string): EvalQuestion[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CairnError('INVALID_INPUT', `Cannot read the questions file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`);
  }
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line)
    .map(({ line, number }) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new CairnError('INVALID_INPUT', `Line ${number} of ${file} is not valid JSON.`);
      }
      const parsed = QuestionRow.safeParse(json);
      if (!parsed.success) throw new CairnError('INVALID_INPUT', `Line ${number} of ${file} ${parsed.error.issues[0]?.message ?? 'is not a question row'}.`);
      return { question: (parsed.data.q ?? parsed.data.question)!.trim(), gold: (parsed.data.gold ?? parsed.data.gold_passage_ids)! };
    });
}

/**
 * Runs every question through `search` (which should return at least max(k, 10) results) and
 * scores it: recall@5 and recall@k (a gold passage among the first 5 or k results), MRR@10 (1 / rank of the first gold passage within 10) and the latency percentiles.
 */
export async function evaluateRetrieval(
  questions: readonly EvalQuestion[],
  search: (question: string) => Promise<SearchResponse>,
  options: { k?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<RetrievalEvalResult> {
  const k = options.k ?? 5;
  let hitsAt5 = 0;
  let hitsAtK = 0;
  let reciprocalRanks = 0;
  const latencies: number[] = [];
  for (const [index, item] of questions.entries()) {
    const started = performance.now();
    const response = await search(item.question);
    latencies.push(performance.now() - started);
    const gold = new Set(item.gold);
    const rank = response.results.findIndex((result) => result.externalId !== null && gold.has(result.externalId)) + 1;
    if (rank > 0 && rank <= 5) hitsAt5 += 1;
    if (rank > 0 && rank <= k) hitsAtK += 1;
    if (rank > 0 && rank <= 10) reciprocalRanks += 1 / rank;
    options.onProgress?.(index + 1, questions.length);
  }
  const n = questions.length;
  return {
    n,
    k,
    recallAt5: round(n ? hitsAt5 / n : 0),
    recallAtK: round(n ? hitsAtK / n : 0),
    mrrAt10: round(n ? reciprocalRanks / n : 0),
    p50Ms: round(percentile(latencies, 0.5)),
    p95Ms: round(percentile(latencies, 0.95)),
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
