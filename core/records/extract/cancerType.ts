import { cancerTypeAncestors, findCancerTypes } from '../../lexicon';
import { CANCER_TYPES } from '../../lexicon/cancerTypeTable';
import type { CancerTypeField } from '../profile';
import { isFamilyContext, SPECULATIVE, clauseText } from './context';
import { ruleMeta, type ExtractContext } from './evidence';
import { isNegated } from './negation';
import type { Span } from './spans';

/**
 * The patient's own primary cancer: the type as Cairn's lexicon names it, the histology and the
 * primary site. Diagnosis lines outweigh incidental mentions; relatives' cancers, negated mentions
 * ("negative for melanoma") and organs named only as places the cancer spread to ("metastatic to
 * liver") do not count.
 */

/** Headings and labels under which a cancer named is the diagnosis. */
const DIAGNOSIS_PLACE =
  /^(?:final |pathologic(?:al)? |clinical |primary |principal |oncologic |working |cancer |discharge |admission |admitting |secondary |other |post-?operative |pre-?operative )?(?:diagnos[ie]s|dx|impression|assessment(?: and plan)?|assessment\/plan|a\/p|conditions?|problems?|problem list|active problems|histologic type|histology|tumou?r type|primary (?:tumou?r|cancer|site)|summary|id\/cc|reason for (?:consultation|referral|visit)|chief complaint|cc)\b/;
/** Sections where a cancer named is more likely an old or unrelated one. */
const OTHER_HISTORY_PLACE = /^(?:past medical history|pmh|past surgical history|psh|medical history|other history|comorbidities)\b/;

/** Sentence wording that states a diagnosis. */
const DIAGNOSIS_WORDS =
  /\b(?:diagnosed with|diagnosis of|history of|consistent with|compatible with|confirm(?:s|ed|ing)?|show(?:s|ed)|reveal(?:s|ed)|demonstrat(?:es|ed)|with (?:metastatic|recurrent|resected|stage)|patient with|(?:wo)?man with|\d+\s*(?:y\.?o\.?|-year-old)|stage\s+[0IV1-4])\b/i;

const MALIGNANCY_WORD = String.raw`(?:adenocarcinomas?|carcinomas?|SCCa?|HNSCC|cancers?|malignan(?:cy|cies|t)|neoplasms?|tumou?rs?(?!\s+(?:board|markers?|bed|profile|cellularity|content|size))|sarcomas?|lymphomas?|blastomas?)`;

/** An organ word that names where the cancer spread, not where it started. */
const METASTATIC_BEFORE =
  /\b(?:metasta\w*|spread(?:ing)?|extension|extending|invad\w*|invasion|seeding)\s+(?:to|in|into|within|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$|\b(?:metastases|mets)\s+(?:to|in|involving)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$|\bsecondary\s+(?:malignant\s+)?(?:neoplasms?|malignan\w+|carcinoma|tumou?rs?)\s+(?:of|in)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$/i;
const METASTATIC_AFTER = /^\s*(?:(?:,|and|or|&|\/)\s*[\w-]+\s*){0,3}(?:[\w-]+\s+)?(?:metasta\w*|mets|lesions?|nodules?|masses|mass|deposits?|involvement|implants?|foci)\b/i;

/** Organ then malignancy, nothing else between: "sigmoid colon adenocarcinoma", "pancreatic ductal adenocarcinoma". */
const ORGAN_THEN_MALIGNANCY = new RegExp(String.raw`^\s+(?:(?!metastatic|lesion|mass|nodule|biopsy)[a-z-]+\s+){0,2}?${MALIGNANCY_WORD}\b`, 'i');
/** Malignancy of the organ: "adenocarcinoma of the sigmoid colon", "carcinoma arising in the ovary". */
const MALIGNANCY_OF_ORGAN = new RegExp(String.raw`${MALIGNANCY_WORD}\s+(?:\([^)]*\)\s+)?(?:of|in|arising in|arising from|from)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$`, 'i');
const MALIGNANCY = new RegExp(String.raw`\b${MALIGNANCY_WORD}\b`, 'i');

/** Organ words the lexicon does not hold: adjectives and lung words ("prostatic adenocarcinoma", "adenocarcinoma of the right upper lobe"). */
const EXTRA_ORGANS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'Lung cancer', pattern: /\b(?:lungs?|pulmonary|bronch(?:us|ial|ogenic)|(?:right|left) (?:upper|middle|lower) lobe|[RL][UML]L)\b/gi },
  { name: 'Prostate cancer', pattern: /\bprostatic\b/gi },
  { name: 'Colon cancer', pattern: /\b(?:colonic|cecal|cecum|caecum)\b/gi },
  { name: 'Breast cancer', pattern: /\bmammary\b/gi },
];
/** Lexicon terms that already name a cancer (the lexicon's own strong terms), or are not organs. */
const ORGAN_TERM_EXCLUDES = /(?:cancer|carcinoma|tumou?rs?|oma|omas|leuka?emias?|disease|syndromes?|neoplasms?|histiocytosis|carcinoid)\b|^(?:hodgkin|non-hodgkin|wilms|ewing|kaposi|merkel cell|occult primary|myelodysplastic|gestational trophoblastic|molar pregnancy|primary cns lymphoma|polycythemia vera|essential thrombocythemia|myelofibrosis|primary myelofibrosis)$/i;
const SMALL_CELL = /(?<!non[-\s]?)\bsmall[-\s]cell\b/i;
const NON_SMALL_CELL_HISTOLOGY = /\b(?:adenocarcinoma|squamous cell|large cell|non[-\s]?small[-\s]cell|NSCLC)\b/i;

interface Candidate {
  name: string;
  score: number;
  span: Span;
  index: number;
}

/** One row per histology the record can word in many ways; `detail` is how the profile words it. */
const HISTOLOGIES: readonly { pattern: RegExp; detail: string }[] = [
  { pattern: /\binvasive ductal carcinoma\b/i, detail: 'invasive ductal carcinoma' },
  { pattern: /\binvasive lobular carcinoma\b/i, detail: 'invasive lobular carcinoma' },
  { pattern: /\bductal carcinoma in situ\b|\bDCIS\b/, detail: 'ductal carcinoma in situ' },
  { pattern: /\binvasive (?:mammary|breast) carcinoma\b/i, detail: 'invasive mammary carcinoma' },
  { pattern: /\bsuperficial spreading\b/i, detail: 'superficial spreading' },
  { pattern: /\bnodular (?:melanoma|type)\b/i, detail: 'nodular' },
  { pattern: /\blentigo maligna\b/i, detail: 'lentigo maligna' },
  { pattern: /\bacral lentiginous\b/i, detail: 'acral lentiginous' },
  { pattern: /\bdesmoplastic melanoma\b/i, detail: 'desmoplastic' },
  { pattern: /\bdiffuse large b[-\s]?cell\b/i, detail: 'diffuse large B-cell' },
  { pattern: /\bfollicular lymphoma\b/i, detail: 'follicular' },
  { pattern: /\bmantle cell\b/i, detail: 'mantle cell' },
  { pattern: /\bmarginal zone\b/i, detail: 'marginal zone' },
  { pattern: /\bclassical hodgkin\b/i, detail: 'classical Hodgkin' },
  { pattern: /\bsignet[-\s]ring cell\b/i, detail: 'signet ring cell' },
  { pattern: /\bmucinous adenocarcinoma\b/i, detail: 'mucinous adenocarcinoma' },
  { pattern: /\bductal adenocarcinoma\b/i, detail: 'ductal adenocarcinoma' },
  { pattern: /\bacinar adenocarcinoma\b/i, detail: 'acinar adenocarcinoma' },
  { pattern: /\badenosquamous\b/i, detail: 'adenosquamous carcinoma' },
  { pattern: /\badenocarcinoma\b/i, detail: 'adenocarcinoma' },
  { pattern: /\bsquamous cell carcinoma\b/i, detail: 'squamous cell carcinoma' },
  { pattern: /(?<!non[-\s]?)\bsmall[-\s]cell carcinoma\b/i, detail: 'small cell carcinoma' },
  { pattern: /\blarge[-\s]cell carcinoma\b/i, detail: 'large cell carcinoma' },
  { pattern: /\bhigh[-\s]grade serous\b/i, detail: 'high-grade serous carcinoma' },
  { pattern: /\blow[-\s]grade serous\b/i, detail: 'low-grade serous carcinoma' },
  { pattern: /\bserous carcinoma\b/i, detail: 'serous carcinoma' },
  { pattern: /\bendometrioid\b/i, detail: 'endometrioid carcinoma' },
  { pattern: /\bclear[-\s]cell\b/i, detail: 'clear cell' },
  { pattern: /\bpapillary\b/i, detail: 'papillary' },
  { pattern: /\bchromophobe\b/i, detail: 'chromophobe' },
  { pattern: /\burothelial carcinoma\b/i, detail: 'urothelial carcinoma' },
  { pattern: /\bhepatocellular carcinoma\b/i, detail: 'hepatocellular carcinoma' },
  { pattern: /\bcholangiocarcinoma\b/i, detail: 'cholangiocarcinoma' },
  { pattern: /\bglioblastoma\b/i, detail: 'glioblastoma' },
  { pattern: /\bneuroendocrine carcinoma\b/i, detail: 'neuroendocrine carcinoma' },
  { pattern: /\bleiomyosarcoma\b/i, detail: 'leiomyosarcoma' },
  { pattern: /\bliposarcoma\b/i, detail: 'liposarcoma' },
];

/** Labels that give the histology or the primary site outright (synoptic reports). */
const HISTOLOGY_LABEL = /^(?:histologic(?:al)? type|histology|tumou?r type|histologic subtype)$/;
const SITE_LABEL = /^(?:tumou?r site|primary (?:tumou?r )?site|site of primary|primary site)$/;

export function histologyIn(text: string): string | undefined {
  return HISTOLOGIES.find((h) => h.pattern.test(text))?.detail;
}

/** How much a mention in this span counts, before any exclusion. */
function placeScore(span: Span, index: number): number {
  const places = [span.label ?? '', span.heading ?? ''];
  if (places.some((place) => DIAGNOSIS_PLACE.test(place))) return 1;
  if (places.some((place) => OTHER_HISTORY_PLACE.test(place))) return 0.45;
  if (DIAGNOSIS_WORDS.test(clauseText(span, index))) return 0.8;
  return 0.6;
}

/** Mentions the rules must not count: a relative's cancer, a negated or speculative one. */
function excluded(span: Span, index: number, end: number): boolean {
  if (isFamilyContext(span, index)) return true;
  if (isNegated(span.text, index, end)) return true;
  const clause = clauseText(span, index);
  return SPECULATIVE.test(clause) && !/\bconsistent with|confirm/i.test(clause);
}

function isMetastaticSite(text: string, index: number, end: number): boolean {
  return METASTATIC_BEFORE.test(text.slice(Math.max(0, index - 60), index)) || METASTATIC_AFTER.test(text.slice(end, end + 50));
}

/**
 * An organ word names the primary cancer only when a malignancy is tied to it: "colon
 * adenocarcinoma", "adenocarcinoma of the colon", or a line opening with the organ and giving the
 * malignancy after a colon ("Lung, right upper lobe, biopsy: adenocarcinoma"). "FNA of the liver
 * lesion: metastatic adenocarcinoma" and "liver metastases" name where it spread.
 */
function organIsPrimary(text: string, index: number, end: number): boolean {
  if (isMetastaticSite(text, index, end)) return false;
  if (ORGAN_THEN_MALIGNANCY.test(text.slice(end, end + 60))) return true;
  if (MALIGNANCY_OF_ORGAN.test(text.slice(Math.max(0, index - 70), index))) return true;
  const colon = text.indexOf(':', end);
  return index < 3 && colon > 0 && MALIGNANCY.test(text.slice(colon)) && !/^\W*metasta/i.test(text.slice(colon + 1));
}

/** The lexicon's organ-only terms ("colon", "pancreatic", "ovaries"), every occurrence: the lexicon's own finder keeps only the first. */
const ORGAN_TERMS: readonly { name: string; pattern: RegExp }[] = CANCER_TYPES.flatMap((entry) =>
  entry.terms
    .filter((term) => !ORGAN_TERM_EXCLUDES.test(term))
    .map((term) => ({
      name: entry.name,
      pattern: new RegExp(`(?<![\\w-])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[-\s]+/g, '[-\\s]+')}(?![\\w-])`, 'gi'),
    })),
);

/** Organ words in the sentence, as cancer types: the lexicon's organ-only terms and the extra ones. Longer terms win overlaps. */
function organMentions(text: string): { name: string; index: number; end: number }[] {
  const mentions: { name: string; index: number; end: number }[] = [];
  for (const { name, pattern } of [...ORGAN_TERMS, ...EXTRA_ORGANS]) {
    for (const match of text.matchAll(pattern)) mentions.push({ name, index: match.index, end: match.index + match[0].length });
  }
  mentions.sort((a, b) => b.end - b.index - (a.end - a.index) || a.index - b.index);
  const kept: typeof mentions = [];
  for (const mention of mentions) if (!kept.some((k) => mention.index < k.end && k.index < mention.end)) kept.push(mention);
  return kept.sort((a, b) => a.index - b.index);
}

function lungKind(text: string): string {
  return SMALL_CELL.test(text) ? 'Small cell lung cancer' : NON_SMALL_CELL_HISTOLOGY.test(text) ? 'Non-small cell lung cancer' : 'Lung cancer';
}

/** The cancer types this sentence names, with their scores. */
function candidatesIn(span: Span): Candidate[] {
  const text = span.text;
  const candidates: Candidate[] = [];
  const strong = findCancerTypes(text).filter((mention) => mention.strength === 'strong');
  for (const mention of strong) {
    const termEnd = text.slice(mention.index).search(/[\s,.;:)]|$/) + mention.index;
    if (excluded(span, mention.index, termEnd)) continue;
    candidates.push({ name: mention.name, score: placeScore(span, mention.index), span, index: mention.index });
  }
  if (!MALIGNANCY.test(text)) return candidates;
  // With a cancer named outright, an organ counts only to make it more specific ("colorectal cancer - ascending colon adenocarcinoma").
  const named = candidates.map((c) => c.name);
  for (const organ of organMentions(text)) {
    if (!organIsPrimary(text, organ.index, organ.end) || excluded(span, organ.index, organ.end)) continue;
    const name = organ.name === 'Lung cancer' ? lungKind(text) : organ.name;
    if (named.length > 0 && !named.some((n) => cancerTypeAncestors(name).includes(n))) continue;
    candidates.push({ name, score: placeScore(span, organ.index) * 0.9, span, index: organ.index });
  }
  if (named.length > 0) return candidates;
  // A diagnosis line in the pathologist's order: "ADENOCARCINOMA, POORLY DIFFERENTIATED, ASCENDING COLON".
  if (candidates.length === 0 && placeScore(span, 0) >= 1 && !/\bmetasta/i.test(text)) {
    for (const organ of organMentions(text)) {
      if (isMetastaticSite(text, organ.index, organ.end) || excluded(span, organ.index, organ.end)) continue;
      const name = organ.name === 'Lung cancer' ? lungKind(text) : organ.name;
      candidates.push({ name, score: 0.8, span, index: organ.index });
    }
  }
  // A pathology item names the organ in its heading line and the malignancy below it.
  if (candidates.length === 0 && span.subheading && !/\bmetasta/i.test(text) && !excluded(span, 0, 0)) {
    const malignancy = MALIGNANCY.exec(text);
    const organ = malignancy ? organMentions(span.subheading).find((o) => o.index < 3) : undefined;
    if (malignancy && organ && !isNegated(text, malignancy.index, malignancy.index + malignancy[0].length)) {
      const name = organ.name === 'Lung cancer' ? lungKind(text) : organ.name;
      candidates.push({ name, score: placeScore(span, malignancy.index) * 0.9, span, index: malignancy.index });
    }
  }
  return candidates;
}

/** Sums the evidence for each type: the best mention counts most, repetition a little. */
function rank(candidates: Candidate[]): { name: string; total: number; best: Candidate; all: Candidate[] }[] {
  const byName = new Map<string, Candidate[]>();
  for (const candidate of candidates) byName.set(candidate.name, [...(byName.get(candidate.name) ?? []), candidate]);
  return [...byName.entries()]
    .map(([name, all]) => {
      const sorted = [...all].sort((a, b) => b.score - a.score || a.span.order - b.span.order);
      const best = sorted[0] as Candidate;
      return { name, total: best.score + 0.05 * Math.min(sorted.length - 1, 4), best, all: sorted };
    })
    .sort((a, b) => b.total - a.total || a.best.span.order - b.best.span.order);
}

/**
 * The most specific type the record supports: a descendant of the winner that the record also
 * names ("Lung cancer" → "Non-small cell lung cancer", "Colorectal cancer" → "Colon cancer").
 */
function mostSpecific(ranked: ReturnType<typeof rank>): ReturnType<typeof rank>[number] | undefined {
  const winner = ranked[0];
  if (!winner) return undefined;
  const descendant = ranked.find((entry) => cancerTypeAncestors(entry.name).includes(winner.name) && entry.total >= 0.5);
  return descendant ?? winner;
}

/** A lung cancer named without its kind takes the kind from a histology stated anywhere in the record. */
function refineLung(name: string, spans: Span[]): string {
  if (name !== 'Lung cancer') return name;
  for (const span of spans) {
    if (isFamilyContext(span, 0)) continue;
    const small = SMALL_CELL.exec(span.text);
    if (small && /carcinoma|cancer/i.test(span.text) && !isNegated(span.text, small.index, small.index + small[0].length)) return 'Small cell lung cancer';
    const nsclc = NON_SMALL_CELL_HISTOLOGY.exec(span.text);
    if (nsclc && /carcinoma|cancer|NSCLC/i.test(span.text) && !isNegated(span.text, nsclc.index, nsclc.index + nsclc[0].length)) return 'Non-small cell lung cancer';
  }
  return name;
}

/** The primary site as the record words it: a "Tumor site:" label, else "<cancer> of the <site>". */
function primarySiteOf(spans: Span[], evidence: Span[]): string | undefined {
  for (const span of spans) {
    if (span.label && SITE_LABEL.test(span.label)) {
      const value = span.text.slice(span.text.indexOf(':') + 1).trim().replace(/[.;]+$/, '');
      if (value && value.length <= 60) return value;
    }
  }
  for (const span of evidence) {
    const match = /\b(?:carcinoma|cancer|melanoma|sarcoma|adenocarcinoma|tumou?r|neoplasm|malignancy)\s+(?:arising\s+)?(?:of|in|involving|from)\s+(?:the\s+)?((?:(?!metasta|with\b|and\b)[a-z-]+\s*){1,5})/i.exec(span.text);
    const site = match?.[1]?.trim();
    // "metastatic carcinoma in three of seven lymph nodes" names where it spread, not the primary.
    if (match && /\bmetasta\w*\s+(?:[\w-]+\s+){0,3}$/i.test(span.text.slice(0, match.index))) continue;
    if (site && !/^situ\b/i.test(site)) return site.replace(/\s+(?:with|and|status|s\/p)$/i, '');
  }
  return undefined;
}

function histologyOf(spans: Span[], evidence: Span[]): string | undefined {
  for (const span of spans) {
    if (span.label && HISTOLOGY_LABEL.test(span.label) && !isFamilyContext(span, 0)) {
      const detail = histologyIn(span.text);
      if (detail) return detail;
    }
  }
  for (const span of evidence) {
    const detail = histologyIn(span.text);
    if (detail) return detail;
  }
  return undefined;
}

/** A synoptic report's "Tumor site:" and "Histologic type:" lines, read together, when nothing else names the cancer. */
function synopticCandidate(spans: Span[]): Candidate | undefined {
  const valueOf = (span: Span) => span.text.slice(span.text.indexOf(':') + 1);
  const site = spans.find((span) => span.label && SITE_LABEL.test(span.label) && organMentions(valueOf(span)).length > 0);
  const histology = spans.find((span) => span.label && HISTOLOGY_LABEL.test(span.label) && MALIGNANCY.test(valueOf(span)));
  if (!site || !histology) return undefined;
  const organ = organMentions(valueOf(site))[0];
  if (!organ) return undefined;
  const name = organ.name === 'Lung cancer' ? lungKind(valueOf(histology)) : organ.name;
  return { name, score: 0.7, span: histology, index: 0 };
}

export function extractCancerType(spans: Span[], context: ExtractContext): CancerTypeField | undefined {
  const found = spans.flatMap(candidatesIn);
  const synoptic = found.length === 0 ? synopticCandidate(spans) : undefined;
  const ranked = rank(synoptic ? [synoptic] : found);
  const chosen = mostSpecific(ranked);
  if (!chosen) return undefined;
  const name = refineLung(chosen.name, spans);
  const evidenceSpans = chosen.all.map((c) => c.span);
  const detail = histologyOf(spans, evidenceSpans);
  const primarySite = primarySiteOf(spans, evidenceSpans);
  const confidence = chosen.best.score >= 1 ? 0.95 : chosen.best.score >= 0.8 ? 0.85 : chosen.best.score >= 0.6 ? 0.7 : 0.5;
  return {
    value: name,
    ...(detail ? { detail } : {}),
    ...(primarySite ? { primarySite } : {}),
    ...ruleMeta(context, chosen.all.map((c) => ({ span: c.span, focus: c.index })), confidence),
  };
}
