import type { FastifyInstance } from 'fastify';
import { LatheError, notFound } from '@lathe/core';
import { API_PREFIX, type PutWorkspaceRequest, type WorkspaceResource } from '@lathe/api';
import { validateWorkspace } from '@lathe/spec';
import type { WorkspaceRecord } from '@lathe/store';
import type { ServerContext } from '../../server-context.js';

type Params = { workspace: string };

/**
 * `/api/v1/workspaces[/<name>]`: GET lists every workspace (created with metadata, or holding
 * data) or shows one with the computes its jobs can name; PUT creates a workspace or records its
 * metadata from workspace YAML as data (201 when it did not exist).
 */
export async function workspaceRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const resource = async (record: WorkspaceRecord): Promise<WorkspaceResource> => {
    const named = await ctx.workspaces.listComputes(record.name);
    return toWorkspaceResource(record, [...ctx.scheduler.computeNames, ...named.map((c) => c.name)], ctx.defaultCompute);
  };

  app.get(`${API_PREFIX}/workspaces`, async () => ({ value: await Promise.all((await ctx.workspaces.listWorkspaces()).map(resource)) }));

  app.get<{ Params: Params }>(`${API_PREFIX}/workspaces/:workspace`, async (request) => {
    const record = await ctx.workspaces.getWorkspace(request.params.workspace);
    if (!record) throw notFound('workspace', request.params.workspace);
    return resource(record);
  });

  app.put<{ Params: Params; Body: PutWorkspaceRequest }>(`${API_PREFIX}/workspaces/:workspace`, async (request, reply) => {
    const name = request.params.workspace;
    const given = bodySpec(request.body);
    if (given.name !== undefined && given.name !== name) {
      throw new LatheError('LATHE_BAD_REQUEST', `spec.name: '${String(given.name)}' differs from the workspace named in the path, '${name}'`, { details: { field: 'spec.name' } });
    }
    const { spec, warnings } = validateWorkspace({ ...given, name }, 'spec');
    const existed = await ctx.store.hasWorkspace(name);
    const record = await ctx.workspaces.putWorkspace(name, spec, Date.now());
    return reply.status(existed ? 200 : 201).send({ ...(await resource(record)), warnings });
  });
}

function toWorkspaceResource(record: WorkspaceRecord, computes: string[], defaultCompute: string): WorkspaceResource {
  const spec = record.spec ?? {};
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    name: record.name,
    created: record.spec !== null,
    display_name: text(spec.display_name),
    description: text(spec.description),
    tags: (spec.tags as Record<string, string> | undefined) ?? {},
    location: text(spec.location),
    created_at: new Date(record.createdAt).toISOString(),
    computes,
    default_compute: defaultCompute,
  };
}

function bodySpec(body: unknown): Record<string, unknown> {
  const spec = (body as { spec?: unknown } | null)?.spec;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new LatheError('LATHE_BAD_REQUEST', 'body: expected { "spec": { ... } }', { details: { field: 'spec' } });
  }
  return spec as Record<string, unknown>;
}
