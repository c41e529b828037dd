import { parseClinicalDate } from './recordDate';
import type { XmlElement, XmlNode } from './safeXml';

/**
 * A C-CDA section's human-readable `<text>` (the CDA narrative block) as short pieces: each
 * paragraph (split at `<br/>`), list item, caption and table row. A row's cells are joined with
 * " | ", each prefixed by its column header when the table has one ("Test: BRAF | Result:
 * Detected"), so a row reads on its own as evidence. The narrative is what the clinician attested
 * to; the coded entries beside it repeat it for machines, so they are not read.
 */

export interface NarrativePiece {
  text: string;
  /** A table row's date, from its date column or a cell that is only a date. */
  date?: string;
}

/** Elements that start a new piece; everything else (content, sub, sup, linkHtml...) is inline. */
const BLOCKS: ReadonlySet<string> = new Set(['paragraph', 'list', 'table', 'caption', 'item']);
/** A column whose header says it holds dates. */
const DATE_HEADER = /date|time|when|collected|performed|started|onset/i;
/** A cell longer than this is not "only a date". */
const MAX_DATE_CELL = 32;

export function narrativePieces(text: XmlElement): NarrativePiece[] {
  const pieces: NarrativePiece[] = [];
  let inline = '';
  const flush = (): void => {
    pieces.push(...lines(inline).map((line) => ({ text: line })));
    inline = '';
  };
  for (const child of text.children) {
    if (typeof child === 'string' || !BLOCKS.has(child.name)) {
      inline += inlineText(child, '\n');
      continue;
    }
    flush();
    pieces.push(...blockPieces(child));
  }
  flush();
  return pieces;
}

function blockPieces(element: XmlElement): NarrativePiece[] {
  switch (element.name) {
    case 'paragraph':
    case 'caption':
      return lines(inlineText(element, '\n')).map((line) => ({ text: line }));
    case 'list':
      return element.children.filter(isElement).flatMap((child) => (child.name === 'caption' || child.name === 'item' ? narrativePieces(child) : []));
    case 'table':
      return tablePieces(element);
    default:
      return narrativePieces(element); // an item: its own text, then any lists or tables inside it
  }
}

// ---------------------------------------------------------------------------------------------
// Tables

function tablePieces(table: XmlElement): NarrativePiece[] {
  const pieces: NarrativePiece[] = [];
  let headers: string[] = [];
  let bodyRows = 0;
  for (const part of table.children.filter(isElement)) {
    if (part.name === 'caption') pieces.push(...blockPieces(part));
    const rows = part.name === 'tr' ? [part] : ['thead', 'tbody', 'tfoot'].includes(part.name) ? part.children.filter(isElement).filter((row) => row.name === 'tr') : [];
    for (const row of rows) {
      const cells = row.children.filter(isElement).filter((cell) => cell.name === 'td' || cell.name === 'th');
      const texts = cells.map((cell) => oneLine(inlineText(cell, ' ')));
      // The header row: in <thead>, or made only of <th> before the first body row.
      if (part.name === 'thead' || (bodyRows === 0 && cells.length > 0 && cells.every((cell) => cell.name === 'th'))) {
        headers = texts;
        continue;
      }
      bodyRows += 1;
      const piece = rowPiece(texts, headers);
      if (piece) pieces.push(piece);
    }
  }
  return pieces;
}

function rowPiece(cells: readonly string[], headers: readonly string[]): NarrativePiece | undefined {
  const labelled = cells.flatMap((cell, index) => {
    if (!cell) return [];
    const header = headers.length === cells.length ? headers[index] : undefined;
    return [header ? `${header}: ${cell}` : cell];
  });
  if (labelled.length === 0) return undefined;
  const date = rowDate(cells, headers);
  return { text: labelled.join(' | '), ...(date ? { date } : {}) };
}

/** The date in a date-headed column, else the first cell that is only a date. */
function rowDate(cells: readonly string[], headers: readonly string[]): string | undefined {
  const byHeader = cells.map((cell, index) => (DATE_HEADER.test(headers[index] ?? '') ? parseClinicalDate(cell) : undefined)).find(Boolean);
  return byHeader ?? cells.map((cell) => (cell.length <= MAX_DATE_CELL ? parseClinicalDate(cell) : undefined)).find(Boolean);
}

// ---------------------------------------------------------------------------------------------
// Text

/**
 * The text of a node and everything inside it, with `<br/>` as `lineBreak`. Blocks nested inside
 * inline content (a paragraph in a table cell) are kept apart by a space. Content marked as
 * deleted by a revision (`revised="delete"`) is not the record's text any more.
 */
function inlineText(node: XmlNode, lineBreak: string): string {
  if (typeof node === 'string') return node;
  if (node.name === 'br') return lineBreak;
  if (node.attributes.revised === 'delete') return '';
  const inner = node.children.map((child) => inlineText(child, lineBreak)).join('');
  return BLOCKS.has(node.name) || node.name === 'td' || node.name === 'th' ? ` ${inner} ` : inner;
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map(oneLine)
    .filter((line) => line !== '');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== 'string';
}
