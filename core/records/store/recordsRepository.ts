import { z } from 'zod';
import type { Database } from '../../store/sqlite';
import type { ProfileEdit, RecordProfile } from '../combineProfiles';
import { patientProfileSchema, type PatientProfile } from '../profile';
import type { RecordFormat, RecordText } from '../types';
import type { RecordsStore } from './openRecordsStore';

/** Every SQL statement on the records store. Rows are validated where they come back out. */

/** The default profile: the person using the app. A clinic may keep one profile per patient. */
export const DEFAULT_PROFILE_ID = 'me';

export interface RecordSummary {
  id: number;
  profileId: string;
  fileName: string;
  format: RecordFormat;
  byteSize: number;
  recordDate: string | null;
  importedAt: string;
}

export interface NewRecord {
  profileId: string;
  fileName: string;
  format: RecordFormat;
  sha256: string;
  original: Uint8Array;
  recordDate: string | null;
  text: RecordText;
  extracted: PatientProfile;
}

const summaryColumns = 'id, profile_id AS profileId, file_name AS fileName, format, byte_size AS byteSize, record_date AS recordDate, imported_at AS importedAt';

const recordTextSchema = z.object({
  format: z.enum(['pdf', 'image', 'text', 'fhir', 'ccda']),
  segments: z.array(z.object({ text: z.string(), page: z.number().int().optional(), locator: z.string().optional(), date: z.string().optional() })),
  date: z.string().optional(),
  title: z.string().optional(),
});

export function insertRecord(store: RecordsStore, record: NewRecord): RecordSummary {
  const importedAt = new Date().toISOString();
  const result = store.db
    .prepare(
      `INSERT INTO records (profile_id, file_name, format, sha256, byte_size, original, record_date, imported_at, record_text, extracted)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(record.profileId, record.fileName, record.format, record.sha256, record.original.byteLength, Buffer.from(record.original), record.recordDate, importedAt, JSON.stringify(record.text), JSON.stringify(record.extracted));
  return getRecordSummary(store, Number(result.lastInsertRowid))!;
}

export function findRecordBySha(store: RecordsStore, profileId: string, sha256: string): RecordSummary | undefined {
  return store.db.prepare(`SELECT ${summaryColumns} FROM records WHERE profile_id = ? AND sha256 = ?`).get(profileId, sha256) as RecordSummary | undefined;
}

export function getRecordSummary(store: RecordsStore, id: number): RecordSummary | undefined {
  return store.db.prepare(`SELECT ${summaryColumns} FROM records WHERE id = ?`).get(id) as RecordSummary | undefined;
}

export function listRecords(store: RecordsStore, profileId: string): RecordSummary[] {
  return store.db.prepare(`SELECT ${summaryColumns} FROM records WHERE profile_id = ? ORDER BY record_date IS NULL, record_date, id`).all(profileId) as RecordSummary[];
}

export function listProfileIds(store: RecordsStore): string[] {
  const rows = store.db.prepare('SELECT profile_id AS id FROM records UNION SELECT profile_id FROM profile_edits ORDER BY 1').all() as { id: string }[];
  return rows.map((row) => row.id);
}

export function getRecordOriginal(store: RecordsStore, id: number): Buffer | undefined {
  const row = store.db.prepare('SELECT original FROM records WHERE id = ?').get(id) as { original: Buffer } | undefined;
  return row?.original;
}

export function getRecordText(store: RecordsStore, id: number): RecordText | undefined {
  const row = store.db.prepare('SELECT record_text AS text FROM records WHERE id = ?').get(id) as { text: string } | undefined;
  return row ? (recordTextSchema.parse(JSON.parse(row.text)) as RecordText) : undefined;
}

export function getExtractedProfile(store: RecordsStore, id: number): PatientProfile | undefined {
  const row = store.db.prepare('SELECT extracted FROM records WHERE id = ?').get(id) as { extracted: string } | undefined;
  return row ? patientProfileSchema.parse(JSON.parse(row.extracted)) : undefined;
}

/** What each record of a profile contributed, for `combineProfiles`. */
export function recordProfiles(store: RecordsStore, profileId: string): RecordProfile[] {
  const rows = store.db
    .prepare('SELECT id, file_name AS file, record_date AS recordDate, imported_at AS importedAt, extracted FROM records WHERE profile_id = ? ORDER BY id')
    .all(profileId) as { id: number; file: string; recordDate: string | null; importedAt: string; extracted: string }[];
  return rows.map((row) => ({
    recordId: row.id,
    file: row.file,
    importedAt: row.importedAt,
    ...(row.recordDate ? { recordDate: row.recordDate } : {}),
    profile: patientProfileSchema.parse(JSON.parse(row.extracted)),
  }));
}

/**
 * Removes a record and compacts the file, so its text is not left in free pages. With
 * `secure_delete` the freed pages are zeroed; VACUUM then rebuilds the file without them.
 * @returns false when there was no such record.
 */
export function deleteRecord(store: RecordsStore, id: number): boolean {
  const changes = store.db.prepare('DELETE FROM records WHERE id = ?').run(id).changes;
  if (changes > 0) compact(store);
  return changes > 0;
}

export function listEdits(store: RecordsStore, profileId: string): ProfileEdit[] {
  const rows = store.db.prepare('SELECT field, action, value, edited_at AS editedAt FROM profile_edits WHERE profile_id = ? ORDER BY edited_at').all(profileId) as {
    field: string;
    action: ProfileEdit['action'];
    value: string | null;
    editedAt: string;
  }[];
  return rows.map((row) => ({ field: row.field, action: row.action, editedAt: row.editedAt, ...(row.value !== null ? { value: JSON.parse(row.value) as unknown } : {}) }));
}

export function saveEdit(store: RecordsStore, profileId: string, edit: Omit<ProfileEdit, 'editedAt'>): void {
  store.db
    .prepare(
      `INSERT INTO profile_edits (profile_id, field, action, value, edited_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (profile_id, field) DO UPDATE SET action = excluded.action, value = excluded.value, edited_at = excluded.edited_at`,
    )
    .run(profileId, edit.field, edit.action, edit.value === undefined ? null : JSON.stringify(edit.value), new Date().toISOString());
}

export function deleteEdit(store: RecordsStore, profileId: string, field: string): boolean {
  return store.db.prepare('DELETE FROM profile_edits WHERE profile_id = ? AND field = ?').run(profileId, field).changes > 0;
}

/** Writes the WAL back and rebuilds the file without free pages (any Cairn database). */
export function compact(store: { db: Database }): void {
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.db.exec('VACUUM');
  store.db.pragma('wal_checkpoint(TRUNCATE)');
}
