import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { CairnError } from '../../core/errors';
import type { CombinedProfile } from '../../core/records/combineProfiles';
import { deleteAllData } from '../../core/records/deleteAllData';
import type { Cairn } from '../../core/cairn';
import type { Evidence, PatientProfile } from '../../core/records/profile';
import { Records } from '../../core/records/records';
import { DEFAULT_PROFILE_ID } from '../../core/records/store/recordsRepository';
import { formatTable, writeJson, type CliIo } from './io';
import { passphraseUnlock } from './passphrase';

interface CommandOptions {
  json?: boolean;
  dataDir?: string;
}

/** What the records commands need from program.ts. */
export interface RecordsCommandsDeps {
  io: CliIo;
  /** Resolves the data directory the way every command does (`--data-dir`, `CAIRN_DATA_DIR`, the app's). */
  dataDirOf: (command: Command) => string;
  /** program.ts's `withCairn`: opens Cairn for one command (here: the active model's extraction pass). */
  withCairn: (command: Command, work: (cairn: Cairn) => Promise<void>) => Promise<void>;
}

const profileOption = () => new Option('--profile <id>', 'whose records (a clinic may keep one profile per patient)').default(DEFAULT_PROFILE_ID);

/**
 * `cairn records ...`: import a record file, see and correct the profile, remove records, delete
 * everything. Every command but `delete-all` unlocks the encrypted store with the passphrase.
 */
export function registerRecordsCommands(program: Command, deps: RecordsCommandsDeps): void {
  const { io } = deps;
  const withRecords = async <T>(command: Command, work: (records: Records, options: CommandOptions) => T | Promise<T>): Promise<T> => {
    const options = command.optsWithGlobals<CommandOptions>();
    const dataDir = deps.dataDirOf(command);
    const records = Records.open({ dataDir, unlock: await passphraseUnlock(io, dataDir) });
    try {
      return await work(records, options);
    } finally {
      records.close();
    }
  };

  const records = program.command('records').description('your medical records: read on this computer, encrypted, never sent anywhere');

  records
    .command('import')
    .description('read one record file (PDF, PNG/JPEG, text, FHIR R4 JSON, C-CDA XML) and print what it says, with evidence')
    .argument('<file>', 'the record file')
    .addOption(profileOption())
    .option('--no-model', 'use only the rules, even when a local model is installed')
    .action(async (file: string, commandOptions: { profile: string; model: boolean }, command: Command) => {
      await deps.withCairn(command, async (cairn) => {
        const extractor = commandOptions.model ? await cairn.recordModelExtractor() : null;
        await withRecords(command, async (store, options) => {
          const showProgress = !options.json && Boolean(process.stderr.isTTY);
          const controller = new AbortController();
          const cancel = () => controller.abort();
          process.once('SIGINT', cancel);
          try {
            const result = await store.import(file, {
              profileId: commandOptions.profile,
              signal: controller.signal,
              ...(showProgress ? { onProgress: (p: { message: string }) => io.stderr(`${p.message}…\n`) } : {}),
              ...(extractor ? { modelExtractor: extractor } : {}),
            });
            if (options.json) return writeJson(io, result);
            io.stdout(
              `${result.alreadyImported ? 'Already imported' : 'Imported'}: ${result.record.fileName} (record ${result.record.id}${result.record.recordDate ? `, dated ${result.record.recordDate}` : ''})\n` +
                renderProfile(result.profile) +
                (result.modelPass ? `The local model (${result.modelPass.model}) proposed ${result.modelPass.proposed} facts; ${result.modelPass.kept} were quoted from the record and ${result.modelPass.added} added to what the rules found.\n` : '') +
                'Check each value with `cairn records profile`; correct one with `cairn records set <field> <value>`.\n',
            );
          } finally {
            process.off('SIGINT', cancel);
          }
        });
      });
    });

  records
    .command('list')
    .description('the record files Cairn keeps (encrypted) for a profile')
    .addOption(profileOption())
    .action(async (commandOptions: { profile: string }, command: Command) => {
      await withRecords(command, (store, options) => {
        const list = store.list(commandOptions.profile);
        if (options.json) return writeJson(io, { profileId: commandOptions.profile, records: list });
        if (list.length === 0) return void io.stdout('No records yet. Add one with `cairn records import <file>`.\n');
        io.stdout(formatTable(['ID', 'File', 'Kind', 'Dated', 'Imported'], list.map((r) => [String(r.id), r.fileName, r.format, r.recordDate ?? '', r.importedAt.slice(0, 10)])));
      });
    });

  records
    .command('profile')
    .description('the profile from all records: each value with its source, conflicts between records, and your corrections')
    .addOption(profileOption())
    .action(async (commandOptions: { profile: string }, command: Command) => {
      await withRecords(command, (store, options) => {
        const combined = store.profile(commandOptions.profile);
        if (options.json) return writeJson(io, { profileId: commandOptions.profile, ...combined });
        io.stdout(renderReview(combined));
      });
    });

  const editCommand = (name: 'confirm' | 'set' | 'unset' | 'revert', description: string) => {
    const command = records.command(name).description(description).argument('<field>', 'e.g. stage, cancerType, biomarkers.BRAF, treatments.drug.nivolumab');
    if (name === 'set') command.argument('<value>', 'e.g. IIIB, "positive V600E", "ECOG 1", "yes: liver, bone", 2026-03-01, or the field as JSON');
    command.addOption(profileOption()).action(async (...args: unknown[]) => {
      const self = args.at(-1) as Command;
      const [field, value] = args as [string, string | undefined];
      const { profile } = self.opts<{ profile: string }>();
      await withRecords(self, (store, options) => {
        const action = name === 'unset' ? 'remove' : name;
        const combined = store.edit({ field, action, ...(value !== undefined ? { value } : {}) }, profile);
        if (options.json) return writeJson(io, { profileId: profile, ...combined });
        io.stdout(renderReview(combined));
      });
    });
  };
  editCommand('confirm', 'confirm that a value is right');
  editCommand('set', 'correct a value (your value wins over every record)');
  editCommand('unset', 'say a value is wrong: it leaves the profile, whatever the records say');
  editCommand('revert', 'undo your correction or confirmation of a value');

  records
    .command('remove')
    .description('remove one record, its text and what came from it')
    .argument('<id>', 'record id (see `records list`)', (value) => Number.parseInt(value, 10))
    .action(async (id: number, _options: object, command: Command) => {
      await withRecords(command, (store, options) => {
        const removed = store.remove(id);
        if (options.json) return writeJson(io, { removed });
        io.stdout(`Removed record ${removed.id} (${removed.fileName}).\n`);
      });
    });

  records
    .command('export')
    .description('write the original file of a record back out')
    .argument('<id>', 'record id (see `records list`)', (value) => Number.parseInt(value, 10))
    .argument('<out>', 'where to write it')
    .action(async (id: number, out: string, _options: object, command: Command) => {
      await withRecords(command, (store, options) => {
        const original = store.original(id);
        fs.writeFileSync(out, original.bytes, { flag: 'wx', mode: 0o600 });
        if (options.json) return writeJson(io, { id, fileName: original.fileName, out, bytes: original.bytes.length });
        io.stdout(`Wrote ${original.fileName} to ${out}.\n`);
      });
    });

  records
    .command('delete-all')
    .description('delete all your data: every record, the profile, your corrections and the key (the guideline library stays)')
    .option('--yes', 'really delete; there is no undo')
    .action((commandOptions: { yes?: boolean }, command: Command) => {
      if (!commandOptions.yes) throw new CairnError('INVALID_INPUT', 'This deletes every record, the profile and the key for good; run it again with --yes.');
      const options = command.optsWithGlobals<CommandOptions>();
      const result = deleteAllData(deps.dataDirOf(command));
      if (options.json) return writeJson(io, result);
      io.stdout(result.removed.length ? `Deleted your records, profile and key (${result.removed.join(', ')}).\n` : 'There were no records to delete.\n');
    });
}

function renderProfile(profile: PatientProfile): string {
  const lines: string[] = [];
  const add = (label: string, value: string, evidence: Evidence[] | undefined) => {
    lines.push(`  ${label}: ${value}`);
    for (const item of (evidence ?? []).slice(0, 2)) lines.push(`      "${item.text}" (${item.file}${item.page ? `, page ${item.page}` : ''})`);
  };
  if (profile.cancerType) add('Cancer type', profile.cancerType.value + (profile.cancerType.detail ? ` (${profile.cancerType.detail})` : ''), profile.cancerType.evidence);
  if (profile.stage) add('Stage', profile.stage.value + (profile.stage.tnm ? ` (${profile.stage.tnm})` : ''), profile.stage.evidence);
  if (profile.metastatic) add('Spread', profile.metastatic.value ? `yes${profile.metastatic.sites?.length ? `: ${profile.metastatic.sites.join(', ')}` : ''}` : 'no', profile.metastatic.evidence);
  for (const marker of profile.biomarkers ?? []) add(marker.name, marker.status + (marker.detail ? ` (${marker.detail})` : ''), marker.evidence);
  if (profile.performanceStatus) add('Performance status', `${profile.performanceStatus.scale} ${profile.performanceStatus.value}`, profile.performanceStatus.evidence);
  for (const treatment of profile.treatments ?? []) add(`Treatment (${treatment.kind})`, treatment.name + (treatment.date ? `, ${treatment.date}` : ''), treatment.evidence);
  for (const date of profile.keyDates ?? []) add(`Date of ${date.label}`, date.date, date.evidence);
  return lines.length ? `${lines.join('\n')}\n` : '  Nothing about diagnosis, stage, biomarkers or treatment was found in this file.\n';
}

function renderReview(combined: CombinedProfile): string {
  if (combined.fields.length === 0) return 'The profile is empty. Add a record with `cairn records import <file>`.\n';
  const table = formatTable(
    ['Field', 'Value', 'From', 'Checked'],
    combined.fields.map((field) => [field.field, field.value, field.source === 'person' ? 'you' : `${field.evidence[0]?.file ?? ''}${field.recordDate ? ` (${field.recordDate})` : ''}`, field.confirmed ? 'yes' : 'not yet']),
  );
  const conflicts = combined.conflicts.map(
    (conflict) => `Records disagree on ${conflict.label.toLowerCase()}: using ${conflict.chosen.value} from ${conflict.chosen.file}${conflict.chosen.recordDate ? ` (${conflict.chosen.recordDate}, the newest)` : ''}; ${conflict.others.map((other) => `${other.file} says ${other.value}`).join('; ')}.`,
  );
  return table + (conflicts.length ? `\n${conflicts.join('\n')}\n` : '');
}
