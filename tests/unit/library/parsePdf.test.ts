import { beforeAll, describe, expect, it } from 'vitest';
import { parsePdf } from '../../../core/library/import/parsePdf';
import { layoutSections, type LayoutPage, type TextRun } from '../../../core/library/import/pdfLayout';
import { ImportRejected, type ParsedDocument, type ParseProgress } from '../../../core/library/import/types';
import {
  makeBlankScanPdf,
  makeEncryptedPdf,
  makePngRenamedPdf,
  makeScannedPdf,
  makeTextGuidelinePdf,
  makeTruncatedPdf,
  SCANNED_PAGE_LINES,
} from '../../../scripts/fixtures/guidelinePdfs';

/** The rejection `promise` ends with: it must be an ImportRejected with exactly `message`. */
async function expectRejected(promise: Promise<unknown>, message: string): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ImportRejected);
  expect((error as Error).message).toBe(message);
}

async function expectAbortError(promise: Promise<unknown>): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+/g) ?? [];
}

describe('parsePdf on a text guideline', () => {
  let bytes: Uint8Array;
  let doc: ParsedDocument;
  const progress: ParseProgress[] = [];

  beforeAll(async () => {
    bytes = await makeTextGuidelinePdf();
    doc = await parsePdf(bytes, { fileName: 'melanoma.pdf', onProgress: (p) => progress.push(p) });
  });

  it('finds the headings in order with levels by size and weight', () => {
    expect(doc.sections.map((s) => [s.heading, s.level])).toEqual([
      ['Melanoma: Treatment Guide', 1],
      ['About this guide', 2],
      ['Treatment by stage', 2],
      ['Stage I and II', 3],
      ['Stage III', 3],
      ['Surgery for metastatic melanoma', 2],
      ['When surgery is an option', 3],
      ['Immunotherapy', 2],
      ['Checkpoint inhibitors', 3],
      ['Side effects', 3],
      ['Follow-up care', 2],
    ]);
  });

  it('keeps page numbers on paragraphs', () => {
    const surgery = doc.sections.find((s) => s.heading === 'Surgery for metastatic melanoma');
    expect(surgery?.paragraphs.length).toBeGreaterThan(0);
    for (const paragraph of surgery?.paragraphs ?? []) {
      expect(paragraph.page).toBe(2);
      expect(paragraph.text).toMatch(/surgery/i);
    }
    expect(doc.sections.find((s) => s.heading === 'Side effects')?.paragraphs[0]?.page).toBe(3);
    expect(doc.sections.flatMap((s) => s.paragraphs).every((p) => p.page !== undefined)).toBe(true);
  });

  it('joins a paragraph that runs over a page break, under the page it starts on', () => {
    const stageThree = doc.sections.find((s) => s.heading === 'Stage III');
    expect(stageThree?.paragraphs).toHaveLength(1);
    expect(stageThree?.paragraphs[0]?.page).toBe(1);
    expect(stageThree?.paragraphs[0]?.text).toMatch(/^When melanoma has reached .* without affecting the care that is given\.$/);
  });

  it('drops the running footer', () => {
    const text = doc.sections.flatMap((s) => s.paragraphs.map((p) => p.text)).join('\n');
    expect(text).not.toMatch(/Page \d of 3/);
  });

  it('takes the title from the first level-1 heading when the PDF title is a file name', () => {
    expect(doc.title).toBe('Melanoma: Treatment Guide');
    expect(doc.format).toBe('pdf');
    expect(doc.publisher).toBe('Skin Cancer Guideline Society');
    expect(doc.edition).toBe('Version 2.2024');
    expect(doc.extra).toMatchObject({ Title: 'Microsoft Word - melanoma_guide_v2.docx', CreationDate: 'D:20240301090000Z', pageCount: 3 });
  });

  it('reports progress page by page', () => {
    expect(progress.map((p) => p.page)).toEqual([0, 1, 2, 3]);
    expect(progress.every((p) => p.pages === 3 && typeof p.message === 'string')).toBe(true);
  });

  it('leaves the caller’s bytes intact', () => {
    expect(bytes.length).toBeGreaterThan(1000);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  });

  it('uses a meaningful PDF title and ignores a default account as publisher', async () => {
    const titled = await parsePdf(await makeTextGuidelinePdf({ infoTitle: 'Cutaneous Melanoma Guideline', author: 'Administrator' }), { fileName: 'x.pdf' });
    expect(titled.title).toBe('Cutaneous Melanoma Guideline');
    expect(titled.publisher).toBeUndefined();
  });
});

describe('parsePdf with OCR', () => {
  it('reads a scanned page', async () => {
    const progress: ParseProgress[] = [];
    const doc = await parsePdf(await makeScannedPdf(), { fileName: 'scan.pdf', onProgress: (p) => progress.push(p) });

    const expected = SCANNED_PAGE_LINES.flatMap((line) => words(line.text));
    const found = new Set(words(doc.sections.flatMap((s) => [s.heading, ...s.paragraphs.map((p) => p.text)]).join(' ')));
    const share = expected.filter((word) => found.has(word)).length / expected.length;
    expect(share).toBeGreaterThanOrEqual(0.8);
    expect(doc.sections.flatMap((s) => s.paragraphs).every((p) => p.page === 1)).toBe(true);
    expect(doc.extra).toMatchObject({ ocrPages: [1] });
    expect(progress.some((p) => /OCR/.test(p.message ?? ''))).toBe(true);
    expect(doc.title).toBe('Scanned follow-up leaflet');
    expect(doc.edition).toBe('2024'); // no version line: the CreationDate year
  });

  it('rejects a PDF with nothing to read, even with OCR', async () => {
    await expectRejected(parsePdf(await makeBlankScanPdf(), { fileName: 'blank.pdf' }), 'No text could be found in this PDF, even with OCR.');
  });

  it('stops OCR when aborted mid-page', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const parsing = parsePdf(await makeScannedPdf(), {
      fileName: 'scan.pdf',
      signal: controller.signal,
      onProgress: (p) => {
        if (/OCR/.test(p.message ?? '')) setTimeout(() => controller.abort(), 50);
      },
    });
    await expectAbortError(parsing);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('parsePdf on bad input', () => {
  it('rejects an empty file', async () => {
    await expectRejected(parsePdf(new Uint8Array(0), { fileName: 'empty.pdf' }), 'The file is empty (0 bytes).');
  });

  it('rejects an image renamed .pdf, saying what it is', async () => {
    await expectRejected(parsePdf(makePngRenamedPdf(), { fileName: 'photo.pdf' }), 'This file is not a PDF (it looks like a PNG image).');
  });

  it('rejects a ZIP renamed .pdf', async () => {
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, ...new Array<number>(40).fill(0)]);
    await expectRejected(parsePdf(zip, { fileName: 'guide.pdf' }), 'This file is not a PDF (it looks like a ZIP archive, such as a Word document).');
  });

  it('rejects a truncated PDF', async () => {
    await expectRejected(parsePdf(await makeTruncatedPdf(), { fileName: 'half.pdf' }), 'The PDF is damaged or incomplete and could not be read.');
  });

  it('rejects a PDF whose structure is broken', async () => {
    const broken = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Type /Nothing >>\nendobj\ngarbage\n%%EOF\n');
    await expectRejected(parsePdf(broken, { fileName: 'broken.pdf' }), 'The PDF is damaged or incomplete and could not be read.');
  });

  it('rejects a password-protected PDF', async () => {
    await expectRejected(
      parsePdf(makeEncryptedPdf(), { fileName: 'locked.pdf' }),
      'The PDF is password-protected. Remove the password and import it again.',
    );
  });
});

describe('parsePdf cancelling', () => {
  it('throws an AbortError between pages', async () => {
    const controller = new AbortController();
    const pagesStarted: number[] = [];
    const parsing = parsePdf(await makeTextGuidelinePdf(), {
      fileName: 'melanoma.pdf',
      signal: controller.signal,
      onProgress: (p) => {
        pagesStarted.push(p.page ?? -1);
        if (p.page === 1) controller.abort();
      },
    });
    await expectAbortError(parsing);
    expect(pagesStarted).toEqual([0, 1]);
  });

  it('does nothing when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expectAbortError(parsePdf(await makeTextGuidelinePdf(), { fileName: 'melanoma.pdf', signal: controller.signal }));
  });
});

describe('guideline PDF fixtures', () => {
  it('are the same bytes on every run', async () => {
    expect(Buffer.from(await makeTextGuidelinePdf()).equals(await makeTextGuidelinePdf())).toBe(true);
    expect(Buffer.from(await makeScannedPdf()).equals(await makeScannedPdf())).toBe(true);
    expect(Buffer.from(makeEncryptedPdf()).equals(makeEncryptedPdf())).toBe(true);
  });
});

describe('layoutSections', () => {
  const run = (text: string, baseline: number, options: Partial<TextRun> = {}): TextRun => ({
    text,
    x: 72,
    baseline,
    width: text.length * 5,
    size: 10,
    bold: false,
    ...options,
  });
  const page = (number: number, runs: TextRun[]): LayoutPage => ({ page: number, height: 800, source: 'text', runs });

  it('rejoins hyphenated words, splits list items and keeps bold sentences as text', () => {
    const sections = layoutSections([
      page(1, [
        run('Dosing', 100, { bold: true }),
        run('The dose is reduced after treat-', 115),
        run('ment ends.', 127),
        run('• first item', 139),
        run('• second item', 151),
        run('Always tell the team about fever.', 175, { bold: true }),
      ]),
    ]);
    expect(sections).toEqual([
      {
        heading: 'Dosing',
        level: 1,
        paragraphs: [
          { text: 'The dose is reduced after treatment ends.', page: 1 },
          { text: '• first item', page: 1 },
          { text: '• second item', page: 1 },
          { text: 'Always tell the team about fever.', page: 1 },
        ],
      },
    ]);
  });

  it('puts text before the first heading in a level-0 section and merges a two-line heading', () => {
    const sections = layoutSections([
      page(1, [
        run('Preface text, longer than the heading.', 100),
        run('A long heading that', 140, { size: 16 }),
        run('wraps onto two lines', 158, { size: 16 }),
        run('Body text under the heading.', 180),
      ]),
    ]);
    expect(sections.map((s) => [s.heading, s.level, s.paragraphs.map((p) => p.text)])).toEqual([
      ['', 0, ['Preface text, longer than the heading.']],
      ['A long heading that wraps onto two lines', 1, ['Body text under the heading.']],
    ]);
  });

  it('gives OCR headings of nearly the same size one level, and drops footers OCR misread', () => {
    const ocrPage = (number: number, headingSize: number, footer: string): LayoutPage => ({
      page: number,
      height: 800,
      source: 'ocr',
      runs: [
        run(`Heading ${number}`, 100, { size: headingSize }),
        run('Body text of this page, long enough to set the body size.', 130, { size: 12 }),
        run(footer, 780, { size: 12 }),
      ],
    });
    const sections = layoutSections([ocrPage(1, 18, 'Page 1 of 3'), ocrPage(2, 18.6, 'Page 20f 3'), ocrPage(3, 17.5, 'Page 3 0f 3')]);
    expect(sections.map((s) => [s.heading, s.level, s.paragraphs.length])).toEqual([
      ['Heading 1', 1, 1],
      ['Heading 2', 1, 1],
      ['Heading 3', 1, 1],
    ]);
  });

  it('joins runs on one baseline with the spaces pdf.js leaves out', () => {
    const sections = layoutSections([page(1, [run('Stage', 100, { width: 25 }), run('IV', 100, { x: 100, width: 10 })])]);
    expect(sections[0]?.paragraphs[0]?.text).toBe('Stage IV');
  });
});
