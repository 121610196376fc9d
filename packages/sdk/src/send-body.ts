/** What a transport sends: a string or bytes with a known length, or a stream sent chunked. */
export type EncodedBody = string | Uint8Array | AsyncIterable<Uint8Array>;

/** One request for a transport (`send-node.ts`, `send-fetch.ts`). */
export interface SendInit {
  method: string;
  headers: Record<string, string>;
  body?: EncodedBody;
  signal?: AbortSignal;
}
