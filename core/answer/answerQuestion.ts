import { CairnError } from '../errors';
import { cancerTypeAffinity, detectCancerTypes } from '../lexicon';
import type { SearchResponse, SearchResult } from '../retrieve';
import { AI_NOTICE, BANNER, FOOTER_ADD_RECORDS, FOOTER_EDUCATIONAL, FOOTER_GENERAL, screenQuestion } from '../safety';
import { checkDraft } from './checkDraft';
import { createExtractiveWriter } from './extractiveWriter';
import { planAnswer } from './plan';
import { profileFacts, type PatientProfile } from './profile';
import { questionsToAsk } from './questionTemplates';
import type { Answer, AnswerWriter, NumberedPassage, RelatedResource } from './types';

export const MAX_QUESTION_CHARS = 2000;
/** Passages given to the writer. */
const PASSAGES = 6;

export type AskMode = 'auto' | 'llm' | 'extractive';

export interface AnswerDependencies {
  search(question: string, options: { k: number; signal?: AbortSignal; preferCancerTypes?: string[] }): Promise<SearchResponse>;
  /** The installed answer model's writer, or null when none is installed. */
  llmWriter(): Promise<AnswerWriter | null>;
  /** Offline help lines and services to list after the answer (from the built-in pack). */
  relatedResources(): RelatedResource[];
}

export interface AskOptions {
  /** `auto` (default): the local model when one is installed, else extractive. */
  mode?: AskMode;
  signal?: AbortSignal;
  /** Streams the model's text as it is written (llm mode). */
  onToken?: (text: string) => void;
  /** The person's profile: fills important context with their values, steers retrieval, adapts the questions. */
  profile?: PatientProfile;
}

/**
 * Question → safety screen → retrieval → answer plan → writer (local model or extractive) →
 * checks → the answer. Code writes the banner, notice, footers and urgent text; every factual
 * paragraph cites a retrieved passage; nothing relevant in the library gives `not-found`.
 */
export async function answerQuestion(deps: AnswerDependencies, rawQuestion: string, options: AskOptions = {}): Promise<Answer> {
  const started = performance.now();
  const question = validateQuestion(rawQuestion);
  const screen = screenQuestion(question);
  const facts = options.profile ? profileFacts(options.profile) : null;
  const profileTypes = options.profile?.cancerType ? detectCancerTypes(options.profile.cancerType.value) : [];
  const base = {
    question,
    createdAt: new Date().toISOString(),
    banner: BANNER,
    aiNotice: AI_NOTICE,
    urgent: screen.urgent,
    personalization: facts && facts.used.length ? { used: facts.used } : null,
    footer: facts ? [FOOTER_EDUCATIONAL, FOOTER_GENERAL] : [FOOTER_EDUCATIONAL, FOOTER_GENERAL, FOOTER_ADD_RECORDS],
    relatedResources: deps.relatedResources(),
  };

  if (screen.outOfScope) {
    return {
      ...base,
      cancerType: null,
      mode: 'out-of-scope',
      model: null,
      title: 'A question for your care team',
      summary: { text: screen.outOfScope.message, citations: [] },
      sections: [],
      questionsToAsk: [],
      importantContext: [],
      keyTakeaway: null,
      sources: [],
      timings: { retrieveMs: 0, generateMs: 0, totalMs: performance.now() - started },
    };
  }

  const retrieveStart = performance.now();
  const response = await deps.search(question, {
    k: 12,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(profileTypes.length ? { preferCancerTypes: profileTypes } : {}),
  });
  const retrieveMs = performance.now() - retrieveStart;
  const cancerType = response.understanding.cancerTypes[0] ?? null;
  const relevant = relevantPassages(response.results, cancerType).slice(0, PASSAGES);
  if (relevant.length === 0) {
    return {
      ...base,
      cancerType,
      mode: screen.urgent ? 'urgent' : 'not-found',
      model: null,
      title: 'Not in your library yet',
      summary: { text: notFoundMessage(cancerType), citations: [] },
      sections: [],
      questionsToAsk: [],
      importantContext: [],
      keyTakeaway: null,
      sources: [],
      timings: { retrieveMs, generateMs: 0, totalMs: performance.now() - started },
    };
  }

  const plan = planAnswer(question, cancerType, response.understanding.intents);
  let writer = await chooseWriter(deps, plan, options.mode ?? 'auto');
  const passages: NumberedPassage[] = relevant.map((r, i) => ({ n: i + 1, title: r.title, section: r.section, page: r.page, text: r.text }));
  const input = { question, cancerType, title: plan.title, headings: plan.headings, passages, profileFacts: facts?.used ?? [] };
  const writeOptions = { ...(options.signal ? { signal: options.signal } : {}), ...(options.onToken ? { onToken: options.onToken } : {}) };
  const generateStart = performance.now();
  let draft;
  try {
    draft = await writer.write(input, writeOptions);
  } catch (error) {
    // In auto mode a model that fails (out of tokens, invalid output) still leaves an answer.
    if ((options.mode ?? 'auto') !== 'auto' || !writer.model || (error instanceof Error && error.name === 'AbortError')) throw error;
    writer = createExtractiveWriter(plan);
    draft = await writer.write(input, writeOptions);
  }
  const generateMs = performance.now() - generateStart;
  const personal = facts ? { ...draft, questionsToAsk: [...facts.questions, ...draft.questionsToAsk], importantContext: [...facts.context, ...draft.importantContext] } : draft;
  const checked = checkDraft(personal, relevant, questionsToAsk(plan, cancerType));

  return {
    ...base,
    cancerType,
    mode: screen.urgent ? 'urgent' : writer.model ? 'llm' : 'extractive',
    model: writer.model,
    title: checked.title || plan.title,
    summary: checked.summary,
    sections: checked.sections,
    questionsToAsk: checked.questionsToAsk,
    importantContext: checked.importantContext,
    keyTakeaway: checked.keyTakeaway,
    sources: checked.sources,
    timings: { retrieveMs, generateMs, totalMs: performance.now() - started },
  };
}

function validateQuestion(raw: string): string {
  const question = raw.replace(/\s+/g, ' ').trim();
  if (!question) throw new CairnError('INVALID_INPUT', 'Please type a question.');
  if (question.length > MAX_QUESTION_CHARS) {
    throw new CairnError('INVALID_INPUT', `The question is too long (${question.length} characters; Cairn takes up to ${MAX_QUESTION_CHARS}). Ask about one thing at a time.`);
  }
  const letters = question.match(/\p{L}/gu) ?? [];
  const latin = letters.filter((c) => /[a-z]/i.test(c)).length;
  if (letters.length > 0 && latin / letters.length < 0.5) {
    throw new CairnError('INVALID_INPUT', 'Cairn understands questions in English for now. Please ask in English.');
  }
  return question;
}

/**
 * Passages about the cancer the question names: that exact type when the library has it, else
 * its family (colon → colorectal); any passage when the question names no cancer.
 */
function relevantPassages(results: readonly SearchResult[], cancerType: string | null): SearchResult[] {
  if (!cancerType) return [...results];
  const fit = (r: SearchResult) => Math.max(0, ...r.cancerTypes.map((type) => cancerTypeAffinity(cancerType, type)));
  const exact = results.filter((r) => fit(r) === 1);
  return exact.length > 0 ? exact : results.filter((r) => fit(r) > 0);
}

async function chooseWriter(deps: AnswerDependencies, plan: ReturnType<typeof planAnswer>, mode: AskMode): Promise<AnswerWriter> {
  if (mode === 'extractive') return createExtractiveWriter(plan);
  const llm = await deps.llmWriter();
  if (llm) return llm;
  if (mode === 'llm') throw new CairnError('MODEL_NOT_INSTALLED', 'No answer model is installed. Install one with `cairn models download <id>` or `cairn models import <file>`, or ask in extractive mode.');
  return createExtractiveWriter(plan);
}

function notFoundMessage(cancerType: string | null): string {
  return cancerType
    ? `Your library has no guideline about ${cancerType.toLowerCase()} that answers this. Import one, for example the NCCN Guidelines for Patients or the National Cancer Institute's patient pages for ${cancerType.toLowerCase()}, and ask again.`
    : 'Nothing in your library answers this question. Import a guideline that covers it (for example an NCCN Guidelines for Patients PDF or a cancer.gov page saved as HTML) and ask again.';
}
