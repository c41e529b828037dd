import { parseHtml } from './parseHtml';
import { parseJsonl } from './parseJsonl';
import { parseMarkdown } from './parseMarkdown';
import { parsePdf } from './parsePdf';
import { parseText } from './parseText';
import { decodeText } from './decodeText';
import { attachSectionSources } from './sectionSources';
import type { DocumentFormat, ParseOptions, ParsedDocument } from './types';

export { detectFormat } from './detectFormat';
export { ImportRejected } from './types';
export type * from './types';

/**
 * Parses a file's bytes as the given format. Every format but JSONL gives one document; a JSONL
 * file gives one per source page.
 *
 * @throws ImportRejected for a file that cannot be imported, with one sentence saying why.
 */
export async function parseFile(
  bytes: Uint8Array,
  options: ParseOptions & { format: DocumentFormat },
): Promise<ParsedDocument[]> {
  options.signal?.throwIfAborted();
  switch (options.format) {
    case 'pdf':
      return [await parsePdf(bytes, options)];
    case 'html':
      return [parseHtml(bytes, options)];
    case 'markdown':
      return [attachSectionSources(decodeText(bytes).text, parseMarkdown(bytes, options))];
    case 'text':
      return [parseText(bytes, options)];
    case 'jsonl':
      return parseJsonl(bytes, options);
  }
}
