import { z } from 'zod';
import { TRANSFORMERS_DTYPES, readTransformersModel, type TransformersEmbedderOptions } from './transformersModel';
import { USE_LITE_DIMS, USE_LITE_ID, USE_LITE_MAX_TOKENS, type UseLiteOptions } from './useLite';

/** Which embedder to run, with its options: plain data, so it can cross to a worker thread. */
export type EmbedderSpec = ({ kind: 'use-lite' } & UseLiteOptions) | ({ kind: 'transformers' } & TransformersEmbedderOptions);

const batchSize = z.number().int().positive().optional();

export const embedderSpecSchema: z.ZodType<EmbedderSpec> = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('use-lite'),
    batchSize,
    maxTokens: z.number().int().min(1).max(USE_LITE_MAX_TOKENS).optional(),
  }),
  z.strictObject({
    kind: z.literal('transformers'),
    modelDir: z.string().min(1),
    modelId: z.string().min(1),
    queryPrefix: z.string().optional(),
    passagePrefix: z.string().optional(),
    dtype: z.enum(TRANSFORMERS_DTYPES).optional(),
    pooling: z.enum(['mean', 'cls']).optional(),
    batchSize,
  }),
]);

/**
 * The id and dims an embedder will have, known without loading it (USE-lite's are fixed; a
 * transformers model's come from its config.json, which also checks that the model is installed).
 */
export function embedderIdentity(spec: EmbedderSpec): { id: string; dims: number } {
  if (spec.kind === 'use-lite') return { id: USE_LITE_ID, dims: USE_LITE_DIMS };
  const { id, dims } = readTransformersModel(spec);
  return { id, dims };
}
