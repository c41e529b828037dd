import { createRequire } from 'node:module';
import path from 'node:path';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import { chooseEdition, chooseTitle, pdfInfoStrings, plausiblePublisher, type PdfInfo } from './pdfInfo';
import { layoutSections, type LayoutPage, type TextRun } from './pdfLayout';
import { abortError, DocumentOcr, OcrUnavailableError, ocrScale, renderPagePng } from './pdfOcr';
import { ImportRejected, type ParsedDocument, type ParseOptions } from './types';

/**
 * The PDF parser: text and layout from pdf.js (legacy build, in-process "fake" worker, no font
 * loading, no network), headings from font size and weight (see pdfLayout.ts), OCR with
 * tesseract.js for pages without a text layer (see pdfOcr.ts).
 */

type PdfJs = typeof PdfJsModule;

/** Fewer visible characters than this on a page: it has no real text layer. */
const MIN_PAGE_TEXT = 10;
/**
 * A page with an image at least this many pixels per point across (~108 dpi over the full width)
 * and fewer than MAX_SCAN_PAGE_TEXT characters is a scan with a stamp ("Downloaded from...").
 */
const SCAN_PIXELS_PER_POINT = 1.5;
const MAX_SCAN_PAGE_TEXT = 100;

const MESSAGES = {
  empty: 'The file is empty (0 bytes).',
  damaged: 'The PDF is damaged or incomplete and could not be read.',
  password: 'The PDF is password-protected. Remove the password and import it again.',
  noText: 'No text could be found in this PDF, even with OCR.',
  noOcr: 'This PDF has no text layer, and text recognition (OCR) is not available on this computer.',
} as const;

/**
 * Parses a PDF into sections with page numbers on every paragraph. Pages without a text layer
 * are OCR'd. Reports progress per page and stops between pages (or mid-OCR) when `signal` aborts,
 * throwing an AbortError.
 *
 * `extra` holds the PDF info entries as-is (Title, Author, CreationDate...), `pageCount`, and,
 * when there were any, the 1-based `ocrPages`, `unreadablePages` (pdf.js failed on them) and
 * `pagesWithoutText` (scans left unread because no canvas could be made for OCR).
 *
 * @throws ImportRejected for an empty file, a file that is not a PDF, a damaged or
 *   password-protected PDF, or a PDF without any text.
 */
export async function parsePdf(bytes: Uint8Array, options: ParseOptions): Promise<ParsedDocument> {
  checkBytes(bytes);
  throwIfAborted(options.signal);
  const pdfjs = await loadPdfJs();
  const loadingTask = pdfjs.getDocument({ ...documentOptions(pdfjs), data: new Uint8Array(bytes) });
  const ocr = new DocumentOcr(options.signal);
  try {
    const pdf = await openDocument(loadingTask.promise);
    const reading = await readPages(pdfjs, pdf, ocr, options);
    const sections = layoutSections(reading.pages);
    if (!sections.some((section) => section.heading || section.paragraphs.length > 0)) throw new ImportRejected(noTextMessage(reading));
    return await describeDocument(pdf, sections, reading, options.fileName);
  } finally {
    await ocr.close();
    await loadingTask.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Checks before pdf.js sees the file

function checkBytes(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new ImportRejected(MESSAGES.empty);
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024));
  if (!head.includes('%PDF-')) {
    const kind = describeNonPdf(bytes);
    throw new ImportRejected(kind ? `This file is not a PDF (it looks like ${kind}).` : 'This file is not a PDF.');
  }
  // Every complete PDF ends with %%EOF; without one the file was cut short (an interrupted download).
  if (!Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes('%%EOF')) throw new ImportRejected(MESSAGES.damaged);
}

/** What a non-PDF file seems to be, from its first bytes, for the rejection message. */
function describeNonPdf(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 512));
  const text = head.toString('latin1');
  if (text.startsWith('PK\x03\x04')) return 'a ZIP archive, such as a Word document';
  if (text.startsWith('\x89PNG')) return 'a PNG image';
  if (text.startsWith('\xff\xd8\xff')) return 'a JPEG image';
  if (text.startsWith('GIF8')) return 'a GIF image';
  if (text.startsWith('\xd0\xcf\x11\xe0')) return 'an old Microsoft Office document';
  if (text.startsWith('{\\rtf')) return 'an RTF document';
  if (/^\s*(<!doctype html|<html)/i.test(text)) return 'a web page';
  const printable = [...head].filter((byte) => byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte !== 127)).length;
  return printable / head.length > 0.95 ? 'a plain text file' : undefined;
}

// ---------------------------------------------------------------------------------------------
// pdf.js

let pdfJsModule: Promise<PdfJs> | undefined;

/** pdf.js is loaded on first use: it is large, and importing it also loads its canvas. */
export function loadPdfJs(): Promise<PdfJs> {
  pdfJsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfJsModule;
}

/** Local data folders inside the pdfjs-dist package (pdf.js insists on a trailing slash). */
function pdfJsFolder(name: string): string {
  const require = createRequire(import.meta.url);
  return `${path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), name)}/`;
}

/** Offline, quiet, no font loading or script evaluation. */
export function documentOptions(pdfjs: PdfJs) {
  return {
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    enableXfa: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    // All local files, read with fs: glyph data for the standard 14 fonts, CJK cmaps, and the
    // JBIG2/JPX decoders that scanned PDFs need.
    standardFontDataUrl: pdfJsFolder('standard_fonts'),
    cMapUrl: pdfJsFolder('cmaps'),
    cMapPacked: true,
    wasmUrl: pdfJsFolder('wasm'),
  };
}

async function openDocument(opening: Promise<PDFDocumentProxy>): Promise<PDFDocumentProxy> {
  try {
    return await opening;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    throw new ImportRejected(name === 'PasswordException' ? MESSAGES.password : MESSAGES.damaged);
  }
}

// ---------------------------------------------------------------------------------------------
// Pages

interface Reading {
  pages: LayoutPage[];
  ocrPages: number[];
  unreadablePages: number[];
  /** Pages that needed OCR when none was possible. */
  ocrUnavailablePages: number[];
}

async function readPages(pdfjs: PdfJs, pdf: PDFDocumentProxy, ocr: DocumentOcr, options: ParseOptions): Promise<Reading> {
  const reading: Reading = { pages: [], ocrPages: [], unreadablePages: [], ocrUnavailablePages: [] };
  const context: PageContext = { pdfjs, pdf, ocr, reading, options };
  const pages = pdf.numPages;
  for (let number = 1; number <= pages; number++) {
    throwIfAborted(options.signal);
    options.onProgress?.({ page: number - 1, pages, message: `Reading page ${number} of ${pages}` });
    try {
      reading.pages.push(await readPage(context, number));
    } catch (error) {
      if (isAbort(error)) throw error;
      if (error instanceof OcrUnavailableError) reading.ocrUnavailablePages.push(number);
      else reading.unreadablePages.push(number);
    }
  }
  throwIfAborted(options.signal);
  options.onProgress?.({ page: pages, pages, message: `Read ${pages} ${pages === 1 ? 'page' : 'pages'}` });
  return reading;
}

/** What reading one page needs; `reading` collects the results. */
interface PageContext {
  pdfjs: PdfJs;
  pdf: PDFDocumentProxy;
  ocr: DocumentOcr;
  reading: Reading;
  options: ParseOptions;
}

/** One page's text runs: from its text layer, or from OCR when it has none (a scan). */
async function readPage(context: PageContext, number: number): Promise<LayoutPage> {
  const page = await context.pdf.getPage(number);
  try {
    const { width, height } = page.getViewport({ scale: 1 });
    const items = (await page.getTextContent()).items.filter(isTextItem);
    const scanImages = await imagesToOcr(context.pdfjs, page, items, width);
    if (scanImages) return { page: number, height, source: 'ocr', runs: await readByOcr(context, page, number, scanImages) };
    return { page: number, height, source: 'text', runs: await textRuns(page, items) };
  } finally {
    page.cleanup();
  }
}

/**
 * The pixel widths of the page's images when the page must be OCR'd: it paints something but has
 * (nearly) no text, or it is a scan carrying a short stamp of real text. Undefined otherwise.
 */
async function imagesToOcr(pdfjs: PdfJs, page: PDFPageProxy, items: readonly TextItem[], pageWidth: number): Promise<number[] | undefined> {
  const visible = items.reduce((sum, item) => sum + item.str.replace(/\s/g, '').length, 0);
  if (visible >= MAX_SCAN_PAGE_TEXT) return undefined;
  const painted = paintedContent(pdfjs, await page.getOperatorList());
  const scanLike = painted.imageWidths.some((w) => w >= pageWidth * SCAN_PIXELS_PER_POINT);
  return painted.anything && (visible < MIN_PAGE_TEXT || scanLike) ? painted.imageWidths : undefined;
}

async function readByOcr({ pdf, ocr, reading, options }: PageContext, page: PDFPageProxy, number: number, imageWidths: number[]): Promise<TextRun[]> {
  options.onProgress?.({ page: number - 1, pages: pdf.numPages, message: `Recognising text on page ${number} of ${pdf.numPages} (OCR)` });
  const { width, height } = page.getViewport({ scale: 1 });
  const scale = ocrScale(imageWidths, width, height);
  const runs = await ocr.readPage(await renderPagePng(page, pdf.canvasFactory, scale), scale);
  reading.ocrPages.push(number);
  return runs;
}

function isTextItem(item: TextItem | TextMarkedContent): item is TextItem {
  return 'str' in item && item.str.length > 0;
}

/** Runs in points with y measured down from the top of the (rotated) page, and their font weight. */
async function textRuns(page: PDFPageProxy, items: readonly TextItem[]): Promise<TextRun[]> {
  const bold = await boldFonts(page, items);
  const viewport = page.getViewport({ scale: 1 });
  return items.map((item) => {
    const [, , c = 0, d = 0, e = 0, f = 0] = item.transform as number[];
    const [x, baseline] = viewport.convertToViewportPoint(e, f) as [number, number];
    return { text: item.str, x, baseline, width: item.width, size: Math.hypot(c, d) || item.height, bold: bold.has(item.fontName) };
  });
}

/** The font names (pdf.js ids) on the page that are bold, by the font's flags or its PostScript name. */
async function boldFonts(page: PDFPageProxy, items: readonly TextItem[]): Promise<Set<string>> {
  const names = new Set(items.map((item) => item.fontName));
  // pdf.js hands fonts to this side only while building an operator list; once per new font.
  if ([...names].some((name) => !page.commonObjs.has(name))) await page.getOperatorList();
  const bold = new Set<string>();
  for (const name of names) {
    if (!page.commonObjs.has(name)) continue;
    const font = page.commonObjs.get(name) as { name?: unknown; bold?: unknown; black?: unknown } | null;
    const psName = typeof font?.name === 'string' ? font.name : '';
    if (font?.bold === true || font?.black === true || /bold|black|heavy/i.test(psName)) bold.add(name);
  }
  return bold;
}

/** Whether the page paints anything at all, and the pixel widths of its images. */
function paintedContent(pdfjs: PdfJs, operatorList: { fnArray: number[]; argsArray: unknown[] }): { anything: boolean; imageWidths: number[] } {
  const { OPS } = pdfjs;
  const imageOps = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);
  const drawingOps = new Set<number>([...imageOps, OPS.constructPath, OPS.fill, OPS.eoFill, OPS.stroke, OPS.fillStroke, OPS.eoFillStroke, OPS.shadingFill, OPS.showText, OPS.showSpacedText]);
  const imageWidths: number[] = [];
  operatorList.fnArray.forEach((fn, index) => {
    if (imageOps.has(fn)) imageWidths.push(imageWidth(operatorList.argsArray[index]));
  });
  return { anything: operatorList.fnArray.some((fn) => drawingOps.has(fn)), imageWidths };
}

/** paintImageXObject's arguments are [id, width, height]; inline images and masks carry {width}. */
function imageWidth(args: unknown): number {
  if (!Array.isArray(args)) return 0;
  const [first, second] = args as unknown[];
  if (typeof second === 'number') return second;
  const width = (first as { width?: unknown } | null)?.width;
  return typeof width === 'number' ? width : 0;
}

// ---------------------------------------------------------------------------------------------
// The result

async function describeDocument(pdf: PDFDocumentProxy, sections: ParsedDocument['sections'], reading: Reading, fileName: string): Promise<ParsedDocument> {
  const { info, xmpTitle } = await readMetadata(pdf);
  const publisher = plausiblePublisher(info.Author);
  const edition = chooseEdition(sections, info.CreationDate);
  return {
    title: chooseTitle([info.Title, xmpTitle], sections, fileName),
    format: 'pdf',
    sections,
    ...(publisher ? { publisher } : {}),
    ...(edition ? { edition } : {}),
    extra: {
      ...info,
      pageCount: pdf.numPages,
      ...(reading.ocrPages.length ? { ocrPages: reading.ocrPages } : {}),
      ...(reading.unreadablePages.length ? { unreadablePages: reading.unreadablePages } : {}),
      ...(reading.ocrUnavailablePages.length ? { pagesWithoutText: reading.ocrUnavailablePages } : {}),
    },
  };
}

/** The info dictionary's strings and the XMP title; a broken metadata stream is no reason to fail. */
async function readMetadata(pdf: PDFDocumentProxy): Promise<{ info: PdfInfo; xmpTitle: string | undefined }> {
  try {
    const { info, metadata } = await pdf.getMetadata();
    const xmpTitle = metadata?.get('dc:title');
    return { info: pdfInfoStrings(info), xmpTitle: typeof xmpTitle === 'string' ? xmpTitle : undefined };
  } catch {
    return { info: {}, xmpTitle: undefined };
  }
}

function noTextMessage(reading: Reading): string {
  if (reading.pages.length === 0 && reading.unreadablePages.length > 0) return MESSAGES.damaged;
  if (reading.ocrUnavailablePages.length > 0 && reading.ocrPages.length === 0) return MESSAGES.noOcr;
  return MESSAGES.noText;
}

// ---------------------------------------------------------------------------------------------
// Cancelling

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
