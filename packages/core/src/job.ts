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
  /** The job that created this one (a sweep's trial, a pipeline's step); null for a submitted job. */
  parent: string | null;
  /** The top of this job's tree; null for a submitted job. */
  root: string | null;
  /** What a controller job recorded about its progress; null for other jobs. */
  controllerState: Record<string, unknown> | null;
  /** Publishing a Completed job's outputs, while it is under way or resumed after a crash. */
  finalization: JobFinalization | null;
  /** Hidden from the active job list (Azure ML's archive); the job itself is unchanged. */
  archived: boolean;
  /**
   * A pipeline step that ran nothing: it reused the outputs of this earlier Completed job, whose
   * component, code, environment, parameters and input contents were the same. Null otherwise.
   */
  reusedFrom: string | null;
  /** The schedule whose trigger created this job; null for a job created any other way. */
  schedule: string | null;
}

/**
 * The outcome a launcher reported for a job whose outputs are still being published, and the
 * publishing steps already done. The job stays Finalizing until every step is done; a server that
 * restarts resumes at the first step not done.
 */
export interface JobFinalization {
  outcome: { status: 'Completed'; exitCode: number };
  /** Names of the steps already done. */
  done: string[];
}
