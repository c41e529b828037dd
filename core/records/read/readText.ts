import type { RecordSegment, RecordText } from '../types';
import { findRecordDate } from './recordDate';

/**
 * A plain-text record (a copied visit note, a lab printout saved as .txt): one segment a line,
 * since evidence should point at a short span, with the record's date from its header labels.
 */

/** A first line longer than this is prose, not a title. */
const MAX_TITLE_LENGTH = 80;
/** Words that make a short first line a record's title rather than a name or an address. */
const TITLE_WORDS = /\b(report|summary|note|notes|letter|results?|record|consult(?:ation)?|pathology|radiology|imaging|visit|discharge|history|plan|assessment|referral|operative|cytology|biopsy)\b/i;

export function readPlainText(text: string): RecordText {
  const lines = recordLines(text);
  const date = findRecordDate(lines);
  const title = statedTitle(lines);
  return {
    format: 'text',
    segments: lines.map((line): RecordSegment => ({ text: line })),
    ...(date ? { date } : {}),
    ...(title ? { title } : {}),
  };
}

/** The non-empty lines, trimmed, with runs of spaces and tabs (column padding) made one space. */
export function recordLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '');
}

/**
 * The record's first line when it reads as a title ("SURGICAL PATHOLOGY REPORT", "Discharge
 * Summary"): short, no label or sentence, and naming a kind of record.
 */
export function statedTitle(lines: readonly string[]): string | undefined {
  const first = lines[0];
  if (!first || first.length > MAX_TITLE_LENGTH || first.includes(':') || /[.!?]$/.test(first)) return undefined;
  return TITLE_WORDS.test(first) ? first : undefined;
}
