import { request as httpRequest } from 'node:http';
import type { FuzzRequest } from './fuzz-requests.js';

/** What came back for one request: the status, or why none came. */
export interface FuzzOutcome {
  status?: number;
  /** A transport failure or `timeout`. */
  error?: string;
  /** The start of the body, for the report. */
  excerpt?: string;
}

/** Where and how {@link sendRaw} sends. */
export interface FuzzTarget {
  port: number;
  /** Added to every request (a job token, an Origin); `Host` is `127.0.0.1:<port>` unless the request names one. */
  headers?: Record<string, string>;
  /** How long to wait for the response headers. */
  timeoutMs: number;
}

/**
 * Sends a request over real HTTP to 127.0.0.1 exactly as generated (no URL normalisation) and
 * settles with its status once the headers arrive, reading at most a few KB of the body, so an
 * endless stream (`/events`, a followed log) is not a hang. Never rejects.
 * @internal
 */
export function sendRaw(target: FuzzTarget, req: FuzzRequest): Promise<FuzzOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: FuzzOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.destroy();
      resolve(outcome);
    };
    const headers = { host: `127.0.0.1:${target.port}`, ...req.headers, ...target.headers, connection: 'close' };
    const client = httpRequest({ host: '127.0.0.1', port: target.port, method: req.method, path: req.path, headers, agent: false }, (res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => finish({ status, excerpt: Buffer.concat(chunks).toString('utf8', 0, 300) });
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size > 4096) done();
      });
      res.on('end', done);
      res.on('error', done);
      setTimeout(done, 200).unref();
    });
    const timer = setTimeout(() => finish({ error: 'timeout' }), target.timeoutMs);
    client.on('error', (error) => finish({ error: error.message }));
    client.end(req.body);
  });
}
