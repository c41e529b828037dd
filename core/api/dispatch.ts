import { z } from 'zod';
import { CairnError, describeError, isCairnError } from '../errors';
import { isMethodName, methodInputs, type CairnHandlers, type MethodName } from './contract';
import type { BridgeResult } from './result';

/**
 * The single entry point for calls from outside the process. Checks the method name and validates
 * the input with the method's schema before any handler runs; turns every failure into a
 * `BridgeResult` with one plain sentence.
 */
export async function dispatch(handlers: CairnHandlers, name: unknown, input: unknown): Promise<BridgeResult> {
  try {
    if (!isMethodName(name)) {
      throw new CairnError('UNKNOWN_METHOD', `Unknown request ${JSON.stringify(String(name)).slice(0, 80)}.`);
    }
    const parsed = methodInputs[name].safeParse(input);
    if (!parsed.success) {
      throw new CairnError('INVALID_INPUT', `Invalid input for ${name}: ${z.prettifyError(parsed.error).split('\n').join(' ')}`);
    }
    const handler = handlers[name] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return {
      ok: false,
      error: { code: isCairnError(error) ? error.code : 'INTERNAL', message: describeError(error) },
    };
  }
}

export type { MethodName };
