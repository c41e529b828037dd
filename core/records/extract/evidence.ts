import type { Evidence, FieldSource } from '../profile';
import { evidenceText, type Span } from './spans';

/** What every extractor is handed besides the spans: the file name for evidence and the record's own date. */
export interface ExtractContext {
  file: string;
  /** The record's date (YYYY-MM-DD), used when a span's segment has no date of its own. */
  recordDate?: string;
}

/** Where a value came from: the file, the page when the source has pages, and the sentence (shortened around `focus`). */
export function evidenceOf(context: ExtractContext, span: Span, focus = 0): Evidence {
  return { file: context.file, ...(span.page !== undefined ? { page: span.page } : {}), text: evidenceText(span.text, focus) };
}

/** Evidence for several spans, each sentence once, in the order given. */
export function evidenceList(context: ExtractContext, items: readonly { span: Span; focus?: number }[], max = 3): Evidence[] {
  const seen = new Set<string>();
  const list: Evidence[] = [];
  for (const { span, focus } of items) {
    const evidence = evidenceOf(context, span, focus);
    const key = `${String(evidence.page)}|${evidence.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    list.push(evidence);
    if (list.length >= max) break;
  }
  return list;
}

/** The field metadata every rule-extracted value carries. */
export function ruleMeta(
  context: ExtractContext,
  items: readonly { span: Span; focus?: number }[],
  confidence: number,
): { evidence: Evidence[]; confidence: number; source: FieldSource; recordDate?: string } {
  const first = items[0]?.span;
  const recordDate = first?.date ?? context.recordDate;
  return {
    evidence: evidenceList(context, items),
    confidence: Math.round(Math.min(1, Math.max(0, confidence)) * 100) / 100,
    source: 'rules',
    ...(recordDate ? { recordDate } : {}),
  };
}
