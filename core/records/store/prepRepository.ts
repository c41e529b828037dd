import { CairnError } from '../../errors';
import type { RecordsStore } from './openRecordsStore';

/** One question on the appointment list. */
export interface PrepItem {
  id: number;
  question: string;
  /** Why it matters (from the answer), or ''. */
  why: string;
  /** The person's own note. */
  note: string;
  /** The question they asked Cairn when they added it, if any. */
  askedAbout: string | null;
  addedAt: string;
}

const columns = 'id, question, why, note, asked_about AS askedAbout, added_at AS addedAt';

export function listPrepItems(store: RecordsStore, profileId: string): PrepItem[] {
  return store.db.prepare(`SELECT ${columns} FROM prep_items WHERE profile_id = ? ORDER BY ord, id`).all(profileId) as PrepItem[];
}

/** Adds a question at the end; the same question twice is kept once. */
export function addPrepItem(store: RecordsStore, profileId: string, item: { question: string; why?: string; note?: string; askedAbout?: string }): PrepItem[] {
  const exists = store.db.prepare('SELECT 1 FROM prep_items WHERE profile_id = ? AND question = ?').get(profileId, item.question);
  if (!exists) {
    const next = (store.db.prepare('SELECT coalesce(max(ord), 0) + 1 AS n FROM prep_items WHERE profile_id = ?').get(profileId) as { n: number }).n;
    store.db
      .prepare('INSERT INTO prep_items (profile_id, ord, question, why, note, asked_about, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(profileId, next, item.question, item.why ?? '', item.note ?? '', item.askedAbout ?? null, new Date().toISOString());
  }
  return listPrepItems(store, profileId);
}

export function updatePrepItem(store: RecordsStore, profileId: string, id: number, change: { question?: string; note?: string }): PrepItem[] {
  const changes = store.db
    .prepare('UPDATE prep_items SET question = coalesce(?, question), note = coalesce(?, note) WHERE profile_id = ? AND id = ?')
    .run(change.question ?? null, change.note ?? null, profileId, id).changes;
  if (changes === 0) throw new CairnError('NOT_FOUND', 'That question is no longer on your list.');
  return listPrepItems(store, profileId);
}

export function removePrepItem(store: RecordsStore, profileId: string, id: number): PrepItem[] {
  if (store.db.prepare('DELETE FROM prep_items WHERE profile_id = ? AND id = ?').run(profileId, id).changes === 0) {
    throw new CairnError('NOT_FOUND', 'That question is no longer on your list.');
  }
  return listPrepItems(store, profileId);
}

/** Puts the list in the order given; `ids` must be exactly the list's ids. */
export function reorderPrepItems(store: RecordsStore, profileId: string, ids: readonly number[]): PrepItem[] {
  const current = listPrepItems(store, profileId).map((item) => item.id);
  if (ids.length !== current.length || [...ids].sort((a, b) => a - b).join() !== [...current].sort((a, b) => a - b).join()) {
    throw new CairnError('INVALID_INPUT', 'The list changed while you were reordering it; try again.');
  }
  const setOrder = store.db.prepare('UPDATE prep_items SET ord = ? WHERE profile_id = ? AND id = ?');
  store.db.transaction(() => ids.forEach((id, index) => setOrder.run(index + 1, profileId, id)))();
  return listPrepItems(store, profileId);
}
