import type { Biomarker } from '../profile';
import { codingChangeIn, fusionIn, her2ScoreIn, pdl1ScoreIn, percentIn, tmbIn, variantIn, type Quantity } from './biomarkerDetail';
import { BARE_FINDING, firstStatus, intrinsicStatus, MARKERS, THERAPY_AFTER, THERAPY_BEFORE, type MarkerDef, type MarkerKind, type Status } from './biomarkerLexicon';
import { isFamilyContext, PENDING } from './context';
import { ruleMeta, type ExtractContext } from './evidence';
import { negationOf } from './negation';
import { clauseAt, type Span } from './spans';

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
/** A protein change between two genes is the first gene's own result ("KRAS G12C, NRAS ..."), not a list. */
const VARIANT_TOKEN = /\b[A-Z]\d{1,4}[A-Z*]\b|\bp\./;

/** A result word governing the markers after it. */
const PRE_POSITIVE = /\bpositive for\s*$|\bpositive for (?:[\w-]+\s+){0,3}$/i;
const MMR_LOST_BEFORE = /\b(?:loss|lost|absence|absent|deficien(?:t|cy))\s+(?:of\s+)?(?:(?:nuclear\s+)?expression\s+(?:of\s+)?)?(?:[\w-]+\s+){0,1}$/i;
const MMR_KEPT_BEFORE = /\b(?:intact|retained|preserved|normal)\s+(?:(?:nuclear\s+)?expression\s+(?:of\s+)?)?(?:[\w-]+\s+){0,1}$/i;

/** A negation right before the marker: "no BRAF mutation", "without KRAS". */
const PRE_NEGATION = /\b(?:no|not|without|absence of|negative for|wild[-\s]?type for)\s+(?:[\w-]+\s+){0,2}$/i;
const PRE_NEGATIVE_LIST = /\b(?:negative for|no (?:[\w-]+\s+){0,3}?(?:detected|identified|found)?\s*(?:in|of|for)|wild[-\s]?type (?:for|at)|without)\s*(?:[\w-]+\s+){0,2}$/i;

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

/** What the words after a marker show about its result. */
interface TailReading {
  status?: Status | 'pending';
  detail?: string;
  /** The result came from a named variant or an alteration noun only, not a status word. */
  weak?: boolean;
  ish?: boolean;
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
  const found = firstStatus(hit.def.kind, after.slice(0, Math.min(nextMarker, 80)));
  return found && found.status !== 'pending' && found.index > span.text.length - hit.end ? found.status : undefined;
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
function findingsIn(span: Span): Finding[] {
  const text = span.text;
  if (isCriteria(span)) return [];
  const hits = findHits(text).filter((hit) => {
    if (NO_BEFORE.test(text.slice(0, hit.index)) && NO_RESULT_AFTER.test(text.slice(hit.end, hit.end + 40))) return false;
    if (THERAPY_BEFORE.test(text.slice(0, hit.index)) || THERAPY_AFTER.test(text.slice(hit.end, hit.end + 40))) return false;
    if (hit.def.names[0] === 'EGFR' && KIDNEY.test(text.slice(hit.end, hit.end + 40))) return false;
    if (hit.def.ambiguous && /\b(?:a|an|achieved|achieving|showed|shows|confirmed|unconfirmed|response|CR|SD|PD)\W*$/i.test(text.slice(Math.max(0, hit.index - 20), hit.index))) return false;
    const clauseBefore = text.slice(clauseAt(text, hit.index)[0], hit.index);
    // "if a BRCA1/2 variant is found", "will also send HER2 IHC", "sent for EGFR, ALK and ROS1".
    if (isFamilyContext(span, hit.index) || /\b(?:if|whether|should|would|unless)\b/i.test(clauseBefore)) return false;
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
      FAMILY[previous.def.kind] === FAMILY[hit.def.kind] &&
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
    const tail = text.slice(last.end, condition ? last.end + condition.index : tailEnd);
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
      if (!status || status === 'pending') continue;
      // An abbreviation that also means something else needs its result right beside it.
      if (hit.def.ambiguous && !sign) {
        const near = firstStatus(kind, text.slice(hit.end, hit.end + 40)) ?? percentIn(text.slice(hit.end, hit.end + 25));
        const listed = group.some((h) => !h.def.ambiguous) || group.length > 1;
        if (!near && !listed && !PRE_NEGATIVE_LIST.test(before) && !PRE_POSITIVE.test(before)) continue;
      }
      if ([span.label ?? '', span.heading ?? ''].some((place) => /biomarker|molecular|genomic|receptor|immunohisto|mutation|her2|braf|kras|egfr|alk|pd-?l1|msi|mmr|tmb|brca|\ber\b|\bpr\b/i.test(place))) confidence = Math.min(0.95, confidence + 0.05);

      let detail = reading.detail;
      if (kind === 'msi' || kind === 'mmr') detail = msiDetail(status, [hit]);
      if (hit.def.names.some((name) => name.startsWith('BRCA'))) detail = brcaDetail(status, span.line, tail);
      for (const name of hit.def.names) {
        findings.push({ name, status, ...(detail ? { detail } : {}), confidence, span, index: hit.index, ...(reading.ish ? { ish: true } : {}) });
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
  if (name === 'MSI') {
    const positive = newestFirst.filter((f) => f.status === 'positive');
    if (positive.length > 0) return positive.sort((a, b) => b.confidence - a.confidence)[0] as Finding;
  }
  return [...newestFirst].sort((a, b) => STATUS_RANK[b.status] - STATUS_RANK[a.status] || b.confidence - a.confidence)[0] as Finding;
}

/** Both halves of a mismatch-repair result when the record gives both: "pMMR/MSS", "dMMR/MSI-H". */
function msiSummary(findings: Finding[]): string | undefined {
  const details = [...new Set(findings.map((f) => f.detail).filter((d): d is string => !!d))];
  const mmr = details.find((d) => /MMR$/.test(d));
  const msi = details.find((d) => /^MS/.test(d));
  return [mmr, msi].filter(Boolean).join('/') || undefined;
}

/** Biomarker order in the profile: the order the record first states them. */
export function extractBiomarkers(spans: Span[], context: ExtractContext): Biomarker[] {
  const all: Finding[] = [];
  let previousHadHer2 = false;
  for (const span of spans) {
    const findings = findingsIn(span);
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
    const agreeing = findings.filter((f) => f !== chosen && f.status === chosen.status);
    const detail = name === 'MSI' ? msiSummary([chosen, ...agreeing]) : (chosen.detail ?? agreeing.find((f) => f.detail)?.detail);
    return {
      name,
      status: chosen.status,
      ...(detail ? { detail } : {}),
      ...ruleMeta(context, [chosen, ...agreeing].map((f) => ({ span: f.span, focus: f.index })), chosen.confidence),
    };
  });
}
