import { z } from 'zod';
import type { CombinedProfile } from '../records/combineProfiles';
import type { DeleteAllResult } from '../records/deleteAllData';
import type { ImportRecordResult } from '../records/importRecord';
import type { RecordsStatus } from '../records/recordsSession';
import type { RecordSummary } from '../records/store/recordsRepository';
import type { Answer } from '../answer/types';
import type { ImportProgress, ImportReport } from '../library/importFiles';
import type { ReindexProgress, ReindexResult } from '../library/reindex';
import type { PageImage } from '../library/renderPage';
import type { ModelDownloadProgress } from '../models/downloadModel';
import type { ModelsListing } from '../models/listing';
import type { InstalledModel, RemoveResult } from '../models/registry';
import type { NetworkLogEntry } from '../privacy/networkLog';
import type { HistoryEntry } from '../records/store/historyRepository';
import type { PrepItem } from '../records/store/prepRepository';
import type { AppStatus, DocumentSummary, PassageView } from '../types';
import type { TaskSnapshot } from './tasks';

/** What an answer being written reports while it streams. */
export type AskEvent = { type: 'token'; text: string };
export type AskSnapshot = TaskSnapshot<AskEvent, Answer>;
/** Library work: importing files or re-embedding the library. */
export type LibraryTaskEvent = { type: 'import'; progress: ImportProgress } | { type: 'reindex'; progress: ReindexProgress };
export type LibrarySnapshot = TaskSnapshot<LibraryTaskEvent, ImportReport | ReindexResult>;
/** Model work: a download (with bytes received) or an import from a file (a load check). */
export type ModelTaskEvent = { type: 'download'; progress: ModelDownloadProgress } | { type: 'import'; message: string };
export type ModelSnapshot = TaskSnapshot<ModelTaskEvent, InstalledModel>;
const absolutePath = z.string().min(1).max(4096).refine((p) => /^([A-Za-z]:[\\/]|\/)/.test(p), 'an absolute path');
const taskId = z.uuid();

const profileId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/).optional();

/**
 * The bridge between the UI and core, declared once. Each method has a name
 * (`'domain/verb-noun'`), a schema for its input (checked wherever input crosses a process
 * boundary: IPC, HTTP) and an output type. Preload and the HTTP bridge implement `CairnApi` over
 * their transport; `createHandlers` implements `CairnHandlers` over core.
 */
export const methodInputs = {
  'app/status': z.undefined(),
  'library/list': z.undefined(),
  'ask/start': z
    .object({
      question: z.string().trim().min(1, 'Type a question.').max(2000),
      mode: z.enum(['auto', 'llm', 'extractive']).optional(),
      /** Use the profile from the person's records, when they are open. Default true. */
      personalize: z.boolean().optional(),
    })
    .strict(),
  'ask/poll': z.object({ taskId, after: z.number().int().min(0) }).strict(),
  'ask/cancel': z.object({ taskId }).strict(),
  'library/passage': z.object({ chunkId: z.number().int().positive() }).strict(),
  'library/page': z.object({ documentId: z.number().int().positive(), page: z.number().int().positive().max(100_000) }).strict(),
  'library/import': z.object({ paths: z.array(absolutePath).min(1).max(500) }).strict(),
  'library/reindex': z.object({ embedder: z.enum(['use-lite']).optional() }).strict(),
  'library/poll': z.object({ taskId, after: z.number().int().min(0) }).strict(),
  'library/cancel': z.object({ taskId }).strict(),
  'library/remove': z.object({ id: z.number().int().positive() }).strict(),
  'models/list': z.undefined(),
  'models/download': z.object({ id: z.string().min(1).max(200), allowUnverified: z.boolean().optional() }).strict(),
  'models/import': z.object({ path: absolutePath }).strict(),
  'models/poll': z.object({ taskId, after: z.number().int().min(0) }).strict(),
  'models/cancel': z.object({ taskId }).strict(),
  'models/use': z.object({ id: z.string().min(1).max(200) }).strict(),
  'models/remove': z.object({ id: z.string().min(1).max(200) }).strict(),
  'privacy/requests': z.undefined(),
  'prep/list': z.undefined(),
  'prep/add': z.object({ question: z.string().trim().min(1).max(1000), why: z.string().max(2000).optional(), askedAbout: z.string().max(2000).optional() }).strict(),
  'prep/update': z.object({ id: z.number().int().positive(), question: z.string().trim().min(1).max(1000).optional(), note: z.string().max(4000).optional() }).strict(),
  'prep/remove': z.object({ id: z.number().int().positive() }).strict(),
  'prep/reorder': z.object({ ids: z.array(z.number().int().positive()).max(500) }).strict(),
  'prep/pdf': z.undefined(),
  'history/list': z.object({ search: z.string().max(200).optional() }).strict().optional(),
  'history/get': z.object({ id: z.number().int().positive() }).strict(),
  'history/delete': z.object({ id: z.number().int().positive() }).strict(),
  'records/status': z.undefined(),
  'records/unlock': z.object({ passphrase: z.string().min(1).max(1024).optional() }).strict(),
  'records/import': z.object({ path: z.string().min(1).max(4096).refine((p) => /^([A-Za-z]:[\\/]|\/)/.test(p), 'an absolute path'), profileId }).strict(),
  'records/list': z.object({ profileId }).strict().optional(),
  'records/profile': z.object({ profileId }).strict().optional(),
  'records/edit': z
    .object({
      profileId,
      field: z.string().min(1).max(200),
      action: z.enum(['confirm', 'set', 'remove', 'revert']),
      value: z.union([z.string().max(2000), z.record(z.string(), z.unknown())]).optional(),
    })
    .strict(),
  'records/remove': z.object({ id: z.number().int().positive() }).strict(),
  'records/deleteAll': z.object({ confirm: z.literal(true) }).strict(),
} as const satisfies Record<string, z.ZodType>;

export interface MethodOutputs {
  'app/status': AppStatus;
  'library/list': DocumentSummary[];
  'ask/start': { taskId: string };
  'ask/poll': AskSnapshot;
  'ask/cancel': { cancelled: boolean };
  'library/passage': PassageView;
  /** One page of an imported PDF as a PNG (base64), from the original kept in imports/. */
  'library/page': PageImage;
  'library/import': { taskId: string };
  'library/reindex': { taskId: string };
  'library/poll': LibrarySnapshot;
  'library/cancel': { cancelled: boolean };
  'library/remove': { removed: number };
  'models/list': ModelsListing;
  'models/download': { taskId: string };
  'models/import': { taskId: string };
  'models/poll': ModelSnapshot;
  'models/cancel': { cancelled: boolean };
  'models/use': InstalledModel;
  'models/remove': RemoveResult;
  'privacy/requests': NetworkLogEntry[];
  'prep/list': PrepItem[];
  'prep/add': PrepItem[];
  'prep/update': PrepItem[];
  'prep/remove': PrepItem[];
  'prep/reorder': PrepItem[];
  /** The list as a PDF (base64), to save or print. */
  'prep/pdf': { fileName: string; base64: string };
  'history/list': HistoryEntry[];
  'history/get': Answer;
  'history/delete': { deleted: true };
  'records/status': RecordsStatus;
  'records/unlock': RecordsStatus;
  'records/import': ImportRecordResult;
  'records/list': RecordSummary[];
  'records/profile': CombinedProfile;
  'records/edit': CombinedProfile;
  'records/remove': RecordSummary;
  'records/deleteAll': DeleteAllResult;
}

export type MethodName = keyof typeof methodInputs;
export type MethodInput<K extends MethodName> = z.input<(typeof methodInputs)[K]>;
export type MethodOutput<K extends MethodName> = MethodOutputs[K];

// Compile-time check: every method has both an input schema and an output type.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : never;
export const contractIsComplete: SameKeys<typeof methodInputs, MethodOutputs> = true;

export type CairnHandlers = {
  [K in MethodName]: (input: z.output<(typeof methodInputs)[K]>) => Promise<MethodOutputs[K]> | MethodOutputs[K];
};

/** Arguments after the method name: none for methods whose input is `undefined`. */
export type InvokeArgs<K extends MethodName> = undefined extends MethodInput<K> ? [input?: MethodInput<K>] : [input: MethodInput<K>];

/** What the renderer sees as `window.cairn`. */
export interface CairnApi {
  invoke<K extends MethodName>(name: K, ...args: InvokeArgs<K>): Promise<MethodOutput<K>>;
  /**
   * Where a file the person picked or dropped is on this computer, to import it by path. In the
   * desktop app the preload asks Electron (`webUtils.getPathForFile`); the HTTP bridge uploads the
   * file into the data directory first. Rejects for anything that is not a file from this computer.
   */
  pathForFile(file: File): Promise<string>;
}

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methodInputs, name);
}
