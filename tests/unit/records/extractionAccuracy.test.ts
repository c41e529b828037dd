import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateExtraction, formatExtractionReport, goldFileSchema, type ExtractionCase, type GoldRecord } from '../../../core/records/evalExtraction';
import { extractProfile } from '../../../core/records/extract';
import type { PatientProfile } from '../../../core/records/profile';
import { readRecordFile } from '../../../core/records/read';
import { fixturePaths } from '../../../scripts/fixtures/generateFixtures';

/**
 * The rule extractor against the hand-written gold of every synthetic record that reads without
 * OCR: text notes, the FHIR bundle, the C-CDA document and the text-layer PDF, each read through
 * the real readers. The scanned PNGs are left to the OCR benchmark (OCR is slow).
 */

const GOLD = goldFileSchema.parse(JSON.parse(fs.readFileSync(path.join(fixturePaths.recordsDir, 'gold.json'), 'utf8')));

function fixtureFile(name: string): string | undefined {
  return [fixturePaths.recordsDir, fixturePaths.recordRenderingsDir].map((dir) => path.join(dir, name)).find((file) => fs.existsSync(file));
}

describe('extraction accuracy on the synthetic records', () => {
  it('meets the accuracy goal: cancer type, stage and biomarkers at 95% or better, no invented biomarker', async () => {
    const cases: ExtractionCase[] = [];
    for (const expected of GOLD.records) {
      if (/\.png$/i.test(expected.file)) continue;
      const file = fixtureFile(expected.file);
      if (!file) continue;
      const record = await readRecordFile(file, { fileName: expected.file });
      cases.push({ file: expected.file, expected, actual: extractProfile(record, expected.file) });
    }
    const report = evaluateExtraction(cases);
    // eslint-disable-next-line no-console -- the report table is the point of this test's output
    console.log(formatExtractionReport(report));

    expect(cases.length).toBeGreaterThanOrEqual(25);
    expect(report.cancerType.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.stage.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.biomarkers.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.inventedBiomarkers).toBe(0);
  });
});

describe('evaluateExtraction', () => {
  const gold = (overrides: Partial<GoldRecord> = {}): GoldRecord => ({
    file: 'a.txt',
    cancerType: 'Melanoma',
    stage: 'IIIB',
    tnm: 'pT3a pN1a M0',
    metastatic: false,
    metastaticSites: [],
    biomarkers: [
      { name: 'BRAF', status: 'positive', detail: 'V600E' },
      { name: 'NRAS', status: 'negative' },
    ],
    performanceStatus: { scale: 'ECOG', value: 1 },
    treatments: [
      { kind: 'surgery', name: 'partial mastectomy', date: '2025-03-04' },
      { kind: 'radiation', name: 'SBRT', date: null },
    ],
    recordDate: '2025-05-06',
    ...overrides,
  });

  it('scores each field exactly, biomarkers one result at a time, and treatments by any of their names', () => {
    const actual: PatientProfile = {
      cancerType: { value: 'melanoma' },
      stage: { value: 'IIIB', tnm: 'pT3a  pN1a M0' },
      metastatic: { value: false },
      biomarkers: [
        { name: 'BRAF', status: 'positive', detail: 'v600e' },
        { name: 'NRAS', status: 'positive' },
        { name: 'KIT', status: 'negative' },
      ],
      performanceStatus: { scale: 'ECOG', value: 1 },
      treatments: [
        { kind: 'surgery', name: 'lumpectomy', date: '2025-03-04' },
        { kind: 'radiation', name: 'stereotactic body radiation therapy', date: '2025-06-01' },
        { kind: 'drug', name: 'nivolumab' },
      ],
    };
    const report = evaluateExtraction([{ file: 'a.txt', expected: gold(), actual }]);
    expect(report.cancerType.accuracy).toBe(1);
    expect(report.stage.accuracy).toBe(1);
    expect(report.tnm.accuracy).toBe(1);
    expect(report.biomarkers).toEqual({ correct: 1, total: 2, accuracy: 0.5 });
    expect(report.biomarkerDetails).toEqual({ correct: 1, total: 1, accuracy: 1 });
    expect(report.inventedBiomarkers).toBe(1);
    expect(report.invented).toEqual([{ file: 'a.txt', name: 'KIT' }]);
    expect(report.treatments).toEqual({ correct: 2, total: 2, accuracy: 1 });
    expect(report.treatmentDates).toEqual({ correct: 1, total: 2, accuracy: 0.5 });
    expect(report.extraTreatments).toBe(1);
    expect(formatExtractionReport(report)).toContain('biomarkers (name + status)');
  });

  it('counts a value the gold leaves null as a miss: absent is the right answer', () => {
    const report = evaluateExtraction([
      { file: 'b.txt', expected: gold({ stage: null, tnm: 'pT3a pN1a', metastatic: null }), actual: { stage: { value: 'IV' }, metastatic: { value: true } } },
    ]);
    expect(report.stage.accuracy).toBe(0);
    expect(report.metastatic.accuracy).toBe(0);
    expect(report.tnm.total).toBe(0);
    expect(report.misses.map((m) => m.field)).toContain('stage');
  });

  it('compares metastatic sites as a set, singular or plural', () => {
    const report = evaluateExtraction([
      { file: 'c.txt', expected: gold({ metastatic: true, metastaticSites: ['liver', 'lymph node'] }), actual: { metastatic: { value: true, sites: ['lymph nodes', 'liver'] } } },
    ]);
    expect(report.metastaticSites.accuracy).toBe(1);
  });
});
