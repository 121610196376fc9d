import type { JobStatus } from '@lathe/core';
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { AssetTables } from './assets/asset-tables.js';
import type { RegistryTables } from './registry/registry-tables.js';
import type { TrackingTables } from './tracking/tracking-tables.js';
import type { ComputesTable } from './workspaces/compute-tables.js';
import type { SchedulesTable } from './schedules/schedules-table.js';
import type { ServicePrincipalsTable } from './workspaces/kysely-service-principal-store.js';

/**
 * A BIGINT column holding milliseconds since the epoch. Written as a number; read back as a
 * number from SQLite and as a decimal string from PostgreSQL (pg's default for int8), so readers
 * convert with `Number()`.
 */
export type MillisColumn = ColumnType<number | string, number, number>;

/** A nullable {@link MillisColumn}. */
export type NullableMillisColumn = ColumnType<number | string | null, number | null, number | null>;

/** `workspaces`: one row per workspace. */
export interface WorkspacesTable {
  name: string;
  created_at: MillisColumn;
  /** What `workspace create` recorded; NULL for a workspace that exists implicitly. */
  spec_json: ColumnType<string | null, string | null | undefined, string | null>;
}

/** `jobs`: one row per job, keyed by (workspace, name). JSON columns hold `JSON.stringify` text. */
export interface JobsTable {
  workspace: string;
  name: string;
  type: string;
  status: JobStatus;
  display_name: string | null;
  experiment_name: string;
  description: string | null;
  compute: string;
  spec_json: string;
  warnings_json: string;
  created_at: MillisColumn;
  updated_at: MillisColumn;
  started_at: NullableMillisColumn;
  ended_at: NullableMillisColumn;
  handle_json: string | null;
  failure_json: string | null;
  exit_code: number | null;
  parent: string | null;
  root: string | null;
  controller_json: string | null;
  finalization_json: string | null;
  /** 0 or 1. */
  archived: Generated<number>;
  reuse_key: string | null;
  reused_from: string | null;
  /** The schedule that fired the job; NULL for any other job. */
  schedule: ColumnType<string | null, string | null | undefined, string | null>;
}

/** `job_tags`: one row per tag of a job, keyed by (workspace, job, key). */
export interface JobTagsTable {
  workspace: string;
  job: string;
  key: string;
  value: string;
}

/** `job_events`: a job's status history; `seq` counts from 1 within the job. */
export interface JobEventsTable {
  workspace: string;
  job: string;
  seq: number;
  status: JobStatus;
  time: MillisColumn;
  reason: string | null;
}

/** The metadata database as Kysely sees it. */
export interface Database extends TrackingTables, AssetTables, RegistryTables {
  workspaces: WorkspacesTable;
  jobs: JobsTable;
  job_tags: JobTagsTable;
  job_events: JobEventsTable;
  computes: ComputesTable;
  service_principals: ServicePrincipalsTable;
  schedules: SchedulesTable;
}

/** A `jobs` row as selected. */
export type JobRow = Selectable<JobsTable>;
