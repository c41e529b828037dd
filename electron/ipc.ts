import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { dispatch, IPC_CHANNEL, type BridgeResult, type CairnHandlers } from '../core/api';

/**
 * Registers the one IPC channel. Calls are accepted only from the app's own page (a `file:` URL
 * in the main frame); the method name and input are validated by `dispatch` before core runs.
 */
export function registerIpc(ipcMain: IpcMain, handlers: CairnHandlers): () => void {
  ipcMain.handle(IPC_CHANNEL, (event: IpcMainInvokeEvent, name: unknown, input: unknown): Promise<BridgeResult> => {
    if (!isTrustedSender(event)) {
      return Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: 'Request refused: it did not come from the Cairn window.' } });
    }
    return dispatch(handlers, name, input);
  });
  return () => ipcMain.removeHandler(IPC_CHANNEL);
}

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    return new URL(frame.url).protocol === 'file:';
  } catch {
    return false;
  }
}
