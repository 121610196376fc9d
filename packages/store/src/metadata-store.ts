import type { Failure, JobFinalization, JobHandle, JobRecord, JobStatus } from '@lathe/core';
import type { LineageEdge } from './asset-store.js';

/** Input for {@link MetadataStore.createJob}. The job starts NotStarted and is moved to Queued at once. */
export interface CreateJobInput {
  workspace: string;
  name: string;
  type: string;
  displayName: string | null;
  experimentName: string;
  description: string | null;
  compute: string;
  tags: Record<string, string>;
  spec: JobRecord['spec'];
  warnings: string[];
  /** Milliseconds since the epoch. */
  createdAt: number;
  /**
   * The job that creates this one, and that job's own root (null when it has no parent). The
   * child's run gets the parent's run as `mlflow.parentRunId`.
   */
  parent?: { name: string; root: string | null };
  /** The schedule firing this job (see `ScheduleStore`); absent for a job created otherwise. */
  schedule?: string;
  /** The asset versions the job consumes, recorded in the same transaction as the job. */
  lineage?: Omit<LineageEdge, 'job'>[];
  /**
   * What identifies the job's work for step reuse (a digest of its component, code, environment,
   * parameters and input contents); a later job with the same key may reuse this one's outputs.
   */
  reuseKey?: string;
  /**
   * Creates the job Completed, having run nothing: it reuses the outputs of this earlier
   * Completed job (found with {@link MetadataStore.findReusableJob}).
   */
  reusedFrom?: string;
}

/** Filter and page for {@link MetadataStore.listJobs}. Newest first (createdAt DESC, name DESC). */
export interface ListJobsQuery {
  workspace: string;
  statuses?: JobStatus[];
  experimentName?: string;
  /** Only the children of this job; `null`: only jobs without a parent (the ones users submitted). */
  parent?: string | null;
  /** Only archived jobs (`true`) or only jobs not archived (`false`); both when absent. */
  archived?: boolean;
  /** Only the jobs this schedule created. */
  schedule?: string;
  /** Every pair must match (tag key = value); a value of `null` matches any value of that key. */
  tags?: Record<string, string | null>;
  /** 1..1000. */
  limit: number;
  /** Opaque token from a previous page's `nextPageToken`. */
  pageToken?: string;
}

/** One page of jobs. */
export interface JobPage {
  jobs: JobRecord[];
  /** Present when more jobs follow. */
  nextPageToken?: string;
}

/** What {@link MetadataStore.findJobsByStatus} also filters on. */
export interface FindJobsFilter {
  /** Only jobs of these types. */
  types?: readonly string[];
  /** No jobs of these types. */
  excludeTypes?: readonly string[];
  /** Only jobs on this compute. */
  compute?: string;
  /** Only jobs of this workspace (a named compute target belongs to one). */
  workspace?: string;
}

/** Fields a transition may set alongside the new status. */
export interface TransitionPatch {
  handle?: JobHandle | null;
  finalization?: JobFinalization | null;
  controllerState?: Record<string, unknown> | null;
  failure?: Failure | null;
  exitCode?: number | null;
  /** Recorded on the history event. */
  reason?: string;
}

/** Input for {@link MetadataStore.updateJobProgress}. */
export interface JobProgressInput {
  workspace: string;
  name: string;
  /** Written only while the job's status is one of these. */
  from: readonly JobStatus[];
  /** Milliseconds since the epoch. */
  at: number;
  controllerState?: Record<string, unknown> | null;
  finalization?: JobFinalization | null;
}

/** Input for {@link MetadataStore.transitionJob}: a compare-and-set on the job's status. */
export interface TransitionInput {
  workspace: string;
  name: string;
  /** The move happens only if the current status is one of these. */
  from: readonly JobStatus[];
  to: JobStatus;
  /** Milliseconds since the epoch. */
  at: number;
  patch?: TransitionPatch;
}

/**
 * Persistent metadata: workspaces and jobs. Every write is durable when its promise resolves,
 * and every multi-row write is atomic. Implementations: Kysely over SQLite and PostgreSQL
 * (`KyselyMetadataStore`); all pass `describeMetadataStore` from `@lathe/testing`.
 */
export interface MetadataStore {
  /** Creates the workspace if missing; idempotent. */
  ensureWorkspace(name: string, at: number): Promise<void>;
  /** True when the workspace exists. */
  hasWorkspace(name: string): Promise<boolean>;
  /**
   * Inserts a job, records NotStarted then Queued in its history (both at `createdAt`) and
   * returns it Queued. Throws `LATHE_CONFLICT` when the name is taken in the workspace and
   * `LATHE_NOT_FOUND` when the workspace does not exist.
   */
  createJob(input: CreateJobInput): Promise<JobRecord>;
  /**
   * The most recently ended Completed job of the workspace with this reuse key that ran (was not
   * itself reused), or `undefined`.
   */
  findReusableJob(workspace: string, reuseKey: string): Promise<JobRecord | undefined>;
  /** The job, or `undefined`. */
  getJob(workspace: string, name: string): Promise<JobRecord | undefined>;
  /** The jobs of those names that exist, in no particular order (one query per table, not per job). */
  getJobs(workspace: string, names: readonly string[]): Promise<JobRecord[]>;
  /** A page of jobs, newest first. Throws `LATHE_BAD_REQUEST` for a malformed page token. */
  listJobs(query: ListJobsQuery): Promise<JobPage>;
  /**
   * Moves a job to `to` when its status is in `from`, appending a history event and applying
   * the patch in the same transaction. Sets `startedAt` on first entry to Running and `endedAt`
   * on entry to a terminal state. Returns the updated job, or `undefined` when the job is
   * missing or its status was not in `from` (nothing is written then).
   */
  transitionJob(input: TransitionInput): Promise<JobRecord | undefined>;
  /**
   * Records where a backend runs the job, without a state change (the launch happens while the
   * job is Preparing). Returns false when the job does not exist.
   */
  setJobHandle(workspace: string, name: string, handle: JobHandle): Promise<boolean>;
  /**
   * Archives or restores a job, whatever its status; nothing else about it changes. Returns the
   * job, or `undefined` when it does not exist.
   */
  setJobArchived(workspace: string, name: string, archived: boolean): Promise<JobRecord | undefined>;
  /**
   * Records what a controller job knows about its progress, or a Finalizing job's publishing
   * progress, without a state change, when the job's status is still in `from`. Returns the job,
   * or `undefined` (nothing written) when it is missing or has moved on.
   */
  updateJobProgress(input: JobProgressInput): Promise<JobRecord | undefined>;
  /** Jobs in any of `statuses`, across all workspaces, oldest first, at most `limit`. */
  findJobsByStatus(statuses: readonly JobStatus[], limit: number, filter?: FindJobsFilter): Promise<JobRecord[]>;
  /** Releases connections. */
  close(): Promise<void>;
}
