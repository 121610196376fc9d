import { LatheError, isErrorCode } from '@lathe/core';
// `send-node.js` in Node, `send-fetch.js` in a browser bundle (package.json "imports").
import { send } from '#send';
import type { EncodedBody } from './send-body.js';

/** A request body: JSON, bytes, or a stream (sent chunked, never buffered whole). */
export type RequestBody = { json: unknown } | { bytes: Uint8Array } | { stream: AsyncIterable<Uint8Array>; contentType?: string };

/** Options of one request. */
export interface RequestOptions {
  method?: string;
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  body?: RequestBody;
  signal?: AbortSignal;
  /** Statuses returned as a response instead of thrown (e.g. 404 for HEAD checks). */
  allow?: readonly number[];
  /** Extra headers (credentials). */
  headers?: Record<string, string>;
}

/**
 * Sends one request to the server and turns error responses into {@link LatheError}s with the
 * server's code. A refused connection becomes `LATHE_UNAVAILABLE` naming the URL. The answer is a
 * standard `Response` whose body streams. In Node it is sent with `node:http` (see
 * `send-node.ts` for why), in a browser with `fetch`.
 */
export async function request(baseUrl: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const url = new URL(path, baseUrl);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
  }
  const method = options.method ?? 'GET';
  const encoded = options.body ? encodeBody(options.body) : undefined;
  let response: Response;
  try {
    response = await send(url, { method, headers: { ...encoded?.headers, ...options.headers }, ...(encoded ? { body: encoded.body } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  } catch (cause) {
    if ((cause as Error).name === 'AbortError') throw cause;
    throw new LatheError('LATHE_UNAVAILABLE', `cannot reach the Lathe server at ${baseUrl} (${describeCause(cause)})`, {
      details: { url: baseUrl },
      cause,
    });
  }
  if (response.ok || options.allow?.includes(response.status)) return response;
  throw await toError(response);
}

function encodeBody(body: RequestBody): { headers: Record<string, string>; body: EncodedBody } {
  if ('json' in body) return { body: JSON.stringify(body.json), headers: { 'content-type': 'application/json' } };
  if ('bytes' in body) return { body: body.bytes, headers: { 'content-type': 'application/octet-stream' } };
  // Any async iterable streams, chunked: tar packers are not Node Readables, so none is required.
  return { body: body.stream, headers: { 'content-type': body.contentType ?? 'application/octet-stream' } };
}

async function toError(response: Response): Promise<LatheError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error_code?: unknown; message?: unknown; details?: Record<string, unknown> };
    if (isErrorCode(body.error_code)) {
      return new LatheError(body.error_code, String(body.message ?? ''), { details: body.details ?? {} });
    }
    if (typeof body.error_code === 'string' && typeof body.message === 'string') {
      // MLflow's error shape (the tracking API): keep its message and code.
      return new LatheError(codeForStatus(response.status), body.message, { details: { status: response.status, mlflowErrorCode: body.error_code } });
    }
  } catch {
    // Not one of ours: fall through with the raw text.
  }
  return new LatheError(codeForStatus(response.status), `HTTP ${response.status}: ${text.slice(0, 500)}`, { details: { status: response.status } });
}

function codeForStatus(status: number): 'LATHE_NOT_FOUND' | 'LATHE_INTERNAL' | 'LATHE_BAD_REQUEST' {
  return status === 404 ? 'LATHE_NOT_FOUND' : status >= 500 ? 'LATHE_INTERNAL' : 'LATHE_BAD_REQUEST';
}

function describeCause(cause: unknown): string {
  const error = cause as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  return error.code ?? error.cause?.code ?? error.cause?.message ?? String(error.message);
}
