import type { ErrorBody, JobStatus } from '@lathe/core';

/** One entry of a job's status history. Times are ISO 8601. */
export interface StatusEventResource {
  status: JobStatus;
  time: string;
  reason?: string;
}

/** Why a job failed, as the API shows it. */
export interface JobErrorResource {
  type: string;
  message: string;
  non_retryable: boolean;
  details: Record<string, unknown>;
}

/** A job as the REST API returns it. */
export interface JobResource {
  name: string;
  type: string;
  status: JobStatus;
  display_name: string | null;
  experiment_name: string;
  description: string | null;
  compute: string;
  tags: Record<string, string>;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  /** Seconds from start to end (or to now while running); null before it runs. */
  duration_seconds: number | null;
  status_history: StatusEventResource[];
  exit_code: number | null;
  error: JobErrorResource | null;
  warnings: string[];
  /**
   * The job's spec as stored (local paths replaced by `blob:` references; an input copied from a
   * datastore path, a job output or a run keeps that URI as `source_path` beside its snapshot).
   */
  spec: Record<string, unknown>;
  /**
   * What to show users for each spec field that names stored content (`code`, `inputs.<name>`):
   * the asset version a data input was given (`azureml:<name>:<version>`, on `GET /jobs/{name}`),
   * else the datastore path, job output or run it was copied from (the input's `source_path`:
   * `azureml://datastores/<ds>/paths/…`, `azureml://jobs/<job>/outputs/…`, `runs:/…`),
   * else the datastore URI of the uploaded snapshot
   * (`azureml://datastores/workspaceblobstore/paths/LocalUpload/<sha256>/…`), never `blob://`.
   */
  uris: Record<string, string>;
  /** The job that created this one (a sweep's trial, a pipeline's step); null for a submitted job. */
  parent: string | null;
  /** The top of this job's tree; null for a submitted job. */
  root: string | null;
  /** Hidden from the job list unless asked for (`lathe job archive`, Azure ML's `jobs.archive`). */
  archived: boolean;
  /** A pipeline step that ran nothing: the earlier job whose outputs it reused; null otherwise. */
  reused_from: string | null;
  /** The schedule whose trigger created this job; null for any other job. */
  schedule: string | null;
}

/** A kind of job the server runs (`command`; later `sweep`, `pipeline`, ...). */
export interface JobKindResource {
  type: string;
  /** `backend`: a process on a compute target; `controller`: a job that creates child jobs. */
  execution: 'backend' | 'controller';
  description: string;
}

/** A page of a list. */
export interface PageResource<T> {
  value: T[];
  next_page_token?: string;
}

/** One output of a job, with its file count and size. */
export interface OutputResource {
  name: string;
  files: number;
  size: number;
}

/** One file of an output. */
export interface OutputFileResource {
  path: string;
  size: number;
}

/** The body of every error response. */
export type ErrorResource = ErrorBody;
