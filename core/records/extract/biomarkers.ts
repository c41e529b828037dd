import type { Biomarker } from '../profile';
import { codingChangeIn, fusionIn, her2ScoreIn, pdl1ScoreIn, percentIn, tmbIn, variantIn, type Quantity } from './biomarkerDetail';
import { BARE_FINDING, firstStatus, intrinsicStatus, MARKERS, THERAPY_AFTER, THERAPY_BEFORE, type MarkerDef, type MarkerKind, type Status } from './biomarkerLexicon';
import { isFamilyContext, PENDING } from './context';
import { ruleMeta, type ExtractContext } from './evidence';
import { negationOf } from './negation';
import { clauseAt, type Span } from './spans';
import { TREATMENTS } from './treatmentLexicon';

/**
 * Biomarker results. A marker is reported only where the sentence states a result for it: its
 * own status ("BRAF V600E detected", "ER+ (95%)", "KRAS wild-type"), a status shared across a
 * list ("EGFR, ALK and ROS1 negative", "negative for EGFR, ALK, ROS1"), a named variant, or a
 * score. A test pending, sent or ordered, a relative's result, a drug target ("BRAF/MEK
 * inhibitor", "anti-HER2 therapy") and an abbreviation with no result beside it ("achieved a PR")
 * give nothing: an invented biomarker is worse than a missed one.
 */

interface Hit {
  def: MarkerDef;
  text: string;
  index: number;
  end: number;
}

interface Finding {
  name: string;
  status: Status;
  detail?: string;
  confidence: number;
  span: Span;
  index: number;
  /** A HER2 in situ hybridization result, which settles an equivocal immunohistochemistry score. */
  ish?: boolean;
  /** The result came only from a named variant or an alteration noun, not a status word. */
  weak?: boolean;
}

function findHits(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const def of MARKERS) {
    for (const match of text.matchAll(def.pattern)) {
      const end = match.index + match[0].length;
      if (hits.some((h) => match.index < h.end && h.index < end)) continue;
      hits.push({ def, text: match[0], index: match.index, end });
    }
  }
  return hits.sort((a, b) => a.index - b.index);
}

/**
 * Only separators, alteration nouns and other genes' symbols between two markers: they share the
 * result that follows ("KRAS, NRAS and BRAF wild-type", "ROS1, KRAS, BRAF, MET ex14, RET, NTRK: not detected").
 */
const LIST_GAP =
  /^(?:\s|,|\/|&|\b[Aa]nd\b|\b[Oo]r\b|\b(?:[Mm]utations?|[Aa]lterations?|[Rr]earrangements?|[Ff]usions?|[Gg]enes?|[Pp]roteins?|[Ss]kipping)\b|\b[A-Z][A-Z0-9]{1,7}(?:-[A-Z0-9]{1,5})?\b|\b(?:ex|exon)\s*\d{1,2}\b)*$/;

/** Markers that can share one result in a list: genes with genes, breast receptors with HER2, MSI with mismatch repair. */
const FAMILY: Record<MarkerKind, string> = { gene: 'gene', her2: 'breast', receptor: 'breast', pdl1: 'pdl1', tmb: 'tmb', msi: 'msi', mmr: 'msi', hrd: 'hrd', expression: 'expression' };

/** HER2 written as its gene, ERBB2, sits in gene lists ("BRAF, ERBB2, KRAS: not detected"). */
function familyOf(hit: Hit): string {
  return hit.def.kind === 'her2' && /^ERBB/i.test(hit.text) ? 'gene' : FAMILY[hit.def.kind];
}
/** A protein change between two genes is the first gene's own result ("KRAS G12C, NRAS ..."), not a list. */
const VARIANT_TOKEN = /\b[A-Z]\d{1,4}[A-Z*]\b|\bp\./;

/** A result word governing the markers after it. */
const PRE_POSITIVE =
  /\bpositive for\s*$|\bpositive for (?:[\w-]+\s+){0,3}$|\b(?:likely\s+)?pathogenic\s+(?:(?:germline|somatic|heterozygous|truncating|frameshift)\s+)?(?:variants?|mutations?|alterations?)\s+(?:detected\s+|identified\s+|found\s+)?(?:in|of)\s+(?:the\s+)?$/i;
const MMR_LOST_BEFORE = /\b(?:loss|lost|absence|absent|deficien(?:t|cy))\s+(?:of\s+)?(?:(?:nuclear\s+)?expression\s+(?:of\s+)?)?(?:[\w-]+\s+){0,1}$/i;
const MMR_KEPT_BEFORE = /\b(?:intact|retained|preserved|normal)\s+(?:(?:nuclear\s+)?expression\s+(?:of\s+)?)?(?:[\w-]+\s+){0,1}$/i;

/** A negation right before the marker: "no BRAF mutation", "without KRAS". */
const PRE_NEGATION = /\b(?:no|not|without|absence of|negative for|wild[-\s]?type for)\s+(?:[\w-]+\s+){0,2}$/i;
const PRE_NEGATIVE_LIST =
  /\b(?:negative for|negative for (?:[\w-]+\s+){1,4}?(?:in|of)|no (?:[\w-]+\s+){0,5}?(?:(?:was|were)\s+)?(?:detected|identified|found)?\s*(?:in|of|for)|wild[-\s]?type (?:for|at)|without)\s*:?\s*(?:[\w-]+\s+){0,2}$/i;

/**
 * A trial's criteria or description: markers named there are what a study enrols or excludes, not
 * the patient's results ("Key exclusion: EGFR, ALK or BRAF alterations", "Trial excludes tumours
 * with KRAS G12C", "Eligibility: HER2-positive disease"). The whole sentence is set aside.
 */
const CRITERIA_PLACE = /\b(?:inclusion|exclusion|eligibility|eligible|criteri(?:a|on)|(?:clinical )?trials?|study|protocol|enrol(?:l)?ment|cohort)\b/;
const CRITERIA_WORDS =
  /\b(?:inclusion|exclusion|criteri(?:a|on)|eligibility|(?:in)?eligible (?:for|to enrol\w*) (?:the |a |this |our )?(?:[\w-]+\s+){0,3}?(?:trial|study|protocol|cohort)|(?:trial|study|protocol|cohort)s?\b[^.;]{0,40}\b(?:exclud\w*|includ\w*|enrol\w*|requir\w*|restrict\w*|limited to|open to|for (?:patients|tumou?rs|people|participants))|exclud(?:es|ing)|enrol(?:l|ls|led|ling|ment)?s? (?:patients|tumou?rs|participants|subjects|people)|(?:phase (?:[1-3]|I{1,3})|randomi[sz]ed) (?:[\w-]+\s+){0,3}?(?:trial|study))\b/i;

/** True when the sentence is a trial's criteria or description rather than this patient's result. */
function isCriteria(span: Span): boolean {
  if ([span.label ?? '', span.heading ?? '', span.subheading ?? ''].some((place) => CRITERIA_PLACE.test(place))) return true;
  return CRITERIA_WORDS.test(span.text);
}

/** "no KRAS result", "no EGFR testing": nothing was resulted, which is not a negative. */
const NO_RESULT_AFTER = /^(?:\s+[\w.>*-]+){0,2}?\s+(?:results?|testing|tests?|data|report(?:ed)?|status|available|on file)\b/i;
const NO_BEFORE = /\b(?:no|not|without)\s+(?:[\w-]+\s+){0,1}$/i;

/** Kidney function lines that shout "EGFR >60 mL/min". */
const KIDNEY = /^\s*(?:\([^)]*\))?\s*[:=]?\s*(?:[<>]=?\s*)?\d+(?:\.\d+)?\s*(?:mL|ml|\(|$)|mL\/min|1\.73|african|CKD-EPI/i;

/** Drug names from the treatment lexicon, and the suffixes of targeted drugs ("-mab", "-tinib"). */
const DRUG_PATTERNS: RegExp[] = [
  ...TREATMENTS.filter((entry) => entry.kind === 'drug').map((entry) => new RegExp(entry.pattern.source, entry.pattern.flags.replace('g', ''))),
  /\b[a-z]{3,}(?:mab|tinib|rafenib|ciclib|parib|lisib|tecan|vedotin)\b/i,
];

/**
 * A therapy-association line, not a result: the marker (or a run of markers) is a label followed,
 * after a leader, colon, equals sign or arrow, by a drug ("BRAF V600E ...... dabrafenib +
 * trametinib", "MSI-H / TMB-H: pembrolizumab", "HER2-positive -> trastuzumab deruxtecan").
 */
const LABEL_THEN = /^(?:[\s/-]*[\w+*.>()-]+){0,3}?\s*(?:\.{2,}|:|=|→|->|–|-{2,}|\|)\s*/;

function isTherapyAssociation(afterRun: string): boolean {
  const label = LABEL_THEN.exec(afterRun);
  if (!label) return false;
  const rest = afterRun.slice(label[0].length, label[0].length + 60);
  return DRUG_PATTERNS.some((pattern) => pattern.exec(rest)?.index === 0);
}

function clauseText(text: string, index: number): string {
  const [start, end] = clauseAt(text, index);
  return text.slice(start, end);
}

/** "NOT APPLICABLE", "N/A": a row of a therapy or criteria table, never a result. */
const NOT_APPLICABLE = /\bnot applicable\b|\bN\/A\b/i;

/**
 * A legend, a key or a definition: "MSI-H / TMB-H = positive", "TMB-H is defined as >= 10 mut/Mb",
 * "Key: dMMR = loss of one or more proteins". What a result would mean is not this patient's result.
 */
const LEGEND_PLACE = /^(?:legend|key|interpretation key|definitions?|glossary|abbreviations?|reference ranges?|cut-?offs?|thresholds?)$/;
const DEFINITION = /\b(?:defined as|is defined|are defined|refers to|denotes)\b|[<>≥≤]=?\s*\d+(?:\.\d+)?\s*(?:mut|%)[^.;]{0,20}=|=\s*(?:positive|negative|high|low|deficient|proficient|stable|unstable)\b[^.]*=\s*(?:positive|negative|high|low|deficient|proficient|stable|unstable)\b/i;

function isLegend(span: Span): boolean {
  if ([span.label ?? '', span.heading ?? '', span.subheading ?? ''].some((place) => LEGEND_PLACE.test(place))) return true;
  return DEFINITION.test(span.text);
}

/**
 * Cells that are not the tumour: "background small B cells CD20+", "reactive lymphocytes", "normal
 * breast epithelium ER positive". A stain on them says nothing about the cancer.
 */
const NOT_TUMOUR_CELLS = /\b(?:background|bkgd|reactive|non-?neoplastic|normal|benign|admixed|residual normal|internal control|control)\b(?:\s+[\w-]+){0,4}\s*$/i;

/**
 * Where the next analyte in a list starts with its own result ("CD20 weak, FMC7 negative", "PAX5 weak,
 * CD20 neg"): the words after it are its result, not the marker's.
 */
const NEXT_ANALYTE =
  /[,;/]\s*(?:and\s+)?(?!(?:FISH|ISH|SISH|CISH|DISH|IHC|NGS|PCR|VAF|TPS|CPS|RNA|DNA|CN|IC|TC|MSS|MSI|ratio|score|exon)\b)(?![A-Z]\d{1,4}[A-Z*]\b)(?:[A-Z][A-Za-z]{0,5}\d{1,3}[A-Za-z]?|[A-Z]{3,8})\s*(?:\+|[-−](?=\s*(?:$|[,;/).]))|\(\s*[+-]\s*\)|\s(?:neg|pos|negative|positive|weak|dim|bright|strong|not|no|wild|intact|lost|loss|absent|present|retained|mutated|detected|amplified|expressed)\b)/;

function ownTail(tail: string): string {
  const next = NEXT_ANALYTE.exec(tail);
  return next ? tail.slice(0, next.index) : tail;
}

/** An alteration written right after a gene symbol shows it is the gene ("MET exon 14 skipping", "RET fusion"), not the word. */
const GENE_ALTERATION_AFTER = /^\s*(?:exon\s*\d|ex\s?\d|amplifi\w+|fusions?|rearrange\w+|mutations?|mutated|alterations?|skipping|c\.\d|p\.[A-Z]|[A-Z]\d{1,4}[A-Z*]\b)/;

/** A positive word after a negation in the same result ("no V600 or other alteration detected"): contradictory, so no result. */
const NEGATION_BEFORE_POSITIVE = /\b(?:no|not|without|neither|nor|none)\b/i;

/** A relative named in the clause: the family history, not the patient's own cascade test. */
const RELATIVE_IN_CLAUSE =
  /\b(?:mother|father|mom|dad|sister|brother|sibling|aunt|uncle|cousin|grand\w+|daughter|son|niece|nephew|maternal|paternal|parents?|relatives?|family members?)\b/i;

/**
 * "His own testing ... the familial BRCA2 variant was NOT detected": the patient's result for the
 * family's variant. Only a negative result is read this way; a "familial" positive stays family history.
 */
function isOwnCascadeResult(span: Span, hit: Hit): boolean {
  const [start, end] = clauseAt(span.text, hit.index);
  const clause = span.text.slice(start, end);
  if (RELATIVE_IN_CLAUSE.test(clause) || /\bfamily\b|\bfh\b/.test(span.heading ?? '') || /\bfamily\b|\bfh\b/.test(span.label ?? '')) return false;
  if (!/\bfamilial\b/i.test(span.text.slice(0, hit.index))) return false;
  const after = span.text.slice(hit.end, end);
  const found = firstStatus(hit.def.kind, after);
  if (found) return found.status === 'negative';
  const before = span.text.slice(start, hit.index);
  return PRE_NEGATION.test(before) || PRE_NEGATIVE_LIST.test(before);
}

/** What the words after a marker show about its result. */
interface TailReading {
  status?: Status | 'pending';
  detail?: string;
  /** The result came from a named variant or an alteration noun only, not a status word. */
  weak?: boolean;
  ish?: boolean;
  /** A negation and a positive word both describe the marker: no result can be read. */
  conflict?: boolean;
}

function quantityStatus(kind: MarkerKind, quantity: Quantity): Status {
  if (kind === 'tmb') return quantity.value >= 10 && !quantity.below ? 'positive' : 'negative';
  // ER, PR (ASCO/CAP: ≥1% is positive) and PD-L1 (TPS or CPS ≥1).
  return quantity.below || quantity.value < 1 ? 'negative' : 'positive';
}

const ISH = /\b(?:FISH|ISH|SISH|CISH|DISH|DDISH|in[-\s]situ hybridi[sz]ation|HER2\/CEP17|ratio)\b/i;
const ISH_METHOD = /\b(FISH|SISH|CISH|DDISH|DISH|ISH)\b/;

/** "FISH not amplified", "amplified (ratio 2.4)": HER2 amplification, which settles an equivocal stain. */
function amplificationIn(text: string): { status: Status; text: string; ish: boolean } | undefined {
  const match = /\b(?:not|non-?|un)\s*amplified\b|\bno amplification\b|\bamplified\b|\bamplification\b/i.exec(text);
  if (!match) return undefined;
  const negative = /^(?:not|non|un|no )/i.test(match[0]);
  const method = ISH_METHOD.exec(text)?.[1];
  return { status: negative ? 'negative' : 'positive', text: `${method ? `${method} ` : ''}${negative ? 'not amplified' : 'amplified'}`, ish: ISH.test(text) };
}

function readTail(kind: MarkerKind, tail: string, hit: Hit, before: string): TailReading {
  const reading: TailReading = {};
  const found = firstStatus(kind, tail);
  if (found) reading.status = found.status;

  switch (kind) {
    case 'gene': {
      const fusion = hit.def.names[0] === 'ALK' || hit.def.names[0] === 'ROS1' || hit.def.names[0] === 'NTRK' ? fusionIn(before, hit.text, tail) : undefined;
      // A variant named in a negative result ("V600E not detected") is what was tested for, not a detail of the result.
      const negativeResult = found && found.status !== 'positive';
      if (found?.status === 'positive' && NEGATION_BEFORE_POSITIVE.test(tail.slice(0, found.index))) reading.conflict = true;
      const detail = negativeResult ? undefined : (fusion ?? variantIn(tail));
      if (detail) reading.detail = detail;
      if (!reading.status && detail) reading.weak = true;
      if (!reading.status && (detail || BARE_FINDING.test(tail))) {
        reading.status = 'positive';
        reading.weak = true;
      }
      break;
    }
    case 'her2': {
      const score = her2ScoreIn(tail);
      const amplification = amplificationIn(tail);
      if (amplification) {
        reading.status = amplification.status;
        if (amplification.ish) reading.ish = true;
      }
      const detail = [score ? `IHC ${score}` : undefined, amplification?.text].filter(Boolean).join(', ');
      if (detail) reading.detail = detail;
      break;
    }
    case 'hrd': {
      const score = /\b(GIS|score)\s*(?:of|:|=)?\s*(\d{1,3})\b/i.exec(tail);
      if (score?.[1] && score[2]) reading.detail = `${score[1].toUpperCase() === 'GIS' ? 'GIS' : 'score'} ${score[2]}`;
      break;
    }
    case 'expression':
    case 'receptor': {
      const percent = percentIn(tail);
      if (percent) reading.detail = percent.text;
      if (!reading.status && percent) reading.status = quantityStatus(kind, percent);
      break;
    }
    case 'pdl1': {
      const score = pdl1ScoreIn(tail);
      if (score) reading.detail = score.text;
      // A number decides over a loose word ("low", "high").
      if (score && (!reading.status || reading.status === 'positive' || reading.status === 'negative')) reading.status = quantityStatus(kind, score);
      break;
    }
    case 'tmb': {
      // "TMB 14 mut/Mb", or a bare number right after the label ("TMB: 14").
      const bare = /^\W{0,3}(?:score\s*)?(?:of\s*)?[:=]?\s*(\d{1,3}(?:\.\d+)?)\b(?!\s*%)/.exec(tail)?.[1];
      const value = tmbIn(tail) ?? (bare ? { text: `${bare} mut/Mb`, value: Number(bare), below: false } : undefined);
      if (value) {
        reading.detail = value.text;
        if (reading.status !== 'pending') reading.status = quantityStatus(kind, value);
      }
      break;
    }
    case 'msi':
    case 'mmr':
      break;
  }
  return reading;
}

/** The explicit result later on the same line as the marker, before any other marker. */
function rowResult(span: Span, hit: Hit): Status | undefined {
  const offset = span.line.indexOf(span.text);
  if (offset < 0 || span.text.length === span.line.length) return undefined;
  const after = span.line.slice(offset + hit.end);
  const nextMarker = findHits(after)[0]?.index ?? after.length;
  const window = after.slice(0, Math.min(nextMarker, 80));
  const found = firstStatus(hit.def.kind, window);
  if (!found || found.status === 'pending' || found.index <= span.text.length - hit.end) return undefined;
  // The row's own result sits right after the sentence ("ALK rearrangement. (RNA fusion) NEGATIVE"); a
  // result that governs the next marker ("... germline. No pathogenic variant in BRCA1") is not this one's.
  if (found.index - (span.text.length - hit.end) > 30) return undefined;
  if (nextMarker < after.length && /^\s*(?:[\w-]+\s+){0,4}?(?:in|of|for|at)\s*(?:the\s+)?$/i.test(window.slice(found.end))) return undefined;
  return found.status;
}

function sharedReading(reading: TailReading): TailReading {
  return reading.status && !reading.weak ? { status: reading.status } : {};
}

function msiDetail(status: Status, hits: Hit[]): string | undefined {
  const kinds = new Set(hits.map((h) => h.def.kind));
  if (status === 'positive') return kinds.has('msi') ? 'MSI-H' : 'dMMR';
  if (status === 'negative') return kinds.has('msi') ? 'MSS' : 'pMMR';
  return undefined;
}

/** BRCA results go by their origin (as the line states it) and cDNA change: "germline c.68_69delAG", "somatic". */
function brcaDetail(status: Status, line: string, tail: string): string | undefined {
  const origin = /\b(germline|somatic)\b/i.exec(line)?.[1]?.toLowerCase();
  const variant = status === 'positive' ? (codingChangeIn(tail) ?? variantIn(tail)) : undefined;
  return [origin, variant].filter(Boolean).join(' ') || undefined;
}

/** The markers a sentence states results for. */
function findingsIn(span: Span, block?: Block): Finding[] {
  const text = span.text;
  if (isCriteria(span) || isLegend(span)) return [];
  const allHits = findHits(text);
  const hits = allHits.filter((hit, hitIndex) => {
    // The run of markers this one opens or belongs to ("MSI-H / TMB-H"), then what follows the run.
    let runEnd = hit.end;
    for (const next of allHits.slice(hitIndex + 1)) {
      if (!/^[\s,/&]*(?:(?:and|or)\s*)?$/i.test(text.slice(runEnd, next.index))) break;
      runEnd = next.end;
    }
    if (isTherapyAssociation(text.slice(runEnd))) return false;
    if (NOT_APPLICABLE.test(clauseText(text, hit.index))) return false;
    if ((hit.def.kind === 'expression' || hit.def.kind === 'receptor') && NOT_TUMOUR_CELLS.test(text.slice(clauseAt(text, hit.index)[0], hit.index))) return false;
    if (NO_BEFORE.test(text.slice(0, hit.index)) && NO_RESULT_AFTER.test(text.slice(hit.end, hit.end + 40))) return false;
    if (THERAPY_BEFORE.test(text.slice(0, hit.index)) || THERAPY_AFTER.test(text.slice(hit.end, hit.end + 40))) return false;
    if (hit.def.names[0] === 'EGFR' && KIDNEY.test(text.slice(hit.end, hit.end + 40))) return false;
    if (hit.def.ambiguous && /\b(?:a|an|achieved|achieving|showed|shows|confirmed|unconfirmed|response|CR|SD|PD)\W*$/i.test(text.slice(Math.max(0, hit.index - 20), hit.index))) return false;
    const clauseBefore = text.slice(clauseAt(text, hit.index)[0], hit.index);
    // "if a BRCA1/2 variant is found", "will also send HER2 IHC", "sent for EGFR, ALK and ROS1".
    if ((isFamilyContext(span, hit.index) && !isOwnCascadeResult(span, hit)) || /\b(?:if|whether|should|would|unless)\b/i.test(clauseBefore)) return false;
    if (!PENDING.test(clauseBefore)) return true;
    // "Sent for NGS: EGFR exon 19 deletion detected" still states a result.
    const after = firstStatus(hit.def.kind, text.slice(hit.end, hit.end + 60));
    return !!after && after.status !== 'pending';
  });

  // Markers joined only by list separators share the result after the last of them.
  const groups: Hit[][] = [];
  for (const hit of hits) {
    const last = groups.at(-1);
    const previous = last?.at(-1);
    const gap = previous ? text.slice(previous.end, hit.index) : '';
    if (
      last &&
      previous &&
      familyOf(previous) === familyOf(hit) &&
      clauseAt(text, previous.index)[0] === clauseAt(text, hit.index)[0] &&
      LIST_GAP.test(gap) &&
      !VARIANT_TOKEN.test(gap) &&
      !intrinsicStatus(previous.def.kind, previous.text) &&
      !/^\s?[+−–-]/.test(text.slice(previous.end))
    ) {
      last.push(hit);
    } else groups.push([hit]);
  }

  const findings: Finding[] = [];

  groups.forEach((group, groupIndex) => {
    const first = group[0] as Hit;
    const last = group.at(-1) as Hit;
    const [clauseStart, clauseEnd] = clauseAt(text, last.index);
    const nextHit = groups[groupIndex + 1]?.[0];
    const tailEnd = Math.min(clauseEnd, nextHit ? nextHit.index : text.length);
    // A condition after the markers starts another thought: "HER2 IHC ... if the panel is negative".
    const condition = /\b(?:if|whether|unless)\b/i.exec(text.slice(last.end, tailEnd));
    const tail = ownTail(text.slice(last.end, condition ? last.end + condition.index : tailEnd));
    // What stands between the previous marker and this list: "negative for", "no", "positive for".
    const previousEnd = groups[groupIndex - 1]?.at(-1)?.end ?? 0;
    const before = text.slice(Math.max(previousEnd, clauseStart), first.index);

    for (const hit of group) {
      const kind = hit.def.kind;
      let status: Status | 'pending' | undefined = intrinsicStatus(kind, hit.text);
      let confidence = 0.9;
      // "ER+", "PR-", "HER2 (-)": a sign right after the marker is its own result.
      const sign = /^\s?(?:\+|\(\+\)|pos\b)|^\s?(?:[-−–](?=\s*(?:$|[,;/).]|and\b|\())|\(-\))/i.exec(text.slice(hit.end));
      if (!status && sign) status = /\+|pos/i.test(sign[0]) ? 'positive' : 'negative';
      // The last marker of a list reads its own tail; the others share only a plain result word from it.
      const own = hit === last ? readTail(kind, tail, hit, text.slice(0, hit.index)) : sharedReading(readTail(kind, tail, last, text.slice(0, last.index)));
      const reading: TailReading = status ? (own.detail ? { detail: own.detail } : {}) : own;
      if (!status) {
        status = reading.status;
        if (reading.weak) confidence = 0.75;
      }
      // A table row broken into sentences ("ALK rearrangement. (RNA fusion) NEGATIVE"): the row's result counts.
      if (reading.weak && hit === last) {
        const rowStatus = rowResult(span, hit);
        if (rowStatus) {
          status = rowStatus;
          confidence = 0.8;
        }
      }
      // A result word before the list: "negative for EGFR, ALK and ROS1", "no BRAF mutation", "positive for BRAF V600E".
      // A negation right before the gene outweighs a positive word after it: "No BRAF mutation was identified".
      const negatedBefore = PRE_NEGATION.test(before) || PRE_NEGATIVE_LIST.test(before);
      if (!status || (kind === 'gene' && (reading.weak || (negatedBefore && status === 'positive' && !sign)))) {
        if (negatedBefore) {
          status = kind === 'mmr' ? undefined : 'negative';
          confidence = 0.85;
        } else if (!status && PRE_POSITIVE.test(before)) {
          status = kind === 'mmr' ? 'negative' : 'positive';
          confidence = 0.85;
        }
      }
      // Mismatch-repair proteins are often named after their result: "loss of MLH1 and PMS2", "intact expression of MLH1, MSH2...".
      if (!status && kind === 'mmr') {
        if (MMR_LOST_BEFORE.test(before)) status = 'positive';
        else if (MMR_KEPT_BEFORE.test(before)) status = 'negative';
      }
      if (reading.conflict) continue;
      // "This is not HER2-positive": a negated positive label is a negative result; a negated negative one says nothing sure.
      const compound = /^\s?[-−]?\s?(?:positive|pos|\+|negative|neg)\b/i.exec(text.slice(hit.end));
      if (compound && /\b(?:not|isn't|never|nor)\s+(?:an?\s+)?$/i.test(text.slice(clauseAt(text, hit.index)[0], hit.index))) {
        if (status !== 'positive') continue;
        status = 'negative';
        confidence = 0.85;
      }
      let weak = !!reading.weak && confidence < 0.8;
      // A block of pertinent negatives ("No reportable alterations in:") gives its listed genes a negative result;
      // a variant listed under "Variants of uncertain significance" is equivocal, not positive.
      if (block === 'negatives' && (!status || (status === 'positive' && weak))) {
        status = kind === 'mmr' ? undefined : 'negative';
        confidence = 0.8;
        weak = false;
      }
      if (block === 'vus' && status === 'positive' && (weak || kind === 'gene')) {
        status = 'equivocal';
        weak = false;
      }
      if (!status || status === 'pending') continue;
      // An abbreviation that also means something else needs its result right beside it.
      if (hit.def.ambiguous && !sign) {
        // Dotted leaders in a report's table ("MET ........ not detected") do not put the result further away.
        const afterHit = text.slice(hit.end).replace(/^\s*\.{3,}\s*/, ' ');
        const near = firstStatus(kind, afterHit.slice(0, 40)) ?? percentIn(afterHit.slice(0, 25));
        const listed = group.some((h) => !h.def.ambiguous) || group.length > 1 || GENE_ALTERATION_AFTER.test(text.slice(hit.end));
        if (!near && !listed && !PRE_NEGATIVE_LIST.test(before) && !PRE_POSITIVE.test(before)) continue;
      }
      if ([span.label ?? '', span.heading ?? ''].some((place) => /biomarker|molecular|genomic|receptor|immunohisto|mutation|her2|braf|kras|egfr|alk|pd-?l1|msi|mmr|tmb|brca|\ber\b|\bpr\b/i.test(place))) confidence = Math.min(0.95, confidence + 0.05);

      let detail = reading.detail;
      if (kind === 'msi' || kind === 'mmr') detail = msiDetail(status, [hit]);
      if (hit.def.names.some((name) => name.startsWith('BRCA'))) detail = brcaDetail(status, span.line, tail);
      for (const name of hit.def.names) {
        findings.push({ name, status, ...(detail ? { detail } : {}), confidence, span, index: hit.index, ...(reading.ish ? { ish: true } : {}), ...(weak ? { weak: true } : {}) });
      }
    }
  });
  return findings;
}

/**
 * A HER2 in situ hybridization result on its own line ("Reflex FISH: not amplified", "HER2/CEP17
 * ratio 2.4, amplified") settles an equivocal immunohistochemistry score.
 */
function her2IshIn(span: Span, previousHadHer2: boolean): Finding | undefined {
  if (!ISH.test(span.text) || !/amplif/i.test(span.text)) return undefined;
  if (!/HER-?2|ERBB2/i.test(span.text) && !previousHadHer2) return undefined;
  if (isFamilyContext(span, 0)) return undefined;
  const amplification = amplificationIn(span.text);
  if (!amplification) return undefined;
  return { name: 'HER2', status: amplification.status, detail: amplification.text, confidence: 0.95, span, index: 0, ish: true };
}

/** "Triple-negative breast cancer" states three results: ER, PR and HER2 negative. */
function tripleNegativeIn(span: Span): Finding[] {
  const match = /\btriple[-\s]negative\b|\bTNBC\b/.exec(span.text) ?? /\btriple[-\s]negative\b/i.exec(span.text);
  if (!match || isFamilyContext(span, match.index) || negationOf(span.text, match.index, match.index + match[0].length)) return [];
  return ['ER', 'PR', 'HER2'].map((name) => ({ name, status: 'negative' as const, confidence: 0.7, span, index: match.index }));
}

const STATUS_RANK: Record<Status, number> = { positive: 3, negative: 3, equivocal: 2, unknown: 1 };

/** One result per marker: an ISH result settles HER2; any deficiency makes MSI positive; else the surest, then the newest. */
function choose(name: string, findings: Finding[]): Finding {
  const newestFirst = [...findings].sort(
    (a, b) => (b.span.date ?? '').localeCompare(a.span.date ?? '') || b.span.order - a.span.order,
  );
  if (name === 'HER2') {
    const ish = newestFirst.find((f) => f.ish);
    if (ish) {
      const ihc = newestFirst.map((f) => /IHC [0-3]\+?/.exec(f.detail ?? '')?.[0]).find(Boolean);
      const ishText = /(?:\w+ )?(?:not )?amplified/.exec(ish.detail ?? '')?.[0];
      const detail = [ihc, ishText].filter(Boolean).join(', ');
      return { ...ish, ...(detail ? { detail } : {}) };
    }
  }
  // Only the newest dated statements compete: a later test may legitimately differ from an earlier one.
  const newestDate = newestFirst[0]?.span.date ?? '';
  const current = newestFirst.filter((f) => (f.span.date ?? '') === newestDate);
  if (name === 'MSI') {
    const positive = current.filter((f) => f.status === 'positive');
    if (positive.length > 0) return positive.sort((a, b) => b.confidence - a.confidence)[0] as Finding;
  }
  const best = [...current].sort((a, b) => STATUS_RANK[b.status] - STATUS_RANK[a.status] || b.confidence - a.confidence)[0] as Finding;
  // A positive read only from an alteration noun ("RET fusions" as a row label) is an inference: a stated negative outweighs it.
  const positives = current.filter((f) => f.status === 'positive' && !(f.weak && !f.detail && current.some((g) => g.status === 'negative' && !g.weak)));
  const negatives = current.filter((f) => f.status === 'negative');
  if (positives.length === 0 && negatives.length > 0 && best.status === 'positive') return negatives.sort((x, y) => y.confidence - x.confidence)[0] as Finding;
  if (positives.length === 0 || negatives.length === 0) return best;
  // A gene with a named alteration detected and other alterations of it ruled out ("MET exon 14 skipping
  // DETECTED", "MET amplification not detected") is positive: the negatives are about other alterations.
  const named = positives.filter((f) => f.detail && !f.weak);
  if (named.length > 0 && negatives.every((f) => SPECIFIC_ALTERATION.test(f.span.text.slice(f.index, f.index + 80)))) {
    return named.sort((a, b) => b.confidence - a.confidence)[0] as Finding;
  }
  // The record states both results for the same marker at the same time: say so rather than pick one.
  return { ...best, status: 'unknown', confidence: 0.5 };
}

/** A negative about one alteration of a gene, not the gene as a whole: "amplification not detected", "T790M negative". */
const SPECIFIC_ALTERATION =
  /^\S+\s*(?:\.{2,}\s*)?(?:[A-Z]\d{1,4}[A-Z*]\b|exon\s*\d|ex\d|amplification|copy number|fusions?|rearrangements?|skipping|insertions?|deletions?|V600|codons?|kinase domain|resistance)/i;

/** Both halves of a mismatch-repair result when the record gives both: "pMMR/MSS", "dMMR/MSI-H". */
function msiSummary(findings: Finding[]): string | undefined {
  const details = [...new Set(findings.map((f) => f.detail).filter((d): d is string => !!d))];
  const mmr = details.find((d) => /MMR$/.test(d));
  const msi = details.find((d) => /^MS/.test(d));
  return [mmr, msi].filter(Boolean).join('/') || undefined;
}

/**
 * A report's block whose title gives the lines under it their result: "Variants of uncertain
 * significance" (equivocal), "Pertinent negatives" / "No reportable alterations in:" (negative).
 */
type Block = 'vus' | 'negatives';

const VUS_TITLE = /\bvariants? of (?:uncertain|unknown|undetermined) (?:clinical )?significance\b|\bVUS\b|\btier III\b/i;
const NEGATIVES_TITLE =
  /\bpertinent negatives?\b|\bno (?:reportable|clinically (?:significant|relevant)|pathogenic|actionable|significant)? ?(?:(?:or likely pathogenic )?(?:genomic )?(?:alterations?|variants?|mutations?))(?: (?:were |was )?(?:detected|identified|found))? in(?: the following(?: genes)?)?\s*:?\s*$|\bgenes? (?:tested|analy[sz]ed) with no (?:reportable |pathogenic )?(?:alterations?|variants?)\b/i;

/** A line that titles a block rather than stating a result: short, and naming no marker of its own. */
function blockTitle(span: Span): Block | 'other' | undefined {
  const text = span.text.replace(/^[-=_\s]+/, '');
  if (!text || text.length > 140) return undefined;
  if (findHits(text).length > 0) return undefined;
  if (VUS_TITLE.test(text)) return 'vus';
  if (NEGATIVES_TITLE.test(text)) return 'negatives';
  // Another title in capitals ("GENOMIC FINDINGS", "THERAPIES ASSOCIATED ...") or a rule line ends the block.
  if (/^[A-Z][A-Z0-9 ,&/()'-]{3,}(?:\([^)]*\))?[^a-z]*$/.test(text) || /^[-=_]{5,}$/.test(span.text.trim())) return 'other';
  return undefined;
}

/** Biomarker order in the profile: the order the record first states them. */
export function extractBiomarkers(spans: Span[], context: ExtractContext): Biomarker[] {
  const all: Finding[] = [];
  let previousHadHer2 = false;
  let block: Block | undefined;
  let blockHeading: string | undefined;
  for (const span of spans) {
    const title = blockTitle(span);
    if (title) {
      block = title === 'other' ? undefined : title;
      blockHeading = span.heading;
      continue;
    }
    // A new section heading closes the block too.
    if (block && span.heading !== blockHeading) block = undefined;
    // A title written as a heading line ("No reportable alterations in:") opens its block for the lines under it.
    if (!block && span.heading && span.heading !== blockHeading) {
      const headingBlock = VUS_TITLE.test(span.heading) ? 'vus' : NEGATIVES_TITLE.test(span.heading) ? 'negatives' : undefined;
      if (headingBlock) {
        block = headingBlock;
        blockHeading = span.heading;
      }
    }
    const findings = findingsIn(span, block);
    const ish = her2IshIn(span, previousHadHer2);
    if (ish && !findings.some((f) => f.name === 'HER2' && f.ish)) findings.push(ish);
    all.push(...findings);
    previousHadHer2 = /HER-?2|ERBB2/i.test(span.text);
  }
  const stated = new Set(all.map((f) => f.name));
  for (const span of spans) all.push(...tripleNegativeIn(span).filter((f) => !stated.has(f.name)));

  const byName = new Map<string, Finding[]>();
  for (const finding of [...all].sort((a, b) => a.span.order - b.span.order || a.index - b.index)) {
    byName.set(finding.name, [...(byName.get(finding.name) ?? []), finding]);
  }
  return [...byName.entries()].map(([name, findings]) => {
    const chosen = choose(name, findings);
    // An undecided result shows every statement that disagrees.
    const agreeing = chosen.status === 'unknown' && !findings.includes(chosen) ? findings.filter((f) => f.span.date === chosen.span.date) : findings.filter((f) => f !== chosen && f.status === chosen.status);
    const detail = name === 'MSI' ? msiSummary([chosen, ...agreeing]) : (chosen.detail ?? agreeing.find((f) => f.detail)?.detail);
    return {
      name,
      status: chosen.status,
      ...(detail ? { detail } : {}),
      ...ruleMeta(context, [chosen, ...agreeing].map((f) => ({ span: f.span, focus: f.index })), chosen.confidence),
    };
  });
}
