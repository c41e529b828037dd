import type { StageField } from '../profile';
import { clauseText, isFamilyContext } from './context';
import { ruleMeta, type ExtractContext } from './evidence';
import type { Span } from './spans';
import { findSynopticTnm, findTnmInSpans, type TnmMention } from './tnm';

/**
 * The AJCC stage group ("IIIB", "IV") and the TNM that goes with it.
 *
 * Decision: the group is taken only where the record states it ("Stage IIIB", "stage 4", "AJCC
 * 8th ed. stage group IIA", "clinical stage IV"). TNM alone is not turned into a group, because
 * the grouping tables differ by cancer, edition and prognostic factors: an absent stage is better
 * than a guessed one. That holds for M1 too: "T3N2bM1" with no group written gives no stage (the
 * metastasis rules still read the M1), since the profile records what the note says.
 *
 * Other systems count where the record gives them as its stage: a FIGO stage ("FIGO 2018 stage
 * IIIC1r" is IIIC: the gold format keeps one letter), R-ISS for myeloma (preferred over ISS), and
 * the AJCC 8 prognostic stage group for breast (preferred over the anatomic group).
 */

const NUMBER_WORDS: Record<string, string> = { '0': '0', '1': 'I', '2': 'II', '3': 'III', '4': 'IV', one: 'I', two: 'II', three: 'III', four: 'IV', zero: '0' };

const STAGE =
  /(?<![A-Za-z])(?:[cpy]{1,2})?stage(?:\s+group(?:ing)?)?\s*(?:\([^)]{0,30}\))?\s*(?:is|of|=|:|-|was)?\s*(IV|I{1,3}|0|[1-4]|one|two|three|four|zero)(?:-?([ABCabc])(?:[1-3]?[rp]?|[1-3]))?(?![A-Za-z0-9])/gi;
/** A FIGO stage written without the word "stage": "FIGO IIIC1r", "FIGO 2018 IB". The sub-level and the r/p suffix are dropped. */
const FIGO = /\bFIGO\s*(?:\(?(?:19|20)\d{2}\)?\s*)?(?:stage\s*)?(?::\s*)?(IV|I{1,3})([ABCabc])?(?:[1-3]?[rp]?)(?![A-Za-z0-9])/g;

/** Other things that have stages: kidney disease, pressure injuries, heart failure... */
const NOT_CANCER_BEFORE =
  /\b(?:ckd|(?:kidney|renal) (?:disease|failure|insufficiency|impairment|injury|function)|aki|pressure|ulcer|injury|decubitus|fibrosis|heart failure|nyha|gold|hypertension|tanner|sleep|labou?r|lymphedema|copd|cirrhosis|hepatic (?:encephalopathy|fibrosis))\b[^.;]{0,20}$/i;
const NOT_CANCER_AFTER = /^\s*(?:chronic kidney|ckd|kidney|renal|hypertension|pressure|decubitus|sleep|heart failure|lymphedema|copd)\b/i;

/** A stage the record gives as an earlier one. */
const EARLIER = /\b(?:initial(?:ly)?|original(?:ly)?|at (?:the time of )?diagnosis|previous(?:ly)?|prior|formerly|was|history of)\b/i;
/** A stage the record gives as the current one. */
const CURRENT = /\b(?:now|current(?:ly)?|restag\w*|re-stag\w*|upstag\w*|progress\w* to|recurren\w*|present(?:ly)?)\b/i;
/** Wording that makes a stage hypothetical ("if stage IV", "to complete staging"). */
const HYPOTHETICAL = /\b(?:if|would|could|whether|rule out|r\/o|vs\.?|versus|cannot be (?:determined|assessed))\b/i;

const STAGE_PLACE = /\bstag(?:e|ing)\b|\bdiagnos[ie]s$|^(?:impression|assessment)/;

interface GroupMention {
  value: string;
  span: Span;
  index: number;
  score: number;
}

/** A stage number as the AJCC group: "4"/"four"/"iv" -> "IV", with its letter upper-cased. */
export function groupValue(numeral: string, letter: string | undefined): string {
  const group = NUMBER_WORDS[numeral.toLowerCase()] ?? numeral.toUpperCase();
  return `${group}${letter ? letter.toUpperCase() : ''}`;
}

/**
 * Wording that says which of two stages a record reports: the AJCC 8 prognostic stage group over
 * the anatomic one (breast), R-ISS over ISS (myeloma), a FIGO stage as stated.
 */
function systemScore(before: string): number {
  if (/\bprognostic\s+(?:stage\s*)?(?:group\s*)?$|\bprognostic\b[^.;]{0,30}$/i.test(before)) return 0.1;
  if (/\bR-?ISS\s*(?:stage\s*)?$/i.test(before)) return 0.1;
  if (/\banatomic(?:al)?\s+(?:stage\s*)?(?:group\s*)?$/i.test(before) || /(?<!R-?)\bISS\s*(?:stage\s*)?$/i.test(before)) return -0.1;
  return 0;
}

function groupMentions(span: Span): GroupMention[] {
  if (isFamilyContext(span, 0)) return [];
  const mentions: GroupMention[] = [];
  const matches = [...span.text.matchAll(STAGE)];
  // "FIGO IIIC1r": a FIGO stage without the word "stage", unless a "stage" match already covers it.
  for (const figo of span.text.matchAll(FIGO)) {
    if (!matches.some((m) => m.index < figo.index + figo[0].length && figo.index < m.index + m[0].length)) matches.push(figo);
  }
  for (const match of matches) {
    const [, numeral, letter] = match;
    if (!numeral) continue;
    const before = span.text.slice(0, match.index);
    const after = span.text.slice(match.index + match[0].length);
    if (NOT_CANCER_BEFORE.test(before) || NOT_CANCER_AFTER.test(after)) continue;
    // "stage 4" counts only when it is a number standing alone, not "stage 4 cm".
    if (/^\s*(?:cm|mm|%|x\b)/i.test(after)) continue;
    const clause = clauseText(span, match.index);
    if (HYPOTHETICAL.test(clause)) continue;
    let score = [span.label ?? '', span.heading ?? ''].some((place) => STAGE_PLACE.test(place)) ? 1 : 0.8;
    const clauseBefore = clause.slice(0, Math.max(0, clause.indexOf(match[0])));
    if (CURRENT.test(clauseBefore) || /\bcurrent\b/.test(span.label ?? '')) score += 0.15;
    else if (EARLIER.test(clauseBefore)) score -= 0.3;
    score += systemScore(before);
    mentions.push({ value: groupValue(numeral, letter), span, index: match.index, score });
  }
  return mentions;
}

interface TnmFound {
  tnm: TnmMention;
  span: Span;
}

function tnmMentions(spans: Span[]): TnmFound[] {
  const inline = findTnmInSpans(spans).filter(({ span }) => !isFamilyContext(span, 0));
  const synoptic = findSynopticTnm(spans).map(({ tnm, spans: lines }) => ({ tnm, span: lines[0] as Span }));
  return [...inline, ...synoptic];
}

/** The TNM that goes with a stated group: the one in the same sentence, else one whose M agrees with it. */
function tnmFor(group: GroupMention, tnms: TnmFound[]): TnmFound | undefined {
  const same = tnms.find((t) => t.span === group.span);
  if (same) return same;
  const stageFour = group.value.startsWith('IV');
  const agreeing = tnms.filter((t) => (stageFour ? t.tnm.m === 1 : t.tnm.m !== 1));
  return agreeing.at(-1);
}

const numeralOf = (value: string) => /^(?:IV|I{1,3}|0)/.exec(value)?.[0] ?? value;

/**
 * "Stage II" and "stage IIA" in one record are the same stage said with less and more detail:
 * keep the detailed one ("IPI 3 (stage III ...)" beside "Ann Arbor stage IIIB" is IIIB).
 */
function moreSpecific(best: GroupMention | undefined, groups: GroupMention[]): GroupMention | undefined {
  if (!best || best.value !== numeralOf(best.value)) return best;
  const detailed = groups
    .filter((g) => g.value !== best.value && numeralOf(g.value) === best.value && g.score >= best.score - 0.2)
    .sort((a, b) => b.score - a.score || b.span.order - a.span.order)[0];
  return detailed ?? best;
}

export interface StageFinding {
  field: StageField;
  /** The sentence the value rests on, for the metastasis rules (stage IV is distant disease). */
  span: Span;
}

export function findStage(spans: Span[], context: ExtractContext): StageFinding | undefined {
  const groups = spans.flatMap(groupMentions);
  const tnms = tnmMentions(spans);
  // The best-placed statement wins; between equals, the later one (notes restate the current stage last).
  const ranked = [...groups].sort((a, b) => b.score - a.score || b.span.order - a.span.order);
  const best = moreSpecific(ranked[0], groups);
  if (best) {
    const tnm = tnmFor(best, tnms);
    const agreeing = groups.filter((g) => g.value === best.value && g !== best);
    const field: StageField = {
      value: best.value,
      ...(tnm ? { tnm: tnm.tnm.text } : {}),
      ...ruleMeta(
        context,
        [{ span: best.span, focus: best.index }, ...agreeing.map((g) => ({ span: g.span, focus: g.index }))],
        best.score >= 1 ? 0.95 : 0.85,
      ),
    };
    return { field, span: best.span };
  }
  return undefined;
}

export function extractStage(spans: Span[], context: ExtractContext): StageField | undefined {
  return findStage(spans, context)?.field;
}
