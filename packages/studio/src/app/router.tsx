import { useEffect, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

/**
 * A small history-API router: every page has a URL that can be bookmarked and shared (a job,
 * a comparison, a filtered list), and back/forward work. Query strings carry page state.
 */
type Listener = () => void;
const listeners = new Set<Listener>();
const scrollPositions = new Map<string, number>();

function notify(): void {
  for (const listener of listeners) listener();
}
window.addEventListener('popstate', notify);

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

/** Goes to `to` (a path with an optional query); `replace` rewrites the current entry instead. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  scrollPositions.set(snapshot(), window.scrollY);
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

/** Updates query parameters of the current URL (replacing the entry: typing is not history). */
export function setQuery(changes: Record<string, string | undefined | null>, options: { push?: boolean } = {}): void {
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === null || value === '') params.delete(key);
    else params.set(key, value);
  }
  const query = params.toString();
  navigate(`${window.location.pathname}${query ? `?${query}` : ''}`, { replace: !options.push });
}

/** The current location; re-renders on every navigation. */
export function useLocation(): { path: string; query: URLSearchParams; href: string } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, query: url.searchParams, href };
}

/** A route: `pattern` with `:name` segments (the last may be `*rest`); `preload` fetches a lazy page's code. */
export interface Route {
  pattern: string;
  render: (params: Record<string, string>) => ReactNode;
  preload?: () => Promise<void>;
}

/** Params of `pattern` matched against `path`, or undefined. */
export function matchRoute(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] as string;
    if (segment.startsWith('*')) {
      params[segment.slice(1)] = have.slice(i).map(decodeURIComponent).join('/');
      return params;
    }
    const value = have[i];
    if (value === undefined) return undefined;
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(value);
    else if (segment !== value) return undefined;
  }
  return have.length === want.length ? params : undefined;
}

/** Scrolls back to where the user was when they return to a URL (list → detail → back). */
export function useRestoreScroll(key: string, ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    const y = scrollPositions.get(key);
    window.scrollTo(0, y ?? 0);
  }, [key, ready]);
}

/** An in-app link: a real `<a href>` (open in new tab works) that navigates without reloading. */
export function Link({ to, children, ...rest }: { to: string; children: ReactNode } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} {...rest} onClick={onClick}>
      {children}
    </a>
  );
}
