import { stemmer } from 'stemmer';
import type { Database } from '../store/sqlite';

/** Words that carry no meaning for retrieval ("what", "is", "the", "for", ...). */
const STOPWORDS = new Set(
  ('a an and are as at be been being but by can could do does did for from had has have how i if in into is it its ' +
    'me my may might no not of on or our should so such than that the their them then there these they this those ' +
    'to was we were what when where which who whom why will with would you your about am any also get getting got ' +
    'tell please there\'s what\'s option options').split(' '),
);

/**
 * Turns a question into an FTS5 query: its meaningful words, each quoted (so FTS5 syntax in the
 * question is inert), joined with OR so BM25 ranks by how many and how rare the matches are.
 * `keep` can leave words out (see `commonTermFilter`). Returns null when nothing is left.
 */
export function toFtsQuery(question: string, keep: (word: string) => boolean = () => true): string | null {
  const all = questionTerms(question);
  const kept = all.filter(keep);
  const words = kept.length ? kept : all;
  return words.length ? words.map((word) => `"${word}"`).join(' OR ') : null;
}

/**
 * A filter that drops words found in more than half of the chunks. BM25's IDF for such a term is
 * zero or below (FTS5 floors it near zero), so dropping it does not change the ranking of the
 * chunks that match the other words; it only saves reading its long posting list. Words are
 * Porter-stemmed as the index's tokenizer stems them; a word whose stem is not found is kept.
 */
export function commonTermFilter(db: Database): (word: string) => boolean {
  const total = (db.prepare('SELECT count(*) AS n FROM chunks').get() as { n: number }).n;
  const lookup = db.prepare('SELECT doc FROM chunks_fts_vocab WHERE term = ?');
  return (word) => {
    const row = lookup.get(stemmer(word)) as { doc: number } | undefined;
    return !row || row.doc <= total / 2;
  };
}

export function questionTerms(question: string): string[] {
  const words = question
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .match(/[a-z0-9]+(?:-[a-z0-9]+)*/g) ?? [];
  const kept = words.flatMap((word) => (word.includes('-') ? [word, ...word.split('-')] : [word])).filter((word) => word.length > 1 && !STOPWORDS.has(word));
  return [...new Set(kept)];
}
