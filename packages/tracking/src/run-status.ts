import type { JobStatus } from '@lathe/core';

/** Every MLflow run status (`mlflow.entities.RunStatus`). */
export const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const;

/** An MLflow run status. */
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Statuses a run ends in (MLflow's `RunStatus.is_terminated`). */
export const TERMINATED_RUN_STATUSES: readonly RunStatus[] = ['FINISHED', 'FAILED', 'KILLED'];

/** Every lifecycle stage of an experiment or run. */
export const LIFECYCLE_STAGES = ['active', 'deleted'] as const;

/** Whether an experiment or run is live or in the trash. */
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Which lifecycle stages a search returns (MLflow's `ViewType`). */
export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

/** True when `value` names a run status exactly (upper case). */
export function isRunStatus(value: unknown): value is RunStatus {
  return typeof value === 'string' && (RUN_STATUSES as readonly string[]).includes(value);
}

/** True when a run in `status` has ended. */
export function isTerminatedRunStatus(status: RunStatus): boolean {
  return TERMINATED_RUN_STATUSES.includes(status);
}

/** True when `value` is `active` or `deleted`. */
export function isLifecycleStage(value: unknown): value is LifecycleStage {
  return value === 'active' || value === 'deleted';
}

/** The lifecycle stages a search with `viewType` returns (MLflow's `view_type_to_stages`). */
export function lifecycleStagesForViewType(viewType: ViewType): LifecycleStage[] {
  if (viewType === 'ACTIVE_ONLY') return ['active'];
  if (viewType === 'DELETED_ONLY') return ['deleted'];
  return ['active', 'deleted'];
}

const FOR_JOB: Record<JobStatus, RunStatus> = {
  NotStarted: 'SCHEDULED',
  Queued: 'SCHEDULED',
  Preparing: 'SCHEDULED',
  Running: 'RUNNING',
  Finalizing: 'RUNNING',
  // The cancel is final once asked for; MLflow has no "stopping" status.
  CancelRequested: 'KILLED',
  Completed: 'FINISHED',
  Failed: 'FAILED',
  Canceled: 'KILLED',
};

/**
 * The MLflow status of the run that mirrors a job, as Azure ML maps them: not yet running →
 * SCHEDULED, Running/Finalizing → RUNNING, Completed → FINISHED, Failed → FAILED, Canceled and
 * CancelRequested → KILLED.
 */
export function runStatusForJob(jobStatus: JobStatus): RunStatus {
  return FOR_JOB[jobStatus];
}

const FOR_RUN: Record<RunStatus, JobStatus> = {
  SCHEDULED: 'Queued',
  RUNNING: 'Running',
  FINISHED: 'Completed',
  FAILED: 'Failed',
  KILLED: 'Canceled',
};

/**
 * The job status a run's MLflow status reads as, for runs no job created (an outside MLflow
 * client's): the inverse of {@link runStatusForJob} on the statuses a run shows.
 */
export function jobStatusForRun(runStatus: RunStatus): JobStatus {
  return FOR_RUN[runStatus];
}
