import { describe, expect, it } from 'vitest';
import { parseText } from '../../../core/library/import/parseText';
import { ImportRejected } from '../../../core/library/import/types';
import type { ParsedDocument } from '../../../core/library/import/types';
import { PNG, utf16, utf8, windows1252 } from './bytes';

const NOTES = `CUTANEOUS T-CELL LYMPHOMA

Patient notes from the \u201cS\u00e9zary syndrome\u201d clinic \u2014 2024.

SIGNS AND SYMPTOMS

Mycosis fungoides and S\u00e9zary syndrome may cause red, itchy skin. The
patient\u2019s lymph nodes may also be swollen.

Tests That Examine the Skin and Blood

\u2022 Physical exam and health history
\u2022 Skin biopsy, where all or part of a skin
  growth is removed
\u2022 Complete blood count with differential

Treatment options
-----------------

Treatment depends on the stage.
`;

function parse(bytes: Uint8Array, fileName = 'notes.txt'): ParsedDocument {
  return parseText(bytes, { fileName });
}

function outline(doc: ParsedDocument): [number, string, string[]][] {
  return doc.sections.map((section) => [section.level, section.heading, section.paragraphs.map((p) => p.text)]);
}

describe('parseText', () => {
  it('reads a windows-1252 file with curly quotes and accents, guessing headings and list items', () => {
    const doc = parse(windows1252(NOTES));
    expect(doc).toMatchObject({ title: 'CUTANEOUS T-CELL LYMPHOMA', format: 'text' });
    expect(outline(doc)).toEqual([
      [1, 'CUTANEOUS T-CELL LYMPHOMA', ['Patient notes from the \u201cS\u00e9zary syndrome\u201d clinic \u2014 2024.']],
      [
        2,
        'SIGNS AND SYMPTOMS',
        ['Mycosis fungoides and S\u00e9zary syndrome may cause red, itchy skin. The patient\u2019s lymph nodes may also be swollen.'],
      ],
      [
        3,
        'Tests That Examine the Skin and Blood',
        [
          'Physical exam and health history',
          'Skin biopsy, where all or part of a skin growth is removed',
          'Complete blood count with differential',
        ],
      ],
      [2, 'Treatment options', ['Treatment depends on the stage.']],
    ]);
  });

  it('reads UTF-16LE with a byte-order mark and Windows line endings', () => {
    const doc = parse(utf16(NOTES.replace(/\n/g, '\r\n'), 'le'));
    expect(outline(doc)).toEqual(outline(parse(utf8(NOTES))));
  });

  it('does not take sentences or lower-case lines for headings, and names the file after itself', () => {
    const doc = parse(
      utf8('Ask your doctor about clinical trials.\n\nbring a list of your medicines\n\nThe trial may help.\n\nNext Steps\n'),
      'C:\\notes\\visit 3.txt',
    );
    expect(doc.title).toBe('visit 3');
    expect(outline(doc)).toEqual([
      [0, '', ['Ask your doctor about clinical trials.', 'bring a list of your medicines', 'The trial may help.', 'Next Steps']],
    ]);
  });

  it('gives one paragraph per line when lines are too long to be hard-wrapped', () => {
    const long = 'Leukemia may affect red blood cells, white blood cells, and platelets, and the symptoms depend on which.';
    const doc = parse(utf8(`${long}\n${long.toUpperCase()}\n`));
    expect(doc.sections[0]?.paragraphs).toHaveLength(2);
  });

  it('reads numbered headings as nested levels', () => {
    const doc = parse(utf8('Guideline\n\n1 Staging\n\nText.\n\n1.1 Stage III Melanoma\n\nMore text.\n'));
    expect(outline(doc).map(([level, heading]) => [level, heading])).toEqual([
      [1, 'Guideline'],
      [2, '1 Staging'],
      [3, '1.1 Stage III Melanoma'],
    ]);
  });

  it('rejects an empty file and a PNG renamed .txt', () => {
    expect(() => parse(new Uint8Array(), 'empty.txt')).toThrow(new ImportRejected('The file is empty.'));
    expect(() => parse(PNG, 'scan.txt')).toThrow(
      new ImportRejected('This file does not look like text (it contains binary data).'),
    );
  });
});
