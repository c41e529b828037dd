import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { ImportRejected } from '../../../core/library/import/types';
import { MAX_RECORD_BYTES, readRecord, readRecordFile } from '../../../core/records/read/index';
import type { ReadRecordOptions } from '../../../core/records/types';
import { makeEncryptedPdf } from '../../../scripts/fixtures/guidelinePdfs';
import { tempDir } from '../../support/tempDir';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ImportRejected);
  return error as Error;
}

const PATHOLOGY_TEXT = `SURGICAL PATHOLOGY REPORT

Patient: Jane Quillfeather      DOB: 03/04/1961
Collected: 02/10/2026    Received: 02/11/2026
Signed out: Feb 14, 2026

FINAL DIAGNOSIS:
\tSkin, upper back, excision: invasive melanoma, Breslow 2.1 mm.
`;

describe('readRecord on plain text', () => {
  it('gives one segment a non-empty line, the sign-out date and the stated title', async () => {
    const record = await readRecord(bytes(PATHOLOGY_TEXT), { fileName: 'pathology.txt' });
    expect(record).toEqual({
      format: 'text',
      segments: [
        { text: 'SURGICAL PATHOLOGY REPORT' },
        { text: 'Patient: Jane Quillfeather DOB: 03/04/1961' },
        { text: 'Collected: 02/10/2026 Received: 02/11/2026' },
        { text: 'Signed out: Feb 14, 2026' },
        { text: 'FINAL DIAGNOSIS:' },
        { text: 'Skin, upper back, excision: invasive melanoma, Breslow 2.1 mm.' },
      ],
      date: '2026-02-14',
      title: 'SURGICAL PATHOLOGY REPORT',
    });
  });

  it('decodes a UTF-16 file and a windows-1252 one', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Visit note\r\nDate of visit: 2026-03-05\r\n', 'utf16le')]);
    expect((await readRecord(utf16, { fileName: 'note.txt' })).segments.map((s) => s.text)).toEqual(['Visit note', 'Date of visit: 2026-03-05']);
    const latin = Buffer.from('Caf\xe9 au lait spots \x96 benign\n', 'latin1');
    expect((await readRecord(latin, { fileName: 'note.txt' })).segments[0]?.text).toBe('Café au lait spots – benign');
  });

  it('has no title when the first line is not one', async () => {
    const record = await readRecord(bytes('Jane Quillfeather\n12 Elm Street\n'), { fileName: 'x.txt' });
    expect(record.title).toBeUndefined();
    expect(record.date).toBeUndefined();
  });
});

describe('readRecord on a PDF', () => {
  /** Two pages: a title, a report date and a diagnosis, then an addendum on page 2. */
  async function makeRecordPdf(): Promise<Uint8Array> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const [regular, bold] = [await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold)];
    const first = doc.addPage([612, 792]);
    first.drawText('Surgical Pathology Report', { x: 72, y: 700, size: 20, font: bold });
    first.drawText('Report date: 02/14/2026', { x: 72, y: 660, size: 11, font: regular });
    first.drawText('Diagnosis: invasive melanoma of the upper back, Breslow depth 2.1 mm.', { x: 72, y: 610, size: 11, font: regular });
    doc.addPage([612, 792]).drawText('Addendum: BRAF V600E mutation detected by PCR.', { x: 72, y: 700, size: 11, font: regular });
    return doc.save();
  }

  it('gives the paragraphs with their pages, the report date and the title', async () => {
    const record = await readRecord(await makeRecordPdf(), { fileName: 'path-report.pdf' });
    expect(record.format).toBe('pdf');
    expect(record.segments.map(({ text, page }) => ({ text, page }))).toEqual([
      { text: 'Surgical Pathology Report', page: 1 },
      { text: 'Report date: 02/14/2026', page: 1 },
      { text: 'Diagnosis: invasive melanoma of the upper back, Breslow depth 2.1 mm.', page: 1 },
      { text: 'Addendum: BRAF V600E mutation detected by PCR.', page: 2 },
    ]);
    expect(record.date).toBe('2026-02-14');
    expect(record.title).toBe('Surgical Pathology Report');
  });

  it('refuses a password-protected PDF', async () => {
    const error = await rejection(readRecord(makeEncryptedPdf(), { fileName: 'locked.pdf' }));
    expect(error.message).toBe('The PDF is password-protected. Remove the password and import it again.');
  });

  it('lets the PDF reader explain a .pdf that is not one', async () => {
    const error = await rejection(readRecord(bytes('Not really a PDF at all, just text.'), { fileName: 'report.pdf' }));
    expect(error.message).toBe('This file is not a PDF (it looks like a plain text file).');
  });
});

describe('readRecord on files it refuses before reading', () => {
  it('refuses an empty file and a file of blanks', async () => {
    expect((await rejection(readRecord(new Uint8Array(0), { fileName: 'x.txt' }))).message).toBe('The file is empty.');
    expect((await rejection(readRecord(bytes(' \n\t\n'), { fileName: 'x.txt' }))).message).toBe('The file is empty.');
  });

  it('refuses bytes over the limit before looking at them', async () => {
    const tooBig = new Uint8Array(MAX_RECORD_BYTES + 1);
    tooBig.set(PNG_SIGNATURE);
    const error = await rejection(readRecord(tooBig, { fileName: 'scan.png' }));
    expect(error.message).toBe('This file is 50.1 MB; Cairn reads records up to 50 MB.');
  });

  it.each([
    ['a ZIP archive', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], 'records.zip', 'This is a ZIP archive (or a Word document); unzip it, or save it as PDF, and import the records inside.'],
    ['a GIF', [...Buffer.from('GIF89a'), 1, 0, 1, 0], 'scan.gif', 'This is a GIF image; Cairn reads PNG and JPEG images, so save it as one of those and import that.'],
    ['a HEIC photo', [0, 0, 0, 0x18, ...Buffer.from('ftypheic'), 0, 0], 'IMG_0001.HEIC', 'This is a HEIC photo; Cairn reads PNG and JPEG images, so save it as one of those and import that.'],
    ['text named as a PNG', [...Buffer.from('hello')], 'scan.png', 'This file is named as an image but is not a PNG or JPEG image; it may be damaged.'],
    ['binary data', [0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3], 'blob', 'This file does not look like text (it contains binary data).'],
  ])('refuses %s in one sentence', async (_, content, fileName, message) => {
    const error = await rejection(readRecord(new Uint8Array(content), { fileName }));
    expect(error.message).toBe(message);
  });

  it('refuses a web page', async () => {
    const error = await rejection(readRecord(bytes('<!DOCTYPE html><html><body>My chart</body></html>'), { fileName: 'chart.html' }));
    expect(error.message).toBe('This is a web page (HTML); save or print it as PDF and import that instead.');
  });

  it('stops at once when the signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readRecord(bytes(PATHOLOGY_TEXT), { fileName: 'x.txt', signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('readRecordFile', () => {
  const options: ReadRecordOptions = { fileName: 'scan.png' };

  it('refuses a 200 MB image from its size alone, without reading it', async () => {
    const file = path.join(tempDir(), 'huge.png');
    fs.writeFileSync(file, new Uint8Array(PNG_SIGNATURE));
    fs.truncateSync(file, 200 * 1024 * 1024); // sparse: takes no disk space
    const error = await rejection(readRecordFile(file, options));
    expect(error.message).toBe('This file is 200 MB; Cairn reads records up to 50 MB.');
  });

  it('refuses an empty file and a folder', async () => {
    const dir = tempDir();
    const empty = path.join(dir, 'empty.txt');
    fs.writeFileSync(empty, '');
    expect((await rejection(readRecordFile(empty, { fileName: 'empty.txt' }))).message).toBe('The file is empty.');
    expect((await rejection(readRecordFile(dir, { fileName: 'records' }))).message).toBe('This is a folder or device, not a file.');
  });

  it('reads a file within the limit', async () => {
    const file = path.join(tempDir(), 'pathology.txt');
    fs.writeFileSync(file, PATHOLOGY_TEXT);
    const record = await readRecordFile(file, { fileName: 'pathology.txt' });
    expect(record.date).toBe('2026-02-14');
    expect(record.segments).toHaveLength(6);
  });
});
