import { z } from 'zod';
import { canonicalTreatmentName } from './extract/treatments';
import { BIOMARKER_STATUSES, TREATMENT_KINDS, isoDateSchema, type PatientProfile } from './profile';

/**
 * Field-level accuracy of extracted profiles against hand-written gold (tests/fixtures/records/
 * gold.json). Exact match per field; a gold null means the field must be absent, since a guessed
 * value is worse than none. Biomarkers are scored one gold result at a time (name and status),
 * and any extracted marker the gold does not list counts as invented.
 */

export const goldRecordSchema = z.object({
  file: z.string(),
  cancerType: z.string().nullable(),
  stage: z.string().nullable(),
  tnm: z.string().nullable(),
  metastatic: z.boolean().nullable(),
  metastaticSites: z.array(z.string()),
  biomarkers: z.array(z.object({ name: z.string(), status: z.enum(BIOMARKER_STATUSES), detail: z.string().optional() })),
  performanceStatus: z.object({ scale: z.enum(['ECOG', 'Karnofsky']), value: z.number() }).nullable(),
  treatments: z.array(z.object({ kind: z.enum(TREATMENT_KINDS), name: z.string(), date: isoDateSchema.nullable() })),
  recordDate: isoDateSchema.nullable(),
  patient: z.string().optional(),
});
export type GoldRecord = z.infer<typeof goldRecordSchema>;
export const goldFileSchema = z.object({ records: z.array(goldRecordSchema) });

export interface ExtractionCase {
  file: string;
  expected: GoldRecord;
  actual: PatientProfile;
}

export interface FieldScore {
  correct: number;
  total: number;
  /** correct / total; 1 when there is nothing to score. */
  accuracy: number;
}

export interface ExtractionMiss {
  file: string;
  field: string;
  expected: string;
  actual: string;
}

export interface ExtractionReport {
  records: number;
  cancerType: FieldScore;
  /** The stage group; a gold null must be absent. */
  stage: FieldScore;
  /** TNM where the gold has a stage group: the profile carries TNM only beside a group. Spaces and case ignored. */
  tnm: FieldScore;
  /** true / false / absent (gold null). */
  metastatic: FieldScore;
  /** The set of distant sites, where the gold says metastatic. */
  metastaticSites: FieldScore;
  /** Each gold biomarker result: the same name with the same status. */
  biomarkers: FieldScore;
  /** Each gold biomarker with a detail: the same detail, case and spacing ignored. */
  biomarkerDetails: FieldScore;
  performanceStatus: FieldScore;
  /** Recall: gold treatments found (same kind, same treatment under any of its names). */
  treatments: FieldScore;
  /** Of the gold treatments found, those with the same date (null means absent). */
  treatmentDates: FieldScore;
  /** Extracted treatments the gold does not list (planned ones taken as given, components of a regimen). */
  extraTreatments: number;
  /** Extracted biomarker names the gold does not list for that record. */
  inventedBiomarkers: number;
  invented: { file: string; name: string }[];
  misses: ExtractionMiss[];
}

class Tally {
  correct = 0;
  total = 0;
  add(ok: boolean): boolean {
    this.total += 1;
    if (ok) this.correct += 1;
    return ok;
  }
  score(): FieldScore {
    return { correct: this.correct, total: this.total, accuracy: this.total === 0 ? 1 : this.correct / this.total };
  }
}

const norm = (text: string | undefined | null) => (text ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
const compact = (text: string | undefined | null) => norm(text).replace(/[\s,]+/g, '');
const stageOf = (text: string | undefined | null) => norm(text).replace(/^stage\s*/, '').toUpperCase();
const siteOf = (site: string) => norm(site).replace(/s$/, '');
const show = (value: unknown) => (value === undefined || value === null ? '∅' : typeof value === 'string' ? value : JSON.stringify(value));

/** Two names for the same treatment: the same entry in the treatment lexicon, or one name inside the other. */
function sameTreatment(gold: string, actual: string): boolean {
  const [a, b] = [norm(gold), norm(actual)];
  if (a === b) return true;
  const [canonicalA, canonicalB] = [canonicalTreatmentName(gold), canonicalTreatmentName(actual)];
  if (canonicalA && canonicalA === canonicalB) return true;
  return a.length > 3 && b.length > 3 && (a.includes(b) || b.includes(a));
}

export function evaluateExtraction(cases: readonly ExtractionCase[]): ExtractionReport {
  const tallies = {
    cancerType: new Tally(),
    stage: new Tally(),
    tnm: new Tally(),
    metastatic: new Tally(),
    metastaticSites: new Tally(),
    biomarkers: new Tally(),
    biomarkerDetails: new Tally(),
    performanceStatus: new Tally(),
    treatments: new Tally(),
    treatmentDates: new Tally(),
  };
  const misses: ExtractionMiss[] = [];
  const invented: { file: string; name: string }[] = [];
  let extraTreatments = 0;

  for (const { file, expected, actual } of cases) {
    const check = (field: keyof typeof tallies, ok: boolean, want: unknown, got: unknown) => {
      if (!tallies[field].add(ok)) misses.push({ file, field, expected: show(want), actual: show(got) });
    };

    check('cancerType', norm(expected.cancerType) === norm(actual.cancerType?.value), expected.cancerType, actual.cancerType?.value);
    check('stage', stageOf(expected.stage) === stageOf(actual.stage?.value), expected.stage, actual.stage?.value);
    if (expected.stage !== null) check('tnm', compact(expected.tnm) === compact(actual.stage?.tnm), expected.tnm, actual.stage?.tnm);
    check('metastatic', (expected.metastatic ?? undefined) === actual.metastatic?.value, expected.metastatic, actual.metastatic?.value);
    if (expected.metastatic === true) {
      const want = [...new Set(expected.metastaticSites.map(siteOf))].sort();
      const got = [...new Set((actual.metastatic?.sites ?? []).map(siteOf))].sort();
      check('metastaticSites', want.join('|') === got.join('|'), want, got);
    }

    const extracted = actual.biomarkers ?? [];
    for (const gold of expected.biomarkers) {
      const found = extracted.find((b) => norm(b.name) === norm(gold.name));
      check('biomarkers', found?.status === gold.status, `${gold.name} ${gold.status}`, found ? `${found.name} ${found.status}` : undefined);
      if (gold.detail !== undefined) check('biomarkerDetails', norm(found?.detail) === norm(gold.detail), `${gold.name} ${gold.detail}`, found?.detail);
    }
    const goldNames = new Set(expected.biomarkers.map((b) => norm(b.name)));
    for (const biomarker of extracted) if (!goldNames.has(norm(biomarker.name))) invented.push({ file, name: biomarker.name });

    const ps = actual.performanceStatus;
    check(
      'performanceStatus',
      expected.performanceStatus === null ? ps === undefined : ps?.scale === expected.performanceStatus.scale && ps.value === expected.performanceStatus.value,
      expected.performanceStatus,
      ps ? { scale: ps.scale, value: ps.value } : undefined,
    );

    const remaining = [...(actual.treatments ?? [])];
    for (const gold of expected.treatments) {
      const index = remaining.findIndex((t) => t.kind === gold.kind && sameTreatment(gold.name, t.name));
      const found = index >= 0 ? remaining.splice(index, 1)[0] : undefined;
      check('treatments', found !== undefined, `${gold.kind} ${gold.name}`, undefined);
      if (found) check('treatmentDates', (gold.date ?? undefined) === found.date, `${gold.name} ${show(gold.date)}`, found.date);
    }
    extraTreatments += remaining.length;
  }

  return {
    records: cases.length,
    cancerType: tallies.cancerType.score(),
    stage: tallies.stage.score(),
    tnm: tallies.tnm.score(),
    metastatic: tallies.metastatic.score(),
    metastaticSites: tallies.metastaticSites.score(),
    biomarkers: tallies.biomarkers.score(),
    biomarkerDetails: tallies.biomarkerDetails.score(),
    performanceStatus: tallies.performanceStatus.score(),
    treatments: tallies.treatments.score(),
    treatmentDates: tallies.treatmentDates.score(),
    extraTreatments,
    inventedBiomarkers: invented.length,
    invented,
    misses,
  };
}

const ROWS: readonly [keyof ExtractionReport, string][] = [
  ['cancerType', 'cancer type'],
  ['stage', 'stage group'],
  ['tnm', 'TNM (with a stage group)'],
  ['metastatic', 'metastatic'],
  ['metastaticSites', 'metastatic sites'],
  ['biomarkers', 'biomarkers (name + status)'],
  ['biomarkerDetails', 'biomarker details'],
  ['performanceStatus', 'performance status'],
  ['treatments', 'treatments (recall)'],
  ['treatmentDates', 'treatment dates'],
];

/** The report as a plain-text table, with the misses listed below it. */
export function formatExtractionReport(report: ExtractionReport): string {
  const lines = [`Extraction accuracy on ${String(report.records)} records`, ''];
  for (const [key, label] of ROWS) {
    const score = report[key] as FieldScore;
    lines.push(`${label.padEnd(30)} ${`${String(score.correct)}/${String(score.total)}`.padStart(7)}  ${(score.accuracy * 100).toFixed(1).padStart(5)}%`);
  }
  lines.push(`${'invented biomarkers'.padEnd(30)} ${String(report.inventedBiomarkers).padStart(7)}`);
  lines.push(`${'extra treatments'.padEnd(30)} ${String(report.extraTreatments).padStart(7)}`);
  if (report.invented.length > 0) lines.push('', 'Invented:', ...report.invented.map((i) => `  ${i.file}: ${i.name}`));
  if (report.misses.length > 0) lines.push('', 'Misses:', ...report.misses.map((m) => `  ${m.file} ${m.field}: expected ${m.expected}, got ${m.actual}`));
  return lines.join('\n');
}
