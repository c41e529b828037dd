import chardet from 'chardet';
import { ImportRejected } from './types';
import { fixWindows1252 } from './windows1252';

/** A text file's content as a string, and the encoding it was read with (TextDecoder's name). */
export interface DecodedText {
  text: string;
  encoding: string;
}

export interface DecodeTextOptions {
  /**
   * An encoding the file itself declares (an HTML `<meta charset>`). Used after a byte-order
   * mark, before any guessing; ignored when TextDecoder does not know it.
   */
  declaredEncoding?: string;
}

/** How much of the decoded text the binary check looks at. */
const SAMPLE_CHARS = 64 * 1024;
/**
 * More than this share of control characters (NUL and the like) means binary, not text, once
 * there are at least MIN_BINARY_CONTROLS of them: a few stray bytes (a DOS end-of-file mark) are noise.
 */
const MAX_CONTROL_SHARE = 0.01;
const MIN_BINARY_CONTROLS = 4;
/** Below this chardet confidence (0-100) a guess is not trusted and windows-1252 is used. */
const MIN_GUESS_CONFIDENCE = 20;
const FALLBACK_ENCODING = 'windows-1252';

// Matching control characters is the point of these two patterns.
/* eslint-disable no-control-regex */
/** Control characters no text file has in any number: C0 except tab, newlines and form feeds. */
const BINARY_CONTROLS = /[\u0000-\u0008\u000E-\u001F]/g;
/** Characters dropped from the decoded text: remaining C0/C1 controls, DEL and stray BOMs. */
const STRIPPED = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFEFF]/g;
/* eslint-enable no-control-regex */
/** Line and page breaks in their many spellings, all turned into '\n'. */
const LINE_BREAKS = /\r\n|[\r\v\f\u0085\u2028\u2029]/g;

/**
 * Reads a text file's bytes: a byte-order mark wins (UTF-8, UTF-16LE/BE), then an encoding the
 * file declares, then UTF-8 when the bytes are valid UTF-8, else chardet's best guess among the
 * encodings TextDecoder knows (windows-1252 when unsure). Newlines become '\n' and stray control
 * characters are dropped.
 *
 * @throws ImportRejected for binary content and for empty or whitespace-only files.
 */
export function decodeText(bytes: Uint8Array, options: DecodeTextOptions = {}): DecodedText {
  if (bytes.length === 0) throw new ImportRejected('The file is empty.');
  const decoded = decodeBytes(bytes, options.declaredEncoding);
  if (looksBinary(decoded.text)) {
    throw new ImportRejected('This file does not look like text (it contains binary data).');
  }
  const text = decoded.text.replace(LINE_BREAKS, '\n').replace(STRIPPED, '');
  if (text.trim() === '') throw new ImportRejected('The file is empty.');
  return { text, encoding: decoded.encoding };
}

function decodeBytes(bytes: Uint8Array, declared: string | undefined): DecodedText {
  const bom = bomEncoding(bytes);
  if (bom) return decodeWith(bom, bytes, false) ?? { text: '', encoding: bom };

  if (declared) {
    const label = declared.trim().toLowerCase();
    // A page that says UTF-8 but is not (a common mistake) falls through to the checks below.
    const asDeclared = decodeWith(label, bytes, isUtf8Label(label));
    if (asDeclared) return asDeclared;
  }

  const utf8 = decodeWith('utf-8', bytes, true);
  if (utf8) return utf8;

  for (const guess of chardet.analyse(bytes)) {
    if (guess.confidence < MIN_GUESS_CONFIDENCE) break;
    if (guess.name === 'UTF-8' || guess.name === 'ASCII') continue; // already known not to fit
    const decoded = decodeWith(guess.name, bytes, true);
    if (decoded) return decoded;
  }
  return decodeWith(FALLBACK_ENCODING, bytes, false) ?? { text: '', encoding: FALLBACK_ENCODING };
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8';
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  return undefined;
}

function isUtf8Label(label: string): boolean {
  return label === 'utf-8' || label === 'utf8' || label === 'unicode-1-1-utf-8';
}

/** Decodes with `label`; undefined when TextDecoder does not know it or (fatal) the bytes do not fit. */
function decodeWith(label: string, bytes: Uint8Array, fatal: boolean): DecodedText | undefined {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal });
  } catch {
    return undefined; // an encoding TextDecoder does not support
  }
  try {
    const text = decoder.decode(bytes);
    return { text: decoder.encoding === 'windows-1252' ? fixWindows1252(text) : text, encoding: decoder.encoding };
  } catch {
    return undefined; // fatal: the bytes are not valid in this encoding
  }
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, SAMPLE_CHARS);
  if (sample.length === 0) return false;
  const controls = sample.match(BINARY_CONTROLS)?.length ?? 0;
  return controls >= MIN_BINARY_CONTROLS && controls / sample.length > MAX_CONTROL_SHARE;
}
