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
 * Returns null when nothing searchable is left.
 */
export function toFtsQuery(question: string): string | null {
  const words = questionTerms(question);
  return words.length ? words.map((word) => `"${word}"`).join(' OR ') : null;
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
