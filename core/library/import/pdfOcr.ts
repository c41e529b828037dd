import { createRequire } from 'node:module';
import path from 'node:path';
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Line as TesseractLine, Worker as TesseractWorker } from 'tesseract.js';
import type { TextRun } from './pdfLayout';

/**
 * OCR for PDF pages without a text layer (scans). The page is rendered to pixels by pdf.js, on the
 * canvas pdf.js itself uses in Node (`@napi-rs/canvas`, its optional dependency, N-API so it also
 * loads in Electron), encoded as PNG by that canvas, and read by tesseract.js with the English LSTM
 * model from the `@tesseract.js-data/eng` package, so nothing is ever downloaded. Rendering rather
 * than pulling out the page's image also handles strips, masks, JBIG2/JPX scans and rotation.
 */

/** Rendering scale bounds: 144 dpi at least, 300 dpi at most (tesseract's sweet spot). */
const MIN_SCALE = 2;
const MAX_SCALE = 300 / 72;
/** Largest image handed to tesseract (a US Letter page at 300 dpi is 8.4 million pixels). */
const MAX_PIXELS = 16_000_000;
/** Lines tesseract is less sure of than this (0-100) are noise: speckles, rules, smudges. */
const MIN_LINE_CONFIDENCE = 35;

/** The part of pdf.js's canvas factory used here; the canvas is @napi-rs/canvas's in Node. */
interface CanvasAndContext {
  canvas: { toBuffer?: (mime: 'image/png') => Uint8Array } | null;
  context: CanvasRenderingContext2D | null;
}
interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(canvasAndContext: CanvasAndContext): void;
}

/** Why a page could not be OCR'd, when it could not. */
export class OcrUnavailableError extends Error {
  override readonly name = 'OcrUnavailableError';
}

/**
 * Renders a page to a PNG at `scale` (1 = 72 dpi). Throws OcrUnavailableError when no canvas can
 * be made (the optional canvas package is missing on this platform).
 */
export async function renderPagePng(page: PDFPageProxy, canvasFactory: unknown, scale: number): Promise<Uint8Array> {
  const viewport = page.getViewport({ scale });
  const factory = canvasFactory as CanvasFactory;
  let entry: CanvasAndContext;
  try {
    entry = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  } catch (error) {
    throw new OcrUnavailableError(`No canvas to render the page on: ${String(error)}`);
  }
  try {
    if (!entry.context || typeof entry.canvas?.toBuffer !== 'function') throw new OcrUnavailableError('The canvas cannot encode PNG.');
    await page.render({ canvas: null, canvasContext: entry.context, viewport }).promise;
    return entry.canvas.toBuffer('image/png');
  } finally {
    factory.destroy(entry);
  }
}

/**
 * The scale to render a page at for OCR: the resolution of its largest image (a scan's own
 * resolution, so pixels are not resampled), kept between 144 and 300 dpi and under
 * MAX_PIXELS for poster-sized pages. `imageWidths` are the pixel widths of the page's images.
 */
export function ocrScale(imageWidths: readonly number[], pageWidth: number, pageHeight: number): number {
  const widest = Math.max(0, ...imageWidths);
  const native = pageWidth > 0 ? widest / pageWidth : 0;
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, native));
  const area = pageWidth * pageHeight;
  return area > 0 ? Math.min(scale, Math.sqrt(MAX_PIXELS / area)) : scale;
}

/** The folder holding `eng.traineddata.gz` (LSTM "best_int" model), inside node_modules. */
function englishModelFolder(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

/** Rejects with an AbortError when `signal` aborts, after running `onAbort`. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined, onAbort: () => void): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => {
      onAbort();
      reject(abortError(signal));
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** The signal's own reason when it is an AbortError, else a new one. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The import was cancelled.', 'AbortError');
}

/**
 * One tesseract worker for one document, started on first use (it costs ~0.5 s and ~100 MB)
 * and ended by `close()`.
 */
export class DocumentOcr {
  private worker: Promise<TesseractWorker> | undefined;

  constructor(private readonly signal?: AbortSignal) {}

  /** The page's text lines as runs in points, given its PNG rendered at `scale`. */
  async readPage(png: Uint8Array, scale: number): Promise<TextRun[]> {
    const lines = await this.recognize(png, String(Math.round(72 * scale)));
    return lines.map((line) => toRun(line, scale));
  }

  /**
   * The readable text lines of a picture (PNG or JPEG), top to bottom. Its resolution is unknown
   * (a phone photo), so tesseract estimates it from the size of the text.
   */
  async readImage(image: Uint8Array): Promise<string[]> {
    const lines = await this.recognize(image);
    return lines.map((line) => line.text.replace(/\s+/g, ' ').trim());
  }

  /** The lines tesseract reads in `image` with some confidence; `dpi` when the resolution is known. */
  private async recognize(image: Uint8Array, dpi?: string): Promise<TesseractLine[]> {
    const worker = await abortable(this.getWorker(), this.signal, () => void this.close());
    if (dpi) await worker.setParameters({ user_defined_dpi: dpi });
    const recognizing = worker.recognize(Buffer.from(image), {}, { text: false, blocks: true });
    // tesseract.js never settles a job whose worker was terminated, so abort must not wait for it.
    const result = await abortable(recognizing, this.signal, () => void this.close());
    const lines = (result.data.blocks ?? []).flatMap((block) => block.paragraphs.flatMap((paragraph) => paragraph.lines));
    return lines.filter(isReadableLine);
  }

  /** Ends the worker, if one was started. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.then((w) => w.terminate()).catch(() => undefined);
  }

  private getWorker(): Promise<TesseractWorker> {
    this.worker ??= import('tesseract.js').then(({ createWorker, OEM }) =>
      createWorker('eng', OEM.LSTM_ONLY, {
        langPath: englishModelFolder(),
        gzip: true,
        cacheMethod: 'none',
        // Without a handler tesseract.js rethrows job errors where nothing can catch them.
        errorHandler: () => undefined,
      }),
    );
    return this.worker;
  }
}

function isReadableLine(line: TesseractLine): boolean {
  return line.confidence >= MIN_LINE_CONFIDENCE && /[\p{L}\p{N}]{2}/u.test(line.text);
}

/** A tesseract line (pixels, y down) as a run in points; its size is the row height. */
function toRun(line: TesseractLine, scale: number): TextRun {
  const { bbox, baseline, rowAttributes } = line;
  const middle = (baseline.y0 + baseline.y1) / 2;
  const baselineY = Number.isFinite(middle) && middle > bbox.y0 ? middle : bbox.y1 - rowAttributes.descenders;
  return {
    text: line.text.replace(/\s+/g, ' ').trim(),
    x: bbox.x0 / scale,
    baseline: baselineY / scale,
    width: (bbox.x1 - bbox.x0) / scale,
    size: (rowAttributes.rowHeight || bbox.y1 - bbox.y0) / scale,
    bold: false,
  };
}
