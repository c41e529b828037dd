/// <reference types="fhir" />
import { z } from 'zod';

/**
 * The parts of FHIR R4 resources Cairn reads, as zod schemas that check a file before any of it
 * is trusted. Only the fields the sentences use are declared; everything else is dropped.
 *
 * The types come from @types/fhir, which describes STU3 (its `fhir` namespace; it has no R4
 * one). The datatypes and most resource fields are unchanged in R4, so they are picked from it;
 * the few fields R4 changed (Condition.clinicalStatus, .stage and .recordedDate, Observation.note,
 * .interpretation and .valueInteger, DiagnosticReport.conclusionCode) are written out here.
 * Each schema is annotated with its type, so a schema that drifts from FHIR does not compile.
 */

/** The resource types that become segments; everything else in a bundle (Patient, Encounter...) is skipped. */
export const SUPPORTED_TYPES = ['Condition', 'Observation', 'MedicationStatement', 'MedicationRequest', 'Procedure', 'DiagnosticReport'] as const;
export type SupportedType = (typeof SUPPORTED_TYPES)[number];

// ---------------------------------------------------------------------------------------------
// Datatypes (the same in STU3 and R4)

export type Coding = Pick<fhir.Coding, 'code' | 'display'>;
export type CodeableConcept = Pick<fhir.CodeableConcept, 'text'> & { coding?: Coding[] };
export type Quantity = Pick<fhir.Quantity, 'value' | 'comparator' | 'unit' | 'code'>;
export type Range = { low?: Quantity; high?: Quantity };
export type Ratio = { numerator?: Quantity; denominator?: Quantity };
export type Period = Pick<fhir.Period, 'start' | 'end'>;
export type Annotation = Pick<fhir.Annotation, 'text'>;
export type Attachment = Pick<fhir.Attachment, 'contentType' | 'data'>;
export type Reference = Pick<fhir.Reference, 'reference' | 'display'>;

const coding: z.ZodType<Coding> = z.object({ code: z.string().optional(), display: z.string().optional() });
const codeableConcept: z.ZodType<CodeableConcept> = z.object({ text: z.string().optional(), coding: z.array(coding).optional() });
const quantity: z.ZodType<Quantity> = z.object({
  value: z.number().optional(),
  comparator: z.enum(['<', '<=', '>=', '>']).optional(),
  unit: z.string().optional(),
  code: z.string().optional(),
});
const range: z.ZodType<Range> = z.object({ low: quantity.optional(), high: quantity.optional() });
const ratio: z.ZodType<Ratio> = z.object({ numerator: quantity.optional(), denominator: quantity.optional() });
const period: z.ZodType<Period> = z.object({ start: z.string().optional(), end: z.string().optional() });
const annotation: z.ZodType<Annotation> = z.object({ text: z.string() });
const attachment: z.ZodType<Attachment> = z.object({ contentType: z.string().optional(), data: z.string().optional() });
const reference: z.ZodType<Reference> = z.object({ reference: z.string().optional(), display: z.string().optional() });
const dosage = z.object({ text: z.string().optional() }) satisfies z.ZodType<Pick<fhir.Dosage, 'text'>>;

/** Fields every resource read here may carry. */
const resourceBase = { id: z.string().optional(), status: z.string().optional() };
interface ResourceBase {
  id?: string;
  /** The resource's status code; kept as a plain string so a new code does not reject the file. */
  status?: string;
}

// ---------------------------------------------------------------------------------------------
// A value[x], as Observation and its components carry it

const valueFields = {
  valueQuantity: quantity.optional(),
  valueCodeableConcept: codeableConcept.optional(),
  valueString: z.string().optional(),
  valueBoolean: z.boolean().optional(),
  valueInteger: z.number().int().optional(),
  valueRange: range.optional(),
  valueRatio: ratio.optional(),
  valueDateTime: z.string().optional(),
  valuePeriod: period.optional(),
};
export type ObservationValue = Partial<Pick<fhir.Observation, 'valueString' | 'valueBoolean' | 'valueDateTime'>> & {
  valueQuantity?: Quantity;
  valueCodeableConcept?: CodeableConcept;
  /** New in R4. */
  valueInteger?: number;
  valueRange?: Range;
  valueRatio?: Ratio;
  valuePeriod?: Period;
};

// ---------------------------------------------------------------------------------------------
// Resources

export interface Condition extends ResourceBase, Partial<Pick<fhir.Condition, 'onsetDateTime' | 'onsetString' | 'abatementDateTime'>> {
  resourceType: 'Condition';
  code?: CodeableConcept;
  /** R4: a CodeableConcept (STU3: a code). */
  clinicalStatus?: CodeableConcept;
  verificationStatus?: CodeableConcept;
  bodySite?: CodeableConcept[];
  /** R4: a list (STU3: one). */
  stage?: { summary?: CodeableConcept }[];
  onsetPeriod?: Period;
  /** R4 (STU3: assertedDate). */
  recordedDate?: string;
  note?: Annotation[];
}
export const conditionSchema: z.ZodType<Condition> = z.object({
  resourceType: z.literal('Condition'),
  ...resourceBase,
  code: codeableConcept.optional(),
  clinicalStatus: codeableConcept.optional(),
  verificationStatus: codeableConcept.optional(),
  bodySite: z.array(codeableConcept).optional(),
  stage: z.array(z.object({ summary: codeableConcept.optional() })).optional(),
  onsetDateTime: z.string().optional(),
  onsetString: z.string().optional(),
  onsetPeriod: period.optional(),
  abatementDateTime: z.string().optional(),
  recordedDate: z.string().optional(),
  note: z.array(annotation).optional(),
});

export interface Observation extends ResourceBase, ObservationValue, Partial<Pick<fhir.Observation, 'effectiveDateTime' | 'issued'>> {
  resourceType: 'Observation';
  code?: CodeableConcept;
  /** R4: a list (STU3: one). */
  interpretation?: CodeableConcept[];
  bodySite?: CodeableConcept;
  effectivePeriod?: Period;
  component?: (ObservationValue & { code?: CodeableConcept })[];
  /** R4 (STU3: comment). */
  note?: Annotation[];
}
export const observationSchema: z.ZodType<Observation> = z.object({
  resourceType: z.literal('Observation'),
  ...resourceBase,
  code: codeableConcept.optional(),
  ...valueFields,
  interpretation: z.array(codeableConcept).optional(),
  bodySite: codeableConcept.optional(),
  effectiveDateTime: z.string().optional(),
  effectivePeriod: period.optional(),
  issued: z.string().optional(),
  component: z.array(z.object({ code: codeableConcept.optional(), ...valueFields })).optional(),
  note: z.array(annotation).optional(),
});

/** What MedicationStatement and MedicationRequest share: the medicine, why, and notes. */
interface MedicationUse extends ResourceBase {
  medicationCodeableConcept?: CodeableConcept;
  medicationReference?: Reference;
  reasonCode?: CodeableConcept[];
  note?: Annotation[];
  /** Contained resources (a Medication the reference points at with "#id"), checked when used. */
  contained?: unknown[];
}
const medicationUse = {
  ...resourceBase,
  medicationCodeableConcept: codeableConcept.optional(),
  medicationReference: reference.optional(),
  reasonCode: z.array(codeableConcept).optional(),
  note: z.array(annotation).optional(),
  contained: z.array(z.unknown()).optional(),
};

export interface MedicationStatement extends MedicationUse, Partial<Pick<fhir.MedicationStatement, 'effectiveDateTime' | 'dateAsserted'>> {
  resourceType: 'MedicationStatement';
  effectivePeriod?: Period;
  dosage?: { text?: string }[];
}
export const medicationStatementSchema: z.ZodType<MedicationStatement> = z.object({
  resourceType: z.literal('MedicationStatement'),
  ...medicationUse,
  effectiveDateTime: z.string().optional(),
  effectivePeriod: period.optional(),
  dateAsserted: z.string().optional(),
  dosage: z.array(dosage).optional(),
});

export interface MedicationRequest extends MedicationUse, Partial<Pick<fhir.MedicationRequest, 'authoredOn'>> {
  resourceType: 'MedicationRequest';
  dosageInstruction?: { text?: string }[];
}
export const medicationRequestSchema: z.ZodType<MedicationRequest> = z.object({
  resourceType: z.literal('MedicationRequest'),
  ...medicationUse,
  authoredOn: z.string().optional(),
  dosageInstruction: z.array(dosage).optional(),
});

/** A Medication a statement or request points at; only its name is read. */
export interface Medication extends Pick<fhir.Medication, 'id'> {
  resourceType: 'Medication';
  code?: CodeableConcept;
}
export const medicationSchema: z.ZodType<Medication> = z.object({
  resourceType: z.literal('Medication'),
  id: z.string().optional(),
  code: codeableConcept.optional(),
});

export interface Procedure extends ResourceBase, Partial<Pick<fhir.Procedure, 'performedDateTime'>> {
  resourceType: 'Procedure';
  code?: CodeableConcept;
  bodySite?: CodeableConcept[];
  performedPeriod?: Period;
  reasonCode?: CodeableConcept[];
  outcome?: CodeableConcept;
  note?: Annotation[];
}
export const procedureSchema: z.ZodType<Procedure> = z.object({
  resourceType: z.literal('Procedure'),
  ...resourceBase,
  code: codeableConcept.optional(),
  bodySite: z.array(codeableConcept).optional(),
  performedDateTime: z.string().optional(),
  performedPeriod: period.optional(),
  reasonCode: z.array(codeableConcept).optional(),
  outcome: codeableConcept.optional(),
  note: z.array(annotation).optional(),
});

export interface DiagnosticReport extends ResourceBase, Partial<Pick<fhir.DiagnosticReport, 'effectiveDateTime' | 'issued' | 'conclusion'>> {
  resourceType: 'DiagnosticReport';
  code?: CodeableConcept;
  effectivePeriod?: Period;
  /** R4 (STU3: codedDiagnosis). */
  conclusionCode?: CodeableConcept[];
  presentedForm?: Attachment[];
}
export const diagnosticReportSchema: z.ZodType<DiagnosticReport> = z.object({
  resourceType: z.literal('DiagnosticReport'),
  ...resourceBase,
  code: codeableConcept.optional(),
  effectiveDateTime: z.string().optional(),
  effectivePeriod: period.optional(),
  issued: z.string().optional(),
  conclusion: z.string().optional(),
  conclusionCode: z.array(codeableConcept).optional(),
  presentedForm: z.array(attachment).optional(),
});

export type SupportedResource = Condition | Observation | MedicationStatement | MedicationRequest | Procedure | DiagnosticReport;

export const RESOURCE_SCHEMAS: { readonly [Type in SupportedType]: z.ZodType<Extract<SupportedResource, { resourceType: Type }>> } = {
  Condition: conditionSchema,
  Observation: observationSchema,
  MedicationStatement: medicationStatementSchema,
  MedicationRequest: medicationRequestSchema,
  Procedure: procedureSchema,
  DiagnosticReport: diagnosticReportSchema,
};

/** A document bundle's Composition: its title and date are the record's. */
export interface Composition extends Partial<Pick<fhir.Composition, 'title' | 'date'>> {
  resourceType: 'Composition';
}
export const compositionSchema: z.ZodType<Composition> = z.object({
  resourceType: z.literal('Composition'),
  title: z.string().optional(),
  date: z.string().optional(),
});

/** A Bundle's entries, each checked on its own once its resourceType is known. */
export interface Bundle {
  resourceType: 'Bundle';
  entry?: { fullUrl?: string; resource?: unknown }[];
}
export const bundleSchema: z.ZodType<Bundle> = z.object({
  resourceType: z.literal('Bundle'),
  entry: z.array(z.object({ fullUrl: z.string().optional(), resource: z.unknown().optional() })).optional(),
});

/** Any JSON object that names its resource type. */
export const anyResourceSchema = z.object({ resourceType: z.string().min(1) });
