import type { Cairn } from '../cairn';
import type { RecordsSession } from '../records/recordsSession';
import type { CairnHandlers } from './contract';

/** Binds every bridge method to the engine. A missing method is a compile error. */
export function createHandlers(cairn: Cairn, records: RecordsSession): CairnHandlers {
  return {
    'app/status': () => cairn.status(),
    'library/list': () => cairn.listDocuments(),
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
