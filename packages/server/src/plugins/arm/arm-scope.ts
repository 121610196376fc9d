import type { FastifyRequest } from 'fastify';

/** The ARM path of a workspace, under which every route of this plugin is mounted. */
export const ARM_WORKSPACE_ROUTE = '/subscriptions/:subscription/:groups/:resourceGroup/providers/:provider/workspaces/:workspace';

/** The audience an ARM access token must carry (azure-ai-ml always asks for it). */
export const ARM_AUDIENCE = 'https://management.azure.com';

/** The parameters of {@link ARM_WORKSPACE_ROUTE}. */
export interface ArmWorkspaceParams {
  subscription: string;
  groups: string;
  resourceGroup: string;
  provider: string;
  workspace: string;
}

/** Where a request stands: its workspace, the ARM id of it, and the base URL the client used. */
export interface ArmScope {
  workspace: string;
  /** `/subscriptions/<s>/resourceGroups/<rg>/providers/Microsoft.MachineLearningServices/workspaces/<ws>`, as the client named them. */
  workspaceId: string;
  /** `https://host:port` (or `http://`) as the client reached the server. */
  baseUrl: string;
  /** `host:port` as the client reached the server. */
  authority: string;
}

/** The {@link ArmScope} of a request on an ARM route. */
export function armScope(request: FastifyRequest): ArmScope {
  const p = request.params as ArmWorkspaceParams;
  return {
    workspace: p.workspace,
    workspaceId: `/subscriptions/${p.subscription}/resourceGroups/${p.resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${p.workspace}`,
    baseUrl: `${request.protocol}://${request.host}`,
    authority: request.host,
  };
}
