import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { mlflowBasePath } from '@lathe/api';
import type { ServerContext } from '../../server-context.js';
import { DISCOVERY_ROUTE } from './arm-discovery-routes.js';
import { armScope, type ArmScope } from './arm-scope.js';
import { armSystemData } from './arm-system-data.js';

/**
 * The workspace itself (`GET {WS}`), as the Azure ML SDK reads it before it streams or downloads
 * a job (`discoveryUrl`, whose `api` is where run history answers), before it creates an
 * endpoint or a compute (`location`), and for `workspaces.get` (`mlflow_tracking_uri`: the MLflow
 * tracking URI of this workspace on the server, as an MLflow client outside a job would use it).
 */
export async function armWorkspaceRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get('/', async (request) => {
    const scope = armScope(request);
    const record = await ctx.workspaces.getWorkspace(scope.workspace);
    return workspaceResource(scope, record?.spec ?? {}, record?.createdAt ?? Date.now());
  });
}

/** A workspace in ARM's shape (`Workspace` of 2022-10-01-preview). */
function workspaceResource(scope: ArmScope, spec: Record<string, unknown>, createdAt: number): Record<string, unknown> {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const group = scope.workspaceId.split('/providers/')[0] ?? '';
  return {
    id: scope.workspaceId,
    name: scope.workspace,
    type: 'Microsoft.MachineLearningServices/workspaces',
    location: text(spec.location) ?? 'local',
    tags: spec.tags ?? {},
    sku: { name: 'Basic', tier: 'Basic' },
    systemData: armSystemData(createdAt),
    properties: {
      workspaceId: workspaceGuid(scope.workspace, createdAt),
      friendlyName: text(spec.display_name) ?? scope.workspace,
      description: text(spec.description) ?? '',
      discoveryUrl: `${scope.baseUrl}${DISCOVERY_ROUTE}`,
      mlFlowTrackingUri: `${scope.baseUrl}${mlflowBasePath(scope.workspace)}`,
      // The workspace's Blob account (see the datastores), named as ARM names a storage account.
      storageAccount: `${group}/providers/Microsoft.Storage/storageAccounts/${scope.workspace}`,
      keyVault: null,
      applicationInsights: null,
      containerRegistry: null,
      hbiWorkspace: false,
      provisioningState: 'Succeeded',
      publicNetworkAccess: 'Enabled',
      v1LegacyMode: false,
    },
  };
}

// Azure gives each workspace a GUID; a workspace recreated under the same name gets another.
function workspaceGuid(name: string, createdAt: number): string {
  const hex = createHash('sha256').update(`lathe-workspace\n${name}\n${createdAt}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
