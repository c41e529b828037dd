import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../../core/store/sqlite';
import { recordsDatabasePath } from '../../../core/records/store/openRecordsStore';
import { unlockKeyring } from '../../../core/records/store/keyring';
import { fixturePaths } from '../../../scripts/fixtures/generateFixtures';
import { runCliCapture } from '../../support/runCliCapture';
import { tempDir } from '../../support/tempDir';

const PASSPHRASE = 'a long test passphrase';
const records = (name: string) => path.join(fixturePaths.recordsDir, name);
const bad = (name: string) => path.join(fixturePaths.badRecordsDir, name);

/** `cairn --data-dir DIR --json ...` with the passphrase in the environment. */
async function cli(dataDir: string, args: string[], env: NodeJS.ProcessEnv = { CAIRN_PASSPHRASE: PASSPHRASE }) {
  return runCliCapture(['--data-dir', dataDir, '--json', ...args], env);
}

async function cliJson<T>(dataDir: string, args: string[]): Promise<T> {
  const run = await cli(dataDir, args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as T;
}

/** Files in the data directory whose bytes contain `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => fs.readFileSync(file).includes(needle));
}

/** A decrypted copy of the records store, to look at what its pages hold (free pages included). */
function decryptedCopy(dataDir: string): Buffer {
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-decrypt-')), 'plain.db');
  fs.copyFileSync(recordsDatabasePath(dataDir), copy);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(recordsDatabasePath(dataDir) + suffix)) fs.copyFileSync(recordsDatabasePath(dataDir) + suffix, copy + suffix);
  }
  const key = unlockKeyring(dataDir, { kind: 'passphrase', passphrase: PASSPHRASE });
  const db = connect(copy);
  db.pragma(`key = "x'${key.toString('hex')}'"`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.pragma("rekey = ''");
  db.close();
  const bytes = fs.readFileSync(copy);
  fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  return bytes;
}

interface ImportJson {
  record: { id: number; fileName: string; format: string; recordDate: string | null };
  alreadyImported: boolean;
  profile: {
    cancerType?: { value: string; evidence: { file: string; text: string }[] };
    stage?: { value: string };
    biomarkers?: { name: string; status: string; detail?: string; evidence: { file: string; text: string }[] }[];
  };
}

describe('cairn records import', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-records-cli-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('prints the extracted profile with the evidence for each field, and keeps the record encrypted', async () => {
    const result = await cliJson<ImportJson>(dataDir, ['records', 'import', records('melanoma-pathology-2025-03.txt')]);
    expect(result.alreadyImported).toBe(false);
    expect(result.record).toMatchObject({ fileName: 'melanoma-pathology-2025-03.txt', format: 'text' });
    expect(result.profile.cancerType?.value).toBe('Melanoma');
    const braf = result.profile.biomarkers?.find((marker) => marker.name === 'BRAF');
    expect(braf).toMatchObject({ status: 'positive' });
    const text = fs.readFileSync(records('melanoma-pathology-2025-03.txt'), 'utf8');
    for (const item of [...(result.profile.cancerType?.evidence ?? []), ...(braf?.evidence ?? [])]) {
      expect(item.file).toBe('melanoma-pathology-2025-03.txt');
      expect(text.replace(/\s+/g, ' ')).toContain(item.text.replace(/\s+/g, ' '));
    }
    // The record's own words are nowhere in the data directory in the clear.
    expect(filesContaining(dataDir, braf!.evidence[0]!.text)).toEqual([]);
  });

  it('says so when the same file is imported again, and adds nothing', async () => {
    const again = await cliJson<ImportJson>(dataDir, ['records', 'import', records('melanoma-pathology-2025-03.txt')]);
    expect(again.alreadyImported).toBe(true);
    const list = await cliJson<{ records: unknown[] }>(dataDir, ['records', 'list']);
    expect(list.records).toHaveLength(1);
  });

  it('reads FHIR R4 and C-CDA exports', async () => {
    const fhir = await cliJson<ImportJson>(dataDir, ['records', 'import', '--profile', 'fhir', records('melanoma-fhir-bundle.json')]);
    expect(fhir.record.format).toBe('fhir');
    expect(fhir.profile.cancerType?.value).toBe('Melanoma');
    const ccdaFile = fs.readdirSync(fixturePaths.recordsDir).find((name) => name.endsWith('.xml'))!;
    const ccda = await cliJson<ImportJson>(dataDir, ['records', 'import', '--profile', 'ccda', records(ccdaFile)]);
    expect(ccda.record.format).toBe('ccda');
    expect(ccda.profile.cancerType).toBeDefined();
  });

  it('refuses without a passphrase when it cannot prompt', async () => {
    const run = await cli(dataDir, ['records', 'list'], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('cairn: Your records are encrypted: set CAIRN_PASSPHRASE or run this in a terminal to type your passphrase.\n');
    const wrong = await cli(dataDir, ['records', 'list'], { CAIRN_PASSPHRASE: 'not the passphrase' });
    expect(wrong.stderr).toBe('cairn: That passphrase does not unlock your records.\n');
  });
});

describe('bad record files', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-records-bad-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    ['empty.txt', /^cairn: empty\.txt: .*empty/],
    ['locked.pdf', /^cairn: locked\.pdf: .*password/i],
    ['no-text-photo.png', /^cairn: no-text-photo\.png: .*no readable text/i],
    ['not-fhir.json', /^cairn: not-fhir\.json: .*not a FHIR/],
    ['entity-bomb.xml', /^cairn: entity-bomb\.xml: .*(DOCTYPE|entit)/],
  ])('%s gets one line and stores nothing', async (name, message) => {
    const run = await cli(dataDir, ['records', 'import', bad(name)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect((await cliJson<{ records: unknown[] }>(dataDir, ['records', 'list'])).records).toEqual([]);
  });

  it('a 200 MB image is refused before it is read', async () => {
    const file = path.join(tempDir(), 'huge-scan.png');
    fs.writeFileSync(file, Buffer.from('89504e470d0a1a0a', 'hex'));
    fs.truncateSync(file, 200 * 1024 * 1024);
    const run = await cli(dataDir, ['records', 'import', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('cairn: huge-scan.png: the file is 200 MB; Cairn reads records up to 50 MB.\n');
    expect((await cliJson<{ records: unknown[] }>(dataDir, ['records', 'list'])).records).toEqual([]);
  });
});

describe('the profile from several records', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-records-profile-'));
    for (const name of ['melanoma-oncology-note-2026-01.txt', 'melanoma-oncology-note-2025-05.txt', 'melanoma-pathology-2025-03.txt']) {
      await cliJson(dataDir, ['records', 'import', records(name)]);
    }
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  interface ProfileJson {
    profile: { stage?: { value: string; source?: string }; metastatic?: { value: boolean } };
    conflicts: { field: string; chosen: { value: string; file: string }; others: { value: string; file: string }[] }[];
    fields: { field: string; value: string; confirmed: boolean; source: string }[];
  }

  it('takes the newest dated stage and shows the older record that disagrees', async () => {
    const combined = await cliJson<ProfileJson>(dataDir, ['records', 'profile']);
    expect(combined.profile.stage?.value).toBe('IV');
    const stage = combined.conflicts.find((conflict) => conflict.field === 'stage');
    expect(stage?.chosen.file).toBe('melanoma-oncology-note-2026-01.txt');
    expect(stage?.others.map((other) => other.value)).toContain('IIIB');
  });

  it("keeps the person's correction over every record, and lets them undo it", async () => {
    const corrected = await cliJson<ProfileJson>(dataDir, ['records', 'set', 'stage', 'IVA']);
    expect(corrected.profile.stage).toMatchObject({ value: 'IVA', source: 'person' });
    // A newer record does not override the person's value.
    await cliJson(dataDir, ['records', 'import', records('melanoma-fhir-bundle.json')]);
    expect((await cliJson<ProfileJson>(dataDir, ['records', 'profile'])).profile.stage?.value).toBe('IVA');
    const reverted = await cliJson<ProfileJson>(dataDir, ['records', 'revert', 'stage']);
    expect(reverted.profile.stage?.source).not.toBe('person');
  });

  it('records a confirmation', async () => {
    const confirmed = await cliJson<ProfileJson>(dataDir, ['records', 'confirm', 'cancerType']);
    expect(confirmed.fields.find((field) => field.field === 'cancerType')?.confirmed).toBe(true);
  });

  it('personalizes an answer from the stored profile with --profile me', async () => {
    const pack = path.resolve(import.meta.dirname, '../../../guidelines/cancers/melanoma.md');
    expect((await cli(dataDir, ['library', 'import', pack])).code).toBe(0);
    const answer = await cliJson<{ personalization: { used: string[] } | null; footer: string[] }>(dataDir, ['ask', 'Is surgery an option for metastatic melanoma?', '--profile', 'me', '--mode', 'extractive']);
    expect(answer.personalization?.used).toEqual(expect.arrayContaining([expect.stringMatching(/^Melanoma/)]));
    expect(answer.footer.join(' ')).not.toMatch(/Upload your records/i);
  });
});

describe('the local model pass', () => {
  it('runs when a chat model is installed, keeps only facts quoted from the record, and can be skipped', async () => {
    const dataDir = tempDir();
    expect((await cli(dataDir, ['models', 'import', fixturePaths.tinyGguf])).code).toBe(0);
    const file = records('pancreatic-oncology-note-2025-10.txt');
    const withModel = await cliJson<ImportJson & { modelPass: { model: string; proposed: number; kept: number; added: number } | null }>(dataDir, ['records', 'import', file]);
    expect(withModel.modelPass).toMatchObject({ model: expect.any(String) as string });
    expect(withModel.modelPass!.kept).toBeLessThanOrEqual(withModel.modelPass!.proposed);
    const text = fs.readFileSync(file, 'utf8').replace(/\s+/g, ' ').toLowerCase();
    const evidence = JSON.stringify(withModel.profile).match(/"text":"((?:[^"\\]|\\.)*)"/g) ?? [];
    for (const item of evidence) expect(text).toContain((JSON.parse(`{${item}}`) as { text: string }).text.replace(/\s+/g, ' ').toLowerCase());
    // The rules' facts are all still there: the model can only add.
    const rulesOnly = await cliJson<ImportJson & { modelPass: unknown }>(dataDir, ['records', 'import', '--profile', 'rules', '--no-model', file]);
    expect(rulesOnly.modelPass).toBeNull();
    expect(withModel.profile.cancerType?.value).toBe(rulesOnly.profile.cancerType?.value);
    expect(withModel.profile.biomarkers?.filter((marker) => (marker as { source?: string }).source === 'rules')).toEqual(rulesOnly.profile.biomarkers);
  });
});

describe('removing and deleting', () => {
  it('removing a record takes its text out of the store file, free pages included', async () => {
    const dataDir = tempDir();
    const { record } = await cliJson<ImportJson>(dataDir, ['records', 'import', records('lymphoma-pathology-2025-09.txt')]);
    await cliJson(dataDir, ['records', 'import', records('breast-pathology-2025-06.txt')]);
    const lymphomaLine = fs.readFileSync(records('lymphoma-pathology-2025-09.txt'), 'utf8').split('\n').find((line) => /lymphoma/i.test(line) && line.length > 30)!.trim();
    expect(decryptedCopy(dataDir).includes(lymphomaLine)).toBe(true);
    await cliJson(dataDir, ['records', 'remove', String(record.id)]);
    expect(decryptedCopy(dataDir).includes(lymphomaLine)).toBe(false);
    expect((await cliJson<{ records: { fileName: string }[] }>(dataDir, ['records', 'list'])).records.map((r) => r.fileName)).toEqual(['breast-pathology-2025-06.txt']);
  });

  it('delete-all removes the records, the profile and the key, without the passphrase', async () => {
    const dataDir = tempDir();
    await cliJson(dataDir, ['records', 'import', records('ovarian-pathology-2025-02.txt')]);
    const refused = await cli(dataDir, ['records', 'delete-all'], {});
    expect(refused.code).toBe(1);
    expect(fs.existsSync(recordsDatabasePath(dataDir))).toBe(true);

    const run = await cli(dataDir, ['records', 'delete-all', '--yes'], {});
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ removed: expect.arrayContaining(['records.db', 'records-key.json']) as string[] });
    expect(fs.readdirSync(dataDir).filter((name) => name.startsWith('records'))).toEqual([]);
    const line = fs.readFileSync(records('ovarian-pathology-2025-02.txt'), 'utf8').split('\n').find((l) => l.trim().length > 30)!.trim();
    expect(filesContaining(dataDir, line)).toEqual([]);
    // A new passphrase starts new, empty records.
    const fresh = await runCliCapture(['--data-dir', dataDir, '--json', 'records', 'list'], { CAIRN_PASSPHRASE: 'another passphrase' });
    expect(JSON.parse(fresh.stdout)).toMatchObject({ records: [] });
  });
});
