import { useCallback, useEffect, useRef } from 'react';

/**
 * `fn` at most once per `ms`: the first call runs at once, calls during the wait collapse into
 * one more run at its end (so the last event is never lost). Live events arrive in bursts; this
 * keeps the requests they cause bounded.
 */
export function useThrottle(fn: () => void, ms: number): () => void {
  const latest = useRef(fn);
  latest.current = fn;
  const state = useRef<{ last: number; timer: ReturnType<typeof setTimeout> | undefined }>({ last: 0, timer: undefined });
  useEffect(() => () => clearTimeout(state.current.timer), []);
  return useCallback(() => {
    const s = state.current;
    if (s.timer !== undefined) return;
    const run = () => {
      s.timer = undefined;
      s.last = Date.now();
      latest.current();
    };
    const wait = s.last + ms - Date.now();
    if (wait <= 0) run();
    else s.timer = setTimeout(run, wait);
  }, [ms]);
}
