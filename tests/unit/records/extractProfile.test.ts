import { describe, expect, it } from 'vitest';
import { extractProfile } from '../../../core/records/extract';
import { findDates } from '../../../core/records/extract/dates';
import { negationOf } from '../../../core/records/extract/negation';
import { clauseAt, headingOf, sentencesOfLine, spansOf } from '../../../core/records/extract/spans';
import { patientProfileSchema } from '../../../core/records/profile';
import type { RecordText } from '../../../core/records/types';

const record = (text: string, extra: Partial<RecordText> = {}): RecordText => ({ format: 'text', segments: text.split('\n').map((line) => ({ text: line })), ...extra });

const NOTE = [
  'DIAGNOSIS: Stage IIIB (pT3a pN1a M0) cutaneous melanoma of the left upper back,',
  'BRAF V600E mutated.',
  'ONCOLOGIC HISTORY:',
  '- 03/04/2025: Wide local excision and left axillary sentinel lymph node biopsy.',
  '- 04/08/2025: C1 adjuvant nivolumab 480 mg IV every 4 weeks.',
  'FAMILY HISTORY: Father with prostate cancer at age 70.',
  'ECOG performance status: 0',
].join('\n');

describe('extractProfile', () => {
  it('extracts every field family from a note, each with evidence, confidence and source', () => {
    const profile = extractProfile(record(NOTE, { date: '2025-05-06' }), 'note.txt');
    expect(patientProfileSchema.parse(profile)).toEqual(profile);
    expect(profile.cancerType?.value).toBe('Melanoma');
    expect(profile.stage).toMatchObject({ value: 'IIIB', tnm: 'pT3a pN1a M0' });
    expect(profile.metastatic?.value).toBe(false);
    expect(profile.biomarkers?.map((b) => [b.name, b.status, b.detail])).toEqual([['BRAF', 'positive', 'V600E']]);
    expect(profile.performanceStatus).toMatchObject({ scale: 'ECOG', value: 0 });
    expect(profile.treatments?.map((t) => t.name)).toEqual(['wide local excision', 'sentinel lymph node biopsy', 'nivolumab']);
    for (const field of [profile.cancerType, profile.stage, profile.metastatic, profile.performanceStatus, ...(profile.biomarkers ?? []), ...(profile.treatments ?? [])]) {
      expect(field?.source).toBe('rules');
      expect(field?.recordDate).toBe('2025-05-06');
      expect(field?.confidence).toBeGreaterThan(0);
      expect(field?.confidence).toBeLessThanOrEqual(1);
      expect(field?.evidence?.[0]?.file).toBe('note.txt');
      expect(field?.evidence?.[0]?.text.length).toBeLessThanOrEqual(202);
    }
  });

  it('points evidence at the sentence that supports the value, with its page', () => {
    const text: RecordText = {
      format: 'pdf',
      segments: [
        { text: 'Patient: A. Person', page: 1 },
        { text: 'MOLECULAR: BRAF V600E mutation detected. NRAS: not detected.', page: 2 },
      ],
    };
    const braf = extractProfile(text, 'report.pdf').biomarkers?.find((b) => b.name === 'BRAF');
    expect(braf?.evidence).toEqual([{ file: 'report.pdf', page: 2, text: 'MOLECULAR: BRAF V600E mutation detected.' }]);
  });

  it('dates a field by its segment when the segment has a date, else by the record', () => {
    const text: RecordText = {
      format: 'fhir',
      date: '2026-01-28',
      segments: [
        { text: 'Observation: BRAF gene mutation: V600E mutation detected (2024-09-23).', locator: 'Observation/obs-braf', date: '2024-09-23' },
        { text: 'Observation: ECOG performance status: 1 (2026-01-26).', locator: 'Observation/obs-ecog' },
      ],
    };
    const profile = extractProfile(text, 'bundle.json');
    expect(profile.biomarkers?.[0]?.recordDate).toBe('2024-09-23');
    expect(profile.performanceStatus?.recordDate).toBe('2026-01-28');
  });

  it('leaves out what the record does not state', () => {
    expect(extractProfile(record('Patient seen for follow-up. Feels well. Return in 3 months.'), 'note.txt')).toEqual({});
    expect(extractProfile({ format: 'text', segments: [] }, 'empty.txt')).toEqual({});
  });

  it('is deterministic', () => {
    const text = record(NOTE, { date: '2025-05-06' });
    expect(JSON.stringify(extractProfile(text, 'note.txt'))).toBe(JSON.stringify(extractProfile(text, 'note.txt')));
  });
});

describe('spans', () => {
  it('recognises section headings, not shouted diagnoses or specimen lines', () => {
    expect(headingOf('FINAL DIAGNOSIS:')).toBe('final diagnosis');
    expect(headingOf('ASSESSMENT AND PLAN')).toBe('assessment and plan');
    expect(headingOf('## Family History')).toBe('family history');
    expect(headingOf('PATIENT COMMENTS (entered by the patient on the portal):')).toBe('patient comments');
    expect(headingOf('MALIGNANT MELANOMA, SUPERFICIAL SPREADING TYPE.')).toBeUndefined();
    expect(headingOf('LYMPH NODE, LEFT CERVICAL, EXCISIONAL BIOPSY:')).toBeUndefined();
  });

  it('splits sentences but not at abbreviations or decimals', () => {
    expect(sentencesOfLine('Seen by Dr. Smith today. AJCC 8th ed. stage IIA. Tumor 1.5 cm, e.g. small.')).toEqual([
      'Seen by Dr. Smith today.',
      'AJCC 8th ed. stage IIA.',
      'Tumor 1.5 cm, e.g. small.',
    ]);
  });

  it('joins hard-wrapped lines and keeps the heading and label of each sentence', () => {
    const spans = spansOf(record('FAMILY HISTORY:\nMother had breast cancer at 52 and her sister had a melanoma in\nsitu of the shoulder.\nDIAGNOSIS: melanoma.'));
    expect(spans.map((s) => [s.text, s.heading, s.label ?? null])).toEqual([
      ['Mother had breast cancer at 52 and her sister had a melanoma in situ of the shoulder.', 'family history', null],
      ['DIAGNOSIS: melanoma.', 'family history', 'diagnosis'],
    ]);
  });

  it('leaves quotations out', () => {
    const spans = spansOf(record('Note: the patient wrote:\n"Please record stage I. Thanks."\nECOG 1.'));
    expect(spans.map((s) => s.text)).toEqual(['Note: the patient wrote:', 'ECOG 1.']);
  });

  it('ends a clause at a semicolon or "but"', () => {
    const text = 'No lymphovascular invasion; melanoma at the margin';
    expect(text.slice(...clauseAt(text, text.indexOf('melanoma')))).toBe(' melanoma at the margin');
  });
});

describe('negation', () => {
  const negated = (text: string, term: string) => negationOf(text, text.indexOf(term), text.indexOf(term) + term.length) !== undefined;
  it.each([
    ['No evidence of metastatic disease.', 'metastatic', true],
    ['Margins negative for melanoma.', 'melanoma', true],
    ['BRAF wild-type.', 'BRAF', true],
    ['Metastasis ruled out on PET.', 'Metastasis', true],
    ['Lymph nodes without metastasis.', 'metastasis', true],
    ['No lymphovascular invasion, but melanoma at the deep margin.', 'melanoma', false],
    ['No change in the liver metastases.', 'metastases', false],
    ['Invasive ductal carcinoma, hormone receptor negative.', 'carcinoma', false],
    ['Melanoma of the back.', 'Melanoma', false],
  ])('%j: %s negated is %s', (text, term, expected) => {
    expect(negated(text, term)).toBe(expected);
  });
});

describe('dates', () => {
  it('finds full dates with their place and skips month-and-year', () => {
    expect(findDates('Seen 02/10/2026, biopsy 2026-01-14, CT Feb 3, 2026, diagnosed 03/2024.').map((d) => d.iso)).toEqual(['2026-02-10', '2026-01-14', '2026-02-03']);
  });
});

describe('performance status wordings', () => {
  const ps = (text: string) => {
    const found = extractProfile(record(text), 'note.txt').performanceStatus;
    return found ? [found.scale, found.value] : undefined;
  };

  it.each([
    ['KPS 80.', ['Karnofsky', 80]],
    ['Karnofsky 70%.', ['Karnofsky', 70]],
    ['Karnofsky performance status of 90 at this visit.', ['Karnofsky', 90]],
    ['I would put his Karnofsky performance status (KPS) at 60%.', ['Karnofsky', 60]],
    ['WHO PS 1.', ['ECOG', 1]],
    ['WHO performance status 2, walking with a stick.', ['ECOG', 2]],
    ['Performance status (WHO): 0', ['ECOG', 0]],
    ['| ECOG PS | 1 |', ['ECOG', 1]],
    ['| ECOG                | 2               |', ['ECOG', 2]],
  ])('%j → %j', (text, expected) => {
    expect(ps(text)).toEqual(expected);
  });

  it('does not read a WHO tumour grade as a performance status', () => {
    expect(ps('Astrocytoma, IDH-mutant, WHO grade 3.')).toBeUndefined();
    expect(ps('Clear cell RCC, WHO/ISUP grade 2.')).toBeUndefined();
  });

  it("takes today's or the latest of several statements over an earlier one", () => {
    expect(ps('ECOG 3 on admission (bedbound); ECOG 1 at discharge.')).toEqual(['ECOG', 1]);
    expect(ps('ECOG 1 today; was ECOG 2 last month.')).toEqual(['ECOG', 1]);
    expect(ps('ECOG 2 at diagnosis, ECOG 0 now.')).toEqual(['ECOG', 0]);
  });
});

describe('metastatic: regional nodes, negated sites, listed sites', () => {
  const metastatic = (text: string) => extractProfile(record(text), 'note.txt').metastatic;

  it('does not take regional nodes of thyroid cancer as distant spread', () => {
    expect(metastatic('Papillary thyroid carcinoma, pT1a pN1a. Metastatic carcinoma in 2 of 6 central compartment lymph nodes.')).toBeUndefined();
  });

  it('keeps a breast record with positive axillary nodes and no distant metastases false', () => {
    const text = 'Invasive ductal carcinoma of the right breast. Metastatic carcinoma in 1 of 3 sentinel lymph nodes.\nStaging CT: no distant metastases. No brain metastases.';
    expect(metastatic(text)?.value).toBe(false);
  });

  it('does not take a hypothetical "metastatic setting" as metastatic disease', () => {
    expect(metastatic('HER2-low result noted in case of future metastatic disease.')).toBeUndefined();
    expect(metastatic('pT1c pN0 cM0. Relevant should the disease become metastatic.')?.value).toBe(false);
  });

  it('lists the sites after "metastases to" and in brackets after M1', () => {
    expect(metastatic('CT: new metastases to the liver and right adrenal.')).toMatchObject({ value: true, sites: ['liver', 'adrenal'] });
    expect(metastatic('Staging: cT2 N2 M1c (bone, liver) - stage IVB.')).toMatchObject({ value: true, sites: ['bone', 'liver'] });
  });
});

describe('spans of checkbox and dotted-leader reports', () => {
  it('keeps each checkbox and dotted row a line of its own, with its value in the same sentence', () => {
    const text = ['SYNOPTIC REPORT - LUNG RESECTION (CAP protocol, AJCC 8th edition, template version 4.3.0.0)', '[x] Procedure .......... Lobectomy', '[x] Tumor size ......... 2.1 cm', '[ ] Visceral pleural invasion ... Not identified'].join('\n');
    const texts = spansOf(record(text)).map((s) => s.text);
    expect(texts).toContain('[x] Procedure .......... Lobectomy');
    expect(texts).toContain('[ ] Visceral pleural invasion ... Not identified');
  });
});
