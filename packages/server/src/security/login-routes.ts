import type { FastifyInstance } from 'fastify';
import { LatheError } from '@lathe/core';
import type { Authenticator } from './authenticator.js';
import { SESSION_COOKIE } from './credentials.js';

/**
 * `GET /login?token=<access token>`, the URL the server prints when it makes its token: sets the
 * token as an HttpOnly, SameSite=Strict cookie (scripts cannot read it, other sites cannot send
 * it) and opens Studio. A wrong token changes nothing.
 */
export async function loginRoutes(app: FastifyInstance, auth: Authenticator): Promise<void> {
  app.get<{ Querystring: { token?: string } }>(
    '/login',
    { schema: { querystring: { type: 'object', properties: { token: { type: 'string', maxLength: 1024 } }, additionalProperties: false } } },
    async (request, reply) => {
      if (!auth.required) return reply.redirect('/', 302);
      if (!auth.isAccessToken(request.query.token)) {
        throw new LatheError('LATHE_UNAUTHORIZED', "this login URL does not carry the server's access token; use the one the server printed, or the token in its secrets folder");
      }
      void reply.header('set-cookie', `${SESSION_COOKIE}=${request.query.token}; HttpOnly; SameSite=Strict; Path=/`).header('cache-control', 'no-store');
      return reply.redirect('/', 302);
    },
  );
}
