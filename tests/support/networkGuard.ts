import dgram from 'node:dgram';
import dns from 'node:dns';
import net from 'node:net';

/**
 * Refuses, before any socket or DNS request exists, every connection a test tries to make to an
 * address that is not loopback. Each refusal throws `NetworkGuardError` where the connection was
 * attempted and is also recorded, so a library that swallows the error still fails the test
 * (see tests/setup/networkGuard.ts).
 */
export class NetworkGuardError extends Error {
  override readonly name = 'NetworkGuardError';
  readonly target: string;

  constructor(target: string) {
    super(`Network access to ${target} is not allowed in tests (only loopback is).`);
    this.target = target;
  }
}

const violations: NetworkGuardError[] = [];
let installed = false;

/** Removes and returns the refusals recorded so far (for tests that cause them on purpose). */
export function takeViolations(): NetworkGuardError[] {
  return violations.splice(0, violations.length);
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (net.isIPv4(bare)) return bare.startsWith('127.');
  if (net.isIPv6(bare)) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}

function refuse(target: string): never {
  const error = new NetworkGuardError(target);
  violations.push(error);
  throw error;
}

function checkHost(host: string | undefined, port?: unknown): void {
  const name = host ?? 'localhost';
  if (!isLoopbackHost(name)) refuse(port === undefined ? name : `${name}:${String(port)}`);
}

/** Host and port from any of `socket.connect`'s call forms; undefined host for a local path. */
function connectTarget(args: unknown[]): { host?: string; port?: unknown; path?: string } {
  const [first, second] = args;
  if (Array.isArray(first)) return connectTarget(first); // net.connect normalizes to [options, cb]
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; port?: unknown; path?: string };
    return options.path ? { path: options.path } : { host: options.host, port: options.port };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
  return { host: typeof second === 'string' ? second : undefined, port: first };
}

export function installNetworkGuard(): void {
  if (installed) return;
  installed = true;

  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const target = connectTarget(args);
    if (!target.path) checkHost(target.host, target.port);
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof originalConnect;

  guardLookups(dns as unknown as Record<string, unknown>);
  guardLookups(dns.promises as unknown as Record<string, unknown>);

  for (const method of ['send', 'connect'] as const) {
    const original = dgram.Socket.prototype[method] as (...a: unknown[]) => unknown;
    (dgram.Socket.prototype as unknown as Record<string, unknown>)[method] = function guardedDgram(this: dgram.Socket, ...args: unknown[]) {
      const host = args.find((arg, i) => i > 0 && typeof arg === 'string') as string | undefined;
      checkHost(host);
      return original.apply(this, args);
    };
  }
}

const LOOKUP_FUNCTIONS = ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveTxt', 'resolveSrv', 'resolveNs'];

/** Name lookups for anything but localhost are refused before a DNS packet can be sent. */
function guardLookups(module: Record<string, unknown>): void {
  for (const name of LOOKUP_FUNCTIONS) {
    const original = module[name];
    if (typeof original !== 'function') continue;
    module[name] = function guardedLookup(this: unknown, hostname: unknown, ...rest: unknown[]) {
      checkHost(String(hostname));
      return (original as (...a: unknown[]) => unknown).call(this, hostname, ...rest);
    };
  }
}
