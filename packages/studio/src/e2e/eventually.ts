/** How long {@link eventually} keeps trying, and how often. */
export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Runs `check` until it resolves (its value is returned) or `timeoutMs` passes (its last error
 * is thrown). For assertions on a page that settles in its own time — a list reloading, a job
 * finishing — without fixed sleeps: the wait is as long as the machine needs, up to the limit.
 */
export async function eventually<T>(check: () => Promise<T>, options: EventuallyOptions = {}): Promise<T> {
  const { timeoutMs = 60_000, intervalMs = 100 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
