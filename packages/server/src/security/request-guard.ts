import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { LatheError } from '@lathe/core';
import { Authenticator } from './authenticator.js';
import { HostAllowList } from './host-allow-list.js';
import { JobTokens } from './job-tokens.js';
import { clipText } from '../plugins/clip-text.js';
import { OriginPolicy } from './origin-policy.js';

/** What {@link installRequestGuard} checks with. */
export interface RequestGuardOptions {
  hosts: HostAllowList;
  origins: OriginPolicy;
  auth: Authenticator;
}

const CORS_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';
const CORS_HEADERS = 'Authorization, Content-Type';

/**
 * Runs before any handler, on every route (Studio's and unknown ones included): refuses a `Host`
 * outside the allow-list (DNS rebinding) and a state-changing request from a foreign origin
 * (CSRF) with `LATHE_FORBIDDEN`, answers CORS preflights for configured origins only, then asks
 * the {@link Authenticator} (`LATHE_UNAUTHORIZED`). Nothing is read or written before it passes.
 */
export function installRequestGuard(app: FastifyInstance, options: RequestGuardOptions): void {
  app.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host;
    if (!options.hosts.allows(host)) {
      throw new LatheError('LATHE_FORBIDDEN', `this server does not answer for host '${clipText(host ?? '')}'; add it to LATHE_ALLOWED_HOSTS to allow it`, { details: { host: clipText(host ?? '') } });
    }
    const origin = request.headers.origin;
    if (request.method === 'OPTIONS') {
      if (!options.origins.allowsCors(origin)) throw new LatheError('LATHE_FORBIDDEN', 'cross-origin requests are allowed only from the origins in LATHE_CORS_ORIGINS');
      void reply
        .header('access-control-allow-origin', origin)
        .header('vary', 'Origin')
        .header('access-control-allow-methods', CORS_METHODS)
        .header('access-control-allow-headers', CORS_HEADERS)
        .header('access-control-max-age', '600')
        .status(204)
        .send();
      return reply;
    }
    const decision = options.origins.check(request.method, origin, host ?? '', header(request.headers['sec-fetch-site']));
    if (!decision.allowed) throw new LatheError('LATHE_FORBIDDEN', `${decision.reason}; add the origin to LATHE_CORS_ORIGINS to allow it`);
    if (decision.cors) void reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    await options.auth.check(request);
    return undefined;
  });
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Loopback hosts only, no CORS, no access token, job tokens under a key made for this process. */
export function defaultGuard(): RequestGuardOptions {
  const jobTokens = new JobTokens(randomBytes(32).toString('base64url'));
  const auth = new Authenticator({ accessToken: undefined, jobTokens, isActiveJob: async () => false });
  return { hosts: new HostAllowList('127.0.0.1', []), origins: new OriginPolicy([]), auth };
}
