import type { JobStatus } from '@lathe/core';

/** A number as JSON carries it: NaN and ±Infinity as the strings `NaN`, `Infinity`, `-Infinity`. */
export type JsonDouble = number | 'NaN' | 'Infinity' | '-Infinity';

/** The job behind a run, in the fields a run list shows. */
export interface RunJobSummary {
  name: string;
  type: string;
  status: JobStatus;
  display_name: string | null;
  compute: string;
  created_at: string;
  duration_seconds: number | null;
}

/**
 * One row of `GET /workspaces/{ws}/runs`: a run (every job is one) with its job's fields, its
 * latest metrics, params and tags. `status` is the job's status, or for a run no job created,
 * its MLflow status read as a job status (RUNNING → Running, FINISHED → Completed, …).
 */
export interface RunRowResource {
  run_id: string;
  run_name: string;
  experiment_id: string;
  experiment_name: string;
  status: JobStatus;
  user_id: string;
  /** Milliseconds since the epoch. */
  start_time: number | null;
  end_time: number | null;
  job: RunJobSummary | null;
  metrics: Record<string, JsonDouble>;
  params: Record<string, string>;
  tags: Record<string, string>;
}

/** A page of runs; `total` only when the query asked for `count=true`. */
export interface RunPageResource {
  value: RunRowResource[];
  next_page_token?: string;
  total?: number;
}

/** An experiment with its run count and last activity (`GET /workspaces/{ws}/experiments`). */
export interface ExperimentSummaryResource {
  experiment_id: string;
  name: string;
  lifecycle_stage: 'active' | 'deleted';
  creation_time: number;
  /** Milliseconds since the epoch: the latest run start or end, else the experiment's last update. */
  last_activity: number;
  run_count: number;
  tags: Record<string, string>;
}

/**
 * Every point of one metric of a run, as columns in (step, timestamp) order — the shape a chart
 * draws without copying (`GET /workspaces/{ws}/runs/{run}/metrics/{key}`).
 */
export interface MetricSeriesResource {
  run_id: string;
  key: string;
  steps: number[];
  /** Absent when asked for `columns=steps,values`. */
  timestamps?: number[];
  values: JsonDouble[];
}

/**
 * What `GET /workspaces/{ws}/events` streams (server-sent events, one JSON object per `data:`
 * line, the SSE `event:` field naming the type): a job's status changed, or a run logged
 * metrics (coalesced: at most a few per second per run).
 */
export type LiveEventResource = { type: 'job'; job: string; run_id: string; status: JobStatus; experiment_name: string; time: string } | { type: 'metrics'; run_id: string; keys: string[] };
