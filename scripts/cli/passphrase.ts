import { read } from 'read';
import { CairnError } from '../../core/errors';
import { keyringExists, type RecordsUnlock } from '../../core/records/store/keyring';
import type { CliIo } from './io';

/**
 * The records passphrase: `CAIRN_PASSPHRASE` when set, else typed at a hidden prompt (twice when
 * the records are new). Never echoed, never logged.
 */
export async function passphraseUnlock(io: CliIo, dataDir: string): Promise<RecordsUnlock> {
  const fromEnvironment = io.env.CAIRN_PASSPHRASE;
  if (fromEnvironment) return { kind: 'passphrase', passphrase: fromEnvironment };
  const prompt = io.promptSecret ?? terminalPrompt;
  if (!io.promptSecret && !process.stdin.isTTY) {
    throw new CairnError('RECORDS_LOCKED', 'Your records are encrypted: set CAIRN_PASSPHRASE or run this in a terminal to type your passphrase.');
  }
  if (keyringExists(dataDir)) return { kind: 'passphrase', passphrase: await prompt('Passphrase for your records: ') };
  const chosen = await prompt('Choose a passphrase for your records (at least 8 characters; without it they cannot be read): ');
  const again = await prompt('Type it again: ');
  if (chosen !== again) throw new CairnError('INVALID_INPUT', 'The two passphrases differ; nothing was saved.');
  return { kind: 'passphrase', passphrase: chosen };
}

function terminalPrompt(prompt: string): Promise<string> {
  return read({ prompt, silent: true, replace: '*', output: process.stderr });
}
