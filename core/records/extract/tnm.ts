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

/** A note between categories: "ypT3 ypN1 (2/27 nodes) M0", "ypT2N0 (0/18), cM0", "pT3b (Breslow 3.4 mm, ulcerated) pN1a". */
const N_NOTE = String.raw`(?:\s*\([^()]{0,60}\))?`;

/** T then N, with M when it is there. Case-sensitive: "T2" is TNM, "t2" is not. */
const TNM = new RegExp(String.raw`(?<![A-Za-z0-9])(${T})(${N_NOTE}${SEP})(${N})(?:(${N_NOTE}${SEP})(${M}))?(?![A-Za-z0-9+])`, 'g');

/** An M category standing alone ("with liver metastases (M1c)", "M1c(1)"). */
const LONE_M = /(?<![A-Za-z0-9])([cp]?M1[a-d]?)(?:\(\d\))?(?![A-Za-z0-9])/g;

export interface TnmMention {
  /** The TNM as the record writes it, spaces tidied ("pT3b pN1a M1c"). */
  text: string;
  index: number;
  /** Where the TNM ends in the sentence. */
  end?: number;
  /** The M category's number when written: 0, 1, or undefined for MX or no M. */
  m?: 0 | 1;
}

function mNumber(m: string | undefined): 0 | 1 | undefined {
  const digit = /M([01])/.exec(m ?? '')?.[1];
  return digit === '0' ? 0 : digit === '1' ? 1 : undefined;
}

export function findTnm(text: string): TnmMention[] {
  return [...text.matchAll(TNM)].map((match) => {
    const [, t = '', tGap = '', n = '', nGap = '', mText] = match;
    const m = mNumber(mText);
    // Notes between the categories are not part of the TNM: "ypT2N0 (0/18), cM0" is "ypT2N0 cM0".
    const join = (gap: string) => (/[(,;/]/.test(gap) ? ' ' : gap);
    const written = `${t}${join(tGap)}${n}${mText ? `${join(nGap)}${mText}` : ''}`;
    return { text: written.replace(/\s+/g, ' ').trim(), index: match.index, end: match.index + match[0].length, ...(m !== undefined ? { m } : {}) };
  });
}

/** Lone M1 categories, only where the sentence is about stage or spread, so "M1" means distant metastasis. */
export function findLoneM1(text: string): { text: string; index: number }[] {
  if (!/\b(?:stage|staging|AJCC|TNM|metasta\w*|mets)\b/i.test(text)) return [];
  return [...text.matchAll(LONE_M)].map((match) => ({ text: match[0], index: match.index }));
}

const CATEGORY = { T, N, M } as const;
const CATEGORY_VALUE = {
  T: new RegExp(String.raw`^(${T})(?![A-Za-z0-9])`),
  N: new RegExp(String.raw`^(${N})(?![A-Za-z0-9])`),
  M: new RegExp(String.raw`^(${M})(?![A-Za-z0-9])`),
} as const;

/**
 * TNM in each sentence, with the M category completed from the line right after when the TNM
 * ends its sentence without one ("pT3b pN1a" / "M0" on the next line of a staging list).
 */
export function findTnmInSpans(spans: Span[]): { tnm: TnmMention; span: Span }[] {
  const found: { tnm: TnmMention; span: Span }[] = [];
  spans.forEach((span, i) => {
    for (const tnm of findTnm(span.text)) {
      const next = spans[i + 1];
      const atEnd = tnm.end !== undefined && /^\s*(?:\([^()]*\))?[\s.,;]*$/.test(span.text.slice(tnm.end));
      const m = tnm.m === undefined && atEnd && !/M[01X]/.test(tnm.text) && next && next.page === span.page && next.locator === span.locator ? categoryOf(next, 'M') : undefined;
      const mValue = m && /^[\s.,;]*$/.test(next?.text.slice(next.text.indexOf(m) + m.length) ?? '') ? mNumber(m) : undefined;
      found.push({ span, tnm: m && mValue !== undefined ? { ...tnm, text: `${tnm.text} ${m}`, m: mValue } : tnm });
    }
  });
  return found;
}

/** How far apart a synoptic report's T, N and M lines may be. */
const SYNOPTIC_WINDOW = 6;

/**
 * TNM assembled from a synoptic report's labelled lines, each holding one category
 * ("Primary tumor (pT): pT3a"). Needs T and N within a few consecutive lines.
 */
export function findSynopticTnm(spans: Span[]): { tnm: TnmMention; spans: Span[] }[] {
  const found: { tnm: TnmMention; spans: Span[] }[] = [];
  for (let i = 0; i < spans.length; i++) {
    // A T inside a full TNM is read by findTnm.
    if (findTnm(spans[i]?.text ?? '').length > 0) continue;
    const t = categoryOf(spans[i], 'T');
    const window = spans.slice(i + 1, i + 1 + SYNOPTIC_WINDOW);
    const nSpan = t ? window.find((span) => categoryOf(span, 'N')) : categoryOf(window[0], 'N') ? window[0] : undefined;
    const tValue = t ?? (nSpan ? trailingT(spans[i]) : undefined);
    if (!nSpan || !tValue) continue;
    const mSpan = window.find((span) => categoryOf(span, 'M'));
    const parts = [tValue, categoryOf(nSpan, 'N'), mSpan ? categoryOf(mSpan, 'M') : undefined].filter((part): part is string => !!part);
    const m = mNumber(mSpan ? categoryOf(mSpan, 'M') : undefined);
    found.push({
      tnm: { text: parts.join(' '), index: 0, ...(m !== undefined ? { m } : {}) },
      spans: [spans[i] as Span, nSpan, ...(mSpan ? [mSpan] : [])],
    });
  }
  return found;
}

/** A category written last on a line, after words that name it: "Regional lymph nodes (pN)  pN1a". */
const NAMED_LAST = {
  T: new RegExp(String.raw`(?:\((?:[ycpr]{0,2})T\)|\bprimary tumou?r|\btumou?r)\W{0,20}(${T})\s*$`, 'i'),
  N: new RegExp(String.raw`(?:\((?:[ycpr]{0,2})N\)|\b(?:regional )?(?:lymph )?nodes?)\W{0,20}(${N})\s*$`, 'i'),
  M: new RegExp(String.raw`(?:\((?:[ycpr]{0,2})M\)|\bdistant metasta\w*)\W{0,20}(${M})\s*$`, 'i'),
} as const;

/**
 * The category a line of a synoptic report or a staging list holds: after a label's colon ("Primary
 * tumor (pT): pT3a"), after dotted leaders ("pT ....... pT1b"), last after words that name it
 * ("Regional lymph nodes (pN) pN1a"), or opening a line of its own ("pN1a (1/2 sentinel nodes)", "M0").
 */
function categoryOf(span: Span | undefined, category: keyof typeof CATEGORY_VALUE): string | undefined {
  if (!span) return undefined;
  const text = span.text.trim();
  const colon = text.indexOf(':');
  if (span.label && colon >= 0) {
    const labelled = CATEGORY_VALUE[category].exec(text.slice(colon + 1).trim())?.[1];
    if (labelled) return labelled;
  }
  const leaders = /\.{2,}\s*(\S.*)$/.exec(text);
  if (leaders?.[1]) {
    const led = CATEGORY_VALUE[category].exec(leaders[1])?.[1];
    if (led) return led;
  }
  const named = NAMED_LAST[category].exec(text)?.[1];
  if (named) return named;
  // A line of its own: the category, then nothing, a bracketed note or a comma.
  const own = new RegExp(String.raw`^(${CATEGORY[category]})(?=\s*(?:$|[(,;]))`).exec(text);
  return own?.[1];
}

/** A T category ending a sentence or followed only by a note, for a staging list that goes on below: "..., pT3b (Breslow 3.4 mm)". */
function trailingT(span: Span | undefined): string | undefined {
  if (!span) return undefined;
  const match = new RegExp(String.raw`(?<![A-Za-z0-9])([ycpr]{1,2}T(?:is|[0-4]|X)(?:[a-d]\d?)?)(?:\s*\([^()]{0,60}\))?[\s,;.]*$`).exec(span.text);
  return match?.[1];
}
