/**
 * What every format parser returns: the document's metadata as far as the file says it, and its
 * text as sections in reading order. Parsers know nothing of chunks, embeddings or the store.
 */
export type DocumentFormat = 'pdf' | 'html' | 'markdown' | 'text' | 'jsonl';

export interface ParsedParagraph {
  text: string;
  /** 1-based page number, where the source has pages (PDF). */
  page?: number;
}

export interface ParsedSection {
  /** The heading as the document has it; '' for text before the first heading. */
  heading: string;
  /** Heading level 1-6; 0 for text before the first heading. */
  level: number;
  paragraphs: ParsedParagraph[];
  /** An id the source gives this section's text (a JSONL `passage_id`); kept on its chunks. */
  externalId?: string;
  /** The public sources this section summarizes, when the document names them (built-in pack). */
  sources?: string[];
}

export interface ParsedDocument {
  title: string;
  format: DocumentFormat;
  sections: ParsedSection[];
  publisher?: string;
  /** Edition or year, as the source states it. */
  edition?: string;
  /** Cancer types the source declares (front matter); detection adds to these. */
  cancerTypes?: string[];
  sourceUrl?: string;
  licenseNote?: string;
  /** True for Cairn's own starter pack. */
  builtIn?: boolean;
  /** Anything else the source declares (front matter keys, PDF info), kept as-is. */
  extra?: Record<string, unknown>;
}

export interface ParseProgress {
  /** For paged sources: pages done and total. */
  page?: number;
  pages?: number;
  /** A short description of the current step ("Reading page 3 of 12", "OCR page 4"). */
  message?: string;
}

export interface ParseOptions {
  /** The file's name, for titles and messages. */
  fileName: string;
  signal?: AbortSignal;
  onProgress?: (progress: ParseProgress) => void;
}

/**
 * A file that cannot be imported, with one plain sentence for the import report
 * ("The PDF is password-protected."). Parsers throw this for bad input; anything else is a bug.
 */
export class ImportRejected extends Error {
  override readonly name = 'ImportRejected';
}
