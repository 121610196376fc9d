import type { FastifyInstance } from 'fastify';
import { notFound } from '@lathe/core';
import { API_PREFIX } from '@lathe/api';
import { JSON_SCHEMAS } from '@lathe/spec';
import type { ServerContext } from '../server-context.js';

/** Health, job kinds and published JSON Schemas; workspaces have routes of their own. */
export async function systemRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get(`${API_PREFIX}/health`, async () => ({ status: 'ok', version: ctx.version }));
  app.get(`${API_PREFIX}/job-kinds`, async () => ({ value: ctx.kinds.list() }));
  // Where MLflow's server answers health and version checks.
  app.get('/health', async (_request, reply) => reply.type('text/plain; charset=utf-8').send('OK'));
  app.get('/version', async (_request, reply) => reply.type('text/plain; charset=utf-8').send(ctx.version));

  app.get<{ Params: { file: string } }>(`${API_PREFIX}/schemas/:file`, async (request) => {
    const schema = JSON_SCHEMAS[request.params.file];
    if (!schema) throw notFound('schema', request.params.file, { available: Object.keys(JSON_SCHEMAS) });
    return schema;
  });
}
