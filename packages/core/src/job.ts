import type { Failure } from './failure.js';
import type { JobStatus } from './job-status.js';

/**
 * A validated job spec as stored: the Azure ML v2 document, with client-local paths already
 * replaced by uploaded content references. The store and scheduler treat it as opaque; the
 * spec package owns its shape.
 */
export interface JobSpecDocument {
  type: string;
  [field: string]: unknown;
}

/** One persisted state change. */
export interface JobStatusEvent {
  status: JobStatus;
  /** Milliseconds since the epoch. */
  time: number;
  /** Why, when the change was not the ordinary next step. */
  reason?: string;
}

/** Where a backend is running a job: enough to poll or cancel it after a server restart. */
export interface JobHandle {
  backend: string;
  workspace: string;
  job: string;
  /** Backend-specific identity: a process id, a Slurm job id. */
  id: string;
  /** The job folder the launcher runs in. */
  folder: string;
  [extra: string]: unknown;
}

/** A job as the store keeps it. Times are milliseconds since the epoch. */
export interface JobRecord {
  workspace: string;
  name: string;
  type: string;
  status: JobStatus;
  displayName: string | null;
  experimentName: string;
  description: string | null;
  compute: string;
  tags: Record<string, string>;
  spec: JobSpecDocument;
  warnings: string[];
  history: JobStatusEvent[];
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  endedAt: number | null;
  handle: JobHandle | null;
  failure: Failure | null;
  exitCode: number | null;
}
