import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../core/api';
import { Cairn } from '../../../core/cairn';
import { RecordsSession } from '../../../core/records/recordsSession';
import { startBridgeServer, type BridgeServer } from '../../../scripts/bridge/server';
import { tempDir } from '../../support/tempDir';

/** A raw request, so tests can send headers (like Host) that fetch would not let them forge. */
function request(server: BridgeServer, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  const { port } = new URL(server.origin);
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the HTTP bridge', () => {
  let rendererDir: string;
  let cairn: Cairn;
  let server: BridgeServer;
  let dataDir: string;
  const invoke = (body: unknown, headers: Record<string, string> = {}) =>
    request(server, {
      method: 'POST',
      path: '/api/invoke',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-bridge-'));
    rendererDir = path.join(root, 'renderer');
    dataDir = path.join(root, 'data');
    fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<html><head><script type="module" src="./assets/app.js"></script></head><body></body></html>');
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(root, 'secret.txt'), 'secret');
    cairn = Cairn.open({ dataDir });
    server = await startBridgeServer({ handlers: createHandlers(cairn, new RecordsSession({ dataDir: cairn.dataDir, keychain: null })), rendererDir });
  });

  afterAll(async () => {
    await server.close();
    await cairn.close();
    fs.rmSync(path.dirname(rendererDir), { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only, with the token in the page URL fragment', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves the renderer with the bridge client loaded first, under the CSP', async () => {
    const page = await request(server, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.body.indexOf('/bridge-client.js')).toBeLessThan(page.body.indexOf('./assets/app.js'));
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const client = await request(server, { path: '/bridge-client.js' });
    expect(client.body).toContain('/api/invoke');
    expect((await request(server, { path: '/assets/app.js' })).body).toBe('console.log(1)');
  });

  it('answers calls through the same validated dispatch as IPC', async () => {
    const ok = await invoke({ name: 'app/status' });
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { dataDir } });
    expect(JSON.parse((await invoke({ name: 'library/list', input: { x: 1 } })).body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.parse((await invoke({ name: 'nope' })).body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it.each([
    ['no token', { Authorization: '' }, 401],
    ['a wrong token', { Authorization: 'Bearer 00' }, 401],
    ['a foreign Host (DNS rebinding)', { Host: 'evil.example:80' }, 421],
    ['a form post', { 'Content-Type': 'text/plain' }, 415],
  ])('refuses a call with %s', async (_what, headers, status) => {
    expect((await invoke({ name: 'app/status' }, headers)).status).toBe(status);
  });

  it('refuses bad bodies and paths outside the renderer', async () => {
    expect((await invoke('{not json')).status).toBe(400);
    expect((await invoke(JSON.stringify({ name: 'app/status', input: 'x'.repeat(1_100_000) }))).status).toBe(413);
    expect((await request(server, { path: '/../secret.txt' })).status).toBe(404);
    expect((await request(server, { path: '/%2e%2e/secret.txt' })).status).toBe(404);
    expect((await request(server, { method: 'GET', path: '/api/invoke' })).status).toBe(405);
  });

  it('takes an uploaded file in place of a path, with its base name only, and only with the token', async () => {
    const upload = (name: string, auth = `Bearer ${server.token}`) =>
      fetch(`${server.origin}/api/upload`, { method: 'POST', headers: { Authorization: auth, 'X-File-Name': encodeURIComponent(name), 'Content-Type': 'application/octet-stream' }, body: 'Report date: 2026-01-02' });
    const response = await upload('../../etc/report.txt');
    expect(response.status).toBe(200);
    const { path: stored } = (await response.json()) as { path: string };
    expect(path.basename(stored)).toBe('report.txt');
    expect(fs.readFileSync(stored, 'utf8')).toBe('Report date: 2026-01-02');
    expect((await upload('x.txt', 'Bearer wrong')).status).toBe(401);
    expect((await upload('')).status).toBe(400);
  });

  it('says how to build the renderer when it is missing', async () => {
    await expect(startBridgeServer({ handlers: createHandlers(cairn, new RecordsSession({ dataDir: cairn.dataDir, keychain: null })), rendererDir: tempDir() })).rejects.toThrow(/npm run build/);
  });
});
