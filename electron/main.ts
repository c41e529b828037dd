import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, screen, session, shell } from 'electron';
import { createHandlers } from '../core/api';
import { Cairn } from '../core/cairn';
import { describeError } from '../core/errors';
import { resolveDataDir } from '../core/paths';
import { RecordsSession } from '../core/records/recordsSession';
import { registerIpc } from './ipc';
import { confirmAndOpenExternal } from './externalLinks';
import { menuTemplate } from './menu';
import { recordsKeychain } from './recordsKeychain';
import { hardenApp, hardenSession } from './security';
import { builtPaths, mainWindowOptions } from './window';
import { loadWindowState, saveWindowState } from './windowState';

const isDev = !app.isPackaged;
// One data folder for the app and the command line (`cairn --data-dir` / CAIRN_DATA_DIR).
app.setPath('userData', resolveDataDir(undefined));
app.enableSandbox();
hardenApp(app, (url) => void confirmAndOpenExternal(url, { dialog, shell, window: mainWindow }).catch(() => undefined));

let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start).catch(fail);
}

function start(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, isDev)));

  // In development `npm start` builds better-sqlite3 for Electron's ABI outside node_modules.
  const nativeBinding = process.env.CAIRN_SQLITE_BINDING;
  const dataDir = app.getPath('userData');
  const cairn = Cairn.open({ dataDir, ...(nativeBinding ? { nativeBinding } : {}) });
  // Anything the page tries to load from elsewhere is refused, and listed in the privacy panel.
  hardenSession(session.defaultSession, (url) => cairn.networkLog.record({ url, purpose: 'the app window tried to load it', outcome: 'blocked' }));
  // The records key lives in the OS keychain (safeStorage); without one, the person's passphrase.
  const keychain = recordsKeychain(safeStorage, process.platform);
  const records = new RecordsSession({ dataDir, keychain: keychain.protector, keychainWarning: keychain.warning, ...(nativeBinding ? { nativeBinding } : {}) });
  registerIpc(ipcMain, createHandlers(cairn, records));
  app.on('will-quit', () => {
    records.close();
    void cairn.close();
  });

  const paths = builtPaths(import.meta.dirname);
  const saved = loadWindowState(dataDir, screen.getAllDisplays().map((display) => display.workArea));
  mainWindow = new BrowserWindow({ ...mainWindowOptions(paths.preload), ...(saved ? { x: saved.x, y: saved.y, width: saved.width, height: saved.height } : {}) });
  mainWindow.once('ready-to-show', () => {
    if (saved?.maximized) mainWindow?.maximize();
    mainWindow?.show();
  });
  mainWindow.on('close', () => {
    if (mainWindow) saveWindowState(dataDir, mainWindow.getNormalBounds(), mainWindow.isMaximized());
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadFile(paths.indexHtml);
  // First run (or an updated app): import the built-in guideline pack in the background.
  cairn.ensureBuiltInPack().catch((error: unknown) => process.stderr.write(`Cairn: the built-in guideline pack could not be imported: ${describeError(error)}\n`));
  app.on('window-all-closed', () => app.quit());
}

function fail(error: unknown): void {
  dialog.showErrorBox('Cairn could not start', describeError(error));
  app.exit(1);
}
