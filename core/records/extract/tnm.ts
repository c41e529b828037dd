import type { Span } from './spans';

/**
 * TNM as records write it: "pT2N1M0", "pT3b pN1a M1c", "cT4 N2 M1b", "ypT0 N0", "T1c(sn) N0(i-)",
 * or a synoptic report's separate lines ("Primary tumor (pT): pT3a" / "Regional lymph nodes (pN):
 * pN1a"). Shared by the stage and the metastasis extractors.
 */

const PREFIX = String.raw`(?:[ycpra]{1,3})?`;
const T = String.raw`${PREFIX}T(?:is|[0-4]|X)(?:[a-d]\d?)?(?:\((?:m|\d+|sn|is)\))?`;
const N = String.raw`${PREFIX}N(?:[0-3]|X)(?:mi|[a-c])?(?:\((?:sn|i[+-]|mol[+-]|\d+\/\d+)\))?`;
const M = String.raw`${PREFIX}M(?:[01]|X)(?:[a-d])?(?:\((?:\d|i\+)\))?`;
const SEP = String.raw`[\s,/]{0,3}`;

/** T then N, with M when it is there. Case-sensitive: "T2" is TNM, "t2" is not. */
const TNM = new RegExp(String.raw`(?<![A-Za-z0-9])(${T})${SEP}(${N})(?:${SEP}(${M}))?(?![A-Za-z0-9+])`, 'g');

/** An M category standing alone ("with liver metastases (M1c)", "M1c(1)"). */
const LONE_M = /(?<![A-Za-z0-9])([cp]?M1[a-d]?)(?:\(\d\))?(?![A-Za-z0-9])/g;

export interface TnmMention {
  /** The TNM as the record writes it, spaces tidied ("pT3b pN1a M1c"). */
  text: string;
  index: number;
  /** The M category's number when written: 0, 1, or undefined for MX or no M. */
  m?: 0 | 1;
}

function mNumber(m: string | undefined): 0 | 1 | undefined {
  const digit = /M([01])/.exec(m ?? '')?.[1];
  return digit === '0' ? 0 : digit === '1' ? 1 : undefined;
}

export function findTnm(text: string): TnmMention[] {
  return [...text.matchAll(TNM)].map((match) => {
    const m = mNumber(match[3]);
    return { text: match[0].replace(/\s+/g, ' ').trim(), index: match.index, ...(m !== undefined ? { m } : {}) };
  });
}

/** Lone M1 categories, only where the sentence is about stage or spread, so "M1" means distant metastasis. */
export function findLoneM1(text: string): { text: string; index: number }[] {
  if (!/\b(?:stage|staging|AJCC|TNM|metasta\w*|mets)\b/i.test(text)) return [];
  return [...text.matchAll(LONE_M)].map((match) => ({ text: match[0], index: match.index }));
}

const CATEGORY_VALUE = {
  T: new RegExp(String.raw`^(${T})(?![A-Za-z0-9])`),
  N: new RegExp(String.raw`^(${N})(?![A-Za-z0-9])`),
  M: new RegExp(String.raw`^(${M})(?![A-Za-z0-9])`),
} as const;

/** How far apart a synoptic report's T, N and M lines may be. */
const SYNOPTIC_WINDOW = 6;

/**
 * TNM assembled from a synoptic report's labelled lines, each holding one category
 * ("Primary tumor (pT): pT3a"). Needs T and N within a few consecutive lines.
 */
export function findSynopticTnm(spans: Span[]): { tnm: TnmMention; spans: Span[] }[] {
  const found: { tnm: TnmMention; spans: Span[] }[] = [];
  for (let i = 0; i < spans.length; i++) {
    const t = categoryOf(spans[i], 'T');
    if (!t) continue;
    const window = spans.slice(i + 1, i + 1 + SYNOPTIC_WINDOW);
    const nSpan = window.find((span) => categoryOf(span, 'N'));
    if (!nSpan) continue;
    const mSpan = window.find((span) => categoryOf(span, 'M'));
    const parts = [t, categoryOf(nSpan, 'N'), mSpan ? categoryOf(mSpan, 'M') : undefined].filter((part): part is string => !!part);
    const m = mNumber(mSpan ? categoryOf(mSpan, 'M') : undefined);
    found.push({
      tnm: { text: parts.join(' '), index: 0, ...(m !== undefined ? { m } : {}) },
      spans: [spans[i] as Span, nSpan, ...(mSpan ? [mSpan] : [])],
    });
  }
  return found;
}

/** The category a labelled line holds ("pT3a" from "Primary tumor (pT): pT3a"), if it holds only that. */
function categoryOf(span: Span | undefined, category: keyof typeof CATEGORY_VALUE): string | undefined {
  if (!span?.label) return undefined;
  const colon = span.text.indexOf(':');
  if (colon < 0) return undefined;
  return CATEGORY_VALUE[category].exec(span.text.slice(colon + 1).trim())?.[1];
}
