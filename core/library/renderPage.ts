import fs from 'node:fs';
import path from 'node:path';
import { CairnError } from '../errors';
import type { Database } from '../store';
import { documentOptions, loadPdfJs } from './import/parsePdf';
import { OcrUnavailableError, renderPagePng } from './import/pdfOcr';

/** One page of an imported PDF, drawn as a picture for the source dialog. */
export interface PageImage {
  /** The page as a PNG, base64-encoded (no `data:` prefix). */
  png: string;
  /** The picture's size in pixels. */
  width: number;
  height: number;
  /** The page drawn (1-based) and how many pages the PDF has. */
  page: number;
  pageCount: number;
}

/** 1.5 × 72 dpi: a US Letter page is 918 × 1188 pixels, readable in the dialog without zooming. */
export const PAGE_SCALE = 1.5;
/** Poster-sized pages are drawn smaller, so one picture stays under ~6 MB of pixels. */
const MAX_PIXELS = 6_000_000;

export const ORIGINAL_MISSING = "The original file is no longer in Cairn's folder; import it again to see its pages.";

/**
 * Draws page `page` (1-based) of an imported PDF, from the copy of the original Cairn keeps in
 * the data directory's `imports/` folder (`importFiles` names it after the file's hash), with the
 * same pdf.js and canvas that import the PDF (nothing leaves the computer).
 *
 * @throws CairnError NOT_FOUND when the document is gone or its original is no longer in
 *   `imports/`; INVALID_INPUT when it is not a PDF or has no such page; INTERNAL when the PDF
 *   cannot be read or drawn.
 */
export async function renderPage(db: Database, importsDir: string, documentId: number, page: number): Promise<PageImage> {
  const file = originalPdf(db, importsDir, documentId);
  const bytes = readOriginal(file);
  const pdfjs = await loadPdfJs();
  const loadingTask = pdfjs.getDocument({ ...documentOptions(pdfjs), data: bytes });
  try {
    const pdf = await loadingTask.promise.catch((error: unknown) => {
      throw new CairnError('INTERNAL', 'The original PDF could not be read; import it again to see its pages.', { cause: error });
    });
    if (!Number.isInteger(page) || page < 1 || page > pdf.numPages) {
      throw new CairnError('INVALID_INPUT', `This PDF has ${pdf.numPages} ${pdf.numPages === 1 ? 'page' : 'pages'}; there is no page ${page}.`);
    }
    const proxy = await pdf.getPage(page);
    try {
      const { width, height } = proxy.getViewport({ scale: 1 });
      const area = width * height * PAGE_SCALE * PAGE_SCALE;
      const scale = area > MAX_PIXELS ? PAGE_SCALE * Math.sqrt(MAX_PIXELS / area) : PAGE_SCALE;
      const png = await renderPagePng(proxy, pdf.canvasFactory, scale).catch((error: unknown) => {
        if (error instanceof OcrUnavailableError) throw new CairnError('INTERNAL', 'Pages of PDFs cannot be drawn on this computer (no canvas is available).', { cause: error });
        throw new CairnError('INTERNAL', `Page ${page} of the PDF could not be drawn.`, { cause: error });
      });
      const size = pngSize(png);
      return { png: Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString('base64'), width: size.width, height: size.height, page, pageCount: pdf.numPages };
    } finally {
      proxy.cleanup();
    }
  } finally {
    await loadingTask.destroy();
  }
}

/** The copy of the document's original in `imports/`. */
function originalPdf(db: Database, importsDir: string, documentId: number): string {
  const row = db.prepare('SELECT format, source_path AS sourcePath, file_hash AS fileHash FROM documents WHERE id = ?').get(documentId) as
    | { format: string; sourcePath: string | null; fileHash: string | null }
    | undefined;
  if (!row) throw new CairnError('NOT_FOUND', 'That document is no longer in the library (it was removed or re-imported).');
  if (row.format !== 'pdf') throw new CairnError('INVALID_INPUT', 'Only imported PDFs have pages to show.');
  if (!row.fileHash) throw new CairnError('NOT_FOUND', ORIGINAL_MISSING);
  // importFiles names the copy `<first 16 hex digits of the hash><the original's extension>`.
  const stem = row.fileHash.slice(0, 16);
  const expected = path.join(importsDir, `${stem}${path.extname(row.sourcePath ?? '').toLowerCase()}`);
  if (fs.existsSync(expected)) return expected;
  const other = safeList(importsDir).find((name) => name === stem || name.startsWith(`${stem}.`));
  if (!other) throw new CairnError('NOT_FOUND', ORIGINAL_MISSING);
  return path.join(importsDir, other);
}

function readOriginal(file: string): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch (error) {
    throw new CairnError('NOT_FOUND', ORIGINAL_MISSING, { cause: error });
  }
}

function safeList(folder: string): string[] {
  try {
    return fs.readdirSync(folder);
  } catch {
    return [];
  }
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
