import { CairnError } from '../errors';
import { combineProfiles, type CombinedProfile, type EditAction } from './combineProfiles';
import { parseFieldValue } from './fieldValue';
import { importRecord, type ImportRecordOptions, type ImportRecordResult } from './importRecord';
import type { PatientProfile } from './profile';
import type { RecordsUnlock } from './store/keyring';
import { openRecordsStore, type RecordsStore } from './store/openRecordsStore';
import {
  DEFAULT_PROFILE_ID,
  deleteEdit,
  deleteRecord,
  getExtractedProfile,
  getRecordOriginal,
  getRecordSummary,
  listEdits,
  listProfileIds,
  listRecords,
  recordProfiles,
  saveEdit,
  compact,
  type RecordSummary,
} from './store/recordsRepository';
import { addPrepItem, listPrepItems, removePrepItem, reorderPrepItems, updatePrepItem, type PrepItem } from './store/prepRepository';
import { deleteHistoryEntry, getHistoryAnswer, listHistory, saveAnswer, type HistoryEntry } from './store/historyRepository';
import type { Answer } from '../answer/types';

export interface OpenRecordsOptions {
  dataDir: string;
  unlock: RecordsUnlock;
  nativeBinding?: string;
}

export interface ProfileEditInput {
  field: string;
  action: EditAction | 'revert';
  /** For `set`: the value, as JSON of the field or its short form ("IIIB", "positive V600E", "ECOG 1"). */
  value?: unknown;
}

/**
 * The person's records and profile, unlocked. Everything here reads and writes the encrypted
 * records store only; nothing of it goes to logs or to the library database.
 */
export class Records {
  private constructor(private readonly store: RecordsStore) {}

  /** Unlocks (or, the first time, creates) the encrypted records store. */
  static open(options: OpenRecordsOptions): Records {
    return new Records(openRecordsStore({ dataDir: options.dataDir, unlock: options.unlock, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) }));
  }

  import(file: string, options: Partial<ImportRecordOptions> = {}): Promise<ImportRecordResult> {
    return importRecord(this.store, file, { ...options, profileId: checkProfileId(options.profileId ?? DEFAULT_PROFILE_ID) });
  }

  list(profileId = DEFAULT_PROFILE_ID): RecordSummary[] {
    return listRecords(this.store, checkProfileId(profileId));
  }

  profileIds(): string[] {
    return listProfileIds(this.store);
  }

  /** What one record says, as extracted when it was imported. */
  recordProfile(id: number): PatientProfile {
    const profile = getExtractedProfile(this.store, id);
    if (!profile) throw new CairnError('NOT_FOUND', `There is no record ${id}.`);
    return profile;
  }

  /** The original file as it was imported. */
  original(id: number): { fileName: string; bytes: Buffer } {
    const summary = getRecordSummary(this.store, id);
    const bytes = getRecordOriginal(this.store, id);
    if (!summary || !bytes) throw new CairnError('NOT_FOUND', `There is no record ${id}.`);
    return { fileName: summary.fileName, bytes };
  }

  /** Removes one record, its text and its facts, and compacts the store. */
  remove(id: number): RecordSummary {
    const summary = getRecordSummary(this.store, id);
    if (!summary || !deleteRecord(this.store, id)) throw new CairnError('NOT_FOUND', `There is no record ${id}.`);
    return summary;
  }

  /** The profile from every record of `profileId`, with conflicts and the person's edits applied. */
  profile(profileId = DEFAULT_PROFILE_ID): CombinedProfile {
    const id = checkProfileId(profileId);
    return combineProfiles(recordProfiles(this.store, id), listEdits(this.store, id));
  }

  /**
   * Confirms, corrects (`set`), removes or reverts one field. A confirmation holds while the
   * field keeps the value confirmed; a correction or a removal holds until reverted.
   */
  edit(input: ProfileEditInput, profileId = DEFAULT_PROFILE_ID): CombinedProfile {
    const id = checkProfileId(profileId);
    if (input.action === 'revert') {
      if (!deleteEdit(this.store, id, input.field)) throw new CairnError('NOT_FOUND', `You have not edited "${input.field}".`);
    } else if (input.action === 'confirm') {
      const review = this.profile(id).fields.find((field) => field.field === input.field);
      if (!review) throw new CairnError('NOT_FOUND', `The profile has no field "${input.field}" to confirm.`);
      saveEdit(this.store, id, { field: input.field, action: 'confirm', value: review.value });
    } else if (input.action === 'set') {
      saveEdit(this.store, id, { field: input.field, action: 'set', value: parseFieldValue(input.field, input.value) });
    } else {
      saveEdit(this.store, id, { field: input.field, action: 'remove' });
    }
    return this.profile(id);
  }

  // --- The appointment list -------------------------------------------------------------------

  prepList(profileId = DEFAULT_PROFILE_ID): PrepItem[] {
    return listPrepItems(this.store, checkProfileId(profileId));
  }

  addToPrep(item: { question: string; why?: string; note?: string; askedAbout?: string }, profileId = DEFAULT_PROFILE_ID): PrepItem[] {
    return addPrepItem(this.store, checkProfileId(profileId), item);
  }

  updatePrep(id: number, change: { question?: string; note?: string }, profileId = DEFAULT_PROFILE_ID): PrepItem[] {
    return updatePrepItem(this.store, checkProfileId(profileId), id, change);
  }

  removeFromPrep(id: number, profileId = DEFAULT_PROFILE_ID): PrepItem[] {
    return removePrepItem(this.store, checkProfileId(profileId), id);
  }

  reorderPrep(ids: readonly number[], profileId = DEFAULT_PROFILE_ID): PrepItem[] {
    return reorderPrepItems(this.store, checkProfileId(profileId), ids);
  }

  // --- History of answers -----------------------------------------------------------------------

  saveAnswer(answer: Answer, profileId = DEFAULT_PROFILE_ID): HistoryEntry {
    return saveAnswer(this.store, checkProfileId(profileId), answer);
  }

  history(search?: string, profileId = DEFAULT_PROFILE_ID): HistoryEntry[] {
    return listHistory(this.store, checkProfileId(profileId), search);
  }

  historyAnswer(id: number, profileId = DEFAULT_PROFILE_ID): Answer {
    return getHistoryAnswer(this.store, checkProfileId(profileId), id);
  }

  deleteFromHistory(id: number, profileId = DEFAULT_PROFILE_ID): void {
    deleteHistoryEntry(this.store, checkProfileId(profileId), id);
    compact(this.store);
  }

  close(): void {
    this.store.close();
  }
}

const PROFILE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function checkProfileId(profileId: string): string {
  if (!PROFILE_ID.test(profileId)) throw new CairnError('INVALID_INPUT', `"${profileId}" is not a profile id (letters, digits, dot, dash or underscore; up to 64).`);
  return profileId;
}
