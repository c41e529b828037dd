import type { PerformanceStatus } from '../profile';
import { clauseText, isFamilyContext } from './context';
import { ruleMeta, type ExtractContext } from './evidence';
import type { Span } from './spans';

/**
 * ECOG (0-4) or Karnofsky (0-100) performance status. The newest statement wins (a note restates
 * the current one). A range ("ECOG 0-1") or a threshold ("ECOG ≤1 required") is not a value and
 * gives nothing, nor does an eligibility criterion.
 */

const SEPARATOR = String.raw`\s*(?:\((?:ECOG|PS|KPS)\))?\s*(?:score|grade)?\s*(?:is|of|was|=|:|-)?\s*`;

const ECOG = new RegExp(
  String.raw`\b(?:(?:ECOG|Zubrod|WHO)(?:\s*(?:PS|performance status|performance score))?|performance status(?:\s*(?:\(ECOG\)|ECOG))?)${SEPARATOR}(?:ECOG\s*)?([0-4])(?!\d|\.\d|\s*%)(?!\s*(?:-|–|to|or)\s*[0-4])`,
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

export function extractPerformanceStatus(spans: Span[], context: ExtractContext): PerformanceStatus | undefined {
  const readings = spans.flatMap(readingsIn);
  const newest = [...readings].sort((a, b) => (b.span.date ?? '').localeCompare(a.span.date ?? '') || b.span.order - a.span.order)[0];
  if (!newest) return undefined;
  const agreeing = readings.filter((r) => r !== newest && r.scale === newest.scale && r.value === newest.value);
  return {
    scale: newest.scale,
    value: newest.value,
    ...ruleMeta(context, [newest, ...agreeing].map((r) => ({ span: r.span, focus: r.index })), newest.confidence),
  };
}
