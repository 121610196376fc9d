import type { AssetResource, AssetSummaryResource, LineageEdgeResource } from '@lathe/api';
import type { AssetSummary, AssetVersion, LineageEdge } from '@lathe/store';

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
    content_hash: asset.contentHash,
    created_at: new Date(asset.createdAt).toISOString(),
    archived: asset.archived,
    ...(registry !== undefined ? { stage: registry.stage, aliases: registry.aliases } : {}),
  };
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
