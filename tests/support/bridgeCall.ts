import { dispatch, type CairnHandlers } from '../../core/api';

/** Calls a bridge method through the real dispatch (input validation included); throws its error as `CODE: message`. */
export function bridgeCaller(handlers: () => CairnHandlers) {
  return async <T>(name: string, input?: unknown): Promise<T> => {
    const result = await dispatch(handlers(), name, input);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
}
