/**
 * The error every embedder rejects with when its `signal` aborts: `name` is `AbortError` (like
 * fetch and Node's own APIs), `cause` is the signal's reason.
 */
export class EmbedAbortError extends Error {
  override readonly name = 'AbortError';

  constructor(reason?: unknown) {
    super('The embedding was cancelled.', { cause: reason });
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Throws `EmbedAbortError` if `signal` has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EmbedAbortError(signal.reason);
}

/**
 * `promise`, except that it rejects with `EmbedAbortError` as soon as `signal` aborts (the work
 * behind `promise` may go on; its outcome is then ignored).
 */
export function rejectOnAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(new EmbedAbortError(signal.reason));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new EmbedAbortError(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
