import { titleFromFileName } from './fileTitle';
import type { ParsedSection } from './types';

/**
 * Document metadata from a PDF's information dictionary and first page: title, publisher,
 * edition, and the raw info entries kept for `extra`.
 */

/** The PDF info entries that are strings (Title, Author, Subject, Keywords, Creator, Producer, dates...). */
export type PdfInfo = Record<string, string>;

/** The string-valued, non-empty entries of pdf.js's `info` object, plus its `Custom` entries. */
export function pdfInfoStrings(info: unknown): PdfInfo {
  const result: PdfInfo = {};
  if (typeof info !== 'object' || info === null) return result;
  const { Custom: custom, ...standard } = info as Record<string, unknown>;
  const entries = [...Object.entries(standard), ...Object.entries(typeof custom === 'object' && custom !== null ? custom : {})];
  for (const [key, value] of entries) {
    if (typeof value === 'string' && value.trim()) result[key] = value.trim();
  }
  return result;
}

/** Info Title (or XMP dc:title) when meaningful, else the first level-1 heading, else the file name. */
export function chooseTitle(candidates: ReadonlyArray<string | undefined>, sections: readonly ParsedSection[], fileName: string): string {
  const stated = candidates.find((candidate): candidate is string => candidate !== undefined && isMeaningfulTitle(candidate));
  if (stated) return stated.trim();
  const heading = sections.find((section) => section.level === 1)?.heading;
  if (heading) return heading;
  return titleFromFileName(fileName);
}

/** Word-processor leftovers ("Microsoft Word - x.docx", "Untitled", "Document1") are not titles. */
export function isMeaningfulTitle(title: string): boolean {
  const text = title.trim();
  if (text.length < 3 || !/\p{L}.*\p{L}/u.test(text)) return false;
  if (/^(untitled|document\s*\d*|title|presentation\s*\d*|slide\s*\d+|new document)\b/i.test(text)) return false;
  if (/^microsoft\s+\w+\s*-/i.test(text)) return false;
  if (/\.(docx?|pdf|rtf|odt|pages|indd|qxd|pptx?|xlsx?|tex|txt|html?)$/i.test(text)) return false;
  return !/[\\/]/.test(text) || /\s/.test(text); // a bare path is not a title
}

/** The Author entry when it names someone rather than a default account ("Administrator", "user"). */
export function plausiblePublisher(author: string | undefined): string | undefined {
  const text = author?.trim();
  if (!text || text.length < 2 || text.length > 150 || !/\p{L}/u.test(text)) return undefined;
  if (/^(admin|administrator|user|owner|author|unknown|default|guest|test|pc|me|microsoft office user|windows user|office user)\d*$/i.test(text)) {
    return undefined;
  }
  return text;
}

/**
 * The edition as the document states it: a short "Version 2.2024" / "3rd edition" paragraph on
 * page 1, else the year of CreationDate ("D:20240301..."), else undefined.
 */
export function chooseEdition(sections: readonly ParsedSection[], creationDate: string | undefined): string | undefined {
  for (const section of sections) {
    for (const paragraph of section.paragraphs) {
      if (paragraph.page !== 1 || paragraph.text.length > 60 || !/\d/.test(paragraph.text)) continue;
      if (/\b(version|edition|update[d]?|v\.?\s*\d)/i.test(paragraph.text)) return paragraph.text;
    }
  }
  const year = /^(?:D:)?(\d{4})/.exec(creationDate?.trim() ?? '')?.[1];
  const numeric = Number(year);
  return year && numeric >= 1990 && numeric <= new Date().getFullYear() + 1 ? year : undefined;
}
