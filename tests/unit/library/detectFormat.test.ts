import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../core/library/import/detectFormat';
import { PNG, utf8 } from './bytes';

const PDF = utf8('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');

describe('detectFormat', () => {
  it('goes by the extension, in any case', () => {
    const text = utf8('Some text.');
    expect(detectFormat('guideline.PDF', PDF)).toBe('pdf');
    expect(detectFormat('page.html', text)).toBe('html');
    expect(detectFormat('page.HTM', text)).toBe('html');
    expect(detectFormat('notes.md', text)).toBe('markdown');
    expect(detectFormat('notes.markdown', text)).toBe('markdown');
    expect(detectFormat('notes.txt', text)).toBe('text');
    expect(detectFormat('notes.text', text)).toBe('text');
    expect(detectFormat('passages.jsonl', text)).toBe('jsonl');
    expect(detectFormat('passages.ndjson', text)).toBe('jsonl');
    expect(detectFormat('C:\\Users\\me\\Guides\\melanoma.v2.md', text)).toBe('markdown');
  });

  it('keeps a broken .pdf a PDF, so the PDF parser can say what is wrong with it', () => {
    expect(detectFormat('guideline.pdf', utf8('<html>not a pdf</html>'))).toBe('pdf');
    expect(detectFormat('guideline.pdf', new Uint8Array())).toBe('pdf');
  });

  it('treats PDF content as a PDF whatever the file is called', () => {
    expect(detectFormat('guideline.txt', PDF)).toBe('pdf');
    expect(detectFormat('download', PDF)).toBe('pdf');
  });

  it('sniffs files without a known extension', () => {
    expect(detectFormat('page', utf8('\n<!DOCTYPE html>\n<html lang="en"><body><p>Hi</p></body></html>'))).toBe('html');
    expect(detectFormat('page.aspx', utf8('<!-- saved page --><html><body><p>Hi</p></body></html>'))).toBe('html');
    expect(detectFormat('passages.json', utf8('{"passage_id":"a","text":"x"}\n{"passage_id":"b","text":"y"}\n'))).toBe('jsonl');
    expect(detectFormat('README', utf8('Melanoma\n\nMelanoma is a skin cancer.\n'))).toBe('text');
    expect(detectFormat('data.json', utf8('[1, 2, 3]\n'))).toBe('text');
  });

  it('sends an empty file to the text parser, which says it is empty', () => {
    expect(detectFormat('empty', new Uint8Array())).toBe('text');
    expect(detectFormat('blank.dat', utf8('\n \n'))).toBe('text');
  });

  it('gives null for binary files of other kinds', () => {
    expect(detectFormat('photo.png', PNG)).toBeNull();
    expect(detectFormat('letter.docx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(200)]))).toBeNull();
  });

  it('leaves a PNG renamed .txt to the text parser, which rejects it as binary', () => {
    expect(detectFormat('scan.txt', PNG)).toBe('text');
  });
});
