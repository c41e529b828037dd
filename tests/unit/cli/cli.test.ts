import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CAIRN_VERSION } from '../../../core/version';
import { runCliCapture } from '../../support/runCliCapture';
import { tempDir } from '../../support/tempDir';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../..');

describe('cairn command line', () => {
  it('lists an empty library as one JSON document', async () => {
    const dataDir = tempDir();
    const result = await runCliCapture(['library', 'list', '--json', '--data-dir', dataDir]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({ documents: [] });
    expect(fs.existsSync(path.join(dataDir, 'cairn.db'))).toBe(true);
  });

  it('says the library is empty in plain text', async () => {
    const result = await runCliCapture(['library', 'list', '--data-dir', tempDir()]);
    expect(result).toMatchObject({ code: 0, stdout: 'The library is empty.\n' });
  });

  it('reports its version and data directory', async () => {
    const dataDir = tempDir();
    const status = await runCliCapture(['status', '--json'], { CAIRN_DATA_DIR: dataDir });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      version: CAIRN_VERSION,
      dataDir,
      library: { documents: 0, chunks: 0 },
      vectorIndex: null,
    });
    const human = await runCliCapture(['status', '--data-dir', dataDir]);
    expect(human.stdout).toContain(`Data directory: ${dataDir}`);
    expect((await runCliCapture(['--version'])).stdout.trim()).toBe(CAIRN_VERSION);
  });

  it('prefers --data-dir over CAIRN_DATA_DIR', async () => {
    const chosen = tempDir();
    const result = await runCliCapture(['status', '--json', '--data-dir', chosen], { CAIRN_DATA_DIR: tempDir() });
    expect(JSON.parse(result.stdout).dataDir).toBe(chosen);
  });

  it('defaults to the desktop app’s data folder', async () => {
    const home = tempDir();
    const result = await runCliCapture(['status', '--json'], { HOME: home, XDG_CONFIG_HOME: '' });
    const expected = process.platform === 'darwin' ? path.join(home, 'Library', 'Application Support', 'Cairn') : path.join(home, '.config', 'Cairn');
    if (process.platform !== 'win32') expect(JSON.parse(result.stdout).dataDir).toBe(expected);
  });

  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['library', 'list', '--colour'], /unknown option '--colour'/],
    [['library', 'lst'], /unknown command 'lst'/],
  ])('rejects %j with one line and exit code 2', async (argv, message) => {
    const result = await runCliCapture([...argv, '--data-dir', tempDir()]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('fails with one line when the data dir cannot be written', async () => {
    const blocker = path.join(tempDir(), 'file');
    fs.writeFileSync(blocker, 'keep me');
    const result = await runCliCapture(['library', 'list', '--json', '--data-dir', blocker]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^cairn: Cannot use the data directory .*: a file is in the way/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.readFileSync(blocker, 'utf8')).toBe('keep me');
  });

  it('fails with one line on a corrupt database and leaves it alone', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'cairn.db');
    fs.writeFileSync(file, Buffer.alloc(8192, 7));
    const result = await runCliCapture(['library', 'list', '--data-dir', dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^cairn: .*is not a Cairn database/);
    expect(fs.readFileSync(file).equals(Buffer.alloc(8192, 7))).toBe(true);
  });

  it('prints help', async () => {
    const result = await runCliCapture(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: cairn/);
    expect(result.stdout).toMatch(/library/);
  });

  it('works as `npm run -s cli` with real exit codes', async () => {
    const dataDir = tempDir();
    const env = { ...process.env, CAIRN_BUILTIN_PACK: 'none' };
    const ok = await run('npm', ['run', '-s', 'cli', '--', 'library', 'list', '--json', '--data-dir', dataDir], { cwd: repoRoot, env });
    expect(JSON.parse(ok.stdout)).toEqual({ documents: [] });
    const failed = await run('npm', ['run', '-s', 'cli', '--', 'nope', '--data-dir', dataDir], { cwd: repoRoot, env }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stdout: '' });
    expect(failed.stderr).toMatch(/^cairn: unknown command 'nope'/m);
  });
});
