import { ImportRejected } from '../../library/import/types';

/**
 * Which reader a record file goes to. Content decides, because portals name downloads loosely
 * ("document.dat", "export"); the file name only settles what content cannot (JSON or XML that
 * fails to parse is still reported as broken JSON or XML when it is named so).
 */

/** Binary formats, told by their first bytes. */
export type BinaryRecordFormat = 'pdf' | 'image';
/** Formats whose bytes are text. */
export type TextRecordFormat = 'fhir' | 'ccda' | 'text';

/** How far into the file a PDF header may start (pdf.js and parsePdf accept leading junk). */
const PDF_HEADER_WINDOW = 1024;

/** Images tesseract could read but the issue scopes out, and other binaries people pick by mistake. */
const OTHER_BINARIES: readonly { kind: string; test: (head: string) => boolean }[] = [
  { kind: 'a GIF image', test: (head) => head.startsWith('GIF8') },
  { kind: 'a TIFF image', test: (head) => head.startsWith('II*\0') || head.startsWith('MM\0*') },
  { kind: 'a WebP image', test: (head) => head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP' },
  { kind: 'a BMP image', test: (head) => head.startsWith('BM') && head.length > 14 && head.charCodeAt(14) > 0 && head.charCodeAt(15) === 0 },
  { kind: 'a HEIC photo', test: (head) => head.slice(4, 8) === 'ftyp' && /^(heic|heix|hevc|mif1|msf1|avif)/.test(head.slice(8, 12)) },
];

/**
 * 'pdf' or 'image' (PNG, JPEG) when the bytes say so, undefined for anything that may be text.
 *
 * @throws ImportRejected for ZIP archives, images other than PNG and JPEG, and files named as a
 *   PNG or JPEG whose bytes are not one.
 */
export function binaryFormat(bytes: Uint8Array, fileName: string): BinaryRecordFormat | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PDF_HEADER_WINDOW)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (isPng(bytes) || isJpeg(bytes)) return 'image';
  if (head.startsWith('PK\x03\x04')) {
    throw new ImportRejected('This is a ZIP archive (or a Word document); unzip it, or save it as PDF, and import the records inside.');
  }
  const other = OTHER_BINARIES.find(({ test }) => test(head));
  if (other) throw new ImportRejected(`This is ${other.kind}; Cairn reads PNG and JPEG images, so save it as one of those and import that.`);
  const extension = extensionOf(fileName);
  // A broken or misnamed PDF goes to the PDF reader, which says what is wrong with it.
  if (extension === 'pdf') return 'pdf';
  if (extension === 'png' || extension === 'jpg' || extension === 'jpeg') {
    throw new ImportRejected('This file is named as an image but is not a PNG or JPEG image; it may be damaged.');
  }
  return undefined;
}

export function isPng(bytes: Uint8Array): boolean {
  return [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, index) => bytes[index] === byte);
}

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

const HTML_START = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html)[\s>]/i;

/**
 * The reader for a text record: FHIR for JSON, C-CDA for XML, plain text otherwise. JSON is
 * recognised by its name (.json, .ndjson) or by content that parses as JSON (or whose first line
 * is a FHIR resource: a bulk export); XML by its name (.xml, .cda, .ccd, .ccda) or by content that
 * opens with a tag, declaration or DOCTYPE. Read as plain text, either would put raw markup, and
 * the patient's name and address, into the record's text.
 *
 * @throws ImportRejected for a web page (HTML), which is none of these.
 */
export function textFormat(text: string, fileName: string): TextRecordFormat {
  const extension = extensionOf(fileName);
  const start = text.trimStart();
  if (HTML_START.test(start)) throw new ImportRejected('This is a web page (HTML); save or print it as PDF and import that instead.');
  if (extension === 'json' || extension === 'ndjson') return 'fhir';
  if (['xml', 'cda', 'ccd', 'ccda'].includes(extension)) return 'ccda';
  if (['txt', 'text', 'md', 'log'].includes(extension)) return 'text';
  if (start.startsWith('<')) return 'ccda';
  if ((start.startsWith('{') || start.startsWith('[')) && (isJson(start) || isFhirNdjson(start))) return 'fhir';
  return 'text';
}

/** A FHIR bulk export (NDJSON): its first line is a resource on its own. */
function isFhirNdjson(text: string): boolean {
  try {
    const end = text.indexOf('\n');
    const first: unknown = JSON.parse(end === -1 ? text : text.slice(0, end));
    return typeof first === 'object' && first !== null && typeof (first as { resourceType?: unknown }).resourceType === 'string';
  } catch {
    return false;
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The lower-case extension without its dot; '' when the name has none. */
function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/**
 * The encoding an XML declaration names (`<?xml version="1.0" encoding="ISO-8859-1"?>`), read
 * from the raw bytes before decoding, so decodeText can honour it.
 */
export function declaredXmlEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 200)).toString('latin1');
  return /^(?:\xef\xbb\xbf)?\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
}
