/**
 * The detail of a biomarker result, as the profile words it: a variant ("V600E", "exon 19
 * deletion", "G12C"), a fusion ("EML4-ALK"), a score ("3+", "TPS 60%", "14 mut/Mb", "95%").
 * Each reader takes the text right after the marker (and, for fusion partners, right before it).
 */

const THREE_LETTER: Record<string, string> = {
  ala: 'A', arg: 'R', asn: 'N', asp: 'D', cys: 'C', gln: 'Q', glu: 'E', gly: 'G', his: 'H', ile: 'I',
  leu: 'L', lys: 'K', met: 'M', phe: 'F', pro: 'P', ser: 'S', thr: 'T', trp: 'W', tyr: 'Y', val: 'V', ter: '*',
};

/** One-letter protein change: V600E, L858R, G12C, T790M, Q61R, E545K, H1047R; "V600" alone for "V600 mutation". */
const PROTEIN = /(?<![A-Za-z0-9])(?:p\.)?([ACDEFGHIKLMNPQRSTVWY])(\d{2,4})([ACDEFGHIKLMNPQRSTVWY*]|fs|del|dup)?(?![A-Za-z0-9])/g;
const PROTEIN_THREE = /\bp\.\(?([A-Z][a-z]{2})(\d{1,4})([A-Z][a-z]{2}|\*|fs|del|dup)\)?/g;
const EXON = /\bexon\s*(\d{1,2})\s*(deletions?|del|insertions?|ins|skipping|duplications?|dup|mutations?|substitution)?\b/i;
const CODING = /\bc\.[0-9_+*-]+[ACGTdelinsup>_0-9]+/;

const EXON_KIND: Record<string, string> = { del: 'deletion', deletion: 'deletion', deletions: 'deletion', ins: 'insertion', insertion: 'insertion', insertions: 'insertion', dup: 'duplication', duplication: 'duplication', duplications: 'duplication', skipping: 'skipping', mutation: 'mutation', mutations: 'mutation', substitution: 'substitution' };

/** An in-frame deletion or insertion over a range of residues: "E746_A750del". */
const PROTEIN_RANGE = /(?<![A-Za-z0-9])(?:p\.)?([A-Z]\d{1,4}_[A-Z]\d{1,4}(?:delins|del|ins|dup)[A-Z]*)(?![A-Za-z0-9])/;

function oneLetterChange(text: string): string | undefined {
  for (const match of text.matchAll(PROTEIN)) {
    const [, from, position, to] = match;
    // Without the new residue only V600 reads as a variant; "S100" or "A3" are stains and blocks.
    if (!to && !(from === 'V' && position === '600')) continue;
    const more = /^\/([A-Z])(?![A-Za-z0-9])/.exec(text.slice(match.index + match[0].length));
    return `${from ?? ''}${position ?? ''}${to ?? ''}${more ? `/${more[1] ?? ''}` : ''}`;
  }
  for (const match of text.matchAll(PROTEIN_THREE)) {
    const [, from, position, to] = match;
    const one = (residue: string | undefined) => (residue && residue.length === 3 ? THREE_LETTER[residue.toLowerCase()] : residue);
    const fromOne = one(from);
    const toOne = one(to);
    if (fromOne && toOne) return `${fromOne}${position ?? ''}${toOne}`;
  }
  return undefined;
}

/**
 * The variant a gene result names: an exon event with its protein change when both are given
 * ("exon 19 deletion (E746_A750del)"), a protein change ("V600E", "G12C"), else a coding change.
 */
export function variantIn(text: string): string | undefined {
  const exon = EXON.exec(text);
  const protein = PROTEIN_RANGE.exec(text)?.[1] ?? oneLetterChange(text);
  if (exon?.[1]) {
    const event = `exon ${exon[1]}${exon[2] ? ` ${EXON_KIND[exon[2].toLowerCase()] ?? exon[2].toLowerCase()}` : ''}`;
    return protein ? `${event} (${protein})` : event;
  }
  return protein ?? CODING.exec(text)?.[0];
}

/** The coding (cDNA) change, the name BRCA variants go by: "c.68_69delAG". */
export function codingChangeIn(text: string): string | undefined {
  return CODING.exec(text)?.[0];
}

/** Fusion partners: "EML4-ALK", "CD74-ROS1", "ETV6-NTRK3", written before the marker or after it. */
export function fusionIn(before: string, markerText: string, after: string): string | undefined {
  const prefix = /([A-Z][A-Z0-9]{1,7})\s*[-:/]{1,2}\s*$/.exec(before);
  if (prefix?.[1] && !/^(?:BRAF|KRAS|NRAS|EGFR|HER2|MEK|PD)$/.test(prefix[1])) return `${prefix[1]}-${markerText.toUpperCase()}`;
  const suffix = /^\s*[-:]{1,2}\s*([A-Z][A-Z0-9]{1,7})\b/.exec(after);
  if (suffix?.[1] && /fusion|rearrange|translocation/i.test(after)) return `${markerText.toUpperCase()}-${suffix[1]}`;
  const inside = /\b([A-Z][A-Z0-9]{1,7})[-:]{1,2}(ALK|ROS1|NTRK[1-3]?|RET)\b/.exec(after);
  if (inside?.[1] && inside[2]) return `${inside[1]}-${inside[2]}`;
  return undefined;
}

/** HER2 immunohistochemistry score: "3+", "2+", "1+", "0". */
export function her2ScoreIn(text: string): string | undefined {
  const plus = /(?<![\d.])([0-3])\s*\+/.exec(text);
  if (plus?.[1]) return `${plus[1]}+`;
  return /\b(?:IHC|score)\s*(?:of\s*)?[:=]?\s*0\b(?!\.\d)/i.test(text) ? '0' : undefined;
}

export interface Quantity {
  /** As the profile words it ("95%", "TPS 60%", "<1%", "14 mut/Mb"). */
  text: string;
  value: number;
  /** "<1%": below the number given. */
  below: boolean;
}

const PERCENT = /([<>≤≥]=?)?\s*(\d{1,3}(?:\.\d+)?)\s*(?:-\s*\d{1,3}(?:\.\d+)?\s*)?%/;

/** A percentage ("95%", "<1%", "1-10%"); for a range, the lower bound decides. */
export function percentIn(text: string): Quantity | undefined {
  const match = PERCENT.exec(text);
  if (!match?.[2]) return undefined;
  const sign = match[1] ?? '';
  return { text: match[0].replace(/\s+/g, ''), value: Number(match[2]), below: /[<≤]/.test(sign) };
}

/** PD-L1 as a score: "TPS 60%", "CPS 10", "TC 50%"; or a bare percentage. */
export function pdl1ScoreIn(text: string): Quantity | undefined {
  const named = text.replace(/\btumou?r proportion score\s*(?:\(TPS\))?/gi, 'TPS').replace(/\bcombined positive score\s*(?:\(CPS\))?/gi, 'CPS');
  const score = /\b(TPS|CPS|TC|IC)\b\)?\s*(?:score\s*)?(?:of|:|=|-)?\s*([<>≤≥]=?)?\s*(\d{1,3}(?:\.\d+)?)\s*(%?)/.exec(named);
  if (score?.[1] && score[3]) {
    const sign = score[2] ?? '';
    return { text: `${score[1].toUpperCase()} ${sign}${score[3]}${score[4] ?? ''}`, value: Number(score[3]), below: /[<≤]/.test(sign) };
  }
  return percentIn(text);
}

/** Tumour mutational burden: "14 mut/Mb", "3.2 mutations/megabase". */
export function tmbIn(text: string): Quantity | undefined {
  const match = /(\d{1,3}(?:\.\d+)?)\s*(?:mut(?:ation)?s?|m)\s*\/\s*(?:Mb|megabase)\b/i.exec(text);
  if (!match?.[1]) return undefined;
  return { text: `${match[1]} mut/Mb`, value: Number(match[1]), below: false };
}
