import type { JobStatus } from '@lathe/core';

/** One trial of a sweep, as `GET /jobs/{sweep}/sweep` lists it. */
export interface SweepTrialResource {
  /** The trial's job name, `<sweep>_<index>`. */
  name: string;
  /** The trial's index: the order the sampler asked for it. */
  index: number;
  /** The trial job's status; `NotStarted` for one recorded but not created yet. */
  status: JobStatus;
  /** The values the trial was given (a sub-space as a nested mapping). */
  parameters: Record<string, unknown>;
  /** Its best logged value of the primary metric per the goal; null until it logs one. */
  score: number | null;
  /** How many times it logged the primary metric (early termination's intervals). */
  intervals: number;
  /** Why the sweep stopped it (a policy, `trial_timeout`); null for a trial not stopped by the sweep. */
  stop_reason: string | null;
  started_at: string | null;
  ended_at: string | null;
}

/** A sweep job's progress: its objective, its best trial and every trial, best first. */
export interface SweepResource {
  name: string;
  status: JobStatus;
  primary_metric: string;
  goal: 'maximize' | 'minimize';
  /** `random`, `random (sobol)`, `grid` or `bayesian`. */
  sampling_algorithm: string;
  /** The policy type, or null when none (the NaN rule applies to every sweep). */
  early_termination: string | null;
  max_total_trials: number;
  max_concurrent_trials: number;
  /** The best trial so far (the sweep's outputs are its outputs); null before any trial scored. */
  best: { trial: string; score: number; parameters: Record<string, unknown> } | null;
  /** Sorted by score per the goal; trials without a score follow, in the order they were asked for. */
  trials: SweepTrialResource[];
}
