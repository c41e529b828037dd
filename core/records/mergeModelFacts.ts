import type { Biomarker, KeyDate, PatientProfile, Treatment } from './profile';

/**
 * Merges what the local model's extraction pass found into what the rule extractor found, for
 * one record. The model only ADDS what the rules missed; the rules' values always win:
 * - a single field (cancer type, stage, metastatic, performance status) comes from the model
 *   only when the rules have none;
 * - a biomarker comes from the model only when the rules have no biomarker of that name
 *   ("HER2", "HER-2" and "ERBB2" are one name; so are "PD-L1" and "PDL1", "MSI" and "MMR");
 * - a treatment comes from the model only when the rules have none of the same kind and name
 *   (case and spacing aside);
 * - a key date likewise, by label.
 * The same goes for duplicates inside the model's own lists: the first one stays.
 *
 * Pure: neither input is changed, and the result shares no objects with them. Whatever the
 * rules profile holds (including values the person set, `source: 'person'`) is kept as it is.
 */
export function mergeModelFacts(rules: PatientProfile, model: PatientProfile): PatientProfile {
  const merged: PatientProfile = { ...rules };
  if (!merged.cancerType && model.cancerType) merged.cancerType = model.cancerType;
  if (!merged.stage && model.stage) merged.stage = model.stage;
  if (!merged.metastatic && model.metastatic) merged.metastatic = model.metastatic;
  if (!merged.performanceStatus && model.performanceStatus) merged.performanceStatus = model.performanceStatus;

  const biomarkers = addMissing<Biomarker>(rules.biomarkers, model.biomarkers, (marker) => biomarkerKey(marker.name));
  if (biomarkers) merged.biomarkers = biomarkers;
  const treatments = addMissing<Treatment>(rules.treatments, model.treatments, (treatment) => `${treatment.kind}\u0000${nameKey(treatment.name)}`);
  if (treatments) merged.treatments = treatments;
  const keyDates = addMissing<KeyDate>(rules.keyDates, model.keyDates, (keyDate) => nameKey(keyDate.label));
  if (keyDates) merged.keyDates = keyDates;

  return structuredClone(merged);
}

/** The rules' list, then the model's items whose key is not there yet; undefined when neither has a list. */
function addMissing<T>(rules: readonly T[] | undefined, model: readonly T[] | undefined, key: (item: T) => string): T[] | undefined {
  if (!rules && !model) return undefined;
  const result = [...(rules ?? [])];
  const seen = new Set(result.map(key));
  for (const item of model ?? []) {
    const itemKey = key(item);
    if (seen.has(itemKey)) continue;
    seen.add(itemKey);
    result.push(item);
  }
  return result;
}

/** Names that mean the same marker. Keys are upper case with only letters and digits. */
const BIOMARKER_ALIASES: Readonly<Record<string, string>> = {
  ERBB2: 'HER2',
  HER2NEU: 'HER2',
  CERBB2: 'HER2',
  ESTROGENRECEPTOR: 'ER',
  OESTROGENRECEPTOR: 'ER',
  PGR: 'PR',
  PROGESTERONERECEPTOR: 'PR',
  MMR: 'MSI',
  DMMR: 'MSI',
  PMMR: 'MSI',
  MSIH: 'MSI',
  MSS: 'MSI',
  MISMATCHREPAIR: 'MSI',
  PDL1: 'PDL1',
  CD274: 'PDL1',
  BRAFV600E: 'BRAF',
};

/** One key per marker, whatever the spelling ("PD-L1" = "PDL1", "ERBB2" = "HER2"). */
export function biomarkerKey(name: string): string {
  const compact = name.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return BIOMARKER_ALIASES[compact] ?? compact;
}

function nameKey(name: string): string {
  return name.toLowerCase().replace(/\s+/g, ' ').trim();
}
