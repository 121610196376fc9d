import type { MillisColumn } from '../schema.js';

/** `computes`: one row per named compute target, keyed by (workspace, name). */
export interface ComputesTable {
  workspace: string;
  name: string;
  type: string;
  max_instances: number;
  spec_json: string;
  created_at: MillisColumn;
  updated_at: MillisColumn;
}
