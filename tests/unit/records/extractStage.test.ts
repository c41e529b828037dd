import { describe, expect, it } from 'vitest';
import { extractProfile } from '../../../core/records/extract';
import type { RecordText } from '../../../core/records/types';

const record = (text: string): RecordText => ({ format: 'text', segments: text.split('\n').map((line) => ({ text: line })) });
const profile = (text: string) => extractProfile(record(text), 'note.txt');

describe('stage group', () => {
  it.each([
    ['Stage IIIB melanoma of the back.', 'IIIB'],
    ['Metastatic prostate cancer, stage 4.', 'IV'],
    ['Stage four lung cancer.', 'IV'],
    ['AJCC 8th ed. stage group IIA.', 'IIA'],
    ['Clinical stage IV NSCLC.', 'IV'],
    ['pStage IIB breast cancer.', 'IIB'],
    ['Stage: IIIC', 'IIIC'],
    ['FIGO stage (2014): IIIC', 'IIIC'],
    ['Lugano/Ann Arbor stage IIIB.', 'IIIB'],
    ['Stage 3A colon cancer.', 'IIIA'],
    ['Stage IV (cT2 N1 M1) pancreatic adenocarcinoma.', 'IV'],
    ['Clinical stage: cT2N0M0, stage II (AJCC 8th edition) urothelial carcinoma.', 'II'],
  ])('%j → %s', (text, expected) => {
    expect(profile(text).stage?.value).toBe(expected);
  });

  it.each([['CKD stage 3.'], ['Stage 2 pressure injury on the sacrum.'], ['Stage 3 chronic kidney disease.'], ['If stage IV, we would offer chemotherapy.'], ['Tumor size 4 cm.']])(
    '%j has no cancer stage',
    (text) => {
      expect(profile(text).stage).toBeUndefined();
    },
  );

  it('takes the current stage over a historical one', () => {
    expect(profile('Initially stage IIB (2024).\nNow stage IV with bone metastases.').stage?.value).toBe('IV');
    expect(profile('Melanoma, initially stage IIIB (pT3a pN1a M0).\nCURRENT STAGE: Stage IV (pT3a pN1a M1c).').stage).toMatchObject({ value: 'IV', tnm: 'pT3a pN1a M1c' });
  });

  it('prefers the detailed group when two statements agree ("stage III" and "stage IIIB")', () => {
    expect(profile('Ann Arbor stage IIIB.\nIPI 3 (stage III, elevated LDH, ECOG 2).').stage?.value).toBe('IIIB');
  });

  it('keeps the TNM written beside the group', () => {
    expect(profile('DIAGNOSIS: Stage IIIB (pT3a pN1a M0) melanoma.').stage).toMatchObject({ value: 'IIIB', tnm: 'pT3a pN1a M0' });
    expect(profile('pT2N1M0, stage IIB.').stage?.tnm).toBe('pT2N1M0');
    expect(profile('Pathology: pT2 pN0(sn); AJCC stage group IIA.').stage?.tnm).toBe('pT2 pN0(sn)');
  });

  it('joins a synoptic report\'s separate T and N lines', () => {
    const text = 'Primary tumor (pT): pT3a\nRegional lymph nodes (pN): pN1a\nStage group: IIIB';
    expect(profile(text).stage).toMatchObject({ value: 'IIIB', tnm: 'pT3a pN1a' });
  });

  it('does not compute a group from TNM alone, not even M1 as IV', () => {
    expect(profile('ypT0 N0 after neoadjuvant therapy.').stage).toBeUndefined();
    expect(profile('Synoptic: pT3 pN0').stage).toBeUndefined();
    // A group the record does not write is absent: the M1 still makes the disease metastatic.
    const m1 = profile('Melanoma, pT3b pN1a M1c.');
    expect(m1.stage).toBeUndefined();
    expect(m1.metastatic?.value).toBe(true);
    expect(profile('Lung adenocarcinoma cT4 N2 M1b.').stage).toBeUndefined();
    expect(profile('Squamous cell carcinoma of the base of tongue, T2N2cM1 (bone mets).').stage).toBeUndefined();
  });

  it('does not turn M1 into stage IV for differentiated thyroid cancer', () => {
    expect(profile('Diagnosis: papillary thyroid cancer, pT2 N1b M1 (lung).').stage).toBeUndefined();
  });

  it('is surer of a labelled stage than of a passing one', () => {
    const labelled = profile('Stage: IIIB').stage?.confidence ?? 0;
    const passing = profile('Discussed outcomes for stage IIIB disease in general.').stage?.confidence ?? 0;
    expect(labelled).toBeGreaterThan(passing);
  });
});

describe('metastatic disease', () => {
  it.each([
    ['Melanoma metastatic to the liver and lungs.', ['liver', 'lung']],
    ['CT: new liver metastases.', ['liver']],
    ['Bone and retroperitoneal lymph node metastases.', ['bone', 'lymph node']],
    ['CT CAP: 3 pericolic nodes and at least 7 bilobar liver metastases.', ['liver']],
    ['Problem: Secondary malignant neoplasm of bone (T10, L2)', ['bone']],
    ['Condition: Metastatic melanoma to brain; status: active.', ['brain']],
    ['Stage IV (cT2 N1 M1) pancreatic adenocarcinoma, metastatic to the liver and peritoneum.', ['liver', 'peritoneum']],
  ])('%j is metastatic to %j', (text, sites) => {
    expect(profile(text).metastatic).toMatchObject({ value: true, sites });
  });

  it.each([
    ['Lung adenocarcinoma, cT3 N3 M1c.'],
    ['Now stage IV.'],
    ['Confirmed metastatic melanoma on liver biopsy.'],
    ['Diagnosis: de novo metastatic prostate cancer (bone), PSA 212 at diagnosis (08/2025).'],
  ])('%j is metastatic', (text) => {
    expect(profile(text).metastatic?.value).toBe(true);
  });

  it.each([
    ['PET/CT: no evidence of distant metastatic disease.'],
    ['Breast cancer pT2 pN0 M0.'],
    ['Bone scan negative for distant metastasis.'],
    ['CT chest/abdomen/pelvis: no distant disease.'],
    ['No evidence of metastatic disease (no lung nodules, liver lesions or bone lesions).'],
  ])('%j is not metastatic', (text) => {
    expect(profile(text).metastatic?.value).toBe(false);
  });

  it.each([
    ['Fourteen lymph nodes, negative for malignancy (0/14).'],
    ['Metastatic melanoma in 1 of 2 sentinel lymph nodes; largest deposit 0.8 mm.'],
    ['MRI brain: no intracranial metastases.'],
    ['CT to evaluate for metastatic disease.'],
    ['Distant metastasis (pM): Not applicable - cannot be determined.'],
    ['Adjuvant nivolumab to reduce the risk of metastases.'],
    ['Diffuse large B-cell lymphoma, Ann Arbor stage IV.'],
  ])('%j says nothing about distant disease', (text) => {
    expect(profile(text).metastatic).toBeUndefined();
  });

  it('keeps regional nodes out: a lymph node specimen with metastatic carcinoma is N, not M', () => {
    const text = 'DIAGNOSIS:\nA. LYMPH NODE, STATION 7, EBUS-TBNA:\nMETASTATIC ADENOCARCINOMA, CONSISTENT WITH LUNG PRIMARY.';
    expect(profile(text).metastatic).toBeUndefined();
  });

  it('takes the site from the specimen heading when the line only says "metastatic adenocarcinoma"', () => {
    const text = 'FINAL DIAGNOSIS:\nB. LIVER, SEGMENT IV LESION, FINE NEEDLE ASPIRATION:\n- METASTATIC ADENOCARCINOMA, consistent with metastasis from the pancreatic primary.';
    expect(profile(text).metastatic).toMatchObject({ value: true, sites: ['liver'] });
  });

  it('lets current metastases win over an older negative, and leaves a negated site out', () => {
    const text = 'PET 03/2025: no evidence of distant metastatic disease.\nCT 01/2026: new liver metastases.\nMRI brain: no evidence of brain metastases.';
    expect(profile(text).metastatic).toMatchObject({ value: true, sites: ['liver'] });
  });

  it('ignores the M0 of a historical stage', () => {
    expect(profile('Initially stage IIIB (pT3a pN1a M0); now liver metastases.').metastatic?.value).toBe(true);
  });

  describe('wordings from other systems and other hospitals', () => {
    it.each([
      ['Impression: stage 3 melanoma of the left thigh.', 'III'],
      ['She has stage three ovarian cancer.', 'III'],
      ['Carcinoma of the cervix, FIGO 2018 stage IIB.', 'IIB'],
      ['Cervix: FIGO IIIC2p (para-aortic node on histology).', 'IIIC'],
      ['Endometrioid carcinoma, FIGO (2023) stage IA2.', 'IA'],
      ['Stage IV-A squamous cell carcinoma of the hypopharynx.', 'IVA'],
      ['Clear cell renal cell carcinoma of the left kidney - stage III.', 'III'],
    ])('%j → %s', (text, expected) => {
      expect(profile(text).stage?.value).toBe(expected);
    });

    it('keeps renal and kidney disease stages out', () => {
      expect(profile('Chronic kidney disease stage 3 (eGFR 42).').stage).toBeUndefined();
      expect(profile('Renal impairment stage 2.').stage).toBeUndefined();
    });

    it('takes R-ISS over ISS for myeloma, whichever comes first', () => {
      expect(profile('Myeloma staging: R-ISS stage I; ISS stage II.').stage?.value).toBe('I');
      expect(profile('IgA lambda myeloma. ISS stage III.\nR-ISS stage II given normal LDH and standard-risk FISH.').stage?.value).toBe('II');
    });

    it('takes the AJCC 8 prognostic stage group over the anatomic one', () => {
      expect(profile('Prognostic stage group IA. Anatomic stage group IIA.').stage?.value).toBe('IA');
      expect(profile('Anatomic stage: IIB.\nPathological prognostic stage group: IB.').stage?.value).toBe('IB');
    });

    it('takes the stage now stated for a recurrence over the original one', () => {
      expect(profile('Originally stage IIA (pT2 N0 M0) in 2021.\nNow recurrent, stage IV with bone metastases.').stage?.value).toBe('IV');
      expect(profile('Diagnoses: metastatic adenocarcinoma of the colon - stage IV\nHistory: stage IIIB at resection in 2022.').stage?.value).toBe('IV');
    });
  });

  describe('TNM written in pieces', () => {
    it.each([
      ['Final stage ypT1 ypN0 (0/21) M0, stage I.', 'ypT1 ypN0 M0'],
      ['Pathology: ypT3N1 (1/15), cM0 - stage IIIB.', 'ypT3N1 cM0'],
      ['Clinical T3 N1 M0, stage III.', 'T3 N1 M0'],
      ['Stage IIIA: pT4 (invades visceral pleura) pN1 M0.', 'pT4 pN1 M0'],
    ])('%j → %s', (text, expected) => {
      expect(profile(text).stage?.tnm).toBe(expected);
    });

    it('reads a staging list whose M sits on the next line', () => {
      expect(profile('Diagnosis: stage 3 melanoma of the left forearm, pT2b (Breslow 1.8 mm) pN1a (1/3 SLN)\nM0').stage).toMatchObject({ value: 'III', tnm: 'pT2b pN1a M0' });
    });

    it('reads a checkbox synoptic with dotted leaders and no colons', () => {
      const text = [
        '[x] Pathologic stage classification (AJCC 8th edition)',
        '      Primary tumour (pT) ........ pT2',
        '      Regional lymph nodes (pN)    pN0',
        '      Distant metastasis (pM) .... Not applicable',
        '[x] Prognostic stage group: Stage II',
      ].join('\n');
      const result = profile(text);
      expect(result.stage).toMatchObject({ value: 'II', tnm: 'pT2 pN0' });
      expect(result.metastatic).toBeUndefined();
    });
  });
});
