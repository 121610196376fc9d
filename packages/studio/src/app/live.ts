import { useEffect, useRef } from 'react';
import type { LiveEventResource } from '@lathe/api';
import { lathe } from './client.js';

/**
 * A live event, or `connected`: the stream (re)opened, and what changed while it was closed —
 * or before it first opened — came as no event, so views showing something that may have moved
 * reload it.
 */
export type LiveEvent = LiveEventResource | { type: 'connected' };

/**
 * One stream of the workspace's live events for the whole app (job status changes, metric
 * writes), shared by every view that listens; it reconnects with back-off when the server goes
 * away and stops when nothing listens.
 */
type Listener = (event: LiveEvent) => void;
const listeners = new Set<Listener>();
let controller: AbortController | undefined;

async function pump(signal: AbortSignal): Promise<void> {
  let delay = 500;
  while (!signal.aborted) {
    try {
      const notify = (event: LiveEvent) => {
        for (const listener of listeners) listener(event);
      };
      for await (const event of lathe.events({ signal, onOpen: () => notify({ type: 'connected' }) })) {
        delay = 500;
        notify(event);
      }
    } catch {
      // The server restarted or the network dropped: try again below.
    }
    if (signal.aborted) return;
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 10_000);
  }
}

function listen(listener: Listener): () => void {
  listeners.add(listener);
  if (!controller) {
    controller = new AbortController();
    void pump(controller.signal);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      controller?.abort();
      controller = undefined;
    }
  };
}

/** Calls `onEvent` for every live event while the component is mounted (the latest callback). */
export function useLiveEvents(onEvent: Listener): void {
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => listen((event) => latest.current(event)), []);
}
