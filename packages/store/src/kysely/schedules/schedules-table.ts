import type { ColumnType } from 'kysely';
import type { MillisColumn, NullableMillisColumn } from '../schema.js';

/** `schedules`: one row per schedule, keyed by (workspace, name). */
export interface SchedulesTable {
  workspace: string;
  name: string;
  spec_json: string;
  /** 0 or 1. */
  enabled: number;
  created_at: MillisColumn;
  updated_at: MillisColumn;
  last_fired_at: NullableMillisColumn;
  next_fire_at: NullableMillisColumn;
  last_job: ColumnType<string | null, string | null | undefined, string | null>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
}
