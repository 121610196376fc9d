import type { FastifyInstance } from 'fastify';

/** One route of the app: its methods and its URL pattern (`/jobs/:name`, `/artifacts/*`). */
export interface RouteEntry {
  methods: string[];
  url: string;
}

/**
 * Every route of a ready app, read from `printRoutes({ commonPrefix: false })`, whose tree
 * gives each node its path after its parent's and its methods in parentheses. New routes are
 * found without a list to keep.
 * @internal
 */
export function routeTable(app: FastifyInstance): RouteEntry[] {
  const routes: RouteEntry[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[└├]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (match === null) continue;
    const depth = (match[1] ?? '').length / 4;
    const parent = depth === 0 ? '' : (stack[depth - 1] ?? '');
    // The tree prints a wildcard under its static prefix without the slash between them.
    const segment = match[2] ?? '';
    const url = segment === '*' && !parent.endsWith('/') ? `${parent}/*` : `${parent}${segment}`;
    stack[depth] = url;
    stack.length = depth + 1;
    if (match[3] !== undefined) routes.push({ methods: match[3].split(', '), url });
  }
  return routes;
}
