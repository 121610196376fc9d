import { hostname, networkInterfaces } from 'node:os';

/** Addresses that mean "every interface": listening there serves the network. */
const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** True for an address that means every interface (`0.0.0.0`, `::`). */
export function isWildcardHost(host: string): boolean {
  return WILDCARDS.has(host.replace(/^\[|\]$/g, '').toLowerCase());
}

/**
 * True for names and addresses that only ever reach this machine: `localhost`, `127.0.0.0/8`
 * and `::1` (also IPv4-mapped).
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase();
  return name === 'localhost' || name === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/**
 * The host name of a `Host` header (`name`, `name:port`, `[v6]:port`), lower-cased and without
 * brackets; `undefined` when the header is not of that shape.
 */
export function hostNameOf(header: string): string | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]/\s@]+)(?::\d{1,5})?$/.exec(header);
  return match?.[1]?.replace(/^\[|\]$/g, '').toLowerCase();
}

/**
 * Which `Host` headers the server answers, against DNS rebinding: a page whose own name
 * resolves to this machine must not become same-origin with the API. Loopback names and
 * addresses are always allowed; so is the address the server listens on, and, when it listens on
 * every interface, this machine's host name and interface addresses; then the names the operator
 * configured (`LATHE_ALLOWED_HOSTS`), where `*` allows any (behind a proxy that checks them).
 */
export class HostAllowList {
  private readonly names: Set<string>;
  private readonly any: boolean;

  constructor(listenHost: string, configured: readonly string[]) {
    this.any = configured.includes('*');
    this.names = new Set(configured.map((name) => name.replace(/^\[|\]$/g, '').toLowerCase()));
    if (!isWildcardHost(listenHost)) this.names.add(listenHost.replace(/^\[|\]$/g, '').toLowerCase());
    else for (const name of machineNames()) this.names.add(name);
  }

  /** True when a request naming `header` as its `Host` may be answered. */
  allows(header: string | undefined): boolean {
    if (header === undefined) return false;
    const name = hostNameOf(header);
    if (name === undefined) return false;
    return this.any || isLoopbackHost(name) || this.names.has(name);
  }
}

function machineNames(): string[] {
  const names = [hostname().toLowerCase()];
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) names.push(address.address.toLowerCase());
  }
  return names;
}
