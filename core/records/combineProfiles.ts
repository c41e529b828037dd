import type { z } from 'zod';
import {
  biomarkerSchema,
  cancerTypeFieldSchema,
  keyDateSchema,
  metastaticFieldSchema,
  performanceStatusSchema,
  stageFieldSchema,
  treatmentSchema,
  type Biomarker,
  type CancerTypeField,
  type Evidence,
  type KeyDate,
  type MetastaticField,
  type PatientProfile,
  type PerformanceStatus,
  type StageField,
  type Treatment,
} from './profile';

/**
 * Several records make one profile. For each field the newest dated fact wins (undated facts
 * rank after dated ones, newest import first) and any record that says otherwise is reported as
 * a conflict. The person's edits are applied last and always win: a value they set stays set,
 * a field they removed stays removed, whatever later records say.
 */

/** What one record contributed. */
export interface RecordProfile {
  recordId: number;
  file: string;
  recordDate?: string;
  importedAt: string;
  profile: PatientProfile;
}

export type EditAction = 'confirm' | 'set' | 'remove';

/** One edit by the person, keyed by field ("stage", "biomarkers.BRAF", "treatments.drug.pembrolizumab"). */
export interface ProfileEdit {
  field: string;
  action: EditAction;
  /** For `set`: the field's new value (validated by the field's schema). For `confirm`: the summary confirmed. */
  value?: unknown;
  editedAt: string;
}

export interface ConflictValue {
  value: string;
  file: string;
  recordDate?: string;
}

export interface ProfileConflict {
  field: string;
  label: string;
  chosen: ConflictValue;
  others: ConflictValue[];
}

/** One line of the review list the person confirms or corrects. */
export interface FieldReview {
  field: string;
  label: string;
  /** The value in words ("IV (pT3b pN1a M1c)", "positive (V600E)"). */
  value: string;
  source: 'rules' | 'model' | 'person';
  confirmed: boolean;
  recordDate?: string;
  confidence?: number;
  evidence: Evidence[];
}

export interface CombinedProfile {
  profile: PatientProfile;
  conflicts: ProfileConflict[];
  fields: FieldReview[];
}

type Item = { evidence?: Evidence[] | undefined; recordDate?: string | undefined; source?: 'rules' | 'model' | 'person' | undefined; confidence?: number | undefined; confirmed?: boolean | undefined };

interface Candidate<T extends Item> {
  item: T;
  file: string;
  recordDate?: string;
  importedAt: string;
}

/** How each field is keyed, summarized, compared and validated. */
interface FieldKind<T extends Item> {
  label(item: T): string;
  /** The value in words; two facts conflict when their summaries differ. */
  summary(item: T): string;
  schema: z.ZodType<T>;
}

const CANCER_TYPE: FieldKind<CancerTypeField> = {
  label: () => 'Cancer type',
  summary: (item) => item.value + (item.detail ? ` (${item.detail})` : ''),
  schema: cancerTypeFieldSchema,
};
const STAGE: FieldKind<StageField> = { label: () => 'Stage', summary: (item) => item.value, schema: stageFieldSchema };
const METASTATIC: FieldKind<MetastaticField> = {
  label: () => 'Spread (metastasis)',
  summary: (item) => (item.value ? `yes${item.sites?.length ? `: ${item.sites.join(', ')}` : ''}` : 'no'),
  schema: metastaticFieldSchema,
};
const PERFORMANCE: FieldKind<PerformanceStatus> = {
  label: () => 'Performance status',
  summary: (item) => `${item.scale} ${item.value}`,
  schema: performanceStatusSchema,
};
const BIOMARKER: FieldKind<Biomarker> = {
  label: (item) => `Biomarker ${item.name}`,
  summary: (item) => item.status + (item.detail ? ` (${item.detail})` : ''),
  schema: biomarkerSchema,
};
const TREATMENT: FieldKind<Treatment> = {
  label: (item) => `Treatment: ${item.name}`,
  summary: (item) => item.name + (item.date ? `, ${item.date}` : ''),
  schema: treatmentSchema,
};
const KEY_DATE: FieldKind<KeyDate> = { label: (item) => `Date of ${item.label}`, summary: (item) => item.date, schema: keyDateSchema };

export const biomarkerField = (name: string) => `biomarkers.${name.toUpperCase()}`;
export const treatmentField = (kind: string, name: string) => `treatments.${kind}.${name.toLowerCase()}`;
export const keyDateField = (label: string) => `keyDates.${label.toLowerCase()}`;

export function combineProfiles(records: readonly RecordProfile[], edits: readonly ProfileEdit[] = []): CombinedProfile {
  const profile: PatientProfile = {};
  const conflicts: ProfileConflict[] = [];
  const fields: FieldReview[] = [];
  const editByField = new Map(edits.map((edit) => [edit.field, edit]));

  const settle = <T extends Item>(field: string, kind: FieldKind<T>, candidates: Candidate<T>[], compare: 'conflict' | 'earliest'): T | undefined => {
    const edit = editByField.get(field);
    if (edit?.action === 'remove') return undefined;
    if (edit?.action === 'set') {
      const parsed = kind.schema.safeParse(edit.value);
      if (parsed.success) {
        const item = { ...parsed.data, source: 'person' as const, confirmed: true, confidence: 1 };
        fields.push(review(field, kind, item, []));
        return item;
      }
    }
    if (candidates.length === 0) return undefined;
    const ordered = compare === 'earliest' ? [...candidates].sort(byEarliestDate) : [...candidates].sort(byNewest);
    const winner = ordered[0]!;
    const chosenSummary = kind.summary(winner.item);
    const agreeing = ordered.filter((candidate) => kind.summary(candidate.item) === chosenSummary);
    const disagreeing = ordered.filter((candidate) => kind.summary(candidate.item) !== chosenSummary);
    if (compare === 'conflict' && disagreeing.length > 0) {
      conflicts.push({
        field,
        label: kind.label(winner.item),
        chosen: conflictValue(chosenSummary, winner),
        others: disagreeing.map((candidate) => conflictValue(kind.summary(candidate.item), candidate)),
      });
    }
    const evidence = dedupeEvidence(agreeing.flatMap((candidate) => candidate.item.evidence ?? []));
    const recordDate = winner.item.recordDate ?? winner.recordDate;
    const item: T = {
      ...winner.item,
      evidence,
      ...(recordDate ? { recordDate } : {}),
      confidence: Math.max(...agreeing.map((candidate) => candidate.item.confidence ?? 0.5)),
      confirmed: edit?.action === 'confirm' && edit.value === chosenSummary,
    };
    fields.push(review(field, kind, item, evidence));
    return item;
  };

  const one = <T extends Item>(pick: (profile: PatientProfile) => T | undefined): Candidate<T>[] =>
    records.flatMap((record) => {
      const item = pick(record.profile);
      return item ? [candidate(item, record)] : [];
    });
  const many = <T extends Item>(itemsOf: (profile: PatientProfile) => T[] | undefined, fieldOf: (item: T) => string, prefix: string): Map<string, Candidate<T>[]> => {
    const byField = new Map<string, Candidate<T>[]>();
    for (const record of records) {
      for (const item of itemsOf(record.profile) ?? []) {
        const field = fieldOf(item);
        byField.set(field, [...(byField.get(field) ?? []), candidate(item, record)]);
      }
    }
    // The person may add a biomarker or a treatment that no record mentions.
    for (const edit of edits) {
      if (edit.action === 'set' && edit.field.startsWith(prefix) && !byField.has(edit.field)) byField.set(edit.field, []);
    }
    return byField;
  };
  const settleMany = <T extends Item>(byField: Map<string, Candidate<T>[]>, kind: FieldKind<T>, compare: 'conflict' | 'earliest'): T[] =>
    [...byField].flatMap(([field, candidates]) => settle(field, kind, candidates, compare) ?? []);

  const cancerType = settle('cancerType', CANCER_TYPE, one((p) => p.cancerType), 'conflict');
  if (cancerType) profile.cancerType = cancerType;
  const stage = settle('stage', STAGE, one((p) => p.stage), 'conflict');
  if (stage) profile.stage = stage;
  const metastatic = settle('metastatic', METASTATIC, one((p) => p.metastatic), 'conflict');
  if (metastatic) profile.metastatic = metastatic;
  const performanceStatus = settle('performanceStatus', PERFORMANCE, one((p) => p.performanceStatus), 'conflict');
  if (performanceStatus) profile.performanceStatus = performanceStatus;

  const biomarkers = settleMany(many((p) => p.biomarkers, (item) => biomarkerField(item.name), 'biomarkers.'), BIOMARKER, 'conflict');
  if (biomarkers.length) profile.biomarkers = biomarkers;
  const treatments = settleMany(many((p) => p.treatments, (item) => treatmentField(item.kind, item.name), 'treatments.'), TREATMENT, 'earliest');
  if (treatments.length) profile.treatments = treatments.sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999'));
  const keyDates = settleMany(many((p) => p.keyDates, (item) => keyDateField(item.label), 'keyDates.'), KEY_DATE, 'conflict');
  if (keyDates.length) profile.keyDates = keyDates.sort((a, b) => a.date.localeCompare(b.date));

  return { profile, conflicts, fields };
}

function candidate<T extends Item>(item: T, record: RecordProfile): Candidate<T> {
  const recordDate = item.recordDate ?? record.recordDate;
  return { item, file: record.file, importedAt: record.importedAt, ...(recordDate ? { recordDate } : {}) };
}

/** Newest dated first; undated after every dated fact, newest import first. */
function byNewest(a: Candidate<Item>, b: Candidate<Item>): number {
  if (a.recordDate && b.recordDate && a.recordDate !== b.recordDate) return b.recordDate.localeCompare(a.recordDate);
  if (a.recordDate && !b.recordDate) return -1;
  if (!a.recordDate && b.recordDate) return 1;
  return b.importedAt.localeCompare(a.importedAt);
}

/** For treatments: the mention with its own date, earliest first (when it was given). */
function byEarliestDate(a: Candidate<Item>, b: Candidate<Item>): number {
  const dateOf = (c: Candidate<Item>) => (c.item as { date?: string }).date ?? '9999-99-99';
  return dateOf(a).localeCompare(dateOf(b)) || byNewest(a, b);
}

function conflictValue(value: string, candidate: Candidate<Item>): ConflictValue {
  return { value, file: candidate.file, ...(candidate.recordDate ? { recordDate: candidate.recordDate } : {}) };
}

function dedupeEvidence(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((item) => {
    const key = `${item.file}\u0000${item.page ?? ''}\u0000${item.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function review<T extends Item>(field: string, kind: FieldKind<T>, item: T, evidence: Evidence[]): FieldReview {
  return {
    field,
    label: kind.label(item),
    value: kind.summary(item),
    source: item.source ?? 'rules',
    confirmed: item.confirmed ?? false,
    ...(item.recordDate ? { recordDate: item.recordDate } : {}),
    ...(item.confidence !== undefined ? { confidence: item.confidence } : {}),
    evidence,
  };
}

/** The summary a `confirm` edit stores, for the field as it is now (undefined if absent). */
export function fieldSummary(combined: CombinedProfile, field: string): string | undefined {
  return combined.fields.find((review) => review.field === field)?.value;
}
