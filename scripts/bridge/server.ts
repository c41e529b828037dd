import { timingSafeEqual, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import { dispatch, type CairnHandlers } from '../../core/api';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../electron/security';

/**
 * The dev/test bridge: serves the built renderer and the same `CairnApi` the preload exposes, over
 * HTTP on 127.0.0.1 only, so the real UI can run in a real browser against the real core.
 * Calls need the per-run token (given to the page in the URL fragment) and a loopback Host header
 * (against DNS rebinding); inputs are validated by the same `dispatch` IPC uses.
 */
export interface BridgeServerOptions {
  handlers: CairnHandlers;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  /** Defaults to a random free port. */
  port?: number;
  /** Defaults to 32 random bytes. */
  token?: string;
  /** Where uploaded files go (`/api/upload`, the browser's stand-in for file paths). Default: a new temp folder. */
  uploadDir?: string;
}

export interface BridgeServer {
  /** The page to open, with the token in its fragment. */
  url: string;
  origin: string;
  token: string;
  /** Every request the server received, in order (method and path): for tests. */
  requests: { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
/** Above the largest file Cairn imports (guidelines up to 100 MB). */
const MAX_UPLOAD_BYTES = 110 * 1024 * 1024;
const CLIENT_SCRIPT = '/bridge-client.js';
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const rendererDir = path.resolve(options.rendererDir);
  const indexHtml = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(indexHtml)) throw new Error(`No built renderer at ${rendererDir}: run \`npm run build\` first.`);
  const clientScript = await bundleClientScript();
  const requests: BridgeServer['requests'] = [];
  let origin = '';

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    response.on('finish', () => requests.push({ method: request.method ?? '', path: url.pathname, status: response.statusCode }));
    if (request.headers.host !== new URL(origin).host) return send(response, 421, 'text/plain', 'Wrong host.');

    if (url.pathname === '/api/invoke') return void handleInvoke(request, response);
    if (url.pathname === '/api/upload') return void handleUpload(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'Method not allowed.');
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const html = fs.readFileSync(indexHtml, 'utf8').replace('<script', `<script src="${CLIENT_SCRIPT}"></script>\n    <script`);
      return send(response, 200, CONTENT_TYPES['.html']!, html);
    }
    if (url.pathname === CLIENT_SCRIPT) return send(response, 200, CONTENT_TYPES['.js']!, clientScript);
    return serveStatic(rendererDir, url.pathname, response);
  });

  const handleInvoke = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    if (request.method !== 'POST') return send(response, 405, 'text/plain', 'Method not allowed.');
    if (!hasToken(request.headers.authorization, token)) return send(response, 401, 'text/plain', 'Missing or wrong token.');
    if (!request.headers['content-type']?.startsWith('application/json')) return send(response, 415, 'text/plain', 'Send JSON.');
    let body: unknown;
    try {
      body = JSON.parse(await readBody(request));
    } catch (error) {
      return error instanceof BodyTooLarge
        ? send(response, 413, 'text/plain', 'Request too large.')
        : send(response, 400, 'text/plain', 'Invalid JSON.');
    }
    const { name, input } = (typeof body === 'object' && body !== null ? body : {}) as { name?: unknown; input?: unknown };
    const result = await dispatch(options.handlers, name, input);
    send(response, 200, 'application/json', JSON.stringify(result));
  };

  const uploadDir = options.uploadDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-bridge-uploads-'));
  const handleUpload = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    if (request.method !== 'POST') return send(response, 405, 'text/plain', 'Method not allowed.');
    if (!hasToken(request.headers.authorization, token)) return send(response, 401, 'text/plain', 'Missing or wrong token.');
    const name = safeFileName(String(request.headers['x-file-name'] ?? ''));
    if (!name) return send(response, 400, 'text/plain', 'Missing file name.');
    let bytes: Buffer;
    try {
      bytes = await readBytes(request, MAX_UPLOAD_BYTES);
    } catch {
      return send(response, 413, 'text/plain', 'File too large.');
    }
    const folder = fs.mkdtempSync(path.join(uploadDir, 'upload-'));
    const file = path.join(folder, name);
    fs.writeFileSync(file, bytes, { mode: 0o600 });
    send(response, 200, 'application/json', JSON.stringify({ path: file }));
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function send(response: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

function serveStatic(rendererDir: string, pathname: string, response: http.ServerResponse): void {
  const file = path.resolve(rendererDir, `.${decodeURIComponent(pathname)}`);
  const type = CONTENT_TYPES[path.extname(file)];
  if (!file.startsWith(rendererDir + path.sep) || !type || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    return send(response, 404, 'text/plain', 'Not found.');
  }
  send(response, 200, type, fs.readFileSync(file));
}

function hasToken(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer /, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

class BodyTooLarge extends Error {}

async function readBody(request: http.IncomingMessage): Promise<string> {
  return (await readBytes(request, MAX_BODY_BYTES)).toString('utf8');
}

async function readBytes(request: http.IncomingMessage, limit: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of request) {
    size += (part as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts);
}

/** The base name only, without path separators or control characters; '' if nothing is left. */
function safeFileName(encoded: string): string {
  let name: string;
  try {
    name = decodeURIComponent(encoded);
  } catch {
    return '';
  }
  const base = name.split(/[\\/]/).pop() ?? '';
  return [...base].filter((char) => char.charCodeAt(0) >= 32).join('').slice(0, 200).replace(/^\.+$/, '');
}

async function bundleClientScript(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, 'browserClient.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
