import { describe, expect, it } from 'vitest';
import { extractProfile } from '../../../core/records/extract';
import type { RecordText } from '../../../core/records/types';

const record = (text: string): RecordText => ({ format: 'text', segments: text.split('\n').map((line) => ({ text: line })) });
const names = (text: string) => (extractProfile(record(text), 'note.txt').treatments ?? []).map((t) => `${t.kind} ${t.name}`);

describe('named operations and regimens', () => {
  it('reads a named operation as one entry', () => {
    expect(names("She underwent a Hartmann's procedure on 03/02/2025.")).toContain("surgery Hartmann's procedure");
    expect(names('Hartmann operation (sigmoid colectomy, end colostomy) in March 2025.')).toContain("surgery Hartmann's procedure");
    expect(names('Partial mastectomy with targeted axillary dissection on 09/09/2025.')).toContain('surgery targeted axillary dissection');
  });

  it('reads regimen abbreviations in capitals only', () => {
    expect(names('Received dose-dense AC x 4 cycles, completed 06/2025.')).toContain('drug AC');
    expect(names('Completed 2 cycles of OEPA; C1 given 14/07/2025.')).toContain('drug OEPA');
    expect(names('Completed 2 cycles of OEPA.')).not.toContain('drug AC');
    // "ac" and "AC-T" are not the AC regimen.
    expect(names('Take with food (ac), started metformin.')).not.toContain('drug AC');
    expect(names('Completed AC-T in 2024.')).not.toContain('drug AC');
  });

  it('reads obinutuzumab by its generic or brand names', () => {
    expect(names('Obinutuzumab (Gazyvaro) started 16/06/2025.')).toContain('drug obinutuzumab');
    expect(names('Gazyva cycle 2 given today.')).toContain('drug obinutuzumab');
    expect(names('We discussed obinutuzumab as an option.')).not.toContain('drug obinutuzumab');
  });
});
