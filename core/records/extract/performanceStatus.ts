import type { PerformanceStatus } from '../profile';
import { clauseText, isFamilyContext } from './context';
import { ruleMeta, type ExtractContext } from './evidence';
import type { Span } from './spans';

/**
 * ECOG (0-4) or Karnofsky (0-100) performance status. The newest statement wins (a note restates
 * the current one). A range ("ECOG 0-1") or a threshold ("ECOG ≤1 required") is not a value and
 * gives nothing, nor does an eligibility criterion.
 */

/** Between the scale and its value: "(KPS)", "score", "is", "of", ":", a table's "|", "at" ("estimated at 80%"). */
const SEPARATOR = String.raw`\s*(?:\((?:ECOG|PS|KPS|WHO)\))?\s*(?:score|grade)?\s*(?:is|of|was|=|:|-|\||(?:estimated |assessed )?at|(?:of )?(?:about|around|approximately|approx\.?)|~)?\s*(?:\|\s*)?`;

/** ECOG, and the WHO (Zubrod) scale, which is the same 0-5 scale. "WHO grade" is a tumour grade, so WHO needs "PS" or "performance status". */
const ECOG = new RegExp(
  String.raw`\b(?:(?:ECOG|Zubrod)(?:\s*(?:PS|performance status|performance score))?|WHO\s*(?:PS|performance status|performance score)|performance status(?:\s*(?:\((?:ECOG|WHO)\)|ECOG|WHO))?)${SEPARATOR}(?:ECOG\s*)?([0-4])(?!\d|\.\d|\s*%)(?!\s*(?:-|–|to|or)\s*[0-4])`,
  'gi',
);
/** "PS 1" alone: an oncology note's shorthand for ECOG; less sure. */
const BARE_PS = /\bPS\s*[:=]?\s*([0-4])(?!\d|\.\d|\s*%)(?!\s*(?:-|–|to|or)\s*[0-4])/g;
const KARNOFSKY = new RegExp(String.raw`\b(?:Karnofsky(?:\s+performance\s+(?:status|score|scale))?(?:\s*\(KPS\))?|KPS)${SEPARATOR}(\d{2,3})\s*%?(?!\d|\.\d)(?!\s*(?:-|–|to)\s*\d)`, 'gi');

const NOT_A_VALUE = /\b(?:if|eligib\w*|requir\w*|criteria|must|needs?|at least|or better|inclusion|exclusion)\b/i;

interface Reading {
  scale: 'ECOG' | 'Karnofsky';
  value: number;
  span: Span;
  index: number;
  confidence: number;
}

function readingsIn(span: Span): Reading[] {
  const readings: Reading[] = [];
  const push = (scale: Reading['scale'], value: number, index: number, confidence: number) => {
    if (isFamilyContext(span, index) || NOT_A_VALUE.test(clauseText(span, index))) return;
    readings.push({ scale, value, span, index, confidence });
  };
  for (const match of span.text.matchAll(ECOG)) push('ECOG', Number(match[1]), match.index, 0.95);
  if (readings.length === 0) {
    for (const match of span.text.matchAll(BARE_PS)) push('ECOG', Number(match[1]), match.index, 0.8);
  }
  for (const match of span.text.matchAll(KARNOFSKY)) {
    const value = Number(match[1]);
    if (value <= 100 && value % 10 === 0) push('Karnofsky', value, match.index, 0.95);
  }
  return readings;
}

/** Words that date a reading within the note: today's or the latest beats an earlier one ("ECOG 3 on admission; ECOG 2 at discharge"). */
const NOW = /^\W{0,3}(?:[\w/()-]+\s+){0,2}?(?:today|now|currently|at (?:discharge|this visit|present)|on discharge|this visit|at review)\b|\b(?:today|now|currently|at present|on discharge|at discharge)\W*$/i;
const BEFORE = /^\W{0,3}(?:[\w/()-]+\s+){0,2}?(?:on admission|at admission|at (?:diagnosis|presentation|baseline)|baseline|previously|prior|pre-?treatment|last (?:visit|month|week))\b|\b(?:on admission|at (?:diagnosis|presentation|baseline)|previously|was)\W*$/i;

function timeRank(reading: Reading): number {
  // Only the words up to the next or back to the previous comma or semicolon: "ECOG 1 today; was ECOG 3 last month".
  const after = reading.span.text.slice(reading.index).replace(/^\D*\d{1,3}\s*%?/, '').split(/[;,]/)[0] ?? '';
  const before = reading.span.text.slice(Math.max(0, reading.index - 25), reading.index).split(/[;,]/).at(-1) ?? '';
  if (NOW.test(after) || NOW.test(before)) return 1;
  if (BEFORE.test(after) || BEFORE.test(before)) return -1;
  return 0;
}

export function extractPerformanceStatus(spans: Span[], context: ExtractContext): PerformanceStatus | undefined {
  const readings = spans.flatMap(readingsIn);
  const newest = [...readings].sort(
    (a, b) => (b.span.date ?? '').localeCompare(a.span.date ?? '') || timeRank(b) - timeRank(a) || b.span.order - a.span.order || b.index - a.index,
  )[0];
  if (!newest) return undefined;
  const agreeing = readings.filter((r) => r !== newest && r.scale === newest.scale && r.value === newest.value);
  return {
    scale: newest.scale,
    value: newest.value,
    ...ruleMeta(context, [newest, ...agreeing].map((r) => ({ span: r.span, focus: r.index })), newest.confidence),
  };
}
