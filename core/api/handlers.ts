import type { Cairn } from '../cairn';
import type { RecordsSession } from '../records/recordsSession';
import type { AskEvent, CairnHandlers } from './contract';
import { TaskRegistry } from './tasks';
import type { Answer } from '../answer/types';

/**
 * Binds every bridge method to the engine. A missing method is a compile error. `tasks` holds
 * long work between calls (answers being written).
 */
export function createHandlers(cairn: Cairn, records: RecordsSession, tasks = new TaskRegistry()): CairnHandlers {
  return {
    'app/status': () => cairn.status(),
    'library/list': () => cairn.listDocuments(),
    'library/passage': (input) => cairn.passage(input.chunkId),
    'privacy/requests': () => cairn.networkLog.list(),
    'ask/start': (input) => {
      // The person's profile personalizes the answer when their records are open (never otherwise).
      const profile = input.personalize !== false && records.status().unlocked ? records.records().profile().profile : undefined;
      const taskId = tasks.start<AskEvent, Answer>('ask', ({ signal, emit }) =>
        cairn.ask(input.question, {
          signal,
          onToken: (text) => emit({ type: 'token', text }),
          ...(input.mode ? { mode: input.mode } : {}),
          ...(profile && Object.keys(profile).length > 0 ? { profile } : {}),
        }),
      );
      return { taskId };
    },
    'ask/poll': (input) => tasks.poll<AskEvent, Answer>(input.taskId, 'ask', input.after),
    'ask/cancel': (input) => tasks.cancel(input.taskId, 'ask'),
    'records/status': () => records.status(),
    'records/unlock': (input) => records.unlock(input.passphrase),
    'records/import': async (input) => {
      const imported = records.records();
      const modelExtractor = await cairn.recordModelExtractor();
      return imported.import(input.path, { ...(input.profileId ? { profileId: input.profileId } : {}), ...(modelExtractor ? { modelExtractor } : {}) });
    },
    'records/list': (input) => records.records().list(input?.profileId),
    'records/profile': (input) => records.records().profile(input?.profileId),
    'records/edit': (input) => records.records().edit({ field: input.field, action: input.action, ...(input.value !== undefined ? { value: input.value } : {}) }, input.profileId),
    'records/remove': (input) => records.records().remove(input.id),
    'records/deleteAll': () => records.deleteAll(),
  };
}
