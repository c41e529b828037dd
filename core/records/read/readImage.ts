import { DocumentOcr } from '../../library/import/pdfOcr';
import { ImportRejected } from '../../library/import/types';
import type { ReadRecordOptions, RecordSegment, RecordText } from '../types';
import { imageSize, MAX_IMAGE_PIXELS } from './imageSize';
import { findRecordDate } from './recordDate';
import { statedTitle } from './readText';

/**
 * A photo or scan of a record (PNG, JPEG) read with tesseract.js and the English model shipped in
 * node_modules, through the same OCR the PDF importer uses for scanned pages (so the same
 * confidence threshold drops speckles). One segment a recognised line.
 */

const MESSAGES = {
  damaged: 'The image is damaged or incomplete and could not be read.',
  noText: 'No readable text was found in this image.',
} as const;

export async function readImageRecord(bytes: Uint8Array, options: ReadRecordOptions): Promise<RecordText> {
  checkPixels(bytes);
  options.signal?.throwIfAborted();
  options.onProgress?.({ message: 'Reading text in the image' });
  const ocr = new DocumentOcr(options.signal);
  let lines: string[];
  try {
    lines = await ocr.readImage(bytes);
  } catch (error) {
    // Leptonica refuses pixel data it cannot decode (a header followed by garbage or nothing);
    // tesseract.js rejects with the plain string "Error: Error attempting to read image."
    if (isDecodeFailure(error)) throw new ImportRejected(MESSAGES.damaged);
    throw error;
  } finally {
    await ocr.close();
  }
  const texts = lines.filter((line) => line !== '');
  if (texts.length === 0) throw new ImportRejected(MESSAGES.noText);
  const date = findRecordDate(texts);
  const title = statedTitle(texts);
  return {
    format: 'image',
    segments: texts.map((text): RecordSegment => ({ text })),
    ...(date ? { date } : {}),
    ...(title ? { title } : {}),
  };
}

/** Refuses an image whose header is unreadable or claims more pixels than OCR should decode. */
function checkPixels(bytes: Uint8Array): void {
  const size = imageSize(bytes);
  if (!size || size.width === 0 || size.height === 0) throw new ImportRejected(MESSAGES.damaged);
  const pixels = size.width * size.height;
  if (pixels > MAX_IMAGE_PIXELS) {
    const megapixels = Math.ceil(pixels / 1_000_000);
    throw new ImportRejected(
      `This image is ${String(size.width)} × ${String(size.height)} pixels (${String(megapixels)} megapixels); Cairn reads images up to ${String(MAX_IMAGE_PIXELS / 1_000_000)} megapixels.`,
    );
  }
}

function isDecodeFailure(error: unknown): boolean {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return /attempting to read image/i.test(message);
}
