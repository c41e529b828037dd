import { describe, expect, it } from 'vitest';
import { ImportRejected, detectFormat, parseFile } from '../../../core/library/import';
import { utf8 } from './bytes';

describe('parseFile', () => {
  it('dispatches on the format detectFormat gives', async () => {
    const files: [string, string][] = [
      ['melanoma.md', '# Melanoma\n\nMelanoma is a skin cancer.'],
      ['melanoma.html', '<html><body><h1>Melanoma</h1><p>Melanoma is a skin cancer.</p></body></html>'],
      ['melanoma.txt', 'Melanoma\n\nMelanoma is a skin cancer.'],
    ];
    for (const [fileName, content] of files) {
      const bytes = utf8(content);
      const format = detectFormat(fileName, bytes);
      expect(format).not.toBeNull();
      const docs = await parseFile(bytes, { fileName, format: format ?? 'text' });
      expect(docs.map((doc) => [doc.format, doc.title, doc.sections[0]?.paragraphs[0]?.text])).toEqual([
        [format, 'Melanoma', 'Melanoma is a skin cancer.'],
      ]);
    }
  });

  it('gives a JSONL file one document per source page', async () => {
    const jsonl = [
      { passage_id: 'a', url: 'https://example.org/1', text: 'One.' },
      { passage_id: 'b', url: 'https://example.org/2', text: 'Two.' },
    ].map((row) => JSON.stringify(row)).join('\n');
    const docs = await parseFile(utf8(jsonl), { fileName: 'p.jsonl', format: 'jsonl' });
    expect(docs.map((doc) => doc.sourceUrl)).toEqual(['https://example.org/1', 'https://example.org/2']);
  });

  it('hands a .pdf that is no PDF to the PDF parser, which rejects it', async () => {
    const bytes = utf8('<html>saved as the wrong type</html>');
    await expect(parseFile(bytes, { fileName: 'guideline.pdf', format: detectFormat('guideline.pdf', bytes) ?? 'text' })).rejects.toThrow(
      ImportRejected,
    );
  });

  it('does not start once cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      parseFile(utf8('Text.'), { fileName: 'a.txt', format: 'text', signal: controller.signal }),
    ).rejects.toThrow(/abort/i);
  });
});
