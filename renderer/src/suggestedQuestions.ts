import type { DocumentSummary } from '../../core/types';

/** Questions a person can ask with one click, for one cancer type the library covers. */
export interface SuggestedQuestions {
  cancerType: string;
  questions: string[];
}

/** Blood cancers do not "metastasize" the way solid tumors do: no question about surgery for spread. */
const BLOOD_CANCER = /leuk|lymphoma|myeloma/i;

/** Questions that fit any library, for documents that name no cancer type. */
export const GENERAL_QUESTIONS: readonly string[] = [
  'What should I ask at my next oncology appointment?',
  'What is a clinical trial, and how do I find one?',
  'What should I ask about biomarker tests?',
];

/**
 * One group of questions per cancer type in the library, in alphabetical order. A document's first
 * cancer type is its main one ("Colorectal cancer" rather than "Colon cancer" and "Rectal cancer").
 */
export function suggestedQuestions(documents: readonly DocumentSummary[]): SuggestedQuestions[] {
  const types = new Map<string, string>();
  for (const doc of documents) {
    const main = doc.cancerTypes[0]?.trim();
    if (main && !types.has(main.toLowerCase())) types.set(main.toLowerCase(), main);
  }
  return [...types.values()]
    .sort((a, b) => a.localeCompare(b))
    .map((cancerType) => ({ cancerType, questions: questionsFor(cancerType) }));
}

export function questionsFor(cancerType: string): string[] {
  const type = inSentence(cancerType);
  return [
    `What are the treatment options for ${type}?`,
    BLOOD_CANCER.test(type) ? `What happens if ${type} comes back after treatment?` : `Is surgery an option for metastatic ${type}?`,
    `What should I ask about biomarker tests for ${type}?`,
    `What side effects can treatment for ${type} cause?`,
  ];
}

/** "Melanoma" → "melanoma", "Non-Hodgkin lymphoma" → "non-Hodgkin lymphoma"; acronyms stay ("NSCLC"). */
export function inSentence(cancerType: string): string {
  const [first = '', second = ''] = cancerType;
  return second && second === second.toLowerCase() ? first.toLowerCase() + cancerType.slice(1) : cancerType;
}
