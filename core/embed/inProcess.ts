import type { EmbedderSpec } from './spec';
import { createTransformersEmbedder } from './transformersEmbedder';
import type { Embedder } from './types';
import { createUseLiteEmbedder } from './useLite';

/** Loads the embedder `spec` names in this thread. */
export function createInProcessEmbedder(spec: EmbedderSpec): Promise<Embedder> {
  switch (spec.kind) {
    case 'use-lite': {
      const { kind: _kind, ...options } = spec;
      return createUseLiteEmbedder(options);
    }
    case 'transformers': {
      const { kind: _kind, ...options } = spec;
      return createTransformersEmbedder(options);
    }
  }
}
