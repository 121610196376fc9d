import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LatheError } from '@lathe/core';
import { hasBody } from './unread-body.js';

/**
 * Drops a request whose body stops arriving: when no byte of it comes for `idleMs`, the answer
 * is `408 LATHE_REQUEST_TIMEOUT` with `Connection: close` (or, once an answer has started, the
 * connection is closed) and the body stream fails, so a route writing it to disk removes what it
 * wrote. An upload that keeps sending is never cut, however long it takes; requests without a
 * body (log follow, live events) are not watched, so long-lived answers stay open.
 */
export function installBodyIdleTimeout(app: FastifyInstance, idleMs: number): void {
  app.addHook('onRequest', async (request, reply) => {
    if (hasBody(request)) watchBody(request, reply, idleMs, app.server.keepAliveTimeout);
  });
}

function watchBody(request: FastifyRequest, reply: FastifyReply, idleMs: number, keepAliveMs: number): void {
  const raw = request.raw;
  // Node emits 'timeout' on a request whose body is incomplete when its socket has been idle;
  // with a listener there, Node leaves the socket open for us to answer.
  raw.setTimeout(idleMs, () => {
    const error = new LatheError('LATHE_REQUEST_TIMEOUT', `no bytes of the request body arrived for ${idleMs} ms; the request was dropped`, {
      details: { idle_timeout_ms: idleMs },
    });
    request.log.warn({ code: error.code }, error.message);
    if (reply.sent || reply.raw.headersSent) return raw.destroy(error);
    reply.raw.once('finish', () => raw.destroy(error));
    void reply.header('connection', 'close').send(error);
  });
  raw.once('end', () => {
    // The body is complete: stop watching, or a long answer on this socket would be cut. Node
    // may have set the keep-alive timeout on the socket already if the answer went out first.
    raw.socket?.setTimeout(reply.raw.writableFinished ? keepAliveMs : 0);
  });
}
