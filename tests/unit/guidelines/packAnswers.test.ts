import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cairn } from '../../../core/cairn';
import { importModelFile } from '../../../core/models';
import { fixturePaths } from '../../../scripts/fixtures/generateFixtures';
import { tinyEmbedderSpec } from '../../support/testEmbedder';

const PACK = path.resolve(import.meta.dirname, '../../../guidelines');

/** One plain-language question per cancer, and the pack file that should come first. */
const QUESTIONS: [string, string][] = [
  ['I found a lump in my breast. How is it treated?', 'breast.md'],
  ['What targeted drugs are used for non-small cell lung cancer with an EGFR change?', 'non-small-cell-lung.md'],
  ['How is small cell lung cancer treated?', 'small-cell-lung.md'],
  ['Can colon cancer that spread to the liver be removed?', 'colorectal.md'],
  ['How often is PSA checked after prostate cancer treatment?', 'prostate.md'],
  ['Is surgery possible for pancreatic cancer?', 'pancreatic.md'],
  ['My mole turned out to be melanoma. What happens next?', 'melanoma.md'],
  ['How is bladder cancer treated?', 'bladder.md'],
  ['What are the treatment options for kidney cancer?', 'kidney.md'],
  ['Can a liver transplant treat liver cancer?', 'liver.md'],
  ['What is the treatment for stomach cancer?', 'stomach.md'],
  ['How is cancer of the esophagus staged?', 'esophageal.md'],
  ['What is debulking surgery for ovarian cancer?', 'ovarian.md'],
  ['How is cervical cancer treated?', 'cervical.md'],
  ['What is the treatment for cancer of the lining of the uterus?', 'uterine.md'],
  ['Do I need radioactive iodine for thyroid cancer?', 'thyroid.md'],
  ['What side effects does radiation for head and neck cancer cause?', 'head-and-neck.md'],
  ['What is a glioblastoma and how is it treated?', 'brain-glioma.md'],
  ['What is Hodgkin lymphoma?', 'hodgkin-lymphoma.md'],
  ['How is non-Hodgkin lymphoma treated?', 'non-hodgkin-lymphoma.md'],
  ['My dad has CLL. Does he need treatment right away?', 'leukemias.md'],
  ['What is multiple myeloma?', 'multiple-myeloma.md'],
];

describe('the built-in pack in a fresh library', () => {
  let cairn: Cairn;
  let dataDir: string;
  const titleOf = new Map<string, string>();

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-pack-'));
    cairn = Cairn.open({ dataDir, embedder: tinyEmbedderSpec });
    const report = await cairn.ensureBuiltInPack({ env: { CAIRN_BUILTIN_PACK: PACK } });
    expect(report?.failed).toEqual([]);
    for (const doc of cairn.listDocuments()) titleOf.set(path.basename(doc.sourcePath ?? ''), doc.title);
  });
  afterAll(async () => {
    await cairn?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports every pack file on first run, marked as built in, and only once', async () => {
    const documents = cairn.listDocuments();
    expect(documents.length).toBe(30);
    expect(documents.every((d) => d.builtIn)).toBe(true);
    expect(await cairn.ensureBuiltInPack({ env: { CAIRN_BUILTIN_PACK: PACK } })).toBeNull();
    expect(await cairn.ensureBuiltInPack({ env: { CAIRN_BUILTIN_PACK: 'none' } })).toBeNull();
  });

  it.each(QUESTIONS)('search finds the right file first: %s', async (question, file) => {
    const { results } = await cairn.search(question, { k: 3 });
    expect(results[0]?.title).toBe(titleOf.get(file));
  });

  it.each([
    ['Is surgery an option for metastatic melanoma?', 'melanoma.md'],
    ['Is surgery an option for metastatic pancreatic cancer?', 'pancreatic.md'],
  ])('answers "%s" from its file, in extractive mode', async (question, file) => {
    const answer = await cairn.ask(question, { mode: 'extractive' });
    expect(answer.mode).toBe('extractive');
    expect(answer.sources.length).toBeGreaterThan(0);
    expect(answer.sources.every((s) => s.guideline === titleOf.get(file))).toBe(true);
    expect(answer.sources.some((s) => /Surgery when the cancer has spread/.test(s.section))).toBe(true);
    // The direct answer first: the summary quotes the section about surgery once the cancer has spread.
    const summarySource = answer.sources.find((s) => s.id === answer.summary?.citations[0]);
    expect(summarySource?.section).toMatch(/› Surgery when the cancer has spread$/);
    expect(answer.sections[0]?.heading).toBe('How surgery fits into treatment');
    expect(answer.sources.every((s) => s.publisher === 'Cairn starter pack')).toBe(true);
    // Each cited summary says which public guideline it is based on (its section's sources).
    expect(answer.sources.every((s) => s.basedOn.length > 0)).toBe(true);
    expect(answer.sources.flatMap((s) => s.basedOn).join(' ')).toMatch(/NCCN Guidelines for Patients|National Cancer Institute/);
    expect(answer.relatedResources.map((r) => r.name)).toContain('NCI Cancer Information Service');
    expect(answer.relatedResources.every((r) => r.contact.length > 0)).toBe(true);
  });

  it('answers both seed questions in llm mode with the fixture model, from their files', async () => {
    const model = await importModelFile(cairn.models, fixturePaths.tinyGguf, { name: 'Tiny fixture' });
    cairn.models.setActive(model.id);
    try {
      for (const [question, file] of [
        ['Is surgery an option for metastatic melanoma?', 'melanoma.md'],
        ['Is surgery an option for metastatic pancreatic cancer?', 'pancreatic.md'],
      ] as const) {
        const answer = await cairn.ask(question, { mode: 'llm' });
        expect(answer).toMatchObject({ mode: 'llm', model: 'Tiny fixture' });
        expect(answer.sources.every((s) => s.guideline === titleOf.get(file))).toBe(true);
        expect(answer.sections.length).toBeGreaterThan(0);
      }
    } finally {
      cairn.models.remove(model.id);
    }
  });
});
