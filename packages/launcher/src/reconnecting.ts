import { LatheError } from '@lathe/core';

/** How long a launcher keeps trying a server that is down, by default: one hour. */
export const DEFAULT_RECONNECT_MS = 3_600_000;

/**
 * Calls to the server that outlast the server. A call that fails because the server cannot be
 * reached, or because it answered 5xx, 408 or 429, is tried again, with backoff up to 2 s, until
 * `windowMs` has passed; any other answer (a 4xx) is final at once. This is what lets a job run
 * on while its server restarts: the new server accepts the same job token, and every runtime
 * call is safe to repeat (a report the job's state no longer allows changes nothing, a log chunk
 * is written at its offset once, an output replaces itself).
 */
export class Reconnecting {
  constructor(
    private readonly windowMs: number,
    private readonly onRetry: (what: string, error: Error) => void = () => undefined,
  ) {}

  async call<T>(what: string, attempt: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.windowMs;
    for (let tries = 0; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        if (!isRetryable(error) || Date.now() >= deadline) throw error;
        if (tries === 0) this.onRetry(what, error as Error);
        await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** tries)));
      }
    }
  }
}

// Besides Lathe's own errors, undici's: a connection cut mid-answer is a TypeError ('terminated')
// or carries a socket error code.
function isRetryable(error: unknown): boolean {
  if (!(error instanceof LatheError)) {
    const code = String((error as { code?: unknown; cause?: { code?: unknown } } | null)?.cause?.code ?? (error as { code?: unknown } | null)?.code ?? '');
    return (error as Error | null)?.name === 'TypeError' || /^(E[A-Z]+|UND_ERR)/.test(code);
  }
  const status = error.statusCode;
  return error.code === 'LATHE_UNAVAILABLE' || status >= 500 || status === 408 || status === 429;
}
