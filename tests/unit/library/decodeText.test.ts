import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../core/library/import/decodeText';
import { ImportRejected } from '../../../core/library/import/types';
import { PNG, utf16, utf8, windows1252 } from './bytes';

const SEZARY =
  'Mycosis fungoides and the S\u00e9zary syndrome are \u201ccutaneous T-cell lymphomas\u201d \u2014 the patient\u2019s skin is affected first.';

describe('decodeText', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(decodeText(utf8(SEZARY))).toEqual({ text: SEZARY, encoding: 'utf-8' });
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(SEZARY)]))).toEqual({ text: SEZARY, encoding: 'utf-8' });
  });

  it('reads windows-1252 text with curly quotes and accents', () => {
    expect(decodeText(windows1252(SEZARY))).toEqual({ text: SEZARY, encoding: 'windows-1252' });
  });

  it('falls back to windows-1252 when a short legacy text gives chardet nothing to go on', () => {
    expect(decodeText(windows1252('S\u00e9zary')).text).toBe('S\u00e9zary');
  });

  it('reads UTF-16 with a byte-order mark, little- and big-endian', () => {
    expect(decodeText(utf16(SEZARY, 'le'))).toEqual({ text: SEZARY, encoding: 'utf-16le' });
    expect(decodeText(utf16(SEZARY, 'be'))).toEqual({ text: SEZARY, encoding: 'utf-16be' });
  });

  it('uses an encoding the file declares, unless it is UTF-8 and the bytes are not', () => {
    expect(decodeText(windows1252('caf\u00e9'), { declaredEncoding: 'ISO-8859-1' }).text).toBe('caf\u00e9');
    expect(decodeText(windows1252(SEZARY), { declaredEncoding: 'utf-8' }).text).toBe(SEZARY);
    expect(decodeText(utf8('caf\u00e9'), { declaredEncoding: 'no-such-encoding' }).text).toBe('caf\u00e9');
  });

  it('turns every kind of line break into \\n and drops stray control characters', () => {
    const { text } = decodeText(utf8('Stage I\r\nStage II\rStage III\fStage IV\u0007\tend\u0000'));
    expect(text).toBe('Stage I\nStage II\nStage III\nStage IV\tend');
  });

  it('rejects empty and whitespace-only files', () => {
    expect(() => decodeText(new Uint8Array())).toThrow(new ImportRejected('The file is empty.'));
    expect(() => decodeText(utf8(' \r\n\t\n'))).toThrow(new ImportRejected('The file is empty.'));
    expect(() => decodeText(Uint8Array.from([0xff, 0xfe]))).toThrow(new ImportRejected('The file is empty.'));
  });

  it('rejects binary content', () => {
    const binary = new ImportRejected('This file does not look like text (it contains binary data).');
    expect(() => decodeText(PNG)).toThrow(binary);
    expect(() => decodeText(Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))).toThrow(binary);
  });

  it('keeps a text with one stray NUL byte', () => {
    expect(decodeText(utf8(`${SEZARY.repeat(3)}\u0000`)).text).toBe(SEZARY.repeat(3));
  });
});
