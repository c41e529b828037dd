import { z } from 'zod';
import type { AppStatus, DocumentSummary } from '../types';

/**
 * The bridge between the UI and core, declared once. Each method has a name
 * (`'domain/verb-noun'`), a schema for its input (checked wherever input crosses a process
 * boundary: IPC, HTTP) and an output type. Preload and the HTTP bridge implement `CairnApi` over
 * their transport; `createHandlers` implements `CairnHandlers` over core.
 */
export const methodInputs = {
  'app/status': z.undefined(),
  'library/list': z.undefined(),
} as const satisfies Record<string, z.ZodType>;

export interface MethodOutputs {
  'app/status': AppStatus;
  'library/list': DocumentSummary[];
}

export type MethodName = keyof typeof methodInputs;
export type MethodInput<K extends MethodName> = z.input<(typeof methodInputs)[K]>;
export type MethodOutput<K extends MethodName> = MethodOutputs[K];

// Compile-time check: every method has both an input schema and an output type.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : never;
export const contractIsComplete: SameKeys<typeof methodInputs, MethodOutputs> = true;

export type CairnHandlers = {
  [K in MethodName]: (input: z.output<(typeof methodInputs)[K]>) => Promise<MethodOutputs[K]> | MethodOutputs[K];
};

/** Arguments after the method name: none for methods whose input is `undefined`. */
export type InvokeArgs<K extends MethodName> = undefined extends MethodInput<K> ? [input?: MethodInput<K>] : [input: MethodInput<K>];

/** What the renderer sees as `window.cairn`. */
export interface CairnApi {
  invoke<K extends MethodName>(name: K, ...args: InvokeArgs<K>): Promise<MethodOutput<K>>;
}

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methodInputs, name);
}
