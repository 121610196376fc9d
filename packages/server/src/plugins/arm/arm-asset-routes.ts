import type { FastifyInstance } from 'fastify';
import { LatheError, notFound } from '@lathe/core';
import { materializeAssetSpec } from '@lathe/jobs';
import type { AssetVersion } from '@lathe/store';
import { ASSET_NAME_PATTERN, validateAsset } from '@lathe/spec';
import type { ServerContext } from '../../server-context.js';
import { hashSpec } from '../../shared/hash-spec.js';
import { NULLABLE_STRING_MAP, type ArmAssetKind } from './arm-asset-kind.js';
import { armContainerResource, armVersionResource, containerOf } from './arm-asset-resource.js';
import { ARM_CODE_KIND } from './arm-code-kind.js';
import { ARM_COMPONENT_KIND } from './arm-component-kind.js';
import { ARM_DATA_KIND } from './arm-data-kind.js';
import { ARM_ENVIRONMENT_KIND } from './arm-environment-kind.js';
import { ARM_MODEL_KIND } from './arm-model-kind.js';
import { inView, LIST_VIEW_TYPES, orderVersions, type ListViewType } from './arm-list-view.js';
import { armPage, ARM_PAGE_QUERY, type ArmPageQuery } from './arm-page.js';
import { armScope } from './arm-scope.js';

/** The versioned asset collections of the ARM control plane, each onto its Lathe asset kind. */
export const ARM_ASSET_KINDS: readonly ArmAssetKind[] = [ARM_CODE_KIND, ARM_DATA_KIND, ARM_MODEL_KIND, ARM_ENVIRONMENT_KIND, ARM_COMPONENT_KIND];

type Params = { name: string; version: string };
type ListQuery = ArmPageQuery & { $orderBy?: string; $top?: number; listViewType?: ListViewType };

const Params = {
  type: 'object',
  properties: { name: { type: 'string', pattern: ASSET_NAME_PATTERN }, version: { type: 'string', pattern: ASSET_NAME_PATTERN } },
};
// The SDK also sends filters Lathe does not apply (`tags`, `properties`, `description`); any other key is a scalar.
const ListQuerySchema = {
  type: 'object',
  properties: { ...ARM_PAGE_QUERY, $orderBy: { type: 'string', maxLength: 100 }, $top: { type: 'integer', minimum: 1 }, listViewType: { type: 'string', enum: [...LIST_VIEW_TYPES] } },
  additionalProperties: { type: 'string' },
};

// A container's own description, tags and properties are not kept: Lathe has versions only.
const CONTAINER_BODY = {
  type: 'object',
  required: ['properties'],
  properties: {
    properties: {
      type: 'object',
      properties: { isArchived: { type: ['boolean', 'null'] }, description: { type: ['string', 'null'] }, tags: NULLABLE_STRING_MAP, properties: NULLABLE_STRING_MAP },
    },
  },
};

function versionBodySchema(kind: ArmAssetKind): Record<string, unknown> {
  return {
    type: 'object',
    required: ['properties'],
    properties: {
      properties: {
        type: 'object',
        required: [...kind.required],
        properties: {
          description: { type: ['string', 'null'] },
          tags: NULLABLE_STRING_MAP,
          properties: NULLABLE_STRING_MAP,
          isAnonymous: { type: ['boolean', 'null'] },
          isArchived: { type: ['boolean', 'null'] },
          ...kind.fields,
        },
      },
    },
  };
}

/**
 * Versioned assets as the Azure ML SDK registers and reads them, for each of {@link ARM_ASSET_KINDS}
 * (`{plural}` below): `PUT {plural}/{name}/versions/{version}` validates the version as a Lathe
 * asset of its kind, snapshots the content it names and files it in the workspace's registry, the
 * same one `/api/v1` serves (201 created, 200 the same there already, 409 other content);
 * `isArchived` archives or restores it. `GET …/versions/{version}`; `GET {plural}/{name}/versions`
 * (`$orderBy`, `$top`, `listViewType`, paged); `GET {plural}/{name}`, the container, 404 when the
 * name has no version (the SDK then creates version 1); `PUT {plural}/{name}` with `isArchived`
 * archives or restores every version; `GET {plural}`, the containers.
 */
export async function armAssetRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  for (const kind of ARM_ASSET_KINDS) await kindRoutes(app, ctx, kind);
}

async function kindRoutes(app: FastifyInstance, ctx: ServerContext, kind: ArmAssetKind): Promise<void> {
  const registry = ctx.registry;
  const base = `/${kind.plural}`;

  app.put<{ Params: Params; Body: { properties: Record<string, unknown> } }>(
    `${base}/:name/versions/:version`,
    { schema: { params: Params, body: versionBodySchema(kind) } },
    async (request, reply) => {
      const scope = armScope(request);
      const { name, version } = request.params;
      const given = request.body.properties;
      const parts = await kind.toSpec({ ctx, scope, name, properties: given });
      const common = {
        ...(typeof given.description === 'string' ? { description: given.description } : {}),
        // An empty map is no map: the SDK sends back `{}` for the ones it read as absent.
        ...(isFilled(given.tags) ? { tags: given.tags } : {}),
        ...(isFilled(given.properties) ? { properties: given.properties } : {}),
      };
      const { spec } = validateAsset(kind.kind, { ...common, ...parts.spec, name }, 'properties');
      const { spec: stored } = await materializeAssetSpec(ctx, scope.workspace, kind.kind, name, spec);
      const anonymous = 'is_anonymous' in spec || typeof given.isAnonymous !== 'boolean' ? {} : { is_anonymous: given.isAnonymous };
      let { asset, created } = await registry.createAssetVersion(scope.workspace, {
        kind: kind.kind,
        name,
        version,
        spec: { ...stored, ...(await kind.derive?.(ctx, stored)), ...parts.keep, ...anonymous },
        contentHash: hashSpec({ ...spec, name, version: undefined }),
        createdAt: Date.now(),
      });
      // The SDK archives and restores by PUTting the version again with `isArchived` changed.
      if (typeof given.isArchived === 'boolean' && given.isArchived !== asset.archived) {
        await registry.setAssetArchived(scope.workspace, kind.kind, name, version, given.isArchived);
        asset = { ...asset, archived: given.isArchived };
      }
      return reply.status(created ? 201 : 200).send(armVersionResource(kind, scope.workspaceId, asset));
    },
  );

  app.get<{ Params: Params }>(`${base}/:name/versions/:version`, { schema: { params: Params } }, async (request) => {
    const scope = armScope(request);
    const { name, version } = request.params;
    const asset = await registry.getAssetVersion(scope.workspace, kind.kind, name, version).catch((error: unknown) => {
      const builtin = kind.builtin?.(name);
      if (isNotFound(error) && builtin !== undefined && builtin.version === version) return builtin;
      throw error;
    });
    return armVersionResource(kind, scope.workspaceId, asset);
  });

  app.get<{ Params: Params; Querystring: ListQuery }>(`${base}/:name/versions`, { schema: { params: Params, querystring: ListQuerySchema } }, async (request) => {
    const scope = armScope(request);
    const { name } = request.params;
    const all = await versionsOf(ctx, kind, scope.workspace, name);
    const wanted = orderVersions(
      all.filter((v) => inView(request.query.listViewType, v.archived)),
      request.query.$orderBy,
    ).slice(0, request.query.$top);
    return armPage(
      request,
      wanted.map((v) => armVersionResource(kind, scope.workspaceId, v)),
    );
  });

  app.get<{ Params: Params }>(`${base}/:name`, { schema: { params: Params } }, async (request) => {
    const scope = armScope(request);
    const versions = await versionsOf(ctx, kind, scope.workspace, request.params.name);
    if (versions.length === 0) throw notFound(kind.kind, request.params.name);
    return armContainerResource(kind, scope.workspaceId, containerOf(request.params.name, versions));
  });

  // The SDK archives and restores every version of a name by PUTting its container with `isArchived`.
  app.put<{ Params: Params; Body: { properties: { isArchived?: boolean | null } } }>(`${base}/:name`, { schema: { params: Params, body: CONTAINER_BODY } }, async (request) => {
    const scope = armScope(request);
    const { name } = request.params;
    if ((await registry.listAssetVersions(scope.workspace, kind.kind, name, { includeArchived: true })).length === 0) {
      throw new LatheError('LATHE_NOT_FOUND', `${kind.kind} '${name}' has no version; a name exists once a version is created`, { details: { kind: kind.kind, name } });
    }
    const archived = request.body.properties.isArchived;
    if (typeof archived === 'boolean') await registry.setAssetArchived(scope.workspace, kind.kind, name, undefined, archived);
    return armContainerResource(kind, scope.workspaceId, containerOf(name, await versionsOf(ctx, kind, scope.workspace, name)));
  });

  app.get<{ Querystring: ListQuery }>(base, { schema: { querystring: ListQuerySchema } }, async (request) => {
    const scope = armScope(request);
    const [all, active] = await Promise.all([
      registry.listAssets(scope.workspace, kind.kind, { includeArchived: true }),
      registry.listAssets(scope.workspace, kind.kind).then((list) => new Map(list.map((s) => [s.name, s]))),
    ]);
    const containers = all
      .map((s) => ({ ...s, archived: !active.has(s.name), latestVersion: active.get(s.name)?.latestVersion ?? s.latestVersion }))
      .filter((s) => inView(request.query.listViewType, s.archived))
      .map((s) => armContainerResource(kind, scope.workspaceId, { name: s.name, createdAt: s.createdAt, archived: s.archived, latestVersion: s.latestVersion, nextVersion: null }));
    return armPage(request, containers);
  });
}

// Every version of a name, newest first, archived ones included; a built-in one when the workspace has none.
async function versionsOf(ctx: ServerContext, kind: ArmAssetKind, workspace: string, name: string): Promise<AssetVersion[]> {
  const versions = await ctx.registry.listAssetVersions(workspace, kind.kind, name, { includeArchived: true });
  const builtin = versions.length === 0 ? kind.builtin?.(name) : undefined;
  return builtin === undefined ? versions : [builtin];
}

function isNotFound(error: unknown): boolean {
  return error instanceof LatheError && error.code === 'LATHE_NOT_FOUND';
}

function isFilled(map: unknown): boolean {
  return typeof map === 'object' && map !== null && Object.keys(map).length > 0;
}
