import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftSchema } from '../../../core/answer/types';
import { Cairn } from '../../../core/cairn';
import { importModelFile } from '../../../core/models';
import { AI_NOTICE, BANNER, FOOTER_EDUCATIONAL } from '../../../core/safety';
import { fixturePaths } from '../../../scripts/fixtures/generateFixtures';
import { tinyEmbedderSpec } from '../../support/testEmbedder';

const MELANOMA = `# Melanoma Treatment Guide

## Surgery for metastatic melanoma
Surgery may remove a few tumors that have spread when every one of them can be taken out.
It is usually combined with medicines that work in the whole body.

## Main treatment for stage IV melanoma
Immunotherapy and targeted therapy are the main treatments for stage IV melanoma.
`;

/**
 * llm mode end to end, with the tiny fixture GGUF (random weights: the prose is babble, so these
 * tests check structure, citations and the fixed texts, never wording).
 */
describe('cairn ask with a local model', () => {
  let cairn: Cairn;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-llm-'));
    fs.writeFileSync(path.join(dataDir, 'melanoma.md'), MELANOMA);
    cairn = Cairn.open({ dataDir, embedder: tinyEmbedderSpec });
    await cairn.importLibrary([path.join(dataDir, 'melanoma.md')]);
    const model = await importModelFile(cairn.models, fixturePaths.tinyGguf, { name: 'Tiny fixture' });
    cairn.models.setActive(model.id);
  });
  afterAll(async () => {
    await cairn?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers in llm mode: schema-valid, every citation a source, fixed texts from code', async () => {
    const tokens: string[] = [];
    const answer = await cairn.ask('Is surgery an option for metastatic melanoma?', { mode: 'llm', onToken: (t) => tokens.push(t) });
    expect(answer).toMatchObject({ mode: 'llm', model: 'Tiny fixture', banner: BANNER, aiNotice: AI_NOTICE, cancerType: 'Melanoma' });
    expect(answer.footer[0]).toBe(FOOTER_EDUCATIONAL);
    expect(tokens.length).toBeGreaterThan(0);
    expect(() => draftSchema.parse(JSON.parse(tokens.join('')))).not.toThrow();
    const ids = new Set(answer.sources.map((s) => s.id));
    for (const item of [answer.summary, answer.keyTakeaway, ...answer.sections.flatMap((s) => [...s.paragraphs, ...s.bullets])]) {
      if (!item) continue;
      expect(item.citations.length).toBeGreaterThan(0);
      for (const n of item.citations) expect(ids.has(n)).toBe(true);
    }
    expect(answer.sources.every((s) => s.guideline === 'Melanoma Treatment Guide')).toBe(true);
    expect(answer.questionsToAsk.length).toBeGreaterThanOrEqual(4);
    expect(answer.questionsToAsk.length).toBeLessThanOrEqual(6);
  });

  it('can be cancelled while the model writes', async () => {
    const controller = new AbortController();
    const pending = cairn.ask('Is surgery an option for metastatic melanoma?', { mode: 'llm', signal: controller.signal, onToken: () => controller.abort() });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('answers extractively on request even with a model installed', async () => {
    const answer = await cairn.ask('Is surgery an option for metastatic melanoma?', { mode: 'extractive' });
    expect(answer).toMatchObject({ mode: 'extractive', model: null });
  });
});
