import type { FastifyInstance } from 'fastify';
import { LatheError, notFound } from '@lathe/core';
import type { ServerContext } from '../../server-context.js';
import type { TokenService } from '../../tokens/token-service.js';
import { scalarQueryByDefault } from '../query-schema.js';
import { installArmErrorHandler } from './arm-error.js';
import { ARM_AUDIENCE, ARM_WORKSPACE_ROUTE, type ArmWorkspaceParams } from './arm-scope.js';
import { armAssetRoutes } from './arm-asset-routes.js';
import { armComputeRoutes } from './arm-compute-routes.js';
import { armDatastoreRoutes } from './arm-datastore-routes.js';
import { armJobRoutes } from './arm-job-routes.js';

/**
 * The ARM-shaped control plane the Azure ML SDK v2 talks to (`AZUREML_DEV_URL_MFE`), under
 * `/subscriptions/<s>/resourceGroups/<rg>/providers/Microsoft.MachineLearningServices/workspaces/<ws>`:
 * the workspace is Lathe's workspace of that name; subscription and resource group are echoed in
 * ids, not checked. `resourceGroups` and the provider match in any case; any `api-version` is
 * accepted. Every request carries a bearer token of the token service for the ARM audience whose
 * principal belongs to the workspace; errors are ARM's envelope.
 */
export async function armRoutes(app: FastifyInstance, ctx: ServerContext, tokens: TokenService): Promise<void> {
  await app.register(
    async (scope) => {
      scalarQueryByDefault(scope);
      installArmErrorHandler(scope);
      // onRequest: nothing of the body is read before the caller is known.
      scope.addHook('onRequest', async (request) => {
        const params = request.params as ArmWorkspaceParams;
        if (params.groups.toLowerCase() !== 'resourcegroups' || params.provider.toLowerCase() !== 'microsoft.machinelearningservices') {
          throw new LatheError('LATHE_NOT_FOUND', `no such resource path: ${request.url.split('?')[0] ?? ''}`);
        }
        const principal = await tokens.verifyAccessToken(request.headers.authorization, ARM_AUDIENCE);
        if (principal.workspace !== params.workspace) {
          throw new LatheError('LATHE_FORBIDDEN', `the client '${principal.clientId}' belongs to workspace '${principal.workspace}' and has no access to workspace '${params.workspace}'`);
        }
        if (!(await ctx.store.hasWorkspace(params.workspace))) throw notFound('workspace', params.workspace);
      });
      await armDatastoreRoutes(scope, ctx);
      await armAssetRoutes(scope, ctx);
      await armJobRoutes(scope, ctx);
      await armComputeRoutes(scope, ctx);
    },
    { prefix: ARM_WORKSPACE_ROUTE },
  );
}
