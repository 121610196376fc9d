import type { AssetResource, AssetSummaryResource, LineageEdgeResource } from '@lathe/api';
import type { AssetSummary, AssetVersion, LineageEdge } from '@lathe/store';
import { userFacingUri } from '../../shared/user-facing-uri.js';

/** A version's mutable registry state (models only). */
export interface RegistryState {
  stage: string;
  aliases: string[];
}

export function toAssetResource(asset: AssetVersion, registry?: RegistryState): AssetResource {
  return {
    kind: asset.kind,
    name: asset.name,
    version: asset.version,
    spec: asset.spec,
    uris: assetUris(asset.spec),
    content_hash: asset.contentHash,
    created_at: new Date(asset.createdAt).toISOString(),
    archived: asset.archived,
    ...(registry !== undefined ? { stage: registry.stage, aliases: registry.aliases } : {}),
  };
}

/** The user-facing URI of the asset's content fields (see `AssetResource.uris`). */
function assetUris(spec: Record<string, unknown>): Record<string, string> {
  const uris: Record<string, string> = {};
  const path = typeof spec.source_path === 'string' ? spec.source_path : userFacingUri(spec.path);
  if (path !== undefined) uris.path = path;
  const code = userFacingUri(spec.code);
  if (code !== undefined) uris.code = code;
  return uris;
}

export function toAssetSummaryResource(summary: AssetSummary): AssetSummaryResource {
  return {
    kind: summary.kind,
    name: summary.name,
    latest_version: summary.latestVersion,
    version_count: summary.versionCount,
    created_at: new Date(summary.createdAt).toISOString(),
  };
}

export function toLineageResource(edge: LineageEdge): LineageEdgeResource {
  return { ...edge };
}
