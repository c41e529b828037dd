import { describe, expect, it } from 'vitest';
import { extractProfile } from '../../../core/records/extract';
import type { RecordText } from '../../../core/records/types';

const record = (text: string): RecordText => ({ format: 'text', segments: text.split('\n').map((line) => ({ text: line })) });
/** name → status for every biomarker extracted. */
const statuses = (text: string) => Object.fromEntries((extractProfile(record(text), 'report.txt').biomarkers ?? []).map((b) => [b.name, b.status]));

describe('a status comes only from the result words attached to that marker', () => {
  it('reads therapy-association rows as drug lists, not results', () => {
    expect(statuses('KRAS G12C ........ sotorasib, adagrasib: approved in NSCLC')).toEqual({});
    expect(statuses('MSI-H / TMB-H ....... pembrolizumab (tumor-agnostic)')).toEqual({});
    expect(statuses('HER2-positive -> trastuzumab deruxtecan: not applicable')).toEqual({});
    expect(statuses('BRAF V600E: dabrafenib + trametinib')).toEqual({});
    // A result row in a Gene | Alteration | Therapies table still counts.
    expect(statuses('EGFR | exon 19 deletion detected | osimertinib')).toEqual({ EGFR: 'positive' });
  });

  it('sets legends and definitions aside', () => {
    expect(statuses('Interpretation: MSI-H = positive; MSS = negative.')).toEqual({});
    expect(statuses('TMB-High is defined as 10 or more mutations per megabase.')).toEqual({});
    expect(statuses('Key: dMMR = deficient, pMMR = proficient')).toEqual({});
  });

  it('does not let one marker read the result of the analyte after it', () => {
    expect(statuses('Flow: CD19+, CD20 dim, CD10 negative, CD38 negative.')).toEqual({ CD20: 'positive' });
    expect(statuses('Tumour cells: CD30+, CD20 negative, PAX5 weak.')).toEqual({ CD20: 'negative' });
    expect(statuses('Immunophenotype: CD5 positive, CD20 weakly expressed, FMC7 negative.')).toEqual({ CD20: 'positive' });
  });

  it('ignores stains on cells that are not the tumour', () => {
    expect(statuses('Background reactive B cells CD20 positive.')).toEqual({});
    expect(statuses('Neoplastic cells CD20 negative; scattered background small lymphocytes CD20+.')).toEqual({ CD20: 'negative' });
    expect(statuses('Normal breast ducts ER positive (internal control).')).toEqual({});
  });

  it('reads a negated positive label as negative and a negated negative label as nothing', () => {
    expect(statuses('HER2 IHC 1+. This tumour is not HER2-positive.')).toEqual({ HER2: 'negative' });
    expect(statuses('The cancer is not ER positive.')).toEqual({ ER: 'negative' });
    expect(statuses('It is not HER2-negative.')).toEqual({});
  });

  it('gives no result when a negation and a positive word both describe the gene', () => {
    expect(statuses('BRAF: no V600 or other class I-III alteration detected')).toEqual({ BRAF: 'negative' });
    expect(statuses('KRAS ........ no codon 12, 13 or 61 variant detected')).toEqual({ KRAS: 'negative' });
    expect(statuses('NRAS: not a hotspot, but a variant identified')).toEqual({});
  });

  it('says unknown when the same record states opposite results at the same time', () => {
    expect(statuses('EGFR wild-type.\nEGFR L858R detected.')).toEqual({ EGFR: 'unknown' });
    expect(statuses('ALK: negative.\nALK: positive.')).toEqual({ ALK: 'unknown' });
  });

  it('keeps a gene positive when only another alteration of it was ruled out', () => {
    expect(statuses('MET exon 14 skipping ........ DETECTED\nMET amplification ........ not detected')).toEqual({ MET: 'positive' });
    expect(statuses('EGFR L858R: detected\nEGFR T790M: not detected')).toEqual({ EGFR: 'positive' });
  });

  it('lets a later dated test replace an earlier one', () => {
    const dated: RecordText = {
      format: 'text',
      segments: [
        { text: 'EGFR: not detected.', date: '2024-01-10' },
        { text: 'EGFR exon 19 deletion detected on repeat biopsy.', date: '2025-03-02' },
      ],
    };
    expect((extractProfile(dated, 'x.txt').biomarkers ?? []).map((b) => [b.name, b.status])).toEqual([['EGFR', 'positive']]);
  });
});

describe('genomic report layouts', () => {
  it('reads a biomarker-findings block', () => {
    expect(statuses('Microsatellite status ......... MS-Stable\nTumor Mutational Burden ........ 4 Muts/Mb (low)')).toEqual({ MSI: 'negative', TMB: 'negative' });
    expect(statuses('Microsatellite status: stable')).toEqual({ MSI: 'negative' });
  });

  it('reads variants under a "variants of uncertain significance" title as equivocal', () => {
    const text = ['VARIANTS OF UNCERTAIN SIGNIFICANCE', 'BRCA1    c.4000A>G p.(Lys1334Glu)    DNA   45%', 'GENOMIC FINDINGS', 'KRAS     G12D    DNA   31%'].join('\n');
    expect(statuses(text)).toEqual({ BRCA1: 'equivocal', KRAS: 'positive' });
    expect(statuses('BRCA2 c.1234A>G, variant of uncertain significance.')).toEqual({ BRCA2: 'equivocal' });
    expect(statuses('A VUS was reported in TP53.')).toEqual({});
  });

  it('reads a "no reportable alterations in" list as negative for each canonical gene', () => {
    expect(statuses('No reportable alterations in:\nBRAF, ERBB2, KRAS, NRAS')).toEqual({ BRAF: 'negative', HER2: 'negative', KRAS: 'negative', NRAS: 'negative' });
    expect(statuses('No reportable alterations in: BRAF, ERBB2, KRAS')).toEqual({ BRAF: 'negative', HER2: 'negative', KRAS: 'negative' });
    expect(statuses('PERTINENT NEGATIVES\nEGFR\nALK\nTHERAPY OPTIONS\nROS1 crizotinib')).toEqual({ EGFR: 'negative', ALK: 'negative' });
  });

  it('reads HER2 written as ERBB2 in a gene report', () => {
    expect(statuses('ERBB2 (HER2) ........ no amplification, no activating mutation')).toEqual({ HER2: 'negative' });
    expect(statuses('ERBB2 .......... no exon 20 insertion')).toEqual({ HER2: 'negative' });
    expect(statuses('MET ....................................... no amplification; exon 14 skipping not detected')).toEqual({ MET: 'negative' });
  });
});

describe('germline results', () => {
  it('reads "pathogenic variant in" as positive for the gene named', () => {
    expect(statuses('Germline panel: pathogenic variant in BRCA2, c.5946delT, heterozygous. No pathogenic variant in BRCA1.')).toEqual({ BRCA2: 'positive', BRCA1: 'negative' });
    expect(statuses('Likely pathogenic germline variant identified in BRCA1 (c.68_69delAG).')).toEqual({ BRCA1: 'positive' });
  });

  it('reads "negative for pathogenic variants in" as negative for each gene listed', () => {
    expect(statuses('Germline testing was negative for pathogenic variants in BRCA1, BRCA2, PALB2 and TP53.')).toEqual({ BRCA1: 'negative', BRCA2: 'negative', TP53: 'negative' });
    expect(statuses('Negative for germline mutations in BRCA1/2 and TP53.')).toEqual({ BRCA1: 'negative', BRCA2: 'negative', TP53: 'negative' });
  });

  it("reads the patient's own negative result for the family's variant, never the relative's result", () => {
    expect(statuses('His own predictive testing found no pathogenic variant: the familial BRCA2 variant was not detected.')).toEqual({ BRCA2: 'negative' });
    expect(statuses('Familial BRCA2 pathogenic variant (sister).')).toEqual({});
    expect(statuses('His sister carries the familial BRCA1 variant; it was not detected in her mother.')).toEqual({});
  });

  it('does not read a result that governs the next sentence as this row\u2019s', () => {
    expect(statuses('Germline: pathogenic variant in BRCA2, c.6174delT, germline. No pathogenic variant in BRCA1, PALB2 or ATM.')).toEqual({
      BRCA2: 'positive',
      BRCA1: 'negative',
    });
  });
});
