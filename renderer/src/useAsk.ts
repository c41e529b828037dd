import { useCallback, useEffect, useRef, useState } from 'react';
import type { Answer } from '../../core/answer/types';
import type { CairnApi, MethodInput } from '../../core/api/contract';

/** How often the answer being written is polled. */
export const POLL_INTERVAL_MS = 150;

export type AskState =
  | { phase: 'idle' }
  | { phase: 'running'; question: string; streamed: string }
  | { phase: 'done'; question: string; answer: Answer }
  | { phase: 'failed'; question: string; message: string }
  | { phase: 'cancelled'; question: string };

export type AskOptions = Omit<MethodInput<'ask/start'>, 'question'>;

export interface AskControls {
  state: AskState;
  /** Starts an answer (stopping one still being written). */
  ask(question: string, options?: AskOptions): void;
  /** Stops the answer being written. */
  cancel(): void;
}

interface Run {
  taskId: string | null;
  stopped: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Asks core a question and follows the answer as it is written: `ask/start`, then `ask/poll` every
 * 150 ms (tokens stream in llm mode) until it is done, failed or cancelled. Cancelling, asking
 * again, or leaving the screen stops the task in core too.
 */
export function useAsk(api: CairnApi): AskControls {
  const [state, setState] = useState<AskState>({ phase: 'idle' });
  const current = useRef<Run | null>(null);

  const stop = useCallback(
    (run: Run | null) => {
      if (!run || run.stopped) return;
      run.stopped = true;
      if (run.timer) clearTimeout(run.timer);
      // Best effort: the task may already have finished, or the window may be going away.
      if (run.taskId) api.invoke('ask/cancel', { taskId: run.taskId }).catch(() => undefined);
    },
    [api],
  );

  const ask = useCallback(
    (question: string, options: AskOptions = {}) => {
      stop(current.current);
      const run: Run = { taskId: null, stopped: false, timer: null };
      current.current = run;
      setState({ phase: 'running', question, streamed: '' });

      const fail = (error: unknown) => {
        if (run.stopped) return;
        run.stopped = true;
        setState({ phase: 'failed', question, message: messageOf(error) });
      };
      const poll = (after: number) => {
        api.invoke('ask/poll', { taskId: run.taskId!, after }).then((snapshot) => {
          if (run.stopped) return;
          const text = snapshot.events.map((event) => event.text).join('');
          if (snapshot.state === 'done' && snapshot.result) {
            run.stopped = true;
            setState({ phase: 'done', question, answer: snapshot.result });
          } else if (snapshot.state === 'failed' || (snapshot.state === 'done' && !snapshot.result)) {
            run.stopped = true;
            setState({ phase: 'failed', question, message: snapshot.error?.message ?? 'Cairn stopped without an answer.' });
          } else if (snapshot.state === 'cancelled') {
            run.stopped = true;
            setState({ phase: 'cancelled', question });
          } else {
            if (text) setState((previous) => (previous.phase === 'running' ? { ...previous, streamed: previous.streamed + text } : previous));
            run.timer = setTimeout(() => poll(snapshot.next), POLL_INTERVAL_MS);
          }
        }, fail);
      };

      api.invoke('ask/start', { question, ...options }).then(({ taskId }) => {
        run.taskId = taskId;
        if (run.stopped) {
          // Cancelled (or replaced) before core said which task it was: stop it now.
          api.invoke('ask/cancel', { taskId }).catch(() => undefined);
          return;
        }
        poll(0);
      }, fail);
    },
    [api, stop],
  );

  const cancel = useCallback(() => {
    const run = current.current;
    if (!run || run.stopped) return;
    stop(run);
    setState((previous) => (previous.phase === 'running' ? { phase: 'cancelled', question: previous.question } : previous));
  }, [stop]);

  // Leaving the screen stops the answer being written.
  useEffect(() => () => stop(current.current), [stop]);

  return { state, ask, cancel };
}

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'Cairn could not be reached.';
}
