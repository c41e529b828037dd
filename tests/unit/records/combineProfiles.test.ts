import { describe, expect, it } from 'vitest';
import { combineProfiles, type RecordProfile } from '../../../core/records/combineProfiles';
import { parseFieldValue } from '../../../core/records/fieldValue';

const older: RecordProfile = {
  recordId: 1,
  file: 'visit-2025-06.txt',
  recordDate: '2025-06-10',
  importedAt: '2026-01-02T10:00:00.000Z',
  profile: {
    cancerType: { value: 'Melanoma', evidence: [{ file: 'visit-2025-06.txt', text: 'Diagnosis: melanoma' }], confidence: 0.9, source: 'rules' },
    stage: { value: 'IIIB', tnm: 'pT3b pN1a M0', evidence: [{ file: 'visit-2025-06.txt', text: 'Stage IIIB' }], confidence: 0.9, source: 'rules' },
    metastatic: { value: false, evidence: [{ file: 'visit-2025-06.txt', text: 'no distant metastasis' }], source: 'rules' },
    biomarkers: [{ name: 'BRAF', status: 'positive', detail: 'V600E', evidence: [{ file: 'visit-2025-06.txt', text: 'BRAF V600E detected' }], source: 'rules' }],
    treatments: [{ kind: 'surgery', name: 'wide local excision', date: '2025-05-20', source: 'rules' }],
  },
};
const newer: RecordProfile = {
  recordId: 2,
  file: 'visit-2026-02.txt',
  recordDate: '2026-02-01',
  importedAt: '2026-01-01T10:00:00.000Z',
  profile: {
    cancerType: { value: 'Melanoma', evidence: [{ file: 'visit-2026-02.txt', text: 'metastatic melanoma' }], confidence: 0.8, source: 'rules' },
    stage: { value: 'IV', evidence: [{ file: 'visit-2026-02.txt', text: 'now stage IV' }], source: 'rules' },
    metastatic: { value: true, sites: ['liver'], evidence: [{ file: 'visit-2026-02.txt', text: 'liver metastases' }], source: 'rules' },
    performanceStatus: { scale: 'ECOG', value: 1, source: 'rules' },
    treatments: [
      { kind: 'drug', name: 'pembrolizumab', date: '2026-02-15', source: 'rules' },
      { kind: 'surgery', name: 'wide local excision', source: 'rules' },
    ],
  },
};

describe('combining records into one profile', () => {
  it('takes the newest dated fact, whatever the import order, and shows the conflict', () => {
    const { profile, conflicts } = combineProfiles([newer, older]);
    expect(profile.stage).toMatchObject({ value: 'IV', recordDate: '2026-02-01' });
    expect(profile.metastatic).toMatchObject({ value: true, sites: ['liver'] });
    expect(conflicts).toEqual([
      { field: 'stage', label: 'Stage', chosen: { value: 'IV', file: 'visit-2026-02.txt', recordDate: '2026-02-01' }, others: [{ value: 'IIIB', file: 'visit-2025-06.txt', recordDate: '2025-06-10' }] },
      { field: 'metastatic', label: 'Spread (metastasis)', chosen: { value: 'yes: liver', file: 'visit-2026-02.txt', recordDate: '2026-02-01' }, others: [{ value: 'no', file: 'visit-2025-06.txt', recordDate: '2025-06-10' }] },
    ]);
  });

  it('keeps facts only one record has, and joins the evidence of records that agree', () => {
    const { profile, conflicts } = combineProfiles([older, newer]);
    expect(profile.biomarkers).toEqual([expect.objectContaining({ name: 'BRAF', status: 'positive', detail: 'V600E' })]);
    expect(profile.performanceStatus).toMatchObject({ scale: 'ECOG', value: 1 });
    expect(profile.cancerType?.evidence?.map((item) => item.file)).toEqual(['visit-2026-02.txt', 'visit-2025-06.txt']);
    expect(conflicts.map((conflict) => conflict.field)).not.toContain('cancerType');
  });

  it('lists each treatment once, with the date it was given, in date order', () => {
    const { profile } = combineProfiles([older, newer]);
    expect(profile.treatments?.map((treatment) => [treatment.name, treatment.date])).toEqual([
      ['wide local excision', '2025-05-20'],
      ['pembrolizumab', '2026-02-15'],
    ]);
  });

  it('ranks undated facts after dated ones', () => {
    const undated: RecordProfile = { recordId: 3, file: 'note.txt', importedAt: '2026-03-01T00:00:00.000Z', profile: { stage: { value: 'IIA' } } };
    expect(combineProfiles([undated, older]).profile.stage?.value).toBe('IIIB');
  });

  it("never drops the person's edits: a correction or a removal wins over every record", () => {
    const edits = [
      { field: 'stage', action: 'set' as const, value: parseFieldValue('stage', 'stage 3c'), editedAt: '2026-03-01' },
      { field: 'performanceStatus', action: 'remove' as const, editedAt: '2026-03-01' },
      { field: 'biomarkers.NRAS', action: 'set' as const, value: parseFieldValue('biomarkers.NRAS', 'negative'), editedAt: '2026-03-01' },
    ];
    const { profile, fields } = combineProfiles([older, newer], edits);
    expect(profile.stage).toMatchObject({ value: 'IIIC', source: 'person', confirmed: true });
    expect(profile.performanceStatus).toBeUndefined();
    expect(profile.biomarkers?.map((marker) => `${marker.name} ${marker.status}`)).toEqual(['BRAF positive', 'NRAS negative']);
    expect(fields.find((field) => field.field === 'stage')).toMatchObject({ value: 'IIIC', source: 'person', confirmed: true });
  });

  it('keeps a confirmation only while the field still has the value the person confirmed', () => {
    const confirmed = [{ field: 'stage', action: 'confirm' as const, value: 'IIIB', editedAt: '2026-01-01' }];
    expect(combineProfiles([older], confirmed).profile.stage?.confirmed).toBe(true);
    // A newer record changed the stage: the person has to look at it again.
    expect(combineProfiles([older, newer], confirmed).profile.stage?.confirmed).toBe(false);
  });
});

describe('short forms for corrections', () => {
  it.each([
    ['stage', 'IV', { value: 'IV' }],
    ['stage', 'stage 2a', { value: 'IIA' }],
    ['cancerType', 'metastatic melanoma', { value: 'Melanoma' }],
    ['performanceStatus', 'ECOG 2', { scale: 'ECOG', value: 2 }],
    ['performanceStatus', 'KPS 70', { scale: 'Karnofsky', value: 70 }],
    ['metastatic', 'yes: liver, bone', { value: true, sites: ['liver', 'bone'] }],
    ['metastatic', 'no', { value: false }],
    ['biomarkers.braf', 'positive V600K', { name: 'BRAF', status: 'positive', detail: 'V600K' }],
    ['treatments.drug.nivolumab', '2026-03-01', { kind: 'drug', name: 'nivolumab', date: '2026-03-01' }],
    ['keyDates.diagnosis', '2025-11-02', { label: 'diagnosis', date: '2025-11-02' }],
  ])('%s %s', (field, value, expected) => {
    expect(parseFieldValue(field, value)).toMatchObject({ ...expected, source: 'person', confirmed: true });
  });

  it.each([
    ['stage', 'five'],
    ['performanceStatus', 'ECOG 7'],
    ['biomarkers.BRAF', 'maybe'],
    ['treatments.pill.x', ''],
    ['favouriteColour', 'blue'],
    ['treatments.drug.nivolumab', 'March'],
  ])('refuses %s %s with one sentence', (field, value) => {
    expect(() => parseFieldValue(field, value)).toThrow(new RegExp(`^Cannot set ${field.replace('.', '\\.')}`));
  });
});
