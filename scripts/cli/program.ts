import os from 'node:os';
import { Command, CommanderError, Option } from 'commander';
import { Cairn } from '../../core/cairn';
import { describeError } from '../../core/errors';
import { resolveDataDir } from '../../core/paths';
import { CAIRN_VERSION } from '../../core/version';
import { formatTable, writeJson, type CliIo } from './io';

/** Options every command takes (DESIGN.md, "The command line"). */
interface GlobalOptions {
  dataDir?: string;
  json?: boolean;
}

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

  const withCairn = async <T>(command: Command, work: (cairn: Cairn, options: GlobalOptions) => T | Promise<T>) => {
    const options = command.optsWithGlobals<GlobalOptions>();
    const dataDir = resolveDataDir(options.dataDir, { platform: process.platform, env: io.env, homedir: homedir(io) });
    const cairn = Cairn.open({ dataDir });
    try {
      return await work(cairn, options);
    } finally {
      cairn.close();
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
      });
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
      });
    });

  return program;
}

function homedir(io: CliIo): string {
  return io.env.HOME ?? io.env.USERPROFILE ?? os.homedir();
}
