import type { GbnfJsonSchema, Llama } from 'node-llama-cpp';
import { beforeAll, describe, expect, it } from 'vitest';
import { DRAFT_KEYS, DRAFT_LIMITS, draftJsonSchema } from '../../../core/answer/draftJsonSchema';
import { citedTextSchema, draftSchema, questionToAskSchema, type Draft } from '../../../core/answer/types';
import { getTestLlama } from '../../support/llama';

const cited = (text: string, ...citations: number[]) => ({ text, citations });

/** A draft of the shape DESIGN.md describes, citing passages 1-3. */
const sample: Draft = {
  title: 'Surgery for Metastatic Melanoma',
  summary: cited('Sometimes. Surgery can be part of the plan when every tumor can be removed.', 1, 2),
  sections: [
    { heading: 'How surgery fits into treatment', paragraphs: [cited('Medicines are usually the main treatment.', 1)], bullets: [] },
    { heading: 'When surgery might be used', paragraphs: [], bullets: [cited('A few tumors a surgeon can reach.', 2), cited('Tumors that cause pain.', 3)] },
  ],
  questionsToAsk: [
    { question: 'Can all of my tumors be removed?', why: 'This decides whether surgery is an option.' },
    { question: 'Should I have medicine before or after surgery?', why: 'The order matters.' },
    { question: 'Has my tumor been tested for BRAF?', why: 'It changes which medicines may work.' },
    { question: 'Is there a clinical trial I could join?', why: 'Trials may offer new options.' },
  ],
  importantContext: ['How many tumors there are and where', 'BRAF status'],
  keyTakeaway: cited('Surgery can help some people, usually together with medicines.', 1, 2),
};

/** The property names a JSON object schema lists. */
function propertyNames(schema: GbnfJsonSchema | undefined): string[] {
  return schema && 'properties' in schema && schema.properties ? Object.keys(schema.properties) : [];
}

function property(schema: GbnfJsonSchema | undefined, ...names: string[]): GbnfJsonSchema | undefined {
  let current = schema;
  for (const name of names) {
    if (current && 'items' in current && current.items) current = current.items;
    current = current && 'properties' in current ? current.properties?.[name] : undefined;
  }
  return current && 'items' in current && current.items ? current.items : current;
}

describe('draftJsonSchema', () => {
  let llama: Llama;
  beforeAll(async () => {
    llama = await getTestLlama();
  });

  it('lists exactly the keys of draftSchema, at every level', () => {
    const schema = draftJsonSchema([1, 2, 3]);
    expect(propertyNames(schema).sort()).toEqual(Object.keys(draftSchema.shape).sort());
    expect(propertyNames(schema)).toEqual([...DRAFT_KEYS]);
    const citedKeys = Object.keys(citedTextSchema.shape).sort();
    expect(propertyNames(property(schema, 'summary')).sort()).toEqual(citedKeys);
    expect(propertyNames(property(schema, 'keyTakeaway')).sort()).toEqual(citedKeys);
    expect(propertyNames(property(schema, 'sections')).sort()).toEqual(Object.keys(draftSchema.shape.sections.element.shape).sort());
    expect(propertyNames(property(schema, 'sections', 'paragraphs')).sort()).toEqual(citedKeys);
    expect(propertyNames(property(schema, 'sections', 'bullets')).sort()).toEqual(citedKeys);
    expect(propertyNames(property(schema, 'questionsToAsk')).sort()).toEqual(Object.keys(questionToAskSchema.shape).sort());
  });

  it("accepts, through the grammar's own validator, a draft that draftSchema accepts", async () => {
    expect(draftSchema.safeParse(sample).success).toBe(true);
    const grammar = await llama.createGrammarForJsonSchema(draftJsonSchema([1, 2, 3]));
    expect(grammar.parse(JSON.stringify(sample))).toEqual(sample);
  });

  it('is stricter than draftSchema where it helps: passage numbers shown, at least one citation, bounded lists', async () => {
    const grammar = await llama.createGrammarForJsonSchema(draftJsonSchema([1, 2]));
    const unknownPassage = { ...sample, summary: cited('Yes.', 3) };
    const uncited = { ...sample, keyTakeaway: cited('Yes.') };
    const tooManyQuestions = { ...sample, questionsToAsk: Array.from({ length: DRAFT_LIMITS.questionsToAsk.max + 1 }, () => sample.questionsToAsk[0]) };
    const emptyTitle = { ...sample, title: '' };
    for (const draft of [unknownPassage, uncited, tooManyQuestions]) {
      expect(draftSchema.safeParse(draft).success).toBe(true);
      expect(() => grammar.parse(JSON.stringify(draft))).toThrow();
    }
    expect(draftSchema.safeParse(emptyTitle).success).toBe(false);
    expect(() => grammar.parse(JSON.stringify(emptyTitle))).toThrow();
  });

  it('allows no citations at all when there are no passages', async () => {
    const grammar = await llama.createGrammarForJsonSchema(draftJsonSchema([]));
    const uncited = {
      ...sample,
      summary: cited('The library has nothing on this.'),
      sections: [{ heading: 'What is missing', paragraphs: [cited('No passage covers it.')], bullets: [] }],
      keyTakeaway: cited('Ask your care team.'),
    };
    expect(grammar.parse(JSON.stringify(uncited))).toEqual(uncited);
    expect(() => grammar.parse(JSON.stringify(sample))).toThrow();
  });
});
