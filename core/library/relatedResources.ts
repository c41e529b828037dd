import fs from 'node:fs';
import path from 'node:path';
import type { RelatedResource } from '../answer/types';

/**
 * The offline help lines and services listed in the built-in pack's `topics/resources.md`, as
 * bullets `- **Name**: what it offers. Contact: phone or website`. Read from the file so the
 * list has one home; an answer shows them after its footers.
 */
export function readRelatedResources(packDir: string | null): RelatedResource[] {
  if (!packDir) return [];
  const file = path.join(packDir, 'topics', 'resources.md');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => /^- \*\*(.+?)\*\*:\s*(.+?)\s*Contact:\s*(.+)$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ name: match[1]!.trim(), description: match[2]!.trim(), contact: match[3]!.trim() }));
}
