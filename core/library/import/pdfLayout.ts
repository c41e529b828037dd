import type { ParsedSection } from './types';

/**
 * Turns positioned text (from a PDF's text layer or from OCR) into sections: lines are built
 * from runs, running headers and footers are dropped, headings are found from font size and
 * weight relative to the body text, and body lines are grouped into paragraphs by vertical gaps.
 * Pure functions: nothing here knows pdf.js or tesseract.
 */

/** Where a page's text came from. OCR sizes are estimates, so OCR headings need a bigger jump. */
export type TextSource = 'text' | 'ocr';

/** A piece of text on one baseline, in points; `baseline` is measured down from the page top. */
export interface TextRun {
  text: string;
  x: number;
  baseline: number;
  width: number;
  /** Font size (em height) in points. */
  size: number;
  bold: boolean;
}

/** One page's runs in content order. */
export interface LayoutPage {
  /** 1-based page number. */
  page: number;
  /** Page height in points (for telling headers and footers apart from body text). */
  height: number;
  source: TextSource;
  runs: TextRun[];
}

/** A line of text: runs sharing a baseline, joined. */
interface Line {
  page: number;
  pageHeight: number;
  source: TextSource;
  text: string;
  x: number;
  baseline: number;
  /** The size most of the line's characters have. */
  size: number;
  /** True when (nearly) all of the line's characters are bold. */
  bold: boolean;
}

/** A heading style: size relative to the body text (rounded) and weight. */
interface HeadingRank {
  relativeSize: number;
  bold: boolean;
  source: TextSource;
}

interface Block {
  lines: Line[];
  /** The heading style its lines share, or undefined for body text. */
  rank: HeadingRank | undefined;
}

/** What the body text of one source looks like. */
interface BodyStyle {
  size: number;
  /** Usual baseline distance between lines of a paragraph, as a multiple of the font size. */
  leading: number;
}

/** A line this much larger than the body text is a heading (OCR size estimates are noisier). */
const LARGE_HEADING_RATIO: Record<TextSource, number> = { text: 1.15, ocr: 1.3 };
/** OCR heading sizes within this share of each other are one level. */
const OCR_SIZE_TOLERANCE = 0.1;
/** Bold-only headings must be at least about body size (smaller bold text is fine print). */
const MIN_BOLD_HEADING_RATIO = 0.95;
/** Share of a line's characters that must be bold for the line to count as bold. */
const BOLD_LINE_SHARE = 0.9;
/** Longest text a heading may have: bold body-size headings, and larger ones. */
const MAX_BOLD_HEADING_CHARS = 100;
const MAX_LARGE_HEADING_CHARS = 200;
const MAX_HEADING_LINES = 3;
/** A gap this much above the usual leading starts a new paragraph. */
const PARAGRAPH_GAP_FACTOR = 1.3;
const DEFAULT_LEADING = 1.2;
/** Top and bottom share of the page where running headers and footers live. */
const MARGIN_ZONE = 0.1;

/** Sections in reading order from pages of positioned text. */
export function layoutSections(pages: readonly LayoutPage[]): ParsedSection[] {
  const lines = removeRunningLines(pages.map(pageLines)).flat();
  const body = bodyStyles(lines);
  const blocks = groupBlocks(lines, body);
  return toSections(blocks);
}

// ---------------------------------------------------------------------------------------------
// Lines

function pageLines(page: LayoutPage): Line[] {
  const lines: Line[] = [];
  let current: TextRun[] = [];
  for (const run of page.runs) {
    const last = current.at(-1);
    if (last && !sameLine(last, run)) {
      lines.push(toLine(page, current));
      current = [];
    }
    current.push(run);
  }
  if (current.length > 0) lines.push(toLine(page, current));
  return lines.filter((line) => line.text.length > 0);
}

/** Same baseline (within half the larger size) and not jumping back to the left. */
function sameLine(previous: TextRun, run: TextRun): boolean {
  const size = Math.max(previous.size, run.size);
  return Math.abs(previous.baseline - run.baseline) <= size * 0.5 && run.x >= previous.x + previous.width - size * 0.5;
}

function toLine(page: LayoutPage, runs: readonly TextRun[]): Line {
  let text = '';
  let end = Number.NEGATIVE_INFINITY;
  for (const run of runs) {
    // pdf.js often leaves out the spaces between words that were placed separately.
    const gap = run.x - end;
    if (text && gap > run.size * 0.15 && !/\s$/.test(text) && !/^\s/.test(run.text)) text += ' ';
    text += run.text;
    end = run.x + run.width;
  }
  const first = runs[0];
  return {
    page: page.page,
    pageHeight: page.height,
    source: page.source,
    text: text.replace(/\s+/g, ' ').trim(),
    x: first?.x ?? 0,
    baseline: first?.baseline ?? 0,
    size: dominantSize(runs),
    bold: boldShare(runs) >= BOLD_LINE_SHARE,
  };
}

/** The size carrying the most characters (so a footnote marker doesn't change a line's size). */
function dominantSize(runs: readonly TextRun[]): number {
  const weights = new Map<number, number>();
  for (const run of runs) weights.set(roundSize(run.size), (weights.get(roundSize(run.size)) ?? 0) + visibleLength(run.text));
  return mostWeighted(weights) ?? runs[0]?.size ?? 0;
}

function boldShare(runs: readonly TextRun[]): number {
  const total = runs.reduce((sum, run) => sum + visibleLength(run.text), 0);
  const bold = runs.reduce((sum, run) => sum + (run.bold ? visibleLength(run.text) : 0), 0);
  return total === 0 ? 0 : bold / total;
}

function visibleLength(text: string): number {
  return text.replace(/\s/g, '').length;
}

/** Sizes within a quarter point are the same size. */
function roundSize(size: number): number {
  return Math.round(size * 4) / 4;
}

function mostWeighted(weights: ReadonlyMap<number, number>): number | undefined {
  let best: number | undefined;
  let bestWeight = -1;
  for (const [value, weight] of weights) {
    if (weight > bestWeight) [best, bestWeight] = [value, weight];
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Running headers and footers

/**
 * Drops lines near the top or bottom edge whose letters repeat on at least half of
 * the pages, like "Page 3 of 40" or the guideline's name, and bare page numbers there.
 */
function removeRunningLines(pages: Line[][]): Line[][] {
  const pageCounts = new Map<string, Set<number>>();
  for (const line of pages.flat()) {
    const key = marginKey(line);
    if (key) pageCounts.set(key, (pageCounts.get(key) ?? new Set()).add(line.page));
  }
  const minPages = Math.max(2, Math.ceil(pages.length / 2));
  const isRunning = (line: Line): boolean => {
    const key = marginKey(line);
    if (!key) return false;
    return isPageNumber(line.text) || (pageCounts.get(key)?.size ?? 0) >= minPages;
  };
  return pages.map((lines) => lines.filter((line) => !isRunning(line)));
}

/** A key for lines in the top or bottom margin zone; undefined for lines elsewhere. */
function marginKey(line: Line): string | undefined {
  const zone = line.baseline < line.pageHeight * MARGIN_ZONE ? 'top' : line.baseline > line.pageHeight * (1 - MARGIN_ZONE) ? 'bottom' : undefined;
  // Letters only, with OCR's favourite slip (0 for o) undone: "Page 3 of 9" = "Page 30f 9".
  return zone && `${zone}:${line.text.toLowerCase().replace(/0/g, 'o').replace(/[^\p{L}]/gu, '')}`;
}

function isPageNumber(text: string): boolean {
  return /^(page\s*)?(\d{1,4}|[ivxlc]{1,7})(\s*(of|\/)\s*\d{1,4})?$/i.test(text.trim());
}

// ---------------------------------------------------------------------------------------------
// Body text

/** Body size (the size carrying the most characters) and usual leading, per source. */
function bodyStyles(lines: readonly Line[]): Record<TextSource, BodyStyle> {
  return { text: bodyStyle(lines.filter((l) => l.source === 'text')), ocr: bodyStyle(lines.filter((l) => l.source === 'ocr')) };
}

function bodyStyle(lines: readonly Line[]): BodyStyle {
  const weights = new Map<number, number>();
  for (const line of lines) weights.set(roundSize(line.size), (weights.get(roundSize(line.size)) ?? 0) + visibleLength(line.text));
  const size = mostWeighted(weights) ?? 10;
  return { size, leading: usualLeading(lines, size) };
}

/** The median baseline distance between consecutive body-size lines on a page, over the size. */
function usualLeading(lines: readonly Line[], size: number): number {
  const ratios: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const [previous, line] = [lines[i - 1], lines[i]];
    if (!previous || !line || previous.page !== line.page) continue;
    if (!similarSize(previous.size, size) || !similarSize(line.size, size)) continue;
    const ratio = (line.baseline - previous.baseline) / size;
    if (ratio > 0.8 && ratio < 2.5) ratios.push(ratio);
  }
  ratios.sort((a, b) => a - b);
  return ratios[Math.floor(ratios.length / 2)] ?? DEFAULT_LEADING;
}

function similarSize(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(a, b) * 0.1;
}

// ---------------------------------------------------------------------------------------------
// Blocks: headings and paragraphs

/** The heading style a line would have by its looks alone; undefined for body text. */
function headingRank(line: Line, body: BodyStyle): HeadingRank | undefined {
  if (!/\p{L}.*\p{L}/u.test(line.text)) return undefined;
  const relativeSize = line.size / body.size;
  const large = relativeSize >= LARGE_HEADING_RATIO[line.source];
  const boldHeading = line.bold && relativeSize >= MIN_BOLD_HEADING_RATIO;
  if (!large && !boldHeading) return undefined;
  return { relativeSize: Math.round(relativeSize * 20) / 20, bold: line.bold, source: line.source };
}

function sameRank(a: HeadingRank | undefined, b: HeadingRank | undefined): boolean {
  return a?.relativeSize === b?.relativeSize && a?.bold === b?.bold && a?.source === b?.source;
}

/** Groups lines into blocks of one style; heading candidates that are too long become body text. */
function groupBlocks(lines: readonly Line[], body: Record<TextSource, BodyStyle>): Block[] {
  const blocks: Block[] = [];
  for (const line of lines) {
    const rank = headingRank(line, body[line.source]);
    const block = blocks.at(-1);
    const previous = block?.lines.at(-1);
    if (block && previous && sameRank(block.rank, rank) && continuesBlock(block, previous, line, body[line.source])) {
      block.lines.push(line);
    } else {
      blocks.push({ lines: [line], rank });
    }
  }
  return blocks.map((block) => (block.rank && !isHeadingText(block) ? { ...block, rank: undefined } : block));
}

/** Whether `line` belongs to the same heading or paragraph as `previous`, the block's last line. */
function continuesBlock(block: Block, previous: Line, line: Line, body: BodyStyle): boolean {
  if (!similarSize(previous.size, line.size)) return false;
  if (startsListItem(line.text)) return false;
  const gap = line.baseline - previous.baseline;
  // A new page or column: a paragraph runs on when its sentence is unfinished; headings never do.
  if (line.page !== previous.page || gap <= 0) return !block.rank && !endsSentence(previous.text);
  if (gap > line.size * body.leading * PARAGRAPH_GAP_FACTOR + 0.5) return false;
  // An indented first line after a finished sentence starts a new paragraph.
  return !(line.x > previous.x + line.size && endsSentence(previous.text));
}

function startsListItem(text: string): boolean {
  return /^([•▪◦●■□–—*-]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s/u.test(text);
}

function endsSentence(text: string): boolean {
  return /[.!?:;]["'”’)\]]*$/u.test(text.trim());
}

/** A heading is short and, when only its weight marks it, doesn't read like a sentence. */
function isHeadingText(block: Block): boolean {
  const text = joinLines(block.lines);
  if (block.lines.length > MAX_HEADING_LINES) return false;
  if (block.rank && block.rank.relativeSize >= LARGE_HEADING_RATIO[block.lines[0]?.source ?? 'text']) {
    return text.length <= MAX_LARGE_HEADING_CHARS;
  }
  return text.length <= MAX_BOLD_HEADING_CHARS && !/[.,;]$/.test(text);
}

/** Joins lines with spaces, rejoining words hyphenated at a line end ("treat-" + "ment"). */
function joinLines(lines: readonly Line[]): string {
  let text = '';
  for (const line of lines) {
    if (/\p{Ll}[-\u00ad]$/u.test(text) && /^\p{Ll}/u.test(line.text)) text = text.slice(0, -1) + line.text;
    else text = text ? `${text} ${line.text}` : line.text;
  }
  return text.replace(/\u00ad/g, '');
}

// ---------------------------------------------------------------------------------------------
// Sections

/**
 * Heading levels by style: larger relative size first, bold before regular at equal size; at most
 * 6. OCR sizes wobble by a few percent, so OCR styles that close in size share a level.
 */
function headingLevels(blocks: readonly Block[]): (rank: HeadingRank) => number {
  const ranks: HeadingRank[] = [];
  for (const { rank } of blocks) {
    if (rank && !ranks.some((known) => sameRank(known, rank))) ranks.push(rank);
  }
  ranks.sort((a, b) => b.relativeSize - a.relativeSize || Number(b.bold) - Number(a.bold));
  const levels: number[] = [];
  let anchor: HeadingRank | undefined;
  let level = 0;
  for (const rank of ranks) {
    if (!anchor || !sameLevel(anchor, rank)) {
      anchor = rank;
      level += 1;
    }
    levels.push(Math.min(6, level));
  }
  return (rank) => levels[ranks.findIndex((known) => sameRank(known, rank))] ?? 6;
}

/** `rank` (no larger than `anchor`) is drawn like `anchor`, within OCR's measuring error. */
function sameLevel(anchor: HeadingRank, rank: HeadingRank): boolean {
  const tolerance = anchor.source === 'ocr' || rank.source === 'ocr' ? OCR_SIZE_TOLERANCE : 0;
  return anchor.bold === rank.bold && rank.relativeSize >= anchor.relativeSize * (1 - tolerance);
}

function toSections(blocks: readonly Block[]): ParsedSection[] {
  const levelOf = headingLevels(blocks);
  const sections: ParsedSection[] = [];
  for (const block of blocks) {
    if (block.rank) {
      sections.push({ heading: joinLines(block.lines), level: levelOf(block.rank), paragraphs: [] });
      continue;
    }
    let section = sections.at(-1);
    if (!section) {
      section = { heading: '', level: 0, paragraphs: [] };
      sections.push(section);
    }
    section.paragraphs.push({ text: joinLines(block.lines), page: block.lines[0]?.page ?? 1 });
  }
  return sections;
}
