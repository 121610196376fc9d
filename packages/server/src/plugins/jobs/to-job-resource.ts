import type { JobRecord } from '@lathe/core';
import type { JobResource } from '@lathe/api';
import type { LineageEdge } from '@lathe/store';
import { userFacingUri } from '../../shared/user-facing-uri.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * The REST form of a stored job. `now` supplies the running duration; `lineage`, the job's
 * recorded edges, lets `uris` name the asset versions its inputs were given.
 */
export function toJobResource(job: JobRecord, now = Date.now(), lineage: readonly LineageEdge[] = []): JobResource {
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
    uris: jobUris(job.spec, lineage),
    parent: job.parent,
    root: job.root,
    archived: job.archived,
    reused_from: job.reusedFrom,
    schedule: job.schedule,
  };
}

/** The user-facing URI of the job's code and of each data input (see `JobResource.uris`). */
function jobUris(spec: Record<string, unknown>, lineage: readonly LineageEdge[]): Record<string, string> {
  const uris: Record<string, string> = {};
  const code = userFacingUri(spec.code);
  if (code !== undefined) uris.code = code;
  for (const [port, input] of Object.entries((spec.inputs ?? {}) as Record<string, unknown>)) {
    if (typeof input !== 'object' || input === null) continue;
    const { path, source_path: source } = input as { path?: unknown; source_path?: unknown };
    const uploaded = userFacingUri(path);
    if (uploaded === undefined) continue;
    const asset = lineage.find((e) => e.direction === 'input' && e.port === port && (e.kind === 'data' || e.kind === 'model'));
    // The asset version it was given, else the datastore path, job output or run it was copied from, else the upload.
    uris[`inputs.${port}`] = asset ? `azureml:${asset.name}:${asset.version}` : typeof source === 'string' ? source : uploaded;
  }
  return uris;
}
