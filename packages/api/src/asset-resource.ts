import type { AssetKind } from '@lathe/core';

/** The asset kinds and the path segment of each (Azure ML's REST names); defined in `@lathe/core`. */
export { ASSET_PLURALS } from '@lathe/core';

/** An asset kind as the REST API names it. */
export type AssetKindName = AssetKind;

/** One asset version as the REST API returns it. */
export interface AssetResource {
  kind: AssetKindName;
  name: string;
  version: string;
  /** The stored spec: what re-creates the asset (local paths are `blob://` snapshots). */
  spec: Record<string, unknown>;
  /**
   * What to show users for each spec field that names content (`path`, `code`): where a copied
   * path came from (`source_path`: a datastore path, a job output, a run's artifacts), else the
   * datastore URI of the uploaded snapshot (`azureml://datastores/workspaceblobstore/paths/LocalUpload/<sha256>/…`), never `blob://`.
   */
  uris: Record<string, string>;
  content_hash: string;
  created_at: string;
  archived: boolean;
  /**
   * Models only: the version's MLflow registry stage (`None`, `Staging`, `Production`,
   * `Archived`), which can change after creation, unlike the spec.
   */
  stage?: string;
  /** Models only: the MLflow registry aliases pointing at this version, sorted. */
  aliases?: string[];
}

/** An asset name with its latest version. */
export interface AssetSummaryResource {
  kind: AssetKindName;
  name: string;
  latest_version: string;
  version_count: number;
  created_at: string;
}

/** A job's use (`input`) or production (`output`) of an asset version. */
export interface LineageEdgeResource {
  job: string;
  direction: 'input' | 'output';
  port: string;
  kind: AssetKindName;
  name: string;
  version: string;
}

/** Body of asset creation: the validated spec, local paths already uploaded as `blob://`. */
export interface CreateAssetRequest {
  spec: Record<string, unknown>;
}
