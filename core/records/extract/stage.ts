import { cancerTypeAncestors } from '../../lexicon';
import type { StageField } from '../profile';
import { clauseText, isFamilyContext } from './context';
import { ruleMeta, type ExtractContext } from './evidence';
import type { Span } from './spans';
import { findSynopticTnm, findTnm, type TnmMention } from './tnm';

/**
 * The AJCC stage group ("IIIB", "IV") and the TNM that goes with it.
 *
 * Decision: the group is taken only where the record states it ("Stage IIIB", "stage 4", "AJCC
 * 8th ed. stage group IIA", "clinical stage IV"). TNM alone is not turned into a group, because
 * the grouping tables differ by cancer, edition and prognostic factors: an absent stage is better
 * than a guessed one. The one exception is M1: distant metastasis is stage IV in every AJCC
 * solid-tumour table except differentiated thyroid cancer (M1 under 55 is stage II), so a stated
 * M1 gives "IV" at lower confidence, never for thyroid cancer or blood cancers.
 */

const NUMBER_WORDS: Record<string, string> = { '0': '0', '1': 'I', '2': 'II', '3': 'III', '4': 'IV', one: 'I', two: 'II', three: 'III', four: 'IV', zero: '0' };

const STAGE =
  /(?<![A-Za-z])(?:[cpy]{1,2})?stage(?:\s+group(?:ing)?)?\s*(?:\([^)]{0,30}\))?\s*(?:is|of|=|:|-|was)?\s*(IV|I{1,3}|0|[1-4]|one|two|three|four|zero)(?:-?([ABCabc][12]?))?(?![A-Za-z0-9])/gi;

/** Other things that have stages: kidney disease, pressure injuries, heart failure... */
const NOT_CANCER_BEFORE = /\b(?:ckd|kidney|renal|pressure|ulcer|injury|decubitus|fibrosis|heart failure|nyha|gold|hypertension|tanner|sleep|labou?r|lymphedema|copd|cirrhosis|hepatic)\b[^.;]{0,20}$/i;
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

function groupValue(numeral: string, letter: string | undefined): string {
  const group = NUMBER_WORDS[numeral.toLowerCase()] ?? numeral.toUpperCase();
  return `${group}${letter ? letter.toUpperCase() : ''}`;
}

function groupMentions(span: Span): GroupMention[] {
  if (isFamilyContext(span, 0)) return [];
  const mentions: GroupMention[] = [];
  for (const match of span.text.matchAll(STAGE)) {
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
    mentions.push({ value: groupValue(numeral, letter), span, index: match.index, score });
  }
  return mentions;
}

interface TnmFound {
  tnm: TnmMention;
  span: Span;
}

function tnmMentions(spans: Span[]): TnmFound[] {
  const inline = spans.flatMap((span) => (isFamilyContext(span, 0) ? [] : findTnm(span.text).map((tnm) => ({ tnm, span }))));
  const synoptic = findSynopticTnm(spans).map(({ tnm, spans: lines }) => ({ tnm, span: lines[0] as Span }));
  return [...inline, ...synoptic];
}

/** Cancers whose M1 is not always stage IV, or whose staging is not TNM. */
function m1IsStageFour(cancerType: string | undefined): boolean {
  if (!cancerType) return true;
  const family = [cancerType, ...cancerTypeAncestors(cancerType)];
  return !family.some((name) => ['Thyroid cancer', 'Blood cancer', 'Brain tumor'].includes(name));
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

export function findStage(spans: Span[], context: ExtractContext, cancerType?: string): StageFinding | undefined {
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
  const m1 = tnms.filter((t) => t.tnm.m === 1).at(-1);
  if (m1 && m1IsStageFour(cancerType)) {
    return { field: { value: 'IV', tnm: m1.tnm.text, ...ruleMeta(context, [{ span: m1.span, focus: m1.tnm.index }], 0.6) }, span: m1.span };
  }
  return undefined;
}

export function extractStage(spans: Span[], context: ExtractContext, cancerType?: string): StageField | undefined {
  return findStage(spans, context, cancerType)?.field;
}
