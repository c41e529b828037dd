import type { Command } from 'commander';
import { CairnError } from '../../core/errors';
import {
  downloadCatalogModel,
  findCatalogEntry,
  formatBytes,
  importModelFile,
  isVerifiable,
  loadCatalog,
  type Catalog,
  type InstalledModel,
  type LlamaSource,
  type ModelDownloadProgress,
  type ModelRegistry,
} from '../../core/models';
import type { NetworkLog } from '../../core/privacy/networkLog';
import { describeModels, type ModelsListing } from '../../core/models/listing';
import { formatTable, writeJson, type CliIo } from './io';
import { progressStyle, type ProgressStyle } from './progress';

/** The global options a models command reads. */
interface CommandOptions {
  json?: boolean;
}

/** What the models commands need from `Cairn` (core/cairn.ts): its model registry. */
export interface ModelsHost {
  readonly models: ModelRegistry;
  /** Where downloads list their requests (the privacy panel). */
  readonly networkLog: NetworkLog;
}

export interface ModelsCommandsDeps {
  io: CliIo;
  /** program.ts's `withCairn`: opens Cairn on the chosen data directory for one command, closes it after. */
  withCairn: (command: Command, work: (cairn: ModelsHost, options: CommandOptions) => unknown) => Promise<unknown>;
  /** The catalog file. Default: `defaultCatalogFile()` (the packaged app's, else the repository's). */
  catalogFile?: string;
  /** The fetch downloads use. Default: Node's global fetch. Tests pass one bound to a local server. */
  fetchImpl?: typeof fetch;
  /** The llama.cpp instance model checks use. Default: a CPU-only one per check. Tests pass their shared one. */
  llama?: LlamaSource;
  /** How to show download progress on stderr. Default: a line that updates in place on a terminal, none with --json. */
  progress?: ProgressStyle;
}

/**
 * `cairn models list|import|download|use|remove`: the local answer models (DESIGN.md, "The
 * command line"). Failures are CairnErrors, printed by `runCli` as one line (exit 1).
 */
export function registerModelsCommands(program: Command, deps: ModelsCommandsDeps): void {
  const { io, withCairn } = deps;
  const catalog = () => loadCatalog(deps.catalogFile);
  const models = program.command('models').description('the local models Cairn answers with');

  models
    .command('list')
    .description('the recommended models (catalog) and what is installed')
    .action(async (_options: object, command: Command) => {
      await withCairn(command, (cairn, options) => {
        const listing = describeModels(catalog(), cairn.models.list(), cairn.models.activeId());
        if (options.json) return writeJson(io, listing);
        io.stdout(formatListing(listing));
      });
    });

  models
    .command('import')
    .description('import a GGUF model file (no internet needed); it is checked, copied into the data directory and registered')
    .argument('<file>', 'a .gguf file')
    .option('--in-place', 'register the file where it is instead of copying it')
    .option('--name <text>', 'the name to show for it')
    .action(async (file: string, commandOptions: { inPlace?: boolean; name?: string }, command: Command) => {
      await withCairn(command, async (cairn, options) => {
        const style = deps.progress ?? progressStyle(options.json);
        // Loading a real model to check it takes a few seconds.
        if (style !== 'quiet') io.stderr(`Checking ${file}…\n`);
        const progress = lineProgress(io, style);
        const model = await cancellable((signal) =>
          importModelFile(cairn.models, file, {
            signal,
            ...(commandOptions.inPlace ? { inPlace: true } : {}),
            ...(commandOptions.name ? { name: commandOptions.name } : {}),
            ...optionalCatalog(catalog),
            ...(deps.llama ? { llama: deps.llama } : {}),
            onProgress: (p) => progress.update(`Copying ${formatBytes(p.copiedBytes)} of ${formatBytes(p.totalBytes)}`),
          }),
        ).finally(() => progress.stop());
        const active = cairn.models.activeId() === model.id;
        if (options.json) return writeJson(io, { model, active });
        io.stdout(`Imported ${model.name} as "${model.id}" (${model.architecture ?? 'unknown architecture'}, ${formatBytes(model.sizeBytes)}): ${model.file}\n${activeLine(model, active)}`);
      });
    });

  models
    .command('download')
    .description('download a model from the catalog (resumes an interrupted download; checks its sha256)')
    .argument('<id>', 'a catalog id (see `models list`)')
    .option('--allow-unverified', 'download even though the catalog has no checksum for it (its integrity cannot be checked)')
    .action(async (id: string, commandOptions: { allowUnverified?: boolean }, command: Command) => {
      await withCairn(command, async (cairn, options) => {
        const entry = findCatalogEntry(catalog(), id);
        if (!isVerifiable(entry)) {
          if (!commandOptions.allowUnverified) {
            throw new CairnError(
              'DOWNLOAD_UNVERIFIED',
              `The catalog has no published checksum for ${entry.name} yet, so Cairn cannot check that the download is complete and unaltered; to download it anyway, run the command again with --allow-unverified.`,
            );
          }
          io.stderr(`Warning: ${entry.name} has no published checksum; downloading it WITHOUT an integrity check because of --allow-unverified.\n`);
        }
        const progress = lineProgress(io, deps.progress ?? progressStyle(options.json));
        const model = await cancellable((signal) =>
          downloadCatalogModel(cairn.models, entry, {
            signal,
            allowUnverified: commandOptions.allowUnverified ?? false,
            ...(deps.fetchImpl ? { fetchImpl: deps.fetchImpl } : {}),
            ...(deps.llama ? { llama: deps.llama } : {}),
            networkLog: cairn.networkLog,
            onProgress: (p) => progress.update(describeProgress(p), p.fileIndex),
          }),
        ).finally(() => progress.stop());
        const active = cairn.models.activeId() === model.id;
        if (options.json) return writeJson(io, { model, active, verified: isVerifiable(entry) });
        const check = isVerifiable(entry) ? 'checksum verified' : 'NOT verified: no published checksum';
        const next =
          model.kind === 'embedding'
            ? `To search with it, re-index the library: cairn library reindex --embedder transformers:${model.file}\n`
            : activeLine(model, active);
        io.stdout(`Downloaded ${model.name} (${formatBytes(model.sizeBytes)}, ${check}) to ${model.file}\n${next}`);
      });
    });

  models
    .command('use')
    .description('choose the installed model Cairn answers with')
    .argument('<id>', 'an installed model (see `models list`)')
    .action(async (id: string, _options: object, command: Command) => {
      await withCairn(command, (cairn, options) => {
        const model = cairn.models.setActive(id);
        if (options.json) return writeJson(io, { activeModel: model });
        io.stdout(`Cairn will answer with ${model.name} ("${model.id}").\n`);
      });
    });

  models
    .command('remove')
    .description('forget an installed model and delete its file if it is in the data directory')
    .argument('<id>', 'an installed model (see `models list`)')
    .action(async (id: string, _options: object, command: Command) => {
      await withCairn(command, (cairn, options) => {
        const { removed, deletedFile } = cairn.models.remove(id);
        if (options.json) return writeJson(io, { removed: removed.id, file: removed.file, deletedFile });
        io.stdout(deletedFile ? `Removed ${removed.name} and deleted ${removed.file}.\n` : `Removed ${removed.name} from the list; its file ${removed.file} was left where it is.\n`);
      });
    });
}

function formatListing(listing: ModelsListing): string {
  const status = (row: { installed: boolean; active: boolean }) => (row.active ? 'active' : row.installed ? 'installed' : '');
  let text = formatTable(
    ['ID', 'Name', 'Kind', 'Size', 'RAM', 'License', 'Status'],
    listing.catalog.map((row) => [
      row.id + (row.default ? ' *' : ''),
      row.name,
      row.kind,
      `~${formatBytes(row.approxSizeMB * 1e6)}`,
      `${row.ramGB} GB`,
      row.license,
      status(row) || (row.verified ? '' : 'no checksum yet'),
    ]),
  );
  text += '* recommended to start with.\n';
  const imported = listing.installed.filter((model) => !model.inCatalog);
  if (imported.length > 0) {
    text += '\nImported:\n' + formatTable(['ID', 'Name', 'Size', 'Status', 'File'], imported.map((m) => [m.id, m.name, formatBytes(m.sizeBytes), m.active ? 'active' : 'installed', m.file]));
  }
  text += listing.activeModel
    ? `\nAnswer model: ${listing.activeModel}\n`
    : '\nNo answer model yet: download one with `cairn models download <id>` or import a GGUF file with `cairn models import <file>`.\n';
  return text;
}

function activeLine(model: InstalledModel, active: boolean): string {
  if (model.kind !== 'chat') return '';
  return active ? 'Cairn answers with it.\n' : `To answer with it: cairn models use ${model.id}\n`;
}

function describeProgress(p: ModelDownloadProgress): string {
  const files = p.fileCount > 1 ? ` (file ${p.fileIndex}/${p.fileCount})` : '';
  const of = p.totalBytes !== null ? ` of ${formatBytes(p.totalBytes)} (${Math.floor((p.receivedBytes / Math.max(1, p.totalBytes)) * 100)}%)` : '';
  return `Downloading ${p.file}${files}: ${formatBytes(p.receivedBytes)}${of}`;
}

/**
 * Progress on stderr: one line rewritten in place on a terminal (at most 5 times a second),
 * one line per step (file) in logs, nothing with --json.
 */
function lineProgress(io: CliIo, style: ProgressStyle): { update(text: string, step?: number): void; stop(): void } {
  let lastWrite = 0;
  let lastStep: number | undefined;
  let shown = false;
  return {
    update(text, step = 0) {
      if (style === 'quiet') return;
      if (style === 'lines') {
        if (step !== lastStep) io.stderr(`${text}\n`);
        lastStep = step;
        return;
      }
      const now = Date.now();
      if (now - lastWrite < 200 && step === lastStep) return;
      lastWrite = now;
      lastStep = step;
      shown = true;
      io.stderr(`\r${text}\x1b[K`);
    },
    stop() {
      if (shown) io.stderr('\n');
      shown = false;
    },
  };
}

/** Runs `work` with a signal that Ctrl+C aborts (a download then keeps its partial file to resume). */
async function cancellable<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', cancel);
  }
}

/** The catalog for recognising imported catalog models; an import works without one. */
function optionalCatalog(load: () => Catalog): { catalog?: Catalog } {
  try {
    return { catalog: load() };
  } catch {
    return {};
  }
}
