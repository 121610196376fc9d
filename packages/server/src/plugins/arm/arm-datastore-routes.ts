import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { BUILTIN_DATASTORES, openDatastore } from '@lathe/jobs';
import type { ServerContext } from '../../server-context.js';
import { BlobAccounts, blobAccountHost } from '../../shared/blob-accounts.js';
import { containerSas } from '../../shared/service-sas.js';
import { armScope, type ArmScope } from './arm-scope.js';
import { armPage, ARM_PAGE_QUERY, type ArmPageQuery } from './arm-page.js';

const DEFAULT_DATASTORE = 'workspaceblobstore';

// `listSecrets` body of newer SDKs, which ask for a SAS instead of the account key.
interface SecretExpiry {
  expirableSecret?: boolean;
  expireAfterHours?: number;
}

const SecretExpirySchema = {
  type: ['object', 'null'],
  properties: { expirableSecret: { type: 'boolean' }, expireAfterHours: { type: 'integer', minimum: 1, maximum: 168 } },
};

const DEFAULT_SAS_HOURS = 1;

/**
 * Datastores as the Azure ML SDK reads them before an upload: every datastore Lathe can reach
 * (the built-in ones and `type: local` ones) is an `AzureBlob` datastore whose account is the
 * workspace's Blob endpoint on this server (`accountName` = `<host:port>/blob/<ws>#`, see
 * `blobAccountHost`) and whose container is the datastore itself. `listSecrets` hands out the
 * workspace's account key, with which the SDK signs its Blob requests (SharedKey), or, asked with
 * `{"expirableSecret": true, "expireAfterHours": n}` as newer SDKs ask, a SAS for the container
 * valid for `n` hours (1 by default, at most 168).
 */
export async function armDatastoreRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const accounts = new BlobAccounts(dirname(ctx.datastoreRoot));
  app.get<{ Querystring: ArmPageQuery & { isDefault?: boolean } }>(
    '/datastores',
    { schema: { querystring: { type: 'object', properties: { ...ARM_PAGE_QUERY, isDefault: { type: 'boolean' } } } } },
    async (request) => {
      const scope = armScope(request);
      const names = await reachableDatastores(ctx, scope.workspace);
      const wanted = request.query.isDefault === undefined ? names : names.filter((n) => (n === DEFAULT_DATASTORE) === request.query.isDefault);
      return armPage(
        request,
        wanted.map((name) => datastoreResource(scope, name)),
      );
    },
  );
  app.get<{ Params: { name: string } }>('/datastores/:name', async (request) => {
    const scope = armScope(request);
    await openDatastore(ctx, scope.workspace, request.params.name);
    return datastoreResource(scope, request.params.name);
  });
  app.post<{ Params: { name: string }; Body: SecretExpiry | undefined }>('/datastores/:name/listSecrets', { schema: { body: SecretExpirySchema } }, async (request) => {
    const { workspace } = armScope(request);
    await openDatastore(ctx, workspace, request.params.name);
    const account = await accounts.account(workspace);
    if (request.body?.expirableSecret !== true) return { secretsType: 'AccountKey', key: account.key };
    const hours = request.body.expireAfterHours ?? DEFAULT_SAS_HOURS;
    return { secretsType: 'Sas', sasToken: containerSas(account, request.params.name, new Date(Date.now() + hours * 3_600_000)) };
  });
}

// Built-in datastores first, then the workspace's local ones by name; other types are unreachable here.
async function reachableDatastores(ctx: ServerContext, workspace: string): Promise<string[]> {
  const local: string[] = [];
  for (const summary of await ctx.registry.listAssets(workspace, 'datastore')) {
    const latest = await ctx.registry.getLatestAssetVersion(workspace, 'datastore', summary.name);
    if (latest.spec.type === 'local' && !(BUILTIN_DATASTORES as readonly string[]).includes(summary.name)) local.push(summary.name);
  }
  return [...BUILTIN_DATASTORES, ...local.sort()];
}

/** A datastore in ARM's shape (`DatastoreResource` with `AzureBlobDatastore` properties). */
function datastoreResource(scope: ArmScope, name: string): Record<string, unknown> {
  return {
    id: `${scope.workspaceId}/datastores/${name}`,
    name,
    type: 'Microsoft.MachineLearningServices/workspaces/datastores',
    properties: {
      datastoreType: 'AzureBlob',
      accountName: blobAccountHost(scope.authority, scope.workspace),
      containerName: name,
      endpoint: 'core.windows.net',
      protocol: 'https',
      credentials: { credentialsType: 'AccountKey' },
      isDefault: name === DEFAULT_DATASTORE,
      serviceDataAccessAuthIdentity: 'None',
      description: null,
      properties: {},
      tags: {},
    },
  };
}
