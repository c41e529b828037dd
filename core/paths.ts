import os from 'node:os';
import path from 'node:path';

/** The folder name Electron derives from `productName`; the CLI uses the same one. */
export const APP_FOLDER_NAME = 'Cairn';

export interface DataDirEnvironment {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  homedir: string;
}

const currentEnvironment = (): DataDirEnvironment => ({
  platform: process.platform,
  env: process.env,
  homedir: os.homedir(),
});

/**
 * The per-user folder Electron calls `appData` (`app.getPath('appData')`):
 * `%APPDATA%` on Windows, `~/Library/Application Support` on macOS, `$XDG_CONFIG_HOME` or
 * `~/.config` elsewhere.
 */
export function appDataDir(environment: DataDirEnvironment = currentEnvironment()): string {
  const { platform, env, homedir } = environment;
  if (platform === 'win32') return env.APPDATA ?? path.join(homedir, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(homedir, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME)
    ? env.XDG_CONFIG_HOME
    : path.join(homedir, '.config');
}

/** The desktop app's `userData` folder: where Cairn keeps its data unless told otherwise. */
export function defaultDataDir(environment: DataDirEnvironment = currentEnvironment()): string {
  return path.join(appDataDir(environment), APP_FOLDER_NAME);
}

/**
 * The data directory to use: an explicit choice (`--data-dir`), else `CAIRN_DATA_DIR`, else the
 * desktop app's folder. Always absolute.
 */
export function resolveDataDir(
  explicit: string | undefined,
  environment: DataDirEnvironment = currentEnvironment(),
): string {
  const chosen = explicit ?? environment.env.CAIRN_DATA_DIR ?? defaultDataDir(environment);
  return path.resolve(chosen);
}

/** Fixed names inside the data directory (DESIGN.md: "Data lives in one data directory"). */
export const dataDirLayout = {
  database: 'cairn.db',
  models: 'models',
  imports: 'imports',
  /** Patient records, their text and the profile: encrypted (docs/SECURITY.md). */
  recordsDatabase: 'records.db',
  /** The records key, wrapped by a passphrase and/or the OS keychain; never the key in the clear. */
  recordsKeyring: 'records-key.json',
} as const;
