import { decodeText } from './decodeText';
import { titleFromFileName } from './fileTitle';
import { SectionBuilder } from './sectionBuilder';
import type { ParseOptions, ParsedDocument } from './types';

/** A heading is one short line: at most this many characters and words. */
const MAX_HEADING_CHARS = 80;
const MAX_HEADING_WORDS = 12;
/** A block with a line longer than this is not hard-wrapped: each of its lines is a paragraph. */
const HARD_WRAP_WIDTH = 100;

/** An underline that makes the line above a heading: ===== (level 1) or ----- (level 2). */
const UNDERLINE = /^\s*(={3,}|-{3,})\s*$/;
/** A list item's start; unordered markers are dropped, numbers kept. */
const BULLET = /^\s*(?:[-*•·–]\s+|\d{1,3}[.)]\s+)/;
const UNORDERED_MARKER = /^\s*[-*•·–]\s+/;
/** A numbered heading ("2 Staging", "2.3 Stage III"): the number's depth sets the level. */
const NUMBERED = /^(\d{1,2}(?:\.\d{1,2})*)\.?\s+\S/;
/** Sentences end like this; headings do not (a question mark is allowed: "What is melanoma?"). */
const SENTENCE_END = /[.,;:!]$/;
/** Words Title Case leaves in lower case. */
const MINOR_WORDS = new Set([
  'a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'into', 'nor', 'of', 'on', 'or',
  'per', 'the', 'to', 'vs', 'vs.', 'via', 'with', 'without', 'versus',
]);

/**
 * Parses a plain text file. Paragraphs are separated by blank lines (hard-wrapped lines are
 * joined; blocks of long lines give one paragraph per line; list items one each). Headings are
 * guessed: a line underlined with === or ---, or a short line in Title Case or ALL CAPS with no
 * closing period and a blank line after it. The first line is the title when it looks like one,
 * else the file name is.
 *
 * @throws ImportRejected when the bytes are not text or the file is empty.
 */
export function parseText(bytes: Uint8Array, options: ParseOptions): ParsedDocument {
  const { text } = decodeText(bytes);
  const blocks = splitBlocks(text);
  const sections = new SectionBuilder();
  const levels = new HeadingLevels();
  let title: string | undefined;

  blocks.forEach((block, index) => {
    let lines = block;
    const [first = '', second = ''] = lines;
    if (index === 0 && looksLikeHeading(first) && !UNDERLINE.test(second)) {
      // The first line names the document even when text follows it directly.
      title = first.trim();
      sections.heading(title, 1);
      levels.hasTitle = true;
      lines = lines.slice(1);
    } else if (lines.length >= 2 && UNDERLINE.test(second) && isShort(first)) {
      const level = second.trim().startsWith('=') ? 1 : 2;
      if (index === 0 && level === 1) {
        title = first.trim();
        levels.hasTitle = true;
      }
      sections.heading(first, level);
      lines = lines.slice(2);
    } else if (lines.length === 1 && index < blocks.length - 1 && looksLikeHeading(first)) {
      sections.heading(first, levels.of(first));
      lines = [];
    }
    for (const paragraph of paragraphs(lines)) sections.paragraph(paragraph);
  });

  return { title: title ?? titleFromFileName(options.fileName), format: 'text', sections: sections.build() };
}

/** The text's blocks (runs of non-blank lines), each a list of lines. */
function splitBlocks(text: string): string[][] {
  return text
    .split(/\n[ \t]*\n/)
    .map((block) => block.split('\n').filter((line) => line.trim() !== ''))
    .filter((block) => block.length > 0);
}

/** A block's paragraphs: list items one each, long lines one each, hard-wrapped lines joined. */
function paragraphs(lines: string[]): string[] {
  const unwrapped = lines.some((line) => line.length > HARD_WRAP_WIDTH);
  const result: string[] = [];
  for (const line of lines) {
    const startsItem = BULLET.test(line);
    const last = result.length - 1;
    if (result.length === 0 || startsItem || unwrapped) result.push(line.replace(UNORDERED_MARKER, ''));
    else result[last] = `${result[last] ?? ''} ${line}`;
  }
  return result;
}

function isShort(line: string): boolean {
  const text = line.trim();
  return text.length > 0 && text.length <= MAX_HEADING_CHARS && text.split(/\s+/).length <= MAX_HEADING_WORDS;
}

/** A short line in Title Case or ALL CAPS that does not end like a sentence and is not a list item. */
function looksLikeHeading(line: string): boolean {
  const text = line.trim();
  if (!isShort(text) || SENTENCE_END.test(text) || UNORDERED_MARKER.test(text) || !/\p{L}/u.test(text)) return false;
  return isAllCaps(text) || isTitleCase(text);
}

function isAllCaps(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

function isTitleCase(text: string): boolean {
  const words = text
    .replace(NUMBERED, (match) => match.slice(-1)) // "2.3 Stage III" is judged on "Stage III"
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+/u, ''))
    .filter((word) => word !== '');
  return words.every((word, index) => {
    const initial = word.charAt(0);
    if (/\p{N}/u.test(initial) || initial !== initial.toLowerCase()) return true;
    return index > 0 && MINOR_WORDS.has(word.toLowerCase());
  });
}

/** Levels for guessed headings: below the title, ALL CAPS above Title Case, numbers by depth. */
class HeadingLevels {
  hasTitle = false;
  private seenAllCaps = false;

  of(heading: string): number {
    const base = this.hasTitle ? 2 : 1;
    const numbered = NUMBERED.exec(heading.trim());
    if (numbered) return base + (numbered[1] ?? '').split('.').length - 1;
    if (isAllCaps(heading)) {
      this.seenAllCaps = true;
      return base;
    }
    return this.seenAllCaps ? base + 1 : base;
  }
}
