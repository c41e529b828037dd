import { describe, expect, it } from 'vitest';
import { ImportRejected } from '../../../core/library/import/types';
import { readRecord } from '../../../core/records/read/index';
import type { RecordText } from '../../../core/records/types';

const bytes = (value: unknown): Uint8Array => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ImportRejected);
  return error as Error;
}

/** A portal-style export: the patient, then the clinical resources, one voided. */
const BUNDLE = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      fullUrl: 'urn:uuid:patient-1',
      resource: {
        resourceType: 'Patient',
        id: 'patient-1',
        name: [{ family: 'Quillfeather', given: ['Jane'] }],
        address: [{ line: ['12 Elm Street'], city: 'Springfield' }],
      },
    },
    {
      resource: {
        resourceType: 'Condition',
        id: 'mel-1',
        clinicalStatus: { coding: [{ code: 'active' }] },
        code: { coding: [{ system: 'http://snomed.info/sct', code: '93655004', display: 'Malignant melanoma of skin of back' }] },
        stage: [{ summary: { text: 'Stage IV' } }],
        bodySite: [{ text: 'skin of back' }],
        onsetDateTime: '2025-11-02',
        subject: { reference: 'Patient/patient-1', display: 'Jane Quillfeather' },
      },
    },
    {
      resource: {
        resourceType: 'Observation',
        id: 'braf-1',
        status: 'final',
        code: { text: 'BRAF gene mutation', coding: [{ code: '62862-8' }] },
        valueCodeableConcept: { text: 'V600E mutation detected' },
        effectiveDateTime: '2026-01-15T09:30:00-05:00',
        subject: { reference: 'Patient/patient-1' },
      },
    },
    {
      resource: {
        resourceType: 'Observation',
        id: 'ldh-1',
        status: 'preliminary',
        code: { text: 'LDH' },
        valueQuantity: { value: 310, unit: 'U/L' },
        interpretation: [{ coding: [{ code: 'H', display: 'High' }] }],
        effectiveDateTime: '2026-02-01',
        note: [{ text: 'Repeat in 4 weeks.' }],
      },
    },
    { fullUrl: 'urn:uuid:med-pembro', resource: { resourceType: 'Medication', id: 'pembro', code: { text: 'Pembrolizumab 25 mg/mL injection' } } },
    {
      resource: {
        resourceType: 'MedicationStatement',
        id: 'ms-1',
        status: 'active',
        medicationReference: { reference: 'Medication/pembro' },
        effectivePeriod: { start: '2026-02-10' },
        dosage: [{ text: '200 mg IV every 3 weeks' }],
        reasonCode: [{ text: 'Metastatic melanoma' }],
      },
    },
    {
      resource: {
        resourceType: 'MedicationRequest',
        id: 'mr-1',
        status: 'active',
        intent: 'order',
        medicationCodeableConcept: { coding: [{ display: 'Dabrafenib 75 mg capsule' }] },
        authoredOn: '2026-02-12',
        dosageInstruction: [{ text: '150 mg twice daily' }],
      },
    },
    {
      resource: {
        resourceType: 'Procedure',
        id: 'wle-1',
        status: 'completed',
        code: { text: 'Wide local excision' },
        bodySite: [{ text: 'skin of back' }],
        performedDateTime: '2025-11-20',
        note: [{ text: 'Margins clear.' }],
      },
    },
    {
      resource: {
        resourceType: 'DiagnosticReport',
        id: 'path-1',
        status: 'final',
        code: { text: 'Surgical pathology report' },
        effectiveDateTime: '2025-11-20',
        issued: '2025-11-24T16:00:00Z',
        conclusion: 'Invasive melanoma, Breslow 2.1 mm.',
        presentedForm: [{ contentType: 'text/plain; charset=utf-8', data: base64('FINAL DIAGNOSIS\nInvasive melanoma, Breslow thickness 2.1 mm.\n') }],
      },
    },
    {
      resource: { resourceType: 'Observation', id: 'voided', status: 'entered-in-error', code: { text: 'BRAF gene mutation' }, valueString: 'Not detected' },
    },
    { resource: { resourceType: 'Encounter', id: 'enc-1', status: 'finished' } },
  ],
};

describe('readRecord on a FHIR R4 bundle', () => {
  let record: RecordText;

  it('reads every supported resource as a sentence with its locator and date', async () => {
    record = await readRecord(bytes(BUNDLE), { fileName: 'export.json' });
    expect(record.format).toBe('fhir');
    expect(record.segments).toEqual([
      {
        text: 'Condition: Malignant melanoma of skin of back; stage: Stage IV; body site: skin of back; status: active; onset 2025-11-02.',
        locator: 'Condition/mel-1',
        date: '2025-11-02',
      },
      { text: 'Observation: BRAF gene mutation: V600E mutation detected (2026-01-15).', locator: 'Observation/braf-1', date: '2026-01-15' },
      { text: 'Observation: LDH: 310 U/L; interpretation: High; status: preliminary (2026-02-01).', locator: 'Observation/ldh-1', date: '2026-02-01' },
      { text: 'Observation note: Repeat in 4 weeks.', locator: 'Observation/ldh-1', date: '2026-02-01' },
      {
        text: 'Medication: Pembrolizumab 25 mg/mL injection; dosage: 200 mg IV every 3 weeks; status: active; reason: Metastatic melanoma; from 2026-02-10.',
        locator: 'MedicationStatement/ms-1',
        date: '2026-02-10',
      },
      {
        text: 'Medication order: Dabrafenib 75 mg capsule; dosage: 150 mg twice daily; status: active; ordered 2026-02-12.',
        locator: 'MedicationRequest/mr-1',
        date: '2026-02-12',
      },
      { text: 'Procedure: Wide local excision; body site: skin of back; performed 2025-11-20.', locator: 'Procedure/wle-1', date: '2025-11-20' },
      { text: 'Procedure note: Margins clear.', locator: 'Procedure/wle-1', date: '2025-11-20' },
      {
        text: 'Diagnostic report: Surgical pathology report; conclusion: Invasive melanoma, Breslow 2.1 mm (2025-11-20).',
        locator: 'DiagnosticReport/path-1',
        date: '2025-11-20',
      },
      { text: 'FINAL DIAGNOSIS', locator: 'DiagnosticReport/path-1', date: '2025-11-20' },
      { text: 'Invasive melanoma, Breslow thickness 2.1 mm.', locator: 'DiagnosticReport/path-1', date: '2025-11-20' },
    ]);
  });

  it('dates the record by its newest fact', () => {
    expect(record.date).toBe('2026-02-12');
  });

  it('leaves out the patient and the voided result', () => {
    const all = record.segments.map((segment) => segment.text).join('\n');
    expect(all).not.toMatch(/Quillfeather|Jane|Elm Street|Springfield/);
    expect(all).not.toContain('Not detected');
  });

  it('takes a document bundle’s date and title from its Composition', async () => {
    const document = {
      ...BUNDLE,
      type: 'document',
      entry: [{ resource: { resourceType: 'Composition', title: 'Oncology visit summary', date: '2026-03-01T10:00:00Z', status: 'final' } }, ...BUNDLE.entry],
    };
    const read = await readRecord(bytes(document), { fileName: 'summary.json' });
    expect(read.date).toBe('2026-03-01');
    expect(read.title).toBe('Oncology visit summary');
  });
});

describe('readRecord on single FHIR resources', () => {
  it('reads a lone resource without a .json name, located by type when it has no id', async () => {
    const observation = { resourceType: 'Observation', status: 'final', code: { text: 'Breslow depth' }, valueQuantity: { value: 2.1, unit: 'mm' }, issued: '2025-11-24T16:00:00Z' };
    const record = await readRecord(bytes(observation), { fileName: 'download' });
    expect(record).toEqual({
      format: 'fhir',
      segments: [{ text: 'Observation: Breslow depth: 2.1 mm (2025-11-24).', locator: 'Observation', date: '2025-11-24' }],
      date: '2025-11-24',
    });
  });

  it('reads a bulk export (NDJSON, one resource a line), skipping the Patient', async () => {
    const lines = [BUNDLE.entry[0]?.resource, BUNDLE.entry[2]?.resource].map((resource) => JSON.stringify(resource)).join('\n');
    const record = await readRecord(bytes(`${lines}\n`), { fileName: 'Observation.ndjson' });
    expect(record.segments).toEqual([{ text: 'Observation: BRAF gene mutation: V600E mutation detected (2026-01-15).', locator: 'Observation/braf-1', date: '2026-01-15' }]);
    expect((await readRecord(bytes(lines), { fileName: 'export' })).format).toBe('fhir');
  });

  it('finds a medication contained in its statement and keeps partial dates as written', async () => {
    const statement = {
      resourceType: 'MedicationStatement',
      id: 'ms-2',
      status: 'completed',
      contained: [{ resourceType: 'Medication', id: 'm', code: { coding: [{ display: 'Nivolumab' }] } }],
      medicationReference: { reference: '#m' },
      effectivePeriod: { start: '2025-06', end: '2025-12' },
    };
    const record = await readRecord(bytes(statement), { fileName: 'med.json' });
    expect(record.segments).toEqual([{ text: 'Medication: Nivolumab; status: completed; from 2025-06 to 2025-12.', locator: 'MedicationStatement/ms-2' }]);
    expect(record.date).toBeUndefined();
  });
});

describe('readRecord on JSON that is not a FHIR record it reads', () => {
  it('refuses JSON without a resourceType', async () => {
    const error = await rejection(readRecord(bytes({ patient: 'Jane Quillfeather', braf: 'V600E' }), { fileName: 'labs.json' }));
    expect(error.message).toBe('This JSON file is not a FHIR R4 record (no resourceType).');
  });

  it('refuses a JSON array', async () => {
    const error = await rejection(readRecord(bytes([{ resourceType: 'Condition' }]), { fileName: 'labs.json' }));
    expect(error.message).toBe('This JSON file is not a FHIR R4 record (no resourceType).');
  });

  it.each(['Patient', 'Quillfeather'])('refuses a lone %s resource without naming it', async (type) => {
    const error = await rejection(readRecord(bytes({ resourceType: type, id: 'x' }), { fileName: 'x.json' }));
    expect(error.message).toBe(
      'This JSON file is not a FHIR R4 record Cairn reads (it reads a Bundle, Condition, Observation, MedicationStatement, MedicationRequest, Procedure or DiagnosticReport).',
    );
  });

  it('refuses a bundle with nothing to read', async () => {
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [BUNDLE.entry[0], { resource: { resourceType: 'Encounter' } }] };
    const error = await rejection(readRecord(bytes(bundle), { fileName: 'x.json' }));
    expect(error.message).toBe('This FHIR bundle has no Condition, Observation, medication, Procedure or DiagnosticReport to read.');
  });

  it('refuses a bundle whose entries are not a list', async () => {
    const error = await rejection(readRecord(bytes({ resourceType: 'Bundle', entry: { resource: {} } }), { fileName: 'x.json' }));
    expect(error.message).toBe('This FHIR bundle is not valid FHIR R4 (its entries are not a list of resources).');
  });

  it('refuses the whole file when one resource breaks the schema, without quoting it', async () => {
    const broken = { resourceType: 'Observation', status: 'final', code: 'BRAF SECRET-VALUE-7731' };
    const bundle = { resourceType: 'Bundle', entry: [BUNDLE.entry[1], { resource: broken }] };
    const error = await rejection(readRecord(bytes(bundle), { fileName: 'x.json' }));
    expect(error.message).toBe('This FHIR record has an Observation that is not valid FHIR R4 (entry 2).');
  });

  it('refuses resources that carry no names, values or notes', async () => {
    const coded = { resourceType: 'Condition', id: 'c', code: { coding: [{ system: 'http://snomed.info/sct', code: '93655004' }] } };
    const error = await rejection(readRecord(bytes(coded), { fileName: 'x.json' }));
    expect(error.message).toBe('This FHIR record has no readable text: its resources carry no names, values or notes.');
  });

  it('refuses a .json file that is not JSON', async () => {
    const error = await rejection(readRecord(bytes('{"resourceType": "Condition", '), { fileName: 'x.json' }));
    expect(error.message).toBe('This JSON file is damaged or not valid JSON.');
  });

  it('reads JSON-looking text that does not parse, not named .json, as plain text', async () => {
    const record = await readRecord(bytes('[Clinic note]\nSeen today.'), { fileName: 'note' });
    expect(record.format).toBe('text');
  });
});
