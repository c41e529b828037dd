import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL } from '../core/api/channel';
import { createApiClient } from '../core/api/client';
import type { CairnApi } from '../core/api/contract';
import type { BridgeResult } from '../core/api/result';

/** The whole surface the page gets: one typed `invoke`, nothing of Node or Electron. */
const api = createApiClient(
  (name, input) => ipcRenderer.invoke(IPC_CHANNEL, name, input) as Promise<BridgeResult>,
) satisfies CairnApi;

contextBridge.exposeInMainWorld('cairn', api);
