import type { QuestionToAsk } from './types';
import type { AnswerPlan } from './plan';

/** Biomarkers that change treatment, by cancer type (what the guidelines test for). */
const BIOMARKERS: Record<string, string> = {
  Melanoma: 'BRAF',
  'Non-small cell lung cancer': 'EGFR, ALK, ROS1 and PD-L1',
  'Lung cancer': 'EGFR, ALK and PD-L1',
  'Breast cancer': 'HER2, estrogen and progesterone receptors',
  'Colorectal cancer': 'KRAS, NRAS, BRAF and MSI',
  'Colon cancer': 'KRAS, NRAS, BRAF and MSI',
  'Rectal cancer': 'KRAS, NRAS, BRAF and MSI',
  'Pancreatic cancer': 'BRCA1/2, MSI and KRAS',
  'Ovarian cancer': 'BRCA1/2',
  'Prostate cancer': 'BRCA1/2 and MSI',
  'Stomach cancer': 'HER2 and MSI',
  'Endometrial cancer': 'MSI/mismatch repair',
};

export function biomarkersFor(cancerType: string | null): string | null {
  return cancerType ? (BIOMARKERS[cancerType] ?? null) : null;
}

/**
 * 4-6 questions for the oncology team, each with why it matters: from the kind of question, the
 * treatment asked about and the cancer's biomarkers. Code writes them, so they are always there.
 */
export function questionsToAsk(plan: AnswerPlan, cancerType: string | null): QuestionToAsk[] {
  const subject = plan.subject?.name ?? 'this treatment';
  const markers = biomarkersFor(cancerType);
  const questions: QuestionToAsk[] = [];
  if (plan.kind === 'option') {
    questions.push(
      { question: `Is ${subject} an option in my situation, and why or why not?`, why: 'Whether it fits depends on details only your team knows.' },
      { question: `What would ${subject} aim to do for me: remove all the cancer, control it, or ease symptoms?`, why: 'The goal changes how the benefits and risks compare.' },
      { question: `Should other treatment come before or after ${subject}, or instead of it?`, why: 'The order of treatments can matter.' },
      { question: `What are the risks and the recovery time of ${subject} for me?`, why: 'Recovery can delay other treatment.' },
    );
  } else if (plan.kind === 'stages') {
    questions.push(
      { question: 'What stage is my cancer, and what does that mean for my treatment?', why: 'Stage is one of the main things that decide treatment.' },
      { question: 'Which tests were used to find the stage, and do I need more?', why: 'Some tests change the stage or the plan.' },
      { question: 'Has the cancer spread to lymph nodes or other organs?', why: 'Spread changes the options.' },
    );
  } else if (plan.kind === 'symptoms' || plan.kind === 'side-effects') {
    questions.push(
      { question: 'Which symptoms should I report right away, and to whom?', why: 'Some problems need care the same day.' },
      { question: 'What can be done to prevent or ease these problems?', why: 'Many side effects can be treated.' },
      { question: 'Who do I call after hours?', why: 'Problems do not always happen during office hours.' },
    );
  } else if (plan.kind === 'tests') {
    questions.push(
      { question: 'Which tests do I need, and what will each one show?', why: 'Knowing the purpose helps you prepare.' },
      { question: 'When will I get the results, and who will explain them?', why: 'Waiting is easier with a plan.' },
    );
  } else if (plan.kind === 'outlook') {
    questions.push(
      { question: 'What does my outlook look like, given my stage and health?', why: 'General numbers may not fit your situation.' },
      { question: 'What could change my outlook, for better or worse?', why: 'Some factors can change with treatment.' },
    );
  } else {
    questions.push(
      { question: 'What are my treatment options, and which do you recommend for me?', why: 'Guidelines list options; your team fits them to you.' },
      { question: 'What is the goal of my treatment?', why: 'Cure, control and comfort lead to different choices.' },
      { question: 'What side effects should I expect, and how are they managed?', why: 'Knowing ahead helps you plan.' },
    );
  }
  if (markers) questions.push({ question: `Has my tumor been tested for ${markers}?`, why: 'These results can change which medicines may work.' });
  questions.push({ question: 'Is there a clinical trial I could join?', why: 'Trials can offer treatments not yet widely available.' });
  questions.push({ question: 'Should I get a second opinion?', why: 'Another expert view can confirm or add options.' });
  return questions.slice(0, 6);
}

/** The factors that change the answer for a person, by kind of question. */
export function importantContext(plan: AnswerPlan, cancerType: string | null): string[] {
  const markers = biomarkersFor(cancerType);
  const context = [
    plan.metastatic || plan.kind === 'option' ? 'How many tumors there are and where they are in the body.' : 'The stage of the cancer: its size and whether it has spread.',
    'Your overall health and how well you can do daily activities (your performance status).',
  ];
  if (markers) context.push(`Biomarkers such as ${markers}.`);
  context.push('Treatments you have already had and how the cancer responded.');
  context.push('What matters most to you in your care.');
  return context;
}
