import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJsonl } from '../../../core/library/import/parseJsonl';
import { ImportRejected } from '../../../core/library/import/types';
import type { ParsedDocument } from '../../../core/library/import/types';
import { utf8 } from './bytes';

function parse(lines: (string | object)[], fileName = 'passages.jsonl'): ParsedDocument[] {
  const text = lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n');
  return parseJsonl(utf8(text), { fileName });
}

const URL_A = 'https://www.cancer.gov/types/leukemia/patient/adult-all-treatment-pdq';
const URL_B = 'https://www.cancer.gov/types/myeloproliferative/patient/chronic-treatment-pdq';

describe('parseJsonl', () => {
  it('makes one section per row, keeping the passage id, with one paragraph per line of text', () => {
    const [doc, ...rest] = parse([
      { passage_id: 'p-1', doc_id: 'd1', url: URL_A, focus: 'Adult Acute Lymphoblastic Leukemia', section: 'exams and tests', text: 'Key Points\n- Tests that examine the blood are used.\n\n- A bone marrow biopsy may be done.' },
      '',
      { passage_id: 'p-2', doc_id: 'd1', url: URL_A, focus: 'Adult Acute Lymphoblastic Leukemia', section: 'treatment', text: 'There are different types of treatment.' },
    ]);
    expect(rest).toEqual([]);
    expect(doc).toEqual({
      title: 'Adult Acute Lymphoblastic Leukemia',
      format: 'jsonl',
      sourceUrl: URL_A,
      cancerTypes: ['Adult Acute Lymphoblastic Leukemia'],
      sections: [
        {
          heading: 'Exams and tests',
          level: 1,
          externalId: 'p-1',
          paragraphs: [
            { text: 'Key Points' },
            { text: '- Tests that examine the blood are used.' },
            { text: '- A bone marrow biopsy may be done.' },
          ],
        },
        { heading: 'Treatment', level: 1, externalId: 'p-2', paragraphs: [{ text: 'There are different types of treatment.' }] },
      ],
    });
  });

  it('groups rows by (url, focus), else url, else title, else focus, else one document for the file', () => {
    const docs = parse([
      { passage_id: '1', url: URL_B, focus: 'Polycythemia Vera', text: 'a' },
      { passage_id: '2', url: URL_B, focus: 'Essential Thrombocythemia', text: 'b' },
      { passage_id: '3', url: URL_B, focus: 'Polycythemia Vera', text: 'c' },
      { passage_id: '4', url: URL_A, title: 'ALL treatment', text: 'd' },
      { passage_id: '5', url: URL_A, text: 'e' },
      { passage_id: '6', title: 'Notes on staging', text: 'f' },
      { passage_id: '7', focus: 'Melanoma', text: 'g' },
      { passage_id: '8', text: 'h' },
      { passage_id: '9', text: 'i', section: '' },
    ], 'exports/medquad.jsonl');
    expect(docs.map((doc) => [doc.title, doc.sourceUrl, doc.cancerTypes, doc.sections.map((s) => s.externalId)])).toEqual([
      ['Polycythemia Vera', URL_B, ['Polycythemia Vera'], ['1', '3']],
      ['Essential Thrombocythemia', URL_B, ['Essential Thrombocythemia'], ['2']],
      ['ALL treatment', URL_A, undefined, ['4', '5']],
      ['Notes on staging', undefined, undefined, ['6']],
      ['Melanoma', undefined, ['Melanoma'], ['7']],
      ['medquad', undefined, undefined, ['8', '9']],
    ]);
    expect(docs[5]?.sections[0]).toMatchObject({ heading: '', level: 0 });
  });

  it('rejects the whole file at the first bad line, saying which line', () => {
    const good = { passage_id: 'p-1', text: 'Text.' };
    const cases: [(string | object)[], string][] = [
      [[good, '{"passage_id": "p-2", "text": "unterminated}'], 'Line 2 is not valid JSON.'],
      [[good, '', { text: 'No id here.' }], 'Line 3 has no passage_id.'],
      [[good, { passage_id: '  ', text: 'Blank id.' }], 'Line 2 has no passage_id.'],
      [[{ passage_id: 'p-9', text: '   ' }, good], 'Line 1 has no text.'],
      [[good, '["p-2", "Text."]'], 'Line 2 is not a JSON object.'],
      [[good, { passage_id: 'p-2', text: 'Text.', url: 42 }], 'Line 2 has a url that is not text.'],
      [[good, { passage_id: 'p-1', text: 'Again.' }], 'Line 2 repeats passage_id "p-1" from line 1.'],
    ];
    for (const [lines, message] of cases) {
      expect(() => parse(lines)).toThrow(new ImportRejected(message));
    }
    expect(() => parseJsonl(new Uint8Array(), { fileName: 'empty.jsonl' })).toThrow(new ImportRejected('The file is empty.'));
  });
});

// Contains data from MedQuAD (Ben Abacha & Demner-Fushman, 2019), CC BY 4.0;
// source: National Cancer Institute, cancer.gov.
const MEDQUAD = '/work/shared/eval/medquad-cancergov-passages.jsonl';

describe.skipIf(!existsSync(MEDQUAD))('parseJsonl on the MedQuAD cancer.gov passages', () => {
  const bytes = existsSync(MEDQUAD) ? readFileSync(MEDQUAD) : Buffer.alloc(0);
  const rows = bytes
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { passage_id: string; url: string; focus: string });

  it('keeps every row under its own passage id', () => {
    const docs = parseJsonl(bytes, { fileName: 'medquad-cancergov-passages.jsonl' });
    const ids = docs.flatMap((doc) => doc.sections.map((section) => section.externalId));
    expect(rows).toHaveLength(729);
    expect(ids).toHaveLength(729);
    expect(new Set(ids).size).toBe(729);
    expect(new Set(ids)).toEqual(new Set(rows.map((row) => row.passage_id)));
  });

  it('groups the passages by page and disease', () => {
    const docs = parseJsonl(bytes, { fileName: 'medquad-cancergov-passages.jsonl' });
    expect(new Set(docs.map((doc) => doc.sourceUrl)).size).toBe(106);
    expect(docs).toHaveLength(new Set(rows.map((row) => `${row.url} ${row.focus}`)).size);
    for (const doc of docs) {
      const ids = new Set(doc.sections.map((section) => section.externalId));
      const members = rows.filter((row) => ids.has(row.passage_id));
      expect(new Set(members.map((row) => row.url))).toEqual(new Set([doc.sourceUrl]));
      expect(doc.cancerTypes).toEqual([doc.title]);
    }
    // One cancer.gov page covers seven chronic myeloproliferative neoplasms: each is its own document.
    const chronic = docs.filter((doc) => doc.sourceUrl === URL_B).map((doc) => doc.title);
    expect(chronic).toHaveLength(7);
    expect(chronic).toContain('Polycythemia Vera');
  });
});
