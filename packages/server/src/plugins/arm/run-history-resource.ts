import type { JobRecord } from '@lathe/core';

/**
 * A Lathe job as run history's `Run`, the shape `runs/{id}/children` and `rundata` answer and the
 * SDK reads into a job (`_BaseJob._load_from_rest`): Lathe's statuses are Azure's names already;
 * `experimentId` carries the experiment's name, which the SDK shows as `experiment_name`.
 */
export function runOf(job: JobRecord): Record<string, unknown> {
  return {
    runId: job.name,
    name: job.name,
    parentRunId: job.parent,
    rootRunId: job.root ?? job.name,
    experimentId: job.experimentName,
    status: job.status,
    displayName: job.displayName ?? job.name,
    description: job.description,
    tags: job.tags,
    properties: stringProperties(job.spec.properties),
    runType: `azureml.${job.type}`,
    target: job.compute,
    compute: { target: job.compute },
    createdUtc: iso(job.createdAt),
    lastModifiedUtc: iso(job.updatedAt),
    ...times(job),
    ...problems(job),
  };
}

/**
 * A Lathe job as run history's `RunDetails`, which `jobs.stream` polls: the status, the times,
 * warnings, the failure as an `ErrorResponse`, and `logFiles` (name → a URL readable without a
 * bearer token).
 */
export function runDetailsOf(job: JobRecord, logFiles: Record<string, string>): Record<string, unknown> {
  return {
    runId: job.name,
    parentRunId: job.parent,
    rootRunId: job.root ?? job.name,
    status: job.status,
    target: job.compute,
    tags: job.tags,
    properties: stringProperties(job.spec.properties),
    createdTimeUtc: iso(job.createdAt),
    ...times(job),
    ...problems(job),
    logFiles,
  };
}

function times(job: JobRecord): Record<string, string> {
  return {
    ...(job.startedAt !== null ? { startTimeUtc: iso(job.startedAt) } : {}),
    ...(job.endedAt !== null ? { endTimeUtc: iso(job.endedAt) } : {}),
  };
}

function problems(job: JobRecord): Record<string, unknown> {
  const warnings = job.warnings.map((message) => ({ source: 'lathe', message }));
  if (job.failure === null) return { warnings };
  return { warnings, error: { error: { code: job.failure.type, message: job.failure.message } } };
}

// Run history's properties are strings; a spec's may hold anything a YAML file does.
function stringProperties(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
