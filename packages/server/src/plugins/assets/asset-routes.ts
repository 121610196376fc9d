import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { LatheError } from '@lathe/core';
import type { AssetResource, CreateAssetRequest } from '@lathe/api';
import type { AssetVersion } from '@lathe/store';
import { validateAsset } from '@lathe/spec';
import type { ServerContext } from '../../server-context.js';
import { kindOfPlural } from './asset-kinds.js';
import { hashSpec, materializeAssetSpec } from '@lathe/jobs';
import { toAssetResource, toAssetSummaryResource, toLineageResource } from './to-asset-resource.js';

type Params = { workspace: string; plural: string; name: string; version: string };

const ListQuery = Type.Object({ include_archived: Type.Optional(Type.String()) });
const ArchiveQuery = Type.Object({ version: Type.Optional(Type.String()) });

/**
 * Versioned assets: `/{data|models|environments|components|datastores|codes}` — list, versions,
 * create (PUT with a version, POST to let the server number it), get a version or `latest`,
 * archive and restore, lineage. A version is immutable: creating it again with the same spec
 * answers 200 with it, with another spec 409.
 */
export async function assetRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const registry = ctx.registry;
  // A model version's resource carries its MLflow registry stage and aliases.
  const resource = async (workspace: string, asset: AssetVersion): Promise<AssetResource> => {
    if (asset.kind !== 'model') return toAssetResource(asset);
    const state = await ctx.modelRegistry.getModelVersion(workspace, asset.name, { version: asset.version }, { includeArchived: true }).catch((error: unknown) => {
      if (error instanceof LatheError && error.code === 'LATHE_NOT_FOUND') return undefined;
      throw error;
    });
    return toAssetResource(asset, state && { stage: state.stage, aliases: state.aliases });
  };

  app.get<{ Params: Params; Querystring: { include_archived?: string } }>('/:plural', { schema: { querystring: ListQuery } }, async (request) => {
    const kind = kindOfPlural(request.params.plural);
    const list = await registry.listAssets(request.params.workspace, kind, { includeArchived: request.query.include_archived === 'true' });
    return { value: list.map(toAssetSummaryResource) };
  });

  app.get<{ Params: Params; Querystring: { include_archived?: string } }>('/:plural/:name/versions', { schema: { querystring: ListQuery } }, async (request) => {
    const { workspace, plural, name } = request.params;
    const versions = await registry.listAssetVersions(workspace, kindOfPlural(plural), name, { includeArchived: request.query.include_archived === 'true' });
    return { value: await Promise.all(versions.map((v) => resource(workspace, v))) };
  });

  const create = async (params: Params, body: CreateAssetRequest, version: string | undefined) => {
    const kind = kindOfPlural(params.plural);
    const { spec } = validateAsset(kind, { name: params.name, ...bodySpec(body) }, 'spec');
    const { spec: stored, produced } = await materializeAssetSpec(ctx, params.workspace, kind, params.name, spec);
    const { asset, created } = await registry.createAssetVersion(params.workspace, {
      kind,
      name: params.name,
      ...(version !== undefined ? { version } : {}),
      spec: stored,
      // Identity is what the user asked for (a job output path, an uploaded snapshot), not the
      // version it is filed under, so registering the same thing twice is harmless even when
      // materialising copies it again.
      contentHash: hashSpec({ ...spec, name: params.name, version: undefined }),
      createdAt: Date.now(),
    });
    if (created && produced !== undefined) {
      await registry.recordLineage(params.workspace, [{ ...produced, direction: 'output', kind, name: asset.name, version: asset.version }]);
    }
    return { asset, created };
  };

  app.put<{ Params: Params; Body: CreateAssetRequest }>('/:plural/:name/versions/:version', async (request, reply) => {
    const { asset, created } = await create(request.params, request.body, request.params.version);
    return reply.status(created ? 201 : 200).send(await resource(request.params.workspace, asset));
  });

  app.post<{ Params: Params; Body: CreateAssetRequest }>('/:plural/:name/versions', async (request, reply) => {
    const { asset, created } = await create(request.params, request.body, undefined);
    return reply.status(created ? 201 : 200).send(await resource(request.params.workspace, asset));
  });

  app.get<{ Params: Params }>('/:plural/:name/versions/:version', async (request) => {
    const { workspace, plural, name, version } = request.params;
    return resource(workspace, await registry.getAssetVersion(workspace, kindOfPlural(plural), name, version));
  });

  app.get<{ Params: Params }>('/:plural/:name/labels/latest', async (request) => {
    const { workspace, plural, name } = request.params;
    return resource(workspace, await registry.getLatestAssetVersion(workspace, kindOfPlural(plural), name));
  });

  for (const [action, archived] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    app.post<{ Params: Params; Querystring: { version?: string } }>(`/:plural/:name/${action}`, { schema: { querystring: ArchiveQuery } }, async (request) => {
      const { workspace, plural, name } = request.params;
      await registry.setAssetArchived(workspace, kindOfPlural(plural), name, request.query.version, archived);
      return { archived };
    });
  }

  app.get<{ Params: Params }>('/:plural/:name/versions/:version/lineage', async (request) => {
    const { workspace, plural, name, version } = request.params;
    const kind = kindOfPlural(plural);
    await registry.getAssetVersion(workspace, kind, name, version);
    return { value: (await registry.lineageOfAsset(workspace, kind, name, version)).map(toLineageResource) };
  });

  app.get<{ Params: Params }>('/jobs/:name/lineage', async (request) => {
    const { workspace, name } = request.params;
    if ((await ctx.store.getJob(workspace, name)) === undefined) throw new LatheError('LATHE_NOT_FOUND', `job '${name}' not found`, { details: { kind: 'job', name } });
    return { value: (await registry.lineageOfJob(workspace, name)).map(toLineageResource) };
  });
}

function bodySpec(body: unknown): Record<string, unknown> {
  const spec = (body as { spec?: unknown } | null)?.spec;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new LatheError('LATHE_BAD_REQUEST', 'body: expected { "spec": { ... } }', { details: { field: 'spec' } });
  }
  return spec as Record<string, unknown>;
}
