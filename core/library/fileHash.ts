import { createHash } from 'node:crypto';

/** Hex sha256 of a file's bytes: how the library recognises a file it already has. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
