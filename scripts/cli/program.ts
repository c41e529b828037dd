import fs from 'node:fs';
import os from 'node:os';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { AskMode } from '../../core/answer/answerQuestion';
import { Cairn } from '../../core/cairn';
import type { EmbedderSpec } from '../../core/embed';
import type { ImportReport } from '../../core/library/importFiles';
import { CairnError, describeError } from '../../core/errors';
import { resolveDataDir } from '../../core/paths';
import { CAIRN_VERSION } from '../../core/version';
import { evaluateRetrieval, readEvalQuestions } from '../../core/retrieve';
import { formatTable, writeJson, type CliIo } from './io';
import { parseEmbedderOption } from './embedderOption';
import { importProgressReporter, progressStyle } from './progress';
import { registerModelsCommands } from './modelsCommands';
import { readProfileFile } from './readProfile';
import { registerRecordsCommands } from './recordsCommands';
import { passphraseUnlock } from './passphrase';
import { Records } from '../../core/records/records';
import type { PatientProfile } from '../../core/records/profile';
import { renderAnswer } from './renderAnswer';

/** Options every command takes (DESIGN.md, "The command line"). */
interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
}

/** A failure of the work itself (exit 1) whose details were already printed. */
class ReportedFailure extends Error {}

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * Runs one `cairn` invocation. Returns the exit code: 0 on success, 1 when the work failed, 2 for
 * a usage error. Errors are one line on stderr; with `--json`, stdout holds exactly one document
 * on success and nothing on failure.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ReportedFailure) {
      io.stderr(`cairn: ${error.message}\n`);
      return EXIT.failure;
    }
    if (error instanceof CommanderError) {
      // Help and --version end with a CommanderError whose exit code is 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    io.stderr(`cairn: ${describeError(error)}\n`);
    return EXIT.failure;
  }
}

function buildProgram(io: CliIo): Command {
  const program = new Command('cairn')
    .description('Cairn: answers about cancer treatment from guidelines stored on this computer.')
    .version(CAIRN_VERSION, '-v, --version', 'print the version')
    .addOption(new Option('--data-dir <dir>', 'data directory (default: the desktop app\'s; env CAIRN_DATA_DIR)'))
    .option('--json', 'print exactly one JSON document on stdout')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (message, write) => write(`cairn: ${message.replace(/^error: /, '').trim().split('\n').join(' ')}\n`),
    });

  const dataDirOf = (command: Command) => resolveDataDir(command.optsWithGlobals<GlobalOptions>().dataDir, { platform: process.platform, env: io.env, homedir: homedir(io) });
  const withCairn = async <T>(command: Command, work: (cairn: Cairn, options: GlobalOptions) => T | Promise<T>, setup: { builtInPack?: boolean } = {}) => {
    const options = command.optsWithGlobals<GlobalOptions>();
    const dataDir = dataDirOf(command);
    // A batch tool with no window to keep responsive: embed on every core (up to 4).
    const cairn = Cairn.open({ dataDir, embedderWorkers: Math.max(1, Math.min(4, os.availableParallelism())) });
    try {
      if (setup.builtInPack) {
        // First run (or an updated pack): import the built-in starter pack before answering.
        const reporter = importProgressReporter(io, progressStyle(options.json));
        await cairn.ensureBuiltInPack({ env: io.env, onProgress: (p) => reporter.update(p) });
        reporter.stop();
      }
      return await work(cairn, options);
    } finally {
      await cairn.close();
    }
  };

  program
    .command('status')
    .description('show the version, the data directory and what the library holds')
    .action(async (_options: object, command: Command) => {
      await withCairn(command, (cairn, options) => {
        const status = cairn.status();
        if (options.json) return writeJson(io, status);
        io.stdout(
          [
            `Cairn ${status.version}`,
            `Data directory: ${status.dataDir}`,
            `Documents: ${status.library.documents} (${status.library.builtInDocuments} built in)`,
            `Passages: ${status.library.chunks} (${status.library.embeddedChunks} embedded)`,
            `Search index: ${status.vectorIndex ? `${status.vectorIndex.embedderId}, ${status.vectorIndex.dims} dimensions` : 'not built yet'}`,
          ].join('\n') + '\n',
        );
      }, { builtInPack: true });
    });

  const library = program.command('library').description('the guideline documents Cairn answers from');
  library
    .command('list')
    .description('list documents with their passage counts')
    .action(async (_options: object, command: Command) => {
      await withCairn(command, (cairn, options) => {
        const documents = cairn.listDocuments();
        if (options.json) return writeJson(io, { documents });
        if (documents.length === 0) {
          io.stdout('The library is empty.\n');
          return;
        }
        io.stdout(
          formatTable(
            ['ID', 'Title', 'Publisher', 'Cancer types', 'Passages'],
            documents.map((d) => [String(d.id), d.title + (d.builtIn ? ' (built in)' : ''), d.publisher ?? '', d.cancerTypes.join(', '), String(d.chunkCount)]),
          ),
        );
      }, { builtInPack: true });
    });

  library
    .command('import')
    .description('import guideline files or folders (PDF, HTML, Markdown, .txt, JSONL passages)')
    .argument('<paths...>', 'files or folders')
    .action(async (paths: string[], _options: object, command: Command) => {
      await withCairn(command, async (cairn, options) => {
        const reporter = importProgressReporter(io, progressStyle(options.json));
        const controller = new AbortController();
        const cancel = () => controller.abort();
        process.once('SIGINT', cancel);
        try {
          const report = await cairn.importLibrary(paths, { signal: controller.signal, onProgress: (p) => reporter.update(p) });
          reporter.stop();
          if (options.json) writeJson(io, report);
          else io.stdout(describeImport(report));
          if (report.cancelled) throw new ReportedFailure('Import cancelled; documents finished before that were kept.');
          if (report.failed.length > 0) throw new ReportedFailure(`${report.failed.length} file(s) could not be imported (see the report).`);
        } finally {
          reporter.stop();
          process.off('SIGINT', cancel);
        }
      });
    });

  library
    .command('edit')
    .description("correct a document's title, publisher, edition or cancer types")
    .argument('<id>', 'document id (see `library list`)', parsePositiveInt)
    .option('--title <text>')
    .option('--publisher <text>')
    .option('--edition <text>')
    .option('--cancer-types <list>', 'comma-separated, e.g. "Melanoma,Skin cancer"')
    .action(async (id: number, edit: { title?: string; publisher?: string; edition?: string; cancerTypes?: string }, command: Command) => {
      await withCairn(command, (cairn, options) => {
        const { cancerTypes, ...rest } = edit;
        const updated = cairn.editDocument(id, { ...rest, ...(cancerTypes !== undefined ? { cancerTypes: cancerTypes.split(',').map((t) => t.trim()).filter(Boolean) } : {}) });
        if (options.json) return writeJson(io, updated);
        io.stdout(`Updated ${updated.id}: ${updated.title} (${updated.cancerTypes.join(', ') || 'no cancer types'})\n`);
      });
    });

  library
    .command('remove')
    .description('remove a document and its passages from the library')
    .argument('<id>', 'document id (see `library list`)', parsePositiveInt)
    .action(async (id: number, _options: object, command: Command) => {
      await withCairn(command, (cairn, options) => {
        cairn.removeDocument(id);
        if (options.json) return writeJson(io, { removed: id });
        io.stdout(`Removed document ${id}.\n`);
      });
    });

  library
    .command('reindex')
    .description('embed the library again: with another embedder (remembered), or finish an interrupted re-index')
    .option('--embedder <spec>', '"use-lite" (built in) or "transformers:<model folder>"', parseEmbedderOption)
    .action(async (commandOptions: { embedder?: EmbedderSpec }, command: Command) => {
      await withCairn(command, async (cairn, options) => {
        const showBar = !options.json && Boolean(process.stderr.isTTY);
        const result = await cairn.reindex(commandOptions.embedder, {
          onProgress: (p) => {
            if (showBar) io.stderr(`\rEmbedding ${p.embedded}/${p.total} passages`);
          },
        });
        if (showBar) io.stderr('\n');
        if (options.json) return writeJson(io, result);
        io.stdout(`${result.rebuilt ? 'Rebuilt the index' : 'Index up to date'} with ${result.embedderId}: ${result.embedded} passages embedded.\n`);
      });
    });

  program
    .command('search')
    .description('search the library; prints ranked passages')
    .argument('<query>', 'what to look for, e.g. "surgery for metastatic melanoma"')
    .option('--k <n>', 'number of results', parsePositiveInt, 10)
    .action(async (query: string, commandOptions: { k: number }, command: Command) => {
      await withCairn(command, async (cairn, options) => {
        const response = await cairn.search(query, { k: commandOptions.k });
        // The fields of the command-line contract (DESIGN.md), nothing else.
        const results = response.results.map(({ cancerTypes: _types, basedOn: _basedOn, publisher: _publisher, edition: _edition, ...result }) => result);
        if (options.json) return writeJson(io, { query, understanding: response.understanding, usedVectors: response.usedVectors, results });
        if (results.length === 0) {
          io.stdout('Nothing in the library matches. Import guidelines with `cairn library import <file>`.\n');
          return;
        }
        io.stdout(
          results
            .map((r, i) => `${i + 1}. ${r.title}${r.section ? ` › ${r.section}` : ''}${r.page ? ` (page ${r.page})` : ''}  [score ${r.score}]\n   ${r.text.slice(0, 240).replace(/\s+/g, ' ')}${r.text.length > 240 ? '…' : ''}`)
            .join('\n') + '\n',
        );
      }, { builtInPack: true });
    });

  program
    .command('ask')
    .description('answer a question from the library: structured, cited, with disclaimers')
    .argument('<question>', 'e.g. "Is surgery an option for metastatic melanoma?"')
    .addOption(new Option('--mode <mode>', 'who writes the answer').choices(['auto', 'llm', 'extractive']).default('auto'))
    .option('--profile <file-or-id>', 'personalize the answer: a profile id from your records (e.g. "me"), or a profile JSON file as `records import --json` prints it')
    .action(async (question: string, commandOptions: { mode: AskMode; profile?: string }, command: Command) => {
      const profile = commandOptions.profile ? await loadProfile(commandOptions.profile, dataDirOf(command)) : undefined;
      await withCairn(command, async (cairn, options) => {
        const controller = new AbortController();
        const cancel = () => controller.abort();
        process.once('SIGINT', cancel);
        try {
          const answer = await cairn.ask(question, { mode: commandOptions.mode, signal: controller.signal, ...(profile ? { profile } : {}) });
          if (options.json) writeJson(io, answer);
          else io.stdout(renderAnswer(answer));
        } finally {
          process.off('SIGINT', cancel);
        }
      }, { builtInPack: true });
    });

  registerModelsCommands(program, { io, withCairn });
  registerRecordsCommands(program, {
    io,
    dataDirOf,
    withCairn: (command, work) => withCairn(command, work),
  });

  /** `ask --profile`: a file when one exists at that path, else a profile id in the encrypted records. */
  async function loadProfile(fileOrId: string, dataDir: string): Promise<PatientProfile> {
    if (fs.existsSync(fileOrId)) return readProfileFile(fileOrId);
    const records = Records.open({ dataDir, unlock: await passphraseUnlock(io, dataDir) });
    try {
      const { profile } = records.profile(fileOrId);
      if (Object.keys(profile).length === 0) throw new CairnError('NOT_FOUND', `There is no profile file "${fileOrId}" and no records under the profile id "${fileOrId}".`);
      return profile;
    } finally {
      records.close();
    }
  }

  const evaluate = program.command('eval').description('measure Cairn on a test set');
  evaluate
    .command('retrieval')
    .description('import the passages if needed, run every question, print recall@5, MRR@10 and latency')
    .requiredOption('--passages <file>', 'JSONL passages {passage_id, text, ...}')
    .requiredOption('--questions <file>', 'JSONL questions {q|question, gold|gold_passage_ids}')
    .option('--k <n>', 'cut-off for recall', parsePositiveInt, 5)
    .action(async (commandOptions: { passages: string; questions: string; k: number }, command: Command) => {
      await withCairn(command, async (cairn, options) => {
        const questions = readEvalQuestions(commandOptions.questions);
        const reporter = importProgressReporter(io, progressStyle(options.json));
        const report = await cairn.importLibrary([commandOptions.passages], { onProgress: (p) => reporter.update(p) });
        reporter.stop();
        if (report.failed.length > 0) throw new ReportedFailure(`The passages could not be imported: ${report.failed[0]!.reason}`);
        const depth = Math.max(commandOptions.k, 10);
        // Start the embedder before timing, as a running app would have it loaded.
        if (questions[0]) await cairn.search(questions[0].question, { k: depth });
        const result = await evaluateRetrieval(questions, (question) => cairn.search(question, { k: depth }), { k: commandOptions.k });
        if (options.json) return writeJson(io, result);
        io.stdout(
          `Questions: ${result.n}\nRecall@5: ${result.recallAt5}${commandOptions.k !== 5 ? `\nRecall@${commandOptions.k}: ${result.recallAtK}` : ''}\nMRR@10: ${result.mrrAt10}\nLatency p50: ${result.p50Ms} ms, p95: ${result.p95Ms} ms\n`,
        );
      });
    });

  return program;
}

function parsePositiveInt(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 1000) throw new InvalidArgumentError('Expected a whole number from 1 to 1000.');
  return number;
}

function describeImport(report: ImportReport): string {
  const lines: string[] = [];
  for (const doc of report.added) lines.push(`${doc.replaced ? 'Replaced' : 'Added'}: ${doc.title} (${doc.chunks} passages) from ${doc.file}`);
  for (const skip of report.skipped) lines.push(`Skipped: ${skip.file}: ${skip.reason}`);
  for (const failure of report.failed) lines.push(`Failed: ${failure.file}: ${failure.reason}`);
  lines.push(`${report.added.length} added, ${report.skipped.length} skipped, ${report.failed.length} failed.`);
  return lines.join('\n') + '\n';
}

function homedir(io: CliIo): string {
  return io.env.HOME ?? io.env.USERPROFILE ?? os.homedir();
}
