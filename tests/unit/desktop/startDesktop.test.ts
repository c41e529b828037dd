import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { electronBindingPath, electronBuildEnv, nodeGypArgs, prebuildInstallArgs } from '../../../scripts/desktop/electronBinding';
import { planDesktopStart } from '../../../scripts/desktop/startPlan';
import { tempDir } from '../../support/tempDir';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const target = { electronVersion: '41.7.1', platform: 'linux' as const, arch: 'x64' };

describe('npm start', () => {
  it('plans the Electron download, the Electron-ABI binding, the build and the launch on a fresh checkout', () => {
    const root = tempDir();
    const steps = planDesktopStart({ repoRoot: root, target, electronExecutable: null });
    expect(steps.map((s) => s.kind)).toEqual(['install-electron', 'build-sqlite-for-electron', 'build-app', 'launch']);
    const binding = electronBindingPath(root, target);
    expect(binding).toBe(path.join(root, '.native', 'electron-41.7.1-linux-x64', 'better_sqlite3.node'));
    expect(steps.at(-1)).toMatchObject({ kind: 'launch', binding });
  });

  it('skips what is already done, so the second start only builds and launches', () => {
    const root = tempDir();
    const binding = electronBindingPath(root, target);
    fs.mkdirSync(path.dirname(binding), { recursive: true });
    fs.writeFileSync(binding, '');
    const electron = path.join(root, 'electron');
    fs.writeFileSync(electron, '');
    expect(planDesktopStart({ repoRoot: root, target, electronExecutable: electron }).map((s) => s.kind)).toEqual(['build-app', 'launch']);
  });

  it('builds the Electron binding outside node_modules, against Electron headers, ignoring a global nodedir', () => {
    expect(electronBindingPath(repoRoot, target).startsWith(path.join(repoRoot, '.native'))).toBe(true);
    expect(nodeGypArgs(target)).toEqual(expect.arrayContaining(['--target=41.7.1', '--arch=x64', '--dist-url=https://electronjs.org/headers']));
    expect(prebuildInstallArgs(target).join(' ')).toContain('--runtime electron --target 41.7.1');
    const env = electronBuildEnv({ PATH: '/usr/bin', npm_config_nodedir: '/usr', NPM_CONFIG_NODEDIR: '/usr' });
    expect(env).toEqual({ PATH: '/usr/bin' });
  });

  it('prints its plan with --dry-run and changes nothing', async () => {
    const lockBefore = fs.readFileSync(path.join(repoRoot, 'package-lock.json'));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/start-desktop.ts', '--dry-run'], { cwd: repoRoot });
    const plan = JSON.parse(stdout) as { target: { electronVersion: string }; steps: { kind: string }[] };
    expect(plan.target.electronVersion).toBe('41.7.1');
    expect(plan.steps.map((s) => s.kind)).toEqual(expect.arrayContaining(['build-app', 'launch']));
    expect(fs.readFileSync(path.join(repoRoot, 'package-lock.json')).equals(lockBefore)).toBe(true);
  });

  it('leaves node_modules built for Node, so npm test keeps working', async () => {
    const { stdout } = await run(process.execPath, ['-e', "const D=require('better-sqlite3-multiple-ciphers'); new D(':memory:').close(); console.log(process.versions.modules)"], { cwd: repoRoot });
    expect(stdout.trim()).toBe(process.versions.modules);
  });
});
