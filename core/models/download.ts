import { createHash, type Hash } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { CairnError } from '../errors';
import { hashInto, writeAll } from './files';

/**
 * Cairn's only network code. It runs only when the person asks for a model download; nothing
 * else in Cairn opens a connection.
 */

export interface DownloadProgress {
  /** Bytes of the file on disk so far, including a prefix kept from an earlier, interrupted try. */
  receivedBytes: number;
  /** The file's full size, or null when the server does not say. */
  totalBytes: number | null;
}

export interface DownloadFileOptions {
  /** An `https:` URL (plain `http:` only to a loopback address, for tests). */
  url: string;
  /**
   * Where the file ends up. Bytes go to `dest + '.part'` first; it is renamed to `dest` only once
   * its size and sha256 have been checked. An existing `dest` is replaced.
   */
  dest: string;
  /** The sha256 (hex) the file must have, or null when nobody has published one. */
  expectedSha256: string | null;
  /**
   * Download even though `expectedSha256` is null (the file's integrity cannot be checked). Must
   * come from an explicit choice of the person. Default: false (such a download is refused before
   * any connection is made).
   */
  allowUnverified?: boolean;
  /** The exact size in bytes, when known: a server offering another size is refused. Default: unknown. */
  expectedSize?: number | null;
  /** Aborting stops the download and keeps the `.part` file, so the next call resumes. */
  signal?: AbortSignal;
  /** Called when the download starts and after every chunk written to disk. */
  onProgress?: (progress: DownloadProgress) => void;
  /** Default: Node's global `fetch` (undici). */
  fetchImpl?: typeof fetch;
}

export interface DownloadResult {
  file: string;
  sizeBytes: number;
  /** The sha256 of the whole file, computed while downloading (and over a resumed prefix). */
  sha256: string;
  /** True when the sha256 was checked against `expectedSha256`. */
  verified: boolean;
  /** Bytes kept from an earlier, interrupted download (0 for a fresh one). */
  resumedFrom: number;
}

/** A response to stream into the `.part` file, or a `.part` file that is already complete. */
type Plan =
  | { kind: 'stream'; response: Response; append: boolean; totalBytes: number | null }
  | { kind: 'complete'; totalBytes: number };

/**
 * Downloads `url` to `dest` with resume, progress and a sha256 check.
 *
 * - An existing `dest.part` is resumed with an HTTP `Range` request; a `206` appends to it, a `200`
 *   (a server without range support) starts the file over.
 * - The sha256 covers the whole file, the resumed prefix included.
 * - A size or checksum mismatch deletes the `.part` file and throws `CHECKSUM_MISMATCH`.
 * - Cancelling (the signal) or a broken connection keeps the `.part` file for the next call and
 *   throws `CANCELLED` or `DOWNLOAD_FAILED`.
 */
export async function downloadFile(options: DownloadFileOptions): Promise<DownloadResult> {
  const { url, dest, signal } = options;
  const fileName = path.basename(dest);
  const expectedSha256 = options.expectedSha256?.toLowerCase() ?? null;
  const expectedSize = options.expectedSize ?? null;
  checkUrl(url);
  if (expectedSha256 === null && !options.allowUnverified) {
    throw new CairnError(
      'DOWNLOAD_UNVERIFIED',
      `No checksum has been published for ${fileName}, so Cairn cannot check that the download is intact; it downloads it only if you allow an unverified download.`,
    );
  }
  throwIfCancelled(signal);

  const part = `${dest}.part`;
  await fsp.mkdir(path.dirname(dest), { recursive: true });
  let offset = (await sizeOf(part)) ?? 0;
  if (expectedSize !== null && offset > expectedSize) {
    await fsp.rm(part, { force: true });
    offset = 0;
  }

  const fetchImpl = options.fetchImpl ?? fetch;
  const plan = await planDownload(fetchImpl, url, part, offset, expectedSize, signal);
  const hash = createHash('sha256');
  let received = 0;
  if (plan.kind === 'complete' || plan.append) {
    try {
      received = await hashInto(hash, part, signal);
    } catch (error) {
      if (plan.kind === 'stream') await plan.response.body?.cancel().catch(() => undefined);
      rethrowCancelled(error, signal);
      throw error;
    }
  }
  const resumedFrom = received;
  if (plan.kind === 'complete') options.onProgress?.({ receivedBytes: received, totalBytes: plan.totalBytes });

  if (plan.kind === 'stream') {
    const { totalBytes } = plan;
    if (expectedSize !== null && totalBytes !== null && totalBytes !== expectedSize) {
      await plan.response.body?.cancel().catch(() => undefined);
      await fsp.rm(part, { force: true });
      throw new CairnError('DOWNLOAD_FAILED', `The server offers ${fileName} with ${totalBytes} bytes instead of the expected ${expectedSize}, so the download was stopped.`);
    }
    received = await streamToPart(plan.response, part, plan.append, hash, received, totalBytes, options);
    if (totalBytes !== null && received < totalBytes) {
      throw new CairnError('DOWNLOAD_FAILED', `The download of ${fileName} stopped after ${formatBytes(received)} of ${formatBytes(totalBytes)}; run it again to resume.`);
    }
  }

  const sha256 = hash.digest('hex');
  if ((expectedSize !== null && received !== expectedSize) || (expectedSha256 !== null && sha256 !== expectedSha256)) {
    await fsp.rm(part, { force: true });
    throw new CairnError('CHECKSUM_MISMATCH', `The downloaded ${fileName} is damaged or not the published file (its checksum does not match), so it was deleted; try the download again.`);
  }
  await fsp.rename(part, dest);
  return { file: dest, sizeBytes: received, sha256, verified: expectedSha256 !== null, resumedFrom };
}

/** Asks the server for the rest of the file (or all of it) and decides how to write the answer. */
async function planDownload(
  fetchImpl: typeof fetch,
  url: string,
  part: string,
  offset: number,
  expectedSize: number | null,
  signal: AbortSignal | undefined,
): Promise<Plan> {
  // A `.part` of exactly the expected size only needs checking.
  if (offset > 0 && offset === expectedSize) return { kind: 'complete', totalBytes: offset };

  let response = await request(fetchImpl, url, offset, signal);
  if (offset > 0 && response.status === 416) {
    // Nothing left to send: the `.part` is complete, or longer than the file is now.
    await response.body?.cancel().catch(() => undefined);
    const total = parseContentRange(response.headers.get('content-range'))?.total ?? null;
    if (total === offset) return { kind: 'complete', totalBytes: total };
    await fsp.rm(part, { force: true });
    offset = 0;
    response = await request(fetchImpl, url, 0, signal);
  }
  if (offset > 0 && response.status === 206) {
    const range = parseContentRange(response.headers.get('content-range'));
    if (range && range.start === offset) return { kind: 'stream', response, append: true, totalBytes: range.total };
    // A range we did not ask for: start over rather than guess.
    await response.body?.cancel().catch(() => undefined);
    response = await request(fetchImpl, url, 0, signal);
  }
  if (response.status === 200) {
    return { kind: 'stream', response, append: false, totalBytes: parseLength(response.headers.get('content-length')) };
  }
  await response.body?.cancel().catch(() => undefined);
  throw new CairnError('DOWNLOAD_FAILED', `The server ${new URL(url).host} answered "${response.status} ${response.statusText}" for ${path.basename(new URL(url).pathname)}; try again later.`);
}

async function request(fetchImpl: typeof fetch, url: string, offset: number, signal: AbortSignal | undefined): Promise<Response> {
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (offset > 0) headers.range = `bytes=${offset}-`;
  try {
    return await fetchImpl(url, { headers, redirect: 'follow', ...(signal ? { signal } : {}) });
  } catch (error) {
    rethrowCancelled(error, signal);
    throw new CairnError('DOWNLOAD_FAILED', `Cairn could not reach ${new URL(url).host} (${networkReason(error)}); check the internet connection and try again.`, { cause: error });
  }
}

/** Writes the response body to the `.part` file; returns the file's size. Keeps the file on failure. */
async function streamToPart(
  response: Response,
  part: string,
  append: boolean,
  hash: Hash,
  alreadyReceived: number,
  totalBytes: number | null,
  options: DownloadFileOptions,
): Promise<number> {
  const { signal, onProgress } = options;
  let received = alreadyReceived;
  const report = () => onProgress?.({ receivedBytes: received, totalBytes });
  const handle = await fsp.open(part, append ? 'a' : 'w');
  const reader = response.body?.getReader();
  try {
    report();
    if (!reader) return received;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await writeAll(handle, value);
      hash.update(value);
      received += value.length;
      report();
    }
    return received;
  } catch (error) {
    await reader?.cancel().catch(() => undefined);
    rethrowCancelled(error, signal);
    throw new CairnError(
      'DOWNLOAD_FAILED',
      `The connection broke after ${formatBytes(received)}${totalBytes !== null ? ` of ${formatBytes(totalBytes)}` : ''} of ${path.basename(options.dest)}; run the download again to resume.`,
      { cause: error },
    );
  } finally {
    await handle.close();
  }
}

/** `https:` anywhere; `http:` only to this computer (the tests' local server). */
function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CairnError('INVALID_INPUT', `"${url}" is not a web address.`);
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || /^127\./.test(host);
  if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopback)) return;
  throw new CairnError('INVALID_INPUT', `Cairn downloads models only over https, not from ${url}.`);
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled(signal);
}

/** Rethrows as `CANCELLED` when the signal has aborted; returns otherwise. */
function rethrowCancelled(error: unknown, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled(signal, error);
  if (error instanceof Error && error.name === 'AbortError') throw cancelled(signal, error);
}

function cancelled(signal: AbortSignal | undefined, cause?: unknown): CairnError {
  return new CairnError('CANCELLED', 'The download was cancelled; run it again to resume where it stopped.', { cause: cause ?? signal?.reason });
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : 'network error';
}

/** `bytes 100-199/1000`, `bytes 100-199/*` or `bytes *\/1000`. */
export function parseContentRange(header: string | null): { start: number | null; total: number | null } | null {
  const match = /^bytes\s+(?:(\d+)-\d+|\*)\/(\d+|\*)$/i.exec(header?.trim() ?? '');
  if (!match) return null;
  return { start: match[1] !== undefined ? Number(match[1]) : null, total: match[2] === '*' || match[2] === undefined ? null : Number(match[2]) };
}

function parseLength(header: string | null): number | null {
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header);
}

async function sizeOf(file: string): Promise<number | null> {
  try {
    const stat = await fsp.stat(file);
    return stat.isFile() ? stat.size : null;
  } catch {
    return null;
  }
}

/** "1.2 GB", "340 MB", "12 KB", "512 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} KB`;
  return `${bytes} bytes`;
}

