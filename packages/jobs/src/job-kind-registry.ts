import { LatheError } from '@lathe/core';
import type { JobKindResource } from '@lathe/api';
import type { JobController } from '@lathe/scheduler';
import type { TrackingStore } from '@lathe/store';
import { commandKind } from './command-kind.js';
import type { JobKind } from './job-kind.js';
import { parallelKind } from './parallel/parallel-kind.js';
import { pipelineKind } from './pipeline/pipeline-kind.js';
import { sweepKind } from './sweep/sweep-kind.js';
import { trackingTrialMetrics } from './sweep/trial-metrics.js';

/** The kinds every server runs; controllers read their children's metrics from `tracking`. */
export function builtInJobKinds(tracking: Pick<TrackingStore, 'getMetricHistoryBulk'>): JobKind[] {
  return [commandKind, sweepKind(trackingTrialMetrics(tracking)), pipelineKind, parallelKind];
}

/** Azure ML job types this server does not run yet, named in the error a client gets. */
const NOT_YET = new Set(['automl', 'spark']);

/** The job kinds a server runs, by `type`. */
export class JobKindRegistry {
  private readonly kinds = new Map<string, JobKind>();

  constructor(kinds: readonly JobKind[]) {
    for (const kind of kinds) {
      if (this.kinds.has(kind.type)) throw new Error(`job kind '${kind.type}' is registered twice`);
      this.kinds.set(kind.type, kind);
    }
  }

  /** The kind for a spec's `type` (`command` when absent); `LATHE_INVALID_SPEC` for any other. */
  require(type: unknown, field: string): JobKind {
    const name = type === undefined ? 'command' : type;
    const kind = typeof name === 'string' ? this.kinds.get(name) : undefined;
    if (kind) return kind;
    const known = [...this.kinds.keys()].join(', ');
    const what = typeof name === 'string' && NOT_YET.has(name) ? `'${name}' jobs are not supported yet` : `'${String(name)}' is not a job type`;
    throw new LatheError('LATHE_INVALID_SPEC', `${field}.type: ${what}; this server runs: ${known}`, { details: { field: `${field}.type`, expected: known } });
  }

  /** Controllers by job type, for the scheduler. */
  controllers(): Map<string, JobController> {
    const out = new Map<string, JobController>();
    for (const kind of this.kinds.values()) if (kind.controller) out.set(kind.type, kind.controller);
    return out;
  }

  list(): JobKindResource[] {
    return [...this.kinds.values()].map((k) => ({ type: k.type, execution: k.controller ? 'controller' : 'backend', description: k.description }));
  }
}
