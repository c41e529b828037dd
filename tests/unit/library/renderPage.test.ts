import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type CairnHandlers } from '../../../core/api';
import { Cairn } from '../../../core/cairn';
import type { PageImage } from '../../../core/library/renderPage';
import { RecordsSession } from '../../../core/records/recordsSession';
import { makeTextGuidelinePdf } from '../../../scripts/fixtures/guidelinePdfs';
import { bridgeCaller } from '../../support/bridgeCall';
import { tinyEmbedderSpec } from '../../support/testEmbedder';

const MARKDOWN_FILE = path.resolve(import.meta.dirname, '../../../guidelines/cancers/melanoma.md');
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The share of the picture's pixels that are dark (ink), after decoding it. */
async function inkShare(png: Buffer): Promise<number> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, image.width, image.height);
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 3]! > 0) dark++;
  return dark / (image.width * image.height);
}

describe('library/page: a page of an imported PDF, drawn from its original', () => {
  let cairn: Cairn;
  let dataDir: string;
  let filesDir: string;
  let handlers: CairnHandlers;
  let pdfId: number;
  let markdownId: number;
  const call = bridgeCaller(() => handlers);

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-render-page-'));
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-render-page-files-'));
    const pdfFile = path.join(filesDir, 'Melanoma Guide.PDF');
    fs.writeFileSync(pdfFile, await makeTextGuidelinePdf());
    cairn = Cairn.open({ dataDir, embedder: tinyEmbedderSpec });
    const report = await cairn.importLibrary([pdfFile, MARKDOWN_FILE]);
    expect(report.failed).toEqual([]);
    handlers = createHandlers(cairn, new RecordsSession({ dataDir, keychain: null }));
    const documents = cairn.listDocuments();
    pdfId = documents.find((doc) => doc.format === 'pdf')!.id;
    markdownId = documents.find((doc) => doc.format !== 'pdf')!.id;
  }, 60_000);
  afterAll(async () => {
    await cairn.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(filesDir, { recursive: true, force: true });
  });

  it('draws the page as a PNG at 1.5 × 72 dpi, with the page count', async () => {
    const image = await call<PageImage>('library/page', { documentId: pdfId, page: 2 });
    expect(image).toMatchObject({ page: 2, pageCount: 3, width: 918, height: 1188 });
    const png = Buffer.from(image.png, 'base64');
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const decoded = await loadImage(png);
    expect([decoded.width, decoded.height]).toEqual([918, 1188]);
    // The page's text was drawn: some ink, on a mostly white page.
    const ink = await inkShare(png);
    expect(ink).toBeGreaterThan(0.005);
    expect(ink).toBeLessThan(0.3);
  });

  it('opens the page a passage of the PDF is on', async () => {
    const hit = (await cairn.search('surgery for metastatic melanoma')).results.find((result) => result.documentId === pdfId && result.page !== null);
    expect(hit).toBeDefined();
    const passage = await call<{ documentId: number; page: number | null; format: string }>('library/passage', { chunkId: hit!.chunkId });
    expect(passage).toMatchObject({ documentId: pdfId, format: 'pdf' });
    const image = await call<PageImage>('library/page', { documentId: passage.documentId, page: passage.page! });
    expect(image.page).toBe(passage.page);
  });

  it('refuses pages that do not exist, documents that are not PDFs, and unknown documents, in plain words', async () => {
    expect(await dispatch(handlers, 'library/page', { documentId: pdfId, page: 4 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'This PDF has 3 pages; there is no page 4.' },
    });
    expect(await dispatch(handlers, 'library/page', { documentId: pdfId, page: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch(handlers, 'library/page', { documentId: markdownId, page: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Only imported PDFs have pages to show.' },
    });
    expect(await dispatch(handlers, 'library/page', { documentId: 999_999, page: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('says to import the file again when its original is no longer in imports/', async () => {
    const importsDir = path.join(dataDir, 'imports');
    const originals = fs.readdirSync(importsDir).filter((name) => name.endsWith('.pdf'));
    expect(originals).toHaveLength(1);
    fs.renameSync(path.join(importsDir, originals[0]!), path.join(dataDir, 'moved-away.pdf'));
    try {
      expect(await dispatch(handlers, 'library/page', { documentId: pdfId, page: 1 })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: "The original file is no longer in Cairn's folder; import it again to see its pages." },
      });
    } finally {
      fs.renameSync(path.join(dataDir, 'moved-away.pdf'), path.join(importsDir, originals[0]!));
    }
  });
});
