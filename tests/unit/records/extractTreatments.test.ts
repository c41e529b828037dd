import { describe, expect, it } from 'vitest';
import { extractProfile } from '../../../core/records/extract';
import type { RecordText } from '../../../core/records/types';

const record = (text: string, date?: string): RecordText => ({
  format: 'text',
  segments: text.split('\n').map((line) => ({ text: line })),
  ...(date ? { date } : {}),
});
const treatments = (text: string, date?: string) => (extractProfile(record(text, date), 'note.txt').treatments ?? []).map((t) => [t.kind, t.name, t.date ?? null]);

describe('treatments', () => {
  it('reads surgeries with the date written beside them', () => {
    expect(treatments('- 03/04/2025: Wide local excision and left axillary sentinel lymph node biopsy (Dr. Okonkwo-Reyes).')).toEqual([
      ['surgery', 'wide local excision', '2025-03-04'],
      ['surgery', 'sentinel lymph node biopsy', '2025-03-04'],
    ]);
    expect(treatments('She underwent laparoscopic right hemicolectomy on 05/06/2025 with an uncomplicated recovery.')).toEqual([['surgery', 'hemicolectomy', '2025-05-06']]);
    expect(treatments('s/p Whipple procedure 2024-11-02.')).toEqual([['surgery', 'pancreaticoduodenectomy', '2024-11-02']]);
    expect(treatments('TURBT 12/02/2025: high-grade urothelial carcinoma.')).toEqual([['surgery', 'TURBT', '2025-12-02']]);
  });

  it('reads drugs, brand names as generic names, and regimens as one name', () => {
    expect(treatments('- 04/08/2025: C1 adjuvant nivolumab 480 mg IV every 4 weeks.')).toEqual([['drug', 'nivolumab', '2025-04-08']]);
    expect(treatments('Started Keytruda on 2025-02-01.')).toEqual([['drug', 'pembrolizumab', '2025-02-01']]);
    expect(treatments('CURRENT TREATMENT: FOLFOX + panitumumab every 2 weeks, cycle 1 on 10/13/2025.')).toEqual([
      ['drug', 'FOLFOX', '2025-10-13'],
      ['drug', 'panitumumab', '2025-10-13'],
    ]);
    expect(treatments('Gemcitabine plus nab-paclitaxel, cycle 1 day 1 given 10/21/2025.')).toEqual([
      ['drug', 'gemcitabine', '2025-10-21'],
      ['drug', 'nab-paclitaxel', '2025-10-21'],
    ]);
    expect(treatments('Medication: fam-trastuzumab deruxtecan-nxki (Enhertu) 5.4 mg/kg, started 11/18/2025')).toEqual([['drug', 'fam-trastuzumab deruxtecan', '2025-11-18']]);
  });

  it('reads radiation', () => {
    expect(treatments('- 06/09/2025-06/13/2025: SBRT to painful L3 vertebral metastasis, 27 Gy in 3 fractions.')).toEqual([
      ['radiation', 'stereotactic body radiation therapy', '2025-06-09'],
    ]);
    expect(treatments('* 08/21/2025: Stereotactic radiosurgery (SRS) to the right parietal metastasis.')).toEqual([['radiation', 'stereotactic radiosurgery', '2025-08-21']]);
    expect(treatments('He received palliative radiation to the left femoral neck on 12/30/2025.')).toEqual([['radiation', 'radiation therapy', '2025-12-30']]);
    expect(treatments('Whole-brain radiation therapy completed 2025-03-01.')).toEqual([['radiation', 'whole-brain radiation therapy', '2025-03-01']]);
  });

  it.each([
    ['Will consider adjuvant nivolumab.'],
    ['Options reviewed: (a) BRAF/MEK inhibition, (b) ipilimumab plus nivolumab.'],
    ['PLAN:\n1. Start pembrolizumab next week.'],
    ['Declined chemotherapy with carboplatin and paclitaxel.'],
    ['Not a candidate for surgery; lobectomy not offered.'],
    ['Recommend docetaxel 75 mg/m2 every 3 weeks.'],
    ['Scheduled for mastectomy on 02/01/2026.'],
    ['Ipilimumab/nivolumab held in reserve for second line.'],
    ['Carboplatin/pemetrexed plus pembrolizumab was discussed as an alternative.'],
    ['Adjuvant abemaciclib not indicated (node negative).'],
    ['Discussed bladder preservation with chemoradiation as an alternative; he prefers cystectomy.'],
    ['The tumor is predicted to respond to EGFR tyrosine kinase inhibitors (e.g. osimertinib).'],
    ['No prior chemotherapy or radiation.'],
    ['FAMILY HISTORY: Mother had breast cancer treated with mastectomy.'],
    ['Cycle 2 R-CHOP planned 10/21/2025 as outpatient.'],
    ['If a BRCA1/2 variant is found we would consider olaparib maintenance.'],
    ['ALLERGIES: Carboplatin (anaphylaxis).'],
  ])('%j is not a treatment the patient had', (text) => {
    expect(treatments(text)).toEqual([]);
  });

  it('keeps what is under way inside a plan', () => {
    expect(treatments('PLAN:\n1. Continue letrozole 2.5 mg daily.', '2025-09-16')).toEqual([['drug', 'letrozole', '2025-09-16']]);
    expect(treatments('- START dabrafenib 150 mg BID + trametinib 2 mg daily; first doses taken in clinic today, 01/20/2026.')).toEqual([
      ['drug', 'dabrafenib', '2026-01-20'],
      ['drug', 'trametinib', '2026-01-20'],
    ]);
  });

  it('lists each treatment once, with the earliest date written beside it', () => {
    expect(treatments('Started osimertinib 08/26/2025.\nContinue osimertinib 80 mg daily.', '2025-09-09')).toEqual([['drug', 'osimertinib', '2025-08-26']]);
  });

  it('drops a generic word beside a named treatment of the same kind', () => {
    expect(treatments('Wide local excision 03/04/2025. Excision site well healed.')).toEqual([['surgery', 'wide local excision', '2025-03-04']]);
  });

  it('takes the record date for a treatment given that day, and no date when the record gives only a month', () => {
    expect(treatments('Dabrafenib 150 mg PO BID (started today)', '2026-01-20')).toEqual([['drug', 'dabrafenib', '2026-01-20']]);
    expect(treatments('She received neoadjuvant TCHP x 6 cycles from 04/2024 to 07/2024.', '2025-11-07')).toEqual([['drug', 'TCHP', null]]);
    expect(treatments('s/p lobectomy.', '2025-11-07')).toEqual([['surgery', 'lobectomy', null]]);
  });

  it('gives a date to the treatment it belongs to, not to the next one in the sentence', () => {
    const text = 'TCHP x 6 cycles from 04/2024 to 07/2024, then lumpectomy and sentinel lymph node biopsy on 08/20/2024 with residual disease, whole-breast radiation 09/2024.';
    expect(treatments(text, '2025-11-07')).toEqual([
      ['surgery', 'lumpectomy', '2024-08-20'],
      ['surgery', 'sentinel lymph node biopsy', '2024-08-20'],
      ['drug', 'TCHP', null],
      ['radiation', 'whole-breast radiation therapy', null],
    ]);
  });

  it('lets a refusal reach only the treatment beside it', () => {
    expect(treatments('Prior: carboplatin/pemetrexed x 4 cycles (2023), declined maintenance pemetrexed.', '2026-02-02')).toEqual([
      ['drug', 'carboplatin', null],
      ['drug', 'pemetrexed', null],
    ]);
    expect(treatments('01/06/2025: Started enzalutamide 160 mg PO daily (docetaxel declined).')).toEqual([['drug', 'enzalutamide', '2025-01-06']]);
  });

  it('gives a date to the treatment before it in a list split by semicolons', () => {
    expect(treatments('Treatment: leuprolide started 08/20/2025; abiraterone 1000 mg daily since 09/01/2025.')).toEqual([
      ['drug', 'leuprolide', '2025-08-20'],
      ['drug', 'abiraterone', '2025-09-01'],
    ]);
  });

  it('reads the procedure named in a specimen line', () => {
    expect(treatments('FINAL DIAGNOSIS:\nRight breast, mastectomy:\n- Invasive lobular carcinoma, 3.2 cm.', '2026-04-10')).toEqual([['surgery', 'mastectomy', '2026-04-10']]);
  });

  it('takes the start of a date range', () => {
    expect(treatments('03/11/2025 - 06/24/2025 Adjuvant carboplatin AUC 5 + paclitaxel 175 mg/m2 x 6 cycles.')).toEqual([
      ['drug', 'carboplatin', '2025-03-11'],
      ['drug', 'paclitaxel', '2025-03-11'],
    ]);
  });

  it('takes a pathology report\'s collection date for its surgery', () => {
    const text = 'Date of collection: 03/04/2025    Report date: 03/10/2025\nSPECIMEN: Skin, left upper back, wide local excision';
    expect(treatments(text, '2025-03-10')).toEqual([['surgery', 'wide local excision', '2025-03-04']]);
  });

  it('keeps a lobectomy when the sentence only says there was no recurrence after it', () => {
    expect(treatments('No evidence of recurrence after lobectomy on 01/05/2024.')).toEqual([['surgery', 'lobectomy', '2024-01-05']]);
  });
});

describe('performance status', () => {
  const ps = (text: string) => {
    const field = extractProfile(record(text), 'note.txt').performanceStatus;
    return field ? `${field.scale} ${String(field.value)}` : undefined;
  };
  it.each([
    ['ECOG 1.', 'ECOG 1'],
    ['ECOG PS: 2', 'ECOG 2'],
    ['ECOG performance status: 0', 'ECOG 0'],
    ['Performance status ECOG 0.', 'ECOG 0'],
    ['ECOG performance status of 1, working part time.', 'ECOG 1'],
    ['Observation: ECOG performance status: 1; interpretation: restricted', 'ECOG 1'],
    ['KPS 80', 'Karnofsky 80'],
    ['Karnofsky 70%', 'Karnofsky 70'],
    ['Karnofsky performance status (KPS): 80%.', 'Karnofsky 80'],
    ['ECOG 0-1', undefined],
    ['Eligible if ECOG 0 or 1.', undefined],
    ['Trial requires ECOG ≤1.', undefined],
  ])('%j → %s', (text, expected) => {
    expect(ps(text)).toBe(expected);
  });

  it('takes the latest statement', () => {
    expect(ps('IPI 3 (stage III, elevated LDH, ECOG 2).\nCONDITION AT DISCHARGE: Stable. ECOG 1.')).toBe('ECOG 1');
  });
});

describe('key dates', () => {
  const dates = (text: string) => (extractProfile(record(text), 'note.txt').keyDates ?? []).map((d) => [d.label, d.date]);
  it('reads diagnosis, recurrence and progression dates written beside the event', () => {
    expect(dates('Diagnosed with melanoma on 02/11/2025.')).toEqual([['diagnosis', '2025-02-11']]);
    expect(dates('Date of diagnosis: 2024-03-12')).toEqual([['diagnosis', '2024-03-12']]);
    expect(dates('Recurrence in the liver on 01/14/2026.')).toEqual([['recurrence', '2026-01-14']]);
    expect(dates('Disease progression on CT 01/09/2026.')).toEqual([['progression', '2026-01-09']]);
  });

  it('does not date an event the record denies, and dates surgery from the treatments', () => {
    expect(dates('No evidence of recurrence on CT 01/09/2026.')).toEqual([]);
    expect(dates('Right hemicolectomy on 05/06/2025.')).toEqual([['surgery', '2025-05-06']]);
  });

  describe('regimens, tables and forms', () => {
    it('reads myeloma regimen abbreviations as one named regimen', () => {
      expect(treatments('Induction with Dara-VTd started 02/03/2025; cycle 4 given today.')).toContainEqual(['drug', 'Dara-VTd', '2025-02-03']);
      expect(treatments('Received VRd x 4 cycles from 01/15/2025.')).toContainEqual(['drug', 'VRd', '2025-01-15']);
    });

    it('reads TACE as a locoregional treatment, one entry per dated session', () => {
      const text = ['| Date | Procedure | Result |', '| 2025-01-10 | TACE #1, segment VI | partial response |', '| 2025-03-14 | TACE #2, segment VI | stable |'].join('\n');
      expect(treatments(text)).toEqual([
        ['other', 'transarterial chemoembolization', '2025-01-10'],
        ['other', 'transarterial chemoembolization', '2025-03-14'],
      ]);
    });

    it('dates a form row from the cycle-1 row under it, and "schedule" as a noun is not a plan', () => {
      const text = ['TREATMENT TO DATE', '  Regimen     : neoadjuvant cisplatin + pemetrexed q3w x 3 (trial schedule)', '  C1          : 2025-09-02', '  Toxicity    : G1 nausea'].join('\n');
      expect(treatments(text)).toEqual([
        ['drug', 'cisplatin', '2025-09-02'],
        ['drug', 'pemetrexed', '2025-09-02'],
      ]);
    });

    it('still leaves out a treatment that is only scheduled', () => {
      expect(treatments('Pembrolizumab scheduled for next week.')).toEqual([]);
    });
  });
});
