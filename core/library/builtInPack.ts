import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../store/sqlite';
import { sha256 } from './fileHash';
import { documentsFromSource } from './writeDocument';

/**
 * Where the built-in starter pack lives: `CAIRN_BUILTIN_PACK` when set (a folder, or `none` to
 * start with an empty library), else the packaged app's `resources/guidelines`, else the
 * repository's `guidelines/`.
 */
export function builtInPackDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.CAIRN_BUILTIN_PACK;
  if (chosen === 'none') return null;
  if (chosen) return path.resolve(chosen);
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    ...(resources ? [path.join(resources, 'guidelines')] : []),
    path.resolve(import.meta.dirname, '../../guidelines'),
    path.resolve(import.meta.dirname, '../guidelines'),
  ];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'cancers'))) ?? null;
}

/** The pack's Markdown files (not its README). */
export function builtInPackFiles(dir: string): string[] {
  return ['cancers', 'topics']
    .map((folder) => path.join(dir, folder))
    .filter((folder) => fs.existsSync(folder))
    .flatMap((folder) => fs.readdirSync(folder).filter((name) => name.endsWith('.md')).map((name) => path.join(folder, name)))
    .sort();
}

/** True when every pack file is in the library exactly as it is on disk (no embedder needed to tell). */
export function packIsCurrent(db: Database, files: readonly string[]): boolean {
  return files.every((file) => {
    const documents = documentsFromSource(db, file);
    if (documents.length === 0) return false;
    const hash = sha256(fs.readFileSync(file));
    return documents.every((doc) => doc.fileHash === hash);
  });
}
