import fs from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { ChatWrapper, Llama, LlamaModel } from 'node-llama-cpp';
import { CairnError } from '../errors';

/** node-llama-cpp takes ~0.4 s to import: load it when a model is loaded, not with the module. */
export const llamaCpp = () => import('node-llama-cpp');

export interface LoadedModel {
  llama: Llama;
  model: LlamaModel;
  /** Resolved once from the model's own chat template (a model without one gets a fallback). */
  chatWrapper: ChatWrapper;
  /** Disposes the llama.cpp instance if it was made here; one passed in is left alone. */
  disposeLlama: () => Promise<void>;
}

/**
 * Loads a local GGUF model for the answer writer or the records extraction pass, on a CPU-only
 * llama.cpp instance with the prebuilt binaries unless one is given. Fails with a `CairnError`:
 * `MODEL_NOT_FOUND` when there is no file, `INVALID_MODEL` when it is not a model llama.cpp loads.
 */
export async function loadLocalModel(options: { modelPath: string; llama?: Llama }): Promise<LoadedModel> {
  checkModelFile(options.modelPath);
  const lib = await llamaCpp();
  const llama = options.llama ?? (await lib.getLlama({ gpu: false, build: 'never', progressLogs: false, logLevel: lib.LlamaLogLevel.warn }));
  const disposeLlama = options.llama ? async () => {} : () => llama.dispose();
  let model: LlamaModel;
  try {
    model = await llama.loadModel({ modelPath: options.modelPath });
  } catch (error) {
    await disposeLlama();
    throw new CairnError('INVALID_MODEL', `The model file ${path.basename(options.modelPath)} could not be loaded: it may be damaged, incomplete, or a kind of model this version of llama.cpp cannot run.`, { cause: error });
  }
  return { llama, model, chatWrapper: lib.resolveChatWrapper(model), disposeLlama };
}

/**
 * CPU threads for llama.cpp: given, or `max(1, cores - 1)`, which leaves a core for the app.
 * Always explicit: node-llama-cpp's own default oversubscribes a small machine (STACK.md).
 */
export function resolveThreads(threads: number | undefined): number {
  const resolved = threads ?? Math.max(1, availableParallelism() - 1);
  if (!Number.isInteger(resolved) || resolved < 1) throw new CairnError('INVALID_INPUT', `threads must be a whole number of at least 1 (got ${resolved}).`);
  return resolved;
}

/** A missing file and a file that is not GGUF at all get their own plain sentence. */
export function checkModelFile(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CairnError('MODEL_NOT_FOUND', `There is no model file at ${file}.`, { cause: error });
    if (code === 'EISDIR') throw new CairnError('INVALID_MODEL', `${file} is a folder, not a GGUF model file.`, { cause: error });
    throw new CairnError('INVALID_MODEL', `The model file ${file} cannot be read (${code ?? 'unknown error'}).`, { cause: error });
  }
  const magic = Buffer.alloc(4);
  let read: number;
  try {
    read = fs.readSync(fd, magic, 0, 4, 0);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CairnError('INVALID_MODEL', `The model file ${file} cannot be read (${code ?? 'unknown error'}).`, { cause: error });
  } finally {
    fs.closeSync(fd);
  }
  if (read < 4 || magic.toString('latin1') !== 'GGUF') throw new CairnError('INVALID_MODEL', `${path.basename(file)} is not a GGUF model file.`);
}
