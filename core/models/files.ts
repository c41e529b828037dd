/** File helpers for model files: streamed hashing and complete writes. */
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/**
 * Feeds a file's bytes into `hash` (streamed, so multi-gigabyte models never sit in memory) and
 * returns how many bytes were read.
 */
export async function hashInto(hash: Hash, file: string, signal?: AbortSignal): Promise<number> {
  let bytes = 0;
  const stream = fs.createReadStream(file, { highWaterMark: 1024 * 1024, ...(signal ? { signal } : {}) });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return bytes;
}

/** The sha256 of a file, as 64 lowercase hex digits. */
export async function sha256File(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  await hashInto(hash, file, signal);
  return hash.digest('hex');
}

/** Writes all of `bytes` at the handle's position (a single `write` may write fewer). */
export async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
    written += bytesWritten;
  }
}
