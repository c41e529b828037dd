import path from 'node:path';
import type {
  ChatHistoryItem,
  ChatWrapper,
  Llama,
  LlamaChatSession,
  LlamaGrammar,
  LlamaModel,
} from 'node-llama-cpp';
import { CairnError } from '../errors';
import { CONTEXT_SLACK_TOKENS, GrammarChat } from '../models/grammarChat';
import { loadLocalModel, resolveThreads } from '../models/loadLocalModel';
import { DRAFT_LIMITS, draftJsonSchema, type DraftLimits } from './draftJsonSchema';
import { buildSystemPrompt, formatUserMessage } from './llmPrompt';
import { draftSchema, type AnswerWriter, type Draft, type NumberedPassage, type WriterInput, type WriterOptions } from './types';


export interface LlmWriterOptions {
  /** The GGUF model file. */
  modelPath: string;
  /** The name shown as the answer's `model`. Default: the model's file name (`path.basename`). */
  modelName?: string;
  /**
   * CPU threads llama.cpp evaluates with. Default: `max(1, availableParallelism() - 1)`, which
   * leaves one core for the app and the window. Always explicit: node-llama-cpp's own default
   * can oversubscribe a small machine badly (30 s for a tiny prompt on a 2-core VM).
   */
  threads?: number;
  /** Most tokens the model may write for one answer. Default: 3072 (a full draft is ~600-1200; a model that fills every list to its bound needs more). */
  maxTokens?: number;
  /** Sampling temperature. Default: 0.2 (close to deterministic, not stuck in loops). */
  temperature?: number;
  /**
   * The llama.cpp instance. Default: a CPU-only instance with the prebuilt binaries
   * (`getLlama({ gpu: false, build: 'never' })`), made for this writer and disposed with it.
   * An instance passed here is never disposed by the writer.
   */
  llama?: Llama;
  /** Bounds on the draft's lists (the grammar enforces them). Default: `DRAFT_LIMITS`. */
  limits?: DraftLimits;
}

/** What one `write` cost; for logs, benchmarks and tests. */
export interface LlmWriteStats {
  /** Tokens of the whole prompt in the model's chat template (system prompt, question, passages). */
  promptTokens: number;
  /**
   * Prompt tokens llama.cpp actually evaluated. The rest (`promptTokens - evaluatedPromptTokens`)
   * came from the cache: from the second question on, the system prompt is not read again.
   */
  evaluatedPromptTokens: number;
  generatedTokens: number;
  /** The context window used, in tokens. */
  contextSize: number;
  /** Numbers of the passages left out because they did not fit in the model's context window. */
  droppedPassages: number[];
  generateMs: number;
}

export interface LlmWriter extends AnswerWriter {
  readonly model: string;
  /** The cost of the last finished `write`, or null before the first. */
  readonly lastWrite: LlmWriteStats | null;
}

/** Why the model's output could not be used; the answer pipeline can fall back to extractive. */
export class DraftGenerationError extends CairnError {
  override readonly name = 'DraftGenerationError';
  readonly reason: 'max-tokens' | 'invalid-draft';

  constructor(reason: DraftGenerationError['reason'], message: string, options?: { cause?: unknown }) {
    super('INTERNAL', message, options);
    this.reason = reason;
  }
}

const DEFAULT_MAX_TOKENS = 3072;
const DEFAULT_TEMPERATURE = 0.2;

/**
 * Loads a local GGUF model and returns a writer that drafts answers with it, constrained by a
 * JSON-schema grammar and checked with `draftSchema`. Fails with a `CairnError`:
 * `MODEL_NOT_FOUND` when there is no file, `INVALID_MODEL` when it is not a model llama.cpp loads.
 */
export async function createLlmWriter(options: LlmWriterOptions): Promise<LlmWriter> {
  const settings = resolveSettings(options);
  const { llama, model, chatWrapper, disposeLlama } = await loadLocalModel(options);
  return new LocalLlmWriter(llama, model, chatWrapper, settings, disposeLlama);
}

interface WriterSettings {
  modelName: string;
  threads: number;
  maxTokens: number;
  temperature: number;
  limits: DraftLimits;
}

function resolveSettings(options: LlmWriterOptions): WriterSettings {
  const threads = resolveThreads(options.threads);
  const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
  const temperature = options.temperature ?? DEFAULT_TEMPERATURE;
  if (!Number.isInteger(maxTokens) || maxTokens < 1) throw new CairnError('INVALID_INPUT', `maxTokens must be a whole number of at least 1 (got ${maxTokens}).`);
  if (!Number.isFinite(temperature) || temperature < 0) throw new CairnError('INVALID_INPUT', `temperature must be 0 or more (got ${temperature}).`);
  return { modelName: options.modelName ?? path.basename(options.modelPath), threads, maxTokens, temperature, limits: options.limits ?? DRAFT_LIMITS };
}

/** The prompt for one question, fitted to the model's context window. */
interface FittedPrompt {
  userMessage: string;
  passages: NumberedPassage[];
  droppedPassages: number[];
  promptTokens: number;
  /** Prompt + maxTokens + slack: the context this question needs. */
  neededContext: number;
}

class LocalLlmWriter implements LlmWriter {
  readonly model: string;
  lastWrite: LlmWriteStats | null = null;

  private readonly initialHistory: ChatHistoryItem[];
  private readonly chat: GrammarChat;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly llama: Llama,
    private readonly llamaModel: LlamaModel,
    private readonly chatWrapper: ChatWrapper,
    private readonly settings: WriterSettings,
    private readonly disposeLlama: () => Promise<void>,
  ) {
    this.model = settings.modelName;
    this.initialHistory = chatWrapper.generateInitialChatHistory({ systemPrompt: buildSystemPrompt(settings.limits) });
    this.chat = new GrammarChat(llamaModel, chatWrapper, settings.threads);
  }

  write(input: WriterInput, options: WriterOptions = {}): Promise<Draft> {
    // One write at a time: they share one session (and its cached system prompt).
    const previous = this.queue;
    const turn = (async () => {
      await waitUnlessAborted(previous, options.signal);
      return this.writeNow(input, options);
    })();
    this.queue = Promise.allSettled([previous, turn]);
    return turn;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.chat.dispose();
    await this.llamaModel.dispose();
    await this.disposeLlama();
  }

  private async writeNow(input: WriterInput, { signal, onToken }: WriterOptions): Promise<Draft> {
    if (this.disposed) throw new Error('This answer writer has been disposed.');
    throwIfAborted(signal);
    const fitted = this.fitPrompt(input);
    const session = await this.chat.session(fitted.neededContext, this.llamaModel.trainContextSize);
    throwIfAborted(signal);
    // Back to just the system prompt: the sequence still holds its evaluation, and node-llama-cpp
    // keeps the longest matching token prefix, so only the new question and passages are read.
    session.setChatHistory(this.initialHistory);
    const grammar = await this.grammarFor(fitted.passages.map((passage) => passage.n));
    const meter = session.sequence.tokenMeter;
    const before = { input: meter.usedInputTokens, output: meter.usedOutputTokens };
    const started = performance.now();

    let result: Awaited<ReturnType<LlamaChatSession['promptWithMeta']>>;
    try {
      result = await session.promptWithMeta(fitted.userMessage, {
        grammar,
        maxTokens: this.settings.maxTokens,
        temperature: this.settings.temperature,
        // Reasoning models: no hidden thinking before the JSON (it would only cost time).
        budgets: { thoughtTokens: 0 },
        signal,
        onTextChunk: onToken,
      });
    } catch (error) {
      if (signal?.aborted) throw abortError(signal.reason);
      throw error;
    }
    if (signal?.aborted || result.stopReason === 'abort') throw abortError(signal?.reason);

    this.lastWrite = {
      promptTokens: fitted.promptTokens,
      evaluatedPromptTokens: meter.usedInputTokens - before.input,
      generatedTokens: meter.usedOutputTokens - before.output,
      contextSize: session.context.contextSize,
      droppedPassages: fitted.droppedPassages,
      generateMs: Math.round(performance.now() - started),
    };
    if (result.stopReason === 'maxTokens') {
      throw new DraftGenerationError('max-tokens', `The local model reached its limit of ${this.settings.maxTokens} tokens before finishing the answer.`);
    }
    return parseDraft(result.responseText);
  }

  /** The user message with as many passages as fit, dropping the last-ranked (highest numbers) first. */
  private fitPrompt(input: WriterInput): FittedPrompt {
    const trainContext = this.llamaModel.trainContextSize;
    const passages = [...input.passages].sort((a, b) => a.n - b.n);
    const dropped: number[] = [];
    for (;;) {
      const userMessage = formatUserMessage(input, passages);
      const promptTokens = this.countPromptTokens(userMessage);
      const neededContext = promptTokens + this.settings.maxTokens + CONTEXT_SLACK_TOKENS;
      if (neededContext <= trainContext) return { userMessage, passages, droppedPassages: dropped.reverse(), promptTokens, neededContext };
      const last = passages.length > 1 ? passages.pop() : undefined;
      if (!last) {
        throw new CairnError('INVALID_INPUT', `The question and its passages need ${neededContext} tokens (with room for ${this.settings.maxTokens} to write), more than the ${trainContext} this model can hold; ask a shorter question or lower maxTokens.`);
      }
      dropped.push(last.n);
    }
  }

  /** Tokens of the whole chat (system, user, the start of the model's turn) in the model's template. */
  private countPromptTokens(userMessage: string): number {
    const chatHistory: ChatHistoryItem[] = [...this.initialHistory, { type: 'user', text: userMessage }, { type: 'model', response: [] }];
    return this.chatWrapper.generateContextState({ chatHistory }).contextText.tokenize(this.llamaModel.tokenizer).length;
  }

  private grammarFor(passageNumbers: number[]): Promise<LlamaGrammar> {
    return this.chat.grammar(passageNumbers.join(','), () => this.llama.createGrammarForJsonSchema(draftJsonSchema(passageNumbers, this.settings.limits)));
  }
}

/** The model's JSON, checked with `draftSchema` (the grammar shapes it; zod has the last word). */
function parseDraft(text: string): Draft {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DraftGenerationError('invalid-draft', 'The local model wrote an answer that is not valid JSON.', { cause: error });
  }
  const parsed = draftSchema.safeParse(json);
  if (!parsed.success) {
    throw new DraftGenerationError('invalid-draft', `The local model's answer does not have the expected shape (${parsed.error.issues[0]?.message ?? 'invalid'}).`, { cause: parsed.error });
  }
  return parsed.data;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal.reason);
}

/** An error named `AbortError`: the signal's own reason when it is one, else one wrapping it. */
function abortError(reason: unknown): Error {
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const error = new Error('The answer was cancelled.', { cause: reason });
  error.name = 'AbortError';
  return error;
}

/** Waits for `previous` to settle, or rejects with an AbortError as soon as `signal` aborts. */
function waitUnlessAborted(previous: Promise<unknown>, signal: AbortSignal | undefined): Promise<void> {
  const settled = previous.then(
    () => undefined,
    () => undefined,
  );
  if (!signal) return settled;
  if (signal.aborted) return Promise.reject(abortError(signal.reason));
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    void settled.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
