import { parseClinicalDate } from '../read/recordDate';

/**
 * Dates in a sentence, with where they sit, so a treatment takes the date written next to it
 * rather than another date in the same line. Reading a date's text is the readers' job
 * (`parseClinicalDate`, month first for all-numeric dates); this only finds where dates are.
 */

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;

/** Candidate date strings; each candidate is read by `parseClinicalDate`, which rejects impossible dates. */
const CANDIDATE = new RegExp(
  [
    String.raw`(?<![\d.,/-])\d{4}[-/]\d{1,2}[-/]\d{1,2}(?!\d)`,
    String.raw`(?<![\d.,/-])\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})(?![\d/-]|\.\d)`,
    String.raw`\b${MONTH}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}(?!\d)`,
    String.raw`(?<!\d)\d{1,2}(?:st|nd|rd|th)?[\s-]+${MONTH}\.?,?[\s-]+(?:\d{4}|\d{2})(?!\d)`,
  ].join('|'),
  'gi',
);

export interface DateMention {
  /** YYYY-MM-DD. */
  iso: string;
  index: number;
  end: number;
}

/** Every full date (day, month and year) written in `text`, in order. Month-and-year alone names no day and is skipped. */
export function findDates(text: string): DateMention[] {
  const found: DateMention[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const iso = parseClinicalDate(match[0]);
    if (iso) found.push({ iso, index: match.index, end: match.index + match[0].length });
  }
  return found;
}

/**
 * The date that belongs to the words at [start, end): the nearest date in the text, preferring one
 * that follows ("excision on 03/04/2025") over one that precedes at the same distance.
 */
export function nearestDate(text: string, start: number, end: number): DateMention | undefined {
  let best: { date: DateMention; distance: number } | undefined;
  for (const date of findDates(text)) {
    const distance = date.index >= end ? date.index - end : start - date.end + 1;
    if (distance < 0) continue;
    if (!best || distance < best.distance) best = { date, distance };
  }
  return best?.date;
}
