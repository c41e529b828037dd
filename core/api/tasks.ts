import crypto from 'node:crypto';
import { CairnError, describeError, isCairnError } from '../errors';

/**
 * Long work started from the UI (an answer being written, later imports and downloads): started
 * by one call, watched by polling, cancelled by another. Polling works the same over IPC and over
 * the HTTP bridge, needs no push channel, and a window that reloads can pick a task up again.
 */
export type TaskState = 'running' | 'done' | 'failed' | 'cancelled';

export interface TaskSnapshot<E, R> {
  taskId: string;
  state: TaskState;
  /** Events after the `after` the caller gave, in order. */
  events: E[];
  /** Pass this as `after` next time. */
  next: number;
  result: R | null;
  error: { code: string; message: string } | null;
}

interface Task<E, R> {
  kind: string;
  state: TaskState;
  events: E[];
  result: R | null;
  error: { code: string; message: string } | null;
  controller: AbortController;
  finishedAt: number | null;
}

/** Finished tasks are kept this long for a last poll, then dropped. */
const KEEP_FINISHED_MS = 5 * 60 * 1000;

export class TaskRegistry {
  readonly #tasks = new Map<string, Task<unknown, unknown>>();

  /** Starts `run` now; returns its id at once. `emit` adds an event for pollers. */
  start<E, R>(kind: string, run: (context: { signal: AbortSignal; emit: (event: E) => void }) => Promise<R>): string {
    this.#sweep();
    const taskId = crypto.randomUUID();
    const task: Task<E, R> = { kind, state: 'running', events: [], result: null, error: null, controller: new AbortController(), finishedAt: null };
    this.#tasks.set(taskId, task as Task<unknown, unknown>);
    const finish = (state: TaskState) => {
      if (task.state === 'running') task.state = state;
      task.finishedAt = Date.now();
    };
    run({ signal: task.controller.signal, emit: (event) => void task.events.push(event) }).then(
      (result) => {
        task.result = result;
        finish('done');
      },
      (error: unknown) => {
        if (task.controller.signal.aborted) return finish('cancelled');
        task.error = { code: isCairnError(error) ? error.code : 'INTERNAL', message: describeError(error) };
        finish('failed');
      },
    );
    return taskId;
  }

  poll<E, R>(taskId: string, kind: string, after: number): TaskSnapshot<E, R> {
    const task = this.#get(taskId, kind) as Task<E, R>;
    const from = Math.min(Math.max(0, after), task.events.length);
    return { taskId, state: task.state, events: task.events.slice(from), next: task.events.length, result: task.result, error: task.error };
  }

  /** Asks the task to stop; its state becomes `cancelled` once it has. */
  cancel(taskId: string, kind: string): { cancelled: boolean } {
    const task = this.#get(taskId, kind);
    if (task.state !== 'running') return { cancelled: false };
    task.controller.abort();
    return { cancelled: true };
  }

  /** Cancels everything still running (the window is closing). */
  cancelAll(): void {
    for (const task of this.#tasks.values()) task.controller.abort();
  }

  #get(taskId: string, kind: string): Task<unknown, unknown> {
    const task = this.#tasks.get(taskId);
    if (!task || task.kind !== kind) throw new CairnError('NOT_FOUND', 'That task has finished long ago or never existed; start it again.');
    return task;
  }

  #sweep(): void {
    const now = Date.now();
    for (const [id, task] of this.#tasks) {
      if (task.finishedAt !== null && now - task.finishedAt > KEEP_FINISHED_MS) this.#tasks.delete(id);
    }
  }
}
