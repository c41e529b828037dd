import type { CairnApi, MethodName } from './contract';
import { unwrapResult, type BridgeResult } from './result';

/** Sends one call over some transport (IPC, HTTP) and returns its result envelope. */
export type Transport = (name: MethodName, input: unknown) => Promise<BridgeResult>;

/** A `CairnApi` over a transport; preload and the HTTP bridge client both use this. */
export function createApiClient(transport: Transport, pathForFile: CairnApi['pathForFile'] = noFilePaths): CairnApi {
  return {
    invoke: async (name, ...args) => unwrapResult(await transport(name, args[0])) as never,
    pathForFile,
  };
}

function noFilePaths(): Promise<string> {
  return Promise.reject(new Error('Files cannot be imported here.'));
}
