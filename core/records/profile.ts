import { z } from 'zod';

/**
 * The patient profile (DESIGN.md, "The patient profile"): what `records import --json` prints
 * under `profile`, what the person confirms or corrects, and what personalizes answers. Validated
 * wherever it enters from outside (a profile file, IPC, model output, the encrypted store).
 */

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** Where a field came from: the file, the page when the source has pages, the text span. */
export const evidenceSchema = z.object({
  file: z.string(),
  page: z.number().int().nullable().optional(),
  text: z.string(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/** Who set a field: the rule extractor, the local model's extraction pass, or the person. */
export const fieldSourceSchema = z.enum(['rules', 'model', 'person']);
export type FieldSource = z.infer<typeof fieldSourceSchema>;

/** What every field carries besides its value. All optional so a hand-written profile stays short. */
const fieldMeta = {
  evidence: z.array(evidenceSchema).optional(),
  /** 0-1: how sure the extractor is. The person's own values are 1. */
  confidence: z.number().min(0).max(1).optional(),
  source: fieldSourceSchema.optional(),
  /** The date of the record (or of the fact, where the record dates it) the value comes from; the newest dated fact wins. */
  recordDate: isoDateSchema.optional(),
  /** True once the person has confirmed or corrected the value. */
  confirmed: z.boolean().optional(),
};

export const BIOMARKER_STATUSES = ['positive', 'negative', 'equivocal', 'unknown'] as const;
export const TREATMENT_KINDS = ['surgery', 'drug', 'radiation', 'other'] as const;

export const cancerTypeFieldSchema = z.object({
  /** The cancer type as Cairn's lexicon names it ("Melanoma", "Non-small cell lung cancer"). */
  value: z.string().min(1),
  /** Histology or subtype as the record words it ("superficial spreading", "adenocarcinoma"). */
  detail: z.string().optional(),
  /** Primary site ("skin of the upper back", "right upper lobe"). */
  primarySite: z.string().optional(),
  ...fieldMeta,
});

export const stageFieldSchema = z.object({
  /** AJCC stage group in Roman numerals with its letter: "IIA", "IIIB", "IV". */
  value: z.string().min(1),
  /** TNM as the record gives it ("pT3b pN1a M1c"). */
  tnm: z.string().optional(),
  ...fieldMeta,
});

export const metastaticFieldSchema = z.object({ value: z.boolean(), sites: z.array(z.string()).optional(), ...fieldMeta });

export const biomarkerSchema = z.object({
  /** Canonical marker name: BRAF, HER2, ER, PR, EGFR, ALK, ROS1, KRAS, NRAS, MSI, PD-L1, BRCA1, BRCA2, NTRK, TMB... */
  name: z.string().min(1),
  status: z.enum(BIOMARKER_STATUSES),
  /** The variant or value ("V600E", "3+", "TPS 60%", "12 mut/Mb"). */
  detail: z.string().optional(),
  ...fieldMeta,
});

export const performanceStatusSchema = z.object({ scale: z.enum(['ECOG', 'Karnofsky']), value: z.number(), ...fieldMeta });

export const treatmentSchema = z.object({
  kind: z.enum(TREATMENT_KINDS),
  /** "wide local excision", "pembrolizumab", "stereotactic radiosurgery". */
  name: z.string().min(1),
  date: isoDateSchema.optional(),
  ...fieldMeta,
});

export const keyDateSchema = z.object({
  /** "diagnosis", "surgery", "recurrence", "last visit"... */
  label: z.string().min(1),
  date: isoDateSchema,
  ...fieldMeta,
});

export const patientProfileSchema = z.object({
  cancerType: cancerTypeFieldSchema.optional(),
  stage: stageFieldSchema.optional(),
  metastatic: metastaticFieldSchema.optional(),
  biomarkers: z.array(biomarkerSchema).optional(),
  performanceStatus: performanceStatusSchema.optional(),
  treatments: z.array(treatmentSchema).optional(),
  keyDates: z.array(keyDateSchema).optional(),
});

export type PatientProfile = z.infer<typeof patientProfileSchema>;
export type CancerTypeField = z.infer<typeof cancerTypeFieldSchema>;
export type StageField = z.infer<typeof stageFieldSchema>;
export type MetastaticField = z.infer<typeof metastaticFieldSchema>;
export type Biomarker = z.infer<typeof biomarkerSchema>;
export type PerformanceStatus = z.infer<typeof performanceStatusSchema>;
export type Treatment = z.infer<typeof treatmentSchema>;
export type KeyDate = z.infer<typeof keyDateSchema>;
