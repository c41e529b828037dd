import type { ChatWrapper, LlamaChatSession, LlamaContext, LlamaGrammar, LlamaModel } from 'node-llama-cpp';
import { llamaCpp } from './loadLocalModel';

/** Room past prompt + maxTokens for the end-of-turn token and the template's closing tokens. */
export const CONTEXT_SLACK_TOKENS = 16;
/** Context sizes are rounded up to this, so a slightly longer prompt can reuse the context. */
const CONTEXT_SIZE_STEP = 256;
const GRAMMAR_CACHE_SIZE = 16;

/**
 * The chat session and JSON-schema grammars a grammar-constrained model pass works with (the
 * answer writer and the records extraction pass): one context, grown (and the session re-made)
 * only when a prompt needs more room, and a small cache of compiled grammars.
 */
export class GrammarChat {
  readonly #grammars = new Map<string, LlamaGrammar>();
  #context: LlamaContext | null = null;
  #session: LlamaChatSession | null = null;

  constructor(
    private readonly model: LlamaModel,
    private readonly chatWrapper: ChatWrapper,
    private readonly threads: number,
  ) {}

  /** The session, on a context of at least `neededContext` tokens (at most `cap`). */
  async session(neededContext: number, cap: number): Promise<LlamaChatSession> {
    if (this.#session && this.#context && this.#context.contextSize >= neededContext) return this.#session;
    await this.#release();
    const { LlamaChatSession } = await llamaCpp();
    const contextSize = Math.min(cap, Math.ceil(neededContext / CONTEXT_SIZE_STEP) * CONTEXT_SIZE_STEP);
    // swaFullCache: models with sliding-window attention would otherwise forget the system prompt's cache.
    this.#context = await this.model.createContext({ contextSize, sequences: 1, threads: this.threads, swaFullCache: true });
    this.#session = new LlamaChatSession({ contextSequence: this.#context.getSequence(), chatWrapper: this.chatWrapper });
    return this.#session;
  }

  /** The grammar for `key`, compiled by `compile()` the first time. */
  async grammar(key: string, compile: () => Promise<LlamaGrammar>): Promise<LlamaGrammar> {
    const cached = this.#grammars.get(key);
    if (cached) return cached;
    const grammar = await compile();
    if (this.#grammars.size >= GRAMMAR_CACHE_SIZE) this.#grammars.clear();
    this.#grammars.set(key, grammar);
    return grammar;
  }

  async dispose(): Promise<void> {
    await this.#release();
    this.#grammars.clear();
  }

  async #release(): Promise<void> {
    this.#session?.dispose();
    this.#session = null;
    await this.#context?.dispose();
    this.#context = null;
  }
}
