import type { FastifyInstance } from 'fastify';
import { LatheError, notFound } from '@lathe/core';
import type { AssetVersion } from '@lathe/store';
import type { ServerContext } from '../../server-context.js';
import type { ArmAssetKind } from './arm-asset-kind.js';
import { armContainerResource, armVersionResource, containerOf } from './arm-asset-resource.js';
import { ASSET_LIST_QUERY, ASSET_PARAMS, CONTAINER_BODY, versionBodySchema } from './arm-asset-schemas.js';
import { ARM_CODE_KIND } from './arm-code-kind.js';
import { ARM_COMPONENT_KIND } from './arm-component-kind.js';
import { createArmVersion } from './arm-create-version.js';
import { ARM_DATA_KIND } from './arm-data-kind.js';
import { ARM_ENVIRONMENT_KIND } from './arm-environment-kind.js';
import { ARM_MODEL_KIND } from './arm-model-kind.js';
import { inView, orderVersions, type ListViewType } from './arm-list-view.js';
import { armPage, type ArmPageQuery } from './arm-page.js';
import { armScope } from './arm-scope.js';

/** The versioned asset collections of the ARM control plane, each onto its Lathe asset kind. */
export const ARM_ASSET_KINDS: readonly ArmAssetKind[] = [ARM_CODE_KIND, ARM_DATA_KIND, ARM_MODEL_KIND, ARM_ENVIRONMENT_KIND, ARM_COMPONENT_KIND];

type Params = { name: string; version: string };
type ListQuery = ArmPageQuery & { $orderBy?: string; $top?: number; listViewType?: ListViewType };

/**
 * Versioned assets as the Azure ML SDK registers and reads them, for each of {@link ARM_ASSET_KINDS}
 * (`{plural}` below), in the workspace's registry, the same one `/api/v1` serves:
 * `PUT {plural}/{name}/versions/{version}` (see `createArmVersion`: 201 created, 200 the same there
 * already, 409 other content); `GET …/versions/{version}`; `GET {plural}/{name}/versions`
 * (`$orderBy`, `$top`, `listViewType`, paged); `GET {plural}/{name}`, the container, 404 when the
 * name has no version (the SDK then creates version 1); `PUT {plural}/{name}` with `isArchived`
 * archives or restores every version; `GET {plural}`, the containers. DELETE is 409: a version
 * never goes away (jobs' lineage names it); archiving hides it.
 */
export async function armAssetRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  for (const kind of ARM_ASSET_KINDS) {
    await versionRoutes(app, ctx, kind);
    await containerRoutes(app, ctx, kind);
  }
}

async function versionRoutes(app: FastifyInstance, ctx: ServerContext, kind: ArmAssetKind): Promise<void> {
  const path = `/${kind.plural}/:name/versions`;
  app.put<{ Params: Params; Body: { properties: Record<string, unknown> } }>(`${path}/:version`, { schema: { params: ASSET_PARAMS, body: versionBodySchema(kind) } }, async (request, reply) => {
    const scope = armScope(request);
    const { asset, created } = await createArmVersion(ctx, kind, { scope, ...request.params, properties: request.body.properties });
    return reply.status(created ? 201 : 200).send(armVersionResource(kind, scope.workspaceId, asset));
  });

  app.get<{ Params: Params }>(`${path}/:version`, { schema: { params: ASSET_PARAMS } }, async (request) => {
    const scope = armScope(request);
    const { name, version } = request.params;
    const asset = await ctx.registry.getAssetVersion(scope.workspace, kind.kind, name, version).catch((error: unknown) => {
      const builtin = kind.builtin?.(name);
      if (isNotFound(error) && builtin !== undefined && builtin.version === version) return builtin;
      throw error;
    });
    return armVersionResource(kind, scope.workspaceId, asset);
  });

  app.get<{ Params: Params; Querystring: ListQuery }>(path, { schema: { params: ASSET_PARAMS, querystring: ASSET_LIST_QUERY } }, async (request) => {
    const scope = armScope(request);
    const { $orderBy, $top, listViewType } = request.query;
    const all = await versionsOf(ctx, kind, scope.workspace, request.params.name);
    const wanted = orderVersions(
      all.filter((v) => inView(listViewType, v.archived)),
      $orderBy,
    ).slice(0, $top);
    return armPage(
      request,
      wanted.map((v) => armVersionResource(kind, scope.workspaceId, v)),
    );
  });

  app.delete(`${path}/:version`, { schema: { params: ASSET_PARAMS } }, async () => refuseDelete(kind));
}

async function containerRoutes(app: FastifyInstance, ctx: ServerContext, kind: ArmAssetKind): Promise<void> {
  const path = `/${kind.plural}/:name`;
  app.get<{ Params: Params }>(path, { schema: { params: ASSET_PARAMS } }, async (request) => {
    const scope = armScope(request);
    const versions = await versionsOf(ctx, kind, scope.workspace, request.params.name);
    if (versions.length === 0) throw notFound(kind.kind, request.params.name);
    return armContainerResource(kind, scope.workspaceId, containerOf(request.params.name, versions));
  });

  app.put<{ Params: Params; Body: { properties: { isArchived?: boolean | null } } }>(path, { schema: { params: ASSET_PARAMS, body: CONTAINER_BODY } }, async (request) => {
    const scope = armScope(request);
    const { name } = request.params;
    if ((await ctx.registry.listAssetVersions(scope.workspace, kind.kind, name, { includeArchived: true })).length === 0) {
      throw new LatheError('LATHE_NOT_FOUND', `${kind.kind} '${name}' has no version; a name exists once a version is created`, { details: { kind: kind.kind, name } });
    }
    const archived = request.body.properties.isArchived;
    if (typeof archived === 'boolean') await ctx.registry.setAssetArchived(scope.workspace, kind.kind, name, undefined, archived);
    return armContainerResource(kind, scope.workspaceId, containerOf(name, await versionsOf(ctx, kind, scope.workspace, name)));
  });

  app.delete(path, { schema: { params: ASSET_PARAMS } }, async () => refuseDelete(kind));

  app.get<{ Querystring: ListQuery }>(`/${kind.plural}`, { schema: { querystring: ASSET_LIST_QUERY } }, async (request) => {
    const scope = armScope(request);
    const [all, active] = await Promise.all([
      ctx.registry.listAssets(scope.workspace, kind.kind, { includeArchived: true }),
      ctx.registry.listAssets(scope.workspace, kind.kind).then((list) => new Map(list.map((s) => [s.name, s]))),
    ]);
    const containers = all
      .map((s) => ({ name: s.name, createdAt: s.createdAt, archived: !active.has(s.name), latestVersion: active.get(s.name)?.latestVersion ?? s.latestVersion, nextVersion: null }))
      .filter((s) => inView(request.query.listViewType, s.archived))
      .map((s) => armContainerResource(kind, scope.workspaceId, s));
    return armPage(request, containers);
  });
}

// Every version of a name, newest first, archived ones included; a built-in one when the workspace has none.
async function versionsOf(ctx: ServerContext, kind: ArmAssetKind, workspace: string, name: string): Promise<AssetVersion[]> {
  const versions = await ctx.registry.listAssetVersions(workspace, kind.kind, name, { includeArchived: true });
  const builtin = versions.length === 0 ? kind.builtin?.(name) : undefined;
  return builtin === undefined ? versions : [builtin];
}

function refuseDelete(kind: ArmAssetKind): never {
  throw new LatheError('LATHE_CONFLICT', `${kind.plural} versions are never deleted: jobs' lineage names them; archive them instead (isArchived, or the SDK's archive)`, {
    details: { kind: kind.kind },
  });
}

function isNotFound(error: unknown): boolean {
  return error instanceof LatheError && error.code === 'LATHE_NOT_FOUND';
}
