import { z } from 'zod';

/**
 * The answer Cairn gives (DESIGN.md, "The answer"). Code writes the fixed texts (banner, notice,
 * footers, urgent), the sources and the mode; a model or the extractive writer fills the prose,
 * which every paragraph ties to sources by their number.
 */
export const ANSWER_MODES = ['llm', 'extractive', 'not-found', 'urgent', 'out-of-scope'] as const;
export type AnswerMode = (typeof ANSWER_MODES)[number];

/** A sentence or paragraph and the sources (1-based `Source.id`) that support it. */
export const citedTextSchema = z.object({
  text: z.string().min(1),
  citations: z.array(z.number().int().positive()),
});
export type CitedText = z.infer<typeof citedTextSchema>;

export const answerSectionSchema = z.object({
  heading: z.string().min(1),
  paragraphs: z.array(citedTextSchema),
  bullets: z.array(citedTextSchema),
  /** Every source cited in the section, in order. */
  citations: z.array(z.number().int().positive()),
});
export type AnswerSection = z.infer<typeof answerSectionSchema>;

export const questionToAskSchema = z.object({ question: z.string().min(1), why: z.string().min(1) });
export type QuestionToAsk = z.infer<typeof questionToAskSchema>;

export interface Source {
  /** 1-based number, as cited in the text: [1], [2]... */
  id: number;
  chunkId: number;
  documentId: number;
  /** The guideline's title, e.g. "NCCN Guidelines for Patients: Melanoma". */
  guideline: string;
  publisher: string | null;
  edition: string | null;
  section: string;
  page: number | null;
  excerpt: string;
  /** The public guidelines the cited section summarizes (built-in pack), e.g. "NCCN Guidelines for Patients: Melanoma (2024)". */
  basedOn: string[];
}

export interface RelatedResource {
  name: string;
  description: string;
  contact: string;
}

export interface Answer {
  question: string;
  createdAt: string;
  cancerType: string | null;
  mode: AnswerMode;
  model: string | null;
  banner: string;
  aiNotice: string;
  title: string;
  summary: CitedText | null;
  sections: AnswerSection[];
  questionsToAsk: QuestionToAsk[];
  importantContext: string[];
  keyTakeaway: CitedText | null;
  urgent: { message: string; matched: string[] } | null;
  personalization: { used: string[] } | null;
  sources: Source[];
  footer: string[];
  relatedResources: RelatedResource[];
  timings: { retrieveMs: number; generateMs: number; totalMs: number };
}

/**
 * What a writer (the local model, or the extractive writer) produces from the retrieved
 * passages: the prose only. Citations are passage numbers as shown to the writer (1-based).
 * Code checks it and wraps it into an `Answer`.
 */
export const draftSchema = z.object({
  title: z.string().min(1),
  summary: citedTextSchema,
  sections: z.array(
    z.object({
      heading: z.string().min(1),
      paragraphs: z.array(citedTextSchema),
      bullets: z.array(citedTextSchema),
    }),
  ),
  questionsToAsk: z.array(questionToAskSchema),
  importantContext: z.array(z.string().min(1)),
  keyTakeaway: citedTextSchema,
});
export type Draft = z.infer<typeof draftSchema>;

/** A retrieved passage as a writer sees it, numbered for citation. */
export interface NumberedPassage {
  n: number;
  title: string;
  section: string;
  page: number | null;
  text: string;
}

/** What the writer is asked to write: the question, the headings planned for it, the passages. */
export interface WriterInput {
  question: string;
  cancerType: string | null;
  /** Suggested title, e.g. "Surgery for Metastatic Melanoma". */
  title: string;
  /** Section headings planned for this kind of question, in order. */
  headings: string[];
  passages: NumberedPassage[];
  /** Facts from the person's profile to take into account ("stage IV", "BRAF V600E"), if any. */
  profileFacts: string[];
}

export interface WriterOptions {
  signal?: AbortSignal;
  /** Streams the text as it is generated (llm mode). */
  onToken?: (text: string) => void;
}

export interface AnswerWriter {
  /** The model that writes, or null for the extractive writer. */
  readonly model: string | null;
  write(input: WriterInput, options?: WriterOptions): Promise<Draft>;
  dispose(): Promise<void>;
}
