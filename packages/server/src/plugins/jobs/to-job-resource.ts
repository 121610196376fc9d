import type { JobRecord } from '@lathe/core';
import type { JobResource } from '@lathe/api';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The REST form of a stored job. `now` supplies the running duration. */
export function toJobResource(job: JobRecord, now = Date.now()): JobResource {
  return {
    name: job.name,
    type: job.type,
    status: job.status,
    display_name: job.displayName,
    experiment_name: job.experimentName,
    description: job.description,
    compute: job.compute,
    tags: job.tags,
    created_at: iso(job.createdAt) as string,
    started_at: iso(job.startedAt),
    ended_at: iso(job.endedAt),
    duration_seconds: job.startedAt === null ? null : ((job.endedAt ?? now) - job.startedAt) / 1000,
    status_history: job.history.map((e) => ({ status: e.status, time: iso(e.time) as string, ...(e.reason ? { reason: e.reason } : {}) })),
    exit_code: job.exitCode,
    error: job.failure ? { type: job.failure.type, message: job.failure.message, non_retryable: job.failure.nonRetryable, details: job.failure.details } : null,
    warnings: job.warnings,
    spec: job.spec,
    parent: job.parent,
    root: job.root,
  };
}
