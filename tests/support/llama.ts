import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp';

/**
 * Threads for every test context: pass `threads: TEST_THREADS` to `model.createContext`.
 * The library's default thread count makes even a tiny prompt take ~30 s on a 2-core VM,
 * so contexts must never rely on it.
 */
export const TEST_THREADS = 1;

let cached: Promise<Llama> | undefined;

/**
 * One shared CPU-only llama.cpp instance per test worker. Uses the prebuilt binaries that ship
 * with node-llama-cpp and never builds or downloads anything. Native warnings stay visible:
 * a bad model file only surfaces in JS as "Failed to load model", the reason is in the log.
 */
export async function getTestLlama(): Promise<Llama> {
  cached ??= getLlama({
    gpu: false,
    build: 'never',
    skipDownload: true,
    progressLogs: false,
    logLevel: LlamaLogLevel.warn,
    // A ceiling for anything that forgets `threads: TEST_THREADS`.
    maxThreads: TEST_THREADS,
  }).catch((error: unknown) => {
    cached = undefined; // let a later call retry instead of caching the failure
    throw error;
  });
  return cached;
}
