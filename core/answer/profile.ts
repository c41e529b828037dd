import type { PatientProfile } from '../records/profile';

export { patientProfileSchema, type PatientProfile } from '../records/profile';

export interface ProfileFacts {
  /** Short facts for the writer and the `personalization` record ("stage IV", "BRAF V600E"). */
  used: string[];
  /** The person's own values for the important-context list. */
  context: string[];
  /** Questions to ask that follow from the person's values. */
  questions: { question: string; why: string }[];
}

/** Turns a profile into the facts an answer uses. Fields not in the profile are left out, never guessed. */
export function profileFacts(profile: PatientProfile): ProfileFacts {
  const used: string[] = [];
  const context: string[] = [];
  const questions: ProfileFacts['questions'] = [];
  if (profile.cancerType) used.push(profile.cancerType.value + (profile.cancerType.detail ? ` (${profile.cancerType.detail})` : ''));
  if (profile.stage) {
    used.push(`stage ${profile.stage.value}`);
    context.push(`Your stage: ${profile.stage.value}${profile.stage.tnm ? ` (${profile.stage.tnm})` : ''}.`);
  }
  if (profile.metastatic?.value) {
    const sites = profile.metastatic.sites?.length ? ` to the ${profile.metastatic.sites.join(' and ')}` : '';
    used.push(`spread${sites}`);
    context.push(`Your records say the cancer has spread${sites}: how many tumors there are and where matters for every option.`);
    questions.push({ question: `Which of my tumors${sites ? ` (${profile.metastatic.sites!.join(', ')})` : ''} could be treated with surgery or radiation, and which not?`, why: 'Options can differ from one site to another.' });
  }
  for (const marker of profile.biomarkers ?? []) {
    const value = `${marker.name} ${marker.status === 'positive' && marker.detail ? marker.detail : marker.status}`;
    used.push(value);
    context.push(`Your ${marker.name} result: ${marker.status}${marker.detail ? ` (${marker.detail})` : ''}.`);
    if (marker.status === 'positive') {
      questions.push({ question: `Which treatments fit my ${marker.name}${marker.detail ? ` ${marker.detail}` : ''} result?`, why: 'Some medicines work only for tumors with this change.' });
    }
  }
  if (profile.performanceStatus) {
    used.push(`${profile.performanceStatus.scale} ${profile.performanceStatus.value}`);
    context.push(`Your performance status: ${profile.performanceStatus.scale} ${profile.performanceStatus.value}.`);
  }
  for (const treatment of profile.treatments ?? []) {
    used.push(`${treatment.name}${treatment.date ? ` (${treatment.date})` : ''}`);
    context.push(`Treatment you have had: ${treatment.name}${treatment.date ? `, ${treatment.date}` : ''}.`);
  }
  return { used, context, questions };
}
