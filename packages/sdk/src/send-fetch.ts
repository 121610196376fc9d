import type { SendInit } from './send-body.js';

/** Sends one request with `fetch`: the transport of browser bundles (Studio). */
export function send(url: URL, init: SendInit): Promise<Response> {
  const { body } = init;
  const streamed = body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array);
  const request: RequestInit & { duplex?: 'half' } = {
    method: init.method,
    headers: init.headers,
    ...(init.signal ? { signal: init.signal } : {}),
    ...(body === undefined ? {} : { body: body as NonNullable<RequestInit['body']> }),
    ...(streamed ? { duplex: 'half' } : {}),
  };
  return fetch(url, request);
}
