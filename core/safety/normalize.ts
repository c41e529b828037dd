/** Text normalisation for the safety screen: one canonical spelling for every pattern to match. */

const CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bcan ?not\b/g, 'cant'],
  [/\bdo not\b/g, 'dont'],
  [/\bdoes not\b/g, 'doesnt'],
  [/\bdid not\b/g, 'didnt'],
  [/\bis not\b/g, 'isnt'],
  [/\bare not\b/g, 'arent'],
  [/\bwas not\b/g, 'wasnt'],
  [/\bwere not\b/g, 'werent'],
  [/\bwill not\b/g, 'wont'],
  [/\bhave not\b/g, 'havent'],
  [/\bhas not\b/g, 'hasnt'],
  [/\bcould not\b/g, 'couldnt'],
  [/\bi am\b/g, 'im'],
];

/**
 * Lowercases, straightens curly quotes, drops apostrophes ("can't" -> "cant"), contracts
 * negations ("do not" -> "dont", "cannot" -> "cant"), turns hyphens, slashes between words and
 * degree signs into spaces, and collapses whitespace (keeping line breaks, which end sentences).
 */
export function normalizeText(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  s = s.replace(/[\u2018\u2019\u201a\u201b\u2032`´]/g, "'").replace(/[\u201c\u201d\u201e\u2033]/g, '"');
  s = s.replace(/'/g, '');
  s = s.replace(/[\u2010-\u2015-]/g, ' ').replace(/°/g, ' ');
  s = s.replace(/([a-z])\/([a-z])/g, '$1 $2');
  s = s.replace(/[^\S\n]+/g, ' ').replace(/ ?\n[\s]*/g, '\n').trim();
  for (const [pattern, replacement] of CONTRACTIONS) s = s.replace(pattern, replacement);
  return s;
}

/** Splits normalised text into sentences at . ? ! and line breaks (not inside numbers like 38.5); ? and ! stay. */
export function splitSentences(normal: string): string[] {
  const sentences: string[] = [];
  for (const piece of normal.split(/(?<=[?!])|\n|(?<!\d)\.|\.(?!\d)/)) {
    const sentence = piece.trim();
    if (sentence) sentences.push(sentence);
  }
  return sentences;
}
