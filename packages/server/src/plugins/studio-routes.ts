import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_PREFIX } from '@lathe/api';
import { confinePath } from '@lathe/store';
import type { ServerContext } from '../server-context.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Paths that belong to an API, never to Studio's client-side routes. */
const API_PATHS = [API_PREFIX, '/api/', '/ajax-api/', '/health', '/version'];

/**
 * The built Studio (`@lathe/studio`'s `dist/web`, or the configured `LATHE_STUDIO_DIR`), or
 * `undefined` when that folder holds no `index.html`.
 */
export function resolveStudioRoot(configured?: string): string | undefined {
  let root = configured;
  if (root === undefined) {
    try {
      root = join(dirname(createRequire(import.meta.url).resolve('@lathe/studio/package.json')), 'dist', 'web');
    } catch {
      return undefined;
    }
  }
  return existsSync(join(root, 'index.html')) ? root : undefined;
}

/**
 * Studio: `/` and every client-side route (`/jobs/…`, `/models/…`) answer `index.html`;
 * `/assets/…` are Vite's content-hashed files, cached for a year. Without a built Studio, `/`
 * says how to use the API instead. Returns the fallback the not-found handler calls for GETs no
 * route matched.
 */
export async function studioRoutes(app: FastifyInstance, ctx: ServerContext): Promise<(request: FastifyRequest, reply: FastifyReply) => Promise<boolean>> {
  const root = ctx.studioRoot;
  if (root === undefined) {
    app.get('/', async (_request, reply) => {
      void reply.type('text/plain; charset=utf-8');
      return `Lathe ${ctx.version}\nREST API: ${API_PREFIX}\nStudio is not built here (npm run build).\nSubmit a job: npx lathe job create --file examples/jobs/hello-world.yml --stream\n`;
    });
    return async () => false;
  }

  const sendFile = async (reply: FastifyReply, file: string, immutable: boolean): Promise<boolean> => {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return false;
    void reply
      .type(TYPES[extname(file)] ?? 'application/octet-stream')
      .header('content-length', info.size)
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    await reply.send(createReadStream(file));
    return true;
  };
  const index = join(root, 'index.html');

  app.get('/', async (_request, reply) => {
    if (!(await sendFile(reply, index, false))) reply.callNotFound();
    return reply;
  });
  app.get<{ Params: { '*': string } }>('/assets/*', async (request, reply) => {
    // confinePath refuses `..`, absolute and empty segments: nothing outside the folder is served.
    const file = confinePath(join(root, 'assets'), request.params['*']);
    if (!(await sendFile(reply, file, true))) reply.callNotFound();
    return reply;
  });

  return async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const path = request.url.split('?')[0] ?? '/';
    if (API_PATHS.some((prefix) => path.startsWith(prefix))) return false;
    // A top-level file Vite copied from public/ (favicon), else a client-side route.
    const top = /^\/[\w.-]+\.(svg|png|ico|json|txt)$/.test(path) ? join(root, path.slice(1)) : undefined;
    if (top !== undefined && (await sendFile(reply, top, false))) return true;
    if (!(request.headers.accept ?? '').includes('text/html')) return false;
    return sendFile(reply, index, false);
  };
}
