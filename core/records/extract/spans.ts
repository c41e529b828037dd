import type { RecordText } from '../types';

/**
 * The record cut into sentences that each remember where they came from (segment, page, date) and
 * which heading they sit under. Every extractor reads these spans, so "which section is this in?"
 * and "where does this clause end?" are answered once, the same way for every field.
 */
export interface Span {
  /** One sentence (or one short line), trimmed. */
  text: string;
  /** Index of the segment the sentence starts in. */
  segment: number;
  page?: number;
  /** The segment's own date (a FHIR resource's effective date, a dated note). */
  date?: string;
  locator?: string;
  /** The heading in effect, lower case: the last heading-only line above ("final diagnosis", "family history"). */
  heading?: string;
  /** The label that opens the line, lower case ("diagnosis" in "Diagnosis: melanoma", "mother" in "Mother: breast cancer"). */
  label?: string;
  /** The item heading in effect under the section heading: a line ending in a colon ("A. LYMPH NODE, STATION 7, EBUS-TBNA:"), lower case. */
  subheading?: string;
  /** The whole line (hard wraps joined) the sentence is part of: a list item's other sentences. */
  line: string;
  /** Document order, for "first mention" and "latest statement" tie-breaks. */
  order: number;
}

/**
 * Words that make an ALL-CAPS line with no colon a heading rather than content. Pathology reports
 * often shout the diagnosis itself ("MALIGNANT MELANOMA, SUPERFICIAL SPREADING TYPE"), so capitals
 * alone are not enough.
 */
const HEADING_WORDS =
  /^(?:final |pathologic(?:al)? |clinical |primary |principal |working |discharge |admission )?(?:diagnos[ie]s|impression|assessment(?: and plan)?|assessment\/plan|a\/p|plan|history of present illness|hpi|past medical history|pmh|past surgical history|psh|family history|social history|medications?|current medications|allergies|review of systems|ros|physical exam(?:ination)?|exam|labs?|laboratory(?: results| data)?|imaging|radiology|pathology|molecular(?: testing| results| profile| pathology| studies)?|biomarkers?(?: results)?|genomic(?:s| testing| results)?|gross description|microscopic description|clinical history|clinical information|comments?|addendum|synoptic report|oncologic history|oncology history|treatment history|cancer history|problem list|problems|active problems|procedures?|results|staging|vital signs|interval history|subjective|objective|findings|specimens?|summary|recommendations?|follow[- ]up|hospital course|surgical history|chief complaint|reason for (?:visit|referral)|history)$/i;

const MAX_HEADING_WORDS = 7;

function normalizeHeading(text: string): string {
  return text
    .replace(/^#+\s*/, '')
    .replace(/[:\s]+$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A line that only names a section ("FINAL DIAGNOSIS:", "Family History:", "## Plan", "ASSESSMENT"). */
export function headingOf(line: string): string | undefined {
  const trimmed = line.trim();
  if (!trimmed || trimmed.length > 120) return undefined;
  const markdown = /^#{1,6}\s+(.+)$/.exec(trimmed);
  if (markdown?.[1]) return normalizeHeading(markdown[1]);
  // No commas: "LYMPH NODE, LEFT CERVICAL, EXCISIONAL BIOPSY:" names a specimen within a section, not a section.
  const colon = /^([A-Za-z][A-Za-z0-9 &/()'-]*?)\s*:$/.exec(trimmed);
  if (colon?.[1] && colon[1].split(/\s+/).length <= MAX_HEADING_WORDS) return normalizeHeading(colon[1]);
  // "PATIENT COMMENTS (entered by the patient on the portal):", "SYNOPTIC REPORT (CAP Protocol ...):"
  const capsWithNote = /^([A-Z][A-Z&/ -]{2,40}?)\s*\([^)]*\)\s*:$/.exec(trimmed);
  if (capsWithNote?.[1]) return normalizeHeading(capsWithNote[1]);
  if (trimmed.length <= 70 && /^[A-Z][A-Z0-9 &/,()'-]+$/.test(trimmed) && HEADING_WORDS.test(normalizeHeading(trimmed))) return normalizeHeading(trimmed);
  return undefined;
}

/** The label opening a line ("Diagnosis: ...", "ECOG PS: 1"), lower case, when the line has one. */
export function labelOf(line: string): string | undefined {
  const match = /^\s*(?:[-*•]\s*)?([A-Za-z][A-Za-z0-9 ./&()'#-]{0,48}?)\s*[:|]\s*\S/.exec(line);
  return match?.[1] ? normalizeHeading(match[1]) : undefined;
}

/** Abbreviations whose full stop does not end a sentence. */
const NO_BREAK_BEFORE = /(?:\b(?:dr|mr|mrs|ms|vs|approx|ed|no|nos|fig|st|jr|sr|inc|etc|e\.g|i\.e|al|pt|pts|hx|dx|tx|yr|yrs|mo|wk|wks|min|max|cf|u\.s|a\.m|p\.m|ca|ph|neg|pos|incl|approx)\.)$/i;

/** Splits one line into sentences, keeping full stops inside abbreviations, decimals and dates. */
export function sentencesOfLine(line: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  const breaks = /[.!?](?=\s+["'(]?[A-Z0-9])/g;
  for (const match of line.matchAll(breaks)) {
    const end = match.index + 1;
    if (NO_BREAK_BEFORE.test(line.slice(Math.max(0, end - 8), end))) continue;
    // Dotted leaders ("Distant metastasis (pM) .. Not applicable") join a label to its value.
    if (line.charAt(match.index - 1) === '.') continue;
    const sentence = line.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = end;
  }
  const rest = line.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

interface Line {
  text: string;
  segment: number;
  /** The last physical line joined in: whether it was wrapped depends on its own length, not the joined sentence's. */
  last: string;
}

/**
 * Lines in document order, with hard-wrapped sentences joined back together: a line that does not
 * end a sentence, followed by one that starts in lower case, is the same sentence (typed reports
 * and OCR wrap at a fixed width). Joins stay within a page.
 */
function linesOf(record: RecordText): Line[] {
  const lines: Line[] = [];
  record.segments.forEach((segment, index) => {
    for (const raw of segment.text.split(/\r?\n/)) {
      const text = raw.replace(/\s+/g, ' ').trim();
      if (!text) continue;
      const previous = lines.at(-1);
      const previousSegment = previous ? record.segments[previous.segment] : undefined;
      if (
        previous &&
        previousSegment?.page === segment.page &&
        previousSegment?.locator === segment.locator &&
        continuesPrevious(previous.text, text, previous.last)
      ) {
        previous.text = `${previous.text} ${text}`;
        previous.last = text;
        continue;
      }
      lines.push({ text, segment: index, last: text });
    }
  });
  return lines;
}

/**
 * Whether `next` carries on the sentence `previous` left open: the previous line does not end a
 * sentence or a label, and either the next line starts in lower case or with a bracket, the
 * previous one breaks off after a comma or a small joining word ("... axillary or" / "inguinal
 * ..."), or the previous line is long enough to have been wrapped and the next does not open a
 * list item or a labelled line of its own.
 */
function continuesPrevious(previous: string, next: string, lastLine = previous): boolean {
  if (/[.:;!?]$/.test(previous) || headingOf(previous)) return false;
  if (/^[a-z(]/.test(next)) return true;
  // A list item, a checkbox ("[x] Tumor site ... Right lobe"), a labelled line or a row with dotted leaders ("pN ..... pN1a") opens its own line.
  const opensItem = /^(?:[-*•|~]|\[[ xX✓]?\]|\d+[.)]\s|[A-Z]\.\s|[A-Z][\w /()#&,.'-]{0,40}:(?:\s|$))|\S\s*\.{4,}\s*\S/.test(next);
  if (opensItem) return false;
  return /(?:[,&/+-]|\b(?:and|or|with|of|to|the|in|for|at|by|on|from|plus|a|an|than|after|before|including|without|per|was|were|is|are|not|no))$/i.test(previous) || lastLine.length >= WRAP_WIDTH;
}

/** A line at least this long that stops mid-sentence was most likely wrapped by the record's width. */
const WRAP_WIDTH = 60;

/** A locator such as "FamilyMemberHistory/3" or "Problems" stands in for a heading in structured records. */
function locatorHeading(locator: string | undefined): string | undefined {
  if (!locator) return undefined;
  const head = locator.split(/[/#:]/)[0] ?? '';
  return head
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase() || undefined;
}

/** Sections written by the patient or someone else, not the clinician: their words are not the record's findings. */
const NOT_CLINICAL_HEADING = /\bpatient[-\s](?:comments?|entered|reported|questionnaire|statements?|messages?|notes?)\b|\bquestionnaire\b|\bportal messages?\b/;

/** A quoted stretch longer than this many lines is more likely a stray quote mark than a quotation. */
const MAX_QUOTED_LINES = 15;

const QUOTE_OPEN = /["“]/;

/**
 * Every sentence of the record, in order, with its page, date, heading and line label.
 * Quotations ("the patient wrote: ...") and sections the patient entered are left out: they are
 * someone's words, not the record's findings, and an instruction hidden there must not become a
 * field.
 */
export function spansOf(record: RecordText): Span[] {
  const spans: Span[] = [];
  let heading: string | undefined;
  let subheading: string | undefined;
  let headingSegmentLocator: string | undefined;
  let inQuote = false;
  let quotedLines = 0;
  for (const line of linesOf(record)) {
    const segment = record.segments[line.segment];
    if (!segment) continue;
    const ownHeading = headingOf(line.text);
    if (ownHeading) {
      heading = ownHeading;
      subheading = undefined;
      headingSegmentLocator = segment.locator;
      inQuote = false;
      continue;
    }
    // A structured record's sections do not share headings across resources.
    if (segment.locator !== headingSegmentLocator && segment.locator !== undefined) heading = undefined;
    if (heading && NOT_CLINICAL_HEADING.test(heading)) continue;
    // "Right breast, mastectomy:" heads the lines below it and is itself a statement (the procedure).
    const opensItem = /:$/.test(line.text) && line.text.length <= 120;
    if (opensItem) subheading = undefined;
    quotedLines = inQuote ? quotedLines + 1 : 0;
    if (quotedLines > MAX_QUOTED_LINES) inQuote = false;
    const label = labelOf(line.text);
    const sectionHeading = heading ?? locatorHeading(segment.locator);
    for (const text of sentencesOfLine(line.text)) {
      const quoted = inQuote || QUOTE_OPEN.test(text.charAt(0));
      inQuote = quoteStateAfter(text, inQuote);
      if (quoted) continue;
      spans.push({
        text,
        line: line.text,
        segment: line.segment,
        ...(segment.page !== undefined ? { page: segment.page } : {}),
        ...(segment.date ? { date: segment.date } : {}),
        ...(segment.locator ? { locator: segment.locator } : {}),
        ...(sectionHeading ? { heading: sectionHeading } : {}),
        ...(subheading ? { subheading } : {}),
        ...(label ? { label } : {}),
        order: spans.length,
      });
    }
    if (opensItem) subheading = normalizeHeading(line.text);
  }
  return spans;
}

/** Whether a quotation is still open after `text`: straight quotes toggle, curly quotes open and close. */
function quoteStateAfter(text: string, open: boolean): boolean {
  let state = open;
  for (const char of text) {
    if (char === '"') state = !state;
    else if (char === '“') state = true;
    else if (char === '”') state = false;
  }
  return state;
}

/** Words and marks that end a clause: what a negation or a status before them says nothing about what follows. */
const CLAUSE_BREAK = /;|\s+(?:but|however|although|though|except|whereas|apart from|aside from|which|who)\b/gi;

/** [start, end) of the clause of `text` that contains `index`. */
export function clauseAt(text: string, index: number): [number, number] {
  let start = 0;
  let end = text.length;
  for (const match of text.matchAll(CLAUSE_BREAK)) {
    if (match.index + match[0].length <= index) start = match.index + match[0].length;
    else if (match.index >= index) {
      end = match.index;
      break;
    }
  }
  return [start, end];
}

const EVIDENCE_MAX = 200;

/**
 * The evidence text for a span: the whole sentence when it is short, else a window around the
 * words that matter, cut at word boundaries.
 */
export function evidenceText(text: string, focus = 0): string {
  if (text.length <= EVIDENCE_MAX) return text;
  let start = Math.max(0, focus - 80);
  let end = Math.min(text.length, start + EVIDENCE_MAX);
  start = Math.max(0, end - EVIDENCE_MAX);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}
