/**
 * Node's TextDecoder decodes windows-1252 (and the labels that mean it: latin1, iso-8859-1, ascii)
 * as ISO-8859-1 since Node 20.18.3 / 22.13.0: bytes 0x80-0x9F come out as C1 control characters
 * instead of € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ (nodejs/node#60888). This puts
 * them right, and does nothing where TextDecoder is already correct.
 */

/** The WHATWG windows-1252 characters for bytes 0x80-0x9F (five bytes stay C1 controls, as there). */
const HIGH_CONTROLS =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

const DECODER_IS_RIGHT = new TextDecoder('windows-1252').decode(Uint8Array.of(0x80)) === '\u20AC';

/** Text TextDecoder produced for windows-1252, with bytes 0x80-0x9F mapped as the standard says. */
export function fixWindows1252(text: string): string {
  if (DECODER_IS_RIGHT) return text;
  return text.replace(/[\u0080-\u009F]/g, (char) => HIGH_CONTROLS.charAt(char.charCodeAt(0) - 0x80));
}
