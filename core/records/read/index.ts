import fs from 'node:fs/promises';
import { decodeText } from '../../library/import/decodeText';
import { ImportRejected } from '../../library/import/types';
import type { ReadRecordOptions, RecordText } from '../types';
import { readCcda } from './readCcda';
import { readFhir } from './readFhir';
import { readImageRecord } from './readImage';
import { readPdfRecord } from './readPdf';
import { readPlainText } from './readText';
import { binaryFormat, declaredXmlEncoding, textFormat } from './recordFormat';

/**
 * Reading one record file (a PDF, a photo of a page, a text file, a FHIR R4 JSON export or a
 * C-CDA XML document) into a RecordText: its text in pieces that know where they came from.
 * Nothing is stored here, so a rejected file leaves nothing behind.
 */

export { findRecordDate, parseClinicalDate } from './recordDate';
export { MAX_IMAGE_PIXELS } from './imageSize';

/** The largest record file Cairn reads: bigger files are refused before any byte is parsed. */
export const MAX_RECORD_BYTES = 50 * 1024 * 1024;

const MEGABYTE = 1024 * 1024;

/**
 * Reads a record from its bytes; the format comes from the content, the file name breaking ties.
 * Throws an AbortError when `options.signal` aborts.
 *
 * @throws ImportRejected with one plain sentence for a file that cannot be read (too big, empty,
 *   password-protected, no readable text, not FHIR, an XML with entity declarations...). The
 *   sentence never quotes the record's content.
 */
export async function readRecord(bytes: Uint8Array, options: ReadRecordOptions): Promise<RecordText> {
  checkSize(bytes.length);
  options.signal?.throwIfAborted();
  const binary = binaryFormat(bytes, options.fileName);
  if (binary === 'pdf') return readPdfRecord(bytes, options);
  if (binary === 'image') return readImageRecord(bytes, options);

  const { text } = decodeText(bytes, { declaredEncoding: declaredXmlEncoding(bytes) });
  switch (textFormat(text, options.fileName)) {
    case 'fhir':
      return readFhir(text);
    case 'ccda':
      return readCcda(text);
    case 'text':
      return readPlainText(text);
  }
}

/**
 * Reads a record file from disk. Its size is checked before a byte is read, so a 200 MB file is
 * refused without loading it, and no more than MAX_RECORD_BYTES + 1 bytes are ever read (a file
 * that grows meanwhile is still refused).
 *
 * @throws ImportRejected as readRecord does, and for a path that is not a file; file system
 *   errors (a missing file, no permission) are thrown as they are.
 */
export async function readRecordFile(file: string, options: ReadRecordOptions): Promise<RecordText> {
  const stats = await fs.stat(file);
  if (!stats.isFile()) throw new ImportRejected('This is a folder or device, not a file.');
  checkSize(stats.size);
  return readRecord(await readAtMost(file, MAX_RECORD_BYTES + 1), options);
}

/** The file's first `limit` bytes (all of it when shorter). */
async function readAtMost(file: string, limit: number): Promise<Uint8Array> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(limit, (await handle.stat()).size + 1));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return new Uint8Array(buffer.buffer, buffer.byteOffset, filled);
  } finally {
    await handle.close();
  }
}

function checkSize(size: number): void {
  if (size === 0) throw new ImportRejected('The file is empty.');
  if (size > MAX_RECORD_BYTES) {
    throw new ImportRejected(`This file is ${formatMegabytes(size)}; Cairn reads records up to ${formatMegabytes(MAX_RECORD_BYTES)}.`);
  }
}

/** "200 MB", "50.1 MB": rounded up, so a file just over the limit never reads as the limit. */
function formatMegabytes(bytes: number): string {
  const megabytes = bytes / MEGABYTE;
  const shown = megabytes >= 100 ? Math.ceil(megabytes) : Math.ceil(megabytes * 10) / 10;
  return `${String(shown)} MB`;
}
