import type { SearchResult } from '../retrieve';
import type { Answer, AnswerSection, CitedText, Draft, QuestionToAsk, Source } from './types';

/** The checked prose and its sources, ready to go into an `Answer`. */
export type CheckedDraft = Pick<Answer, 'title' | 'summary' | 'sections' | 'questionsToAsk' | 'importantContext' | 'keyTakeaway' | 'sources'> & {
  /** What the checks removed, for logs and tests. */
  removed: { citations: number; paragraphs: number };
};

/**
 * The checks code applies to any draft, from a model or not: a citation must name a passage that
 * was retrieved and shown (anything else is removed); a paragraph or bullet left without a valid
 * citation is dropped; a section left empty is dropped; 4-6 questions to ask (filled from
 * `fallbackQuestions`). Cited passages become the answer's sources, numbered in order of first
 * citation, and the text's citations are renumbered to match.
 */
export function checkDraft(draft: Draft, passages: readonly SearchResult[], fallbackQuestions: readonly QuestionToAsk[]): CheckedDraft {
  const removed = { citations: 0, paragraphs: 0 };
  const order = new Map<number, number>(); // passage number (1-based) → source id
  const cite = (item: CitedText): CitedText | null => {
    const valid = [...new Set(item.citations)].filter((n) => Number.isInteger(n) && n >= 1 && n <= passages.length);
    removed.citations += item.citations.length - valid.length;
    const text = item.text.trim();
    if (valid.length === 0 || !text) {
      removed.paragraphs += 1;
      return null;
    }
    for (const n of valid) if (!order.has(n)) order.set(n, order.size + 1);
    return { text, citations: valid.map((n) => order.get(n)!) };
  };
  const keep = (items: readonly CitedText[]) => items.map(cite).filter((item): item is CitedText => item !== null);

  const summary = cite(draft.summary);
  const sections: AnswerSection[] = draft.sections
    .map((section) => {
      const paragraphs = keep(section.paragraphs);
      const bullets = keep(section.bullets);
      const citations = [...new Set([...paragraphs, ...bullets].flatMap((item) => item.citations))];
      return { heading: section.heading.trim(), paragraphs, bullets, citations };
    })
    .filter((section) => section.heading && (section.paragraphs.length > 0 || section.bullets.length > 0));
  const keyTakeaway = cite(draft.keyTakeaway);

  const questions = uniqueQuestions([...draft.questionsToAsk, ...fallbackQuestions]).slice(0, 6);
  const sources: Source[] = [...order.entries()]
    .sort((a, b) => a[1] - b[1])
    .map(([n, id]) => {
      const passage = passages[n - 1]!;
      return {
        id,
        chunkId: passage.chunkId,
        documentId: passage.documentId,
        guideline: passage.title,
        publisher: passage.publisher,
        edition: passage.edition,
        section: passage.section,
        page: passage.page,
        excerpt: excerptOf(passage.text),
        basedOn: passage.basedOn,
      };
    });
  return {
    title: draft.title.trim(),
    summary,
    sections,
    questionsToAsk: questions.length >= 4 ? questions : uniqueQuestions([...questions, ...fallbackQuestions]).slice(0, 6),
    importantContext: draft.importantContext.map((c) => c.trim()).filter(Boolean),
    keyTakeaway,
    sources,
    removed,
  };
}

function uniqueQuestions(questions: readonly QuestionToAsk[]): QuestionToAsk[] {
  const seen = new Set<string>();
  return questions.filter((q) => {
    const key = q.question.trim().toLowerCase();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 280 ? `${flat.slice(0, 277).replace(/\s\S*$/, '')}…` : flat;
}
