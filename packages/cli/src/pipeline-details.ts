import type { JobResource } from '@lathe/api';
import { formatDuration, table } from './output.js';

/** A step's name within its pipeline: the child job's name less the `<pipeline>_` prefix. */
export function stepName(pipeline: string, child: JobResource): string {
  return child.name.startsWith(`${pipeline}_`) ? child.name.slice(pipeline.length + 1) : child.name;
}

/**
 * What `lathe job show` adds for a pipeline: its steps (started so far), with their jobs and
 * states; a step that reused an earlier run's outputs says which job's.
 */
export function pipelineStepsText(pipeline: JobResource, children: readonly JobResource[]): string {
  const declared = Object.keys((pipeline.spec.jobs ?? {}) as Record<string, unknown>);
  const byStep = new Map(children.map((c) => [stepName(pipeline.name, c), c]));
  const rows = declared.map((step) => ({ step, job: byStep.get(step) }));
  return `Steps:\n${table(rows, [
    { header: 'Step', value: (r) => r.step },
    { header: 'Job', value: (r) => r.job?.name ?? '' },
    { header: 'Status', value: (r) => r.job?.status ?? 'not started' },
    { header: 'Reused', value: (r) => (r.job?.reused_from ? `from ${r.job.reused_from}` : '') },
    { header: 'Duration', value: (r) => formatDuration(r.job?.duration_seconds ?? null) },
    { header: 'Error', value: (r) => r.job?.error?.message.split('\n')[0] ?? '' },
  ])}`;
}
