import { createElement, useEffect, useState, type ComponentType } from 'react';

/** A page whose code loads on first visit; `preload` starts that early (main.tsx, before the first render). */
export type LazyPage<P> = ComponentType<P> & { preload(): Promise<void> };

/**
 * A page component loaded on demand. Unlike `React.lazy` it does not suspend: React holds a
 * suspended page back for its fallback throttle (300 ms), which would delay the page's own
 * requests; this one renders nothing for the moment its chunk takes, then the page.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<void> | undefined;
  const preload = () =>
    (pending ??= load().then((component) => {
      loaded = component;
    }));
  function Page(props: P) {
    const [, setReady] = useState(loaded !== undefined);
    useEffect(() => {
      if (!loaded) void preload().then(() => setReady(true));
    }, []);
    return loaded ? createElement(loaded, props) : null;
  }
  return Object.assign(Page, { preload });
}
