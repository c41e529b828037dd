export { answerQuestion, MAX_QUESTION_CHARS, type AnswerDependencies, type AskMode, type AskOptions } from './answerQuestion';
export { checkDraft, type CheckedDraft } from './checkDraft';
export { createExtractiveWriter } from './extractiveWriter';
export { createLlmWriter, DraftGenerationError, type LlmWriterOptions } from './llmWriter';
export { planAnswer, type AnswerPlan } from './plan';
export * from './types';
export { patientProfileSchema, profileFacts, type PatientProfile } from './profile';
