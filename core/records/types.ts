/**
 * What a record reader hands the extractors: the record's text in pieces that each know where
 * they came from, so every extracted field can point back at its evidence (file, page, text).
 * Readers know nothing of profiles; extractors know nothing of file formats.
 */
export type RecordFormat = 'pdf' | 'image' | 'text' | 'fhir' | 'ccda';

export interface RecordSegment {
  /** The text as the record has it (a line, a paragraph, a table row, a FHIR resource's text). */
  text: string;
  /** 1-based page, where the source has pages (PDF). */
  page?: number;
  /** Where in a structured record the text is ("Observation/braf-1", "Results"). */
  locator?: string;
  /** The ISO date (YYYY-MM-DD) the source gives this piece's facts, when it gives one. */
  date?: string;
}

export interface RecordText {
  format: RecordFormat;
  segments: RecordSegment[];
  /** The record's own date (report, visit or document date), ISO YYYY-MM-DD, when it has one. */
  date?: string;
  /** The record's title as it states it ("Surgical Pathology Report"), when it has one. */
  title?: string;
}

export interface ReadRecordOptions {
  /** The file's name, for messages and evidence. */
  fileName: string;
  signal?: AbortSignal;
  onProgress?: (progress: { message: string; page?: number; pages?: number }) => void;
}
