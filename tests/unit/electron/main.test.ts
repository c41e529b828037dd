import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '../../../electron/security';
import { createFakeElectron, type FakeElectron } from './fakeElectron';

const fake: FakeElectron = createFakeElectron();
vi.mock('electron', () => ({ default: fake.module, ...fake.module }));

const repoRoot = path.resolve(import.meta.dirname, '../../..');
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-electron-'));
  process.env.CAIRN_DATA_DIR = dataDir;
  process.env.CAIRN_BUILTIN_PACK = 'none';
  await import('../../../electron/main');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
});

afterAll(() => {
  fake.app.emit('will-quit');
  delete process.env.CAIRN_DATA_DIR;
  delete process.env.CAIRN_BUILTIN_PACK;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const trustedEvent = { senderFrame: { url: 'file:///app/out/renderer/index.html', parent: null } };

describe('electron/main.ts', () => {
  it('starts one sandboxed, isolated window without Node in the page', () => {
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    const [window] = fake.windows;
    expect(window!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(String(window!.options.webPreferences.preload)).toMatch(/preload[/\\]preload\.cjs$/);
    expect(window!.loaded).toMatch(/renderer[/\\]index\.html$/);
  });

  it('uses the data directory shared with the command line', () => {
    expect(fake.app.paths.get('userData')).toBe(dataDir);
    expect(fs.existsSync(path.join(dataDir, 'cairn.db'))).toBe(true);
  });

  it('blocks new windows and navigation away from the app', () => {
    const contents = fake.windows[0]!.webContents;
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const away = { preventDefault: vi.fn() };
    contents.emit('will-navigate', away, 'https://example.com/');
    expect(away.preventDefault).toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    contents.emit('will-redirect', redirect, 'https://example.com/');
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('opens a web link in the system browser only after the person confirms', async () => {
    const contents = fake.windows[0]!.webContents;
    await vi.waitFor(() => expect(fake.module.dialog.showMessageBox).toHaveBeenCalled()); // the earlier test's https link
    fake.module.dialog.showMessageBox.mockClear();
    fake.module.dialog.nextMessageBoxResponse = 1;
    expect(contents.windowOpenHandler?.({ url: 'https://www.cancer.gov/' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(fake.module.dialog.showMessageBox).toHaveBeenCalledTimes(1));
    expect(fake.module.shell.openExternal).not.toHaveBeenCalled();

    fake.module.dialog.nextMessageBoxResponse = 0;
    contents.emit('will-navigate', { preventDefault: vi.fn() }, 'https://www.cancer.gov/types/skin');
    await vi.waitFor(() => expect(fake.module.shell.openExternal).toHaveBeenCalledWith('https://www.cancer.gov/types/skin'));

    // Not a web link: no question, nothing opened.
    contents.windowOpenHandler?.({ url: 'file:///etc/passwd' });
    expect(fake.module.dialog.showMessageBox).toHaveBeenCalledTimes(2);
  });

  it('remembers the window size and position when it closes', () => {
    fake.windows[0]!.emit('close');
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'window-state.json'), 'utf8'))).toEqual({ x: 40, y: 30, width: 1100, height: 760, maximized: false });
  });

  it('denies every permission and cancels every remote request', () => {
    const granted = vi.fn();
    fake.session.permissionRequestHandler!({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(fake.session.permissionCheckHandler!()).toBe(false);
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      fake.session.beforeRequest!({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    expect(decide('https://cdn.example.com/x.js')).toBe(true);
    expect(decide('http://127.0.0.1:8080/')).toBe(true);
    expect(decide('file:///app/out/renderer/assets/index.js')).toBe(false);
    // The privacy panel lists what was refused.
    const handler = fake.ipcHandlers.get('cairn:invoke')!;
    return expect(handler(trustedEvent, 'privacy/requests', undefined)).resolves.toMatchObject({
      ok: true,
      value: [
        { url: 'https://cdn.example.com/x.js', outcome: 'blocked' },
        { url: 'http://127.0.0.1:8080/', outcome: 'blocked' },
      ],
    });
    let headers: Record<string, string[]> = {};
    fake.session.headersReceived!({ responseHeaders: {} }, (response) => (headers = response.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY_HEADER]);
  });

  it('has a standard menu with Edit (copy, paste)', () => {
    const template = (fake.menus[0] as { template: { role?: string; label?: string }[] }).template;
    expect(template.map((item) => item.role ?? item.label)).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'View', 'windowMenu']));
  });

  it('answers valid IPC calls from the app page with the real core', async () => {
    const handler = fake.ipcHandlers.get('cairn:invoke')!;
    const result = await handler(trustedEvent, 'app/status', undefined);
    expect(result).toMatchObject({ ok: true, value: { dataDir, library: { documents: 0 } } });
  });

  it('validates every IPC input and refuses other senders', async () => {
    const handler = fake.ipcHandlers.get('cairn:invoke')!;
    expect(await handler(trustedEvent, 'shell/open-external', 'https://example.com')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await handler(trustedEvent, 'library/list', { sql: 'DROP TABLE documents' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await handler({ senderFrame: { url: 'https://example.com/', parent: null } }, 'app/status', undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await handler({ senderFrame: { url: 'file:///x.html', parent: {} } }, 'app/status', undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await handler({ senderFrame: null }, 'app/status', undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('keeps the records key out of a keychain that would store it as plain text, and asks for a passphrase', async () => {
    const handler = fake.ipcHandlers.get('cairn:invoke')!;
    expect(await handler(trustedEvent, 'records/status', undefined)).toMatchObject({
      ok: true,
      value: { exists: false, unlocked: false, needsPassphrase: true, keychain: null, keychainWarning: expect.stringMatching(/no keychain service/) as string },
    });
    expect(await handler(trustedEvent, 'records/list', undefined)).toMatchObject({ ok: false, error: { code: 'RECORDS_LOCKED' } });
    expect(await handler(trustedEvent, 'records/import', { path: 'relative/file.txt' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await handler(trustedEvent, 'records/deleteAll', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(fake.module.safeStorage.encryptString).not.toHaveBeenCalled();
  });

  it('keeps the CSP in index.html identical to the one main sets', () => {
    const html = fs.readFileSync(path.join(repoRoot, 'renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
  });
});
