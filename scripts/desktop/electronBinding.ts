import path from 'node:path';

/**
 * better-sqlite3 is compiled for one ABI: Node's (tests, the command line) or Electron's (the
 * app). Instead of rebuilding node_modules back and forth, `npm start` builds a second copy of the
 * binding for Electron under `.native/` and the app loads it through `nativeBinding`; node_modules
 * stays built for Node, so `npm test` keeps working after `npm start`.
 */
export const SQLITE_PACKAGE = 'better-sqlite3-multiple-ciphers';

export interface ElectronTarget {
  electronVersion: string;
  platform: NodeJS.Platform;
  arch: string;
}

export function electronBindingDir(repoRoot: string, target: ElectronTarget): string {
  return path.join(repoRoot, '.native', `electron-${target.electronVersion}-${target.platform}-${target.arch}`);
}

export function electronBindingPath(repoRoot: string, target: ElectronTarget): string {
  return path.join(electronBindingDir(repoRoot, target), 'better_sqlite3.node');
}

/** Arguments for prebuild-install: fetches the published Electron build, if there is one. */
export function prebuildInstallArgs(target: ElectronTarget): string[] {
  return ['--runtime', 'electron', '--target', target.electronVersion, '--arch', target.arch, '--platform', target.platform, '--verbose'];
}

/** Arguments for node-gyp: compiles against Electron's headers (downloaded from electronjs.org). */
export function nodeGypArgs(target: ElectronTarget): string[] {
  return ['rebuild', '--release', `--target=${target.electronVersion}`, `--arch=${target.arch}`, '--dist-url=https://electronjs.org/headers'];
}

/**
 * The environment for the Electron build. A machine-wide `nodedir` (npm config) would make
 * node-gyp silently build against Node's headers again, so it is removed here.
 */
export function electronBuildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.toLowerCase() === 'npm_config_nodedir') continue;
    clean[key] = value;
  }
  return clean;
}
