import { describe, expect, it } from 'vitest';
import { biomarkerKey, mergeModelFacts } from '../../../core/records/mergeModelFacts';
import { patientProfileSchema, type PatientProfile } from '../../../core/records/profile';

const ev = (text: string) => [{ file: 'report.pdf', page: 1, text }];

const rules: PatientProfile = {
  cancerType: { value: 'Melanoma', evidence: ev('Malignant melanoma'), confidence: 0.9, source: 'rules' },
  stage: { value: 'IIIB', tnm: 'pT3b pN1a M0', evidence: ev('Stage IIIB'), confidence: 0.9, source: 'rules' },
  biomarkers: [{ name: 'BRAF', status: 'positive', detail: 'V600E', evidence: ev('BRAF V600E detected'), confidence: 0.9, source: 'rules' }],
  treatments: [{ kind: 'surgery', name: 'Wide local excision', date: '2026-02-03', evidence: ev('Wide local excision 2026-02-03'), source: 'rules' }],
};

const model: PatientProfile = {
  cancerType: { value: 'Skin cancer', evidence: ev('skin cancer'), confidence: 0.6, source: 'model' },
  stage: { value: 'IV', evidence: ev('stage IV'), confidence: 0.6, source: 'model' },
  metastatic: { value: true, sites: ['liver'], evidence: ev('liver metastases'), confidence: 0.6, source: 'model' },
  performanceStatus: { scale: 'ECOG', value: 1, evidence: ev('ECOG 1'), confidence: 0.6, source: 'model' },
  biomarkers: [
    { name: 'BRAF', status: 'negative', evidence: ev('BRAF wild-type'), confidence: 0.6, source: 'model' },
    { name: 'NRAS', status: 'negative', evidence: ev('NRAS wild-type'), confidence: 0.6, source: 'model' },
  ],
  treatments: [
    { kind: 'surgery', name: '  wide   LOCAL excision ', evidence: ev('wide local excision'), confidence: 0.6, source: 'model' },
    { kind: 'drug', name: 'pembrolizumab', date: '2026-03-01', evidence: ev('pembrolizumab started 2026-03-01'), confidence: 0.6, source: 'model' },
  ],
};

describe('mergeModelFacts', () => {
  it('keeps every value the rules found and adds only what they missed', () => {
    const merged = mergeModelFacts(rules, model);
    expect(merged.cancerType).toEqual(rules.cancerType);
    expect(merged.stage).toEqual(rules.stage);
    expect(merged.metastatic).toEqual(model.metastatic);
    expect(merged.performanceStatus).toEqual(model.performanceStatus);
    expect(merged.biomarkers).toEqual([rules.biomarkers?.[0], model.biomarkers?.[1]]);
    expect(merged.treatments).toEqual([rules.treatments?.[0], model.treatments?.[1]]);
    expect(patientProfileSchema.safeParse(merged).success).toBe(true);
  });

  it('takes each single field from the model only when the rules lack it', () => {
    for (const field of ['cancerType', 'stage', 'metastatic', 'performanceStatus'] as const) {
      const withField: PatientProfile = { [field]: model[field] };
      const ruleValue: PatientProfile = {
        cancerType: { value: 'Breast cancer', source: 'rules' },
        stage: { value: 'IIA', source: 'rules' },
        metastatic: { value: false, source: 'rules' },
        performanceStatus: { scale: 'Karnofsky', value: 90, source: 'rules' },
      };
      expect(mergeModelFacts({}, withField)[field]).toEqual(model[field]);
      expect(mergeModelFacts({ [field]: ruleValue[field] }, withField)[field]).toEqual(ruleValue[field]);
    }
  });

  it("a rules 'false' still wins over a model 'true' (metastatic)", () => {
    const merged = mergeModelFacts({ metastatic: { value: false, evidence: ev('M0'), source: 'rules' } }, model);
    expect(merged.metastatic?.value).toBe(false);
  });

  it("never replaces the person's own values, whatever the model found", () => {
    const person: PatientProfile = {
      stage: { value: 'IIIC', source: 'person', confidence: 1, confirmed: true },
      biomarkers: [{ name: 'NRAS', status: 'unknown', source: 'person', confidence: 1 }],
    };
    const merged = mergeModelFacts(person, model);
    expect(merged.stage).toEqual(person.stage);
    expect(merged.biomarkers?.filter((marker) => marker.name === 'NRAS')).toEqual(person.biomarkers);
    expect(merged.biomarkers?.map((marker) => marker.name)).toEqual(['NRAS', 'BRAF']);
  });

  it('treats spellings of one marker as one name (HER2/ERBB2, PD-L1/PDL1, MSI/dMMR, ER/estrogen receptor)', () => {
    const ruleMarkers: PatientProfile = {
      biomarkers: [
        { name: 'HER2', status: 'negative', source: 'rules' },
        { name: 'PD-L1', status: 'positive', source: 'rules' },
        { name: 'MSI', status: 'negative', source: 'rules' },
        { name: 'ER', status: 'positive', source: 'rules' },
      ],
    };
    const modelMarkers: PatientProfile = {
      biomarkers: [
        { name: 'ERBB2', status: 'positive', source: 'model' },
        { name: 'PDL1', status: 'negative', source: 'model' },
        { name: 'dMMR', status: 'positive', source: 'model' },
        { name: 'Estrogen receptor', status: 'negative', source: 'model' },
        { name: 'KRAS', status: 'positive', source: 'model' },
      ],
    };
    const merged = mergeModelFacts(ruleMarkers, modelMarkers);
    expect(merged.biomarkers?.map((marker) => `${marker.name} ${marker.status}`)).toEqual(['HER2 negative', 'PD-L1 positive', 'MSI negative', 'ER positive', 'KRAS positive']);
    expect(biomarkerKey('her-2')).toBe(biomarkerKey('HER2'));
    expect(biomarkerKey('BRCA1')).not.toBe(biomarkerKey('BRCA2'));
    expect(biomarkerKey('ER')).not.toBe(biomarkerKey('PR'));
  });

  it('matches treatments by kind and name, ignoring case and spacing; another kind with the same name is another treatment', () => {
    const merged = mergeModelFacts(
      { treatments: [{ kind: 'drug', name: 'Pembrolizumab', source: 'rules' }] },
      {
        treatments: [
          { kind: 'drug', name: 'PEMBROLIZUMAB ', date: '2026-03-01', source: 'model' },
          { kind: 'other', name: 'pembrolizumab', source: 'model' },
          { kind: 'radiation', name: 'SBRT', source: 'model' },
          { kind: 'radiation', name: 'sbrt', source: 'model' },
        ],
      },
    );
    expect(merged.treatments?.map((treatment) => `${treatment.kind}:${treatment.name}`)).toEqual(['drug:Pembrolizumab', 'other:pembrolizumab', 'radiation:SBRT']);
    expect(merged.treatments?.[0]?.date).toBeUndefined();
  });

  it('merges key dates by label, the rules first', () => {
    const merged = mergeModelFacts(
      { keyDates: [{ label: 'diagnosis', date: '2025-11-02', source: 'rules' }] },
      {
        keyDates: [
          { label: 'Diagnosis', date: '2025-10-01', source: 'model' },
          { label: 'surgery', date: '2026-02-03', source: 'model' },
        ],
      },
    );
    expect(merged.keyDates).toEqual([
      { label: 'diagnosis', date: '2025-11-02', source: 'rules' },
      { label: 'surgery', date: '2026-02-03', source: 'model' },
    ]);
  });

  it('with nothing from the model returns the rules profile; with no rules, the model profile', () => {
    expect(mergeModelFacts(rules, {})).toEqual(rules);
    expect(mergeModelFacts({}, model)).toEqual({ ...model, biomarkers: model.biomarkers, treatments: model.treatments });
    expect(mergeModelFacts({}, {})).toEqual({});
    expect(Object.keys(mergeModelFacts({}, {}))).toEqual([]);
    // An empty list stays a list; the model can fill it.
    expect(mergeModelFacts({ biomarkers: [] }, {}).biomarkers).toEqual([]);
    expect(mergeModelFacts({ biomarkers: [] }, { biomarkers: [{ name: 'ALK', status: 'negative' }] }).biomarkers).toEqual([{ name: 'ALK', status: 'negative' }]);
  });

  it('is pure: changes neither input, and the result shares nothing with them', () => {
    const rulesCopy = structuredClone(rules);
    const modelCopy = structuredClone(model);
    const merged = mergeModelFacts(rules, model);
    expect(rules).toEqual(rulesCopy);
    expect(model).toEqual(modelCopy);
    merged.biomarkers?.push({ name: 'ALK', status: 'negative' });
    if (merged.cancerType) merged.cancerType.value = 'Changed';
    const firstEvidence = merged.metastatic?.evidence?.[0];
    if (firstEvidence) firstEvidence.text = 'changed';
    expect(rules).toEqual(rulesCopy);
    expect(model).toEqual(modelCopy);
    // The same inputs give the same output.
    expect(mergeModelFacts(rules, model)).toEqual(mergeModelFacts(rulesCopy, modelCopy));
  });
});
