import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { LatheError } from '@lathe/core';

/**
 * Makes every body in `scope` a stream, whatever its content type (JSON and text included), so
 * upload routes read bytes, never a parsed value. Call it in a plugin of its own: it removes the
 * scope's other parsers.
 */
export function acceptStreamBodies(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
}

/**
 * The request body as a stream: an empty one when the request has no body (an empty upload).
 * `LATHE_BAD_REQUEST` for a body that some parser already turned into a value.
 */
export function bodyStream(body: unknown): Readable {
  if (body === undefined || body === null) return Readable.from([]);
  if (typeof body === 'object' && typeof (body as Readable).pipe === 'function') return body as Readable;
  throw new LatheError('LATHE_BAD_REQUEST', 'this route takes the body as bytes');
}
