import type { KeyDate, Treatment } from '../profile';
import { isFamilyContext, SPECULATIVE, clauseText } from './context';
import { nearestDate } from './dates';
import { ruleMeta, type ExtractContext } from './evidence';
import { isNegated } from './negation';
import type { Span } from './spans';

/**
 * Dates that anchor the story: diagnosis, surgery, recurrence, progression, only where the record
 * writes a full date beside the event ("diagnosed 02/11/2025", "Date of diagnosis: ..."). "No
 * evidence of recurrence on 01/09/2026" is not a recurrence date. The surgery date is the first
 * dated surgery among the treatments. Each label appears once, with its earliest date.
 */

const EVENTS: readonly { label: string; pattern: RegExp }[] = [
  { label: 'diagnosis', pattern: /\b(?:date of (?:initial )?diagnosis|diagnosis date|dx date|diagnosed|initial diagnosis)\b/gi },
  { label: 'recurrence', pattern: /\b(?:recurren(?:ce|t)|relapsed?)\b/gi },
  { label: 'progression', pattern: /\b(?:progress(?:ion|ed)|progressive disease)\b/gi },
];

interface Found {
  label: string;
  date: string;
  span: Span;
  index: number;
}

function eventsIn(span: Span): Found[] {
  if (isFamilyContext(span, 0)) return [];
  const found: Found[] = [];
  for (const { label, pattern } of EVENTS) {
    for (const match of span.text.matchAll(pattern)) {
      const end = match.index + match[0].length;
      if (isNegated(span.text, match.index, end) || SPECULATIVE.test(clauseText(span, match.index))) continue;
      const clause = clauseText(span, match.index);
      const date = nearestDate(clause, clause.indexOf(match[0]), clause.indexOf(match[0]) + match[0].length);
      if (date) found.push({ label, date: date.iso, span, index: match.index });
    }
  }
  return found;
}

export function extractKeyDates(spans: Span[], context: ExtractContext, treatments: Treatment[]): KeyDate[] {
  const found = spans.flatMap(eventsIn);
  const byLabel = new Map<string, Found[]>();
  for (const item of found) byLabel.set(item.label, [...(byLabel.get(item.label) ?? []), item]);
  const dates: KeyDate[] = [...byLabel.entries()].map(([label, items]) => {
    const earliest = [...items].sort((a, b) => a.date.localeCompare(b.date))[0] as Found;
    return { label, date: earliest.date, ...ruleMeta(context, [{ span: earliest.span, focus: earliest.index }], 0.85) };
  });
  const surgery = treatments.filter((t) => t.kind === 'surgery' && t.date).sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''))[0];
  if (surgery?.date) {
    const { kind: _kind, name: _name, date, ...meta } = surgery;
    dates.push({ label: 'surgery', date, ...meta, confidence: Math.min(meta.confidence ?? 0.8, 0.85) });
  }
  return dates.sort((a, b) => a.date.localeCompare(b.date));
}
