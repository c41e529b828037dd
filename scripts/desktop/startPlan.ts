import fs from 'node:fs';
import path from 'node:path';
import { electronBindingPath, type ElectronTarget } from './electronBinding';

export type StartStep =
  | { kind: 'install-electron'; why: string }
  | { kind: 'build-sqlite-for-electron'; output: string }
  | { kind: 'build-app' }
  | { kind: 'launch'; electron: string; binding: string };

export interface StartState {
  repoRoot: string;
  target: ElectronTarget;
  /** Path of the Electron executable, or null when the binary was never downloaded. */
  electronExecutable: string | null;
}

/** What `npm start` must do on this machine, in order. Steps already done are left out. */
export function planDesktopStart(state: StartState): StartStep[] {
  const steps: StartStep[] = [];
  const executable = state.electronExecutable;
  if (!executable || !fs.existsSync(executable)) {
    steps.push({ kind: 'install-electron', why: 'the Electron binary has not been downloaded yet' });
  }
  const binding = electronBindingPath(state.repoRoot, state.target);
  if (!fs.existsSync(binding)) steps.push({ kind: 'build-sqlite-for-electron', output: binding });
  steps.push({ kind: 'build-app' });
  steps.push({ kind: 'launch', electron: executable ?? path.join(state.repoRoot, 'node_modules/electron/dist/electron'), binding });
  return steps;
}
