import type { FastifyInstance } from 'fastify';
import { materializeAssetSpec } from '@lathe/jobs';
import type { AssetVersion } from '@lathe/store';
import { validateAsset } from '@lathe/spec';
import type { ServerContext } from '../../server-context.js';
import { hashSpec } from '../../shared/hash-spec.js';
import { armScope } from './arm-scope.js';
import { armSystemData } from './arm-system-data.js';
import { codeUriToDatastoreUri } from './code-uri.js';

type Params = { name: string; version: string };

interface CodeVersionBody {
  properties: {
    codeUri: string;
    isAnonymous?: boolean;
    description?: string | null;
    tags?: Record<string, string> | null;
    properties?: Record<string, string> | null;
  };
}

const StringMap = { type: ['object', 'null'], additionalProperties: { type: 'string' } };

const CodeVersionSchema = {
  type: 'object',
  required: ['properties'],
  properties: {
    properties: {
      type: 'object',
      required: ['codeUri'],
      properties: {
        codeUri: { type: 'string', minLength: 1, maxLength: 4096 },
        isAnonymous: { type: 'boolean' },
        description: { type: ['string', 'null'] },
        tags: StringMap,
        properties: StringMap,
      },
    },
  },
};

/**
 * Code versions, which the Azure ML SDK registers after uploading a job's `code=` folder: a PUT
 * becomes a Lathe `code` asset whose folder (named by `codeUri`, on one of the workspace's
 * datastores) is snapshotted, so the version keeps its files; `codeUri` is kept as given.
 * Creating a version again with the same content answers 200, with other content 409.
 */
export async function armCodeRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.put<{ Params: Params; Body: CodeVersionBody }>('/codes/:name/versions/:version', { schema: { body: CodeVersionSchema } }, async (request, reply) => {
    const scope = armScope(request);
    const { name, version } = request.params;
    const given = request.body.properties;
    const { spec } = validateAsset(
      'code',
      {
        name,
        path: codeUriToDatastoreUri(given.codeUri, scope.workspace),
        ...(given.isAnonymous !== undefined ? { is_anonymous: given.isAnonymous } : {}),
        ...(typeof given.description === 'string' ? { description: given.description } : {}),
        ...(given.tags ? { tags: given.tags } : {}),
        ...(given.properties ? { properties: given.properties } : {}),
      },
      'properties',
    );
    const { spec: stored } = await materializeAssetSpec(ctx, scope.workspace, 'code', name, spec);
    const { asset, created } = await ctx.registry.createAssetVersion(scope.workspace, {
      kind: 'code',
      name,
      version,
      spec: { ...stored, source_path: given.codeUri },
      contentHash: hashSpec({ ...spec, name, version: undefined }),
      createdAt: Date.now(),
    });
    return reply.status(created ? 201 : 200).send(codeVersionResource(scope.workspaceId, asset));
  });

  app.get<{ Params: Params }>('/codes/:name/versions/:version', async (request) => {
    const scope = armScope(request);
    const asset = await ctx.registry.getAssetVersion(scope.workspace, 'code', request.params.name, request.params.version);
    return codeVersionResource(scope.workspaceId, asset);
  });
}

/** A code version in ARM's shape (`CodeVersionData`). */
function codeVersionResource(workspaceId: string, asset: AssetVersion): Record<string, unknown> {
  const spec = asset.spec;
  return {
    id: `${workspaceId}/codes/${asset.name}/versions/${asset.version}`,
    name: asset.version,
    type: 'Microsoft.MachineLearningServices/workspaces/codes/versions',
    properties: {
      codeUri: spec.source_path ?? spec.path,
      isAnonymous: spec.is_anonymous === true,
      isArchived: asset.archived,
      description: spec.description ?? null,
      tags: spec.tags ?? {},
      properties: spec.properties ?? {},
    },
    systemData: armSystemData(asset.createdAt),
  };
}
