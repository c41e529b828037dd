import { z } from 'zod';
import { decodeText } from './decodeText';
import { titleFromFileName } from './fileTitle';
import { collapseWhitespace } from './sectionBuilder';
import { ImportRejected } from './types';
import type { ParseOptions, ParsedDocument, ParsedSection } from './types';

const optionalText = z.string().trim().optional();

/** One passage: its id and text are required; other fields (doc_id, …) are allowed and ignored. */
const PassageRow = z.object({
  passage_id: z.string().trim().min(1),
  text: z.string().refine((text) => text.trim() !== ''),
  focus: optionalText,
  section: optionalText,
  url: optionalText,
  title: optionalText,
});
type PassageRow = z.infer<typeof PassageRow>;

/**
 * Parses a JSONL file of passages, one JSON object per line:
 * `{passage_id, text, focus?, section?, url?, title?}`. Each row becomes one section (heading from
 * `section`, first letter capitalised; `externalId` = passage_id; one paragraph per line of text).
 *
 * Rows are grouped into documents, in order of first appearance: by (url, focus) when a row has
 * both, else by url, else title, else focus; rows with none of these form one document. Grouping
 * by the pair splits pages that cover several diseases under one address (in MedQuAD, cancer.gov's
 * chronic myeloproliferative neoplasm page gives one document per neoplasm), so each document's
 * title and cancer type are right. A document's title is its first row's title, else focus, else
 * the file name; its sourceUrl is the url and its cancer types the focus.
 *
 * All or nothing: one bad line rejects the file, naming the line.
 *
 * @throws ImportRejected for bad lines, repeated passage ids, or a file that is not text.
 */
export function parseJsonl(bytes: Uint8Array, options: ParseOptions): ParsedDocument[] {
  const { text } = decodeText(bytes);
  const groups = new Map<string, PassageRow[]>();
  const seen = new Map<string, number>();

  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const lineNumber = index + 1;
    const row = readRow(line, lineNumber);
    const earlier = seen.get(row.passage_id);
    if (earlier !== undefined) {
      throw new ImportRejected(`Line ${lineNumber} repeats passage_id "${row.passage_id}" from line ${earlier}.`);
    }
    seen.set(row.passage_id, lineNumber);
    const key = groupKey(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  });

  return Array.from(groups.values(), (rows) => toDocument(rows, options.fileName));
}

function readRow(line: string, lineNumber: number): PassageRow {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ImportRejected(`Line ${lineNumber} is not valid JSON.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ImportRejected(`Line ${lineNumber} is not a JSON object.`);
  }
  const parsed = PassageRow.safeParse(value);
  if (parsed.success) return parsed.data;
  const field = String(parsed.error.issues[0]?.path[0] ?? '');
  const given = (value as Record<string, unknown>)[field];
  if (field === 'passage_id' || field === 'text') {
    const blank = given === undefined || given === null || (typeof given === 'string' && given.trim() === '');
    if (blank) throw new ImportRejected(`Line ${lineNumber} has no ${field}.`);
  }
  throw new ImportRejected(`Line ${lineNumber} has a ${field} that is not text.`);
}

function groupKey(row: PassageRow): string {
  if (row.url && row.focus) return `url+focus\u0000${row.url}\u0000${row.focus}`;
  if (row.url) return `url\u0000${row.url}`;
  if (row.title) return `title\u0000${row.title}`;
  if (row.focus) return `focus\u0000${row.focus}`;
  return '';
}

function toDocument(rows: PassageRow[], fileName: string): ParsedDocument {
  const first = rows[0];
  const document: ParsedDocument = {
    title: first?.title || first?.focus || titleFromFileName(fileName),
    format: 'jsonl',
    sections: rows.map(toSection),
  };
  if (first?.url) document.sourceUrl = first.url;
  const cancerTypes = [...new Set(rows.flatMap((row) => (row.focus ? [row.focus] : [])))];
  if (cancerTypes.length > 0) document.cancerTypes = cancerTypes;
  return document;
}

function toSection(row: PassageRow): ParsedSection {
  const heading = row.section ? row.section.charAt(0).toUpperCase() + row.section.slice(1) : '';
  const paragraphs = row.text
    .split('\n')
    .map(collapseWhitespace)
    .filter((line) => line !== '')
    .map((text) => ({ text }));
  return { heading, level: heading ? 1 : 0, paragraphs, externalId: row.passage_id };
}
