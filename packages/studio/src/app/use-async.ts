import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

/** The state of a load: the last value stays visible while a reload runs. */
export interface AsyncState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  /** Loads again (live updates call it); the current value stays until the new one arrives. */
  reload: () => void;
}

/**
 * Runs `load` when `deps` change and on `reload()`; an answer that arrives after a newer load
 * started is dropped, and the signal aborts the request when the component goes away.
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [state, setState] = useState<{ data: T | undefined; error: Error | undefined; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  useEffect(() => {
    const mine = ++generation.current;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    load(controller.signal).then(
      (data) => mine === generation.current && setState({ data, error: undefined, loading: false }),
      (error: Error) => mine === generation.current && error.name !== 'AbortError' && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
