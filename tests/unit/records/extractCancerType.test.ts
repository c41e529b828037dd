import { describe, expect, it } from 'vitest';
import { extractProfile } from '../../../core/records/extract';
import type { RecordText } from '../../../core/records/types';

/** A plain-text record, one segment a line, as the text reader makes it. */
const record = (text: string): RecordText => ({ format: 'text', segments: text.split('\n').map((line) => ({ text: line })) });
const cancerType = (text: string) => extractProfile(record(text), 'note.txt').cancerType;

describe('cancer type', () => {
  it.each([
    ['FINAL DIAGNOSIS:\nMalignant melanoma, superficial spreading type, left upper back.', 'Melanoma'],
    ['Diagnosis: Invasive ductal carcinoma of the left breast.', 'Breast cancer'],
    ['Assessment: Adenocarcinoma of the sigmoid colon with liver metastases.', 'Colon cancer'],
    ['Melanoma metastatic to the liver and lungs.', 'Melanoma'],
    ['Diagnosis: Lung adenocarcinoma, right upper lobe.', 'Non-small cell lung cancer'],
    ['Impression: Small cell carcinoma of the right lung, extensive stage.', 'Small cell lung cancer'],
    ['Lung, right upper lobe, core biopsy: adenocarcinoma.', 'Non-small cell lung cancer'],
    ['Diagnosis: Lung cancer.\nHistology: squamous cell carcinoma.', 'Non-small cell lung cancer'],
    ['Diagnosis: Diffuse large B-cell lymphoma, GCB type.', 'Non-Hodgkin lymphoma'],
    ['Problem list: Colorectal cancer - ascending colon adenocarcinoma', 'Colon cancer'],
    ['SUMMARY:\n- PROSTATIC ADENOCARCINOMA, ACINAR TYPE, involving 9 of 15 cores.', 'Prostate cancer'],
    ['Diagnosis: Metastatic pancreatic ductal adenocarcinoma (liver and peritoneal metastases).', 'Pancreatic cancer'],
    ['FNA of the liver lesion: metastatic adenocarcinoma.\nEUS biopsy of the pancreatic head mass: pancreatic ductal adenocarcinoma.', 'Pancreatic cancer'],
    ['Problem: Malignant neoplasm of left breast, stage IV\nProblem: Secondary malignant neoplasm of liver', 'Breast cancer'],
    ['Diagnosis: melanoma.\nPrimary: uveal melanoma of the right eye.', 'Uveal melanoma'],
    ['CHIEF COMPLAINT: New metastatic pancreatic cancer.', 'Pancreatic cancer'],
    ['Reason for consultation: Newly diagnosed metastatic NSCLC.', 'Non-small cell lung cancer'],
  ])('%j is %s', (text, expected) => {
    expect(cancerType(text)?.value).toBe(expected);
  });

  it('prefers the diagnosis line over an old cancer in the past history', () => {
    const text = 'PAST MEDICAL HISTORY: Remote basal cell carcinoma of the nose, excised.\nDIAGNOSIS: Stage IIIB cutaneous melanoma.';
    expect(cancerType(text)?.value).toBe('Melanoma');
  });

  it('ignores family history, in a family section or named after a relative', () => {
    expect(cancerType('FAMILY HISTORY: Mother had breast cancer at 52.\nDiagnosis: Prostate adenocarcinoma, Gleason 4+3=7.')?.value).toBe('Prostate cancer');
    expect(cancerType('Family history of colon cancer in her father. Colonoscopy today was normal.')).toBeUndefined();
    expect(cancerType('Her sister had ovarian cancer at 45.')).toBeUndefined();
    expect(cancerType('FAMILY HISTORY:\nMother - ovarian cancer, diagnosed at 58.\nMaternal aunt - breast cancer at 45.')).toBeUndefined();
  });

  it('ignores negated and speculative mentions', () => {
    expect(cancerType('All margins negative for melanoma. No evidence of malignancy.')).toBeUndefined();
    expect(cancerType('Biopsy negative for malignancy.')).toBeUndefined();
    expect(cancerType('Rule out lymphoma.')).toBeUndefined();
    expect(cancerType('No melanoma is seen on three levels.')).toBeUndefined();
  });

  it('does not take an organ the cancer spread to for the cancer', () => {
    expect(cancerType('Liver lesion biopsy: metastatic adenocarcinoma.')).toBeUndefined();
    expect(cancerType('Colon adenocarcinoma with 7 bilobar liver metastases.')?.value).toBe('Colon cancer');
  });

  it('does not count a tumor board or tumor markers as a cancer', () => {
    expect(cancerType('Liver surgery re-review at tumor board.')).toBeUndefined();
  });

  it('reads a synoptic report\'s tumor site and histologic type together', () => {
    expect(cancerType('Tumor site: Ascending colon\nHistologic type: Adenocarcinoma')?.value).toBe('Colon cancer');
  });

  it('gives the histology and primary site as detail', () => {
    const field = cancerType('DIAGNOSIS: Stage IIIB (pT3a pN1a M0) cutaneous melanoma of the left upper back, BRAF V600E mutated.\nHistologic type: Superficial spreading melanoma');
    expect(field).toMatchObject({ value: 'Melanoma', detail: 'superficial spreading', primarySite: 'left upper back' });
    expect(cancerType('Diagnosis: Left breast invasive ductal carcinoma, grade 2.')?.detail).toBe('invasive ductal carcinoma');
    expect(cancerType('Tumor site: Upper outer quadrant\nDiagnosis: invasive lobular carcinoma of the breast')?.primarySite).toBe('Upper outer quadrant');
  });

  it('is surer of a diagnosis line than of a passing mention', () => {
    const labelled = cancerType('Diagnosis: melanoma')?.confidence ?? 0;
    const passing = cancerType('Sunscreen advice given; melanoma awareness leaflet.')?.confidence ?? 0;
    expect(labelled).toBeGreaterThan(passing);
  });

  describe('head and neck subsites', () => {
    it.each([
      ['Assessment: p16-negative SCC of the left tonsil.', 'Oropharyngeal cancer'],
      ['Diagnosis: squamous cell carcinoma, base of tongue, HPV-associated.', 'Oropharyngeal cancer'],
      ['Tongue base squamous cell carcinoma, cT2 N1.', 'Oropharyngeal cancer'],
      ['Right tonsillar carcinoma, T2 N1.', 'Oropharyngeal cancer'],
      ['Oropharyngeal SCC, p16 positive.', 'Oropharyngeal cancer'],
      ['Supraglottic squamous cell carcinoma.', 'Laryngeal cancer'],
      ['Squamous cell carcinoma of the left pyriform sinus.', 'Hypopharyngeal cancer'],
      ['Squamous cell carcinoma of the floor of mouth.', 'Oral cavity cancer'],
    ])('%j → %s', (text, expected) => {
      expect(cancerType(text)?.value).toBe(expected);
    });

    it('does not take a tonsillectomy for a cancer', () => {
      expect(cancerType('Past surgical history: tonsillectomy as a child.')).toBeUndefined();
    });
  });
});
