import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../core/library/import/parseMarkdown';
import { ImportRejected } from '../../../core/library/import/types';
import type { ParsedDocument } from '../../../core/library/import/types';
import { utf8 } from './bytes';

const GUIDE = `---
title: Melanoma — treatment by stage
publisher: Cairn starter pack
edition: 2025
cancer_types:
  - melanoma
  - skin cancer
source_url: https://www.cancer.gov/types/skin/hp/melanoma-treatment-pdq
license: Written for Cairn in its own words; CC BY 4.0
built_in: true
reviewed: 2025-03-01
sources:
  - id: nccn-melanoma-2025
    title: "NCCN Guidelines for Melanoma: Cutaneous, version 2.2025"
  - id: nci-melanoma-treatment
    title: Melanoma Treatment (PDQ®)
---

# Melanoma

Melanoma starts in **melanocytes**, the cells that give skin its colour. See the
[NCI summary](https://www.cancer.gov/types/skin) for more. ![Diagram of the skin](skin.png)

## Staging
<!-- sources: nccn-melanoma-2025, nci-melanoma-treatment -->

Staging uses the *TNM* system and the \`pT\` category &amp; sentinel node status.

| Stage | Usual treatment |
|-------|-----------------|
| 0 | Wide local excision |
| IIIB | Surgery, then [adjuvant](#adjuvant) immunotherapy |

### Stage III

- Wide local excision with
  sentinel lymph node biopsy
- Adjuvant therapy:
  - nivolumab or pembrolizumab
  - dabrafenib plus trametinib for *BRAF* V600 mutations

> Discuss clinical trials with every patient.

Follow-up care
--------------
<!--
sources: nci-melanoma-treatment
reviewed: 2025-03-01
-->

1. Skin checks every 3 to 6 months.
2. Imaging as the stage requires.

<div class="note"><p>Call your care team about <b>new</b> moles.</p><script>track("note")</script></div>
`;

function parse(markdown: string, fileName = 'melanoma.md'): ParsedDocument {
  return parseMarkdown(utf8(markdown), { fileName });
}

describe('parseMarkdown', () => {
  it('reads front matter into the document fields, keeping other keys in extra', () => {
    const doc = parse(GUIDE);
    expect(doc).toMatchObject({
      title: 'Melanoma — treatment by stage',
      format: 'markdown',
      publisher: 'Cairn starter pack',
      edition: '2025',
      cancerTypes: ['melanoma', 'skin cancer'],
      sourceUrl: 'https://www.cancer.gov/types/skin/hp/melanoma-treatment-pdq',
      licenseNote: 'Written for Cairn in its own words; CC BY 4.0',
      builtIn: true,
    });
    expect(doc.extra).toEqual({
      reviewed: '2025-03-01',
      sources: [
        { id: 'nccn-melanoma-2025', title: 'NCCN Guidelines for Melanoma: Cutaneous, version 2.2025' },
        { id: 'nci-melanoma-treatment', title: 'Melanoma Treatment (PDQ®)' },
      ],
    });
  });

  it('turns headings into sections in order, with their levels, and blocks into plain paragraphs', () => {
    const doc = parse(GUIDE);
    expect(doc.sections.map((section) => [section.level, section.heading])).toEqual([
      [1, 'Melanoma'],
      [2, 'Staging'],
      [3, 'Stage III'],
      [2, 'Follow-up care'],
    ]);
    const paragraphs = doc.sections.map((section) => section.paragraphs.map((paragraph) => paragraph.text));
    expect(paragraphs).toEqual([
      ['Melanoma starts in melanocytes, the cells that give skin its colour. See the NCI summary for more.'],
      [
        'Staging uses the TNM system and the pT category & sentinel node status.',
        'Stage | Usual treatment',
        '0 | Wide local excision',
        'IIIB | Surgery, then adjuvant immunotherapy',
      ],
      [
        'Wide local excision with sentinel lymph node biopsy',
        'Adjuvant therapy:',
        'nivolumab or pembrolizumab',
        'dabrafenib plus trametinib for BRAF V600 mutations',
        'Discuss clinical trials with every patient.',
      ],
      ['Skin checks every 3 to 6 months.', 'Imaging as the stage requires.', 'Call your care team about new moles.'],
    ]);
  });

  it('never lets section source comments or script into the text', () => {
    const text = JSON.stringify(parse(GUIDE).sections);
    expect(text).not.toMatch(/sources:|nccn-melanoma-2025|<!--|track|<\/?\w+>/);
  });

  it('takes the title from the first level-1 heading, else the file name', () => {
    expect(parse('Intro text.\n\n## Background\n\nMore.\n\n# Breast cancer screening\n\nText.').title).toBe(
      'Breast cancer screening',
    );
    expect(parse('## Only a subsection\n\nText.', 'guides/screening-2024.v2.md').title).toBe('screening-2024.v2');
  });

  it('keeps text before the first heading in a level-0 section and reads setext level-1 headings', () => {
    const doc = parse('A short note.\n\nColorectal cancer\n=================\n\nText.');
    expect(doc.title).toBe('Colorectal cancer');
    expect(doc.sections).toEqual([
      { heading: '', level: 0, paragraphs: [{ text: 'A short note.' }] },
      { heading: 'Colorectal cancer', level: 1, paragraphs: [{ text: 'Text.' }] },
    ]);
  });

  it('accepts camelCase keys, year for the edition and a comma-separated list of cancer types', () => {
    const doc = parse('---\nyear: 2024\ncancerTypes: lung cancer, mesothelioma\nurl: https://example.org/lung\nlicense_note: Public domain\nbuiltIn: false\n---\n# Lung\n\nText.');
    expect(doc).toMatchObject({
      edition: '2024',
      cancerTypes: ['lung cancer', 'mesothelioma'],
      sourceUrl: 'https://example.org/lung',
      licenseNote: 'Public domain',
      builtIn: false,
    });
    expect(doc.extra).toBeUndefined();
  });

  it('rejects invalid front matter YAML with the line it is on', () => {
    const bad = '---\ntitle: Melanoma\npublisher: "NCI\n---\n# Melanoma\n';
    expect(() => parse(bad)).toThrow(ImportRejected);
    expect(() => parse(bad)).toThrow(/^The front matter is not valid YAML on line \d+: .+\.$/);
    expect(() => parse('---\ntitle: A\ntitle: B\n---\nText.')).toThrow(
      new ImportRejected('The front matter is not valid YAML on line 3: map keys must be unique.'),
    );
  });

  it('rejects front matter that is not closed, not a mapping, or has a field of the wrong kind', () => {
    expect(() => parse('---\ntitle: Melanoma\n\n# Melanoma\n')).toThrow(
      new ImportRejected('The front matter that starts on line 1 has no closing --- line.'),
    );
    expect(() => parse('---\n- melanoma\n---\nText.')).toThrow(
      new ImportRejected('The front matter must be a list of "key: value" lines.'),
    );
    expect(() => parse('---\nbuilt_in: yes please\n---\nText.')).toThrow(
      new ImportRejected('The front matter field "built_in" must be true or false.'),
    );
  });

  it('rejects a file with nothing but front matter', () => {
    expect(() => parse('---\ntitle: Empty\n---\n\n<!-- nothing yet -->\n')).toThrow(
      new ImportRejected('No readable text was found in this Markdown file.'),
    );
  });
});
