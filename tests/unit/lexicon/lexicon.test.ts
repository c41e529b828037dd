import { describe, expect, it } from 'vitest';
import { cancerTypeAffinity, detectCancerTypes, detectIntents, headingIntents } from '../../../core/lexicon';

describe('cancer type detection', () => {
  it.each([
    ['Is surgery an option for metastatic melanoma?', ['Melanoma']],
    ['What is the treatment for NSCLC with an EGFR mutation?', ['Non-small cell lung cancer']],
    ['How is non-small cell lung cancer staged?', ['Non-small cell lung cancer']],
    ['small cell lung cancer outlook', ['Small cell lung cancer']],
    ['My dad has CLL, what now?', ['Chronic lymphocytic leukemia']],
    ['Should ALL patients get chemo?', ['Acute lymphoblastic leukemia']],
    ['should all patients get chemo?', []],
    ['What is skin cancer?', ['Skin cancer']],
    ['Treatments for blood cancer', ['Blood cancer']],
    ['Is colon cancer curable?', ['Colon cancer']],
    ['colorectal cancer screening', ['Colorectal cancer']],
    ['Melanoma that spread to the liver and lungs', ['Melanoma']],
    ['Problems with my liver', ['Liver cancer']],
    ['Is surgery an option for metastatic pancreatic cancer?', ['Pancreatic cancer']],
    ['What is Hodgkin lymphoma and how is non-Hodgkin lymphoma different?', ['Hodgkin lymphoma', 'Non-Hodgkin lymphoma']],
    ['Mycosis Fungoides and the Szary Syndrome', ['Cutaneous T-cell lymphoma']],
    ['What is the weather like?', []],
  ])('%s → %j', (text, expected) => {
    expect(detectCancerTypes(text)).toEqual(expected);
  });

  it('relates families to their members', () => {
    expect(cancerTypeAffinity('Colon cancer', 'Colon cancer')).toBe(1);
    expect(cancerTypeAffinity('Colon cancer', 'Colorectal cancer')).toBe(0.6);
    expect(cancerTypeAffinity('Skin cancer', 'Melanoma')).toBe(0.6);
    expect(cancerTypeAffinity('Blood cancer', 'Chronic lymphocytic leukemia')).toBe(0.6);
    expect(cancerTypeAffinity('Colon cancer', 'Rectal cancer')).toBe(0);
    expect(cancerTypeAffinity('Melanoma', 'Breast cancer')).toBe(0);
  });
});

describe('intent detection', () => {
  it.each([
    ['Is surgery an option for metastatic melanoma?', 'treatment'],
    ['What are the stages of breast cancer?', 'stages'],
    ['What are the symptoms of AML?', 'symptoms'],
    ['How to diagnose prostate cancer?', 'tests'],
    ['What is the outlook for pancreatic cancer?', 'outlook'],
    ['Who is at risk for colon cancer?', 'risk'],
    ['How can I prevent skin cancer?', 'prevention'],
    ['What side effects does chemotherapy have?', 'side-effects'],
    ['Are there clinical trials for glioma?', 'clinical-trials'],
    ['What is multiple myeloma?', 'information'],
  ])('%s → %s first', (question, intent) => {
    expect(detectIntents(question)[0]).toBe(intent);
  });

  it('reads section headings the same way', () => {
    expect(headingIntents('Treatment Option Overview')).toContain('treatment');
    expect(headingIntents('Stages of Melanoma')).toContain('stages');
    expect(headingIntents('exams and tests')).toContain('tests');
    expect(headingIntents('susceptibility')).toContain('risk');
  });
});
