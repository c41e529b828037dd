import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * A stand-in for the `electron` module (no Electron binary can run here). It records what main.ts
 * asks of Electron so tests can check the window, security and IPC set-up; core stays real.
 */
export class FakeWebContents extends EventEmitter {
  url = 'file:///app/out/renderer/index.html';
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  getURL() {
    return this.url;
  }
}

type PermissionRequestHandler = (wc: unknown, permission: string, callback: (granted: boolean) => void) => void;
type BeforeRequestHandler = (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;
type HeadersReceivedHandler = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders: Record<string, string[]> }) => void,
) => void;

interface FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null;
  permissionCheckHandler: (() => boolean) | null;
  beforeRequest: BeforeRequestHandler | null;
  headersReceived: HeadersReceivedHandler | null;
  setPermissionRequestHandler(handler: PermissionRequestHandler): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  webRequest: { onBeforeRequest(handler: BeforeRequestHandler): void; onHeadersReceived(handler: HeadersReceivedHandler): void };
}

export function createFakeElectron() {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    paths: new Map<string, string>(),
    setPath: vi.fn((name: string, value: string) => app.paths.set(name, value)),
    getPath: vi.fn((name: string) => app.paths.get(name) ?? `/fake/${name}`),
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => Promise.resolve()),
    quit: vi.fn(),
    exit: vi.fn(),
  });

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends EventEmitter {
    readonly options: { webPreferences: Record<string, unknown> };
    readonly webContents = new FakeWebContents();
    loaded: string | null = null;
    constructor(options: { webPreferences: Record<string, unknown> }) {
      super();
      this.options = options;
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadFile(file: string) {
      this.loaded = file;
      return Promise.resolve();
    }
    show = vi.fn();
    maximize = vi.fn();
    isMaximized = () => false;
    getNormalBounds = () => ({ x: 40, y: 30, width: 1100, height: 760 });
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = () => false;
  }

  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => ipcHandlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => ipcHandlers.delete(channel)),
  };

  const session: FakeSession = {
    permissionRequestHandler: null,
    permissionCheckHandler: null,
    beforeRequest: null,
    headersReceived: null,
    setPermissionRequestHandler(handler) {
      session.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler) {
      session.permissionCheckHandler = handler;
    },
    webRequest: {
      onBeforeRequest(handler) {
        session.beforeRequest = handler;
      },
      onHeadersReceived(handler) {
        session.headersReceived = handler;
      },
    },
  };

  const menus: unknown[] = [];
  const Menu = {
    buildFromTemplate: vi.fn((template: unknown) => ({ template })),
    setApplicationMenu: vi.fn((menu: unknown) => menus.push(menu)),
  };
  const dialog = {
    showErrorBox: vi.fn(),
    // The person's answer to "Open this link in your web browser?": 0 = open, 1 = cancel.
    nextMessageBoxResponse: 1,
    showMessageBox: vi.fn((..._args: unknown[]) => Promise.resolve({ response: dialog.nextMessageBoxResponse, checkboxChecked: false })),
  };
  const shell = { openExternal: vi.fn((_url: string) => Promise.resolve()) };
  const screen = { getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]) };
  // Like Linux with no secret service: Electron would store keys as plain text ('basic_text').
  const safeStorage = {
    isEncryptionAvailable: vi.fn(() => true),
    getSelectedStorageBackend: vi.fn(() => 'basic_text'),
    encryptString: vi.fn((text: string) => Buffer.from(text)),
    decryptString: vi.fn((data: Buffer) => data.toString()),
  };

  return {
    module: { app, BrowserWindow: FakeBrowserWindow, ipcMain, session: { defaultSession: session }, Menu, dialog, safeStorage, shell, screen },
    app,
    windows,
    ipcHandlers,
    ipcMain,
    session,
    Menu,
    menus,
    dialog,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
