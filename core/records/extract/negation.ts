import { clauseAt } from './spans';

/**
 * NegEx-style negation: a trigger shortly before a term ("no evidence of metastasis", "negative
 * for melanoma") or shortly after it ("BRAF wild-type", "metastasis ruled out") negates it, within
 * the same clause only ("no lymphovascular invasion, but melanoma at the margin" keeps melanoma).
 */

/** Triggers that negate what follows them. Longest first so "no evidence of" is one trigger. */
const PRE_TRIGGERS = [
  'no evidence of',
  'no evidence for',
  'no sign of',
  'no signs of',
  'no findings of',
  'no radiographic evidence of',
  'no definite',
  'negative for',
  'free of',
  'absence of',
  'absent',
  'without',
  'ruled out',
  'rules out',
  'rule out',
  'r/o',
  'denies',
  'denied',
  'not',
  'no',
  'non',
  'neither',
  'nor',
  'lack of',
  'lacks',
  'wild-type for',
  'wild type for',
];

/** Triggers that negate what precedes them. */
const POST_TRIGGERS = [
  'not detected',
  'not identified',
  'not seen',
  'not present',
  'not found',
  'none detected',
  'ruled out',
  'was excluded',
  'excluded',
  'absent',
  'is negative',
  'was negative',
  'were negative',
  'negative',
  'wild-type',
  'wild type',
  'unlikely',
];

/** Phrases that look like negation but are not ("no change in the liver metastases", "not only"). */
const PSEUDO = /\b(?:no (?:significant |interval |substantial )?(?:change|increase|decrease|improvement|worsening)|no longer|not only|not necessarily|without (?:difficulty|complication|complications))\b/gi;

const wordsPattern = (phrases: string[]) =>
  new RegExp(`(?<![\\w-])(?:${phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/[-\s]+/g, '[-\\s]+')).join('|')})(?![\\w-])`, 'gi');

const PRE = wordsPattern(PRE_TRIGGERS);
const POST = wordsPattern(POST_TRIGGERS);

/** How many words may sit between a trigger and the term it negates. */
const PRE_WINDOW_WORDS = 6;
const POST_WINDOW_WORDS = 3;

const wordCount = (text: string) => (text.trim() ? text.trim().split(/\s+/).length : 0);

export interface Negation {
  trigger: string;
  /** Where the trigger sits relative to the term. */
  position: 'pre' | 'post';
}

/** The negation that governs `text[start, end)`, if any. */
export function negationOf(text: string, start: number, end: number): Negation | undefined {
  const [clauseStart, clauseEnd] = clauseAt(text, start);
  const pseudo = [...text.matchAll(PSEUDO)].map((m) => [m.index, m.index + m[0].length] as const);
  const inPseudo = (index: number) => pseudo.some(([a, b]) => index >= a && index < b);

  const before = text.slice(clauseStart, start);
  let pre: Negation | undefined;
  for (const match of before.matchAll(PRE)) {
    const at = clauseStart + match.index;
    if (inPseudo(at)) continue;
    const gap = text.slice(at + match[0].length, start);
    if (wordCount(gap) <= PRE_WINDOW_WORDS) pre = { trigger: match[0].toLowerCase(), position: 'pre' };
  }
  if (pre) return pre;

  // After the term the scope is tighter: a comma or bracket between ends it ("carcinoma, hormone receptor negative").
  const after = text.slice(end, clauseEnd);
  for (const match of after.matchAll(POST)) {
    const gap = after.slice(0, match.index);
    if (wordCount(gap) > POST_WINDOW_WORDS || /[,()]/.test(gap)) break;
    return { trigger: match[0].toLowerCase(), position: 'post' };
  }
  return undefined;
}

export function isNegated(text: string, start: number, end: number): boolean {
  return negationOf(text, start, end) !== undefined;
}
