import type { GbnfJsonObjectSchema, GbnfJsonSchema } from 'node-llama-cpp';
import { z } from 'zod';
import { CANCER_TYPES } from '../lexicon/cancerTypeTable';
import { BIOMARKER_STATUSES, TREATMENT_KINDS, isoDateSchema } from './profile';

/**
 * What the local model may write when it reads a record: a fixed structure of facts, each with
 * the number of the record line that states it and a `quote` copied from that line. Two views of
 * the same shape:
 * - `modelExtractionJsonSchema`: the JSON schema node-llama-cpp turns into a grammar, so the model
 *   can only write this structure (closed enums, bounded lists and strings: even a tiny random
 *   model must close every list and string, and the completion ends);
 * - `modelExtractionSchema`: the zod check of what came back (the grammar shapes it; zod has the
 *   last word). It is looser where a hand-made output is convenient (absent fields may be left
 *   out instead of `null`), never where it matters (enums, types).
 *
 * Nothing here is trusted: `verifyModelFacts` (modelExtract.ts) checks every fact against the
 * record before it becomes part of a profile.
 *
 * node-llama-cpp 3.21's JSON-schema grammar lists every property as required and supports no
 * `pattern`: an absent fact is `null` (`oneOf` with `{type: 'null'}`), and a date uses
 * `format: 'date'` (YYYY-MM-DD).
 */

/** Canonical biomarker names the model may report (DESIGN.md, "The patient profile"). */
export const MODEL_BIOMARKER_NAMES = ['BRAF', 'HER2', 'ER', 'PR', 'EGFR', 'ALK', 'ROS1', 'KRAS', 'NRAS', 'MSI', 'PD-L1', 'BRCA1', 'BRCA2', 'NTRK', 'TMB'] as const;
export type ModelBiomarkerName = (typeof MODEL_BIOMARKER_NAMES)[number];

/** AJCC stage groups in Roman numerals with their letter. */
export const STAGE_GROUPS = ['0', 'I', 'IA', 'IB', 'IC', 'II', 'IIA', 'IIB', 'IIC', 'III', 'IIIA', 'IIIB', 'IIIC', 'IIID', 'IV', 'IVA', 'IVB', 'IVC'] as const;

/** The cancer types Cairn's lexicon names (core/lexicon/cancerTypeTable.ts). */
export const CANCER_TYPE_NAMES = CANCER_TYPES.map((entry) => entry.name) as [string, ...string[]];

export const PERFORMANCE_SCALES = ['ECOG', 'Karnofsky'] as const;
/** ECOG 0-5 and Karnofsky 0-100 in steps of 10, in one list (the verifier checks the pair). */
export const PERFORMANCE_VALUES = [0, 1, 2, 3, 4, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100] as const;

/** Bounds on the model's lists and strings: they keep completions short and make them end. */
export interface ModelExtractionLimits {
  readonly biomarkers: number;
  readonly treatments: number;
  readonly metastaticSites: number;
  /** Most characters of one quote. */
  readonly quoteLength: number;
  /** Most characters of a treatment name or a metastatic site. */
  readonly nameLength: number;
  /** Most characters of a detail (histology, variant, value). */
  readonly detailLength: number;
}

export const MODEL_EXTRACTION_LIMITS: ModelExtractionLimits = {
  biomarkers: 8,
  treatments: 8,
  metastaticSites: 4,
  quoteLength: 160,
  nameLength: 60,
  detailLength: 40,
};

/** The keys of the model's output, in the order it writes them. */
export const MODEL_EXTRACTION_KEYS = ['cancerType', 'stage', 'metastatic', 'biomarkers', 'performanceStatus', 'treatments'] as const;

// ---------------------------------------------------------------------------------------------
// zod: the check of what the model wrote

const line = z.number().int().min(1);
const quote = z.string().min(1);
const optionalText = z.string().nullish();

export const modelCancerTypeSchema = z.object({ line, quote, value: z.enum(CANCER_TYPE_NAMES), detail: optionalText });
export const modelStageSchema = z.object({ line, quote, value: z.enum(STAGE_GROUPS) });
export const modelMetastaticSchema = z.object({ line, quote, value: z.boolean(), sites: z.array(z.string()).optional() });
export const modelBiomarkerSchema = z.object({ line, quote, name: z.enum(MODEL_BIOMARKER_NAMES), status: z.enum(BIOMARKER_STATUSES), detail: optionalText });
export const modelPerformanceStatusSchema = z.object({ line, quote, scale: z.enum(PERFORMANCE_SCALES), value: z.number().int().min(0).max(100) });
export const modelTreatmentSchema = z.object({ line, quote, kind: z.enum(TREATMENT_KINDS), name: z.string().min(1), date: isoDateSchema.nullish() });

export const modelExtractionSchema = z.object({
  cancerType: modelCancerTypeSchema.nullish(),
  stage: modelStageSchema.nullish(),
  metastatic: modelMetastaticSchema.nullish(),
  biomarkers: z.array(modelBiomarkerSchema).optional(),
  performanceStatus: modelPerformanceStatusSchema.nullish(),
  treatments: z.array(modelTreatmentSchema).optional(),
});

export type ModelExtraction = z.infer<typeof modelExtractionSchema>;
export type ModelCancerType = z.infer<typeof modelCancerTypeSchema>;
export type ModelStage = z.infer<typeof modelStageSchema>;
export type ModelMetastatic = z.infer<typeof modelMetastaticSchema>;
export type ModelBiomarker = z.infer<typeof modelBiomarkerSchema>;
export type ModelPerformanceStatus = z.infer<typeof modelPerformanceStatusSchema>;
export type ModelTreatment = z.infer<typeof modelTreatmentSchema>;

// ---------------------------------------------------------------------------------------------
// JSON schema: the grammar

/** A schema without `$defs`/`$ref` (this one needs none). */
type NoDefs = Record<never, never>;
type Schema = GbnfJsonSchema<NoDefs>;

const orNull = (schema: Schema): Schema => ({ oneOf: [schema, { type: 'null' }] });
const text = (maxLength: number, minLength = 1): Schema => ({ type: 'string', minLength, maxLength });
const list = (items: Schema, maxItems: number): Schema => ({ type: 'array', items, minItems: 0, maxItems: Math.max(0, maxItems) });

/**
 * The JSON schema of the model's output with these bounds (whatever it lets through passes
 * `modelExtractionSchema`). With `lines`, a fact can only cite a line number from `first` to
 * `last` (the lines the model was shown); without, any whole number.
 */
export function modelExtractionJsonSchema(limits: ModelExtractionLimits = MODEL_EXTRACTION_LIMITS, lines?: { first: number; last: number }): GbnfJsonObjectSchema<string, NoDefs> {
  const lineNumbers: Schema =
    lines && Number.isInteger(lines.first) && Number.isInteger(lines.last) && lines.first >= 1 && lines.last >= lines.first
      ? { enum: Array.from({ length: lines.last - lines.first + 1 }, (_, i) => lines.first + i) }
      : { type: 'integer' };
  // Facts start with where they are and what the record says, then the value read from it.
  const cited = { line: lineNumbers, quote: text(limits.quoteLength, 2) } as const;
  const properties: Record<(typeof MODEL_EXTRACTION_KEYS)[number], Schema> = {
    cancerType: orNull({ type: 'object', properties: { ...cited, value: { enum: CANCER_TYPE_NAMES }, detail: orNull(text(limits.detailLength)) } }),
    stage: orNull({ type: 'object', properties: { ...cited, value: { enum: STAGE_GROUPS } } }),
    metastatic: orNull({ type: 'object', properties: { ...cited, value: { type: 'boolean' }, sites: list(text(limits.nameLength), limits.metastaticSites) } }),
    biomarkers: list(
      { type: 'object', properties: { ...cited, name: { enum: MODEL_BIOMARKER_NAMES }, status: { enum: BIOMARKER_STATUSES }, detail: orNull(text(limits.detailLength)) } },
      limits.biomarkers,
    ),
    performanceStatus: orNull({ type: 'object', properties: { ...cited, scale: { enum: PERFORMANCE_SCALES }, value: { enum: PERFORMANCE_VALUES } } }),
    treatments: list(
      { type: 'object', properties: { ...cited, kind: { enum: TREATMENT_KINDS }, name: text(limits.nameLength), date: orNull({ type: 'string', format: 'date' }) } },
      limits.treatments,
    ),
  };
  return { type: 'object', properties };
}
