import type { Biomarker } from '../profile';
import { PENDING } from './context';

/**
 * The biomarkers Cairn reads and the words records use for their results, as data. The rules in
 * biomarkers.ts walk a sentence with these; nothing here knows about sentences.
 */

export type Status = Biomarker['status'];

/**
 * How a marker's results are worded. Genes are "mutated" or "wild-type"; receptors and PD-L1 are
 * percentages; mismatch-repair proteins read backwards ("MLH1 absent" is a deficient, so positive,
 * MSI result; "intact" is negative).
 */
export type MarkerKind = 'gene' | 'her2' | 'receptor' | 'pdl1' | 'tmb' | 'msi' | 'mmr' | 'hrd' | 'expression';

export interface MarkerDef {
  /** Canonical names the mention stands for (BRCA1/2 stands for two). */
  names: string[];
  kind: MarkerKind;
  pattern: RegExp;
  /** Short abbreviations that mean other things too ("PR" partial response, "ER" emergency room): they need a result right beside them. */
  ambiguous?: boolean;
}

export const MARKERS: readonly MarkerDef[] = [
  { names: ['BRCA1', 'BRCA2'], kind: 'gene', pattern: /\bBRCA-?1\s*(?:\/|and|&|or)\s*(?:BRCA-?)?2\b/gi },
  { names: ['BRCA1'], kind: 'gene', pattern: /\bBRCA-?1\b/gi },
  { names: ['BRCA2'], kind: 'gene', pattern: /\bBRCA-?2\b/gi },
  { names: ['BRAF'], kind: 'gene', pattern: /\bB-?RAF\b/gi },
  { names: ['KRAS'], kind: 'gene', pattern: /\bK-?RAS\b/gi },
  { names: ['NRAS'], kind: 'gene', pattern: /\bN-?RAS\b/gi },
  // Upper case only: "eGFR" is kidney function. Lab lines that shout "EGFR >60" are set aside in biomarkers.ts.
  { names: ['EGFR'], kind: 'gene', pattern: /\bEGFR\b|\bepidermal growth factor receptor\b/g },
  // Upper case only, and never "ALK PHOS" (alkaline phosphatase).
  { names: ['ALK'], kind: 'gene', pattern: /\bALK\b(?!\s*(?:PHOS|phos|P\b|ALINE|aline))|\banaplastic lymphoma kinase\b/g },
  { names: ['ROS1'], kind: 'gene', pattern: /\bROS-?1\b/gi },
  { names: ['NTRK'], kind: 'gene', pattern: /\bNTRK[1-3]?\b|\bpan-?TRK\b/gi },
  { names: ['TP53'], kind: 'gene', pattern: /\bTP53\b/g },
  // "MET" and "RET" are also English words in capitals: they need a result beside them or a list of genes around them.
  { names: ['MET'], kind: 'gene', pattern: /\bMET\b|\bc-MET\b/g, ambiguous: true },
  { names: ['RET'], kind: 'gene', pattern: /\bRET\b/g, ambiguous: true },
  { names: ['HRD'], kind: 'hrd', pattern: /\bHRD\b|\bhomologous recombination deficien\w*/gi },
  // Lymphoma: CD20 expression (rituximab), MYC and BCL2 rearrangement (double-hit).
  { names: ['CD20'], kind: 'expression', pattern: /\bCD20\b/g },
  { names: ['MYC'], kind: 'gene', pattern: /\bc-?MYC\b|\bMYC\b/g },
  { names: ['BCL2'], kind: 'gene', pattern: /\bBCL-?2\b/g },
  { names: ['HER2'], kind: 'her2', pattern: /\bHER-?2(?:[-/]?neu)?\b|\bERBB-?2\b|\bc-erbB-?2\b/gi },
  { names: ['ER'], kind: 'receptor', pattern: /\bER\b/g, ambiguous: true },
  { names: ['ER'], kind: 'receptor', pattern: /\b(?:o?estrogen)[-\s]receptors?(?:[-\s]alpha)?\b/gi },
  { names: ['PR'], kind: 'receptor', pattern: /\b(?:PR|PgR)\b/g, ambiguous: true },
  { names: ['PR'], kind: 'receptor', pattern: /\bprogesterone[-\s]receptors?\b/gi },
  { names: ['PD-L1'], kind: 'pdl1', pattern: /\bPD-?L1\b|\bprogrammed death[-\s]ligand[-\s]1\b/gi },
  { names: ['TMB'], kind: 'tmb', pattern: /\bTMB(?:-(?:H|L|high|low))?\b|\btumou?r mutation(?:al)? burden\b/gi },
  { names: ['MSI'], kind: 'msi', pattern: /\bMSI(?:-(?:H|L|high|low))?\b|\bMSS\b|\bMS-?stable\b|\bmicrosatellite status\b|\bmicrosatellite[-\s](?:instability|instable|unstable|stable|stability)(?:[-\s](?:high|low|H|L))?\b/gi },
  { names: ['MSI'], kind: 'mmr', pattern: /\b[dp]MMR\b|\bMMR\b|\bmismatch[-\s]repair\b|\b(?:MLH1|MSH2|MSH6|PMS2)\b/gi },
];

/** A status a mention carries in its own name: "MSI-H", "MSS", "dMMR", "TMB-high". */
export function intrinsicStatus(kind: MarkerKind, text: string): Status | undefined {
  if (kind === 'msi') {
    if (/^MSI-(?:H|high)$|instab\w*[-\s](?:high|H)$|unstable/i.test(text)) return 'positive';
    if (/^MSS$|^MS-?stable$|microsatellite[-\s]stable|[-\s](?:low|L)$/i.test(text)) return 'negative';
  }
  if (kind === 'mmr') {
    if (/^dMMR$/i.test(text)) return 'positive';
    if (/^pMMR$/i.test(text)) return 'negative';
  }
  if (kind === 'tmb') {
    if (/-(?:H|high)$/i.test(text)) return 'positive';
    if (/-(?:L|low)$/i.test(text)) return 'negative';
  }
  return undefined;
}

export interface StatusRule {
  pattern: RegExp;
  status: Status | 'pending';
}

/** Words shared by every kind of marker, most specific first (the earliest match in the text wins; at one place, the longest). */
const COMMON: StatusRule[] = [
  { pattern: PENDING, status: 'pending' },
  { pattern: /\b(?:indeterminate|inconclusive|insufficient|failed|not evaluable|non-?diagnostic|QNS|uninterpretable|unable to (?:be )?(?:determined?|assess(?:ed)?))\b/i, status: 'unknown' },
  // A variant of uncertain significance is neither a pathogenic finding nor a negative result.
  { pattern: /\bvariants? of (?:uncertain|unknown|undetermined) (?:clinical )?significance\b|\bVUS\b/i, status: 'equivocal' },
  { pattern: /\b(?:equivocal|borderline)\b/i, status: 'equivocal' },
  { pattern: /\bnot (?:detected|identified|amplified|present|found|seen|mutated|rearranged|overexpressed)\b/i, status: 'negative' },
  { pattern: /\bno (?:[\w/-]+,? ){0,6}?(?:mutations?|alterations?|variants?|fusions?|rearrangements?|amplification|overexpression|pathogenic|deleterious|abnormalit(?:y|ies)|evidence|insertions?|deletions?|skipping)\b/i, status: 'negative' },
  { pattern: /\bnone (?:detected|identified|found)\b|\bundetected\b|\bbenign\b/i, status: 'negative' },
  { pattern: /\bnegative\b(?!\s+(?:for|in)\b)|\bneg\b|\(\s*[-−]\s*\)/i, status: 'negative' },
  { pattern: /\bwild[-\s]?type\b/i, status: 'negative' },
  { pattern: /\bWT\b/, status: 'negative' },
  { pattern: /\bnon-?(?:amplified|mutated|rearranged)\b|\bunamplified\b/i, status: 'negative' },
  { pattern: /\bpositive\b(?!\s+(?:for|in)\b)|\bpos\b|\(\s*\+\s*\)/i, status: 'positive' },
  { pattern: /\b(?:likely )?pathogenic\b|\bdeleterious\b|\bcarrier\b/i, status: 'positive' },
  { pattern: /\b(?:detected|identified|mutated|mutant|amplified|rearranged|overexpress(?:ed|ion)|translocated)\b/i, status: 'positive' },
  { pattern: /\bhigh\b/i, status: 'positive' },
];

const BY_KIND: Record<MarkerKind, StatusRule[]> = {
  gene: [{ pattern: /\bpresent\b/i, status: 'positive' }, { pattern: /\babsent\b/i, status: 'negative' }],
  her2: [
    { pattern: /\b3\s*\+/, status: 'positive' },
    { pattern: /\b2\s*\+/, status: 'equivocal' },
    { pattern: /\b1\s*\+/, status: 'negative' },
    { pattern: /\b(?:IHC|score)\s*(?:of\s*)?[:=]?\s*0\b(?!\.\d)/i, status: 'negative' },
    { pattern: /\blow\b/i, status: 'negative' },
    { pattern: /\bultra-?low\b|\bnull\b/i, status: 'negative' },
  ],
  receptor: [{ pattern: /\blow\b/i, status: 'positive' }, { pattern: /\babsent\b/i, status: 'negative' }],
  pdl1: [{ pattern: /\blow\b/i, status: 'positive' }, { pattern: /\babsent\b|\bno expression\b/i, status: 'negative' }],
  tmb: [{ pattern: /\b(?:low|intermediate)\b/i, status: 'negative' }],
  msi: [
    { pattern: /\bMSI-(?:H|high)\b|\b(?:unstable|instability[-\s]high)\b/i, status: 'positive' },
    { pattern: /\bMSS\b|\bstable\b|\bMSI-(?:L|low)\b|\blow\b/i, status: 'negative' },
  ],
  hrd: [{ pattern: /\bdeficien(?:t|cy)\b/i, status: 'positive' }, { pattern: /\bproficient\b/i, status: 'negative' }],
  expression: [
    { pattern: /\babsent\b|\bno expression\b/i, status: 'negative' },
    // Flow cytometry and stains grade expression: "CD20 weak", "CD20 dim", "CD20 bright" are all expressed.
    { pattern: /\bexpressed\b|\b(?:weak(?:ly)?|dim|bright|strong(?:ly)?|partial|heterogeneous)\b(?![\s-]*(?:neg|negative|absent|lost)\b)/i, status: 'positive' },
  ],
  mmr: [
    { pattern: /\b(?:deficient|deficiency|loss|lost|absent|not expressed)\b|\bdMMR\b/i, status: 'positive' },
    { pattern: /\b(?:intact|retained|preserved|proficient|present|expressed|normal)\b|\bpMMR\b/i, status: 'negative' },
  ],
};

/** The rules for one kind: its own words first, so "MLH1 absent" is read as loss, not as "no mutation". */
export function statusRules(kind: MarkerKind): StatusRule[] {
  if (kind === 'mmr') {
    // For a protein stain, "negative" means no staining: lost expression, a deficient result.
    return [
      ...BY_KIND.mmr,
      { pattern: /\bnegative\b(?!\s+(?:for|in)\b)/i, status: 'positive' },
      { pattern: /\bpositive\b(?!\s+(?:for|in)\b)/i, status: 'negative' },
      ...COMMON.filter((rule) => rule.status === 'pending' || rule.status === 'unknown'),
    ];
  }
  return [...BY_KIND[kind], ...COMMON];
}

/** The earliest status in `text` by the kind's rules; at the same place the longer phrase wins. */
export function firstStatus(kind: MarkerKind, text: string): { status: Status | 'pending'; index: number; end: number } | undefined {
  let best: { status: Status | 'pending'; index: number; end: number } | undefined;
  for (const rule of statusRules(kind)) {
    const match = new RegExp(rule.pattern.source, rule.pattern.flags.replace('g', '')).exec(text);
    if (!match) continue;
    const end = match.index + match[0].length;
    if (!best || match.index < best.index || (match.index === best.index && end > best.end)) best = { status: rule.status, index: match.index, end };
  }
  return best;
}

/** A bare alteration noun after a gene ("BRAF mutation", "EML4-ALK fusion") states a finding, unless a test is what follows. */
export const BARE_FINDING = /^\W{0,3}(?:[\w.>*-]+\s+){0,2}?(?:mutations?|fusions?|rearrangements?|amplifications?|alterations?|variants?|insertions?|deletions?)\b(?!\s*(?:[\w-]+\s+)?(?:testing|tests?|analysis|panel|status|assay|studies|study|pending|sent|ordered|was ordered|screen))/i;

/** Words after a marker that make it a drug target, not a result ("BRAF/MEK inhibitor", "HER2-directed therapy", "EGFR TKI"). */
export const THERAPY_AFTER = /^[\s/-]*(?:[A-Za-z0-9]+[\s/-]+){0,2}?(?:inhibit\w*|TKIs?|targeted|directed|blockade|therap(?:y|ies)|agents?|blocker)\b/i;
export const THERAPY_BEFORE = /\banti-?\s*$/i;
