/**
 * Requests started before the page that needs them exists: for the URL Studio opens with, its
 * data is fetched while the page's code loads and React starts, and the page takes the answer
 * instead of asking again. An answer is taken once; anything not taken is simply dropped.
 */
const pending = new Map<string, Promise<unknown>>();

/** Starts `load` under `key` (unless already started). */
export function prefetch<T>(key: string, load: () => Promise<T>): Promise<T> {
  let promise = pending.get(key) as Promise<T> | undefined;
  if (!promise) {
    promise = load();
    // A failure is the taker's to report; unhandled until taken, it must not be logged as such.
    promise.catch(() => undefined);
    pending.set(key, promise);
  }
  return promise;
}

/** The prefetched answer for `key`, once, or undefined: then the caller asks itself. */
export function takePrefetched<T>(key: string): Promise<T> | undefined {
  const promise = pending.get(key) as Promise<T> | undefined;
  pending.delete(key);
  return promise;
}
