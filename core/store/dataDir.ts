import fs from 'node:fs';
import path from 'node:path';
import { CairnError } from '../errors';
import { dataDirLayout } from '../paths';

/**
 * Creates the data directory (and its `models/` and `imports/` folders) if needed and proves it
 * is writable, so a bad `--data-dir` fails with one plain sentence before anything is written.
 */
export function prepareDataDir(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    if (!fs.statSync(dataDir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    fs.accessSync(dataDir, fs.constants.W_OK);
    for (const folder of [dataDirLayout.models, dataDirLayout.imports]) {
      fs.mkdirSync(path.join(dataDir, folder), { recursive: true });
    }
    probeWrite(dataDir);
  } catch (error) {
    throw new CairnError('DATA_DIR_UNUSABLE', `Cannot use the data directory ${dataDir}: ${reason(error)}. Choose another folder with --data-dir or CAIRN_DATA_DIR.`, { cause: error });
  }
}

/** Root passes `access(W_OK)` everywhere, so also write and remove a small file. */
function probeWrite(dataDir: string): void {
  const probe = path.join(dataDir, `.write-test-${process.pid}`);
  fs.writeFileSync(probe, '');
  fs.rmSync(probe);
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file is in the way (it is not a folder)';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
