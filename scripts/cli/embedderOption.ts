import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { EmbedderSpec } from '../../core/embed';

/**
 * `--embedder use-lite` (built in) or `--embedder transformers:<model folder>`: a local ONNX model
 * in transformers.js layout, e.g. `…/models/Xenova/bge-small-en-v1.5` (its id is the folder's last
 * two names).
 */
export function parseEmbedderOption(value: string): EmbedderSpec {
  if (value === 'use-lite') return { kind: 'use-lite' };
  const match = /^transformers:(.+)$/.exec(value);
  if (!match) throw new InvalidArgumentError('Use "use-lite" or "transformers:<model folder>".');
  const modelDir = path.resolve(match[1]!);
  const modelId = modelDir.split(path.sep).slice(-2).join('/');
  return { kind: 'transformers', modelDir, modelId };
}
