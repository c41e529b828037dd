import { z } from 'zod';
import { readSetting, writeSetting, type Database } from '../store';

/**
 * Every network request Cairn makes or refuses, for the privacy panel. Expected contents: nothing,
 * or the model downloads the person started. Kept in the library database (URLs of model files
 * and blocked page requests are not personal), newest last, at most `MAX_ENTRIES`.
 */
export const networkLogEntrySchema = z.object({
  at: z.string(),
  url: z.string(),
  /** Why: "model download" (the only network code in Cairn), or what tried and was refused. */
  purpose: z.string(),
  /** 'sent': the request went out (recorded before it did); 'blocked': Cairn refused it. */
  outcome: z.enum(['sent', 'blocked']),
});
export type NetworkLogEntry = z.infer<typeof networkLogEntrySchema>;

const SETTING = 'privacy.networkLog';
const MAX_ENTRIES = 500;
const listSchema = z.array(networkLogEntrySchema);

export class NetworkLog {
  constructor(private readonly db: Database) {}

  record(entry: Omit<NetworkLogEntry, 'at'>): void {
    const entries = this.list();
    entries.push({ at: new Date().toISOString(), ...entry });
    writeSetting(this.db, SETTING, listSchema, entries.slice(-MAX_ENTRIES));
  }

  list(): NetworkLogEntry[] {
    return readSetting(this.db, SETTING, listSchema) ?? [];
  }
}

/** A fetch that writes each request into the log before it goes out (so one that hangs is listed too). */
export function loggedFetch(fetchImpl: typeof fetch, log: NetworkLog | undefined, purpose: string): typeof fetch {
  if (!log) return fetchImpl;
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    log.record({ url, purpose, outcome: 'sent' });
    return fetchImpl(input, init);
  };
}
