import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  electronBindingDir,
  electronBuildEnv,
  nodeGypArgs,
  prebuildInstallArgs,
  SQLITE_PACKAGE,
  type ElectronTarget,
} from './desktop/electronBinding';
import { planDesktopStart, type StartStep } from './desktop/startPlan';

/**
 * `npm start`: get the Electron binary if it is missing, build the SQLite binding for Electron's
 * ABI (once, outside node_modules), build the app and launch it. `--dry-run` prints the plan.
 * Needs the internet the first time (Electron and its headers), like any Electron app's set-up.
 */
const repoRoot = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean' } } });

const electronPackage = JSON.parse(fs.readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string };
const target: ElectronTarget = { electronVersion: electronPackage.version, platform: process.platform, arch: os.arch() };
const steps = planDesktopStart({ repoRoot, target, electronExecutable: electronExecutable() });

if (values['dry-run']) {
  process.stdout.write(`${JSON.stringify({ target, steps }, null, 2)}\n`);
  process.exit(0);
}

for (const step of steps) runStep(step);

function runStep(step: StartStep): void {
  switch (step.kind) {
    case 'install-electron': {
      log(`Downloading Electron ${target.electronVersion} (${step.why})…`);
      const env = { ...process.env };
      delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
      run(process.execPath, [require.resolve('electron/install.js')], { env });
      return;
    }
    case 'build-sqlite-for-electron':
      log(`Building the database module for Electron ${target.electronVersion} (once; node_modules stays built for Node)…`);
      buildSqliteForElectron(step.output);
      return;
    case 'build-app':
      run(process.execPath, [packageBin('electron-vite'), 'build']);
      return;
    case 'launch': {
      const executable = electronExecutable() ?? step.electron;
      const child = spawn(executable, ['.'], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, CAIRN_SQLITE_BINDING: step.binding } });
      child.on('exit', (code) => process.exit(code ?? 0));
      return;
    }
  }
}

/** Builds in a scratch copy of the package so node_modules is never touched. */
function buildSqliteForElectron(output: string): void {
  const source = path.dirname(require.resolve(`${SQLITE_PACKAGE}/package.json`));
  const scratch = path.join(electronBindingDir(repoRoot, target), 'build-tree');
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.cpSync(source, scratch, { recursive: true, filter: (file) => !file.startsWith(path.join(source, 'build')) });
  const env = electronBuildEnv(process.env);
  const prebuilt = spawnSync(process.execPath, [packageBin('prebuild-install'), ...prebuildInstallArgs(target)], { cwd: scratch, stdio: 'inherit', env });
  if (prebuilt.status !== 0) {
    log('No prebuilt module for this Electron; compiling it (needs a C++ toolchain)…');
    run(process.execPath, [packageBin('node-gyp'), ...nodeGypArgs(target)], { cwd: scratch, env });
  }
  fs.copyFileSync(path.join(scratch, 'build', 'Release', 'better_sqlite3.node'), output);
  fs.rmSync(scratch, { recursive: true, force: true });
}

/** The script a package declares as its command (its package.json `bin`). */
function packageBin(name: string): string {
  const manifestPath = require.resolve(`${name}/package.json`);
  const { bin } = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { bin: string | Record<string, string> };
  const relative = typeof bin === 'string' ? bin : (bin[name] ?? Object.values(bin)[0]);
  if (!relative) throw new Error(`${name} declares no command.`);
  return path.join(path.dirname(manifestPath), relative);
}

function electronExecutable(): string | null {
  try {
    return require('electron') as string;
  } catch {
    return null;
  }
}

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): void {
  const result = spawnSync(command, args, { cwd: options.cwd ?? repoRoot, env: options.env ?? process.env, stdio: 'inherit' });
  if (result.status !== 0) {
    log(`npm start: "${path.basename(args[0] ?? command)}" failed (exit ${result.status}). See the messages above.`);
    process.exit(result.status ?? 1);
  }
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
