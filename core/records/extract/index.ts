import type { PatientProfile } from '../profile';
import type { RecordText } from '../types';
import { extractBiomarkers } from './biomarkers';
import { extractCancerType } from './cancerType';
import type { ExtractContext } from './evidence';
import { extractKeyDates } from './keyDates';
import { extractMetastatic } from './metastatic';
import { extractPerformanceStatus } from './performanceStatus';
import { spansOf } from './spans';
import { findStage } from './stage';
import { extractTreatments } from './treatments';

/**
 * The rule and lexicon extractor: a patient profile from a record's text with no model. Pure,
 * synchronous and deterministic. A field the record does not state is absent, never guessed; every
 * field carries its evidence (file, page, the sentence), a confidence, `source: 'rules'` and the
 * date of the record or segment it came from.
 */
export function extractProfile(record: RecordText, file: string): PatientProfile {
  const spans = spansOf(record);
  const context: ExtractContext = { file, ...(record.date ? { recordDate: record.date } : {}) };

  const cancerType = extractCancerType(spans, context);
  const stage = findStage(spans, context);
  const metastatic = extractMetastatic(spans, context, stage, cancerType?.value);
  const biomarkers = extractBiomarkers(spans, context);
  const performanceStatus = extractPerformanceStatus(spans, context);
  const treatments = extractTreatments(spans, context);
  const keyDates = extractKeyDates(spans, context, treatments);

  return {
    ...(cancerType ? { cancerType } : {}),
    ...(stage ? { stage: stage.field } : {}),
    ...(metastatic ? { metastatic } : {}),
    ...(biomarkers.length > 0 ? { biomarkers } : {}),
    ...(performanceStatus ? { performanceStatus } : {}),
    ...(treatments.length > 0 ? { treatments } : {}),
    ...(keyDates.length > 0 ? { keyDates } : {}),
  };
}

export { spansOf, type Span } from './spans';
