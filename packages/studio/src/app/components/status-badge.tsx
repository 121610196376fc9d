import type { JobStatus } from '@lathe/core';

const TONE: Record<string, string> = {
  NotStarted: 'idle',
  Queued: 'idle',
  Preparing: 'active',
  Running: 'active',
  Finalizing: 'active',
  CancelRequested: 'warn',
  Completed: 'ok',
  Failed: 'bad',
  Canceled: 'warn',
  // Not a job status: a pipeline step that will never run because one before it failed.
  Blocked: 'warn',
};

/** The colour family of a status (`ok`, `bad`, `warn`, `active`, `idle`): class `status-<tone>`, variable `--<tone>`. */
export function statusTone(status: string): string {
  return TONE[status] ?? 'idle';
}

/** A job status as a coloured dot and word; active statuses pulse. */
export function StatusBadge({ status }: { status: JobStatus | string }) {
  const tone = statusTone(status);
  return (
    <span className={`status status-${tone}`} data-status={status}>
      <span className="status-dot" aria-hidden="true" />
      {status}
    </span>
  );
}
