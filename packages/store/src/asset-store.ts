import type { AssetKind } from '@lathe/core';

/** The asset kinds Lathe versions; defined in `@lathe/core`. */
export { ASSET_KINDS } from '@lathe/core';
export type { AssetKind } from '@lathe/core';

/** One immutable version of an asset. */
export interface AssetVersion {
  kind: AssetKind;
  name: string;
  version: string;
  /** The validated spec as stored, with local paths replaced by `blob://` references. */
  spec: Record<string, unknown>;
  /** Digest of what makes two creations of this version "the same" (see createAssetVersion). */
  contentHash: string;
  createdAt: number;
  archived: boolean;
}

/** Input for {@link AssetStore.createAssetVersion}. */
export interface CreateAssetVersionInput {
  kind: AssetKind;
  name: string;
  /** Omitted: one more than the greatest numeric version (or "1"). */
  version?: string;
  spec: Record<string, unknown>;
  contentHash: string;
  createdAt: number;
}

/** An asset's name with its latest version, for lists. */
export interface AssetSummary {
  kind: AssetKind;
  name: string;
  latestVersion: string;
  versionCount: number;
  createdAt: number;
}

/** A job's use or production of an asset version. */
export interface LineageEdge {
  job: string;
  /** `input`: the job consumed the version; `output`: the job produced it. */
  direction: 'input' | 'output';
  /** The job's input or output name. */
  port: string;
  kind: AssetKind;
  name: string;
  version: string;
}

/**
 * Versioned assets of a workspace and their lineage. A version never changes once created:
 * creating it again with the same content hash returns it (`created: false`); with another is
 * `LATHE_CONFLICT`. Archiving hides a version from `latest` and lists without deleting it.
 */
export interface AssetStore {
  createAssetVersion(workspace: string, input: CreateAssetVersionInput): Promise<{ asset: AssetVersion; created: boolean }>;
  /** `LATHE_NOT_FOUND` when missing. */
  getAssetVersion(workspace: string, kind: AssetKind, name: string, version: string): Promise<AssetVersion>;
  /** The most recently created version that is not archived; `LATHE_NOT_FOUND` when none. */
  getLatestAssetVersion(workspace: string, kind: AssetKind, name: string): Promise<AssetVersion>;
  listAssets(workspace: string, kind: AssetKind, options?: { includeArchived?: boolean }): Promise<AssetSummary[]>;
  /** Newest first. */
  listAssetVersions(workspace: string, kind: AssetKind, name: string, options?: { includeArchived?: boolean }): Promise<AssetVersion[]>;
  /** Archives or restores one version, or every version when `version` is omitted. */
  setAssetArchived(workspace: string, kind: AssetKind, name: string, version: string | undefined, archived: boolean): Promise<void>;
  recordLineage(workspace: string, edges: LineageEdge[]): Promise<void>;
  /** Jobs that consumed or produced this version. */
  lineageOfAsset(workspace: string, kind: AssetKind, name: string, version: string): Promise<LineageEdge[]>;
  /** Asset versions a job consumed or produced. */
  lineageOfJob(workspace: string, job: string): Promise<LineageEdge[]>;
}
