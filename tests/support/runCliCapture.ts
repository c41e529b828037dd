import { runCli } from '../../scripts/cli/program';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the `cairn` command line in-process, capturing what it prints. */
export async function runCliCapture(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { HOME: '/nonexistent-home', ...env },
  });
  return { code, stdout, stderr };
}
