// Loaded by the HTTP bridge (never by the desktop app) before the renderer's own script: it gives
// the page the same `window.cairn` that Electron's preload gives, carried over HTTP on 127.0.0.1.
import { createApiClient } from '../../core/api/client';
import type { BridgeResult } from '../../core/api/result';

const TOKEN_KEY = 'cairn-bridge-token';

function takeToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const token = takeToken();

/** The bridge has no file paths from the browser: it uploads the file and gets back where it put it. */
async function uploadForPath(file: File): Promise<string> {
  const response = await fetch('/api/upload', {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', Authorization: `Bearer ${token}`, 'X-File-Name': encodeURIComponent(file.name) },
    body: file,
  });
  if (!response.ok) throw new Error(response.status === 413 ? `${file.name} is too large to import.` : `The Cairn bridge could not take ${file.name} (${response.status}).`);
  return ((await response.json()) as { path: string }).path;
}

window.cairn = createApiClient(async (name, input) => {
  const response = await fetch('/api/invoke', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ name, input }),
  });
  if (!response.ok && response.status !== 200) {
    return { ok: false, error: { code: `HTTP_${response.status}`, message: `The Cairn bridge refused the request (${response.status}).` } } satisfies BridgeResult;
  }
  return (await response.json()) as BridgeResult;
}, uploadForPath);
