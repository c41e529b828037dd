import { CairnError } from '../errors';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** ONNX weight variants of transformers.js, by the file each one reads from `onnx/`. */
export const TRANSFORMERS_DTYPES = ['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4'] as const;
export type TransformersDtype = (typeof TRANSFORMERS_DTYPES)[number];
const WEIGHT_FILES: Record<TransformersDtype, string> = {
  fp32: 'model.onnx',
  fp16: 'model_fp16.onnx',
  q8: 'model_quantized.onnx',
  int8: 'model_int8.onnx',
  uint8: 'model_uint8.onnx',
  q4: 'model_q4.onnx',
  q4f16: 'model_q4f16.onnx',
  bnb4: 'model_bnb4.onnx',
};

export type Pooling = 'mean' | 'cls';

/** Which model a transformers.js embedder runs and how. */
export interface TransformersEmbedderOptions {
  /** Absolute path of the model folder in transformers.js layout (config.json, tokenizer.json, onnx/). */
  modelDir: string;
  /** The model's name, e.g. `Xenova/bge-small-en-v1.5`; the embedder's id is `transformers:<modelId>`. */
  modelId: string;
  /** Put before every query. Default: the known model's (bge English: "Represent this sentence for searching relevant passages: "), else none. */
  queryPrefix?: string;
  /** Put before every passage. Default: the known model's (e5: "passage: "), else none. */
  passagePrefix?: string;
  /** Which weights to load. Default: the first present of fp32, q8, fp16, int8, uint8, q4, q4f16, bnb4. */
  dtype?: TransformersDtype;
  /** How token vectors become one vector. Default: `1_Pooling/config.json` if present, else the known model's (bge: cls), else mean. */
  pooling?: Pooling;
  /** Texts per model call. Default 16 (texts of similar length are batched together). */
  batchSize?: number;
}

/** What a model folder says about itself, read without loading the model. */
export interface TransformersModelInfo {
  id: string;
  dims: number;
  dtype: TransformersDtype;
  pooling: Pooling;
  queryPrefix: string;
  passagePrefix: string;
}

/** Defaults for model families whose model card prescribes pooling or prefixes. */
const KNOWN_MODELS: ReadonlyArray<{ match: RegExp; pooling: Pooling; queryPrefix?: string; passagePrefix?: string }> = [
  { match: /bge-[\w.-]*-en\b/i, pooling: 'cls', queryPrefix: 'Represent this sentence for searching relevant passages: ' },
  { match: /bge/i, pooling: 'cls' },
  { match: /\be5-/i, pooling: 'mean', queryPrefix: 'query: ', passagePrefix: 'passage: ' },
];

export class EmbeddingModelNotInstalledError extends CairnError {
  constructor(
    readonly modelId: string,
    readonly modelDir: string,
    detail?: string,
  ) {
    super('MODEL_NOT_INSTALLED', `The embedding model ${modelId} is not installed in ${modelDir}${detail ? ` (${detail})` : ''}.`);
  }
}

const configSchema = z.object({ hidden_size: z.number().int().positive() });
const poolingConfigSchema = z.object({
  pooling_mode_cls_token: z.boolean().optional(),
  pooling_mode_mean_tokens: z.boolean().optional(),
});

/**
 * Checks the folder and reads dims (config.json `hidden_size`), weights, pooling and prefixes.
 * Throws `EmbeddingModelNotInstalledError` when the folder, its config.json or its weights are missing.
 */
export function readTransformersModel(options: TransformersEmbedderOptions): TransformersModelInfo {
  const { modelDir, modelId } = options;
  if (!path.isAbsolute(modelDir)) throw new Error(`The model folder must be an absolute path, got "${modelDir}".`);
  const configFile = path.join(modelDir, 'config.json');
  if (!fs.existsSync(configFile)) throw new EmbeddingModelNotInstalledError(modelId, modelDir);

  const config = configSchema.safeParse(readJson(configFile));
  if (!config.success) throw new Error(`The embedding model ${modelId} in ${modelDir} has no usable hidden_size in config.json.`);

  const dtype = options.dtype ?? TRANSFORMERS_DTYPES.find((d) => fs.existsSync(weightFile(modelDir, d)));
  if (!dtype || !fs.existsSync(weightFile(modelDir, dtype))) {
    throw new EmbeddingModelNotInstalledError(modelId, modelDir, dtype ? `onnx/${WEIGHT_FILES[dtype]} is missing` : 'no ONNX weights in onnx/');
  }

  const known = KNOWN_MODELS.find((model) => model.match.test(modelId));
  return {
    id: `transformers:${modelId}`,
    dims: config.data.hidden_size,
    dtype,
    pooling: options.pooling ?? poolingFromFolder(modelDir) ?? known?.pooling ?? 'mean',
    queryPrefix: options.queryPrefix ?? known?.queryPrefix ?? '',
    passagePrefix: options.passagePrefix ?? known?.passagePrefix ?? '',
  };
}

function weightFile(modelDir: string, dtype: TransformersDtype): string {
  return path.join(modelDir, 'onnx', WEIGHT_FILES[dtype]);
}

/** sentence-transformers' pooling config, when the folder has one. */
function poolingFromFolder(modelDir: string): Pooling | undefined {
  const file = path.join(modelDir, '1_Pooling', 'config.json');
  if (!fs.existsSync(file)) return undefined;
  const parsed = poolingConfigSchema.safeParse(readJson(file));
  if (!parsed.success) return undefined;
  if (parsed.data.pooling_mode_cls_token) return 'cls';
  if (parsed.data.pooling_mode_mean_tokens) return 'mean';
  return undefined;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
