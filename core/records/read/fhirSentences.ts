import { decodeText } from '../../library/import/decodeText';
import type { RecordSegment } from '../types';
import type {
  Annotation,
  CodeableConcept,
  Condition,
  DiagnosticReport,
  MedicationRequest,
  MedicationStatement,
  Observation,
  ObservationValue,
  Period,
  Procedure,
  Quantity,
  Reference,
  SupportedResource,
} from './fhirR4';
import { parseFhirDate } from './recordDate';
import { recordLines } from './readText';

/**
 * FHIR resources as readable sentences ("Observation: BRAF gene mutation: V600E mutation detected
 * (2026-01-15)."), built only from their human text: names, values, stages, sites, conclusions,
 * notes and attached plain-text reports. The extractors read these like any other record text,
 * so a lab value and a pathology PDF line look alike to them. Codes without a name are not
 * turned into text, and nothing about the patient (name, address, references) is.
 */

/** Resolves a medicationReference to the Medication's name, inside the resource or the bundle. */
export type MedicationNames = (reference: Reference | undefined, contained: readonly unknown[] | undefined) => string | undefined;

/** Resources in these states say nothing true about the patient: they are left out. */
const VOID_STATUSES: ReadonlySet<string> = new Set(['entered-in-error', 'not-done', 'not-taken', 'cancelled', 'revoked']);
const VOID_VERIFICATION: ReadonlySet<string> = new Set(['entered-in-error', 'refuted']);
/** Statuses that are a result's normal state, so not worth a word. */
const SETTLED_RESULT_STATUSES: ReadonlySet<string> = new Set(['final', 'amended', 'corrected', 'appended']);

/** The segments for one resource: its sentence, then its notes and attached text, all at `locator`. */
export function resourceSegments(resource: SupportedResource, locator: string, medicationNames: MedicationNames): RecordSegment[] {
  if (resource.status && VOID_STATUSES.has(resource.status)) return [];
  switch (resource.resourceType) {
    case 'Condition':
      return conditionSegments(resource, locator);
    case 'Observation':
      return observationSegments(resource, locator);
    case 'MedicationStatement':
    case 'MedicationRequest':
      return medicationSegments(resource, locator, medicationNames);
    case 'Procedure':
      return procedureSegments(resource, locator);
    case 'DiagnosticReport':
      return reportSegments(resource, locator);
  }
}

function conditionSegments(condition: Condition, locator: string): RecordSegment[] {
  const verification = codeOf(condition.verificationStatus);
  if (verification && VOID_VERIFICATION.has(verification)) return [];
  const name = conceptText(condition.code);
  const onset = condition.onsetDateTime ?? condition.onsetPeriod?.start;
  const unconfirmed = verification && verification !== 'confirmed' ? conceptText(condition.verificationStatus, true) : undefined;
  const details = [
    labelled('stage', conceptsText(condition.stage?.map((stage) => stage.summary))),
    labelled('body site', conceptsText(condition.bodySite)),
    labelled('status', conceptText(condition.clinicalStatus, true)),
    labelled('verification', unconfirmed),
    onset ? `onset ${dateText(onset)}` : labelled('onset', condition.onsetString),
    condition.abatementDateTime ? `resolved ${dateText(condition.abatementDateTime)}` : undefined,
    !onset && condition.recordedDate ? `recorded ${dateText(condition.recordedDate)}` : undefined,
  ];
  const date = parseFhirDate(onset) ?? parseFhirDate(condition.recordedDate);
  return [...sentenceSegment('Condition', name, details, '', locator, date), ...noteSegments('Condition', condition.note, locator, date)];
}

function observationSegments(observation: Observation, locator: string): RecordSegment[] {
  const name = conceptText(observation.code);
  const value = valueText(observation);
  const head = name && value ? `${name}: ${value}` : (name ?? value);
  const when = observation.effectiveDateTime ?? observation.effectivePeriod?.start ?? observation.issued;
  const details = [
    ...(observation.component ?? []).map((component) => {
      const [componentName, componentValue] = [conceptText(component.code), valueText(component)];
      return componentName && componentValue ? `${componentName}: ${componentValue}` : (componentName ?? componentValue);
    }),
    labelled('interpretation', conceptsText(observation.interpretation)),
    labelled('body site', conceptText(observation.bodySite)),
    labelled('status', unsettled(observation.status)),
  ];
  const date = parseFhirDate(when);
  const tail = when ? ` (${dateText(when)})` : '';
  return [...sentenceSegment('Observation', head, details, tail, locator, date), ...noteSegments('Observation', observation.note, locator, date)];
}

function medicationSegments(use: MedicationStatement | MedicationRequest, locator: string, medicationNames: MedicationNames): RecordSegment[] {
  const name = conceptText(use.medicationCodeableConcept) ?? use.medicationReference?.display?.trim() ?? medicationNames(use.medicationReference, use.contained);
  const isStatement = use.resourceType === 'MedicationStatement';
  const dosages = isStatement ? use.dosage : use.dosageInstruction;
  const { when, date } = isStatement ? statementTime(use) : { when: use.authoredOn ? `ordered ${dateText(use.authoredOn)}` : undefined, date: use.authoredOn };
  const details = [
    labelled('dosage', joinTexts(dosages?.map((dose) => dose.text))),
    labelled('status', use.status),
    labelled('reason', conceptsText(use.reasonCode)),
    when,
  ];
  const label = isStatement ? 'Medication' : 'Medication order';
  const isoDate = parseFhirDate(date);
  return [...sentenceSegment(label, name, details, '', locator, isoDate), ...noteSegments(label, use.note, locator, isoDate)];
}

/** When a medicine was taken, in words and as the date to file it under. */
function statementTime(statement: MedicationStatement): { when: string | undefined; date: string | undefined } {
  const { effectiveDateTime, effectivePeriod, dateAsserted } = statement;
  if (effectiveDateTime) return { when: `on ${dateText(effectiveDateTime)}`, date: effectiveDateTime };
  if (effectivePeriod?.start || effectivePeriod?.end) return { when: periodText(effectivePeriod), date: effectivePeriod.start ?? effectivePeriod.end };
  return { when: dateAsserted ? `recorded ${dateText(dateAsserted)}` : undefined, date: dateAsserted };
}

function procedureSegments(procedure: Procedure, locator: string): RecordSegment[] {
  const { performedDateTime, performedPeriod } = procedure;
  const performed = performedDateTime ? `performed ${dateText(performedDateTime)}` : performedPeriod ? `performed ${periodText(performedPeriod)}` : undefined;
  const details = [
    labelled('body site', conceptsText(procedure.bodySite)),
    labelled('reason', conceptsText(procedure.reasonCode)),
    labelled('outcome', conceptText(procedure.outcome)),
    labelled('status', procedure.status && procedure.status !== 'completed' ? procedure.status : undefined),
    performed,
  ];
  const date = parseFhirDate(performedDateTime ?? performedPeriod?.start);
  return [...sentenceSegment('Procedure', conceptText(procedure.code), details, '', locator, date), ...noteSegments('Procedure', procedure.note, locator, date)];
}

function reportSegments(report: DiagnosticReport, locator: string): RecordSegment[] {
  const when = report.effectiveDateTime ?? report.effectivePeriod?.start ?? report.issued;
  const details = [
    labelled('conclusion', report.conclusion?.trim()),
    labelled('diagnosis', conceptsText(report.conclusionCode)),
    labelled('status', unsettled(report.status)),
  ];
  const date = parseFhirDate(when);
  const tail = when ? ` (${dateText(when)})` : '';
  const attached = (report.presentedForm ?? []).flatMap((form) => attachmentLines(form.contentType, form.data));
  return [
    ...sentenceSegment('Diagnostic report', conceptText(report.code), details, tail, locator, date),
    ...attached.map((text) => segment(text, locator, date)),
  ];
}

/** The lines of a base64 text/plain attachment (the report as the lab wrote it). */
function attachmentLines(contentType: string | undefined, data: string | undefined): string[] {
  if (!data || !/^text\/plain\b/i.test(contentType?.trim() ?? '')) return [];
  try {
    const charset = /charset\s*=\s*"?([\w.-]+)/i.exec(contentType ?? '')?.[1];
    return recordLines(decodeText(Buffer.from(data, 'base64'), charset ? { declaredEncoding: charset } : {}).text);
  } catch {
    return []; // empty or binary despite its content type: nothing to read
  }
}

// ---------------------------------------------------------------------------------------------
// Sentences

/** "Label: head; detail; detail{tail}." as one segment, or none when there is nothing to say. */
function sentenceSegment(label: string, head: string | undefined, details: readonly (string | undefined)[], tail: string, locator: string, date: string | undefined): RecordSegment[] {
  if (!head) return []; // a stage or a date of nothing is not worth a line
  // Each part's own full stop goes: the parts are clauses of one sentence.
  const parts = [head, ...details].map((part) => part?.replace(/\.+$/, '')).filter((part): part is string => part !== undefined && part !== '');
  return [segment(`${label}: ${parts.join('; ')}${tail}.`, locator, date)];
}

function noteSegments(label: string, notes: readonly Annotation[] | undefined, locator: string, date: string | undefined): RecordSegment[] {
  return (notes ?? []).map((note) => oneLine(note.text)).filter((text) => text !== '').map((text) => segment(`${label} note: ${text}`, locator, date));
}

function segment(text: string, locator: string, date: string | undefined): RecordSegment {
  return { text, locator, ...(date ? { date } : {}) };
}

function labelled(label: string, value: string | undefined): string | undefined {
  return value ? `${label}: ${value}` : undefined;
}

/** A status worth mentioning on a result: anything but final and its corrections. */
function unsettled(status: string | undefined): string | undefined {
  return status && !SETTLED_RESULT_STATUSES.has(status) ? status : undefined;
}

// ---------------------------------------------------------------------------------------------
// Datatypes as text

/** The concept's own text, else its first coding's display; its code too when `codes` (status codes read as words). */
function conceptText(concept: CodeableConcept | undefined, codes = false): string | undefined {
  const text = concept?.text?.trim() || concept?.coding?.map((coding) => coding.display?.trim()).find(Boolean);
  if (text) return oneLine(text);
  return codes ? concept?.coding?.map((coding) => coding.code?.trim()).find(Boolean) : undefined;
}

function conceptsText(concepts: readonly (CodeableConcept | undefined)[] | undefined): string | undefined {
  return joinTexts(concepts?.map((concept) => conceptText(concept)));
}

/** The distinct non-empty texts, comma-separated. */
function joinTexts(texts: readonly (string | undefined)[] | undefined): string | undefined {
  const distinct = [...new Set((texts ?? []).map((text) => oneLine(text ?? '')).filter((text) => text !== ''))];
  return distinct.length ? distinct.join(', ') : undefined;
}

function codeOf(concept: CodeableConcept | undefined): string | undefined {
  return concept?.coding?.map((coding) => coding.code?.trim()).find(Boolean);
}

function valueText(value: ObservationValue): string | undefined {
  if (value.valueQuantity) return quantityText(value.valueQuantity);
  if (value.valueCodeableConcept) return conceptText(value.valueCodeableConcept);
  if (value.valueString !== undefined) return oneLine(value.valueString) || undefined;
  if (value.valueBoolean !== undefined) return value.valueBoolean ? 'yes' : 'no';
  if (value.valueInteger !== undefined) return String(value.valueInteger);
  if (value.valueRange) return rangeText(value.valueRange.low, value.valueRange.high);
  if (value.valueRatio) return [quantityText(value.valueRatio.numerator), quantityText(value.valueRatio.denominator)].filter(Boolean).join(' / ') || undefined;
  if (value.valueDateTime) return dateText(value.valueDateTime);
  if (value.valuePeriod) return periodText(value.valuePeriod);
  return undefined;
}

function quantityText(quantity: Quantity | undefined): string | undefined {
  if (quantity?.value === undefined) return undefined;
  const unit = quantity.unit ?? quantity.code;
  return `${quantity.comparator ?? ''}${String(quantity.value)}${unit ? ` ${unit}` : ''}`;
}

function rangeText(low: Quantity | undefined, high: Quantity | undefined): string | undefined {
  const [from, to] = [quantityText(low), quantityText(high)];
  if (from && to) return `${from} to ${to}`;
  return from ? `at least ${from}` : to ? `at most ${to}` : undefined;
}

function periodText(period: Period): string | undefined {
  const [start, end] = [period.start && dateText(period.start), period.end && dateText(period.end)];
  if (start && end) return `from ${start} to ${end}`;
  return start ? `from ${start}` : end ? `until ${end}` : undefined;
}

/** A FHIR date or dateTime as a day ("2026-01-15"), or as written when partial ("2025-11"). */
function dateText(value: string): string {
  return parseFhirDate(value) ?? value.trim();
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
