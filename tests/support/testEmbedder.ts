import path from 'node:path';
import type { EmbedderSpec } from '../../core/embed';
import { TINY_ONNX } from '../../scripts/fixtures/tinyOnnx';
import { fixturePaths } from '../../scripts/fixtures/generateFixtures';

/**
 * The tiny fixture ONNX model through the real transformers.js backend: real embedding code,
 * ~1 ms per text, so library tests can import hundreds of passages quickly.
 */
export const tinyEmbedderSpec: EmbedderSpec = {
  kind: 'transformers',
  modelDir: path.join(fixturePaths.onnxRoot, TINY_ONNX.org, TINY_ONNX.name),
  modelId: fixturePaths.onnxModelId,
};
