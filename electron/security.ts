import type { App, Session, WebContents } from 'electron';
import { isExternalLink } from './externalLinks';

/**
 * The Content-Security-Policy of every page Cairn shows. Only the app's own scripts, styles and
 * images; no remote anything; no plugins, frames or form posts. Kept in step with the `<meta>`
 * tag in renderer/index.html (a test checks they match). `frame-ancestors` only works as a header,
 * so it is added in `CONTENT_SECURITY_POLICY_HEADER`.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

/** The settings every Cairn window must have. */
export const secureWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const;

/** URL schemes a Cairn page may load: its own files, and the devtools when open. */
export function isAllowedRequestUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return ['file:', 'devtools:', 'data:', 'blob:'].includes(parsed.protocol);
}

/**
 * Locks down the session: every permission request is denied, any request that is not for the
 * app's own files is cancelled (so no remote content can load) and reported to `onBlocked` (the
 * privacy panel lists it), and the CSP header is set on every response.
 */
export function hardenSession(session: Session, onBlocked?: (url: string) => void): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url);
    if (!allowed) onBlocked?.(details.url);
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY_HEADER] },
    });
  });
}

/**
 * Blocks navigation away from the loaded page, new windows and `<webview>` for every web contents
 * the app creates.
 */
export function hardenWebContents(contents: WebContents, openExternal?: (url: string) => void): void {
  contents.setWindowOpenHandler(({ url }) => {
    // Never a new Cairn window; a web link goes to the system browser after the person confirms.
    if (openExternal && isExternalLink(url)) openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (url === contents.getURL()) return;
    event.preventDefault();
    if (openExternal && isExternalLink(url)) openExternal(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function hardenApp(app: App, openExternal?: (url: string) => void): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal));
}
