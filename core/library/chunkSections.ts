import type { ParsedSection } from './import/types';

/** A piece of one section, the unit retrieval finds and answers cite. */
export interface Chunk {
  /** Index into the document's sections. */
  sectionIndex: number;
  /** "Treatment › Surgery": the headings from the top of the document to this section. */
  sectionPath: string;
  text: string;
  page: number | null;
  externalId: string | null;
}

export interface ChunkOptions {
  /** Words a chunk aims for. Default 300. */
  targetWords?: number;
  /** A chunk never grows past this many words (a longer sentence is cut). Default 400. */
  maxWords?: number;
  /** Words of the previous chunk repeated at the start of the next, within a section. Default 40. */
  overlapWords?: number;
}

const SENTENCE_END = /(?<=[.!?])\s+(?=[A-Z0-9"'(])/;

/**
 * Splits sections into chunks of about 200-400 words. A chunk never crosses a section (so it has
 * one heading path and one external id) and starts on a sentence; consecutive chunks of one
 * section share a small overlap so a fact on the boundary is whole in at least one of them.
 */
export function chunkSections(sections: readonly ParsedSection[], options: ChunkOptions = {}): Chunk[] {
  const target = options.targetWords ?? 300;
  const max = options.maxWords ?? 400;
  const overlap = options.overlapWords ?? 40;
  const paths = sectionPaths(sections);
  const chunks: Chunk[] = [];

  sections.forEach((section, sectionIndex) => {
    const sentences = section.paragraphs.flatMap((paragraph) =>
      splitSentences(paragraph.text, max).map((text, i) => ({ text, page: paragraph.page ?? null, paragraphStart: i === 0 })),
    );
    let current: typeof sentences = [];
    let words = 0;
    const flush = () => {
      if (current.length === 0) return;
      chunks.push({
        sectionIndex,
        sectionPath: paths[sectionIndex] ?? '',
        text: joinSentences(current),
        page: current[0]?.page ?? null,
        externalId: section.externalId ?? null,
      });
    };
    for (const sentence of sentences) {
      const size = countWords(sentence.text);
      if (words > 0 && words + size > target && (words >= target * 0.66 || words + size > max)) {
        flush();
        const tail = takeTail(current, overlap);
        current = tail;
        words = tail.reduce((n, s) => n + countWords(s.text), 0);
      }
      current.push(sentence);
      words += size;
    }
    flush();
  });
  return chunks;
}

/** "Melanoma › Treatment › Surgery" for each section, from the heading levels. */
export function sectionPaths(sections: readonly ParsedSection[]): string[] {
  const stack: { level: number; heading: string }[] = [];
  return sections.map((section) => {
    if (!section.heading) return stack.map((s) => s.heading).join(' › ');
    while (stack.length > 0 && (stack.at(-1)?.level ?? 0) >= section.level) stack.pop();
    stack.push({ level: section.level, heading: section.heading });
    return stack.map((s) => s.heading).join(' › ');
  });
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** The sentences of a text (lines and bullet items count as sentences too). */
export function sentencesOf(text: string): string[] {
  return text.split('\n').flatMap((line) => splitSentences(line, Number.POSITIVE_INFINITY));
}

function splitSentences(text: string, maxWords: number): string[] {
  return text
    .split(SENTENCE_END)
    .map((sentence) => sentence.trim())
    .filter(Boolean)
    .flatMap((sentence) => {
      const words = sentence.split(/\s+/);
      if (words.length <= maxWords) return [sentence];
      const pieces: string[] = [];
      for (let i = 0; i < words.length; i += maxWords) pieces.push(words.slice(i, i + maxWords).join(' '));
      return pieces;
    });
}

function takeTail<T extends { text: string }>(sentences: T[], overlapWords: number): T[] {
  const tail: T[] = [];
  let words = 0;
  for (let i = sentences.length - 1; i > 0 && words < overlapWords; i -= 1) {
    const sentence = sentences[i]!;
    const size = countWords(sentence.text);
    if (words + size > overlapWords * 1.5) break;
    tail.unshift(sentence);
    words += size;
  }
  return tail;
}

function joinSentences(sentences: { text: string; paragraphStart: boolean }[]): string {
  return sentences.map((s, i) => (i > 0 && s.paragraphStart ? `\n${s.text}` : s.text)).join(' ').replace(/ \n/g, '\n');
}
