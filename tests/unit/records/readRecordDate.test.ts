import { describe, expect, it } from 'vitest';
import { findRecordDate, parseClinicalDate, parseFhirDate, parseHl7Date } from '../../../core/records/read/recordDate';

describe('parseClinicalDate', () => {
  it.each([
    ['2026-02-10', '2026-02-10'],
    ['Collected 2026/02/10 at 09:30', '2026-02-10'],
    ['2026-02-10T10:30:00Z', '2026-02-10'],
    ['02/10/2026', '2026-02-10'],
    ['2/3/2026', '2026-02-03'],
    ['02-10-2026', '2026-02-10'],
    ['13/02/2026', '2026-02-13'],
    ['10.02.2026', '2026-02-10'],
    ['Feb 10, 2026', '2026-02-10'],
    ['Feb. 10, 2026', '2026-02-10'],
    ['February 10th, 2026', '2026-02-10'],
    ['Sept 3 2025', '2025-09-03'],
    ['10 February 2026', '2026-02-10'],
    ['10 Feb, 2026', '2026-02-10'],
    ['10-FEB-2026', '2026-02-10'],
    ['started on 1 march 2026, stopped later', '2026-03-01'],
    ['02/10/24', '2024-02-10'],
  ])('reads %s', (text, expected) => {
    expect(parseClinicalDate(text)).toBe(expected);
  });

  it('takes the first date in the text', () => {
    expect(parseClinicalDate('Excision 11/20/2025, re-excision 12/04/2025')).toBe('2025-11-20');
  });

  it.each(['Breslow depth 2.1 mm', 'Ki-67 15%', 'Call 555-123-4567', '02/30/2026', '2026-13-01', 'in 2026', '12/2025', 'no date here'])('finds no date in %s', (text) => {
    expect(parseClinicalDate(text)).toBeUndefined();
  });

  it('skips an impossible date for a real one after it', () => {
    expect(parseClinicalDate('02/30/2026 corrected to 02/28/2026')).toBe('2026-02-28');
  });
});

describe('findRecordDate', () => {
  it('prefers the sign-out date of a pathology report to collection and receipt', () => {
    const lines = ['SURGICAL PATHOLOGY REPORT', 'Collected: 02/10/2026 Received: 02/11/2026', 'Signed out: Feb 14, 2026'];
    expect(findRecordDate(lines)).toBe('2026-02-14');
  });

  it('prefers the discharge date to the admission date', () => {
    expect(findRecordDate(['Admission date: 2026-01-03', 'Discharge date: 2026-01-09'])).toBe('2026-01-09');
  });

  it('reads the report date, the date of service and the date of visit', () => {
    expect(findRecordDate(['Report date: 10 March 2026'])).toBe('2026-03-10');
    expect(findRecordDate(['Date of service: 03/02/2026'])).toBe('2026-03-02');
    expect(findRecordDate(['Date of Visit 2026-03-05'])).toBe('2026-03-05');
  });

  it('falls back to the collection date when nothing better is there', () => {
    expect(findRecordDate(['Specimen: skin, back', 'Collected: 02/10/2026'])).toBe('2026-02-10');
  });

  it('reads a date on the line under its label', () => {
    expect(findRecordDate(['Date of service:', 'Feb 10, 2026', 'Seen for follow-up.'])).toBe('2026-02-10');
  });

  it('uses a plain "Date:" label only when there is nothing better', () => {
    expect(findRecordDate(['Date: 01/05/2026'])).toBe('2026-01-05');
    expect(findRecordDate(['Date: 01/05/2026', 'Date of service: 01/04/2026'])).toBe('2026-01-04');
  });

  it('never takes a date of birth or an unlabelled date', () => {
    expect(findRecordDate(['Patient: Jane Doe', 'DOB: 03/04/1961', 'Birth Date: 03/04/1961', 'Date of birth: 03/04/1961'])).toBeUndefined();
    expect(findRecordDate(['Seen on 02/10/2026 for a new mole.'])).toBeUndefined();
  });

  it('does not take prose for a label', () => {
    expect(findRecordDate(['The patient reported itching since 01/02/2026.'])).toBeUndefined();
  });
});

describe('FHIR and HL7 dates', () => {
  it('reads the day of a FHIR dateTime and nothing from a partial date', () => {
    expect(parseFhirDate('2026-01-15T09:30:00-05:00')).toBe('2026-01-15');
    expect(parseFhirDate('2026-01-15')).toBe('2026-01-15');
    expect(parseFhirDate('2026-01')).toBeUndefined();
    expect(parseFhirDate(undefined)).toBeUndefined();
  });

  it('reads the local day of an HL7 timestamp', () => {
    expect(parseHl7Date('20260314103000-0500')).toBe('2026-03-14');
    expect(parseHl7Date('20260314')).toBe('2026-03-14');
    expect(parseHl7Date('202603')).toBeUndefined();
  });
});
