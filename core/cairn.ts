import path from 'node:path';
import { answerQuestion, type AskOptions } from './answer/answerQuestion';
import { createLlmWriter } from './answer/llmWriter';
import type { Answer, AnswerWriter } from './answer/types';
import { createEmbedder, embedderSpecSchema, type Embedder, type EmbedderSpec } from './embed';
import { countLibrary, listDocuments } from './library';
import { builtInPackDir, builtInPackFiles, packIsCurrent } from './library/builtInPack';
import { editDocument, type DocumentEdit } from './library/editDocument';
import { readRelatedResources } from './library/relatedResources';
import { importFiles, type ImportProgress, type ImportReport } from './library/importFiles';
import { deleteDocument } from './library/writeDocument';
import { CairnError } from './errors';
import { reindexLibrary, type ReindexProgress, type ReindexResult } from './library/reindex';
import { ModelRegistry } from './models/registry';
import { NetworkLog } from './privacy/networkLog';
import { createModelExtractor, type ModelExtractor } from './records/modelExtract';
import { dataDirLayout } from './paths';
import { hybridSearch, type SearchOptions, type SearchResponse } from './retrieve';
import { openStore, readSetting, readVectorIndexSpec, schemaVersion, writeSetting, type Store } from './store';
import type { AppStatus, DocumentSummary, PassageView } from './types';
import { readPassage } from './library/readPassage';
import { renderPage, type PageImage } from './library/renderPage';
import { CAIRN_VERSION } from './version';

const EMBEDDER_SETTING = 'embedder';

/** The built-in embedder: Universal Sentence Encoder Lite, shipped in npm packages, no download. */
export const DEFAULT_EMBEDDER: EmbedderSpec = { kind: 'use-lite' };

export interface LongTaskOptions<P> {
  signal?: AbortSignal;
  onProgress?: (progress: P) => void;
}

export interface OpenCairnOptions {
  /** The data directory (see `resolveDataDir`). Created if missing. */
  dataDir: string;
  /** A `better_sqlite3.node` built for the running runtime (the desktop app in development). */
  nativeBinding?: string;
  /**
   * The embedder to index and search with, for this session only. Default: the library's own
   * (chosen with `reindex`), else `DEFAULT_EMBEDDER` (USE-lite).
   */
  embedder?: EmbedderSpec;
  /**
   * Embedding worker threads. Default: the embedder's own choice, which leaves a core free for
   * the app's window. Batch tools (the command line) use every core.
   */
  embedderWorkers?: number;
}

/**
 * The engine behind every front end: the desktop app (through IPC), the HTTP bridge and the
 * command line all call this object and nothing below it.
 */
export class Cairn {
  readonly #store: Store;
  readonly #embedderWorkers: number | undefined;
  #embedderSpec: EmbedderSpec;
  #embedder: Promise<Embedder> | null = null;
  /** The writer for the active answer model, kept loaded between questions (its evaluated system prompt is reused). */
  #writer: { file: string; writer: Promise<AnswerWriter> } | null = null;
  /** The records extraction pass for the active model, loaded on first use. */
  #extractor: { file: string; extractor: Promise<ModelExtractor> } | null = null;

  private constructor(store: Store, embedderSpec: EmbedderSpec, embedderWorkers: number | undefined) {
    this.#store = store;
    this.#embedderSpec = embedderSpec;
    this.#embedderWorkers = embedderWorkers;
  }

  static open(options: OpenCairnOptions): Cairn {
    const store = openStore(options);
    const chosen = options.embedder ?? readSetting(store.db, EMBEDDER_SETTING, embedderSpecSchema) ?? DEFAULT_EMBEDDER;
    return new Cairn(store, chosen, options.embedderWorkers);
  }

  get embedderSpec(): EmbedderSpec {
    return this.#embedderSpec;
  }

  /**
   * Re-embeds the library with `spec` (remembered as the library's embedder from now on), or
   * finishes an interrupted re-index with the current one. Reports progress; can be cancelled.
   */
  async reindex(spec: EmbedderSpec | undefined, options: LongTaskOptions<ReindexProgress> = {}): Promise<ReindexResult> {
    if (spec) {
      const previous = this.#embedder;
      this.#embedder = null;
      this.#embedderSpec = spec;
      if (previous) await (await previous).dispose();
    }
    const result = await reindexLibrary(this.#store.db, await this.embedder(), options);
    writeSetting(this.#store.db, EMBEDDER_SETTING, embedderSpecSchema, this.#embedderSpec);
    return result;
  }

  /** The embedder, started on first use (in a worker thread, so callers stay responsive). */
  embedder(): Promise<Embedder> {
    this.#embedder ??= createEmbedder(this.#embedderSpec, this.#embedderWorkers ? { workers: this.#embedderWorkers } : {});
    return this.#embedder;
  }

  /** Imports files and folders into the library; see `importFiles`. */
  async importLibrary(paths: readonly string[], options: LongTaskOptions<ImportProgress> & { builtIn?: boolean } = {}): Promise<ImportReport> {
    return importFiles(this.#store.db, paths, {
      embedder: await this.embedder(),
      importsDir: path.join(this.#store.dataDir, dataDirLayout.imports),
      ...options,
    });
  }

  /**
   * Imports the built-in starter pack (first run), or brings it up to date when its files changed;
   * unchanged files are skipped. Does nothing when there is no pack (`CAIRN_BUILTIN_PACK=none`).
   */
  async ensureBuiltInPack(options: LongTaskOptions<ImportProgress> & { env?: NodeJS.ProcessEnv } = {}): Promise<ImportReport | null> {
    const dir = builtInPackDir(options.env);
    if (!dir) return null;
    const files = builtInPackFiles(dir);
    if (files.length === 0 || packIsCurrent(this.#store.db, files)) return null;
    const { env: _env, ...importOptions } = options;
    return this.importLibrary(files, { ...importOptions, builtIn: true });
  }

  /** Hybrid search over the library (BM25 + vectors, cancer-type and intent aware). */
  async search(query: string, options: Omit<SearchOptions, 'embedder'> = {}): Promise<SearchResponse> {
    const embedder = readVectorIndexSpec(this.#store.db) ? await this.embedder() : null;
    return hybridSearch(this.#store.db, query, { ...options, embedder });
  }

  get dataDir(): string {
    return this.#store.dataDir;
  }

  /** The installed answer and search models and the active answer model (see core/models). */
  get models(): ModelRegistry {
    return new ModelRegistry(this.#store.db, this.#store.dataDir);
  }

  status(): AppStatus {
    const { db } = this.#store;
    return {
      version: CAIRN_VERSION,
      dataDir: this.#store.dataDir,
      databaseFile: this.#store.file,
      schemaVersion: schemaVersion(db),
      library: countLibrary(db),
      vectorIndex: readVectorIndexSpec(db),
    };
  }

  listDocuments(): DocumentSummary[] {
    return listDocuments(this.#store.db);
  }

  /**
   * Answers a question from the library: structured, cited and disclaimed (see `answerQuestion`).
   * Without an installed answer model, or with `mode: 'extractive'`, the extractive writer answers.
   */
  async ask(question: string, options: AskOptions = {}): Promise<Answer> {
    return answerQuestion(
      {
        search: (q, searchOptions) => this.search(q, searchOptions),
        llmWriter: () => this.#llmWriter(),
        relatedResources: () => readRelatedResources(builtInPackDir()),
      },
      question,
      options,
    );
  }

  /** The active answer model's writer, loaded on first use; null when no model is active. */
  async #llmWriter(): Promise<AnswerWriter | null> {
    const active = this.models.active();
    if (!active || active.kind !== 'chat') return null;
    if (this.#writer?.file !== active.file) {
      const previous = this.#writer;
      this.#writer = { file: active.file, writer: createLlmWriter({ modelPath: active.file, modelName: active.name }) };
      if (previous) await (await previous.writer).dispose();
      this.#writer.writer.catch(() => (this.#writer = null));
    }
    return this.#writer.writer;
  }

  /** Corrects a document's title, publisher, edition or cancer types. */
  editDocument(documentId: number, edit: DocumentEdit): DocumentSummary {
    editDocument(this.#store.db, documentId, edit);
    return this.listDocuments().find((doc) => doc.id === documentId)!;
  }

  /** Every network request Cairn made or refused (the privacy panel). */
  get networkLog(): NetworkLog {
    return new NetworkLog(this.#store.db);
  }

  /** The passage a citation points at (`Source.chunkId`). */
  passage(chunkId: number): PassageView {
    return readPassage(this.#store.db, chunkId);
  }

  /** Page `page` (1-based) of an imported PDF as a PNG, drawn from its original in imports/. */
  renderPage(documentId: number, page: number): Promise<PageImage> {
    return renderPage(this.#store.db, path.join(this.#store.dataDir, dataDirLayout.imports), documentId, page);
  }

  /** Removes a document with its passages and vectors (its original stays in imports/). */
  removeDocument(documentId: number): void {
    if (!deleteDocument(this.#store.db, documentId)) throw new CairnError('INVALID_INPUT', `There is no document ${documentId} in the library.`);
  }

  /**
   * The local model's extraction pass for records (grammar-constrained, every fact verified
   * against the record), loaded on first use; null when no chat model is active.
   */
  async recordModelExtractor(): Promise<ModelExtractor | null> {
    const active = this.models.active();
    if (!active || active.kind !== 'chat') return null;
    if (this.#extractor?.file !== active.file) {
      const previous = this.#extractor;
      this.#extractor = { file: active.file, extractor: createModelExtractor({ modelPath: active.file, modelName: active.name }) };
      if (previous) await (await previous.extractor.catch(() => null))?.dispose();
      this.#extractor.extractor.catch(() => (this.#extractor = null));
    }
    return this.#extractor.extractor;
  }

  /** Closes the database and stops the embedder's worker and any loaded model. */
  async close(): Promise<void> {
    const embedder = this.#embedder;
    const writer = this.#writer;
    const extractor = this.#extractor;
    this.#embedder = null;
    this.#writer = null;
    this.#extractor = null;
    this.#store.close();
    if (embedder) await (await embedder).dispose();
    if (writer) await (await writer.writer.catch(() => null))?.dispose();
    if (extractor) await (await extractor.extractor.catch(() => null))?.dispose();
  }
}
