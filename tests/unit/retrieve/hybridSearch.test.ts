import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cairn } from '../../../core/cairn';
import { tinyEmbedderSpec } from '../../support/testEmbedder';

/** A small library in the shape guideline documents have: one file per cancer, headed sections. */
const DOCUMENTS: Record<string, string> = {
  'nsclc.md': `# Non-Small Cell Lung Cancer\n\n## Treatment\nTreatment of non-small cell lung cancer depends on the stage and on biomarkers such as EGFR and ALK. Targeted therapy is used when the tumor has one of these changes.\n\n## Stages\nStaging describes how far the lung tumor has spread, from stage I to stage IV.\n`,
  'melanoma.md': `# Melanoma\n\n## What is melanoma\nMelanoma is a cancer of the cells that give skin its color.\n\n## Stages of melanoma\nStage IV melanoma has spread to distant organs such as the lung, liver or brain.\n\n## Treatment\nSurgery removes the primary tumor. Immunotherapy and targeted therapy treat melanoma that has spread.\n`,
  'colon.md': `# Colon Cancer\n\n## Treatment\nSurgery to remove part of the colon is the most common treatment for colon cancer. Chemotherapy may follow.\n`,
  'colorectal.md': `# Colorectal Cancer Screening\n\n## Screening tests\nColonoscopy and stool tests find colorectal cancer early, when treatment works best.\n`,
  'rectal.md': `# Rectal Cancer\n\n## Treatment\nRadiation therapy and chemotherapy are often given before surgery for rectal cancer.\n`,
  'cll.md': `# Chronic Lymphocytic Leukemia\n\n## Treatment\nMany people with early chronic lymphocytic leukemia are watched closely before any treatment starts.\n`,
  'myeloma.md': `# Multiple Myeloma\n\n## Treatment\nTreatment of multiple myeloma may include targeted drugs, a stem cell transplant and supportive care.\n`,
  'breast.md': `# Breast Cancer\n\n## Treatment\nSurgery, radiation therapy, hormone therapy and chemotherapy are used to treat breast cancer.\n`,
};

describe('hybrid search', () => {
  let cairn: Cairn;
  let dataDir: string;

  beforeAll(async () => {
    // Lives for the whole file (tempDir() is removed after each test).
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-search-'));
    const folder = path.join(dataDir, 'guides');
    fs.mkdirSync(folder);
    for (const [name, text] of Object.entries(DOCUMENTS)) fs.writeFileSync(path.join(folder, name), text);
    cairn = Cairn.open({ dataDir, embedder: tinyEmbedderSpec });
    const report = await cairn.importLibrary([folder]);
    expect(report.failed).toEqual([]);
  });
  afterAll(async () => {
    await cairn?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const top = async (query: string, k = 3) => (await cairn.search(query, { k })).results.map((r) => `${r.title} › ${r.section}`);

  it('understands abbreviations: NSCLC finds the document that spells it out', async () => {
    const { results, understanding } = await cairn.search('What is the treatment for NSCLC with an EGFR mutation?', { k: 3 });
    expect(understanding.cancerTypes).toEqual(['Non-small cell lung cancer']);
    expect(results[0]).toMatchObject({ title: 'Non-Small Cell Lung Cancer', section: 'Non-Small Cell Lung Cancer › Treatment' });
  });

  it('understands CLL and "blood cancer"', async () => {
    expect((await top('How is CLL treated?'))[0]).toBe('Chronic Lymphocytic Leukemia › Chronic Lymphocytic Leukemia › Treatment');
    const blood = (await cairn.search('What treatments are there for blood cancer?', { k: 2 })).results.map((r) => r.title);
    expect(blood.sort()).toEqual(['Chronic Lymphocytic Leukemia', 'Multiple Myeloma']);
  });

  it('tells colon from colorectal and rectal, and uses the family when it answers', async () => {
    const treated = await top('How is colon cancer treated?', 8);
    expect(treated[0]).toBe('Colon Cancer › Colon Cancer › Treatment');
    expect(treated.indexOf('Rectal Cancer › Rectal Cancer › Treatment')).toBeGreaterThan(0);
    // The colorectal screening guide (the family) answers a screening question about colon cancer.
    expect((await top('Which tests find colon cancer early?'))[0]).toBe('Colorectal Cancer Screening › Colorectal Cancer Screening › Screening tests');
  });

  it('answers skin cancer questions from melanoma', async () => {
    expect((await top('What are the treatments for skin cancer?'))[0]).toBe('Melanoma › Melanoma › Treatment');
  });

  it('prefers the section that answers what is asked', async () => {
    expect((await top('What are the stages of melanoma?'))[0]).toBe('Melanoma › Melanoma › Stages of melanoma');
    expect((await top('What is melanoma?'))[0]).toBe('Melanoma › Melanoma › What is melanoma');
  });

  it('still returns the best passages when the library has nothing on the cancer named', async () => {
    const { results, understanding } = await cairn.search('Is surgery used for thyroid cancer?', { k: 3 });
    expect(understanding.cancerTypes).toEqual(['Thyroid cancer']);
    expect(results).toHaveLength(3);
    expect(results.some((r) => /surgery/i.test(r.text))).toBe(true);
  });

  it('gives every result its provenance and a score', async () => {
    const { results } = await cairn.search('surgery', { k: 5 });
    for (const result of results) {
      expect(result).toMatchObject({ chunkId: expect.any(Number), documentId: expect.any(Number), title: expect.any(String), section: expect.any(String), score: expect.any(Number) });
    }
    const scores = results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('never mixes vectors from two embedders: BM25 only until the library is re-embedded', async () => {
    const other = Cairn.open({ dataDir, embedder: { kind: 'use-lite' } });
    try {
      const before = await other.search('melanoma treatment', { k: 3 });
      expect(before.usedVectors).toBe(false);
      expect(before.results[0]!.title).toBe('Melanoma');
    } finally {
      await other.close();
    }
    expect((await cairn.search('melanoma treatment')).usedVectors).toBe(true);
  });
});
