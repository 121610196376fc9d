import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LatheError } from '@lathe/core';
import { MAX_MESSAGE_CHARS, clipText } from './clip-text.js';
import { fromSystemError } from './system-error.js';
import { closeIfBodyUnread } from './unread-body.js';

/** Options for {@link installErrorHandler}. */
export interface ErrorHandlerOptions {
  /** Tried first for a request no route matched (Studio's client-side routes); true when it answered. */
  fallback?: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>;
  /** Server folders (the data directory) whose paths no error answer may show. */
  hiddenPaths?: readonly string[];
}

/**
 * The one place errors become responses: `{ error_code, message, details }` with the status of
 * the code. Fastify's own 4xx (schema validation, bad media type, oversized body) are mapped to
 * Lathe codes; a full disk or quota (`ENOSPC`, `EDQUOT`, `SQLITE_FULL`) is a logged
 * `LATHE_STORAGE_FULL` (507); file-system and tar errors a request's input caused become 4xx codes
 * ({@link fromSystemError}); anything else is a logged `LATHE_INTERNAL`. Messages are cut to
 * 2,000 characters, and every error answer of the app — MLflow's shape included — has the
 * `hiddenPaths` replaced by `<server path>`.
 */
export function installErrorHandler(app: FastifyInstance, options: ErrorHandlerOptions = {}): void {
  const fallback = options.fallback ?? (async () => false);
  app.setErrorHandler((error: FastifyError | LatheError, request, reply) => {
    const lathe = toLatheError(error);
    if (lathe.code === 'LATHE_INTERNAL') request.log.error({ err: error }, 'unhandled error');
    if (lathe.code === 'LATHE_STORAGE_FULL') request.log.error({ err: error, code: lathe.code }, 'storage full');
    closeIfBodyUnread(request, reply);
    void reply.status(lathe.statusCode).send({ ...lathe.toJSON(), message: clipText(lathe.message, MAX_MESSAGE_CHARS) });
  });
  app.setNotFoundHandler(async (request, reply) => {
    if (await fallback(request, reply)) return reply;
    const path = clipText(request.url.split('?')[0] ?? '');
    const error = new LatheError('LATHE_NOT_FOUND', `no route ${request.method} ${path}`, { details: { route: clipText(request.url) } });
    void reply.status(404).send(error.toJSON());
  });
  const hide = pathHider(options.hiddenPaths ?? []);
  app.addHook('onSend', async (_request, reply, payload) => (reply.statusCode >= 400 && typeof payload === 'string' ? hide(payload) : payload));
}

/** The Lathe error for anything a route or Fastify throws. */
export function toLatheError(error: FastifyError | LatheError): LatheError {
  if (error instanceof LatheError) return error;
  const system = fromSystemError(error);
  if (system !== undefined) return system;
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

// Replaces each path under one of `roots` (up to a quote, a space or a JSON escape) by a mark.
function pathHider(roots: readonly string[]): (text: string) => string {
  const usable = roots.filter((r) => r.length > 1).sort((a, b) => b.length - a.length);
  if (usable.length === 0) return (text) => text;
  const pattern = new RegExp(`(?:${usable.map(escapeRegExp).join('|')})[^\\s'"\\\\]*`, 'g');
  return (text) => text.replace(pattern, '<server path>');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
