/**
 * What a question asks about, and which section headings answer that. Both sides are matched
 * with the same data, so a guideline's "Treatment Option Overview" and a JSONL section
 * "treatment" both serve "How is melanoma treated?".
 */
export const INTENTS = [
  'treatment',
  'stages',
  'symptoms',
  'tests',
  'outlook',
  'risk',
  'prevention',
  'side-effects',
  'clinical-trials',
  'information',
] as const;

export type Intent = (typeof INTENTS)[number];

interface IntentRule {
  intent: Intent;
  /** Wording of a question that asks this. */
  question: RegExp;
  /** Wording of a section heading that answers it. */
  heading: RegExp;
}

const RULES: IntentRule[] = [
  {
    intent: 'side-effects',
    question: /\bside[- ]effects?\b|\badverse\b|\btoxicit|\bcope with\b|\bmanage (the )?(pain|nausea|fatigue)|\bsupportive care\b|\blate effects?\b/i,
    heading: /side[- ]effects?|late effects?|supportive|palliative|adverse|symptom management/i,
  },
  {
    intent: 'clinical-trials',
    question: /\bclinical trials?\b|\bresearch\b|\bstud(y|ies)\b|\bexperimental\b|\bnew treatments?\b/i,
    heading: /clinical trials?|research|new types of treatment|being tested/i,
  },
  {
    intent: 'treatment',
    question: /\btreat\w*|\btherap\w*|\bsurgery\b|\bsurgical\b|\boperation\b|\bradiation\b|\bradiotherapy\b|\bchemo\w*|\bimmunotherapy\b|\bdrugs?\b|\bmedicines?\b|\boptions?\b|\bmanage\w*|\btransplant\w*|\bremov\w*|\bresect\w*/i,
    heading: /treat\w*|therap\w*|surgery|radiation|chemotherapy|immunotherapy|options?|management|transplant/i,
  },
  {
    intent: 'stages',
    question: /\bstag(e|es|ed|ing)\b|\bgrade[sd]?\b|\bhow (advanced|far)\b|\bspread\b|\bmetasta/i,
    heading: /stag(e|es|ing)|grade|spread|metasta/i,
  },
  {
    intent: 'symptoms',
    question: /\bsymptoms?\b|\bsigns?\b|\bwarning\b|\bfeel\b/i,
    heading: /symptoms?|signs/i,
  },
  {
    intent: 'tests',
    question: /\bdiagnos\w*|\btests?\b|\btesting\b|\bexams?\b|\bscreen\w*|\bbiopsy\b|\bscans?\b|\bdetect\w*|\bbiomarkers?\b|\bfind (out|it)\b|\bcheck(ed|s|ing|up)?\b/i,
    heading: /diagnos\w*|tests?|exams?|screening|biopsy|detect|biomarker/i,
  },
  {
    intent: 'outlook',
    question: /\boutlook\b|\bprognos\w*|\bsurviv\w*|\blife expectancy\b|\bchances?\b|\brecover\w*|\bcurable\b|\bcured?\b/i,
    heading: /outlook|prognos\w*|surviv\w*|chance of recovery/i,
  },
  {
    intent: 'prevention',
    question: /\bprevent\w*|\bavoid\b|\breduce (the |my )?risk\b|\blower (the |my )?risk\b/i,
    heading: /prevent\w*/i,
  },
  {
    intent: 'risk',
    question: /\brisk\b|\bat risk\b|\bcauses?d?\b|\bwho gets\b|\binherit\w*|\bgenetic\w*|\bhereditary\b|\bsusceptib\w*/i,
    heading: /risk|susceptib\w*|causes?|inherit\w*|genetic|hereditary/i,
  },
  {
    intent: 'information',
    question: /\bwhat (is|are)\b|\bwhat does\b|\bmean\b|\bexplain\b|\boverview\b|\babout\b|\bdefin\w*/i,
    heading: /information|overview|about|what is|introduction|key points|general/i,
  },
];

/** The intents a question asks about, most specific first (at most two). */
export function detectIntents(question: string): Intent[] {
  return RULES.filter((rule) => rule.question.test(question)).map((rule) => rule.intent).slice(0, 2);
}

/** The intents a section heading (or section path) answers. */
export function headingIntents(heading: string): Intent[] {
  return RULES.filter((rule) => rule.heading.test(heading)).map((rule) => rule.intent);
}
