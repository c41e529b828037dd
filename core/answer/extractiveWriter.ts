import { sentencesOf } from '../library/chunkSections';
import { questionTerms } from '../retrieve/ftsQuery';
import type { AnswerPlan } from './plan';
import { importantContext, questionsToAsk } from './questionTemplates';
import type { AnswerWriter, CitedText, Draft, NumberedPassage, WriterInput } from './types';

interface Candidate {
  text: string;
  passage: number;
  /** The sentence's place in its passage (0 = the first, which in guidelines often answers directly). */
  position: number;
  section: string;
  /** Relevance to the question, before any section cue. */
  base: number;
}

/** For each planned heading of an option question: the words that mark a sentence belonging there. */
const OPTION_CUES: readonly RegExp[] = [
  /\b(main|usually|often|combined|along with|together with|followed by|before|after|part of|role)\b/i,
  /\b(may|might|can|could|if|when|only|some|small number|few|one or two|all of the)\b/i,
  /\b(not|rarely|cannot|can't|unlikely|instead|throughout the body|does not|hard to|difficult)\b/i,
  /\b(immunotherapy|targeted|chemotherapy|systemic|drugs?|medicines?|standard|first)\b/i,
  /\b(rare|unusual|selected|single|isolated|oligometasta\w*|palliat\w*|relieve|symptoms?|pain|bleeding|blockage)\b/i,
];

/** Cues for the headings of other kinds of question, by heading position. */
const KIND_CUES: Partial<Record<AnswerPlan['kind'], readonly RegExp[]>> = {
  treatment: [/\b(treatment|treated|therapy|surgery|radiation|chemotherapy|immunotherapy|targeted)\b/i, /\b(depends?|stage|type|health|choose|chosen|factors?)\b/i, /\b(side effects?|late effects?|risks?)\b/i],
  stages: [/\b(staging|stage is|tests?|process)\b/i, /\bstage (0|i|ii|iii|iv|[1-4])\b/i],
  symptoms: [/\b(signs?|symptoms?|lump|pain|bleeding|tired|weight)\b/i, /\b(doctor|check|see)\b/i],
  tests: [/\b(tests?|exam|biopsy|scan|imaging|blood)\b/i, /\b(shows?|finds?|results?|diagnos\w*)\b/i],
  outlook: [/\b(prognosis|outlook|chance of recovery|depends|factors?)\b/i, /\b(survival|percent|rate)\b/i],
  risk: [/\b(risk|increase|factor)\b/i, /\b(not everyone|does not mean|most people)\b/i],
  prevention: [/\b(prevent\w*|lower|reduce|avoid)\b/i, /\b(screen\w*|early)\b/i],
  'side-effects': [/\b(side effects?|nausea|fatigue|pain|hair)\b/i, /\b(manage|treat|help|relieve)\b/i],
  'clinical-trials': [/\b(clinical trials?|research|studies|study)\b/i, /\b(join|enroll|find|talk)\b/i],
  information: [/\b(is a (type of )?(disease|cancer)|forms? in|cells?)\b/i, /\b(diagnos\w*|treat\w*|tests?)\b/i],
};

const SENTENCES_PER_SECTION = 3;
/** Sentences about the source web page itself, not about cancer ("refine the search", "see the list"). */
const PAGE_NAVIGATION = /\b(refine the search|search features|check the list|click|this summary|see the .* (section|summary)|pdq|for more (specific )?(information|results))\b/i;

/**
 * The writer for when no model is installed (or on request): picks and orders the most relevant
 * sentences of the retrieved passages for each planned heading, each cited to its passage; the
 * questions to ask and the important context come from templates for the kind of question.
 * It writes nothing that is not in a passage, except those templates.
 */
export function createExtractiveWriter(plan: AnswerPlan): AnswerWriter {
  return {
    model: null,
    write: async (input) => writeExtractive(input, plan),
    dispose: async () => {},
  };
}

export function writeExtractive(input: WriterInput, plan: AnswerPlan): Draft {
  const candidates = candidatesFrom(input);
  const used = new Set<string>();
  const cues = plan.kind === 'option' ? OPTION_CUES : (KIND_CUES[plan.kind] ?? []);
  const subject = plan.subject?.words;

  const pick = (score: (candidate: Candidate) => number, count: number): CitedText[] => {
    const ranked = candidates
      .filter((c) => !used.has(c.text))
      .map((c) => ({ c, s: score(c) }))
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s)
      .slice(0, count)
      .map((x) => x.c);
    for (const c of ranked) used.add(c.text);
    return ranked.map((c) => ({ text: c.text, citations: [c.passage] }));
  };

  // The direct answer first. Guideline sections tend to open with it ("Usually, no."), so the
  // answer opens with the first sentences of the passage that best fits the situation asked
  // about (spread, for a metastatic question) and the treatment asked about, preferring a
  // section's own text to its sub-sections.
  const situation = /spread|metasta|stage iv/i;
  const leadPassage = [...input.passages]
    .map((passage, index) => ({
      passage,
      score:
        (1 / (1 + index * 0.1)) *
        (plan.metastatic && situation.test(passage.section) ? 2 : 1) *
        (subject && subject.test(passage.section) ? 2 : 1) *
        (subject && subject.test(passage.text) ? 1.5 : 1) *
        // A section's own text states the general answer; its sub-sections, the special cases.
        (passage.section.split(' › ').length > 2 ? 0.5 : 1),
    }))
    .sort((a, b) => b.score - a.score)[0]?.passage;
  const opening = candidates.filter((c) => c.passage === leadPassage?.n && c.position <= 1).sort((a, b) => a.position - b.position);
  for (const c of opening) used.add(c.text);
  const summaryParts: CitedText[] = opening.length
    ? opening.map((c) => ({ text: c.text, citations: [c.passage] }))
    : pick((c) => (isShort(c) ? 0 : c.base), 1);
  const sections = input.headings.map((heading, index) => {
    const cue = cues[index];
    const bullets = pick((c) => {
      if ((cue && !cue.test(c.text)) || isShort(c)) return 0;
      const aboutSubject = subject ? subject.test(c.text) : false;
      // "What the main treatment is" is about the other treatments; the rest about the subject.
      const subjectFit = plan.kind === 'option' ? (index === 3 ? (aboutSubject ? 0.5 : 1.2) : aboutSubject ? 1.5 : 0.6) : 1;
      return c.base * subjectFit;
    }, SENTENCES_PER_SECTION);
    return { heading, paragraphs: [], bullets };
  });
  const [takeaway] = pick((c) => (isShort(c) ? 0 : c.base), 1);

  return {
    title: input.title,
    summary: mergeCited(summaryParts),
    sections,
    questionsToAsk: questionsToAsk(plan, input.cancerType),
    importantContext: importantContext(plan, input.cancerType),
    keyTakeaway: takeaway ?? mergeCited(summaryParts),
  };
}

/** Every usable sentence of the passages, scored by the question's words and the passage's rank. */
function candidatesFrom(input: WriterInput): Candidate[] {
  const terms = questionTerms(input.question).map((t) => t.replace(/(s|es|ed|ing)$/, ''));
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  input.passages.forEach((passage: NumberedPassage, index) => {
    const rankWeight = 1 / (1 + index * 0.25);
    sentencesOf(passage.text).forEach((sentence, position) => {
      const text = cleanSentence(sentence);
      const words = text.split(/\s+/).length;
      // Short sentences only as a passage's opening ("Usually, no."); elsewhere they lack context.
      const tooShort = position === 0 ? words < 2 : words < 6;
      if (tooShort || words > 60 || seen.has(text.toLowerCase()) || !/[.!?]$/.test(text) || PAGE_NAVIGATION.test(text)) return;
      seen.add(text.toLowerCase());
      const lower = text.toLowerCase();
      const overlap = terms.filter((t) => t.length > 2 && lower.includes(t)).length;
      candidates.push({ text, passage: passage.n, position, section: passage.section, base: rankWeight * (1 + overlap) });
    });
  });
  return candidates;
}

/** A sentence too short to stand on its own as a bullet (it may still open the summary). */
function isShort(candidate: Candidate): boolean {
  return candidate.text.split(/\s+/).length < 6;
}

function cleanSentence(sentence: string): string {
  return sentence.replace(/^[-•*]\s*/, '').replace(/\s+/g, ' ').trim();
}

function mergeCited(parts: CitedText[]): CitedText {
  return {
    text: parts.map((p) => p.text).join(' ') || 'The guidelines in your library do not answer this directly.',
    citations: [...new Set(parts.flatMap((p) => p.citations))],
  };
}
