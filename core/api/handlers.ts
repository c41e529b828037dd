import type { Cairn } from '../cairn';
import type { CairnHandlers } from './contract';

/** Binds every bridge method to the engine. A missing method is a compile error. */
export function createHandlers(cairn: Cairn): CairnHandlers {
  return {
    'app/status': () => cairn.status(),
    'library/list': () => cairn.listDocuments(),
  };
}
