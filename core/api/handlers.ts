import type { Cairn } from '../cairn';
import type { RecordsSession } from '../records/recordsSession';
import type { AskEvent, CairnHandlers, LibraryTaskEvent, ModelTaskEvent } from './contract';
import type { ImportReport } from '../library/importFiles';
import type { ReindexResult } from '../library/reindex';
import { downloadCatalogModel, findCatalogEntry, importModelFile, loadCatalog, type InstalledModel } from '../models';
import { describeModels } from '../models/listing';
import { TaskRegistry } from './tasks';
import { renderPrepPdf } from '../prep/prepPdf';
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
    'library/page': (input) => cairn.renderPage(input.documentId, input.page),
    'library/import': (input) => ({
      taskId: tasks.start<LibraryTaskEvent, ImportReport>('library', ({ signal, emit }) =>
        cairn.importLibrary(input.paths, { signal, onProgress: (progress) => emit({ type: 'import', progress }) }),
      ),
    }),
    'library/reindex': (input) => ({
      taskId: tasks.start<LibraryTaskEvent, ReindexResult>('library', ({ signal, emit }) =>
        cairn.reindex(input.embedder ? { kind: input.embedder } : undefined, { signal, onProgress: (progress) => emit({ type: 'reindex', progress }) }),
      ),
    }),
    'library/poll': (input) => tasks.poll(input.taskId, 'library', input.after),
    'library/cancel': (input) => tasks.cancel(input.taskId, 'library'),
    'library/remove': (input) => {
      cairn.removeDocument(input.id);
      return { removed: input.id };
    },
    'models/list': () => describeModels(loadCatalog(), cairn.models.list(), cairn.models.activeId()),
    'models/download': (input) => {
      const entry = findCatalogEntry(loadCatalog(), input.id);
      return {
        taskId: tasks.start<ModelTaskEvent, InstalledModel>('model', ({ signal, emit }) =>
          downloadCatalogModel(cairn.models, entry, {
            signal,
            allowUnverified: input.allowUnverified ?? false,
            networkLog: cairn.networkLog,
            onProgress: (progress) => emit({ type: 'download', progress }),
          }),
        ),
      };
    },
    'models/import': (input) => ({
      taskId: tasks.start<ModelTaskEvent, InstalledModel>('model', ({ signal, emit }) => {
        emit({ type: 'import', message: 'Checking that the model loads' });
        return importModelFile(cairn.models, input.path, { signal, catalog: loadCatalog() });
      }),
    }),
    'models/poll': (input) => tasks.poll(input.taskId, 'model', input.after),
    'models/cancel': (input) => tasks.cancel(input.taskId, 'model'),
    'models/use': (input) => cairn.models.setActive(input.id),
    'models/remove': (input) => cairn.models.remove(input.id),
    'privacy/requests': () => cairn.networkLog.list(),
    'prep/list': () => records.records().prepList(),
    'prep/add': (input) => records.records().addToPrep({ question: input.question, ...(input.why ? { why: input.why } : {}), ...(input.askedAbout ? { askedAbout: input.askedAbout } : {}) }),
    'prep/update': (input) => records.records().updatePrep(input.id, { ...(input.question !== undefined ? { question: input.question } : {}), ...(input.note !== undefined ? { note: input.note } : {}) }),
    'prep/remove': (input) => records.records().removeFromPrep(input.id),
    'prep/reorder': (input) => records.records().reorderPrep(input.ids),
    'prep/pdf': async () => {
      const items = records.records().prepList();
      const bytes = await renderPrepPdf(items, { date: new Date() });
      return { fileName: `cairn-questions-${new Date().toISOString().slice(0, 10)}.pdf`, base64: Buffer.from(bytes).toString('base64') };
    },
    'history/list': (input) => records.records().history(input?.search),
    'history/get': (input) => records.records().historyAnswer(input.id),
    'history/delete': (input) => {
      records.records().deleteFromHistory(input.id);
      return { deleted: true as const };
    },
    'ask/start': (input) => {
      // The person's profile personalizes the answer when their records are open (never otherwise).
      const profile = input.personalize !== false && records.isOpen ? records.records().profile().profile : undefined;
      const taskId = tasks.start<AskEvent, Answer>('ask', async ({ signal, emit }) => {
        const answer = await cairn.ask(input.question, {
          signal,
          onToken: (text) => emit({ type: 'token', text }),
          ...(input.mode ? { mode: input.mode } : {}),
          ...(profile && Object.keys(profile).length > 0 ? { profile } : {}),
        });
        // History is personal, so it is kept only in the encrypted store, when it is open.
        if (records.isOpen) records.records().saveAnswer(answer);
        return answer;
      });
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
