/**
 * Job states and the transitions between them, as Azure ML names them. The scheduler is the only
 * writer of transitions; this module only says which ones are legal.
 */

/** Every state a job can be in. */
export const JOB_STATUSES = ['NotStarted', 'Queued', 'Preparing', 'Running', 'Finalizing', 'CancelRequested', 'Completed', 'Failed', 'Canceled'] as const;

/** A job state. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** States a job never leaves. */
export const TERMINAL_STATUSES: readonly JobStatus[] = ['Completed', 'Failed', 'Canceled'];

/** States in which a compute backend holds a live process or allocation for the job. */
export const ACTIVE_STATUSES: readonly JobStatus[] = ['Preparing', 'Running', 'Finalizing', 'CancelRequested'];

const ALLOWED: Record<JobStatus, readonly JobStatus[]> = {
  NotStarted: ['Queued', 'Canceled', 'Failed'],
  Queued: ['Preparing', 'Canceled', 'Failed'],
  Preparing: ['Running', 'Finalizing', 'CancelRequested', 'Failed', 'Completed'],
  Running: ['Finalizing', 'CancelRequested', 'Failed', 'Completed'],
  Finalizing: ['Completed', 'Failed', 'CancelRequested'],
  CancelRequested: ['Canceled', 'Failed', 'Completed'],
  Completed: [],
  Failed: [],
  Canceled: [],
};

/** True when `status` is final. */
export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** States from which `to` may be entered. */
export function statusesLeadingTo(to: JobStatus): JobStatus[] {
  return JOB_STATUSES.filter((from) => ALLOWED[from].includes(to));
}

/** True when moving from `from` to `to` is a legal transition. */
export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** True when `value` names a job state exactly. */
export function isJobStatus(value: unknown): value is JobStatus {
  return typeof value === 'string' && (JOB_STATUSES as readonly string[]).includes(value);
}
