import type { FastifyInstance } from 'fastify';
import { LatheError, notFound } from '@lathe/core';
import type { ComputeResource, PutComputeRequest } from '@lathe/api';
import { validateCompute } from '@lathe/spec';
import type { ServerContext } from '../../server-context.js';
import { computeJobCounts, refuseBuiltinCompute, refuseComputeInUse } from '../../shared/compute-jobs.js';
import { toBuiltinComputeResource, toComputeResource } from './to-compute-resource.js';

type Params = { workspace: string; name: string };

/**
 * `…/computes[/<name>]`: the workspace's compute targets. GET lists the built-in computes and the
 * named ones with their jobs running and queued; PUT creates or updates a named one from
 * `amlcompute` YAML as data (201 when created); DELETE removes one that no job is queued or
 * running on (409 `LATHE_CONFLICT` otherwise). Built-in computes cannot be replaced or deleted.
 */
export async function computeRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const builtin = async (workspace: string, name: string): Promise<ComputeResource | undefined> => {
    const capacity = ctx.scheduler.capacityOf(name);
    return capacity === undefined ? undefined : toBuiltinComputeResource(name, capacity, await computeJobCounts(ctx.store, workspace, name));
  };
  const named = async (workspace: string, name: string): Promise<ComputeResource> => {
    const compute = await ctx.workspaces.getCompute(workspace, name);
    if (!compute) throw notFound('compute', name);
    return toComputeResource(compute, await computeJobCounts(ctx.store, workspace, name));
  };

  app.get<{ Params: Params }>('/computes', async (request) => {
    const { workspace } = request.params;
    const builtins = (await Promise.all(ctx.scheduler.computeNames.map((name) => builtin(workspace, name)))).filter((c) => c !== undefined);
    const computes = await ctx.workspaces.listComputes(workspace);
    const nameds = await Promise.all(computes.map(async (c) => toComputeResource(c, await computeJobCounts(ctx.store, workspace, c.name))));
    return { value: [...builtins, ...nameds] };
  });

  app.get<{ Params: Params }>('/computes/:name', async (request) => {
    const { workspace, name } = request.params;
    return (await builtin(workspace, name)) ?? named(workspace, name);
  });

  app.put<{ Params: Params; Body: PutComputeRequest }>('/computes/:name', async (request, reply) => {
    const { workspace, name } = request.params;
    refuseBuiltinCompute(ctx.scheduler.computeNames, name, 'replaced');
    const given = bodySpec(request.body);
    if (given.name !== undefined && given.name !== name) {
      throw new LatheError('LATHE_BAD_REQUEST', `spec.name: '${String(given.name)}' differs from the compute named in the path, '${name}'`, { details: { field: 'spec.name' } });
    }
    const { spec, warnings } = validateCompute({ ...given, name }, 'spec');
    const existed = (await ctx.workspaces.getCompute(workspace, name)) !== undefined;
    await ctx.workspaces.putCompute({ workspace, name, type: spec.type, maxInstances: spec.max_instances, spec, at: Date.now() });
    // A higher limit may start jobs that were waiting.
    ctx.scheduler.notify();
    return reply.status(existed ? 200 : 201).send({ ...(await named(workspace, name)), warnings });
  });

  app.delete<{ Params: Params }>('/computes/:name', async (request, reply) => {
    const { workspace, name } = request.params;
    refuseBuiltinCompute(ctx.scheduler.computeNames, name, 'deleted');
    if (!(await ctx.workspaces.getCompute(workspace, name))) throw notFound('compute', name);
    await refuseComputeInUse(ctx.store, workspace, name);
    await ctx.workspaces.deleteCompute(workspace, name);
    return reply.status(204).send();
  });
}

function bodySpec(body: unknown): Record<string, unknown> {
  const spec = (body as { spec?: unknown } | null)?.spec;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new LatheError('LATHE_BAD_REQUEST', 'body: expected { "spec": { ... } }', { details: { field: 'spec' } });
  }
  return spec as Record<string, unknown>;
}
