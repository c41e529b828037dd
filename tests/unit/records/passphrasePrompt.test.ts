import { describe, expect, it } from 'vitest';
import { runCli } from '../../../scripts/cli/program';
import { tempDir } from '../../support/tempDir';

/** `cairn records list` with a scripted hidden prompt instead of CAIRN_PASSPHRASE. */
async function listWithAnswers(dataDir: string, answers: string[]) {
  const prompts: string[] = [];
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--data-dir', dataDir, '--json', 'records', 'list'], {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { HOME: '/nonexistent-home', CAIRN_BUILTIN_PACK: 'none' },
    promptSecret: (prompt) => {
      prompts.push(prompt);
      return Promise.resolve(answers.shift() ?? '');
    },
  });
  return { code, stdout, stderr, prompts };
}

describe('the records passphrase prompt', () => {
  it('asks twice the first time, and refuses when the two differ without creating anything', async () => {
    const dataDir = tempDir();
    const mismatch = await listWithAnswers(dataDir, ['first passphrase', 'second passphrase']);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toBe('cairn: The two passphrases differ; nothing was saved.\n');
    expect(mismatch.prompts).toHaveLength(2);

    const created = await listWithAnswers(dataDir, ['same passphrase', 'same passphrase']);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ records: [] });
    expect(created.prompts[0]).toMatch(/^Choose a passphrase/);
  });

  it('asks once when the records exist, and never prints the passphrase', async () => {
    const dataDir = tempDir();
    await listWithAnswers(dataDir, ['remembered passphrase', 'remembered passphrase']);
    const again = await listWithAnswers(dataDir, ['remembered passphrase']);
    expect(again.code).toBe(0);
    expect(again.prompts).toEqual(['Passphrase for your records: ']);
    expect(again.stdout + again.stderr).not.toContain('remembered passphrase');
    const wrong = await listWithAnswers(dataDir, ['forgotten passphrase']);
    expect(wrong.stderr).toBe('cairn: That passphrase does not unlock your records.\n');
  });
});
