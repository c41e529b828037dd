/**
 * Dates as clinical records write them, turned into ISO YYYY-MM-DD. The readers use this for a
 * record's own date; the extractors use `parseClinicalDate` for treatment and test dates.
 *
 * All-numeric dates with slashes or dashes are read month first (02/10/2026 is 10 February), as US
 * patient portals write them, unless the first number cannot be a month (13/02/2026). Dotted dates
 * (10.02.2026) are read day first, as European records write them.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;
const MONTH_NAME = String.raw`jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?`;
const ORDINAL = String.raw`(?:st|nd|rd|th)?`;

/**
 * One alternative per way of writing a date; the first that matches at the earliest position
 * wins. Digit runs are fenced by lookarounds so "12026-01-011" or a phone number never match.
 */
const DATE_PATTERN = new RegExp(
  [
    // 2026-02-10, 2026/02/10, 2026-02-10T09:30:00Z
    String.raw`(?<!\d)(?<isoY>\d{4})[-/](?<isoM>\d{1,2})[-/](?<isoD>\d{1,2})(?!\d)`,
    // 02/10/2026, 2/10/26, 02-10-2026, 10.02.2026
    String.raw`(?<![\d.,/-])(?<numA>\d{1,2})(?<numSep>[/.-])(?<numB>\d{1,2})\k<numSep>(?<numY>\d{4}|\d{2})(?![\d/-]|\.\d)`,
    // Feb 10, 2026; February 10th 2026; Feb. 10, 2026
    String.raw`\b(?<mdyM>${MONTH_NAME})\.?\s+(?<mdyD>\d{1,2})${ORDINAL},?\s+(?<mdyY>\d{4})(?!\d)`,
    // 10 February 2026; 10 Feb, 2026; 10-FEB-2026; 10-Feb-26
    String.raw`(?<!\d)(?<dmyD>\d{1,2})${ORDINAL}[\s-]+(?<dmyM>${MONTH_NAME})\.?,?[\s-]+(?<dmyY>\d{4}|\d{2})(?!\d)`,
  ].join('|'),
  'gi',
);

/**
 * The first date written in `text`, as YYYY-MM-DD; undefined when there is none. Dates that do
 * not exist (2026-02-30) are skipped. Two-digit years are this century unless that would put
 * them more than a year in the future.
 */
export function parseClinicalDate(text: string): string | undefined {
  for (const match of text.matchAll(DATE_PATTERN)) {
    const date = dateFromMatch(match.groups ?? {});
    if (date) return date;
  }
  return undefined;
}

function dateFromMatch(groups: Record<string, string | undefined>): string | undefined {
  const { isoY, isoM, isoD, numA, numB, numSep, numY, mdyM, mdyD, mdyY, dmyD, dmyM, dmyY } = groups;
  if (isoY && isoM && isoD) return isoDate(Number(isoY), Number(isoM), Number(isoD));
  if (numA && numB && numY) {
    const year = fullYear(numY);
    const [first, second] = [Number(numA), Number(numB)];
    const dayFirst = numSep === '.' || first > 12;
    return dayFirst ? isoDate(year, second, first) : isoDate(year, first, second);
  }
  if (mdyM && mdyD && mdyY) return isoDate(Number(mdyY), monthNumber(mdyM), Number(mdyD));
  if (dmyD && dmyM && dmyY) return isoDate(fullYear(dmyY), monthNumber(dmyM), Number(dmyD));
  return undefined;
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase() as (typeof MONTHS)[number]) + 1;
}

function fullYear(digits: string): number {
  if (digits.length === 4) return Number(digits);
  const twoDigit = Number(digits);
  const nextYear = new Date().getFullYear() + 1;
  return 2000 + twoDigit <= nextYear ? 2000 + twoDigit : 1900 + twoDigit;
}

/** YYYY-MM-DD when the parts make a real calendar date between 1900 and 2100. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The date part of a FHIR date or dateTime ("2026-01-15", "2026-01-15T10:00:00-05:00"); undefined
 * for partial dates ("2026-01", "2026"), which name no day.
 */
export function parseFhirDate(value: string | undefined): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T|$)/.exec(value?.trim() ?? '');
  return match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
}

/**
 * The date part of an HL7 v3 timestamp ("20260314103000-0500", "20260314"), as the record wrote
 * it (the local date, not converted to UTC); undefined when it names no day ("202603").
 */
export function parseHl7Date(value: string | undefined): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})/.exec(value?.trim() ?? '');
  return match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
}

// ---------------------------------------------------------------------------------------------
// The record's own date

/**
 * Labels that introduce a record's date, best first. A report says when it was issued, a visit
 * note when the visit was, a discharge summary when the stay ended: each is the date the record's
 * facts are "as of". Collection, receipt and admission dates come earlier, so they only count when
 * nothing better is there. A plain "Date:" is the last resort. Date of birth never counts.
 * Single-word labels need their colon, so prose ("the patient reported...") does not match.
 */
const DATE_LABELS: readonly { rank: number; pattern: string }[] = [
  {
    rank: 1,
    pattern: String.raw`(?:final\s+)?report(?:ed)?\s+date|date\s+(?:of\s+)?report(?:ed)?|reported\s*:|date\s+of\s+service|service\s+date|DOS\s*:|discharge\s+date|date\s+of\s+discharge|discharged\s*:|signed\s+out|sign[-\s]?out\s+date|date\s+of\s+visit|visit\s+date`,
  },
  { rank: 2, pattern: String.raw`encounter\s+date|date\s+of\s+(?:encounter|procedure|surgery|exam(?:ination)?|study)|(?:procedure|surgery|exam|study)\s+date|signed\s*:` },
  {
    rank: 3,
    pattern: String.raw`collect(?:ed|ion)\s+date|date\s+collected|collected\s*:|received\s*:|date\s+received|admission\s+date|date\s+of\s+admission|admitted\s*:`,
  },
  // "Date:" on its own, not "Birth Date:" or "Print date:".
  { rank: 4, pattern: String.raw`(?<!\w\s)date\s*:` },
];

const LABEL_PATTERN = new RegExp(DATE_LABELS.map(({ pattern }, index) => `(?<l${String(index)}>\\b(?:${pattern}))`).join('|'), 'gi');

/** How far after its label a date may start ("Signed out by Dr. A. Rivera on 02/14/2026"). */
const MAX_LABEL_GAP = 60;

/**
 * The record's own date from its labelled header lines ("Report date: 02/14/2026", "Date of
 * service: Feb 10, 2026", "Discharge date 2026-02-10"): the best-ranked label's date, the first
 * such when several have the same rank. A label whose date is on the next line (a two-column
 * header laid out as lines) is read there. Undefined when no label carries a date.
 */
export function findRecordDate(lines: readonly string[]): string | undefined {
  let best: { rank: number; date: string } | undefined;
  lines.forEach((line, index) => {
    for (const found of labelledDates(line, lines[index + 1])) {
      if (!best || found.rank < best.rank) best = found;
    }
  });
  return best?.date;
}

function labelledDates(line: string, nextLine: string | undefined): { rank: number; date: string }[] {
  const labels = [...line.matchAll(LABEL_PATTERN)];
  return labels.flatMap((label, index) => {
    const rank = DATE_LABELS[Object.entries(label.groups ?? {}).findIndex(([, value]) => value !== undefined)]?.rank;
    if (rank === undefined) return [];
    const start = (label.index ?? 0) + label[0].length;
    // A date belongs to the nearest label before it: stop where the next label starts.
    const end = labels[index + 1]?.index ?? line.length;
    const after = line.slice(start, Math.min(end, start + MAX_LABEL_GAP));
    let date = parseClinicalDate(after);
    if (!date && after.replace(/[:\s-]/g, '') === '' && nextLine !== undefined) date = leadingDate(nextLine.trim());
    return date ? [{ rank, date }] : [];
  });
}

const FIRST_DATE = new RegExp(DATE_PATTERN.source, 'i');

/** The date the text opens with (a value on its own line under its label), if it opens with one. */
function leadingDate(text: string): string | undefined {
  const match = FIRST_DATE.exec(text);
  return match?.index === 0 ? dateFromMatch(match.groups ?? {}) : undefined;
}
