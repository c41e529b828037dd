/** Byte helpers for the parser tests: other encodings, and a real binary file. */

const WINDOWS_1252_EXTRAS: Readonly<Record<string, number>> = {
  '\u2018': 0x91, '\u2019': 0x92, '\u201c': 0x93, '\u201d': 0x94, '\u2013': 0x96, '\u2014': 0x97, '\u2022': 0x95, '\u00ae': 0xae,
};

/** `text` in windows-1252 (Latin-1 plus curly quotes, dashes and bullets). */
export function windows1252(text: string): Uint8Array {
  return Uint8Array.from(Array.from(text), (char) => {
    const code = WINDOWS_1252_EXTRAS[char] ?? char.charCodeAt(0);
    if (code > 0xff) throw new Error(`${char} has no windows-1252 byte`);
    return code;
  });
}

/** `text` in UTF-16, with its byte-order mark. */
export function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfeff, endian === 'le');
  for (let i = 0; i < text.length; i += 1) view.setUint16(2 + i * 2, text.charCodeAt(i), endian === 'le');
  return bytes;
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** A real 1×1 PNG image. */
export const PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
);
