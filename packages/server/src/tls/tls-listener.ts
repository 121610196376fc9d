import { createServer, type Server } from 'node:https';
import type { FastifyInstance } from 'fastify';
import type { TlsMaterial } from './tls-material.js';

/** Options for {@link listenTls}. */
export interface TlsListenOptions {
  host: string;
  port: number;
  material: TlsMaterial;
  /** The plain listener's timeouts, applied to this one too. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

/**
 * Serves `app` over TLS on a second port. Requests go through `app.routing`, the same entry as
 * the plain listener's, so every hook runs on them: the request guard (Host allow-list, Origin
 * check, credentials), body timeouts and the error handler. Returns the listening server; the
 * caller closes it.
 */
export async function listenTls(app: FastifyInstance, options: TlsListenOptions): Promise<Server> {
  const requestTimeout = options.requestTimeoutMs;
  const server = createServer(
    {
      cert: options.material.certPem,
      key: options.material.keyPem,
      requestTimeout,
      headersTimeout: Math.min(options.headersTimeoutMs, requestTimeout || Infinity),
      keepAliveTimeout: app.server.keepAliveTimeout,
    },
    (request, response) => app.routing(request, response),
  );
  server.on('secureConnection', (socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

/** The port `server` listens on. */
export function portOf(server: Server): number {
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
}
