import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IPC_CHANNEL } from '../core/api/channel';
import { createApiClient } from '../core/api/client';
import type { CairnApi } from '../core/api/contract';
import type { BridgeResult } from '../core/api/result';

/** The whole surface the page gets: one typed `invoke` and a file's path, nothing of Node or Electron. */
const api = createApiClient(
  (name, input) => ipcRenderer.invoke(IPC_CHANNEL, name, input) as Promise<BridgeResult>,
  (file) => {
    const filePath = webUtils.getPathForFile(file);
    // Empty for a File the page made itself: only files from this computer can be imported.
    return filePath ? Promise.resolve(filePath) : Promise.reject(new Error('Only files from this computer can be imported.'));
  },
) satisfies CairnApi;

contextBridge.exposeInMainWorld('cairn', api);
