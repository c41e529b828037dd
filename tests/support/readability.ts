import { syllable } from 'syllable';

/**
 * Flesch-Kincaid grade level: 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59.
 * Sentences end at . ! ? or a line break (list items count as sentences); syllables from the
 * `syllable` package.
 */
export function fleschKincaidGrade(text: string): number {
  const sentences = text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[a-z]/i.test(s));
  const words = text.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
  if (sentences.length === 0 || words.length === 0) return 0;
  const syllables = words.reduce((total, word) => total + Math.max(1, syllable(word)), 0);
  return 0.39 * (words.length / sentences.length) + 11.8 * (syllables / words.length) - 15.59;
}
