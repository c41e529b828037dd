import { CANCER_TYPES, type CancerTypeEntry } from './cancerTypeTable';

export interface CancerTypeMention {
  name: string;
  /** Where the mention starts in the text. */
  index: number;
  /** "strong": names a cancer ("melanoma", "NSCLC", "colon cancer"); "weak": only an organ ("colon"). */
  strength: 'strong' | 'weak';
}

const CANCER_WORD = /(cancer|carcinoma|tumou?rs?|oma|omas|leuka?emias?|disease|syndromes?|neoplasms?|histiocytosis|carcinoid)\b/i;

interface Matcher {
  entry: CancerTypeEntry;
  pattern: RegExp;
  strength: 'strong' | 'weak';
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[-\s]+/g, '[-\\s]+');

const MATCHERS: Matcher[] = CANCER_TYPES.flatMap((entry) => [
  ...entry.terms.map((term) => ({
    entry,
    pattern: new RegExp(`(?<![\\w-])${escape(term)}(?![\\w-])`, 'gi'),
    strength: CANCER_WORD.test(term) ? ('strong' as const) : ('weak' as const),
  })),
  ...(entry.abbreviations ?? []).map((abbreviation) => ({
    entry,
    pattern: new RegExp(`(?<![\\w-])${escape(abbreviation)}(?![\\w-])`, 'g'),
    strength: 'strong' as const,
  })),
]);

const BY_NAME = new Map(CANCER_TYPES.map((entry) => [entry.name, entry]));

/**
 * Every cancer type the text names, in order of first mention. Longer names win over the shorter
 * names inside them ("non-small cell lung cancer" is not also "small cell lung cancer"), and
 * organ-only words ("liver") count only when nothing names a cancer outright, so "melanoma that
 * spread to the liver" is about melanoma.
 */
export function findCancerTypes(text: string): CancerTypeMention[] {
  const hits: { start: number; end: number; matcher: Matcher }[] = [];
  for (const matcher of MATCHERS) {
    for (const match of text.matchAll(matcher.pattern)) {
      hits.push({ start: match.index, end: match.index + match[0].length, matcher });
    }
  }
  hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: { start: number; end: number }[] = [];
  const kept: typeof hits = [];
  for (const hit of hits) {
    if (taken.some((t) => hit.start < t.end && t.start < hit.end)) continue;
    taken.push(hit);
    kept.push(hit);
  }
  const strong = kept.some((hit) => hit.matcher.strength === 'strong');
  const mentions = new Map<string, CancerTypeMention>();
  for (const hit of kept.sort((a, b) => a.start - b.start)) {
    if (strong && hit.matcher.strength === 'weak') continue;
    if (!mentions.has(hit.matcher.entry.name)) {
      mentions.set(hit.matcher.entry.name, { name: hit.matcher.entry.name, index: hit.start, strength: hit.matcher.strength });
    }
  }
  return [...mentions.values()];
}

/** Canonical names of the cancer types in the text, first mentioned first. */
export function detectCancerTypes(text: string): string[] {
  return findCancerTypes(text).map((mention) => mention.name);
}

/** The broader types a type belongs to, nearest first ("Uveal melanoma" → Melanoma, Skin cancer). */
export function cancerTypeAncestors(name: string): string[] {
  const ancestors: string[] = [];
  let family = BY_NAME.get(name)?.family;
  while (family && !ancestors.includes(family)) {
    ancestors.push(family);
    family = BY_NAME.get(family)?.family;
  }
  return ancestors;
}

/**
 * How well a document about `documentType` fits a question about `questionType`: 1 for the same
 * type, 0.6 when one is a broader family of the other ("colon" and "colorectal"), else 0.
 */
export function cancerTypeAffinity(questionType: string, documentType: string): number {
  if (questionType.toLowerCase() === documentType.toLowerCase()) return 1;
  if (cancerTypeAncestors(questionType).includes(documentType) || cancerTypeAncestors(documentType).includes(questionType)) return 0.6;
  return 0;
}

export function isKnownCancerType(name: string): boolean {
  return BY_NAME.has(name);
}
