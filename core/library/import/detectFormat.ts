import { decodeText } from './decodeText';
import { ImportRejected } from './types';
import type { DocumentFormat } from './types';

const BY_EXTENSION: Readonly<Record<string, DocumentFormat>> = {
  pdf: 'pdf',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  md: 'markdown',
  markdown: 'markdown',
  txt: 'text',
  text: 'text',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
};

const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ASCII_WHITESPACE: ReadonlySet<number> = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]);
/** How much of an unnamed file is decoded to sniff it. */
const SNIFF_BYTES = 64 * 1024;
/** How many lines must be JSON objects for a file to count as JSONL. */
const JSONL_SNIFF_LINES = 5;
const HTML_START = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html)[\s>]/i;

/**
 * The format to parse a file as, from its extension cross-checked with its content:
 * - content that starts like a PDF (`%PDF-`) is a PDF whatever its name;
 * - otherwise a known extension decides (.pdf, .html/.htm, .md/.markdown, .txt/.text,
 *   .jsonl/.ndjson), so a broken file reaches the parser that explains what is wrong with it;
 * - without one the content decides: HTML, JSON objects line by line, or any other text.
 *
 * @returns null for an unknown extension on content that is not text.
 */
export function detectFormat(fileName: string, bytes: Uint8Array): DocumentFormat | null {
  if (isPdf(bytes)) return 'pdf';
  const known = BY_EXTENSION[extensionOf(fileName)];
  if (known) return known;

  // An empty file goes to the text parser, which says so.
  if (bytes.every((byte) => ASCII_WHITESPACE.has(byte))) return 'text';
  let text: string;
  try {
    text = decodeText(bytes.subarray(0, SNIFF_BYTES)).text;
  } catch (error) {
    if (error instanceof ImportRejected) return null; // binary: no format of ours
    throw error;
  }
  if (HTML_START.test(text)) return 'html';
  if (looksLikeJsonl(text)) return 'jsonl';
  return 'text';
}

/** The lower-case extension without its dot; '' when the name has none. */
function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Starts with %PDF- (after any whitespace). */
function isPdf(bytes: Uint8Array): boolean {
  let start = 0;
  while (start < bytes.length && ASCII_WHITESPACE.has(bytes[start] ?? 0)) start += 1;
  return PDF_HEADER.every((byte, index) => bytes[start + index] === byte);
}

function looksLikeJsonl(text: string): boolean {
  // The last line of a sample may be cut short, so only whole lines before it are judged.
  const lines = text.split('\n').slice(0, -1).concat(text.includes('\n') ? [] : [text]);
  const sample = lines.filter((line) => line.trim() !== '').slice(0, JSONL_SNIFF_LINES);
  return sample.length > 0 && sample.every(isJsonObject);
}

function isJsonObject(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
