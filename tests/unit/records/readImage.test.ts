import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ImportRejected } from '../../../core/library/import/types';
import { imageSize } from '../../../core/records/read/imageSize';
import { readRecord } from '../../../core/records/read/index';
import { drawPixelText, encodeGreyPng } from '../../../scripts/fixtures/pixelText';

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ImportRejected);
  return error as Error;
}

/** A PNG that is only a signature and an IHDR chunk claiming `width` x `height`: no pixel data. */
function pngHeader(width: number, height: number): Uint8Array {
  const bytes = Buffer.alloc(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes.set([8, 0, 0, 0, 0], 24);
  bytes.writeUInt32BE(crc32(bytes.subarray(12, 29)), 29);
  return bytes;
}

/** A baseline JPEG's first segments: SOI, an APP0 (JFIF), then SOF0 with the frame's size. */
function jpegHeader(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [0xff, 0xc0, 0x00, 0x0b, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0]);
}

describe('image headers', () => {
  it('reads the size of a PNG and of a JPEG without decoding them', () => {
    expect(imageSize(pngHeader(1200, 1600))).toEqual({ width: 1200, height: 1600 });
    expect(imageSize(jpegHeader(4032, 3024))).toEqual({ width: 4032, height: 3024 });
    expect(imageSize(pngHeader(1, 1).subarray(0, 20))).toBeUndefined();
  });
});

describe('readRecord on images it refuses before OCR', () => {
  it('refuses a PNG claiming 10 gigapixels (a decompression bomb)', async () => {
    const error = await rejection(readRecord(pngHeader(100_000, 100_000), { fileName: 'scan.png' }));
    expect(error.message).toBe('This image is 100000 × 100000 pixels (10000 megapixels); Cairn reads images up to 40 megapixels.');
  });

  it('refuses a JPEG claiming 65535 × 65535 pixels', async () => {
    const error = await rejection(readRecord(jpegHeader(65_535, 65_535), { fileName: 'photo.jpg' }));
    expect(error.message).toBe('This image is 65535 × 65535 pixels (4295 megapixels); Cairn reads images up to 40 megapixels.');
  });

  it('refuses an image whose header is cut short', async () => {
    const error = await rejection(readRecord(pngHeader(10, 10).subarray(0, 16), { fileName: 'scan.png' }));
    expect(error.message).toBe('The image is damaged or incomplete and could not be read.');
  });
});

// OCR costs about a second a picture: one photo of text, one blank, one broken, one cancelled.
describe('readRecord on images (OCR)', () => {
  it('reads the lines of a picture of a visit note', async () => {
    const png = encodeGreyPng(
      drawPixelText([
        { text: 'Visit note', scale: 4 },
        { text: 'Melanoma of the skin of the back.', scale: 4 },
        { text: 'Stage IIIB. BRAF mutation found.', scale: 4 },
      ]),
    );
    const progress: string[] = [];
    const record = await readRecord(png, { fileName: 'photo.png', onProgress: ({ message }) => progress.push(message) });
    expect(record.format).toBe('image');
    expect(progress).toEqual(['Reading text in the image']);
    const texts = record.segments.map((segment) => segment.text);
    expect(texts).toContain('Melanoma of the skin of the back.');
    expect(texts.some((text) => text.startsWith('Stage IIIB.'))).toBe(true);
    expect(record.segments.every((segment) => segment.page === undefined && segment.locator === undefined)).toBe(true);
  });

  it('refuses a photo with no text', async () => {
    const blank = encodeGreyPng({ width: 600, height: 300, pixels: new Uint8Array(600 * 300).fill(255) });
    const error = await rejection(readRecord(blank, { fileName: 'blank.png' }));
    expect(error.message).toBe('No readable text was found in this image.');
  });

  it('refuses an image whose pixel data is missing', async () => {
    const error = await rejection(readRecord(pngHeader(10, 10), { fileName: 'scan.png' }));
    expect(error.message).toBe('The image is damaged or incomplete and could not be read.');
  });

  it('stops when cancelled during OCR', async () => {
    const controller = new AbortController();
    const png = encodeGreyPng(drawPixelText([{ text: 'Melanoma', scale: 4 }]));
    const reading = readRecord(png, { fileName: 'photo.png', signal: controller.signal, onProgress: () => controller.abort() });
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
  });
});
