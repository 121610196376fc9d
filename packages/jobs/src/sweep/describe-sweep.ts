import type { JobRecord } from '@lathe/core';
import type { SweepResource, SweepTrialResource } from '@lathe/api';
import { parseEarlyTermination, parseSamplingAlgorithm } from '@lathe/controllers';
import type { SweepJob } from '@lathe/spec';
import { scoreOf } from './sweep-controller.js';
import { readSweepState } from './sweep-state.js';
import type { TrialMetrics } from './trial-metrics.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * A sweep's progress as the API shows it: every trial it asked for with its status, parameters,
 * score and why it was stopped, best first, and the best trial. Read from the sweep's state, its
 * children and their primary metric, so it is the same view while running and after a restart.
 */
export async function describeSweep(job: JobRecord & { spec: SweepJob }, children: readonly JobRecord[], metrics: TrialMetrics): Promise<SweepResource> {
  const spec = job.spec;
  const goal = spec.objective.goal;
  const state = readSweepState(job.controllerState);
  const recorded = state?.trials ?? [];
  const byName = new Map(children.map((c) => [c.name, c]));
  const series = await metrics.series(
    job.workspace,
    recorded.map((t) => t.name),
    spec.objective.primary_metric,
  );
  const trials: SweepTrialResource[] = recorded.map((t, index) => {
    const child = byName.get(t.name);
    const values = series.get(t.name) ?? [];
    return {
      name: t.name,
      index,
      status: child?.status ?? 'NotStarted',
      parameters: t.parameters as Record<string, unknown>,
      score: scoreOf(values, goal) ?? null,
      intervals: values.length,
      stop_reason: t.stop?.reason ?? null,
      started_at: iso(child?.startedAt ?? null),
      ended_at: iso(child?.endedAt ?? null),
    };
  });
  const better = (a: number, b: number) => (goal === 'maximize' ? b - a : a - b);
  trials.sort((a, b) => (a.score === null || b.score === null ? (a.score === null ? 1 : 0) - (b.score === null ? 1 : 0) || a.index - b.index : better(a.score, b.score) || a.index - b.index));
  const algorithm = parseSamplingAlgorithm(spec.sampling_algorithm);
  const maxTotal = spec.limits?.max_total_trials ?? 1000;
  return {
    name: job.name,
    status: job.status,
    primary_metric: spec.objective.primary_metric,
    goal,
    sampling_algorithm: algorithm.type === 'random' && algorithm.rule === 'sobol' ? 'random (sobol)' : algorithm.type,
    early_termination: parseEarlyTermination(spec.early_termination)?.type ?? null,
    max_total_trials: maxTotal,
    max_concurrent_trials: Math.min(spec.limits?.max_concurrent_trials ?? maxTotal, maxTotal),
    best: state?.best ? { trial: state.best.trial, score: state.best.score, parameters: state.best.parameters as Record<string, unknown> } : null,
    trials,
  };
}
