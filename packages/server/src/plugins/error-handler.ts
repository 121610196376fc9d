import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LatheError, asStorageFull } from '@lathe/core';
import { closeIfBodyUnread } from './unread-body.js';

/**
 * The one place errors become responses: `{ error_code, message, details }` with the status of
 * the code. Fastify's own 4xx (schema validation, bad media type, oversized body) are mapped to
 * Lathe codes; a full disk or quota (`ENOSPC`, `EDQUOT`, `SQLITE_FULL`) is a logged
 * `LATHE_STORAGE_FULL` (507); anything else is a logged `LATHE_INTERNAL`.
 */
export function installErrorHandler(
  app: FastifyInstance,
  /** Tried first for a request no route matched (Studio's client-side routes); true when it answered. */
  fallback: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean> = async () => false,
): void {
  app.setErrorHandler((error: FastifyError | LatheError, request, reply) => {
    const lathe = toLatheError(error);
    if (lathe.code === 'LATHE_INTERNAL') request.log.error({ err: error }, 'unhandled error');
    if (lathe.code === 'LATHE_STORAGE_FULL') request.log.error({ err: error, code: lathe.code }, 'storage full');
    closeIfBodyUnread(request, reply);
    void reply.status(lathe.statusCode).send(lathe.toJSON());
  });
  app.setNotFoundHandler(async (request, reply) => {
    if (await fallback(request, reply)) return reply;
    const error = new LatheError('LATHE_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`, { details: { route: request.url } });
    void reply.status(404).send(error.toJSON());
  });
}

function toLatheError(error: FastifyError | LatheError): LatheError {
  if (error instanceof LatheError) return error;
  const full = asStorageFull(error);
  if (full) return full;
  if (error.validation) {
    const where = error.validationContext ?? 'request';
    return new LatheError('LATHE_BAD_REQUEST', `${where}: ${error.message.replace(/^(body|querystring|params)\/?/, '')}`, {
      details: { context: where, errors: error.validation.map((v) => ({ field: v.instancePath || '/', message: v.message })) },
    });
  }
  const status = error.statusCode ?? 500;
  if (status === 413) return new LatheError('LATHE_PAYLOAD_TOO_LARGE', error.message);
  if (status >= 400 && status < 500) return new LatheError('LATHE_BAD_REQUEST', error.message, { details: { fastify_code: error.code } });
  return new LatheError('LATHE_INTERNAL', `internal error: ${error.message}`);
}
