import { CairnError } from '../../errors';
import type { Answer } from '../../answer/types';
import type { RecordsStore } from './openRecordsStore';

export interface HistoryEntry {
  id: number;
  question: string;
  title: string;
  mode: string;
  askedAt: string;
}

/** Keeps an answer (it is personal: it may carry the person's own values), newest last. */
export function saveAnswer(store: RecordsStore, profileId: string, answer: Answer): HistoryEntry {
  const id = Number(
    store.db
      .prepare('INSERT INTO history (profile_id, question, title, mode, answer, asked_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(profileId, answer.question, answer.title, answer.mode, JSON.stringify(answer), answer.createdAt).lastInsertRowid,
  );
  return { id, question: answer.question, title: answer.title, mode: answer.mode, askedAt: answer.createdAt };
}

/** Past answers, newest first; `search` matches the question or the title (case-insensitive). */
export function listHistory(store: RecordsStore, profileId: string, search?: string): HistoryEntry[] {
  const pattern = search?.trim() ? `%${search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return store.db
    .prepare(
      `SELECT id, question, title, mode, asked_at AS askedAt FROM history
        WHERE profile_id = ? AND (? IS NULL OR question LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\')
        ORDER BY asked_at DESC, id DESC`,
    )
    .all(profileId, pattern, pattern, pattern) as HistoryEntry[];
}

export function getHistoryAnswer(store: RecordsStore, profileId: string, id: number): Answer {
  const row = store.db.prepare('SELECT answer FROM history WHERE profile_id = ? AND id = ?').get(profileId, id) as { answer: string } | undefined;
  if (!row) throw new CairnError('NOT_FOUND', 'That answer is no longer in your history.');
  return JSON.parse(row.answer) as Answer;
}

export function deleteHistoryEntry(store: RecordsStore, profileId: string, id: number): void {
  if (store.db.prepare('DELETE FROM history WHERE profile_id = ? AND id = ?').run(profileId, id).changes === 0) {
    throw new CairnError('NOT_FOUND', 'That answer is no longer in your history.');
  }
}
