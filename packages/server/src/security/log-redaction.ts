import type { FastifyRequest } from 'fastify';

/**
 * How requests appear in the server's log: method, URL, host and peer, with the value of any
 * `token` query parameter (the login URL's) replaced by `[redacted]`. Headers, and so the
 * `Authorization` and `Cookie` that carry credentials, are never logged.
 */
export function redactedRequest(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactUrl(request.url),
    hostname: request.hostname,
    remoteAddress: request.ip,
  };
}

/** `url` with every `token=` query value replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  return url.slice(0, query) + url.slice(query).replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}
