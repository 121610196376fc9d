import type { AssetResource, AssetSummaryResource, LineageEdgeResource } from '@lathe/api';
import type { AssetSummary, AssetVersion, LineageEdge } from '@lathe/store';

export function toAssetResource(asset: AssetVersion): AssetResource {
  return {
    kind: asset.kind,
    name: asset.name,
    version: asset.version,
    spec: asset.spec,
    content_hash: asset.contentHash,
    created_at: new Date(asset.createdAt).toISOString(),
    archived: asset.archived,
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
