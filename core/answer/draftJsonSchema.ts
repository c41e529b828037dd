import type { GbnfJsonObjectSchema, GbnfJsonSchema } from 'node-llama-cpp';

/**
 * The JSON schema that constrains what the local model writes: `draftSchema` (types.ts) written
 * out by hand in the subset node-llama-cpp 3.21's JSON-schema grammar supports (`type`,
 * `properties`, `items`, `minItems`/`maxItems`, `minLength`/`maxLength`, `enum`, `const`,
 * `oneOf`, `$ref`; every listed property is required, extra properties are never allowed).
 *
 * It is stricter than `draftSchema` where that helps the answer, never looser: whatever the
 * grammar lets through also passes `draftSchema` (the writer still checks with zod).
 * - Arrays are bounded (`DRAFT_LIMITS`), so even a model that never wants to stop must close
 *   every list and the completion ends.
 * - A citation can only be one of the passage numbers shown to the model, and every cited text
 *   carries at least one (when there are passages at all).
 * - Non-empty strings (`minLength: 1`) mirror zod's `.min(1)`.
 */

/** Bounds on one list of the draft: fewest and most items. */
export interface ItemBounds {
  readonly min: number;
  readonly max: number;
}

/** Bounds on every list of the draft. */
export interface DraftLimits {
  readonly sections: ItemBounds;
  readonly paragraphsPerSection: ItemBounds;
  readonly bulletsPerSection: ItemBounds;
  /** Passage numbers per cited text (summary, paragraph, bullet, key takeaway). */
  readonly citationsPerText: ItemBounds;
  readonly questionsToAsk: ItemBounds;
  readonly importantContext: ItemBounds;
}

/** The bounds for real answers; DESIGN.md asks for 4-6 questions for the care team. */
export const DRAFT_LIMITS: DraftLimits = {
  sections: { min: 1, max: 6 },
  paragraphsPerSection: { min: 0, max: 3 },
  bulletsPerSection: { min: 0, max: 6 },
  citationsPerText: { min: 1, max: 4 },
  questionsToAsk: { min: 4, max: 6 },
  importantContext: { min: 0, max: 6 },
};

/** The keys of a draft, in the order the model writes them (the grammar follows this order). */
export const DRAFT_KEYS = ['title', 'summary', 'sections', 'questionsToAsk', 'importantContext', 'keyTakeaway'] as const;

/** A schema without `$defs`/`$ref` (the draft needs none). */
type NoDefs = Record<never, never>;
type Schema = GbnfJsonSchema<NoDefs>;

const text = { type: 'string', minLength: 1 } as const;

/**
 * The draft schema for a prompt that shows the passages numbered `passageNumbers` (positive
 * integers, usually 1..n). With no passages, citation lists must be empty.
 */
export function draftJsonSchema(passageNumbers: readonly number[], limits: DraftLimits = DRAFT_LIMITS): GbnfJsonObjectSchema<string, NoDefs> {
  const numbers = [...new Set(passageNumbers)].filter((n) => Number.isInteger(n) && n > 0).sort((a, b) => a - b);
  const citations: Schema =
    numbers.length === 0
      ? { type: 'array', items: { type: 'integer' }, minItems: 0, maxItems: 0 }
      : bounded({ enum: numbers }, limits.citationsPerText);
  const citedText: Schema = { type: 'object', properties: { text, citations } };
  const section: Schema = {
    type: 'object',
    properties: {
      heading: text,
      paragraphs: bounded(citedText, limits.paragraphsPerSection),
      bullets: bounded(citedText, limits.bulletsPerSection),
    },
  };
  const questionToAsk: Schema = { type: 'object', properties: { question: text, why: text } };
  const properties: Record<(typeof DRAFT_KEYS)[number], Schema> = {
    title: text,
    summary: citedText,
    sections: bounded(section, limits.sections),
    questionsToAsk: bounded(questionToAsk, limits.questionsToAsk),
    importantContext: bounded(text, limits.importantContext),
    keyTakeaway: citedText,
  };
  return { type: 'object', properties };
}

function bounded(items: Schema, bounds: ItemBounds): Schema {
  return { type: 'array', items, minItems: bounds.min, maxItems: Math.max(bounds.min, bounds.max) };
}
