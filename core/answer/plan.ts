import type { Intent } from '../lexicon';

/** Treatments a question can ask about ("Is surgery an option…"), with the words that name them. */
const SUBJECTS: readonly { name: string; pattern: RegExp; words: RegExp }[] = [
  { name: 'surgery', pattern: /\b(surgery|surgical|operation|operate|resect\w*|remov\w+ (the )?tumou?rs?)\b/i, words: /\b(surgery|surgical|surgeon|operation|resect\w*|remov\w*|excision)\b/i },
  { name: 'radiation therapy', pattern: /\b(radiation|radiotherapy|radiosurgery)\b/i, words: /\b(radiation|radiotherapy|radiosurgery)\b/i },
  { name: 'immunotherapy', pattern: /\bimmunotherap\w*|checkpoint inhibitor\w*/i, words: /\bimmunotherap\w*|checkpoint|immune\b/i },
  { name: 'targeted therapy', pattern: /\btargeted (therapy|drugs?|treatment)\b/i, words: /\btargeted|inhibitor\w*/i },
  { name: 'chemotherapy', pattern: /\bchemo\w*/i, words: /\bchemotherap\w*|\bchemo\b/i },
  { name: 'hormone therapy', pattern: /\bhormone (therapy|treatment)\b|\bendocrine therapy\b/i, words: /\bhormone|endocrine\b/i },
  { name: 'a stem cell transplant', pattern: /\b(stem cell|bone marrow) transplant\w*/i, words: /\btransplant\w*/i },
];

export interface AnswerPlan {
  kind: 'option' | Intent | 'general';
  /** The treatment asked about, for "Is X an option…" questions. */
  subject: { name: string; words: RegExp } | null;
  metastatic: boolean;
  title: string;
  headings: string[];
}

const OPTION_QUESTION = /\b(is|are|would|could|can)\b.*\b(an? )?(option|possible|choice|used|help|work|recommended)\b|\bshould .* (consider|have|get)\b/i;

/**
 * Chooses the answer's title and section headings from what the question asks. For "Is X an
 * option for Y?" the reading order of the reference answers: how X fits in, when it might be used,
 * why it is not the standard approach, the main treatment instead, rare exceptions.
 */
export function planAnswer(question: string, cancerType: string | null, intents: readonly Intent[]): AnswerPlan {
  const subject = SUBJECTS.find((s) => s.pattern.test(question)) ?? null;
  const metastatic = /\bmetasta\w*|\bstage (iv|4)\b|\bspread\b|\badvanced\b/i.test(question);
  const about = cancerType ? `${metastatic ? 'Metastatic ' : ''}${titleCase(cancerType)}` : metastatic ? 'Metastatic Cancer' : 'Cancer';
  if (subject && OPTION_QUESTION.test(question)) {
    const X = subject.name;
    return {
      kind: 'option',
      subject: { name: X, words: subject.words },
      metastatic,
      title: `${capitalize(X)} for ${about}`,
      headings: [`How ${X} fits into treatment`, `When ${X} might be used`, `Why ${X} is not the standard approach`, 'What the main treatment is', 'Rare exceptions'],
    };
  }
  const [intent] = intents;
  const subjectOnly = subject ? { name: subject.name, words: subject.words } : null;
  switch (intent) {
    case 'treatment':
      return { kind: 'treatment', subject: subjectOnly, metastatic, title: `Treatment of ${about}`, headings: ['Main treatment options', 'How treatment is chosen', 'Side effects to know about'] };
    case 'stages':
      return { kind: 'stages', subject: null, metastatic, title: `Stages of ${about}`, headings: ['How it is staged', 'What the stages mean'] };
    case 'symptoms':
      return { kind: 'symptoms', subject: null, metastatic, title: `Signs and Symptoms of ${about}`, headings: ['Common signs and symptoms', 'When to see a doctor'] };
    case 'tests':
      return { kind: 'tests', subject: null, metastatic, title: `Tests for ${about}`, headings: ['Tests that are used', 'What the results show'] };
    case 'outlook':
      return { kind: 'outlook', subject: null, metastatic, title: `Outlook for ${about}`, headings: ['What affects the outlook', 'What the numbers can and cannot tell you'] };
    case 'risk':
      return { kind: 'risk', subject: null, metastatic, title: `Risk Factors for ${about}`, headings: ['Known risk factors', 'What having a risk factor means'] };
    case 'prevention':
      return { kind: 'prevention', subject: null, metastatic, title: `Preventing ${about}`, headings: ['What lowers the risk', 'Screening and early detection'] };
    case 'side-effects':
      return { kind: 'side-effects', subject: subjectOnly, metastatic, title: `Side Effects${subject ? ` of ${capitalize(subject.name)}` : ''}`, headings: ['Common side effects', 'Managing side effects'] };
    case 'clinical-trials':
      return { kind: 'clinical-trials', subject: null, metastatic, title: `Clinical Trials for ${about}`, headings: ['What clinical trials offer', 'How to find and join a trial'] };
    case 'information':
      return { kind: 'information', subject: null, metastatic, title: `About ${about}`, headings: ['What it is', 'How it is found and treated'] };
    default:
      return { kind: 'general', subject: subjectOnly, metastatic, title: cancerType ? `About ${about}` : 'What the Guidelines Say', headings: ['What the guidelines say', 'More details'] };
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function titleCase(text: string): string {
  return text.replace(/\b([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/\b(And|Of|The|With|In|For)\b/g, (w) => w.toLowerCase()).replace(/^./, (c) => c.toUpperCase());
}
