import { createApiClient, dispatch, methodInputs, type AskEvent, type AskSnapshot, type CairnHandlers } from '../../core/api';
import type { Answer } from '../../core/answer/types';
import type { AppStatus, DocumentSummary, PassageView } from '../../core/types';

/** Shared by the Ask screen and answer tests: a realistic answer, a passage, and the bridge with stand-in handlers. */

export const TASK_ID = '3f1c2a4e-8b7d-4c1e-9a2b-5d6e7f8a9b0c';

export const status: AppStatus = {
  version: '0.1.0',
  dataDir: '/home/ada/.config/Cairn',
  databaseFile: '/home/ada/.config/Cairn/cairn.db',
  schemaVersion: 10,
  library: { documents: 3, builtInDocuments: 2, chunks: 77, embeddedChunks: 77 },
  vectorIndex: { embedderId: 'use-lite', dims: 512 },
};

export const documents: DocumentSummary[] = [
  { id: 1, title: 'Melanoma: a starter summary', publisher: 'Cairn starter pack', edition: null, cancerTypes: ['Melanoma'], format: 'markdown', builtIn: true, sourcePath: null, sourceUrl: null, importedAt: '2026-11-21T10:00:00Z', chunkCount: 20 },
  { id: 2, title: 'NCCN Guidelines for Patients: Melanoma', publisher: 'NCCN', edition: '2025', cancerTypes: ['Melanoma'], format: 'pdf', builtIn: false, sourcePath: '/home/ada/melanoma.pdf', sourceUrl: null, importedAt: '2026-11-21T11:00:00Z', chunkCount: 45 },
  { id: 3, title: 'Leukemia: a starter summary', publisher: 'Cairn starter pack', edition: null, cancerTypes: ['Leukemia', 'Acute myeloid leukemia'], format: 'markdown', builtIn: true, sourcePath: null, sourceUrl: null, importedAt: '2026-11-21T10:00:00Z', chunkCount: 12 },
];

const FOOTER_EDUCATIONAL = 'This information is for educational purposes only. Always talk with your care team about your own medical decisions.';
const FOOTER_GENERAL = 'This is general information.';
const FOOTER_ADD_RECORDS = 'Add your records to get answers that take your stage, biomarkers and treatment history into account. They stay on this computer.';

/** What `cairn ask --json "Is surgery an option for metastatic melanoma?"` gives, shortened. */
export const melanomaAnswer: Answer = {
  question: 'Is surgery an option for metastatic melanoma?',
  createdAt: '2026-11-22T02:06:30.598Z',
  cancerType: 'Melanoma',
  mode: 'extractive',
  model: null,
  banner: 'For informational purposes only',
  aiNotice:
    'This answer was generated on this computer from the guideline documents in your library. It is not medical advice. Talk with your oncologist or care team before making treatment decisions.',
  title: 'Surgery for Metastatic Melanoma',
  summary: { text: 'Yes, surgery is sometimes an option for metastatic melanoma. But for most people it is not the main treatment.', citations: [1] },
  sections: [
    {
      heading: 'How surgery fits into treatment',
      paragraphs: [{ text: 'Medicines that work through the whole body are usually the main treatment for stage IV.', citations: [1, 3] }],
      bullets: [{ text: 'Many people get drug treatment before or after surgery.', citations: [3] }],
      citations: [1, 3],
    },
    {
      heading: 'When surgery might be used',
      paragraphs: [],
      bullets: [
        { text: 'If the surgeon can remove every tumor that is left, surgery may be offered.', citations: [2] },
        { text: 'Surgery can also ease problems a tumor causes.', citations: [2] },
      ],
      citations: [2],
    },
  ],
  questionsToAsk: [
    { question: 'Is surgery an option in my situation, and why or why not?', why: 'Whether it fits depends on details only your team knows.' },
    { question: 'Has my tumor been tested for BRAF?', why: 'These results can change which medicines may work.' },
    { question: 'Is there a clinical trial I could join?', why: 'Trials can offer treatments not yet widely available.' },
  ],
  importantContext: ['How many tumors there are and where they are in the body.', 'Biomarkers such as BRAF.'],
  keyTakeaway: { text: 'Surgery can help some people with metastatic melanoma, usually together with medicines.', citations: [2] },
  urgent: null,
  personalization: null,
  sources: [
    {
      id: 1,
      chunkId: 6,
      documentId: 1,
      guideline: 'Melanoma: a starter summary',
      publisher: 'Cairn starter pack',
      edition: null,
      section: 'Melanoma: a starter summary › Surgery when the cancer has spread',
      page: null,
      excerpt: 'Yes, surgery is sometimes an option for metastatic melanoma. But for most people it is not the main treatment.',
      basedOn: ['NCCN Guidelines for Patients: Melanoma: Cutaneous (2024)'],
    },
    {
      id: 2,
      chunkId: 31,
      documentId: 2,
      guideline: 'NCCN Guidelines for Patients: Melanoma',
      publisher: 'NCCN',
      edition: '2025',
      section: 'Treating stage IV › Surgery for distant metastases',
      page: 42,
      excerpt: 'Surgery may be an option when all of the metastases can be removed.',
      basedOn: [],
    },
    {
      id: 3,
      chunkId: 5,
      documentId: 1,
      guideline: 'Melanoma: a starter summary',
      publisher: 'Cairn starter pack',
      edition: null,
      section: 'Melanoma: a starter summary › Treatment by stage › Stage IV',
      page: null,
      excerpt: 'Drug treatment that works through the whole body is the main treatment.',
      basedOn: [],
    },
  ],
  footer: [FOOTER_EDUCATIONAL, FOOTER_GENERAL, FOOTER_ADD_RECORDS],
  relatedResources: [
    { name: 'NCI Cancer Information Service', description: 'answers to cancer questions from trained staff.', contact: '1-800-4-CANCER (1-800-422-6237)' },
    { name: 'Your care team’s 24-hour line', description: 'urgent help with fever or side effects.', contact: 'ask your team for the number' },
  ],
  timings: { retrieveMs: 35, generateMs: 3, totalMs: 124 },
};

export const personalizedAnswer: Answer = {
  ...melanomaAnswer,
  personalization: { used: ['stage IV', 'BRAF V600E'] },
  importantContext: ['Your stage: IV.', 'Your BRAF result: positive (V600E).', ...melanomaAnswer.importantContext],
  footer: [FOOTER_EDUCATIONAL, FOOTER_GENERAL],
};

export const urgentAnswer: Answer = {
  ...melanomaAnswer,
  question: 'I have a fever of 39 during chemo for melanoma, is surgery still an option?',
  mode: 'urgent',
  urgent: {
    message:
      "What you describe can be a sign of a medical emergency. Call your oncology team's 24-hour line now, or your local emergency number (such as 911 in the US) if you cannot reach them. Do not wait for an answer from this app.",
    matched: ['Fever during or after chemotherapy'],
  },
};

export const notFoundAnswer: Answer = {
  ...melanomaAnswer,
  question: 'Is surgery an option for metastatic pancreatic cancer?',
  cancerType: 'Pancreatic cancer',
  mode: 'not-found',
  title: 'Not in your library yet',
  summary: { text: 'Your library has no guideline about pancreatic cancer that answers this. Import one and ask again.', citations: [] },
  sections: [],
  questionsToAsk: [],
  importantContext: [],
  keyTakeaway: null,
  sources: [],
};

export const passage: PassageView = {
  chunkId: 31,
  documentId: 2,
  title: 'NCCN Guidelines for Patients: Melanoma',
  publisher: 'NCCN',
  edition: '2025',
  section: 'Treating stage IV › Surgery for distant metastases',
  page: 42,
  text: 'Surgery may be an option when all of the metastases can be removed. It is often combined with systemic therapy.',
  format: 'pdf',
  builtIn: false,
  sourceUrl: null,
};

/** The bridge with a stand-in core: the same dispatch (and input validation) the app uses. */
export function apiWith(handlers: Partial<CairnHandlers>) {
  const notUsedHere = () => {
    throw new Error('not used by these screens');
  };
  const unused = Object.fromEntries(Object.keys(methodInputs).map((name) => [name, notUsedHere])) as unknown as CairnHandlers;
  const full: CairnHandlers = {
    ...unused,
    'app/status': () => status,
    'library/list': () => documents,
    'library/passage': ({ chunkId }) => ({ ...passage, chunkId }),
    ...handlers,
  };
  return createApiClient((name, input) => dispatch(full, name, input));
}

/**
 * A stand-in for core's ask task that the test drives: it stays running (streaming what `emit`
 * adds) until `finish` or `fail`; `ask/cancel` ends it as cancelled. Records every call.
 */
export function scriptedAsk() {
  const events: AskEvent[] = [];
  let snapshot: Pick<AskSnapshot, 'state' | 'result' | 'error'> = { state: 'running', result: null, error: null };
  const calls = { start: [] as unknown[], poll: 0, cancel: [] as unknown[] };
  const handlers: Partial<CairnHandlers> = {
    'ask/start': (input) => {
      calls.start.push(input);
      return { taskId: TASK_ID };
    },
    'ask/poll': ({ taskId, after }) => {
      calls.poll += 1;
      return { taskId, ...snapshot, events: events.slice(after), next: events.length };
    },
    'ask/cancel': (input) => {
      calls.cancel.push(input);
      const wasRunning = snapshot.state === 'running';
      if (wasRunning) snapshot = { ...snapshot, state: 'cancelled' };
      return { cancelled: wasRunning };
    },
  };
  return {
    handlers,
    calls,
    emit: (text: string) => void events.push({ type: 'token', text }),
    finish: (answer: Answer) => void (snapshot = { state: 'done', result: answer, error: null }),
    fail: (message: string) => void (snapshot = { state: 'failed', result: null, error: { code: 'MODEL_NOT_INSTALLED', message } }),
  };
}

/** jsdom has `<dialog>` but not its showModal/close: enough of them for the source dialog. */
export function installDialogPolyfill(): void {
  const proto = HTMLDialogElement.prototype as HTMLDialogElement & { __cairnPolyfill?: true };
  if (typeof proto.showModal === 'function' && !proto.__cairnPolyfill) return;
  proto.__cairnPolyfill = true;
  proto.showModal = function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
  proto.close = function close(this: HTMLDialogElement) {
    if (!this.open) return;
    this.open = false;
    this.dispatchEvent(new Event('close'));
  };
}
