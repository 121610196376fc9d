import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { LatheError, notFound } from '@lathe/core';
import type { ServerContext } from '../../server-context.js';
import type { TokenService } from '../../tokens/token-service.js';
import { scalarQueryByDefault } from '../query-schema.js';
import { installArmErrorHandler } from './arm-error.js';
import { ARM_AUDIENCE, ARM_WORKSPACE_ROUTE, type ArmWorkspaceParams } from './arm-scope.js';
import { armAssetRoutes } from './arm-asset-routes.js';
import { armComputeRoutes } from './arm-compute-routes.js';
import { armScheduleRoutes } from './arm-schedule-routes.js';
import { armDatastoreRoutes } from './arm-datastore-routes.js';
import { armJobRoutes } from './arm-job-routes.js';
import { armDiscoveryRoutes } from './arm-discovery-routes.js';
import { armWorkspaceRoutes } from './arm-workspace-routes.js';
import { DATA_PLANE_PREFIX, dataPlaneRoutes } from './data-plane-routes.js';
import { logFileRoutes } from './log-file-routes.js';
import { LogFileUrls } from './log-file-urls.js';
import { RUN_HISTORY_PREFIX, runHistoryRoutes } from './run-history-routes.js';

/**
 * The ARM-shaped control plane the Azure ML SDK v2 talks to (`AZUREML_DEV_URL_MFE`), under
 * `/subscriptions/<s>/resourceGroups/<rg>/providers/Microsoft.MachineLearningServices/workspaces/<ws>`:
 * the workspace is Lathe's workspace of that name; subscription and resource group are echoed in
 * ids, not checked. `resourceGroups` and the provider match in any case; any `api-version` is
 * accepted. Every request carries a bearer token of the token service for the ARM audience whose
 * principal belongs to the workspace; errors are ARM's envelope. Run history (`/history/v1.0`) and
 * the data plane (`/data/v1.0`) answer on the same workspace path with the same check; the
 * discovery document and signed log URLs are fetched without a token.
 */
export async function armRoutes(app: FastifyInstance, ctx: ServerContext, tokens: TokenService): Promise<void> {
  const logUrls = new LogFileUrls(dirname(ctx.datastoreRoot));
  await app.register(
    async (scope) => {
      installWorkspaceScope(scope, ctx, tokens);
      await armWorkspaceRoutes(scope, ctx);
      await armDatastoreRoutes(scope, ctx);
      await armAssetRoutes(scope, ctx);
      await armJobRoutes(scope, ctx);
      await armComputeRoutes(scope, ctx);
      await armScheduleRoutes(scope, ctx);
      // Any other resource of the workspace (online and batch endpoints, …): a clear
      // ARM 404 after the same checks, never Lathe's own not-found shape.
      scope.all('/*', async (request) => {
        const resource = (request.params as { '*': string })['*'].split('/')[0] ?? '';
        throw new LatheError('LATHE_NOT_FOUND', `'${resource.slice(0, 100)}' resources are not served by this Lathe server yet (see docs/reference/azure-sdk.md for what is)`);
      });
    },
    { prefix: ARM_WORKSPACE_ROUTE },
  );
  // ARM paths above a workspace (workspace lists, other providers): ARM's 404, not Lathe's.
  await app.register(async (scope) => {
    installArmErrorHandler(scope);
    scope.all('/subscriptions/*', async (request) => {
      throw new LatheError(
        'LATHE_NOT_FOUND',
        `no such resource path: ${request.url.split('?')[0]?.slice(0, 300) ?? ''}; this server answers workspace paths, …/providers/Microsoft.MachineLearningServices/workspaces/<name>/…`,
      );
    });
  });
  // Run history and the data plane: the discovery's `api` base, on the same workspace path and check.
  await app.register(
    async (scope) => {
      installWorkspaceScope(scope, ctx, tokens);
      await runHistoryRoutes(scope, ctx, logUrls);
    },
    { prefix: `${RUN_HISTORY_PREFIX}${ARM_WORKSPACE_ROUTE}` },
  );
  await app.register(
    async (scope) => {
      installWorkspaceScope(scope, ctx, tokens);
      await dataPlaneRoutes(scope);
    },
    { prefix: `${DATA_PLANE_PREFIX}${ARM_WORKSPACE_ROUTE}` },
  );
  // Fetched without a bearer token: the discovery names no secret; log URLs carry their own signature.
  await app.register(async (scope) => {
    scalarQueryByDefault(scope);
    installArmErrorHandler(scope);
    await armDiscoveryRoutes(scope);
    await logFileRoutes(scope, ctx, logUrls);
  });
}

/**
 * What every route on a workspace's ARM path shares: ARM's error envelope, and a check before
 * anything of the body is read (onRequest) that the path is ARM's, the bearer token is the token
 * service's for the ARM audience, its principal belongs to the workspace, and the workspace exists.
 */
function installWorkspaceScope(scope: FastifyInstance, ctx: ServerContext, tokens: TokenService): void {
  scalarQueryByDefault(scope);
  installArmErrorHandler(scope);
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
}
