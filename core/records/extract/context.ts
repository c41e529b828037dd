import type { Span } from './spans';
import { clauseAt } from './spans';

/**
 * Whose fact and which time: a mention can be about a relative ("mother had breast cancer"), a
 * test not yet resulted ("BRAF sent"), or a plan ("will start pembrolizumab"). None of those is a
 * fact about this patient's disease or history, so extractors ask here before they keep a mention.
 */

const RELATIVE =
  /\b(?:mother|father|mom|dad|sister|brother|sibling|siblings|aunt|uncle|cousin|grand(?:mother|father|parent|parents)|daughter|son|niece|nephew|maternal|paternal|parents?|relatives?|family members?|twin)\b/i;

/** True when the section or line label is a family history, or a relative is named in the clause before the mention. */
export function isFamilyContext(span: Span, index: number): boolean {
  if (/\bfamily\b|\bfh\b|\bfamily hx\b/.test(span.heading ?? '') || /\bfamily\b|\bfh\b/.test(span.label ?? '')) return true;
  if (span.label && RELATIVE.test(span.label)) return true;
  const [start] = clauseAt(span.text, index);
  const before = span.text.slice(start, index);
  if (/\bfamily (?:history|hx)\b|\bfamilial\b|\bFHx?\b/i.test(span.text.slice(0, index))) return true;
  return RELATIVE.test(before);
}

/** A result not in yet: the test is pending, sent, ordered or to be done. */
export const PENDING =
  /\b(?:pending|sent(?: out)?(?: for)?|send(?:ing)? out|ordered|requested|awaiting|awaited|to follow|in progress|not (?:assessed|evaluated)|will (?:also |then |now )?(?:be )?(?:send|sent|test(?:ed)?|order(?:ed)?|obtain(?:ed)?|check(?:ed)?|perform(?:ed)?|request(?:ed)?)|to be (?:sent|performed|tested|done|obtained)|not (?:yet )?(?:performed|done|tested|available|resulted)|recommend(?:ed)? (?:testing|sending)|consider(?:ing)? (?:testing|sending))\b/i;

/** Words that make a treatment or test a plan, an option or a refusal rather than something that happened. */
export const PLANNED =
  /\b(?:will|would|could|should|might|plan(?:s|ned|ning)?(?: to| for)?|recommend(?:s|ed|ation|ations)?|consider(?:s|ed|ing|ation)?|candidate for|eligible for|eligibility|discuss(?:ed|ion|ing)?|offer(?:ed)?|options?|(?:to |will |please )schedule|schedul(?:ed|ing)|to (?:start|begin|initiate|receive|undergo|proceed)|if|pending|refer(?:ral|red)?(?: to| for)?|propos(?:e|ed)|anticipate[ds]?|versus|vs\.?|prior auth(?:orization)?|contraindicated|not a (?:good )?candidate|would benefit|benefit from|potential|possible|future|upcoming|next step|alternatives?|in reserve|reserved?|second[-\s]line option|predict\w*|respond to|e\.g|such as|for example|not (?:indicated|recommended|offered|pursued|chosen)|prefer(?:s|red)?|clearance|follow[-\s]?up)\b/i;

/** Plans no "today" or "continue" in the same clause can undo: options, conditions, refusals. */
const STRONGLY_PLANNED =
  /\b(?:if|would|could|might|consider(?:s|ed|ing|ation)?|alternatives?|options?|discuss(?:ed|ion|ing)?|not a (?:good )?candidate|in reserve|reserved?|versus|vs\.?|recommend(?:s|ed|ation|ations)?|eligib\w*|candidate for|potential|possible|future|planned|to start|predict\w*|e\.g|such as|for example|not (?:indicated|recommended|offered|pursued|chosen)|prefer(?:s|red)?)\b/i;

/** Conditional instructions: "stop cisplatin for worsening hearing", "reduce oxaliplatin if grade 2". */
const CONDITIONAL_INSTRUCTION = /\b(?:stop|hold|reduce|discontinue|resume|switch)\b[^;,.]*\b(?:for|if|when|until|unless)\b/i;

/** Words that say the treatment is happening or happened, even inside a plan ("continue letrozole", "cycle 1 given today"). */
export const ONGOING =
  /(?<!\b(?:will|to|would|could|should|plans? to|planned to|planning to|then)(?: be)? )\b(?:continu(?:e|es|ed|ing)|currently (?:on|receiving|taking)|remains? on|on (?:cycle|day|week)|tolerating|status post|s\/p|started|began|initiated|received|receiving|completed|completing|underwent|treated with|cycle \d+|c\d+d\d+|day \d+ of|(?:was|were) given|given (?:today|on)|first doses? (?:taken|given)|first dose today|administered|on treatment with|proceed with)\b/i;

/** The clause of the span around `index`. */
export function clauseText(span: Span, index: number): string {
  const [start, end] = clauseAt(span.text, index);
  return span.text.slice(start, end);
}

/** Refusal words reach only the treatment they stand next to: "carboplatin/pemetrexed x 4 cycles, declined maintenance pemetrexed". */
const REFUSAL = /\b(?:declin(?:e|ed|es|ing)|refus(?:e|ed|es|ing)|defer(?:red|s)?|opted against|did not want)\b/i;

/** A refusal before the mention in its comma-delimited part of the clause, or right after it ("docetaxel declined"). */
function isRefused(span: Span, index: number): boolean {
  const [start, end] = clauseAt(span.text, index);
  const before = span.text.slice(start, index);
  const part = before.slice(before.lastIndexOf(',') + 1);
  const after = span.text.slice(index, end).replace(/^[\w-]+/, '');
  return REFUSAL.test(part) || /^\s*(?:[\w-]+\s+){0,2}?(?:was |were )?(?:declin|refus|defer)\w*/i.test(after);
}

/** Sections whose content is a plan, not a history. */
export function isPlanSection(span: Span): boolean {
  const places = [span.heading ?? '', span.label ?? ''];
  return places.some((place) => /^(?:plan|plan\s*\/\s*follow[-\s]?up|follow[-\s]?up(?: plan)?|recommendations?|treatment plan|next steps?|discussion|options|disposition|discharge instructions)$/.test(place));
}

/**
 * True when the mention is a plan, option or refusal rather than a fact: the clause says so
 * ("would consider", "options reviewed", "declined"), or the mention sits in a plan section and
 * nothing in its list item says it is under way ("Cycle 1 day 1 given today").
 */
export function isPlannedMention(span: Span, index: number): boolean {
  const clause = clauseText(span, index);
  if (isRefused(span, index)) return true;
  if (STRONGLY_PLANNED.test(clause) || CONDITIONAL_INSTRUCTION.test(clause)) return true;
  if (ONGOING.test(clause)) return false;
  // "may" only in lower case: "May 3, 2026" is a date.
  if (PLANNED.test(clause) || /\bmay (?!\d)/.test(clause)) return true;
  return isPlanSection(span) && !ONGOING.test(span.line);
}

/** Speculation or workup: "rule out", "suspicious for", "concern for", "differential includes". */
export const SPECULATIVE =
  /\b(?:rule out|r\/o|suspicious for|suspect(?:ed)?|concern(?:ing)? for|concerning for|question of|questionable|possible|possibly|probable|probably|differential|versus|vs\.?|cannot be excluded|may represent|could represent|worrisome for|to evaluate for|evaluate for|screening|risk of|at risk|risk for)\b/i;
