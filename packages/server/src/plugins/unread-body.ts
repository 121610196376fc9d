import type { FastifyReply, FastifyRequest } from 'fastify';

/** True when the request announced a body (a length above 0, or chunked). */
export function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * For an error answered before the request body was read to its end (an upload refused on a full
 * disk): sends `Connection: close`, so the connection ends with the answer. Kept open, the client
 * would send its next request behind the unread rest of this body, and wait forever.
 */
export function closeIfBodyUnread(request: FastifyRequest, reply: FastifyReply): void {
  if (hasBody(request) && !request.raw.readableEnded) void reply.header('connection', 'close');
}
