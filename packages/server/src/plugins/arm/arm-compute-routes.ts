import type { FastifyInstance } from 'fastify';
import { notFound } from '@lathe/core';
import { COMPUTE_NAME_PATTERN, validateCompute } from '@lathe/spec';
import type { ServerContext } from '../../server-context.js';
import { computeJobCounts, refuseBuiltinCompute, refuseComputeInUse } from '../../shared/compute-jobs.js';
import { armComputeResource } from './arm-compute-resource.js';
import { armComputeToSpec, ARM_COMPUTE_BODY_SCHEMA, type ArmComputeBody } from './arm-compute-spec.js';
import { armPage, ARM_PAGE_QUERY, type ArmPageQuery } from './arm-page.js';
import { armScope, type ArmScope } from './arm-scope.js';

type Params = { name: string };

/**
 * Computes as the Azure ML SDK reads and creates them: the server's built-in computes (`local`)
 * and the workspace's named clusters, the same ones `lathe compute` manages, as `AmlCompute`.
 * `PUT computes/{name}` creates or updates a cluster (201 created, 200 updated; built-in names
 * are 409), provisioned at once, with an `Azure-AsyncOperation` that answers `Succeeded`;
 * `DELETE` removes one no job is queued or running on (409 otherwise).
 */
export async function armComputeRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const resource = async (scope: ArmScope, name: string) => {
    const { running } = await computeJobCounts(ctx.store, scope.workspace, name);
    const capacity = ctx.scheduler.capacityOf(name);
    if (capacity !== undefined) return armComputeResource(scope, { builtin: name, capacity }, running);
    const compute = await ctx.workspaces.getCompute(scope.workspace, name);
    if (compute === undefined) throw notFound('compute', name);
    return armComputeResource(scope, { compute }, running);
  };

  app.get<{ Querystring: ArmPageQuery }>('/computes', { schema: { querystring: { type: 'object', properties: ARM_PAGE_QUERY } } }, async (request) => {
    const scope = armScope(request);
    const names = [...ctx.scheduler.computeNames, ...(await ctx.workspaces.listComputes(scope.workspace)).map((c) => c.name)];
    return armPage(request, await Promise.all(names.map((name) => resource(scope, name))));
  });

  app.get<{ Params: Params }>('/computes/:name', async (request) => resource(armScope(request), request.params.name));

  app.put<{ Params: Params; Body: ArmComputeBody }>(
    '/computes/:name',
    { schema: { params: { type: 'object', properties: { name: { type: 'string', pattern: COMPUTE_NAME_PATTERN } } }, body: ARM_COMPUTE_BODY_SCHEMA } },
    async (request, reply) => {
      const scope = armScope(request);
      const { workspace } = scope;
      const { name } = request.params;
      refuseBuiltinCompute(ctx.scheduler.computeNames, name, 'replaced');
      const { spec } = validateCompute(armComputeToSpec(name, request.body), 'properties');
      const existed = (await ctx.workspaces.getCompute(workspace, name)) !== undefined;
      await ctx.workspaces.putCompute({ workspace, name, type: spec.type, maxInstances: spec.max_instances, spec, at: Date.now() });
      // A higher limit may start jobs that were waiting.
      ctx.scheduler.notify();
      // Though done at once, the answer names an operation to poll: when the first answer is
      // final, azure-core deserializes its body twice and msrest 0.6 has taken `computeType` out
      // of it the first time, so the SDK would build an UnsupportedCompute. After polling it GETs
      // the compute afresh.
      const operation = `${scope.baseUrl}${scope.workspaceId}/computes/${encodeURIComponent(name)}/provisioningStatus`;
      return reply
        .status(existed ? 200 : 201)
        .header('azure-asyncoperation', operation)
        .send(await resource(scope, name));
    },
  );

  // The operation a PUT names: a Lathe compute is provisioned once it is recorded.
  app.get<{ Params: Params }>('/computes/:name/provisioningStatus', async (request) => {
    const scope = armScope(request);
    await resource(scope, request.params.name);
    return { name: request.params.name, status: 'Succeeded' };
  });

  app.delete<{ Params: Params }>('/computes/:name', async (request, reply) => {
    const { workspace } = armScope(request);
    const { name } = request.params;
    refuseBuiltinCompute(ctx.scheduler.computeNames, name, 'deleted');
    if ((await ctx.workspaces.getCompute(workspace, name)) === undefined) throw notFound('compute', name);
    await refuseComputeInUse(ctx.store, workspace, name);
    await ctx.workspaces.deleteCompute(workspace, name);
    return reply.status(200).send();
  });
}
