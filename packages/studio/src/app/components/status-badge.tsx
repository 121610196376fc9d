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
};

/** A job status as a coloured dot and word; active statuses pulse. */
export function StatusBadge({ status }: { status: JobStatus | string }) {
  const tone = TONE[status] ?? 'idle';
  return (
    <span className={`status status-${tone}`} data-status={status}>
      <span className="status-dot" aria-hidden="true" />
      {status}
    </span>
  );
}
