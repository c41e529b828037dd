import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cairn } from '../../../core/cairn';
import type { ImportProgress } from '../../../core/library/importFiles';
import { makeEncryptedPdf, makePngRenamedPdf, makeTextGuidelinePdf, makeTruncatedPdf } from '../../../scripts/fixtures/guidelinePdfs';
import { EVAL_PASSAGES } from '../../support/evalCorpus';
import { tempDir } from '../../support/tempDir';
import { tinyEmbedderSpec } from '../../support/testEmbedder';
import { windows1252 } from './bytes';

const MELANOMA_MD = `---
title: Melanoma treatment summary
publisher: Cairn test pack
edition: "2026"
cancer_types: [Melanoma]
---
# Melanoma

## Surgery for metastatic melanoma
Surgery may remove a small number of tumors that have spread, when all of them can be taken out.
Medicines that work through the whole body are usually the main treatment for stage IV melanoma.

## Immunotherapy
Immunotherapy helps the immune system find and attack melanoma cells.
`;

const PANCREAS_HTML = `<!doctype html><html><head><title>Pancreatic Cancer Treatment</title>
<script>document.write('TRACKING SCRIPT TEXT')</script></head>
<body><nav>Home | Contact</nav><main><h1>Pancreatic Cancer Treatment</h1>
<h2>Surgery</h2><p>Surgery to remove the tumor is possible only when the cancer has not spread to distant organs.</p>
<h2>Chemotherapy</h2><p>Chemotherapy uses drugs to stop the growth of cancer cells in the pancreas.</p></main>
<footer>Copyright</footer></body></html>`;

describe('importing guideline files', () => {
  let dataDir: string;
  let work: string;
  let cairn: Cairn;

  beforeEach(() => {
    dataDir = tempDir();
    work = tempDir();
    cairn = Cairn.open({ dataDir, embedder: tinyEmbedderSpec });
  });
  afterEach(async () => cairn.close());

  const write = (name: string, content: string | Uint8Array) => {
    const file = path.join(work, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  };

  it('imports a folder of mixed formats with metadata, sections and pages', async () => {
    write('guides/melanoma.md', MELANOMA_MD);
    write('guides/pancreas.html', PANCREAS_HTML);
    write('guides/melanoma-guide.pdf', await makeTextGuidelinePdf());
    write('guides/notes.txt', 'Follow-Up Care\n\nAfter treatment for colon cancer, regular visits check that the cancer has not come back.\n');
    const progress: ImportProgress[] = [];

    const report = await cairn.importLibrary([path.join(work, 'guides')], { onProgress: (p) => progress.push(p) });

    expect(report.failed).toEqual([]);
    expect(report.added.map((d) => d.title).sort()).toEqual(['Follow-Up Care', 'Melanoma: Treatment Guide', 'Melanoma treatment summary', 'Pancreatic Cancer Treatment'].sort());
    const documents = cairn.listDocuments();
    const md = documents.find((d) => d.title === 'Melanoma treatment summary')!;
    expect(md).toMatchObject({ publisher: 'Cairn test pack', edition: '2026', cancerTypes: ['Melanoma'], format: 'markdown', builtIn: false });
    expect(documents.find((d) => d.format === 'html')!.cancerTypes).toEqual(['Pancreatic cancer']);
    expect(documents.find((d) => d.format === 'pdf')!.cancerTypes).toContain('Melanoma');
    expect(new Set(progress.map((p) => p.phase))).toEqual(new Set(['reading', 'parsing', 'embedding', 'writing']));
    expect(progress.at(-1)).toMatchObject({ fileIndex: 4, fileCount: 4 });
    expect(fs.readdirSync(path.join(dataDir, 'imports'))).toHaveLength(4);

    const { results } = await cairn.search('Is surgery an option for metastatic melanoma?', { k: 5 });
    expect(results[0]!.title).toMatch(/Melanoma/);
    expect(results.some((r) => r.section.includes('Surgery for metastatic melanoma'))).toBe(true);
    const pdfHit = results.find((r) => r.title === 'Melanoma: Treatment Guide' && /surgery/i.test(r.section));
    expect(pdfHit?.page).toBe(2);
    const html = await cairn.search('pancreatic cancer surgery', { k: 3 });
    expect(html.results[0]!.title).toBe('Pancreatic Cancer Treatment');
    expect(html.results.map((r) => r.text).join(' ')).not.toContain('TRACKING SCRIPT');
  });

  it('changes nothing when the same file is imported again, and replaces a changed one', async () => {
    const file = write('melanoma.md', MELANOMA_MD);
    await cairn.importLibrary([file]);
    const first = cairn.listDocuments();

    const again = await cairn.importLibrary([file]);
    expect(again.added).toEqual([]);
    expect(again.skipped).toEqual([{ file, reason: 'Already in the library, unchanged.' }]);
    expect(cairn.listDocuments()).toEqual(first);

    fs.writeFileSync(file, MELANOMA_MD.replace('Immunotherapy helps', 'Immunotherapy drugs help'));
    const changed = await cairn.importLibrary([file]);
    expect(changed.added).toMatchObject([{ title: 'Melanoma treatment summary', replaced: true }]);
    const after = cairn.listDocuments();
    expect(after).toHaveLength(1);
    expect(cairn.status().library.chunks).toBe(cairn.status().library.embeddedChunks);
    const { results } = await cairn.search('immunotherapy drugs', { k: 3 });
    expect(results[0]!.text).toContain('Immunotherapy drugs help');
  });

  it('gives each bad file a one-line reason and imports the rest of the batch', async () => {
    const existing = write('melanoma.md', MELANOMA_MD);
    await cairn.importLibrary([existing]);
    const before = cairn.listDocuments();

    const bad = {
      empty: write('batch/empty.md', ''),
      truncated: write('batch/truncated.pdf', await makeTruncatedPdf()),
      encrypted: write('batch/locked.pdf', makeEncryptedPdf()),
      renamed: write('batch/photo.pdf', makePngRenamedPdf()),
      scripts: write('batch/scripts.html', '<html><head><script>alert(1)</script></head><body><script>var x = "hidden"</script></body></html>'),
      huge: path.join(work, 'batch', 'huge.txt'),
    };
    fs.writeFileSync(bad.huge, '');
    fs.truncateSync(bad.huge, 300 * 1024 * 1024); // sparse: 300 MB without using the disk
    const good = write('batch/legacy.txt', windows1252('Sézary Syndrome\n\nTreatment of the Sézary syndrome may include “light therapy”.\n'));

    const report = await cairn.importLibrary([path.join(work, 'batch')]);

    const reasons = Object.fromEntries(report.failed.map((f) => [path.basename(f.file), f.reason]));
    expect(reasons).toEqual({
      'empty.md': 'The file is empty.',
      'truncated.pdf': expect.stringMatching(/damaged or incomplete/),
      'locked.pdf': expect.stringMatching(/password-protected/),
      'photo.pdf': expect.stringMatching(/not a PDF \(it looks like a PNG image\)/),
      'scripts.html': expect.stringMatching(/No readable text/),
      'huge.txt': 'The file is too large (300 MB; Cairn imports files up to 100 MB).',
    });
    for (const reason of Object.values(reasons)) expect(reason).not.toContain('\n');
    expect(report.added).toMatchObject([{ file: good, title: 'Sézary Syndrome' }]);
    const { results } = await cairn.search('light therapy', { k: 1 });
    expect(results[0]!.text).toContain('“light therapy”');
    expect(cairn.listDocuments().filter((d) => d.title === 'Melanoma treatment summary')).toEqual(before);
  });

  it('can be cancelled, keeping the library as it was', async () => {
    const controller = new AbortController();
    const report = await cairn.importLibrary([EVAL_PASSAGES], {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'embedding') controller.abort();
      },
    });
    expect(report).toMatchObject({ cancelled: true, added: [] });
    expect(cairn.status().library).toMatchObject({ documents: 0, chunks: 0 });
  });

  it('keeps JSONL passage ids as external ids', async () => {
    const lines = fs.readFileSync(EVAL_PASSAGES, 'utf8').split('\n').slice(0, 30).join('\n');
    const file = write('subset.jsonl', lines);
    const report = await cairn.importLibrary([file]);
    expect(report.failed).toEqual([]);
    const { results } = await cairn.search('What are the symptoms of adult acute lymphoblastic leukemia?', { k: 5 });
    expect(results[0]!.externalId).toMatch(/^cgov-/);
    expect(results[0]!.title).toBe('Adult Acute Lymphoblastic Leukemia');
  });
});
