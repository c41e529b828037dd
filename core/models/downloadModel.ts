import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { loggedFetch, type NetworkLog } from '../privacy/networkLog';
import { CairnError } from '../errors';
import { catalogFiles, isVerifiable, type CatalogEntry } from './catalog';
import { downloadFile, type DownloadProgress } from './download';
import { sha256File } from './files';
import { checkGgufModel, type GgufModelInfo, type LlamaSource } from './ggufCheck';
import type { InstalledModel, ModelRegistry } from './registry';

export interface ModelDownloadProgress extends DownloadProgress {
  /** The file being downloaded, relative to the models folder. */
  file: string;
  /** 1-based. */
  fileIndex: number;
  fileCount: number;
}

export interface DownloadModelOptions {
  /**
   * Download even though the catalog has no sha256 for some file (its integrity cannot be
   * checked). Must come from an explicit choice of the person. Default: false (refused before any
   * connection is made, with `DOWNLOAD_UNVERIFIED`).
   */
  allowUnverified?: boolean;
  /** Cancels; partial files are kept and the next call resumes them. */
  signal?: AbortSignal;
  onProgress?: (progress: ModelDownloadProgress) => void;
  /** Default: Node's global `fetch`. */
  fetchImpl?: typeof fetch;
  /** Where each request is listed for the privacy panel. */
  networkLog?: NetworkLog;
  /**
   * Also load a downloaded GGUF with llama.cpp before registering it. Default: only when the
   * download was not verified by sha256 (a verified file is byte for byte the published one).
   */
  verifyLoad?: boolean;
  /** See `CheckGgufOptions.llama`. */
  llama?: LlamaSource;
}

/**
 * Downloads a catalog model into `<data dir>/models/` (resuming earlier partial downloads),
 * checks it and records it in the registry. A chat model becomes the active one when none is.
 * A file already there with the published sha256 is not downloaded again.
 */
export async function downloadCatalogModel(registry: ModelRegistry, entry: CatalogEntry, options: DownloadModelOptions = {}): Promise<InstalledModel> {
  const verified = isVerifiable(entry);
  if (!verified && !options.allowUnverified) {
    throw new CairnError(
      'DOWNLOAD_UNVERIFIED',
      `No checksum has been published for ${entry.name} yet, so Cairn cannot check that the download is intact; it downloads it only if you allow an unverified download.`,
    );
  }

  const files = catalogFiles(entry);
  let sizeBytes = 0;
  let sha256: string | undefined;
  for (const [index, file] of files.entries()) {
    const dest = path.join(registry.modelsDir, ...file.path.split('/'));
    const report = (progress: DownloadProgress) => options.onProgress?.({ ...progress, file: file.path, fileIndex: index + 1, fileCount: files.length });
    const existing = await alreadyThere(dest, file.sha256, options.signal);
    if (existing) {
      report({ receivedBytes: existing.sizeBytes, totalBytes: existing.sizeBytes });
      sizeBytes += existing.sizeBytes;
      sha256 = existing.sha256;
      continue;
    }
    const result = await downloadFile({
      url: file.url,
      dest,
      expectedSha256: file.sha256,
      allowUnverified: options.allowUnverified ?? false,
      expectedSize: file.sizeBytes,
      onProgress: report,
      ...(options.signal ? { signal: options.signal } : {}),
      fetchImpl: loggedFetch(options.fetchImpl ?? fetch, options.networkLog, `model download: ${entry.name}`),
    });
    sizeBytes += result.sizeBytes;
    sha256 = result.sha256;
  }

  const common = { id: entry.id, name: entry.name, kind: entry.kind, sizeBytes, source: 'download' as const, addedAt: new Date().toISOString() };
  if (entry.kind === 'embedding') {
    const modelDir = path.join(registry.modelsDir, ...entry.modelDir.split('/'));
    return registry.add({ ...common, file: modelDir, architecture: readModelType(modelDir), contextLength: entry.contextLength });
  }

  const file = path.join(registry.modelsDir, ...entry.file.path.split('/'));
  let info: GgufModelInfo;
  try {
    info = await checkGgufModel(file, { verifyLoad: options.verifyLoad ?? !verified, ...(options.llama ? { llama: options.llama } : {}) });
  } catch (error) {
    // What was downloaded is not a usable model (with no checksum, it may be anything): don't keep it.
    await fsp.rm(file, { force: true });
    throw error;
  }
  return registry.add({
    ...common,
    file,
    ...(sha256 ? { sha256 } : {}),
    architecture: info.architecture,
    contextLength: info.contextLength ?? entry.contextLength,
  });
}

/** A complete earlier download: the file exists and has the published sha256. */
async function alreadyThere(dest: string, expectedSha256: string | null, signal: AbortSignal | undefined): Promise<{ sizeBytes: number; sha256: string } | null> {
  if (expectedSha256 === null || !fs.existsSync(dest)) return null;
  const sha256 = await sha256File(dest, signal);
  return sha256 === expectedSha256 ? { sizeBytes: fs.statSync(dest).size, sha256 } : null;
}

/** `model_type` from a transformers.js folder's config.json (e.g. `bert`), or null. */
function readModelType(modelDir: string): string | null {
  try {
    const config = JSON.parse(fs.readFileSync(path.join(modelDir, 'config.json'), 'utf8')) as { model_type?: unknown };
    return typeof config.model_type === 'string' ? config.model_type : null;
  } catch {
    return null;
  }
}
