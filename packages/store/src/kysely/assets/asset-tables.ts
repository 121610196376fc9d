import type { Selectable } from 'kysely';
import type { AssetKind } from '../../asset-store.js';
import type { MillisColumn } from '../schema.js';

/** `asset_versions`: one row per immutable asset version. */
export interface AssetVersionsTable {
  workspace: string;
  kind: AssetKind;
  name: string;
  version: string;
  spec_json: string;
  content_hash: string;
  created_at: MillisColumn;
  archived: number;
}

/** `asset_lineage`: which job consumed or produced which asset version, through which port. */
export interface AssetLineageTable {
  workspace: string;
  job: string;
  direction: 'input' | 'output';
  port: string;
  kind: AssetKind;
  name: string;
  version: string;
}

/** The asset tables as Kysely sees them. */
export interface AssetTables {
  asset_versions: AssetVersionsTable;
  asset_lineage: AssetLineageTable;
}

/** An `asset_versions` row as selected. */
export type AssetVersionRow = Selectable<AssetVersionsTable>;
