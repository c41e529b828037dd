import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CairnError } from '../errors';
import { ImportRejected } from '../library/import/types';
import { extractProfile } from './extract';
import { mergeModelFacts } from './mergeModelFacts';
import type { PatientProfile } from './profile';
import { MAX_RECORD_BYTES, readRecord } from './read';
import type { RecordsStore } from './store/openRecordsStore';
import { findRecordBySha, getExtractedProfile, insertRecord, type RecordSummary } from './store/recordsRepository';
import type { RecordText } from './types';

/** Reads facts with the local model; see `createModelExtractor`. */
export interface RecordModelExtractor {
  readonly model: string;
  readonly lastExtraction: { proposed: number; kept: number; dropped: number } | null;
  extract(record: RecordText, file: string, options?: { signal?: AbortSignal }): Promise<PatientProfile>;
}

/** What the model pass did for one record: facts it proposed, kept after the checks, and added to the rules'. */
export interface ModelPassSummary {
  model: string;
  proposed: number;
  kept: number;
  added: number;
}

export interface ImportRecordOptions {
  profileId: string;
  signal?: AbortSignal;
  onProgress?: (progress: { message: string; page?: number; pages?: number }) => void;
  /** When a local model is installed: a second, grammar-constrained pass that adds what the rules missed. */
  modelExtractor?: RecordModelExtractor;
}

export interface ImportRecordResult {
  record: RecordSummary;
  /** What this record says, with the evidence for each field. */
  profile: PatientProfile;
  /** True when the same file was imported before: nothing was added. */
  alreadyImported: boolean;
  /** The local model's extraction pass, or null when it did not run (no model, or already imported). */
  modelPass: ModelPassSummary | null;
}

/**
 * Imports one record file: reads its text (OCR where needed), extracts the profile fields with
 * the rules (and the model, when given), and stores the original, the text and the fields in
 * one transaction, so a bad file or a crash stores nothing half-way.
 * @throws CairnError RECORD_REJECTED with one plain sentence for a file that cannot be read.
 */
export async function importRecord(store: RecordsStore, file: string, options: ImportRecordOptions): Promise<ImportRecordResult> {
  const fileName = path.basename(file);
  const bytes = readBoundedFile(file, fileName);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const existing = findRecordBySha(store, options.profileId, sha256);
  if (existing) return { record: existing, profile: getExtractedProfile(store, existing.id) ?? {}, alreadyImported: true, modelPass: null };

  let text: RecordText;
  try {
    text = await readRecord(bytes, { fileName, ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  } catch (error) {
    if (error instanceof ImportRejected) throw new CairnError('RECORD_REJECTED', `${fileName}: ${error.message}`, { cause: error });
    throw error;
  }
  options.onProgress?.({ message: 'Finding diagnosis, stage, biomarkers and treatments' });
  let profile = extractProfile(text, fileName);
  let modelPass: ModelPassSummary | null = null;
  if (options.modelExtractor) {
    options.onProgress?.({ message: 'Checking with the local model' });
    const extractor = options.modelExtractor;
    const fromModel = await extractor.extract(text, fileName, options.signal ? { signal: options.signal } : {});
    const before = countFacts(profile);
    profile = mergeModelFacts(profile, fromModel);
    const stats = extractor.lastExtraction;
    modelPass = { model: extractor.model, proposed: stats?.proposed ?? 0, kept: stats?.kept ?? 0, added: countFacts(profile) - before };
  }
  options.signal?.throwIfAborted();
  const record = store.db.transaction(() =>
    insertRecord(store, { profileId: options.profileId, fileName, format: text.format, sha256, original: bytes, recordDate: text.date ?? null, text, extracted: profile }),
  )();
  return { record, profile, alreadyImported: false, modelPass };
}

function countFacts(profile: PatientProfile): number {
  const single = [profile.cancerType, profile.stage, profile.metastatic, profile.performanceStatus].filter(Boolean).length;
  return single + (profile.biomarkers?.length ?? 0) + (profile.treatments?.length ?? 0) + (profile.keyDates?.length ?? 0);
}

/** Refuses a file over the limit before reading a byte of it. */
function readBoundedFile(file: string, fileName: string): Buffer {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new CairnError('RECORD_REJECTED', `${fileName}: this is not a file.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof CairnError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CairnError('RECORD_REJECTED', code === 'ENOENT' ? `There is no file at ${file}.` : `${fileName} cannot be read (${code ?? 'unknown error'}).`, { cause: error });
  }
  if (size === 0) throw new CairnError('RECORD_REJECTED', `${fileName}: the file is empty.`);
  if (size > MAX_RECORD_BYTES) {
    throw new CairnError('RECORD_REJECTED', `${fileName}: the file is ${Math.round(size / 1024 / 1024)} MB; Cairn reads records up to ${Math.round(MAX_RECORD_BYTES / 1024 / 1024)} MB.`);
  }
  return fs.readFileSync(file);
}
