import fs from 'node:fs';
import path from 'node:path';

/**
 * The outside evaluation corpus in ../shared/eval. Contains data from MedQuAD (Ben Abacha &
 * Demner-Fushman, 2019), https://github.com/abachaa/MedQuAD, licensed CC BY 4.0
 * (https://creativecommons.org/licenses/by/4.0/). Source: National Cancer Institute, cancer.gov
 * (patient cancer information summaries, text as of ~2017).
 */
export const EVAL_DIR = path.resolve(import.meta.dirname, '../../../shared/eval');
export const EVAL_PASSAGES = path.join(EVAL_DIR, 'medquad-cancergov-passages.jsonl');

export interface EvalPassage {
  passage_id: string;
  doc_id: string;
  url: string;
  focus: string;
  section: string;
  text: string;
}

export function readEvalPassages(limit = Infinity): EvalPassage[] {
  return fs
    .readFileSync(EVAL_PASSAGES, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .slice(0, limit)
    .map((line) => JSON.parse(line) as EvalPassage);
}
