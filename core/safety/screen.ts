/**
 * The safety screen that runs before any answer: red-flag symptoms (urgent notice first) and
 * requests Cairn does not answer (dosing, treatment changes, diagnosis). Deterministic, regex
 * only; nothing in the question can switch it off.
 */
import {
  CLAUSE_BOUNDARY,
  CURRENT,
  DEFINITIONAL,
  HYPOTHETICAL,
  LIST_JOINER,
  LONG_AGO,
  NEGATED_LIST_WINDOW,
  NEGATION_CUE,
  NEGATION_WINDOW,
  ONGOING,
  PAST_TELLING,
  PERSONAL,
  QUESTION,
} from './cues';
import { normalizeText, splitSentences } from './normalize';
import {
  OUT_OF_SCOPE_MESSAGES,
  OUT_OF_SCOPE_RULES,
  RED_FLAG_RULES,
  URGENT_MESSAGE,
  type OutOfScopeKind,
  type RedFlagRule,
} from './rules';

/** Set when the question describes a red-flag symptom; shown before everything else. */
export interface UrgentNotice {
  /** The fixed urgent text (`URGENT_MESSAGE`). */
  message: string;
  /** Labels of the red-flag rules that fired, in rule order. */
  matched: string[];
}

/** Set when the question asks for something Cairn redirects to the care team. */
export interface OutOfScopeNotice {
  kind: OutOfScopeKind;
  /** The fixed redirect for that kind (`OUT_OF_SCOPE_MESSAGES`). */
  message: string;
}

/** What `screenQuestion` found. Both can be set: the urgent notice then comes first. */
export interface SafetyScreen {
  urgent: UrgentNotice | null;
  outOfScope: OutOfScopeNotice | null;
}

interface Sentence {
  text: string;
  /** A general or definitional question with nobody described ("what is febrile neutropenia?"). */
  general: boolean;
  /** Mentions something happening now (a time word, a measured temperature). */
  current: boolean;
  /** Places what it tells months or years back, with nothing bringing it into the present. */
  history: boolean;
}

function withGlobalFlag(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
}

interface CompiledRule {
  rule: RedFlagRule;
  patterns: RegExp[];
  requires: RegExp[] | null;
}

const COMPILED: readonly CompiledRule[] = RED_FLAG_RULES.map((rule) => ({
  rule,
  patterns: rule.patterns.map(withGlobalFlag),
  requires: rule.requires ? rule.requires.map(withGlobalFlag) : null,
}));

function describeSentence(text: string): Sentence {
  const current = CURRENT.test(text);
  const personal = PERSONAL.test(text);
  const asks = QUESTION.test(text) || DEFINITIONAL.test(text);
  const history = LONG_AGO.test(text) && !ONGOING.test(text);
  return { text, general: asks && !personal && !current, current, history };
}

function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed ? trimmed.split(' ').length : 0;
}

/** How far back (characters) a cue can be and still reach a match; keeps the screen linear. */
const LOOK_BACK = 160;

/** The text before `start`, at most `LOOK_BACK` characters of it, starting on a whole word. */
function textBefore(text: string, start: number): string {
  if (start <= LOOK_BACK) return text.slice(0, start);
  const before = text.slice(start - LOOK_BACK, start);
  return before.slice(before.indexOf(' ') + 1);
}

/** True when a negation cue in the same clause, a few words before `start`, denies the match. */
function isNegated(text: string, start: number): boolean {
  const before = textBefore(text, start);
  let clauseStart = 0;
  for (const boundary of before.matchAll(CLAUSE_BOUNDARY)) clauseStart = boundary.index + boundary[0].length;
  const clause = before.slice(clauseStart);
  for (const cue of clause.matchAll(NEGATION_CUE)) {
    const gap = clause.slice(cue.index + cue[0].length);
    const window = LIST_JOINER.test(gap) ? NEGATED_LIST_WINDOW : NEGATION_WINDOW;
    if (countWords(gap) <= window) return true;
  }
  return false;
}

/** True when a hypothetical ("if I get", "what if") comes before `start` in the sentence. */
function isHypothetical(sentence: Sentence, start: number): boolean {
  if (sentence.current) return false;
  const before = textBefore(sentence.text, start);
  return before.search(HYPOTHETICAL) >= 0;
}

/** True when a past-tense telling ("had", "went through") shortly before `start` places it in a long-ago episode. */
function isHistory(sentence: Sentence, start: number): boolean {
  if (!sentence.history) return false;
  const before = textBefore(sentence.text, start);
  for (const verb of before.matchAll(PAST_TELLING)) {
    if (countWords(before.slice(verb.index + verb[0].length)) <= NEGATION_WINDOW) return true;
  }
  return false;
}

/**
 * Whether any pattern matches somewhere that is not negated and, for a claim (a symptom rather
 * than its context), not hypothetical, not long past, and not general unless `flagGeneral`.
 */
function affirmed(patterns: readonly RegExp[], sentences: readonly Sentence[], claim: { flagGeneral: boolean } | null): boolean {
  const asClaim = claim !== null;
  for (const sentence of sentences) {
    if (claim && !claim.flagGeneral && sentence.general) continue;
    for (const pattern of patterns) {
      for (const match of sentence.text.matchAll(pattern)) {
        if (isNegated(sentence.text, match.index)) continue;
        if (asClaim && (isHypothetical(sentence, match.index) || isHistory(sentence, match.index))) continue;
        return true;
      }
    }
  }
  return false;
}

function redFlags(sentences: readonly Sentence[]): string[] {
  const labels: string[] = [];
  for (const { rule, patterns, requires } of COMPILED) {
    if (!affirmed(patterns, sentences, { flagGeneral: rule.flagGeneral === true })) continue;
    if (requires && !affirmed(requires, sentences, null)) continue;
    labels.push(rule.label);
  }
  return labels;
}

function outOfScopeKind(sentences: readonly Sentence[]): OutOfScopeKind | null {
  for (const sentence of sentences) {
    let best: { kind: OutOfScopeKind; index: number } | null = null;
    for (const rule of OUT_OF_SCOPE_RULES) {
      for (const pattern of rule.patterns) {
        const index = sentence.text.search(pattern);
        if (index >= 0 && (best === null || index < best.index)) best = { kind: rule.kind, index };
      }
    }
    if (best) return best.kind;
  }
  return null;
}

/**
 * Screens a question before any answer is made. Red flags fire on descriptions of a symptom
 * happening to the writer or someone they care for, not on negated ("no fever"), general
 * ("what is febrile neutropenia?") or hypothetical ("what if I get a fever?") mentions; when in
 * doubt they fire. Out-of-scope requests are dosing, starting/stopping/changing treatment, and
 * diagnosis; the first one asked is reported.
 */
export function screenQuestion(text: string): SafetyScreen {
  const sentences = splitSentences(normalizeText(text)).map(describeSentence);
  const matched = redFlags(sentences);
  const kind = outOfScopeKind(sentences);
  return {
    urgent: matched.length > 0 ? { message: URGENT_MESSAGE, matched } : null,
    outOfScope: kind ? { kind, message: OUT_OF_SCOPE_MESSAGES[kind] } : null,
  };
}
