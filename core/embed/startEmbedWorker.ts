import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EmbedderSpec } from './spec';

/**
 * Starts an embedding worker thread. A build puts `embedWorker.js` beside this module's bundle
 * (or one folder up, if this module landed in a chunk folder); in development and tests,
 * `embedWorker.dev.mjs` loads the TypeScript source through tsx.
 */
export function startEmbedWorker(spec: EmbedderSpec): Worker {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'embedWorker.js'), path.join(here, '..', 'embedWorker.js'), path.join(here, 'embedWorker.dev.mjs')];
  const script = candidates.find((file) => fs.existsSync(file));
  if (!script) throw new Error(`The embedding worker script is missing: none of ${candidates.join(', ')} exists.`);
  return new Worker(unpackedPath(script), { workerData: spec });
}

/**
 * In the packaged app the worker script is unpacked beside the asar archive (electron-builder
 * `asarUnpack`), because a worker thread starts from a real file.
 */
export function unpackedPath(file: string): string {
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}
