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
    // No built-in pack unless a test asks for one: most tests want an empty library.
    env: { HOME: '/nonexistent-home', CAIRN_BUILTIN_PACK: 'none', ...env },
  });
  return { code, stdout, stderr };
}
