import { useCallback, useEffect, useRef, useState } from 'react';
import type { CairnApi, LibrarySnapshot, ModelSnapshot } from '../../core/api/contract';

/** How often a running task is polled. */
export const TASK_POLL_MS = 200;

/** Long work in core the Library and Settings screens start: library imports and re-indexing, model downloads and imports. */
export type TaskKind = 'library' | 'models';
type SnapshotOf<K extends TaskKind> = K extends 'library' ? LibrarySnapshot : ModelSnapshot;
export type TaskEventOf<K extends TaskKind> = SnapshotOf<K>['events'][number];
export type TaskResultOf<K extends TaskKind> = NonNullable<SnapshotOf<K>['result']>;

export type TaskState<E, R> =
  | { phase: 'idle' }
  | { phase: 'running'; latest: E | null; cancelling: boolean }
  | { phase: 'done'; result: R }
  | { phase: 'failed'; message: string }
  | { phase: 'cancelled' };

export interface TaskControls<E, R> {
  state: TaskState<E, R>;
  running: boolean;
  /** Starts a task (`begin` calls the method that returns its id) and follows it until it ends. */
  start(begin: () => Promise<{ taskId: string }>): void;
  /** Asks core to stop; the state follows once core says the task stopped. */
  cancel(): void;
  /** Forgets the last outcome. */
  reset(): void;
}

export interface TaskOptions<E, R> {
  /** Keeps the running task's id in sessionStorage, so coming back to the screen picks it up again. */
  resumeKey?: string;
  /** Called once when the task ends, whatever the outcome. */
  onFinish?: (state: TaskState<E, R>) => void;
}

interface Run {
  taskId: string | null;
  stopped: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Starts, polls and cancels one task of `kind` at a time: `begin()` → `{taskId}`, then
 * `<kind>/poll` every 200 ms until the task is done, failed or cancelled. Leaving the screen stops
 * polling but not the work (an import goes on); with `resumeKey` the screen picks it up again.
 */
export function useTask<K extends TaskKind>(api: CairnApi, kind: K, options: TaskOptions<TaskEventOf<K>, TaskResultOf<K>> = {}): TaskControls<TaskEventOf<K>, TaskResultOf<K>> {
  type E = TaskEventOf<K>;
  type R = TaskResultOf<K>;
  const [state, setState] = useState<TaskState<E, R>>({ phase: 'idle' });
  const current = useRef<Run | null>(null);
  const onFinish = useRef(options.onFinish);
  useEffect(() => {
    onFinish.current = options.onFinish;
  });
  const { resumeKey } = options;

  const follow = useCallback(
    (run: Run, taskId: string) => {
      run.taskId = taskId;
      if (resumeKey) remember(resumeKey, taskId);
      const end = (next: TaskState<E, R>) => {
        run.stopped = true;
        if (resumeKey) remember(resumeKey, null);
        setState(next);
        onFinish.current?.(next);
      };
      const poll = (after: number) => {
        pollTask(api, kind, taskId, after).then(
          (raw) => {
            if (run.stopped) return;
            const snapshot = raw as SnapshotOf<K>;
            const events = snapshot.events as E[];
            const latest = events.length > 0 ? events[events.length - 1]! : null;
            if (snapshot.state === 'done' && snapshot.result) end({ phase: 'done', result: snapshot.result as R });
            else if (snapshot.state === 'cancelled') end({ phase: 'cancelled' });
            else if (snapshot.state === 'failed' || snapshot.state === 'done') end({ phase: 'failed', message: snapshot.error?.message ?? 'Cairn stopped without saying why.' });
            else {
              if (latest) setState((previous) => ({ phase: 'running', latest, cancelling: previous.phase === 'running' && previous.cancelling }));
              run.timer = setTimeout(() => poll(snapshot.next), TASK_POLL_MS);
            }
          },
          (error: unknown) => {
            if (run.stopped) return;
            end({ phase: 'failed', message: messageOf(error) });
          },
        );
      };
      poll(0);
    },
    [api, kind, resumeKey],
  );

  const start = useCallback(
    (begin: () => Promise<{ taskId: string }>) => {
      if (current.current && !current.current.stopped) return;
      const run: Run = { taskId: null, stopped: false, timer: null };
      current.current = run;
      setState({ phase: 'running', latest: null, cancelling: false });
      begin().then(
        ({ taskId }) => {
          if (!run.stopped) follow(run, taskId);
        },
        (error: unknown) => {
          if (run.stopped) return;
          run.stopped = true;
          const next: TaskState<E, R> = { phase: 'failed', message: messageOf(error) };
          setState(next);
          onFinish.current?.(next);
        },
      );
    },
    [follow],
  );

  const cancel = useCallback(() => {
    const run = current.current;
    if (!run || run.stopped || !run.taskId) return;
    setState((previous) => (previous.phase === 'running' ? { ...previous, cancelling: true } : previous));
    cancelTask(api, kind, run.taskId).catch(() => undefined);
  }, [api, kind]);

  const reset = useCallback(() => {
    if (current.current && !current.current.stopped) return;
    setState({ phase: 'idle' });
  }, []);

  // Pick up a task started before this screen was left; stop polling when it is left again.
  useEffect(() => {
    const saved = resumeKey ? recall(resumeKey) : null;
    if (saved && !(current.current && !current.current.stopped)) {
      const run: Run = { taskId: saved, stopped: false, timer: null };
      current.current = run;
      setState({ phase: 'running', latest: null, cancelling: false });
      follow(run, saved);
    }
    return () => {
      const run = current.current;
      if (run && !run.stopped) {
        run.stopped = true;
        if (run.timer) clearTimeout(run.timer);
      }
    };
  }, [follow, resumeKey]);

  return { state, running: state.phase === 'running', start, cancel, reset };
}

function pollTask(api: CairnApi, kind: TaskKind, taskId: string, after: number): Promise<LibrarySnapshot | ModelSnapshot> {
  return kind === 'library' ? api.invoke('library/poll', { taskId, after }) : api.invoke('models/poll', { taskId, after });
}

function cancelTask(api: CairnApi, kind: TaskKind, taskId: string): Promise<{ cancelled: boolean }> {
  return kind === 'library' ? api.invoke('library/cancel', { taskId }) : api.invoke('models/cancel', { taskId });
}

function remember(key: string, taskId: string | null): void {
  try {
    if (taskId) sessionStorage.setItem(key, taskId);
    else sessionStorage.removeItem(key);
  } catch {
    // No session storage: the task just cannot be picked up again after leaving the screen.
  }
}

function recall(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'Cairn could not be reached. Close Cairn and start it again.';
}
