import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { CairnError } from '../errors';
import type { Catalog, ChatCatalogEntry } from './catalog';
import { checkGgufModel, type LlamaSource } from './ggufCheck';
import { sha256File, writeAll } from './files';
import { isInside, type InstalledModel, type ModelRegistry } from './registry';

export interface ImportModelProgress {
  copiedBytes: number;
  totalBytes: number;
}

export interface ImportModelOptions {
  /**
   * Register the file where it is instead of copying it into the data directory's `models/`
   * folder (saves disk space; the model stops working if the file moves). Default: false (copy).
   * A file already inside `models/` is always registered in place.
   */
  inPlace?: boolean;
  /** Display name. Default: the catalog entry's name, else the file's `general.name`, else the file name. */
  name?: string;
  /**
   * The catalog, to recognise a catalog model (by its sha256, or by its file name while the
   * catalog has no sha256 for it): it is then registered under the catalog id. Default: none.
   */
  catalog?: Catalog;
  /** See `CheckGgufOptions.verifyLoad`. Default: true (a file from a USB stick proves nothing by itself). */
  verifyLoad?: boolean;
  /** See `CheckGgufOptions.llama`. */
  llama?: LlamaSource;
  /** Cancels the copy (the partial copy is deleted). */
  signal?: AbortSignal;
  /** Copy progress. */
  onProgress?: (progress: ImportModelProgress) => void;
}

/**
 * Imports a GGUF answer model from a local file (for computers without internet): checks that it
 * is a complete GGUF model that llama.cpp loads, copies it into `<data dir>/models/` (or leaves it
 * where it is), and records it in the registry. The first chat model becomes the active one. A
 * model that is installed already with the same sha256 is returned as it is, without a second copy.
 * Failures are `CairnError`s with one plain sentence (see `checkGgufModel`).
 */
export async function importModelFile(registry: ModelRegistry, file: string, options: ImportModelOptions = {}): Promise<InstalledModel> {
  const source = path.resolve(file);
  const info = await checkGgufModel(source, { ...(options.verifyLoad !== undefined ? { verifyLoad: options.verifyLoad } : {}), ...(options.llama ? { llama: options.llama } : {}) });

  const dest = path.join(registry.modelsDir, path.basename(source));
  const inPlace = options.inPlace === true || isInside(registry.modelsDir, source) || sameFile(source, dest);
  const sha256 = inPlace ? await sha256File(source, options.signal) : await copyWithHash(source, dest, info.sizeBytes, options);

  const match = options.catalog ? matchCatalog(options.catalog, path.basename(source), sha256) : undefined;
  const id = match?.id ?? idFromFileName(path.basename(source), options.catalog);
  const existing = registry.get(id);
  if (existing?.sha256 === sha256 && fs.existsSync(existing.file)) {
    // The same model is installed already (e.g. downloaded, then imported from a USB stick): keep one copy.
    if (!inPlace && existing.file !== dest) await fsp.rm(dest, { force: true });
    return existing;
  }
  return registry.add({
    id,
    name: options.name ?? match?.name ?? info.name ?? path.basename(source).replace(/\.gguf$/i, ''),
    kind: 'chat',
    file: inPlace ? source : dest,
    sizeBytes: info.sizeBytes,
    sha256,
    source: 'import',
    architecture: info.architecture,
    contextLength: info.contextLength,
    addedAt: new Date().toISOString(),
  });
}

/** Copies through a temporary name (renamed when complete), hashing on the way; returns the sha256. */
async function copyWithHash(source: string, dest: string, totalBytes: number, options: ImportModelOptions): Promise<string> {
  await fsp.mkdir(path.dirname(dest), { recursive: true });
  const temp = `${dest}.copying`;
  const hash = createHash('sha256');
  let copiedBytes = 0;
  const input = fs.createReadStream(source, { highWaterMark: 1024 * 1024, ...(options.signal ? { signal: options.signal } : {}) });
  const output = await fsp.open(temp, 'w');
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      await writeAll(output, chunk);
      hash.update(chunk);
      copiedBytes += chunk.length;
      options.onProgress?.({ copiedBytes, totalBytes });
    }
    await output.close();
    await fsp.rename(temp, dest);
  } catch (error) {
    await output.close().catch(() => undefined);
    await fsp.rm(temp, { force: true });
    if (options.signal?.aborted) throw new CairnError('CANCELLED', 'The model import was cancelled.', { cause: error });
    throw new CairnError('INVALID_INPUT', `The model could not be copied into ${path.dirname(dest)} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`, { cause: error });
  }
  return hash.digest('hex');
}

/** A catalog chat model this file is: same sha256, or same file name while the catalog has no sha256. */
function matchCatalog(catalog: Catalog, fileName: string, sha256: string): ChatCatalogEntry | undefined {
  return catalog.models.find(
    (entry): entry is ChatCatalogEntry =>
      entry.kind === 'chat' &&
      (entry.file.sha256 !== null ? entry.file.sha256 === sha256 : path.posix.basename(entry.file.path).toLowerCase() === fileName.toLowerCase()),
  );
}

/** `Llama-3.2-3B-Instruct-Q4_K_M.gguf` → `llama-3.2-3b-instruct-q4_k_m`, never a catalog id it is not. */
export function idFromFileName(fileName: string, catalog?: Catalog): string {
  const base =
    fileName
      .replace(/\.gguf$/i, '')
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+|-+$/g, '') || 'model';
  return catalog?.models.some((entry) => entry.id === base) ? `${base}-imported` : base;
}

function sameFile(a: string, b: string): boolean {
  try {
    const [statA, statB] = [fs.statSync(a), fs.statSync(b)];
    return statA.ino === statB.ino && statA.dev === statB.dev;
  } catch {
    return false;
  }
}
