import fs from 'node:fs';
import { z } from 'zod';
import { patientProfileSchema, type PatientProfile } from '../../core/records/profile';
import { CairnError } from '../../core/errors';

/**
 * Reads `--profile FILE`: a patient profile as JSON, either the profile itself or the output of
 * `records import --json` (with the profile under `profile`).
 */
export function readProfileFile(file: string): PatientProfile {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : 'it is not valid JSON';
    throw new CairnError('INVALID_INPUT', `Cannot read the profile ${file}: ${reason}.`);
  }
  const candidate = typeof json === 'object' && json !== null && 'profile' in json ? (json as { profile: unknown }).profile : json;
  const parsed = patientProfileSchema.safeParse(candidate);
  if (!parsed.success) throw new CairnError('INVALID_INPUT', `The profile ${file} is not a Cairn patient profile: ${z.prettifyError(parsed.error).split('\n').join(' ')}`);
  return parsed.data;
}
