import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { SendInit } from './send-body.js';

/**
 * Sends one request with `node:http`: the transport in Node. Resolves with a standard
 * `Response` when the headers arrive; its body streams. Not `fetch`: its first use costs a Node
 * process about 150 ms (loading its HTTP client, and an idle keep-alive connection holding the
 * process open), which every `lathe` command and every job's launcher would pay.
 */
export function send(url: URL, init: SendInit): Promise<Response> {
  const { body } = init;
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const fixed = typeof body === 'string' || body instanceof Uint8Array ? body : undefined;
    const length = fixed === undefined ? {} : { 'content-length': String(Buffer.byteLength(fixed)) };
    const options = { method: init.method, headers: { ...length, ...init.headers }, ...(init.signal ? { signal: init.signal } : {}) };
    const req = client(url, options, (answer) => resolve(toResponse(answer, init.method)));
    req.on('error', reject);
    if (body === undefined || fixed !== undefined) {
      req.end(fixed);
      return;
    }
    // A stream that fails ends the request with its error, as fetch does.
    const source = Readable.from(body, { objectMode: false });
    source.on('error', (error) => req.destroy(error));
    source.pipe(req);
  });
}

// Statuses whose answer has no body, as the Response constructor requires.
const NO_BODY = new Set([101, 204, 205, 304]);

function toResponse(answer: IncomingMessage, method: string): Response {
  const status = answer.statusCode ?? 500;
  const headers = new Headers();
  for (const [key, value] of Object.entries(answer.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(key, v);
  }
  if (NO_BODY.has(status) || method === 'HEAD') {
    answer.resume();
    return new Response(null, { status, headers });
  }
  return new Response(Readable.toWeb(answer) as ReadableStream<Uint8Array>, { status, headers });
}
