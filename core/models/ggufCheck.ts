import fs from 'node:fs';
import type { GgufFileInfo, Llama } from 'node-llama-cpp';
import { CairnError } from '../errors';

/** node-llama-cpp takes ~0.4 s to import: load it only when a model is checked, not with every command. */
const llamaCpp = () => import('node-llama-cpp');

/** What a checked GGUF model says about itself. */
export interface GgufModelInfo {
  /** `general.architecture`, e.g. `llama`, `qwen2`, `phi3`. */
  architecture: string;
  /** `general.name`, when the file has one. */
  name: string | null;
  /** The context length the model was trained for, when the file says. */
  contextLength: number | null;
  sizeBytes: number;
  /** True when the file carries a chat template (`tokenizer.chat_template`). */
  hasChatTemplate: boolean;
}

/** A llama.cpp instance, or a function that makes one. */
export type LlamaSource = Llama | (() => Promise<Llama>);

export interface CheckGgufOptions {
  /**
   * Load the model with llama.cpp (then free it) to prove it runs on this computer. Takes a few
   * seconds and the model's size in memory for a real model. Default: true.
   */
  verifyLoad?: boolean;
  /**
   * The llama.cpp instance for the size check and the load. Default: a CPU-only instance made
   * for this check with the prebuilt binaries (`getLlama({ gpu: false, build: 'never' })`) and
   * disposed after it. Tests pass their shared instance.
   */
  llama?: LlamaSource;
}

const GGUF_MAGIC = 'GGUF';
const HEADER_BYTES = 24; // magic, u32 version, u64 tensor count, u64 key/value count
/** Smallest possible encodings, to tell absurd counts (random bytes) from a real header. */
const MIN_KV_BYTES = 8 + 1 + 4;
const MIN_TENSOR_INFO_BYTES = 8 + 1 + 4 + 8 + 4 + 8;

/**
 * Checks that `file` is a complete, loadable GGUF model and reads what it says about itself.
 * Every failure is a `CairnError` with one plain sentence: `MODEL_NOT_FOUND` for a missing file,
 * `INVALID_MODEL` for anything else ("This file is not a GGUF model.", "The model file is
 * damaged: …").
 */
export async function checkGgufModel(file: string, options: CheckGgufOptions = {}): Promise<GgufModelInfo> {
  const sizeBytes = statModelFile(file);
  checkHeader(file, sizeBytes);

  const { readGgufFileInfo } = await llamaCpp();
  let info: GgufFileInfo;
  try {
    info = await readGgufFileInfo(file, { sourceType: 'filesystem', logWarnings: false, spliceSplitFiles: false });
  } catch (error) {
    throw damaged('its header cannot be read', error);
  }
  const metadata = info.metadata as unknown as Record<string, Record<string, unknown> | undefined>;
  const splitCount = Number(metadata.split?.count ?? 1);
  if (splitCount > 1) {
    throw new CairnError('INVALID_MODEL', `This file is one part of a model split into ${splitCount} files; Cairn needs the model as one GGUF file (join the parts with llama-gguf-split --merge).`);
  }
  const architecture = metadata.general?.architecture;
  if (typeof architecture !== 'string' || architecture === '') throw damaged('it does not say which model architecture it is');
  const name = metadata.general?.name;
  const contextLength = toNumber(metadata[architecture]?.context_length);
  const tokenizer = metadata.tokenizer as { chat_template?: unknown } | undefined;

  const { llama, dispose } = await resolveLlama(options.llama);
  try {
    await checkLength(info, sizeBytes, llama);
    if (options.verifyLoad ?? true) await checkLoads(file, llama, architecture);
  } finally {
    await dispose();
  }
  return {
    architecture,
    name: typeof name === 'string' && name.trim() ? name.trim() : null,
    contextLength,
    sizeBytes,
    hasChatTemplate: typeof tokenizer?.chat_template === 'string' && tokenizer.chat_template.length > 0,
  };
}

function statModelFile(file: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CairnError('MODEL_NOT_FOUND', `There is no file at ${file}.`, { cause: error });
    throw new CairnError('INVALID_MODEL', `The model file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`, { cause: error });
  }
  if (!stat.isFile()) throw new CairnError('INVALID_MODEL', `${file} is a folder, not a GGUF model file.`);
  return stat.size;
}

/** Magic, version and counts, read by hand: cheap, and safe on random bytes. */
function checkHeader(file: string, sizeBytes: number): void {
  const header = Buffer.alloc(HEADER_BYTES);
  const fd = fs.openSync(file, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, header, 0, HEADER_BYTES, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < 4 || header.toString('latin1', 0, 4) !== GGUF_MAGIC) throw new CairnError('INVALID_MODEL', 'This file is not a GGUF model.');
  if (read < HEADER_BYTES) throw damaged('it ends inside its header');
  const version = header.readUInt32LE(4);
  if (version === 1) throw new CairnError('INVALID_MODEL', 'This model uses the first GGUF format, which llama.cpp no longer reads; get a newer conversion of the model.');
  if (version > 3 && version < 64) throw new CairnError('INVALID_MODEL', `This model uses GGUF format version ${version}, which this version of Cairn cannot read yet.`);
  if (version !== 2 && version !== 3) throw damaged('its GGUF header is not valid');
  const tensorCount = header.readBigUInt64LE(8);
  const kvCount = header.readBigUInt64LE(16);
  if (tensorCount === 0n) throw new CairnError('INVALID_MODEL', 'This GGUF file holds no model weights (it may be a vocabulary or adapter file).');
  if (tensorCount * BigInt(MIN_TENSOR_INFO_BYTES) + kvCount * BigInt(MIN_KV_BYTES) > BigInt(sizeBytes)) throw damaged('its GGUF header is not valid');
}

/** The weights must all be in the file: a short file is an interrupted download or copy. */
async function checkLength(info: GgufFileInfo, sizeBytes: number, llama: Llama): Promise<void> {
  const first = info.tensorInfo?.[0];
  if (!first) throw damaged('it lists no weights');
  let required: number;
  try {
    const dataStart = Number(BigInt(first.fileOffset) - BigInt(first.offset));
    // With mmap (llama.cpp's default), `modelSize` spans the data section from its start to the end of the last tensor.
    const { GgufInsights } = await llamaCpp();
    required = dataStart + (await GgufInsights.from(info, llama)).modelSize;
  } catch {
    return; // a tensor type this llama.cpp does not know: the load check will tell
  }
  if (sizeBytes < required) throw damaged(`it is ${sizeBytes} bytes long but its header describes ${required} bytes (an incomplete download or copy?)`);
}

async function checkLoads(file: string, llama: Llama, architecture: string): Promise<void> {
  const { InsufficientMemoryError } = await llamaCpp();
  try {
    const model = await llama.loadModel({ modelPath: file, gpuLayers: 0 });
    await model.dispose();
  } catch (error) {
    if (error instanceof InsufficientMemoryError) {
      throw new CairnError('INVALID_MODEL', 'This computer does not have enough free memory to run this model; choose a smaller one.', { cause: error });
    }
    throw new CairnError('INVALID_MODEL', `The model file is damaged or not supported: llama.cpp could not load it (architecture "${architecture}").`, { cause: error });
  }
}

async function resolveLlama(source: LlamaSource | undefined): Promise<{ llama: Llama; dispose: () => Promise<void> }> {
  if (typeof source === 'function') return { llama: await source(), dispose: async () => {} };
  if (source) return { llama: source, dispose: async () => {} };
  // Loading a model runs no inference, so one thread is plenty.
  const { getLlama, LlamaLogLevel } = await llamaCpp();
  const llama = await getLlama({ gpu: false, build: 'never', skipDownload: true, progressLogs: false, logLevel: LlamaLogLevel.error, maxThreads: 1 });
  return { llama, dispose: () => llama.dispose() };
}

function damaged(detail: string, cause?: unknown): CairnError {
  return new CairnError('INVALID_MODEL', `The model file is damaged: ${detail}.`, cause === undefined ? undefined : { cause });
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  if (typeof value === 'bigint' && value > 0n) return Number(value);
  return null;
}
