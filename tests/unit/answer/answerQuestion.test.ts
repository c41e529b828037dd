import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../core/answer/types';
import { Cairn } from '../../../core/cairn';
import { AI_NOTICE, BANNER, FOOTER_ADD_RECORDS, FOOTER_EDUCATIONAL, FOOTER_GENERAL } from '../../../core/safety';
import { EVAL_PASSAGES } from '../../support/evalCorpus';
import { tinyEmbedderSpec } from '../../support/testEmbedder';

// The library: NCI patient summaries from ../shared/eval (MedQuAD, CC BY 4.0; see evalCorpus.ts).
describe('answers in extractive mode, from the eval corpus', () => {
  let cairn: Cairn;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-answer-'));
    cairn = Cairn.open({ dataDir, embedder: tinyEmbedderSpec });
    const report = await cairn.importLibrary([EVAL_PASSAGES]);
    expect(report.failed).toEqual([]);
  });
  afterAll(async () => {
    await cairn?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const expectFixedTexts = (answer: Answer) => {
    expect(answer.banner).toBe(BANNER);
    expect(answer.aiNotice).toBe(AI_NOTICE);
    expect(answer.footer).toEqual([FOOTER_EDUCATIONAL, FOOTER_GENERAL, FOOTER_ADD_RECORDS]);
  };

  const expectEverythingCited = (answer: Answer) => {
    const ids = new Set(answer.sources.map((s) => s.id));
    const cited = [answer.summary!, answer.keyTakeaway!, ...answer.sections.flatMap((s) => [...s.paragraphs, ...s.bullets])];
    for (const item of cited) {
      expect(item.citations.length).toBeGreaterThan(0);
      for (const n of item.citations) expect(ids.has(n)).toBe(true);
    }
    expect([...ids].sort((a, b) => a - b)).toEqual(answer.sources.map((_, i) => i + 1));
  };

  it.each([
    ['Is surgery an option for metastatic melanoma?', 'Melanoma', 'Surgery for Metastatic Melanoma', 'BRAF'],
    ['Is surgery an option for metastatic pancreatic cancer?', 'Pancreatic Cancer', 'Surgery for Metastatic Pancreatic Cancer', 'BRCA'],
  ])('answers "%s" from the %s guideline', async (question, guideline, title, biomarker) => {
    const answer = await cairn.ask(question);
    expect(answer).toMatchObject({ mode: 'extractive', model: null, title, urgent: null });
    expectFixedTexts(answer);
    expectEverythingCited(answer);
    expect(answer.sources.length).toBeGreaterThan(0);
    expect(answer.sources.every((s) => s.guideline === guideline)).toBe(true);
    expect(answer.sources.every((s) => s.excerpt.length > 0 && s.section.length > 0)).toBe(true);
    const headings = answer.sections.map((s) => s.heading);
    expect(headings[0]).toBe('How surgery fits into treatment');
    expect(headings).toContain('What the main treatment is');
    expect(headings.length).toBeGreaterThanOrEqual(3);
    expect(answer.sections.flatMap((s) => s.bullets).some((b) => /surg/i.test(b.text))).toBe(true);
    expect(answer.questionsToAsk.length).toBeGreaterThanOrEqual(4);
    expect(answer.questionsToAsk.length).toBeLessThanOrEqual(6);
    expect(answer.questionsToAsk.map((q) => q.question).join(' ')).toContain(biomarker);
    expect(answer.importantContext.length).toBeGreaterThan(0);
    expect(answer.timings.totalMs).toBeGreaterThan(0);
  });

  it('says what is missing when the library has nothing on the cancer asked about', async () => {
    const answer = await cairn.ask('Is surgery an option for metastatic mesothelioma?');
    expect(answer).toMatchObject({ mode: 'not-found', cancerType: 'Mesothelioma', sources: [], sections: [] });
    expect(answer.summary?.text).toMatch(/no guideline about mesothelioma.*Import one/);
    expectFixedTexts(answer);
  });

  it('redirects dosing and stop/start questions to the care team, without searching', async () => {
    const dosing = await cairn.ask('How many mg of dabrafenib should I take for my melanoma?');
    expect(dosing).toMatchObject({ mode: 'out-of-scope', sections: [], sources: [] });
    expect(dosing.summary?.text).toMatch(/care team|oncolog|doctor|pharmacist/i);
    const stop = await cairn.ask('Should I stop my chemo because of the side effects?');
    expect(stop.mode).toBe('out-of-scope');
    expectFixedTexts(stop);
  });

  it('puts the urgent notice first for red-flag symptoms, and still answers', async () => {
    const answer = await cairn.ask('I am on chemotherapy for breast cancer and I have a fever of 39 and chills. What are the side effects of chemotherapy?');
    expect(answer.mode).toBe('urgent');
    expect(answer.urgent?.message).toBeTruthy();
    expect(answer.urgent?.matched.length).toBeGreaterThan(0);
    expect(answer.sections.length).toBeGreaterThan(0);
  });

  it('personalizes with a profile: the person\'s values, their biomarker question, retrieval steered to their cancer', async () => {
    const profile = {
      cancerType: { value: 'melanoma', detail: 'superficial spreading' },
      stage: { value: 'IV', tnm: 'pT3b pN1a M1c' },
      metastatic: { value: true, sites: ['liver', 'lymph node'] },
      biomarkers: [{ name: 'BRAF', status: 'positive' as const, detail: 'V600E' }, { name: 'NRAS', status: 'negative' as const }],
      performanceStatus: { scale: 'ECOG' as const, value: 1 },
    };
    // The question names no cancer: the profile's steers retrieval.
    const answer = await cairn.ask('Is surgery an option when the cancer has spread?', { profile });
    expect(answer.cancerType).toBe('Melanoma');
    expect(answer.sources.every((s) => s.guideline === 'Melanoma')).toBe(true);
    expect(answer.personalization?.used).toEqual(expect.arrayContaining(['stage IV', 'BRAF V600E', 'ECOG 1']));
    expect(answer.importantContext).toEqual(expect.arrayContaining(['Your stage: IV (pT3b pN1a M1c).', 'Your BRAF result: positive (V600E).']));
    expect(answer.questionsToAsk.map((q) => q.question)).toContain('Which treatments fit my BRAF V600E result?');
    expect(answer.questionsToAsk.length).toBeLessThanOrEqual(6);
    expect(answer.footer).not.toContain(FOOTER_ADD_RECORDS);
    const general = await cairn.ask('Is surgery an option for metastatic melanoma?');
    expect(general.personalization).toBeNull();
  });

  it('gives a clear message for empty, very long and non-English questions', async () => {
    await expect(cairn.ask('   ')).rejects.toThrow('Please type a question.');
    await expect(cairn.ask('Is surgery an option? '.repeat(1000))).rejects.toThrow(/too long \(\d+ characters; Cairn takes up to 2000\)/);
    await expect(cairn.ask('手術は転移性黒色腫の選択肢ですか？')).rejects.toThrow(/in English/);
  });
});
