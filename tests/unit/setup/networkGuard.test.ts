import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackHost, NetworkGuardError, takeViolations } from '../../support/networkGuard';

/** Native handles that would exist if a socket or a DNS request had been started. */
function networkHandles(): string[] {
  return process.getActiveResourcesInfo().filter((r) => /TCP|UDP|GetAddrInfo|QueryReqWrap|TLS/i.test(r));
}

// Every refusal below is made on purpose; take them so the guard's afterEach does not fail these tests.
afterEach(() => void takeViolations());

describe('the test network guard', () => {
  it('refuses an outside IP before a socket opens', () => {
    const before = networkHandles();
    const socket = new net.Socket();
    expect(() => socket.connect({ host: '93.184.216.34', port: 80 })).toThrow(NetworkGuardError);
    expect(socket.connecting).toBe(false);
    expect(networkHandles()).toEqual(before);
    expect(() => net.connect(443, '10.0.0.1')).toThrow(/not allowed in tests/);
    socket.destroy();
  });

  it('refuses an outside host name before any DNS lookup', () => {
    const before = networkHandles();
    expect(() => net.connect({ host: 'example.com', port: 443 })).toThrow(NetworkGuardError);
    expect(() => dns.lookup('example.com', () => undefined)).toThrow(NetworkGuardError);
    expect(() => dns.promises.resolve4('example.com')).toThrow(NetworkGuardError);
    expect(networkHandles()).toEqual(before);
  });

  it('makes fetch and http fail in the test that tried them', async () => {
    await expect(fetch('http://example.com/')).rejects.toThrow();
    expect(() => http.get('http://203.0.113.5/')).toThrow(NetworkGuardError);
    expect(takeViolations().map((v) => v.target)).toEqual(['example.com:80', '203.0.113.5:80']);
  });

  it('refuses UDP to outside addresses', () => {
    const socket = dgram.createSocket('udp4');
    expect(() => socket.send('x', 53, '8.8.8.8')).toThrow(NetworkGuardError);
    socket.close();
  });

  it('records refusals even when a library swallows the error', () => {
    try {
      net.connect(80, '198.51.100.7');
    } catch {
      // swallowed, as a careless library might
    }
    expect(takeViolations()).toHaveLength(1);
  });

  it('lets loopback through', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
      expect(await (await fetch(`http://localhost:${port}/`)).text()).toBe('ok');
    } finally {
      server.close();
    }
    expect(takeViolations()).toEqual([]);
  });

  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', '::1', '[::1]', 'localhost', 'LOCALHOST']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '10.0.0.1', '192.168.1.1', '::', 'example.com', '128.0.0.1']) expect(isLoopbackHost(host)).toBe(false);
  });
});
