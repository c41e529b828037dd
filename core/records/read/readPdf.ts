import { titleFromFileName } from '../../library/import/fileTitle';
import { parsePdf } from '../../library/import/parsePdf';
import type { ReadRecordOptions, RecordSegment, RecordText } from '../types';
import { findRecordDate } from './recordDate';

/**
 * A PDF record through the guideline importer's PDF parser, which reads the text layer, OCRs
 * scanned pages and refuses empty, damaged and password-protected files. Each heading and
 * paragraph becomes a segment with its page; the section heading is kept as the locator so
 * evidence can say "page 2, Final Diagnosis".
 */
export async function readPdfRecord(bytes: Uint8Array, options: ReadRecordOptions): Promise<RecordText> {
  const { onProgress } = options;
  const document = await parsePdf(bytes, {
    fileName: options.fileName,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(onProgress ? { onProgress: ({ message, page, pages }) => onProgress({ message: message ?? 'Reading the PDF', page, pages }) } : {}),
  });
  const segments: RecordSegment[] = [];
  for (const section of document.sections) {
    const locator = section.heading ? { locator: section.heading } : {};
    const firstPage = section.paragraphs[0]?.page;
    if (section.heading) segments.push({ text: section.heading, ...(firstPage ? { page: firstPage } : {}) });
    for (const paragraph of section.paragraphs) {
      segments.push({ text: paragraph.text, ...(paragraph.page ? { page: paragraph.page } : {}), ...locator });
    }
  }
  const date = findRecordDate(segments.map((segment) => segment.text));
  // parsePdf falls back to the file name for a title; a record's title is only what it states.
  const title = document.title !== titleFromFileName(options.fileName) ? document.title : undefined;
  return { format: 'pdf', segments, ...(date ? { date } : {}), ...(title ? { title } : {}) };
}
